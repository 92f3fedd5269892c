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
 *   rec[4i + 2] first attempt's round trip per DLMS command, ticks
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

  /** The first attempt's round trip per DLMS command in ticks (drawn before the day; a retry draws its own). */
  firstRoundTripTicks(i: number): number {
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

  /** Index of SR i's route: its schedule group (SRV × cohort) on its day (day × groups per day + group). */
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

/** One fired day of a run: its activations, its SRs' draws and groups, where its groups' routes start. */
export interface FiredDay {
  readonly acts: OrderedActivations;
  readonly draws: SrDraws;
  readonly groups: readonly ScheduleGroup[];
  /** Index of this day's first route: SR records hold group + groupBase. */
  readonly groupBase: number;
  /** Added to each activation tick (the day's start in the run). */
  readonly tickOffset: number;
}

/** The SRs of one day in activation order, each with its draws, in arrays lent by `lender`. */
export function buildSrTable(acts: OrderedActivations, draws: SrDraws, groups: readonly ScheduleGroup[], lender: ArrayLender = FRESH): SrTable {
  const builder = new SrTableBuilder(acts.q.length, lender);
  builder.add({ acts, draws, groups, groupBase: 0, tickOffset: 0 });
  return builder.build();
}

/**
 * The SRs of every fired day of a run in one table, in activation order: days added one by one (each
 * day's expansion may reuse the last one's arrays), then built. Days whose activations overlap, such as
 * a burst that runs past midnight, are merged by instant, the earlier day first at equal instants.
 */
export class SrTableBuilder {
  private readonly rec: Float64Array;
  private readonly ticks: Float64Array;
  private filled = 0;
  private ordered = true;

  /** @param size the SRs of all the days to be added */
  constructor(size: number, lender: ArrayLender = FRESH) {
    this.rec = lender.f64('sr-records', STRIDE * size);
    this.ticks = lender.f64('sr-activation-ticks', size);
  }

  add(day: FiredDay): void {
    const { acts, draws, groups, groupBase, tickOffset } = day;
    const { rec, ticks } = this;
    const offsets = Int32Array.from(groups, (g) => g.offset);
    let i = this.filled;
    if (i + acts.q.length > ticks.length) throw new RangeError(`SrTableBuilder: more SRs added than the ${ticks.length} it was made for`);
    if (i > 0 && acts.q.length > 0 && (acts.timesTick[0] as number) + tickOffset < (ticks[i - 1] as number)) this.ordered = false;
    for (let j = 0; j < acts.q.length; j++, i++) {
      const q = acts.q[j] as number;
      const g = acts.group[j] as number;
      const local = (draws.idOfQ[q] as number) - (offsets[g] as number);
      const at = STRIDE * i;
      const t = (acts.timesTick[j] as number) + tickOffset;
      ticks[i] = t;
      rec[at] = t;
      rec[at + 1] = draws.dlms[q] as number;
      rec[at + 2] = draws.firstRoundTripTicks[q] as number;
      rec[at + 3] = ATTEMPT_SPAN * ((draws.flags[q] as number) + 8 * (g + groupBase + 256 * local));
    }
    this.filled = i;
  }

  build(): SrTable {
    if (this.filled !== this.ticks.length) throw new RangeError(`SrTableBuilder: ${this.filled} SRs added of the ${this.ticks.length} it was made for`);
    if (!this.ordered) mergeByInstant(this.ticks, this.rec);
    return new SrTable(this.ticks, this.rec);
  }
}

/** Puts the records in instant order, stably (days that overlap in time: rare, so a plain sort). */
function mergeByInstant(ticks: Float64Array, rec: Float64Array): void {
  const order = Array.from({ length: ticks.length }, (_, i) => i).sort((a, b) => (ticks[a] as number) - (ticks[b] as number) || a - b);
  const oldRec = rec.slice();
  order.forEach((from, to) => {
    ticks[to] = oldRec[STRIDE * from] as number;
    rec.set(oldRec.subarray(STRIDE * from, STRIDE * from + STRIDE), STRIDE * to);
  });
}
