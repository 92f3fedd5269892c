/**
 * Counterfactual extra capacity: the midnight burst against its hand calculation, zero for a day that
 * fits, cost = Δ × price, the fluid (deterministic-rate) figure, and the per-second / per-hour maxima.
 */
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/app/run-scenario.js';
import { dlmsMean } from '../../src/model/types.js';
import type { CapacitySeries } from '../../src/sim/run-replication.js';
import { replicationFigures } from '../../src/stats/summarise.js';
import { counterfactual, extraPerClockHour, extraPerSecond, fluidExtra } from '../../src/stats/counterfactual.js';
import { onlySecure, quiet, shipped, variant, window } from '../helpers/scenarios.js';

/** Φ via Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Commands of every read: an attempt takes READ round trips of one lognormal draw. */
const READ = 7;

const midnight = async (n: number) =>
  variant(await shipped(), (d) => {
    quiet(d);
    onlySecure(d);
    d.placement = { kind: 'fixed', atS: 0, dispatchS: 60 };
    d.workload.srvsPerDay = n;
    for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: READ };
  });

describe('counterfactual: all SRs at midnight, dispatched over 60 s', () => {
  it('matches the hand calculation: ΔTPS = peak offered 1 s − 450 ≈ N/60 + responses by 0:59 − 450', async () => {
    const s = await midnight(270_000);
    const { summary, results } = await simulateScenario(s, { workers: 0, replications: 2 });
    const [cf] = counterfactual(s, results);
    const cap = s.capacities[0];
    if (!cf || !cap || s.placement.kind !== 'fixed') throw new Error('unexpected scenario');
    // Exact identity: the ceiling is constant (no maintenance), so max(offered − 450) = peak 1 s − 450.
    for (const r of results) {
      const c = r.capacities[0] as CapacitySeries;
      expect(extraPerSecond(c)).toBe((replicationFigures(s, r).capacities[0]?.peakOffered1s ?? Number.NaN) - cap.ceilingPerS);
    }
    expect(cf.extraPerS.mean).toBeCloseTo((summary.capacities[0]?.figures.peakOffered1s.mean ?? 0) - cap.ceilingPerS, 9);
    expect(cf.extraPerS.n).toBe(2);
    expect(cf.extraPerS.halfWidth).not.toBeNull();
    // By hand. Requests: N = 270,000 SRs × 1 request, released uniformly over D = 60 s → N/D = 4,500/s, all
    // offered inside seconds 0–59, so the busiest second has at least their mean: ΔTPS ≥ 4,500 − 450 = 4,050.
    const n = s.workload.srvsPerDay;
    const D = s.placement.dispatchS;
    const requestsPerS = (n * s.workload.mix.reduce((a, m) => a + m.share * (s.srvs.find((x) => x.id === m.srv)?.requestsPerSr ?? 0), 0)) / D;
    expect(requestsPerS).toBe(4500);
    // Responses: Secure serves the queued requests at C = 450/s from t = 0; each response comes back after the
    // MOC wake-up (30 s) plus 7 round trips of one lognormal draw (median 3 s, p95 16 s per command: the
    // attempt's median 21 s, its quantiles 7× the command's), so in second 59 the response rate is
    // C × F(59.5 − 30) ≈ 450 × 0.63 ≈ 284/s. Peak ≈ 4,500 + 284 at 0:59 → ΔTPS ≈ 4,334.
    const { roundTripMedianS: med, roundTripP95S: p95 } = s.behaviour.wan;
    const wake = s.cohorts.find((c) => c.id === 'MOC')?.wakeUpS ?? 0;
    const F = (x: number) => normalCdf(Math.log(x / (READ * med)) / (Math.log(p95 / med) / 1.6448536)); // lognormal CDF of READ·ρ
    const expected = requestsPerS + cap.ceilingPerS * F(D - 0.5 - wake) - cap.ceilingPerS;
    expect(expected).toBeGreaterThan(4300);
    expect(expected).toBeLessThan(4360);
    // Tolerance: per-second counts are binomial/Poisson, σ ≈ √(4,500 + 288) ≈ 69; the peak is the largest of
    // the last ~20 seconds (≈ +1–2.5σ). Stated tolerance: the strict lower bound below, 5σ above.
    const sigma = Math.sqrt(requestsPerS + cap.ceilingPerS * F(D - 0.5 - wake));
    for (const r of results) {
      const delta = extraPerSecond(r.capacities[0] as CapacitySeries);
      expect(delta).toBeGreaterThanOrEqual(requestsPerS - cap.ceilingPerS);
      expect(delta).toBeLessThanOrEqual(expected + 5 * sigma);
      expect(Math.abs(delta - expected)).toBeLessThanOrEqual(5 * sigma);
    }
    // Fluid: every SR's request + response inside the 60 s → 270,000 × 2 / 60 − 450 = 8,550 TPS.
    expect(cf.fluidExtraPerS).toBeCloseTo((270_000 * 2) / 60 - 450, 6);
    expect(cf.costPerMonthGbp).toBeNull();
    expect(cf.note).toMatch(/no price in the model/);
  });

  it('fluid figures of the shipped P0 (2.7M, baseline on): 5.4M/60 + 225 − 450 TPS; DCO per second and per hour', async () => {
    const p0 = await shipped('p0-midnight-burst');
    const secure = p0.capacities[0];
    const dco = p0.capacities[1];
    if (!secure || !dco) throw new Error('unexpected scenario');
    // Baseline at 00:00: peak-utilisation 0.5 × 450 = 225 TPS (midnight is the busiest hour of the shape).
    expect(secure.baseline.ratePerS[0]).toBeCloseTo(0.5 * 450, 9);
    expect(fluidExtra(p0, 0).perS).toBeCloseTo(5_400_000 / 60 + 225 - 450, 6); // 89,775
    // DCO: 2.7M × (½·6 + ½·9.5 = 7.75 DLMS) = 20.925M in the first minute; the hour adds its baseline.
    const dlmsPerSr = p0.workload.mix.reduce((a, m) => a + m.share * dlmsMean(p0.srvs.find((x) => x.id === m.srv)?.dlms ?? { kind: 'fixed', value: 0 }), 0);
    expect(dlmsPerSr).toBe(7.75);
    const base0 = dco.baseline.ratePerS[0] ?? 0;
    const fluid = fluidExtra(p0, 1);
    expect(fluid.perS).toBeCloseTo((2_700_000 * 7.75) / 60 + base0 - dco.ceilingPerS, 6);
    const hour0 = 2_700_000 * 7.75 + 3600 * (dco.baseline.bucketS === 3600 ? base0 : 0) - 3600 * dco.ceilingPerS;
    if (dco.baseline.bucketS === 3600) expect(fluid.perHour).toBeCloseTo(Math.max(0, hour0), 3);
  });
});

describe('counterfactual: a day that fits, and prices', () => {
  it('needs no extra capacity for 50k SRs uniform over 24 h (baseline on)', async () => {
    const s = variant(await shipped(), (d) => {
      d.workload.srvsPerDay = 50_000;
      window(d, 0, 86_400);
      d.day.horizonS = 30 * 3600;
      d.costs = { perTpsMonthGbp: 120, perMillionDlmsPerHourMonthGbp: 5000 };
    });
    const { results } = await simulateScenario(s, { workers: 0, replications: 2 });
    const cf = counterfactual(s, results);
    expect(cf.map((c) => [c.capacity, c.extraPerS.mean, c.extraPerHour?.mean ?? null, c.costPerMonthGbp?.mean])).toEqual([
      ['secure', 0, null, 0],
      ['dco', 0, 0, 0],
    ]);
    expect(cf.every((c) => c.fluidExtraPerS === 0)).toBe(true);
  });

  it('costs Δ × price a month and 12 × that a year: per TPS, and per million DLMS/h', async () => {
    const withDco = variant(await shipped(), (d) => {
      quiet(d);
      d.placement = { kind: 'fixed', atS: 0, dispatchS: 60 };
      d.workload.srvsPerDay = 100_000;
      d.day.horizonS = 30 * 3600;
      (d.capacities[1] as { ceilingPerS: number }).ceilingPerS = 10; // 36,000 DLMS/h against ≈ 775,000 offered
      d.costs = { perTpsMonthGbp: 120, perMillionDlmsPerHourMonthGbp: 5000 };
    });
    const { results } = await simulateScenario(withDco, { workers: 0 });
    const [secure, dco] = counterfactual(withDco, results);
    if (!secure || !dco?.extraPerHour) throw new Error('unexpected counterfactual');
    expect(secure.extraPerS.mean).toBeGreaterThan(1000);
    expect(secure.costPerMonthGbp?.mean).toBeCloseTo(secure.extraPerS.mean * 120, 6);
    expect(secure.costPerYearGbp?.mean).toBeCloseTo(secure.extraPerS.mean * 120 * 12, 6);
    expect(secure.note).toMatch(/£120 per TPS per month/);
    // Every SR's first command reaches the DCO in the first minute (its later ones follow its round
    // trips, spread by the queue): the first hour holds at least 100,000 − 36,000 above the ceiling.
    expect(dco.extraPerHour.mean).toBeGreaterThan(100_000 - 36_000);
    expect(dco.costPerMonthGbp?.mean).toBeCloseTo((dco.extraPerHour.mean / 1e6) * 5000, 6);
    expect(dco.costPerYearGbp?.mean).toBeCloseTo((dco.extraPerHour.mean / 1e6) * 5000 * 12, 6);
  });
});

describe('extra per second and per clock hour of a series', () => {
  const series = (ceiling: number[], baseline: number[], scheduled: number[]): CapacitySeries => {
    const z = () => new Float64Array(ceiling.length);
    return {
      id: 'x',
      component: 'x',
      currency: 'dlms',
      baselineMode: 'none',
      ceilingPerS: Float64Array.from(ceiling),
      offeredPerS: [Float64Array.from(baseline), Float64Array.from(scheduled)],
      carriedPerS: [z(), z()],
      rejectedPerS: [z(), z()],
    };
  };
  it('takes the largest excess, 0 when never above, and counts a maintenance second (ceiling 0) in full', () => {
    expect(extraPerSecond(series([10, 10, 10], [1, 2, 3], [0, 20, 0]))).toBe(12);
    expect(extraPerSecond(series([10, 10], [1, 2], [0, 0]))).toBe(0);
    expect(extraPerSecond(series([10, 0], [1, 2], [0, 0]))).toBe(2);
  });
  it('per clock hour nets the excess against the spare capacity of the same hour', () => {
    const ceiling = new Array(7200).fill(2);
    const offered = new Array(7200).fill(0);
    offered[10] = 7000; // hour 0: 7,000 − 7,200 → fits
    offered[3600] = 7300; // hour 1: 7,300 + 3,599 × 1 − 7,200 = 3,699
    for (let i = 3601; i < 7200; i++) offered[i] = 1;
    const s = series(ceiling, new Array(7200).fill(0), offered);
    expect(extraPerClockHour(s)).toBe(3699);
    expect(extraPerSecond(s)).toBe(7298);
  });
});
