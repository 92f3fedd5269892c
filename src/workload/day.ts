/**
 * A day prepared for the simulator: the scenario's schedule groups, each group's route, the SRs'
 * placement-free draws, their activations in time order, and the SR table the event loop reads.
 *
 *   scenario → schedule groups → routes → SRs' draws (shared by placements) → activations
 *     (merged ordered runs) → SrTable
 */
import { FRESH, type KeyedRng, Scratch } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import { expandOrdered } from './expand.js';
import { type ScheduleGroup, scheduleGroups } from './groups.js';
import { buildRoutes, type Route } from './routes.js';
import { drawSrs, type SrDraws, srDrawsKey, wanDraws } from './sr-draws.js';
import { buildSrTable, type SrTable } from './sr-table.js';

/**
 * What the days of one (seed, replication) share — e.g. the placements of a comparison: the SRs' own
 * draws, keyed by everything that decides them, and the working arrays lent to each day in turn.
 */
export class DayCache {
  readonly srs = new Map<string, SrDraws>();
  readonly scratch = new Scratch();
}

export interface Day {
  readonly groups: readonly ScheduleGroup[];
  /** Route of each group, by group index. */
  readonly routes: readonly Route[];
  readonly srs: SrTable;
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

/** One day of scenario `s` under `rng`; with a cache, draws are shared and arrays lent from day to day. */
export function prepareDay(s: Scenario, rng: KeyedRng, cache?: DayCache): Day {
  const groups = scheduleGroups(s);
  const routes = buildRoutes(s, groups);
  const draws = srDraws(s, rng, groups, routes, cache);
  const lender = cache?.scratch ?? FRESH;
  const acts = expandOrdered(s, groups, draws, lender);
  return { groups, routes, srs: buildSrTable(acts, draws, groups, lender) };
}
