import { describe, expect, it } from 'vitest';
import { runKernel } from '../../bench/calibration.js';
import { median } from '../../bench/report.js';
import { parseWorkers, scalingRows } from '../../bench/scaling.js';

/** Erlang C mean wait Wq of M/M/c. */
function erlangCWait(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) sum += term *= a / k;
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last) / (c * mu - lambda);
}

describe('calibration kernel', () => {
  it('processes one arrival and one departure per customer, deterministically per seed', () => {
    const a = runKernel({ customers: 50_000, seed: 3 });
    expect(a.events).toBe(100_000);
    expect(runKernel({ customers: 50_000, seed: 3 })).toEqual(a);
    expect(runKernel({ customers: 50_000, seed: 4 }).meanWait).not.toBe(a.meanWait);
  });

  it('is a correct M/M/c queue: mean wait near Erlang C (c=10, λ=8, μ=1)', () => {
    const expected = erlangCWait(10, 8, 1); // ≈ 0.2052 s
    const got = [1, 2, 3].map((seed) => runKernel({ customers: 200_000, seed }).meanWait);
    expect(Math.abs(median(got) - expected) / expected).toBeLessThan(0.08);
  });
});

describe('bench helpers', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('parses worker lists', () => {
    expect(parseWorkers('1,2,4,8,16')).toEqual([1, 2, 4, 8, 16]);
    expect(parseWorkers('0, 2')).toEqual([0, 2]);
    expect(() => parseWorkers('1,x')).toThrow();
  });

  it('computes speed-up and efficiency over the first count listed', () => {
    const run = (workers: number, wallS: number) => ({ workers, wallS, events: 100, cpuS: wallS, eventsPerS: 100 / wallS, summaryJson: '{}', kernelEventsPerS: 50 });
    const rows = scalingRows([run(1, 10), run(2, 5.5), run(4, 3)]);
    expect(rows.map((r) => Number(r.speedup.toFixed(3)))).toEqual([1, 1.818, 3.333]);
    expect(rows[2]!.efficiency).toBeCloseTo(3.333 / 4, 3);
    expect(rows[1]!.referenceSpeedup).toBe(1.91);
  });
});
