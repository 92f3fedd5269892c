/**
 * compareScenarios on small clones of P0 (midnight burst), P1 (00:00–06:00) and P2 (06:00–12:00):
 * deterministic under common random numbers, independent of the order of the inputs, breaching
 * placements rank below fitting ones, and paired differences are tighter than two independent
 * intervals wherever the two scenarios share their randomness.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareScenarios, compareTasks } from '../../src/app/compare.js';
import { comparisonJson } from '../../src/report/compare/files.js';
import { type Comparison, rankOrder } from '../../src/stats/comparison.js';
import type { Scenario } from '../../src/model/types.js';
import { small } from '../helpers/compare-small.js';

let p0: Scenario;
let p1: Scenario;
let p2: Scenario;
let three: Comparison;

beforeAll(async () => {
  [p0, p1, p2] = await Promise.all([small('p0-midnight-burst'), small('p1-peak-window'), small('p2-morning')]);
  three = await compareScenarios([p2, p0, p1], { seed: 7, replications: 3, workers: 0 });
}, 120_000);

const diff = (c: Comparison, scenario: string, key: string) => c.differences.find((d) => d.scenario === scenario && d.key === key);

describe('compareScenarios', () => {
  it('gives identical JSON when run twice, and the same ranking with the inputs swapped', async () => {
    const opts = { seed: 3, replications: 2, workers: 0 };
    const a = await compareScenarios([p0, p2], opts);
    const b = await compareScenarios([p0, p2], opts);
    expect(comparisonJson(b)).toBe(comparisonJson(a));
    const swapped = await compareScenarios([p2, p0], opts);
    expect(swapped.ranking).toEqual(a.ranking);
    // The paired difference is the same difference seen from the other side.
    expect(diff(swapped, 'p0-midnight-burst', 'securePeak1min')?.paired.mean).toBeCloseTo(-(diff(a, 'p2-morning', 'securePeak1min')?.paired.mean as number), 9);
  }, 120_000);

  it('splits the work by replication, scenarios grouped to keep every worker busy', () => {
    const shape = (workers: number, r: number) => compareTasks([p0, p1, p2], 1, r, workers).map((t) => `${t.replication}:${t.indices.join('')}`);
    expect(shape(2, 3)).toEqual(['0:012', '1:012', '2:012']);
    expect(shape(2, 1)).toEqual(['0:01', '0:2']);
    expect(shape(8, 2)).toEqual(['0:0', '0:1', '0:2', '1:0', '1:1', '1:2']);
  });

  it('gives the same comparison in this thread and on a pool of 2, whatever the task split', async () => {
    const pooled = await compareScenarios([p2, p0, p1], { seed: 7, replications: 3, workers: 2 });
    expect(comparisonJson(pooled)).toBe(comparisonJson(three));
    expect(pooled.tpsByMinute).toEqual(three.tpsByMinute);
    const split = await compareScenarios([p2, p0, p1], { seed: 7, replications: 3, workers: 4 }); // two groups per replication
    expect(comparisonJson(split)).toBe(comparisonJson(three));
  }, 180_000);

  it('ranks the midnight burst (above the ceiling) below the placements that fit', () => {
    expect(three.ranking.map((r) => [r.rank, r.scenario, r.feasible])).toEqual([
      [1, 'p2-morning', true],
      [2, 'p1-peak-window', true],
      [3, 'p0-midnight-burst', false],
    ]);
    const burst = three.ranking[2]?.figures;
    expect(burst?.secureSecondsAbove?.mean).toBeGreaterThan(0);
    expect(burst?.securePeak1s?.mean).toBeGreaterThan(450);
    expect(burst?.secureMinHeadroom1s?.mean).toBeLessThan(0);
    expect(three.ranking[0]?.figures.dcoSharePeakWindow?.mean).toBe(0);
    expect(burst?.dcoSharePeakWindow?.mean).toBeGreaterThan(0.7); // the rest are retries after 06:00
  });

  it('orders feasible first, then by minimum headroom, then by p99, then by name', () => {
    const row = (scenario: string, feasible: boolean, headroom: number, p99: number) => ({
      scenario,
      title: '',
      rank: 0,
      feasible,
      figures: { secureMinHeadroom1s: { mean: headroom, halfWidth: null, n: 1 }, completionP99S: { mean: p99, halfWidth: null, n: 1 } },
    });
    const rows = [row('e', false, 300, 1), row('d', true, 10, 5), row('c', true, 10, 4), row('b', true, 50, 9), row('a', true, 10, 4)];
    expect([...rows].sort(rankOrder).map((r) => r.scenario)).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('paired differences (common random numbers) are tighter than unpaired intervals, R = 3', () => {
    const shown = three.differences.map(
      (d) => `${d.scenario} − ${d.reference} ${d.key}: ${d.paired.mean.toFixed(3)} ± ${d.paired.halfWidth?.toFixed(4)} paired, ± ${d.unpairedHalfWidth?.toFixed(4)} unpaired`,
    );
    console.log(`Paired vs unpaired 95% half-widths, R = 3:\n${shown.join('\n')}`);
    // P1 and P2 both peak in the baseline's busiest second and keep the same baseline arrivals: the
    // baseline noise cancels in the pair. (Peaks at different times — P0 against P2 — share nothing,
    // and there the paired interval is no tighter: it has R − 1 degrees of freedom, not 2R − 2.)
    for (const key of ['securePeak1s', 'secureMaxBacklog']) {
      const d = diff(three, 'p1-peak-window', key);
      expect(d?.paired.halfWidth as number, key).toBeLessThan(d?.unpairedHalfWidth as number);
    }
    // Every SR keeps its WAN outcomes: the share within the TRT is the same SRs in every placement.
    for (const s of ['p0-midnight-burst', 'p1-peak-window']) {
      const d = diff(three, s, 'withinTrt');
      expect(d?.paired.halfWidth as number, s).toBeLessThan(d?.unpairedHalfWidth as number);
    }
  });
});
