/**
 * Workload expansion: schedule groups → the day's SR activations, sorted by time.
 *
 *   key = activation ms × 2^23 + global SR id      (exact: < 2^27 × 2^23 = 2^50)
 *
 * Order is by key: time and, at equal instants, SR id. The SRs' draws come ordered by their
 * activation uniform within each group (sr-draws.ts), so each (group, placement segment) is already a
 * run in time order: the runs are merged, no sort of the whole day. Tested equal to the plain
 * expansion (a keyed draw per SR, then a sort of every key: test/oracles/expand-day.ts) for every
 * kind of placement.
 */
import { type ArrayLender, FRESH } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import type { ScheduleGroup } from './groups.js';
import { msOnGrid, placementSegments, segmentGrid } from './placement.js';

export const MAX_SRS = 2 ** 23 - 1;
const ID_SPACE = 2 ** 23;
const TICKS_PER_MS = 1000;

export function dayTotal(groups: readonly ScheduleGroup[]): number {
  const total = groups.reduce((a, g) => a + g.count, 0);
  if (total > MAX_SRS) throw new RangeError(`at most ${MAX_SRS} SRs per day per run (got ${total})`);
  return total;
}

/**
 * The day's activations by rank: the instant, the SR's position in an ordered draw set (its id is
 * idOfQ[q]) and its group index.
 */
export interface OrderedActivations {
  readonly timesTick: Float64Array;
  readonly q: Int32Array;
  readonly group: Uint8Array;
}

/** The SRs' draws `expandOrdered` needs: positions sorted by uniform within each group (`SrDraws`). */
export interface OrderedUniforms {
  readonly placeU: Float64Array;
  readonly idOfQ: Int32Array;
  readonly qOfId: Int32Array;
}

/** First position in [from, to) whose uniform is ≥ x (u ascending there). */
function lowerBound(u: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((u[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts keys[a, b) with qs alongside, for a run of equal instants: by SR id, i.e. by key. */
function sortRun(keys: Float64Array, qs: Int32Array, a: number, b: number, d: OrderedUniforms): void {
  if (b - a <= 64) {
    for (let i = a + 1; i < b; i++) {
      const k = keys[i] as number;
      const q = qs[i] as number;
      let j = i - 1;
      for (; j >= a && (keys[j] as number) > k; j--) {
        keys[j + 1] = keys[j] as number;
        qs[j + 1] = qs[j] as number;
      }
      keys[j + 1] = k;
      qs[j + 1] = q;
    }
    return;
  }
  keys.subarray(a, b).sort();
  for (let i = a; i < b; i++) {
    const k = keys[i] as number;
    qs[i] = d.qOfId[k - Math.floor(k / ID_SPACE) * ID_SPACE] as number;
  }
}

/**
 * The day's activations — exactly those of the plain expansion — from draws ordered by uniform: each
 * (group, placement segment) is a run of positions already in time order (the in-segment map is
 * non-decreasing), so each run only has its equal instants put in id order, and the runs are merged
 * by key with a small heap. Linear in the SRs for a handful of runs; no sort of the whole day.
 */
export function expandOrdered(s: Scenario, groups: readonly ScheduleGroup[], d: OrderedUniforms, lender: ArrayLender = FRESH): OrderedActivations {
  if (groups.length > 255) throw new RangeError(`at most 255 SRV × cohort groups (got ${groups.length})`);
  const n = dayTotal(groups);
  const keys = lender.f64('expand.keys', n);
  const qs = lender.i32('expand.qs', n);
  const runStart: number[] = [];
  const runEnd: number[] = [];
  const runGroup: number[] = [];
  let at = 0;
  groups.forEach((g, gi) => {
    const seg = placementSegments(s.placement, g.cohort);
    const segments = seg.startS.length;
    const end = g.offset + g.count;
    for (let j = 0; j < segments; j++) {
      const from = j === 0 ? g.offset : lowerBound(d.placeU, g.offset, end, seg.cumShare[j] as number);
      const to = j === segments - 1 ? end : lowerBound(d.placeU, g.offset, end, seg.cumShare[j + 1] as number);
      if (to <= from) continue;
      const first = at;
      let runFrom = at;
      let previousMs = -1;
      const grid = segmentGrid(seg, j);
      for (let q = from; q < to; q++) {
        const ms = msOnGrid(grid, d.placeU[q] as number);
        if (ms !== previousMs) {
          if (at - runFrom > 1) sortRun(keys, qs, runFrom, at, d);
          runFrom = at;
          previousMs = ms;
        }
        keys[at] = ms * ID_SPACE + (d.idOfQ[q] as number);
        qs[at] = q;
        at++;
      }
      if (at - runFrom > 1) sortRun(keys, qs, runFrom, at, d);
      runStart.push(first);
      runEnd.push(at);
      runGroup.push(gi);
    }
  });
  return mergeRuns(keys, qs, runStart, runEnd, runGroup, lender);
}

/** Merges sorted runs of keys by a binary heap of run heads; each key gives its instant. */
function mergeRuns(keys: Float64Array, qs: Int32Array, runStart: number[], runEnd: number[], runGroup: number[], lender: ArrayLender): OrderedActivations {
  const n = keys.length;
  const timesTick = lender.f64('expand.timesTick', n);
  const q = lender.i32('expand.q', n);
  const group = lender.u8('expand.group', n);
  const runs = runStart.length;
  const pos = Int32Array.from(runStart);
  const end = Int32Array.from(runEnd);
  const heap = new Int32Array(runs); // run numbers, ordered by their head key
  const top = new Float64Array(runs); // head key of each run
  let size = 0;
  for (let r = 0; r < runs; r++) {
    if ((pos[r] as number) >= (end[r] as number)) continue;
    top[r] = keys[pos[r] as number] as number;
    let i = size++;
    while (i > 0 && (top[heap[(i - 1) >> 1] as number] as number) > (top[r] as number)) {
      heap[i] = heap[(i - 1) >> 1] as number;
      i = (i - 1) >> 1;
    }
    heap[i] = r;
  }
  for (let out = 0; out < n; out++) {
    const r = heap[0] as number;
    const from = pos[r] as number;
    const k = top[r] as number;
    timesTick[out] = Math.floor(k / ID_SPACE) * TICKS_PER_MS;
    q[out] = qs[from] as number;
    group[out] = runGroup[r] as number;
    pos[r] = from + 1;
    let moving = r;
    if (from + 1 === end[r]) moving = heap[--size] as number;
    else top[r] = keys[from + 1] as number;
    if (size === 0) continue;
    // Sift `moving` down from the root.
    const key = top[moving] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (top[heap[c + 1] as number] as number) < (top[heap[c] as number] as number)) c++;
      if ((top[heap[c] as number] as number) >= key) break;
      heap[i] = heap[c] as number;
      i = c;
    }
    heap[i] = moving;
  }
  return { timesTick, q, group };
}
