/**
 * Workload expansion: schedule groups → the day's SR activations, sorted by time.
 *
 *   key = activation ms × 2^23 + global SR id      (exact: < 2^27 × 2^23 = 2^50)
 *
 * Sorting one Float64Array of such keys sorts by time and, at equal instants, by SR id, so the
 * order never depends on how the work was split.
 */
import { KeyedRng } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import type { ScheduleGroup } from './groups.js';
import { activationMs, placementSegments } from './placement.js';
import { PURPOSE } from './purposes.js';

export const MAX_SRS = 2 ** 23 - 1;
const ID_SPACE = 2 ** 23;
const TICKS_PER_MS = 1000;

export interface Activations {
  /** Activation instants in ticks, non-decreasing. */
  readonly timesTick: Float64Array;
  /** Global SR id of each activation. */
  readonly srIds: Int32Array;
}

/**
 * Packed keys of the SRs with global ids in [from, to), in id order (unsorted by time). Chunks
 * concatenated in order are exactly the keys of the whole day, so expansion can be split across
 * workers and still give the same activations. `placeU`, when given, holds each id's activation
 * uniform already drawn (`drawSrs`), the same value the keyed draw here would give.
 */
export function chunkKeys(
  s: Scenario, groups: readonly ScheduleGroup[], rng: KeyedRng, from: number, to: number, placeU?: Float64Array,
): Float64Array {
  const out = new Float64Array(Math.max(0, to - from));
  for (const g of groups) {
    const lo = Math.max(from, g.offset);
    const hi = Math.min(to, g.offset + g.count);
    if (lo >= hi) continue;
    const seg = placementSegments(s.placement, g.cohort);
    for (let id = lo; id < hi; id++) {
      const u = placeU ? (placeU[id] as number) : rng.u(g.key, id - g.offset, PURPOSE.place, 0);
      const ms = activationMs(seg, u);
      out[id - from] = ms * ID_SPACE + id;
    }
  }
  return out;
}

/**
 * Packed keys → parallel arrays of activation ticks and SR ids, in key order. A counting sort by
 * activation second (one pass to count, one to scatter) leaves ~100 keys per second to sort natively:
 * about 4× faster than sorting all 2.7M keys at once, same order.
 */
export function unpackSorted(keys: Float64Array): Activations {
  const secondOf = (k: number) => Math.floor(k / ID_SPACE / 1000);
  let seconds = 0;
  for (let i = 0; i < keys.length; i++) seconds = Math.max(seconds, secondOf(keys[i] as number) + 1);
  const start = new Int32Array(seconds + 1);
  for (let i = 0; i < keys.length; i++) {
    const b = secondOf(keys[i] as number) + 1;
    start[b] = (start[b] as number) + 1;
  }
  for (let b = 0; b < seconds; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const fill = start.slice(0, seconds);
  const sorted = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const b = secondOf(k);
    sorted[fill[b] as number] = k;
    fill[b] = (fill[b] as number) + 1;
  }
  for (let b = 0; b < seconds; b++) {
    const from = start[b] as number;
    const to = start[b + 1] as number;
    if (to - from > 1) sorted.subarray(from, to).sort();
  }
  const srIds = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i] as number;
    const ms = Math.floor(k / ID_SPACE);
    srIds[i] = k - ms * ID_SPACE;
    sorted[i] = ms * TICKS_PER_MS;
  }
  return { timesTick: sorted, srIds };
}

export function dayTotal(groups: readonly ScheduleGroup[]): number {
  const total = groups.reduce((a, g) => a + g.count, 0);
  if (total > MAX_SRS) throw new RangeError(`at most ${MAX_SRS} SRs per day per run (got ${total})`);
  return total;
}

export function expandDay(s: Scenario, groups: readonly ScheduleGroup[], rng: KeyedRng, placeU?: Float64Array): Activations {
  return unpackSorted(chunkKeys(s, groups, rng, 0, dayTotal(groups), placeU));
}

/** Concatenates chunk keys (in chunk order) and sorts them into activations. */
export function mergeChunks(chunks: readonly Float64Array[]): Activations {
  const keys = new Float64Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    keys.set(c, at);
    at += c.length;
  }
  return unpackSorted(keys);
}
