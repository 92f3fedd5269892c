/**
 * Benchmark: whole placement-days with the SR records of parked events read a second ahead
 * (`EventHandler.warm`, the default) and without, interleaved under tinybench in one process, the
 * draws shared as in a comparison task. A retry comes an hour after its SR's record was last read;
 * read on delivery, the record is a cache miss the event loop waits for, read while the bucket is
 * released, the misses of a whole bucket overlap. Both must give the same figures (checked here;
 * test/sim/warm.test.ts compares whole results). The figure is the ratio of the medians.
 * Writes reports/bench/warm.json.
 *
 *   npx tsx bench/warm.ts [--rounds 3]
 */
import { Bench } from 'tinybench';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { SharedDraws } from '../src/sim/capacities.js';
import { runReplication } from '../src/sim/run-replication.js';
import { figureValues } from '../src/stats/figures.js';
import { replicationFigures } from '../src/stats/summarise.js';
import { meanMs } from './interleave.js';
import { intArg, median, writeReport } from './report.js';

const rounds = intArg('rounds', 3);
const rows = [];
for (const name of ['p1-peak-window', 'p3-late-evening', 'p5-whole-day']) {
  const s = await loadScenarioOrThrow(`models/${name}.yaml`);
  const shared = new SharedDraws();
  const day = (warm: boolean) => runReplication(s, { seed: s.seed, replication: 0, shared, warm });
  const figures = (warm: boolean) => JSON.stringify(figureValues(s, replicationFigures(s, day(warm))));
  // The first day draws what the task shares (untimed); then both ways must agree.
  if (figures(true) !== figures(false)) throw new Error(`${name}: figures differ with and without warm`);
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  for (let r = 0; r < rounds; r++) {
    bench.add(`cold #${r}`, () => void day(false));
    bench.add(`warm #${r}`, () => void day(true));
  }
  await bench.run();
  const ms = (prefix: string) => median(Array.from({ length: rounds }, (_, r) => meanMs(bench, `${prefix} #${r}`)));
  const coldMs = ms('cold');
  const warmMs = ms('warm');
  rows.push({ model: name, coldMs, warmMs, warmOverCold: warmMs / coldMs });
  console.log(`${name}: records read on delivery ${coldMs.toFixed(0)} ms, a second ahead ${warmMs.toFixed(0)} ms (warm ÷ cold ${(warmMs / coldMs).toFixed(2)}, medians of ${rounds})`);
}
console.log(`written ${writeReport('warm', { rounds, rows })}`);
