// engine/: the domain-free discrete-event kernel — clock and ticks, event queue and simulator, keyed RNG,
// resources, rate ceilings, histograms. It knows nothing of smart metering and imports nothing from src/.
export { TICKS_PER_S, ticksFromS, sFromTicks, roundHalfUp } from './time.js';
export { KeyedRng } from './rng.js';
export { normalQuantile } from './normal-quantile.js';
export { EventQueue } from './event-queue.js';
export { Simulator, type EventHandler } from './simulator.js';
export { Resource } from './resource.js';
export type { ArrivalsAlone } from './arrivals-alone-record.js';
export { RateServer, type RateServerOptions, type Overflow } from './rate-server.js';
export { arrivalsAlone } from './arrivals-alone.js';
export { type ArrayLender, FRESH, Scratch } from './scratch.js';
export { Histogram } from './histogram.js';
export { runMmc, type MmcOptions, type MmcResult } from './mmc.js';
