/**
 * Counterfactual capacity: how much more each ceiling would need for the offered load to stay within it
 * at every second (and, for DLMS, every clock hour), and what that would cost. Pure functions.
 *
 * Simulated: per replication Δ/s = max over seconds of (offered − ceiling), floored at 0; for a DLMS
 * capacity also Δ/h = max over clock hours of (offered in the hour − the hour's ceiling), ≥ 0; then mean ±
 * 95% t-interval. It is measured on the load offered under the present ceiling: a queue there delays
 * what follows a queued request (the responses), so with Δ installed the responses could come sooner and
 * bunch more. Read it with the fluid figure beside it; `check` re-simulates it installed (app/verify-extra.ts).
 *
 * Fluid (a deterministic-rate analysis, the PIA's view; workload/fluid-day.ts): every SR's transactions
 * (request + response, or request + S1VE12 alert) and first-attempt DLMS commands land at its placement
 * instant, spread evenly over the placement, on top of the baseline profile's rate. Hand calculation, P0 (all 2.7M SRs at 00:00
 * dispatched over 60 s, 50/50 SRV 4.3 / 4.4.3, one request + one response each, all to Secure):
 *   2.7M × 2 = 5.4M transactions / 60 s = 90,000 TPS; + baseline at 00:00 (225 TPS at 50% peak
 *   utilisation; 0 without baseline) − 450 → ΔTPS = 89,550 without baseline, 89,775 with it.
 * The simulated Δ of the same day is far smaller (≈ 2.7M/60 + responses − 450): requests reach Secure at
 * 45,000/s, but responses follow only as Secure serves the queued requests at 450/s.
 */
import { DAY_S, type Scenario } from '../model/types.js';
import { baselineRateAt } from '../sim/baseline.js';
import type { CapacitySeries, ReplicationResult } from '../sim/run-replication.js';
import { fluidDay, fluidRatePerS } from '../workload/fluid-day.js';
import { offeredTotal } from './capacity-figures.js';
import { type Interval, tInterval } from './t-interval.js';

export interface Counterfactual {
  readonly capacity: string;
  readonly component: string;
  readonly currency: 'transactions' | 'dlms';
  /** Extra units per second (TPS, or DLMS/s) so that no second is above the ceiling. */
  readonly extraPerS: Interval;
  /** DLMS capacities: extra DLMS commands per hour so that no clock hour is above the ceiling. */
  readonly extraPerHour?: Interval;
  readonly fluidExtraPerS: number;
  readonly fluidExtraPerHour?: number;
  /** Monthly / yearly cost of the extra capacity (per TPS, or per million DLMS/h); null when unpriced. */
  readonly costPerMonthGbp: Interval | null;
  readonly costPerYearGbp: Interval | null;
  readonly note: string;
}

/** max over seconds of (offered − ceiling), ≥ 0. */
export function extraPerSecond(c: CapacitySeries): number {
  const offered = offeredTotal(c);
  let worst = 0;
  for (let i = 0; i < offered.length; i++) worst = Math.max(worst, (offered[i] ?? 0) - (c.ceilingPerS[i] ?? 0));
  return worst;
}

/** max over clock hours of (offered in the hour − ceiling summed over the hour), ≥ 0. */
export function extraPerClockHour(c: CapacitySeries): number {
  const offered = offeredTotal(c);
  let worst = 0;
  for (let start = 0; start < offered.length; start += 3600) {
    let excess = 0;
    for (let i = start; i < Math.min(offered.length, start + 3600); i++) excess += (offered[i] ?? 0) - (c.ceilingPerS[i] ?? 0);
    worst = Math.max(worst, excess);
  }
  return worst;
}

/**
 * Fluid offered rate of capacity `k` per second of the scheduled day (longer when a placement runs past
 * 24:00): the baseline profile's rate plus the fluid day's added load (workload/fluid-day.ts).
 */
export function fluidOfferedPerS(s: Scenario, k: number): Float64Array {
  const cap = s.capacities[k];
  const load = fluidDay(s)[k];
  if (!cap || !load) throw new RangeError(`no capacity ${k}`);
  const end = load.parts.reduce((a, p) => Math.max(a, p.startS + p.lengthS), 0);
  const rate = fluidRatePerS(load, Math.max(DAY_S, Math.ceil(end) + 1));
  for (let i = 0; i < rate.length; i++) rate[i] = (rate[i] as number) + baselineRateAt(cap.baseline, i);
  return rate;
}

/** Fluid extra per second and per clock hour of capacity `k` (maintenance windows have ceiling 0). */
export function fluidExtra(s: Scenario, k: number): { perS: number; perHour: number } {
  const cap = s.capacities[k];
  if (!cap) throw new RangeError(`no capacity ${k}`);
  const rate = fluidOfferedPerS(s, k);
  const ceilingAt = (i: number) => (cap.maintenance.some((w) => i % DAY_S >= w.startS && i % DAY_S < w.endS) ? 0 : cap.ceilingPerS);
  let perS = 0;
  let perHour = 0;
  for (let start = 0; start < rate.length; start += 3600) {
    let excess = 0;
    for (let i = start; i < Math.min(rate.length, start + 3600); i++) {
      const over = (rate[i] ?? 0) - ceilingAt(i);
      perS = Math.max(perS, over);
      excess += over;
    }
    perHour = Math.max(perHour, excess);
  }
  return { perS, perHour };
}

const scaled = (x: Interval, f: number): Interval => ({ mean: x.mean * f, halfWidth: x.halfWidth === null ? null : x.halfWidth * f, n: x.n });

/** One row per capacity of the scenario, from the replications of one run. */
export function counterfactual(s: Scenario, results: readonly ReplicationResult[]): Counterfactual[] {
  if (results.length === 0) throw new RangeError('counterfactual needs at least one replication');
  return s.capacities.map((cap, k) => {
    const series = results.map((r) => r.capacities[k] as CapacitySeries);
    const extraPerS = tInterval(series.map(extraPerSecond));
    const fluid = fluidExtra(s, k);
    const common = { capacity: cap.id, component: cap.component, currency: cap.currency, extraPerS, fluidExtraPerS: fluid.perS };
    if (cap.currency === 'transactions') {
      const price = s.costs.perTpsMonthGbp;
      const month = price === undefined ? null : scaled(extraPerS, price);
      return {
        ...common,
        costPerMonthGbp: month,
        costPerYearGbp: month && scaled(month, 12),
        note: price === undefined ? 'no price in the model (costs.perTpsMonthGbp)' : `priced at £${price} per TPS per month (costs.perTpsMonthGbp)`,
      };
    }
    const extraPerHour = tInterval(series.map(extraPerClockHour));
    const price = s.costs.perMillionDlmsPerHourMonthGbp;
    const month = price === undefined ? null : scaled(extraPerHour, price / 1e6);
    return {
      ...common,
      extraPerHour,
      fluidExtraPerHour: fluid.perHour,
      costPerMonthGbp: month,
      costPerYearGbp: month && scaled(month, 12),
      note: price === undefined ? 'no price in the model (costs.perMillionDlmsPerHourMonthGbp)' : `priced at £${price} per million DLMS/h per month (costs.perMillionDlmsPerHourMonthGbp)`,
    };
  });
}
