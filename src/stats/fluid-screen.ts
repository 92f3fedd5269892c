/**
 * A fluid (fixed-rate) screen of placements, minute by minute over the scheduled day: baseline rate
 * plus the scheduled load spread evenly over the placement's windows, against each ceiling. It is
 * what the seed's own arithmetic does, made exact per minute of the baseline profile; it ignores
 * randomness, queueing and the few seconds responses trail requests, so the optimiser uses it only
 * to rank candidates and confirms its finalists with the simulation.
 *
 *   load(m) = baseline(m) + added · [m ∈ windows] / (minutes in windows)
 */
import { DAY_S, dlmsMean, type Scenario, type Window } from '../model/types.js';
import { baselineRateAt } from '../sim/baseline.js';

const MINUTES = DAY_S / 60;

export interface ScreenCapacity {
  readonly id: string;
  readonly ceilingPerS: number;
  /** Baseline rate per second in each minute of the day (maintenance: ceiling treated as 0). */
  readonly baselinePerS: Float64Array;
  readonly ceilingPerMinute: Float64Array;
  /** Units the scheduled day adds at this capacity (transactions or DLMS commands, retries included). */
  readonly addedUnits: number;
}

function routed(s: Scenario, s1sps: readonly string[], protocol?: string): number {
  return s.workload.routing.reduce((a, r) => {
    const c = s.cohorts.find((x) => x.id === r.cohort);
    return c && s1sps.includes(c.s1sp) && (protocol === undefined || c.protocol === protocol) ? a + r.share : a;
  }, 0);
}

/** Expected WAN attempts per SR inside the TRT: first attempt, then geometric retries; unreachable devices retry until the TRT. */
export function expectedAttempts(s: Scenario): number {
  const w = s.behaviour.wan;
  const maxRetries = Math.max(0, Math.floor(s.day.trtS / (s.behaviour.retryIntervalS + w.latencyMedianS)));
  const reachable = (1 - w.firstAttemptSuccess) * (w.retrySuccess > 0 ? (1 - (1 - w.retrySuccess) ** maxRetries) / w.retrySuccess : maxRetries);
  return w.neverReachableShare * (1 + maxRetries) + (1 - w.neverReachableShare) * (1 + reachable);
}

export function screenCapacities(s: Scenario): ScreenCapacity[] {
  const srvMean = (f: (id: string) => number) => s.workload.mix.reduce((a, m) => a + m.share * f(m.srv), 0);
  const srv = (id: string) => s.srvs.find((x) => x.id === id);
  const txPerSr = srvMean((id) => (srv(id)?.requestsPerSr ?? 0) + (srv(id)?.responsesPerSr ?? 0));
  const dlmsPerSr = srvMean((id) => {
    const x = srv(id);
    return x ? dlmsMean(x.dlms) : 0;
  });
  return s.capacities.map((c) => {
    const baselinePerS = new Float64Array(MINUTES);
    const ceilingPerMinute = new Float64Array(MINUTES);
    for (let m = 0; m < MINUTES; m++) {
      baselinePerS[m] = baselineRateAt(c.baseline, m * 60);
      ceilingPerMinute[m] = c.maintenance.some((w) => m * 60 >= w.startS && m * 60 < w.endS) ? 0 : c.ceilingPerS;
    }
    const n = s.workload.srvsPerDay;
    const addedUnits = c.currency === 'transactions' ? n * routed(s, c.s1sps) * txPerSr : n * routed(s, c.s1sps, 'DLMS') * dlmsPerSr * expectedAttempts(s);
    return { id: c.id, ceilingPerS: c.ceilingPerS, baselinePerS, ceilingPerMinute, addedUnits };
  });
}

export interface ScreenResult {
  /** Smallest (ceiling − load) / ceiling over every minute of the day and every capacity. */
  readonly minHeadroomShare: number;
  /** Capacity and minute where it occurs. */
  readonly at: { readonly capacity: string; readonly minute: number };
  readonly feasible: boolean;
}

/** Minutes of the day covered by the windows (whole minutes; windows on a minute grid). */
export function windowMinutes(windows: readonly Window[]): Uint8Array {
  const inside = new Uint8Array(MINUTES);
  for (const w of windows) for (let m = Math.floor(w.startS / 60); m < Math.ceil(w.endS / 60); m++) inside[m] = 1;
  return inside;
}

export function screenWindows(caps: readonly ScreenCapacity[], windows: readonly Window[]): ScreenResult {
  const inside = windowMinutes(windows);
  const count = inside.reduce((a, b) => a + b, 0);
  let best = Number.POSITIVE_INFINITY;
  let at = { capacity: '', minute: 0 };
  for (const c of caps) {
    const added = count > 0 ? c.addedUnits / (count * 60) : 0;
    for (let m = 0; m < MINUTES; m++) {
      const load = (c.baselinePerS[m] as number) + (inside[m] ? added : 0);
      const h = ((c.ceilingPerMinute[m] as number) - load) / c.ceilingPerS;
      if (h < best) {
        best = h;
        at = { capacity: c.id, minute: m };
      }
    }
  }
  return { minHeadroomShare: best, at, feasible: best >= 0 };
}
