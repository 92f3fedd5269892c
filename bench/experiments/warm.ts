/**
 * Experiment: whole placement-days with the SR records of parked events read a second ahead
 * (`EventHandler.warm`, what the simulator does) and without (`new Simulator({ warm: false })`),
 * interleaved under tinybench in one process, the draws shared as in a comparison task. A retry comes
 * an hour after its SR's record was last read; read on delivery, the record is a cache miss the event
 * loop waits for, read while the bucket is released, the misses of a whole bucket overlap. Both must
 * give the same counters (checked here; the engine's own test shows warm changes no event or order).
 * The figure is the ratio of the medians. Writes reports/bench/warm.json.
 *
 *   npx tsx bench/experiments/warm.ts [--rounds 3]
 */
import { Bench } from 'tinybench';
import { KeyedRng, Simulator, TICKS_PER_S } from '../../src/engine/index.js';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import type { Scenario } from '../../src/model/types.js';
import { SharedDraws, setupCapacity } from '../../src/sim/capacities.js';
import { newMetrics } from '../../src/sim/metrics.js';
import { K_ACTIVATE, P_ACTIVATE, ScheduledServices } from '../../src/sim/scheduled-services.js';
import { prepareDay } from '../../src/workload/day.js';
import { meanMs } from '../interleave.js';
import { intArg, median, writeReport } from '../report.js';

/** One day's scheduled services, as runReplication runs them, with or without warm; its counters. */
function day(s: Scenario, shared: SharedDraws, warm: boolean): string {
  const rng = new KeyedRng(s.seed, 0);
  const prepared = prepareDay(s, rng, shared);
  const horizonS = Math.ceil(s.day.horizonS);
  const caps = s.capacities.map((c) => setupCapacity(s, c, rng, { cache: shared, seed: s.seed, replication: 0 }));
  const metrics = newMetrics(horizonS, s.cohorts.length, caps.length);
  const sim = new Simulator({ warm });
  const model = new ScheduledServices(s, sim, rng, prepared.routes, prepared.srs, caps, metrics);
  sim.setStream(prepared.srs.activationTicks, K_ACTIVATE, P_ACTIVATE);
  sim.run(model, horizonS * TICKS_PER_S - 1);
  return JSON.stringify(metrics.counters);
}

const rounds = intArg('rounds', 3);
const rows = [];
for (const name of ['p1-peak-window', 'p3-late-evening', 'p5-whole-day']) {
  const s = await loadScenarioOrThrow(`models/${name}.yaml`);
  const shared = new SharedDraws();
  // The first day draws what the task shares (untimed); then both ways must agree.
  if (day(s, shared, true) !== day(s, shared, false)) throw new Error(`${name}: counters differ with and without warm`);
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  for (let r = 0; r < rounds; r++) {
    bench.add(`cold #${r}`, () => void day(s, shared, false));
    bench.add(`warm #${r}`, () => void day(s, shared, true));
  }
  await bench.run();
  const ms = (prefix: string) => median(Array.from({ length: rounds }, (_, r) => meanMs(bench, `${prefix} #${r}`)));
  const coldMs = ms('cold');
  const warmMs = ms('warm');
  rows.push({ model: name, coldMs, warmMs, warmOverCold: warmMs / coldMs });
  console.log(`${name}: records read on delivery ${coldMs.toFixed(0)} ms, a second ahead ${warmMs.toFixed(0)} ms (warm ÷ cold ${(warmMs / coldMs).toFixed(2)}, medians of ${rounds})`);
}
console.log(`written ${writeReport('warm', { rounds, rows })}`);
