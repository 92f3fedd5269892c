/**
 * The draws of every SR that no placement changes, made once per (seed, replication): the
 * activation uniform, the DLMS count, reachability, Data Not Available and the
 * first attempt's WAN outcome and round trip. A comparison's placements share one set (the same SRs,
 * only placed elsewhere); retries draw their own in the hot loop.
 *
 * The set is laid out by **position** q, not by SR id: within each schedule group (whose positions are
 * its id range) the SRs are sorted by their activation uniform. Every placement maps a uniform to an
 * instant through a non-decreasing function per segment, so each segment's SRs are already in time
 * order by position: expansion merges a few sorted runs instead of sorting the day
 * (`expandOrdered`), and the day's SR table (sr-table.ts) are gathered from these arrays almost
 * sequentially.
 *
 *   q → idOfQ[q] (global SR id), placeU[q], dlms[q], flags[q], firstRoundTripTicks[q];  qOfId inverts idOfQ
 *
 * Every value is the very one the keyed draw gives (`KeyedRng.uKeyed` with the SR's key), so results
 * do not depend on whether the set was shared.
 */
import { type KeyedRng, normalQuantile, roundHalfUp, TICKS_PER_S } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import type { ScheduleGroup } from './groups.js';
import { PURPOSE } from './purposes.js';
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
  readonly rttMu: number;
  readonly rttSigma: number;
}

export interface SrDraws {
  /** Global SR id at each position, and the position of each id. */
  readonly idOfQ: Int32Array;
  readonly qOfId: Int32Array;
  /** Uniform of the activation instant (PURPOSE.place, index 0), ascending within each group. */
  readonly placeU: Float64Array;
  /** DLMS commands of each attempt (at most MAX_DLMS_PER_SR = 1,000: 16 bits, a quarter of a Float64 array). */
  readonly dlms: Uint16Array;
  readonly flags: Uint8Array;
  /** The first attempt's round trip per DLMS command in whole ticks (rounded half up). */
  readonly firstRoundTripTicks: Float64Array;
}

const Z95 = 1.6448536269514722;

/** The WAN parameters of a scenario as the draws use them (lognormal round trip per command by median and p95). */
export function wanDraws(s: Scenario): WanDraws {
  const wan = s.behaviour.wan;
  return {
    firstSuccess: wan.firstAttemptSuccess,
    unreachable: wan.neverReachableShare,
    rttMu: Math.log(wan.roundTripMedianS),
    rttSigma: Math.log(wan.roundTripP95S / wan.roundTripMedianS) / Z95,
  };
}

/** One attempt's round trip per DLMS command (lognormal) from its uniform, in whole ticks (rounded half up): first attempts and retries alike. */
export function roundTripTicks(wan: WanDraws, u: number): number {
  return roundHalfUp(Math.exp(wan.rttMu + wan.rttSigma * normalQuantile(u)) * TICKS_PER_S);
}

/** Inverse CDF of a route's DLMS table. */
function dlmsCount(r: Route, u: number): number {
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
  return `${parts.join(';')}|${wan.firstSuccess}|${wan.unreachable}|${wan.rttMu}|${wan.rttSigma}`;
}

/**
 * Local indices 0..n−1 sorted by (u[offset + local], local), and the sorted uniforms alongside: a
 * counting sort into n buckets by ⌊u·n⌋ (about one value each: u is uniform), then insertion sort
 * within each bucket. Reads u in order only; the scatter is all writes.
 */
function orderByU(u: Float64Array, offset: number, n: number): { order: Int32Array; sorted: Float64Array } {
  const start = new Int32Array(n + 1);
  const bucketOf = (x: number) => Math.min(n - 1, Math.floor(x * n));
  for (let l = 0; l < n; l++) {
    const b = bucketOf(u[offset + l] as number) + 1;
    start[b] = (start[b] as number) + 1;
  }
  for (let b = 0; b < n; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const fill = start.slice(0, n);
  const order = new Int32Array(n);
  const sorted = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    const x = u[offset + l] as number;
    const b = bucketOf(x);
    const at = fill[b] as number;
    order[at] = l;
    sorted[at] = x;
    fill[b] = at + 1;
  }
  for (let b = 0; b < n; b++) {
    const from = start[b] as number;
    for (let i = from + 1; i < (start[b + 1] as number); i++) {
      const l = order[i] as number;
      const x = sorted[i] as number;
      let j = i - 1;
      for (; j >= from; j--) {
        const y = sorted[j] as number;
        if (y < x || (y === x && (order[j] as number) < l)) break;
        order[j + 1] = order[j] as number;
        sorted[j + 1] = y;
      }
      order[j + 1] = l;
      sorted[j + 1] = x;
    }
  }
  return { order, sorted };
}

/**
 * Two passes: every draw of an SR in id order (its key absorbed once; the activation uniform drawn from
 * it as `uKeyed` gives the very value of `u`), then, per group, the positions sorted by that uniform and
 * the draws gathered into position order. 0.91–1.06 s against 1.06–1.48 s for drawing in position
 * order after the sort (2.7M SRs, one core, interleaved; the same values checked one by one).
 */
export function drawSrs(rng: KeyedRng, groups: readonly ScheduleGroup[], routes: readonly Route[], wan: WanDraws): SrDraws {
  const n = groups.reduce((a, g) => Math.max(a, g.offset + g.count), 0);
  const uById = new Float64Array(n);
  const dlmsById = new Uint16Array(n);
  const flagsById = new Uint8Array(n);
  const roundTripById = new Float64Array(n);
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k] as ScheduleGroup;
    const r = routes[k] as Route;
    const dna = r.dataNotAvailable;
    for (let local = 0; local < g.count; local++) {
      const id = g.offset + local;
      const kA = rng.keyA(g.key, local);
      const kB = rng.keyB(g.key, local);
      uById[id] = rng.uKeyed(kA, kB, PURPOSE.place, 0);
      dlmsById[id] = dlmsCount(r, rng.uKeyed(kA, kB, PURPOSE.dlms, 0));
      let f = 0;
      if (rng.uKeyed(kA, kB, PURPOSE.unreachable, 0) < wan.unreachable) f |= UNREACHABLE;
      if (rng.uKeyed(kA, kB, PURPOSE.wanSuccess, 0) < wan.firstSuccess) f |= FIRST_WAN_OK;
      if (dna > 0 && rng.uKeyed(kA, kB, PURPOSE.dataNotAvailable, 0) < dna) f |= DATA_NOT_AVAILABLE;
      flagsById[id] = f;
      roundTripById[id] = roundTripTicks(wan, rng.uKeyed(kA, kB, PURPOSE.wanLatency, 0));
    }
  }
  const idOfQ = new Int32Array(n);
  const qOfId = new Int32Array(n);
  const placeU = new Float64Array(n);
  const dlms = new Uint16Array(n);
  const flags = new Uint8Array(n);
  const firstRoundTripTicks = new Float64Array(n);
  for (const g of groups) {
    const { order, sorted } = orderByU(uById, g.offset, g.count);
    placeU.set(sorted, g.offset);
    for (let j = 0; j < g.count; j++) {
      const q = g.offset + j;
      const id = g.offset + (order[j] as number);
      idOfQ[q] = id;
      qOfId[id] = q;
      dlms[q] = dlmsById[id] as number;
      flags[q] = flagsById[id] as number;
      firstRoundTripTicks[q] = roundTripById[id] as number;
    }
  }
  return { idOfQ, qOfId, placeU, dlms, flags, firstRoundTripTicks };
}
