/**
 * The draws of every SR that no placement changes, made once per (seed, replication) in one pass
 * over the SR ids: the activation uniform, the DLMS count, reachability, Data Not Available and the
 * first attempt's WAN outcome and latency. A comparison's placements share one set (the same SRs,
 * only placed elsewhere); retries draw their own in the hot loop, as before.
 *
 *   id (global SR id) → placeU[id], dlms[id], flags[id], firstLatencyTicks[id]
 *
 * Every value is the very one the keyed draw gives (`KeyedRng.uKeyed` with the SR's key), so results
 * do not depend on whether the set was shared.
 */
import { type KeyedRng, normalQuantile, roundHalfUp, TICKS_PER_S } from '../engine/index.js';
import type { ScheduleGroup } from '../workload/groups.js';
import { PURPOSE } from '../workload/purposes.js';
import type { Route } from './routes.js';

/** flags bits */
export const UNREACHABLE = 1;
/** The first attempt's WAN success draw is below the first-attempt success probability. */
export const FIRST_WAN_OK = 2;
export const DATA_NOT_AVAILABLE = 4;

/** The WAN parameters the first attempt's outcome depends on. */
export interface WanDraws {
  readonly firstSuccess: number;
  readonly unreachable: number;
  readonly latMu: number;
  readonly latSigma: number;
}

export interface SrDraws {
  /** Uniform of the activation instant (PURPOSE.place, index 0). */
  readonly placeU: Float64Array;
  /** DLMS commands of each attempt. */
  readonly dlms: Float64Array;
  readonly flags: Uint8Array;
  /** Latency of the first attempt in whole ticks (rounded half up). */
  readonly firstLatencyTicks: Float64Array;
}

/** Lognormal WAN latency in seconds from its uniform. */
export function latencyS(wan: WanDraws, u: number): number {
  return Math.exp(wan.latMu + wan.latSigma * normalQuantile(u));
}

/** Inverse CDF of a route's DLMS table. */
export function dlmsCount(r: Route, u: number): number {
  const cum = r.dlmsCum;
  let j = 0;
  while (j < cum.length - 1 && (cum[j] as number) <= u) j++;
  return r.dlmsValues[j] as number;
}

/** Everything the draws depend on besides the seed and replication: the cache key of a set. */
export function srDrawsKey(groups: readonly ScheduleGroup[], routes: readonly Route[], wan: WanDraws): string {
  const parts = groups.map((g, k) => {
    const r = routes[k] as Route;
    return `${g.key}:${g.offset}:${g.count}:${r.dlmsValues.join(',')}:${r.dlmsCum.join(',')}:${r.dataNotAvailable}`;
  });
  return `${parts.join(';')}|${wan.firstSuccess}|${wan.unreachable}|${wan.latMu}|${wan.latSigma}`;
}

export function drawSrs(rng: KeyedRng, groups: readonly ScheduleGroup[], routes: readonly Route[], wan: WanDraws): SrDraws {
  const n = groups.reduce((a, g) => Math.max(a, g.offset + g.count), 0);
  const placeU = new Float64Array(n);
  const dlms = new Float64Array(n);
  const flags = new Uint8Array(n);
  const firstLatencyTicks = new Float64Array(n);
  groups.forEach((g, k) => {
    const r = routes[k] as Route;
    for (let local = 0; local < g.count; local++) {
      const id = g.offset + local;
      const kA = rng.keyA(g.key, local);
      const kB = rng.keyB(g.key, local);
      placeU[id] = rng.uKeyed(kA, kB, PURPOSE.place, 0);
      dlms[id] = dlmsCount(r, rng.uKeyed(kA, kB, PURPOSE.dlms, 0));
      let f = 0;
      if (rng.uKeyed(kA, kB, PURPOSE.unreachable, 0) < wan.unreachable) f |= UNREACHABLE;
      if (rng.uKeyed(kA, kB, PURPOSE.wanSuccess, 0) < wan.firstSuccess) f |= FIRST_WAN_OK;
      if (r.dataNotAvailable > 0 && rng.uKeyed(kA, kB, PURPOSE.dataNotAvailable, 0) < r.dataNotAvailable) f |= DATA_NOT_AVAILABLE;
      flags[id] = f;
      firstLatencyTicks[id] = roundHalfUp(latencyS(wan, rng.uKeyed(kA, kB, PURPOSE.wanLatency, 0)) * TICKS_PER_S);
    }
  });
  return { placeU, dlms, flags, firstLatencyTicks };
}

/**
 * The draws the event loop reads, reordered from SR id to activation rank (`srIds[rank]` = id): the
 * loop visits SRs roughly in rank order, so reads stay near each other instead of jumping across
 * the id range (measured: reading by id cost as much as drawing afresh).
 */
export function byRank(d: SrDraws, srIds: Int32Array): Omit<SrDraws, 'placeU'> {
  const n = srIds.length;
  const dlms = new Float64Array(n);
  const flags = new Uint8Array(n);
  const firstLatencyTicks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = srIds[i] as number;
    dlms[i] = d.dlms[id] as number;
    flags[i] = d.flags[id] as number;
    firstLatencyTicks[i] = d.firstLatencyTicks[id] as number;
  }
  return { dlms, flags, firstLatencyTicks };
}
