/**
 * The extra capacity checked by simulation: for the midnight burst the figure measured under today's
 * ceiling is not enough once installed (responses come back sooner and bunch); the verified figure is,
 * at every second of every replication, and nothing is re-run for a day that fits.
 */
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/app/run-scenario.js';
import { verifyExtraCapacity } from '../../src/app/verify-extra.js';
import { extraPerSecond } from '../../src/stats/counterfactual.js';
import { onlySecure, quiet, shipped, variant, window } from '../helpers/scenarios.js';

const burst = async () =>
  variant(await shipped(), (d) => {
    quiet(d);
    onlySecure(d);
    d.placement = { kind: 'fixed', atS: 0, dispatchS: 60 };
    d.workload.srvsPerDay = 40_000;
    d.day.horizonS = 24 * 3600;
  });

describe('verifyExtraCapacity', () => {
  it('finds the extra TPS that holds once installed, more than the figure measured under today’s ceiling', async () => {
    const s = await burst();
    const opts = { seed: 5, replications: 2, workers: 0 };
    const { results } = await simulateScenario(s, opts);
    const measured = Math.max(...results.map((r) => extraPerSecond(r.capacities[0]!)));
    expect(measured).toBeGreaterThan(0);
    // installing only the measured figure leaves seconds above the raised ceiling
    const naive = variant(s, (d) => void (d.capacities[0]!.ceilingPerS += measured));
    const naiveRun = await simulateScenario(naive, opts);
    expect(Math.max(...naiveRun.results.map((r) => extraPerSecond(r.capacities[0]!)))).toBeGreaterThan(1);

    const [v] = await verifyExtraCapacity(s, results, opts);
    expect(v).toMatchObject({ capacity: 'secure', currency: 'transactions', converged: true, stillAbovePerS: 0 });
    expect(v!.extraPerS).toBeGreaterThan(measured);
    expect(v!.runs).toBeGreaterThanOrEqual(2);
    // an independent run with the verified figure installed: no second above, in any replication
    const fixed = variant(s, (d) => void (d.capacities[0]!.ceilingPerS += v!.extraPerS));
    const check = await simulateScenario(fixed, opts);
    expect(check.results.length).toBe(opts.replications);
    for (const r of check.results) expect(extraPerSecond(r.capacities[0]!)).toBeLessThanOrEqual(1e-9);
  }, 120_000);

  it('returns nothing, running nothing, when no second is above a ceiling', async () => {
    const s = variant(await shipped(), (d) => {
      quiet(d);
      onlySecure(d);
      window(d, 0, 86_400);
      d.workload.srvsPerDay = 20_000;
    });
    const { results } = await simulateScenario(s, { seed: 5, replications: 1, workers: 0 });
    expect(await verifyExtraCapacity(s, results, { seed: 5, replications: 1, workers: 0 })).toEqual([]);
  }, 60_000);
});
