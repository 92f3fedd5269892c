/**
 * The days of a run prepared for the simulator: the scenario's schedule groups, each fired day's
 * routes, the SRs' placement-free draws, their activations in time order, and the one SR table of
 * every fired day (warm-up days, then measured days) that the event loop reads.
 *
 *   scenario → schedule groups → per fired day: routes → SRs' draws (shared by placements) →
 *     activations (merged ordered runs) → SrTable of the run
 */
import { FRESH, type KeyedRng, Scratch, TICKS_PER_S } from '../engine/index.js';
import { DAY_S, daysFired, type Scenario } from '../model/types.js';
import { dayTotal, expandOrdered } from './expand.js';
import { hash32, type ScheduleGroup, scheduleGroups } from './groups.js';
import { buildRoutes, type Route } from './routes.js';
import { drawSrs, type SrDraws, srDrawsKey, wanDraws } from './sr-draws.js';
import { type SrTable, SrTableBuilder } from './sr-table.js';

/**
 * What the days of one (seed, replication) share — e.g. the placements of a comparison: the SRs' own
 * draws, keyed by everything that decides them, and the working arrays lent to each day in turn.
 */
export class DayCache {
  readonly srs = new Map<string, SrDraws>();
  readonly scratch = new Scratch();
}

export interface Day {
  /** The schedule groups of one day (every day fires the same). */
  readonly groups: readonly ScheduleGroup[];
  /** Route of each group on each fired day: routes[day × groups.length + group]. */
  readonly routes: readonly Route[];
  /** Every fired day's SRs, in activation order. */
  readonly srs: SrTable;
  /** Days fired: the warm-up days, then the measured days. */
  readonly days: number;
}

/** The SRs' placement-free draws: from the cache when a set with the same inputs was made. */
function srDraws(s: Scenario, rng: KeyedRng, groups: readonly ScheduleGroup[], routes: readonly Route[], cache?: DayCache): SrDraws {
  const wan = wanDraws(s);
  if (!cache) return drawSrs(rng, groups, routes, wan);
  const key = `${rng.seed}|${rng.replication}|${srDrawsKey(groups, routes, wan)}`;
  let draws = cache.srs.get(key);
  if (!draws) {
    draws = drawSrs(rng, groups, routes, wan);
    cache.srs.set(key, draws);
  }
  return draws;
}

/**
 * The key of a group's draws on day k of a run, counted from the first measured day (warm-up days are
 * −1, −2, …): day 0 keeps the group's own key, so the first measured day draws what a cold start draws;
 * every other day draws anew.
 */
export function dayKey(key: number, k: number): number {
  return k === 0 ? key : hash32(`${key}\u0000day\u0000${k}`);
}

/**
 * The fired days of scenario `s` under `rng` (warm-up days, then measured days), their SRs in one
 * table; with a cache, draws are shared and arrays lent from run to run.
 * @throws RangeError when the days × groups overflow the SR record's route field (256 routes).
 */
export function prepareDay(s: Scenario, rng: KeyedRng, cache?: DayCache): Day {
  const groups = scheduleGroups(s);
  const days = daysFired(s.day);
  if (days * groups.length > 256) {
    throw new RangeError(`${days} fired days × ${groups.length} SRV × cohort groups = ${days * groups.length} routes; at most 256 (fewer --days or --warmup-days)`);
  }
  const lender = cache?.scratch ?? FRESH;
  const routes: Route[] = [];
  const table = new SrTableBuilder(days * dayTotal(groups), lender);
  for (let d = 0; d < days; d++) {
    const k = d - s.day.warmupDays;
    const dayGroups = groups.map((g) => ({ ...g, key: dayKey(g.key, k) }));
    const dayRoutes = buildRoutes(s, dayGroups, d);
    const draws = srDraws(s, rng, dayGroups, dayRoutes, cache);
    table.add({ acts: expandOrdered(s, dayGroups, draws, lender), draws, groups: dayGroups, groupBase: routes.length, tickOffset: d * DAY_S * TICKS_PER_S });
    routes.push(...dayRoutes);
  }
  return { groups, routes, srs: table.build(), days };
}
