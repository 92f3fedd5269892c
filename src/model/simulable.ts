/**
 * What the simulation can hold: rules that refuse a model the schema accepts but the engine could not
 * run as written. Each is a rule like those in rules.ts (it returns findings placed at file:line):
 *
 * - durations on the clock: the engine counts time in integer microsecond ticks, exact up to 2^53
 *   (about 285 years); a duration longer than MAX_DURATION_S, or a retry interval under one tick,
 *   would leave that range or round to nothing;
 * - a fixed burst that runs past the horizon: its late SRs would never be activated, and no figure
 *   would say so;
 * - capacities whose ceiling or baseline rates overflow to Infinity or NaN;
 * - a discrete baseline with more arrivals over the horizon than MAX_BASELINE_ARRIVALS: each is an
 *   event, and a count like that cannot be simulated in any reasonable time or memory.
 */
import type { CsvTable } from './csv-table.js';
import * as msg from './messages.js';
import { capacityOf, dayTotals } from './normalise.js';
import type { Finding, Rule } from './rule-context.js';
import type { BaselineRow } from './schema.js';

/** Ticks per simulated second: the engine's TICKS_PER_S (engine/time.ts; the model layer imports nothing from it). */
export const CLOCK_TICKS_PER_S = 1_000_000;

/**
 * The longest duration a model may give (about 31.7 years). The clock holds 2^53 ticks ≈ 9.0e9 s; an
 * SR's deadline is its activation (inside the horizon, ≤ 168 h) plus the TRT, and a response or a
 * retry is scheduled only before that deadline, so durations up to this bound keep every tick exact
 * with a wide margin.
 */
export const MAX_DURATION_S = 1e9;

/**
 * The most arrivals a discrete baseline may have over a run (every fired day and the last one's tail).
 * The default model's Secure baseline has ~8 million a day; 10^9 events is minutes of simulation per replication and 8 GB of arrival
 * ticks when scenarios share them. A larger baseline is what `mode: fluid` is for.
 */
export const MAX_BASELINE_ARRIVALS = 1e9;

/** Durations in seconds: at most MAX_DURATION_S; a retry interval at least one tick. */
export const durationsOnClock: Rule = ({ model: m, cohorts }) => {
  const longest = [
    ['day.trtS.value', m.day.trtS.value],
    ['behaviour.retryIntervalS.value', m.behaviour.retryIntervalS.value],
    ['behaviour.wan.roundTripMedianS.value', m.behaviour.wan.roundTripMedianS.value],
    ['behaviour.wan.roundTripP95S.value', m.behaviour.wan.roundTripP95S.value],
  ] as const;
  const found: Finding[] = longest.filter(([, v]) => v > MAX_DURATION_S).map(([path]) => ({ path, message: msg.durationTooLong(MAX_DURATION_S) }));
  if (Math.round(m.behaviour.retryIntervalS.value * CLOCK_TICKS_PER_S) < 1) {
    found.push({ path: 'behaviour.retryIntervalS.value', message: msg.belowTick() });
  }
  for (const r of cohorts?.rows ?? []) {
    if (r.value.wake_up_s <= MAX_DURATION_S) continue;
    const cell = r.cells.wake_up_s;
    found.push({
      path: `${cohorts!.name}[${r.key}].wake_up_s`,
      message: msg.durationTooLong(MAX_DURATION_S),
      got: msg.showText(cell?.text ?? ''),
      pos: cell?.pos ?? r.pos,
    });
  }
  return found;
};

/** A fixed placement's burst [at, at + dispatchS) must end by the horizon; windows and bins end by 24:00. */
export const burstInsideHorizon: Rule = ({ model: { placement: p, day } }) => {
  if (p.kind !== 'fixed') return [];
  const horizonS = day.horizonH.value * 3600;
  const endS = p.at + p.dispatchS.value;
  return endS > horizonS ? [{ path: 'placement.dispatchS.value', message: msg.burstPastHorizon(endS / 3600, day.horizonH.value) }] : [];
};

/** Expected arrivals over [0, horizonS) of a profile of rates per bucket repeated every day. */
function arrivalsOverHorizon(ratePerS: readonly number[], bucketS: number, horizonS: number): number {
  let total = 0;
  for (let b = 0; b * bucketS < horizonS; b++) {
    total += (ratePerS[b % ratePerS.length] ?? 0) * (Math.min(horizonS, (b + 1) * bucketS) - b * bucketS);
  }
  return total;
}

/** Ceilings and baseline rates are finite; a discrete baseline's arrivals are countable. */
export const capacitiesSimulable: Rule = ({ model: m, profiles }) => {
  const totals = dayTotals(m.seedShares);
  return m.capacities.flatMap((c, i) => {
    const profile: CsvTable<BaselineRow> | undefined = profiles[i];
    if (profile === undefined || (profile.rows.length !== 24 && profile.rows.length !== 1440)) return []; // baselineShapesValid's finding
    const cap = capacityOf(c, profile, totals);
    const rates = cap.baseline.ratePerS;
    if (c.baseline.mode !== 'none' && !rates.every(Number.isFinite)) {
      return [{ path: `capacities[${i}].baseline.scale`, message: msg.notFiniteFigure('baseline rate') }];
    }
    if (!Number.isFinite(cap.ceilingPerS)) return [{ path: `capacities[${i}].ceiling.value`, message: msg.notFiniteFigure('ceiling') }];
    if (c.baseline.mode !== 'discrete') return [];
    const spanS = (m.day.warmupDays.value + m.day.measuredDays.value - 1) * 86_400 + m.day.horizonH.value * 3600;
    const arrivals = arrivalsOverHorizon(rates, cap.baseline.bucketS, spanS);
    return arrivals > MAX_BASELINE_ARRIVALS ? [{ path: `capacities[${i}].baseline.mode`, message: msg.baselineTooManyArrivals(arrivals, MAX_BASELINE_ARRIVALS) }] : [];
  });
};

export const SIMULABLE_RULES: readonly Rule[] = [durationsOnClock, burstInsideHorizon, capacitiesSimulable];
