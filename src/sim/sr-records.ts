/**
 * One record per SR of a replication, by activation rank, holding everything the event loop reads
 * about it: a retry comes an hour after the SR was last touched, long out of cache, so its state sits
 * in one 32-byte record (one cache line) instead of seven arrays.
 *
 *   rec[4i]     activation tick
 *   rec[4i + 1] DLMS commands per attempt
 *   rec[4i + 2] first attempt's WAN latency, ticks
 *   rec[4i + 3] attempts + 2^19 · (flags + 8 · (group + 256 · local index in group))   (< 2^53, exact)
 */
import { type ArrayLender, FRESH } from '../engine/index.js';
import type { ScheduleGroup } from '../workload/groups.js';
import type { OrderedActivations } from '../workload/expand.js';
import type { SrDraws } from './sr-draws.js';

export const STRIDE = 4;
/** Attempts live in the low 19 bits of the packed field; an SR makes at most this many. */
export const ATTEMPT_SPAN = 2 ** 19;
export const MAX_ATTEMPTS = ATTEMPT_SPAN - 1;

export function srRecords(acts: OrderedActivations, draws: SrDraws, groups: readonly ScheduleGroup[], lender: ArrayLender = FRESH): Float64Array {
  const n = acts.q.length;
  const rec = lender.f64('sr-records', STRIDE * n);
  const offsets = Int32Array.from(groups, (g) => g.offset);
  for (let i = 0; i < n; i++) {
    const q = acts.q[i] as number;
    const g = acts.group[i] as number;
    const local = (draws.idOfQ[q] as number) - (offsets[g] as number);
    const at = STRIDE * i;
    rec[at] = acts.timesTick[i] as number;
    rec[at + 1] = draws.dlms[q] as number;
    rec[at + 2] = draws.firstLatencyTicks[q] as number;
    rec[at + 3] = ATTEMPT_SPAN * ((draws.flags[q] as number) + 8 * (g + 256 * local));
  }
  return rec;
}

/** Fields of the packed word. */
export function attemptsOf(packed: number): number {
  return packed - Math.floor(packed / ATTEMPT_SPAN) * ATTEMPT_SPAN;
}
export function flagsOf(packed: number): number {
  return Math.floor(packed / ATTEMPT_SPAN) & 7;
}
export function groupOf(packed: number): number {
  return Math.floor(packed / (ATTEMPT_SPAN * 8)) & 255;
}
export function localOf(packed: number): number {
  return Math.floor(packed / (ATTEMPT_SPAN * 8 * 256));
}
