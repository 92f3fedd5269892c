/**
 * Benchmark: the day's expansion two ways, interleaved under tinybench in one process — the plain
 * one (`expandDay`, the test oracle: a keyed draw per SR, then a sort of every key) and the ordered one
 * the simulation uses (`expandOrdered`: runs of SRs already ordered by their draws, merged). Both give
 * the same day (test/workload/expand-ordered.test.ts); the figure is the ratio of their medians, measured
 * in the same run. The SRs' draws the ordered one starts from are made once, untimed: they are shared
 * by every placement of a comparison. Also the expansion followed by the SR table, as a day of a
 * comparison builds them, in fresh arrays or in arrays lent from the previous day (engine/scratch.ts).
 * Writes reports/bench/expansion.json.
 *
 *   npx tsx bench/experiments/expansion.ts [--rounds 5]
 */
import { Bench } from 'tinybench';
import { FRESH, KeyedRng, Scratch } from '../../src/engine/index.js';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import { expandOrdered } from '../../src/workload/expand.js';
import { scheduleGroups } from '../../src/workload/groups.js';
import { buildRoutes } from '../../src/workload/routes.js';
import { drawSrs, wanDraws } from '../../src/workload/sr-draws.js';
import { buildSrTable } from '../../src/workload/sr-table.js';
import { expandDay } from '../../test/oracles/expand-day.js';
import { meanMs } from '../interleave.js';
import { intArg, median, writeReport } from '../report.js';

const rounds = intArg('rounds', 5);
const names = ['p1-peak-window', 'p0-midnight-burst', 'p7-custom-histogram'];
const rows = [];
for (const name of names) {
  const s = await loadScenarioOrThrow(`models/${name}.yaml`);
  const groups = scheduleGroups(s);
  const rng = new KeyedRng(s.seed, 0);
  const draws = drawSrs(rng, groups, buildRoutes(s, groups), wanDraws(s));
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  const scratch = new Scratch();
  for (let r = 0; r < rounds; r++) {
    bench.add(`plain #${r}`, () => void expandDay(s, groups, rng));
    bench.add(`ordered #${r}`, () => void expandOrdered(s, groups, draws));
    // Expansion and records as a day builds them: arrays fresh each time, or lent by the previous day.
    bench.add(`records fresh #${r}`, () => void buildSrTable(expandOrdered(s, groups, draws, FRESH), draws, groups, FRESH));
    bench.add(`records lent #${r}`, () => void buildSrTable(expandOrdered(s, groups, draws, scratch), draws, groups, scratch));
  }
  await bench.run();
  const ms = (prefix: string) => Array.from({ length: rounds }, (_, r) => meanMs(bench, `${prefix} #${r}`));
  const plainMs = median(ms('plain'));
  const orderedMs = median(ms('ordered'));
  const freshMs = median(ms('records fresh'));
  const lentMs = median(ms('records lent'));
  rows.push({
    model: name,
    srs: s.workload.srvsPerDay,
    plainMs,
    orderedMs,
    orderedOverPlain: orderedMs / plainMs,
    withRecordsFreshMs: freshMs,
    withRecordsLentMs: lentMs,
    lentOverFresh: lentMs / freshMs,
  });
  console.log(
    `${name}: plain ${plainMs.toFixed(0)} ms, ordered ${orderedMs.toFixed(0)} ms (median of ${rounds}; ordered ÷ plain ${(orderedMs / plainMs).toFixed(2)}); ` +
      `ordered + records in fresh arrays ${freshMs.toFixed(0)} ms, in lent arrays ${lentMs.toFixed(0)} ms (lent ÷ fresh ${(lentMs / freshMs).toFixed(2)})`,
  );
}
console.log(`written ${writeReport('expansion', { rounds, rows })}`);
