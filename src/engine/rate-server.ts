/**
 * A capacity ceiling expressed as a rate: C_s units per second for each whole second s of the
 * horizon, served FIFO across classes (the classes only split the books). Work above the ceiling
 * queues, or with overflow 'reject' is turned away. A fluid model: no events, one call per offer.
 *
 * State is a pointer (second s, used u), 0 ≤ u ≤ C_s: the work accepted so far ends u units into
 * second s. An offer at tick t, in second a = ⌊t / 1e6⌋ at fraction φ of it:
 *   1. if the point (a, C_a·φ) is after the pointer, the server was idle: move the pointer there;
 *   2. consume the units from the pointer on — the rest of each second is carried in that second,
 *      seconds with C_s = 0 (maintenance) are skipped — and finish at s·1e6 + round(u / C_s · 1e6),
 *      rounded by the engine's one rule (time.ts).
 * Because the pointer never passes C_s within a second, carriedPerS[·][s] sums to at most C_s.
 *
 *   capacity  |--C_0--|--C_1--|--0--|--C_3--|
 *   offer        ^ at φ of second 0: consumes C_0·(1−φ), all of C_1, skips second 2, ends in 3
 */
import { TICKS_PER_S, roundHalfUp } from './time.js';

export type Overflow = 'queue' | 'reject';

export interface RateServerOptions {
  /** Units per second for each whole second of the horizon; 0 allowed (maintenance). */
  capacityPerS: Float64Array;
  overflow: Overflow;
  /** Number of classes the books are kept for (offers name one, 0-based). */
  classes: number;
}

export class RateServer {
  readonly horizonS: number;
  readonly classes: number;
  readonly overflow: Overflow;
  readonly capacityPerS: Float64Array;
  /**
   * Per class, per second: units offered (in their arrival second), carried (served), rejected.
   * Each array owns its buffer, so it can be transferred or cloned on its own.
   */
  readonly offeredPerS: Float64Array[];
  readonly carriedPerS: Float64Array[];
  readonly rejectedPerS: Float64Array[];
  private second = 0;
  private used = 0;
  private lastOfferTick = 0;

  /** @throws RangeError naming the first bad capacity, or a bad class count / overflow. */
  constructor(opts: RateServerOptions) {
    const { capacityPerS, overflow, classes } = opts;
    if (capacityPerS.length === 0) throw new RangeError('RateServer: capacityPerS must cover at least one second');
    capacityPerS.forEach((c, s) => {
      if (!(c >= 0 && c < Infinity)) throw new RangeError(`RateServer: capacityPerS[${s}] must be finite and ≥ 0, got ${c}`);
    });
    if (!Number.isSafeInteger(classes) || classes < 1) {
      throw new RangeError(`RateServer: classes must be a positive integer, got ${classes}`);
    }
    if (overflow !== 'queue' && overflow !== 'reject') {
      throw new RangeError(`RateServer: overflow must be 'queue' or 'reject', got ${String(overflow)}`);
    }
    const h = capacityPerS.length;
    this.horizonS = h;
    this.classes = classes;
    this.overflow = overflow;
    this.capacityPerS = Float64Array.from(capacityPerS);
    const perClass = () => Array.from({ length: classes }, () => new Float64Array(h));
    this.offeredPerS = perClass();
    this.carriedPerS = perClass();
    this.rejectedPerS = perClass();
  }

  /**
   * Offers `units` of class `cls` at timeTick (offers come in non-decreasing time).
   * @returns the finish tick; Infinity if the work runs past the horizon; -1 if rejected.
   * @throws RangeError if timeTick goes back in time or lies past the horizon, units < 0, or cls is unknown.
   */
  offer(timeTick: number, units: number, cls: number): number {
    if (!(timeTick >= this.lastOfferTick && Number.isSafeInteger(timeTick))) {
      throw new RangeError(`RateServer.offer: timeTick must be an integer ≥ the previous offer's (${this.lastOfferTick}), got ${timeTick}`);
    }
    if (!(units >= 0 && units < Infinity)) throw new RangeError(`RateServer.offer: units must be finite and ≥ 0, got ${units}`);
    if (!((cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      throw new RangeError(`RateServer.offer: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    const h = this.horizonS;
    const a = Math.floor(timeTick / TICKS_PER_S);
    if (a >= h) throw new RangeError(`RateServer.offer: timeTick ${timeTick} is past the horizon (${h} s)`);
    this.lastOfferTick = timeTick;
    const cap = this.capacityPerS;
    const carried = this.carriedPerS[cls]!;
    this.offeredPerS[cls]![a]! += units;

    let s = this.second;
    let u = this.used;
    const point = (cap[a]! * (timeTick - a * TICKS_PER_S)) / TICKS_PER_S;
    if (a > s || (a === s && point > u)) {
      s = a; // idle since the last work ended: start from the offer's own instant
      u = point;
    }
    if (this.overflow === 'reject') {
      // Accepted only if it ends inside second a; then the loop below runs no iteration.
      if (s !== a || cap[a] === 0 || units > cap[a]! - u) {
        this.rejectedPerS[cls]![a]! += units;
        return -1;
      }
    }
    for (;;) {
      if (s >= h) {
        this.second = h; // from now on every offer runs past the horizon
        this.used = 0;
        return Infinity;
      }
      const c = cap[s]!;
      const room = c - u;
      if (c > 0 && units <= room) break;
      if (room > 0) {
        carried[s]! += room;
        units -= room;
      }
      s++;
      u = 0;
    }
    u += units;
    carried[s]! += units;
    this.second = s;
    this.used = u;
    return s * TICKS_PER_S + roundHalfUp((u / cap[s]!) * TICKS_PER_S);
  }

  /**
   * Offers one unit of class `cls` at each of timesTick[start..start + count), in order — exactly as many
   * `offer(t, 1, cls)` calls would, finish ticks aside — with the pointer kept in locals: the fast
   * path for streams of single arrivals such as a discrete baseline.
   * @throws RangeError like `offer` for a tick that goes back in time or lies past the horizon.
   */
  offerUnits(timesTick: Float64Array, count: number, cls: number, start = 0): void {
    this.offerUnitsUntil(timesTick, start, start + count, Infinity, cls);
  }

  /**
   * Offers one unit at each of timesTick[start..end) up to the first tick after untilTick (the ticks are
   * in order), as `offerUnits` does; returns the index of the first tick not offered — so a stream of
   * arrivals can be replayed up to an instant in one call, without scanning it first.
   * @throws RangeError like `offer` for a tick that goes back in time or lies past the horizon.
   */
  offerUnitsUntil(timesTick: Float64Array, start: number, end: number, untilTick: number, cls: number): number {
    if (this.overflow !== 'queue' || start >= end) {
      let i = start;
      for (; i < end && timesTick[i]! <= untilTick; i++) this.offer(timesTick[i]!, 1, cls);
      return i;
    }
    if (!((cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      throw new RangeError(`RateServer.offerUnits: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    const h = this.horizonS;
    const cap = this.capacityPerS;
    const offered = this.offeredPerS[cls]!;
    const carried = this.carriedPerS[cls]!;
    let s = this.second;
    let u = this.used;
    let last = this.lastOfferTick;
    let i = start;
    for (; i < end; i++) {
      const t = timesTick[i]!;
      if (t > untilTick) break;
      if (!(t >= last && Number.isSafeInteger(t)) || t >= h * TICKS_PER_S) {
        this.second = s;
        this.used = u;
        this.lastOfferTick = last;
        this.offer(t, 1, cls); // throws with offer's own message
      }
      last = t;
      const a = Math.floor(t / TICKS_PER_S);
      offered[a]! += 1;
      const point = (cap[a]! * (t - a * TICKS_PER_S)) / TICKS_PER_S;
      if (a > s || (a === s && point > u)) {
        s = a;
        u = point;
      }
      let units = 1;
      for (;;) {
        if (s >= h) break;
        const c = cap[s]!;
        const room = c - u;
        if (c > 0 && units <= room) break;
        if (room > 0) {
          carried[s]! += room;
          units -= room;
        }
        s++;
        u = 0;
      }
      if (s >= h) {
        s = h;
        u = 0;
        continue;
      }
      u += units;
      carried[s]! += units;
    }
    this.second = s;
    this.used = u;
    this.lastOfferTick = last;
    return i;
  }

  /** Tick at which all accepted work is done (the pointer); Infinity once work ran past the horizon. */
  get busyUntilTick(): number {
    const s = this.second;
    if (s >= this.horizonS) return Infinity;
    const c = this.capacityPerS[s]!;
    return s * TICKS_PER_S + (c > 0 ? roundHalfUp((this.used / c) * TICKS_PER_S) : 0);
  }

  /**
   * Units offered but neither carried nor rejected by the end of each second, for one class or (cls
   * omitted) all: Σ_{j ≤ s} (offered − carried − rejected). Call after the offers up to s were made.
   * Sums of fractional units may leave round-off of order 1e-12 where the backlog is empty.
   */
  backlogUnitsPerS(cls?: number): Float64Array {
    if (cls !== undefined && !(Number.isInteger(cls) && cls >= 0 && cls < this.classes)) {
      throw new RangeError(`RateServer.backlogUnitsPerS: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    const h = this.horizonS;
    const out = new Float64Array(h);
    const first = cls ?? 0;
    const last = cls ?? this.classes - 1;
    let backlog = 0;
    for (let s = 0; s < h; s++) {
      for (let c = first; c <= last; c++) {
        backlog += this.offeredPerS[c]![s]! - this.carriedPerS[c]![s]! - this.rejectedPerS[c]![s]!;
      }
      out[s] = backlog;
    }
    return out;
  }
}
