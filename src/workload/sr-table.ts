/**
 * The SRs of one day, by activation rank i (0 = the first to activate): everything the event loop
 * reads or changes about an SR, behind named accessors. Nothing outside this file knows how an SR
 * is stored.
 *
 * Storage: a retry comes an hour after its SR was last touched, long out of cache, so each SR sits in
 * one 32-byte record (one cache line) of a Float64Array instead of seven arrays:
 *
 *   rec[4i]     activation tick
 *   rec[4i + 1] DLMS commands per attempt
 *   rec[4i + 2] first attempt's WAN latency, ticks
 *   rec[4i + 3] attempts + 2^19 · (flags + 8 · (group + 256 · index in group))   (< 2^53, exact)
 */
import { type ArrayLender, FRESH } from '../engine/index.js';
import type { OrderedActivations } from './expand.js';
import type { ScheduleGroup } from './groups.js';
import { DATA_NOT_AVAILABLE, FIRST_WAN_OK, type SrDraws, UNREACHABLE } from './sr-draws.js';

const STRIDE = 4;
/** Attempts live in the low 19 bits of the packed field. */
const ATTEMPT_SPAN = 2 ** 19;
/** The most attempts one SR makes (the packed field's attempt count must not overflow). */
export const MAX_ATTEMPTS = ATTEMPT_SPAN - 1;

/** The attempt count held in a packed field. */
function attemptsIn(packed: number): number {
  return packed - Math.floor(packed / ATTEMPT_SPAN) * ATTEMPT_SPAN;
}

export class SrTable {
  /** Number of SRs in the day. */
  readonly size: number;

  /**
   * @param activationTicks every SR's activation tick by rank, non-decreasing (the day's arrival stream)
   * @param rec the packed records (see the file header); built by `buildSrTable`
   */
  constructor(
    readonly activationTicks: Float64Array,
    private readonly rec: Float64Array,
  ) {
    this.size = activationTicks.length;
  }

  activationTick(i: number): number {
    return this.rec[STRIDE * i] as number;
  }

  /** DLMS commands each attempt of SR i sends (drawn once per SR). */
  dlmsPerAttempt(i: number): number {
    return this.rec[STRIDE * i + 1] as number;
  }

  /** The first attempt's WAN latency in ticks (drawn before the day; a retry draws its own). */
  firstLatencyTicks(i: number): number {
    return this.rec[STRIDE * i + 2] as number;
  }

  /** Attempts SR i has made so far. */
  attempts(i: number): number {
    return attemptsIn(this.rec[STRIDE * i + 3] as number);
  }

  /** Counts one more attempt of SR i; returns how many it had made before (0 for the first). */
  startAttempt(i: number): number {
    const at = STRIDE * i + 3;
    const packed = this.rec[at] as number;
    this.rec[at] = packed + 1;
    return attemptsIn(packed);
  }

  /** Index of SR i's schedule group (SRV × cohort), hence of its route. */
  group(i: number): number {
    return Math.floor((this.rec[STRIDE * i + 3] as number) / (ATTEMPT_SPAN * 8)) & 255;
  }

  /** SR i's index within its group: with the group's key, the key of every draw the SR makes. */
  indexInGroup(i: number): number {
    return Math.floor((this.rec[STRIDE * i + 3] as number) / (ATTEMPT_SPAN * 8 * 256));
  }

  /** The meter never answers over the WAN, whatever the attempt. */
  unreachable(i: number): boolean {
    return (this.flags(i) & UNREACHABLE) !== 0;
  }

  /** The first attempt's WAN success draw succeeded. */
  firstAttemptOk(i: number): boolean {
    return (this.flags(i) & FIRST_WAN_OK) !== 0;
  }

  /** The response will carry Data Not Available. */
  dataNotAvailable(i: number): boolean {
    return (this.flags(i) & DATA_NOT_AVAILABLE) !== 0;
  }

  /** Reads SR i's record (to bring it into cache ahead of use); the value means nothing. */
  touch(i: number): number {
    const at = STRIDE * i;
    return (this.rec[at] as number) + (this.rec[at + 3] as number);
  }

  private flags(i: number): number {
    return Math.floor((this.rec[STRIDE * i + 3] as number) / ATTEMPT_SPAN) & 7;
  }
}

/** The day's SRs in activation order, each with its draws, in arrays lent by `lender`. */
export function buildSrTable(acts: OrderedActivations, draws: SrDraws, groups: readonly ScheduleGroup[], lender: ArrayLender = FRESH): SrTable {
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
  return new SrTable(acts.timesTick, rec);
}
