/**
 * The M/M/c queue built from the engine's parts — Simulator (events), Resource (servers) and
 * KeyedRng (draws) — as the engine's end-to-end check against Erlang C and as a benchmark.
 *
 * Customers 0 … warmup+customers−1 arrive as the simulator's stream (a Poisson process drawn up
 * front); each departure is a scheduled event. Only customers from index warmupCustomers on are
 * measured. Draws are keyed by customer, so a customer's gap and service time never depend on
 * the order in which events happen.
 */
import { KeyedRng } from './rng.js';
import { Resource } from './resource.js';
import { type EventHandler, Simulator } from './simulator.js';
import { TICKS_PER_S, ticksFromS } from './time.js';

export interface MmcOptions {
  servers: number;
  /** λ, customers per second. */
  arrivalRate: number;
  /** μ, services per second per server. */
  serviceRate: number;
  /** Customers measured, after the warm-up ones. */
  customers: number;
  seed: number;
  replication: number;
  /** Customers simulated first and left out of the measures (the empty start's transient). */
  warmupCustomers: number;
}

export interface MmcResult {
  /** Mean time in queue Wq of the measured customers, in seconds. */
  meanWait: number;
  /** Share of measured customers that found every server busy: P(wait). */
  probWait: number;
  /** Time-average number waiting Lq, from the first measured arrival to the last event. */
  meanQueueLength: number;
  /** Events the simulator delivered (arrivals + departures, warm-up included). */
  events: number;
}

const ARRIVE = 0;
const DEPART = 1;
// Departures before arrivals at the same tick, so an arrival sees the server just freed.
const P_DEPART = 0;
const P_ARRIVE = 1;
const GAP = 0; // draw purposes
const SERVICE = 1;

class MmcModel implements EventHandler {
  waitTicksSum = 0;
  waited = 0;
  queueAreaTicks = 0; // ∫ queue length dt over the measured period
  private lastTick = 0;
  private readonly measureFromTick: number;

  constructor(
    private readonly sim: Simulator,
    private readonly servers: Resource,
    private readonly rng: KeyedRng,
    private readonly arrivalsTick: Float64Array,
    private readonly meanServiceS: number,
    private readonly warmup: number,
  ) {
    this.measureFromTick = arrivalsTick[warmup]!;
  }

  handle(kind: number, customer: number, timeTick: number): void {
    // Before the state changes: the queue length held constant since the previous event.
    const from = Math.max(this.lastTick, this.measureFromTick);
    if (timeTick > from) this.queueAreaTicks += this.servers.queueLength * (timeTick - from);
    this.lastTick = timeTick;
    if (kind === ARRIVE) {
      if (this.servers.request(customer)) this.startService(customer, timeTick);
      else if (customer >= this.warmup) this.waited++;
    } else {
      const next = this.servers.release();
      if (next >= 0) this.startService(next, timeTick);
    }
  }

  private startService(customer: number, timeTick: number): void {
    if (customer >= this.warmup) this.waitTicksSum += timeTick - this.arrivalsTick[customer]!;
    const serviceS = this.rng.exp(this.meanServiceS, 0, customer, SERVICE, 0);
    this.sim.schedule(timeTick + ticksFromS(serviceS), P_DEPART, DEPART, customer);
  }
}

function checkOptions(o: MmcOptions): void {
  for (const name of ['arrivalRate', 'serviceRate'] as const) {
    if (!(o[name] > 0 && o[name] < Infinity)) throw new RangeError(`runMmc: ${name} must be > 0, got ${o[name]}`);
  }
  if (!Number.isSafeInteger(o.customers) || o.customers < 1) {
    throw new RangeError(`runMmc: customers must be a positive integer, got ${o.customers}`);
  }
  if (!Number.isSafeInteger(o.warmupCustomers) || o.warmupCustomers < 0) {
    throw new RangeError(`runMmc: warmupCustomers must be an integer ≥ 0, got ${o.warmupCustomers}`);
  }
  if (o.customers + o.warmupCustomers >= 2 ** 31) throw new RangeError('runMmc: at most 2^31 − 1 customers in all');
}

/** One replication of M/M/c from an empty system. @throws RangeError on a bad option, naming it. */
export function runMmc(o: MmcOptions): MmcResult {
  checkOptions(o);
  const total = o.warmupCustomers + o.customers;
  const rng = new KeyedRng(o.seed, o.replication);
  const servers = new Resource(o.servers);
  // Arrival instants accumulate in seconds and round once each, so rounding never drifts.
  const arrivalsTick = new Float64Array(total);
  const meanGapS = 1 / o.arrivalRate;
  let atS = 0;
  for (let c = 0; c < total; c++) {
    atS += rng.exp(meanGapS, 0, c, GAP, 0);
    arrivalsTick[c] = ticksFromS(atS);
  }
  const sim = new Simulator();
  sim.setStream(arrivalsTick, ARRIVE, P_ARRIVE);
  const model = new MmcModel(sim, servers, rng, arrivalsTick, 1 / o.serviceRate, o.warmupCustomers);
  sim.run(model, Infinity);
  const measuredTicks = sim.now - arrivalsTick[o.warmupCustomers]!;
  return {
    meanWait: model.waitTicksSum / o.customers / TICKS_PER_S,
    probWait: model.waited / o.customers,
    meanQueueLength: measuredTicks > 0 ? model.queueAreaTicks / measuredTicks : 0,
    events: sim.eventsProcessed,
  };
}
