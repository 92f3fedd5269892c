/**
 * The days a run fires, chosen on the command line (`--warmup-days`, `--days`) instead of the model:
 * the scenario with those values, their provenance saying where they came from.
 */
import type { Scenario } from './types.js';

export interface RunDays {
  /** Days simulated first and left out of the figures (0 = a cold start). */
  readonly warmupDays?: number;
  /** Days measured after the warm-up. */
  readonly measuredDays?: number;
}

/** `s` with the days given; a day count not given keeps the model's. */
export function withRunDays(s: Scenario, days: RunDays): Scenario {
  const given = (['warmupDays', 'measuredDays'] as const).filter((k) => days[k] !== undefined);
  if (given.length === 0) return s;
  const flag = { warmupDays: '--warmup-days', measuredDays: '--days' } as const;
  const day = { ...s.day };
  const provenance = s.provenance.filter((p) => !given.some((k) => p.path === `day.${k}.value`));
  for (const k of given) {
    const v = days[k] as number;
    day[k] = v;
    provenance.push({ path: `day.${k}.value`, value: String(v), source: `command line (${flag[k]} ${v})`, at: 'command line' });
  }
  return { ...s, day, provenance };
}
