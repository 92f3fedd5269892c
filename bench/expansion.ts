/**
 * Benchmark: the day's expansion two ways, interleaved under tinybench in one process — the plain
 * one (`expandDay`: a keyed draw per SR, then a sort of every key; the reference) and the ordered one
 * the simulation uses (`expandOrdered`: runs of SRs already ordered by their draws, merged). Both give
 * the same day (test/workload/expand-ordered.test.ts); the figure is the ratio of their medians, measured
 * in the same run. The SRs' draws the ordered one starts from are made once, untimed: they are shared
 * by every placement of a comparison. Writes reports/bench/expansion.json.
 *
 *   npx tsx bench/expansion.ts [--rounds 5]
 */
import { Bench } from 'tinybench';
import { KeyedRng } from '../src/engine/index.js';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { buildRoutes } from '../src/sim/routes.js';
import { wanDraws } from '../src/sim/scheduled-services.js';
import { drawSrs } from '../src/sim/sr-draws.js';
import { expandDay, expandOrdered } from '../src/workload/expand.js';
import { scheduleGroups } from '../src/workload/groups.js';
import { meanMs } from './interleave.js';
import { intArg, median, writeReport } from './report.js';

const rounds = intArg('rounds', 5);
const names = ['p1-peak-window', 'p0-midnight-burst', 'p7-custom-histogram'];
const rows = [];
for (const name of names) {
  const s = await loadScenarioOrThrow(`models/${name}.yaml`);
  const groups = scheduleGroups(s);
  const rng = new KeyedRng(s.seed, 0);
  const draws = drawSrs(rng, groups, buildRoutes(s, groups), wanDraws(s));
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  for (let r = 0; r < rounds; r++) {
    bench.add(`plain #${r}`, () => void expandDay(s, groups, rng));
    bench.add(`ordered #${r}`, () => void expandOrdered(s, groups, draws));
  }
  await bench.run();
  const ms = (prefix: string) => Array.from({ length: rounds }, (_, r) => meanMs(bench, `${prefix} #${r}`));
  const plainMs = median(ms('plain'));
  const orderedMs = median(ms('ordered'));
  rows.push({ model: name, srs: s.workload.srvsPerDay, plainMs, orderedMs, orderedOverPlain: orderedMs / plainMs });
  console.log(`${name}: plain ${plainMs.toFixed(0)} ms, ordered ${orderedMs.toFixed(0)} ms (median of ${rounds}; ordered ÷ plain ${(orderedMs / plainMs).toFixed(2)})`);
}
console.log(`written ${writeReport('expansion', { rounds, rows })}`);
