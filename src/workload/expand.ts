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

/** Packed keys of one group's activations (unsorted), written into `out` from `at`. */
export function groupKeys(s: Scenario, g: ScheduleGroup, rng: KeyedRng, out: Float64Array, at: number): void {
  const seg = placementSegments(s.placement, g.cohort);
  for (let i = 0; i < g.count; i++) {
    const ms = activationMs(seg, rng.u(g.key, i, PURPOSE.place, 0));
    out[at + i] = ms * ID_SPACE + g.offset + i;
  }
}

/** Sorted packed keys → parallel arrays of activation ticks and SR ids. */
export function unpackSorted(keys: Float64Array): Activations {
  keys.sort();
  const srIds = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const ms = Math.floor(k / ID_SPACE);
    srIds[i] = k - ms * ID_SPACE;
    keys[i] = ms * TICKS_PER_MS;
  }
  return { timesTick: keys, srIds };
}

export function expandDay(s: Scenario, groups: readonly ScheduleGroup[], rng: KeyedRng): Activations {
  const total = groups.reduce((a, g) => a + g.count, 0);
  if (total > MAX_SRS) throw new RangeError(`at most ${MAX_SRS} SRs per day per run (got ${total})`);
  const keys = new Float64Array(total);
  for (const g of groups) groupKeys(s, g, rng, keys, g.offset);
  return unpackSorted(keys);
}
