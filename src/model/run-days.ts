/**
 * The days a run fires and their calendar: the days chosen on the command line (`--warmup-days`,
 * `--days`, `--start`) instead of the model — the scenario with those values, their provenance saying
 * where they came from — and which day is a firmware day.
 */
import type { Scenario } from './types.js';

export interface RunDays {
  /** Days simulated first and left out of the figures (0 = a cold start). */
  readonly warmupDays?: number;
  /** Days measured after the warm-up. */
  readonly measuredDays?: number;
  /** Date of the first measured day, YYYY-MM-DD. */
  readonly start?: string;
}

const DAY_MS = 86_400_000;

/** Is `v` a date YYYY-MM-DD that exists (2027-02-29 does not)? */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** The date k days after `start` (k < 0: before it), YYYY-MM-DD. */
export function dateAfter(start: string, k: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + k * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether day k (counted from the first measured day; k < 0 the warm-up) carries the firmware uplift.
 * @throws RangeError for a weekday calendar without a start date (the model's rules refuse it first).
 */
export function isFirmwareDay(day: Scenario['day'], k: number): boolean {
  if (day.firmwareDays === 'every-day') return true;
  if (day.firmwareDays === 'none') return false;
  if (day.startDate === null) throw new RangeError(`firmware days '${day.firmwareDays}' need a start date (day.start or --start)`);
  const weekday = new Date(Date.parse(`${dateAfter(day.startDate, k)}T00:00:00Z`)).getUTCDay();
  const workday = weekday >= 1 && weekday <= 5;
  return day.firmwareDays === 'weekdays' ? workday : !workday;
}

/** 1 for each firmware day of the run, 0 for the others: index d is the run's d-th day (the first warm-up day is 0). */
export function firmwareByRunDay(day: Scenario['day'], days: number): Uint8Array {
  return Uint8Array.from({ length: days }, (_, d) => (isFirmwareDay(day, d - day.warmupDays) ? 1 : 0));
}

/**
 * `s` with the days given; a value not given keeps the model's.
 * @throws RangeError for a start that is not a calendar date YYYY-MM-DD.
 */
export function withRunDays(s: Scenario, days: RunDays): Scenario {
  const given = (['warmupDays', 'measuredDays'] as const).filter((k) => days[k] !== undefined);
  if (given.length === 0 && days.start === undefined) return s;
  const flag = { warmupDays: '--warmup-days', measuredDays: '--days' } as const;
  const day = { ...s.day };
  const paths = [...given.map((k) => `day.${k}.value`), ...(days.start !== undefined ? ['day.start.value'] : [])];
  const provenance = s.provenance.filter((p) => !paths.includes(p.path));
  for (const k of given) {
    const v = days[k] as number;
    day[k] = v;
    provenance.push({ path: `day.${k}.value`, value: String(v), source: `command line (${flag[k]} ${v})`, at: 'command line' });
  }
  if (days.start !== undefined) {
    if (!isCalendarDate(days.start)) throw new RangeError(`--start must be a calendar date YYYY-MM-DD (got ${JSON.stringify(days.start)})`);
    day.startDate = days.start;
    provenance.push({ path: 'day.start.value', value: days.start, source: `command line (--start ${days.start})`, at: 'command line' });
  }
  return { ...s, day, provenance };
}
