/**
 * A fluid (fixed-rate) screen of placements, minute by minute over the scheduled day: baseline rate
 * plus the fluid day's load (workload/fluid-day.ts, expected retries included) spread evenly over a
 * candidate's windows, against each ceiling. It is what the seed's own arithmetic does, made exact per
 * minute of the baseline profile; it ignores randomness, queueing and the few seconds responses trail
 * requests, so the optimiser uses it only to rank candidates and confirms its finalists with the
 * simulation.
 *
 *   load(m) = baseline(m) + added · [m ∈ windows] / (minutes in windows)
 *
 * Each ceiling is judged at the window it holds over (Capacity.windowS), sliding minute by minute
 * round the clock (the day repeats): a per-second ceiling minute by minute (the fluid load is flat
 * inside a minute), a per-hour one over every 60 consecutive minutes.
 */
import { DAY_S, type Scenario, type Window } from '../model/types.js';
import { baselineRateAt } from '../sim/baseline.js';
import { fluidDay } from '../workload/fluid-day.js';

const MINUTES = DAY_S / 60;

export interface ScreenCapacity {
  readonly id: string;
  readonly ceilingPerS: number;
  /** Baseline rate per second in each minute of the day (maintenance: ceiling treated as 0). */
  readonly baselinePerS: Float64Array;
  readonly ceilingPerMinute: Float64Array;
  /** Minutes of the window the ceiling holds over (at least 1). */
  readonly windowMinutes: number;
  /** Units the scheduled day adds at this capacity (transactions or DLMS commands, retries included). */
  readonly addedUnits: number;
}

/** Each capacity's ceiling and baseline by minute, and what the fluid day adds there (retries included). */
export function screenCapacities(s: Scenario): ScreenCapacity[] {
  const day = fluidDay(s);
  return s.capacities.map((c, k) => {
    const baselinePerS = new Float64Array(MINUTES);
    const ceilingPerMinute = new Float64Array(MINUTES);
    for (let m = 0; m < MINUTES; m++) {
      baselinePerS[m] = baselineRateAt(c.baseline, m * 60);
      ceilingPerMinute[m] = c.maintenance.some((w) => m * 60 >= w.startS && m * 60 < w.endS) ? 0 : c.ceilingPerS;
    }
    const windowMinutes = Math.max(1, Math.min(MINUTES, Math.round(c.windowS / 60)));
    return { id: c.id, ceilingPerS: c.ceilingPerS, baselinePerS, ceilingPerMinute, windowMinutes, addedUnits: day[k]?.unitsWithRetries ?? 0 };
  });
}

export interface ScreenResult {
  /** Smallest (ceiling − load) / ceiling over every window of the day (each capacity's own) and every capacity. */
  readonly minHeadroomShare: number;
  /** Capacity and the first minute of the window where it occurs. */
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
    const w = c.windowMinutes;
    const room = (m: number) => (c.ceilingPerMinute[m] as number) - (c.baselinePerS[m] as number) - (inside[m] ? added : 0);
    // Σ room over minutes [m, m + w), round the clock.
    let sum = 0;
    for (let m = 0; m < w; m++) sum += room(m);
    for (let m = 0; m < MINUTES; m++) {
      const h = (w === 1 ? room(m) : sum / w) / c.ceilingPerS; // one minute exactly, without the running sum's rounding
      if (h < best) {
        best = h;
        at = { capacity: c.id, minute: m };
      }
      sum += room((m + w) % MINUTES) - room(m);
    }
  }
  return { minHeadroomShare: best, at, feasible: best >= 0 };
}
