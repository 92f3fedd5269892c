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
 * A stream of single-unit arrivals known in advance (a replayed discrete baseline) can be attached:
 * each offer then first takes the arrivals due by its tick, and with an arrivals-alone record
 * (arrivals-alone.ts) whole seconds the other work has not touched are copied, not replayed.
 *
 *   capacity  |--C_0--|--C_1--|--0--|--C_3--|
 *   offer        ^ at φ of second 0: consumes C_0·(1−φ), all of C_1, skips second 2, ends in 3
 */
import type { ArrivalsAlone } from './arrivals-alone-record.js';
import { TICKS_PER_S, roundHalfUp } from './time.js';

export type Overflow = 'queue' | 'reject';

const NO_TICKS = new Float64Array(0);

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
  /** Single-unit arrivals attached with `attachArrivals`; the next one to offer is arrivalTicks[arrivalNext]. */
  private arrivalTicks: Float64Array = NO_TICKS;
  private arrivalNext = 0;
  private arrivalCls = 0;
  private alone: ArrivalsAlone | null = null;
  /** Seconds whose books of attached arrivals were copied from `alone` rather than replayed. */
  secondsCopied = 0;

  /** @throws RangeError naming the first bad capacity, or a bad class count / overflow. */
  constructor(opts: RateServerOptions) {
    const { capacityPerS, overflow, classes } = opts;
    if (capacityPerS.length === 0) throw new RangeError('RateServer: capacityPerS must cover at least one second');
    for (let s = 0; s < capacityPerS.length; s++) {
      const c = capacityPerS[s]!;
      if (!(c >= 0 && c < Infinity)) throw new RangeError(`RateServer: capacityPerS[${s}] must be finite and ≥ 0, got ${c}`);
    }
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
    const h = this.horizonS;
    const a = Math.floor(timeTick / TICKS_PER_S);
    // One test for the valid case; the message is built off the hot path.
    if (!(timeTick >= this.lastOfferTick && timeTick === Math.floor(timeTick) && a < h && units >= 0 && units < Infinity && (cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      throw this.offerError(timeTick, units, cls);
    }
    const next = this.arrivalNext;
    if (next < this.arrivalTicks.length && this.arrivalTicks[next]! <= timeTick) this.takeArrivals(timeTick);
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

  private offerError(timeTick: number, units: number, cls: number): RangeError {
    if (!(timeTick >= this.lastOfferTick && Number.isSafeInteger(timeTick))) {
      return new RangeError(`RateServer.offer: timeTick must be an integer ≥ the previous offer's (${this.lastOfferTick}), got ${timeTick}`);
    }
    if (!(units >= 0 && units < Infinity)) return new RangeError(`RateServer.offer: units must be finite and ≥ 0, got ${units}`);
    if (!((cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      return new RangeError(`RateServer.offer: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    return new RangeError(`RateServer.offer: timeTick ${timeTick} is past the horizon (${this.horizonS} s)`);
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
    if (!((cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      throw new RangeError(`RateServer.offerUnits: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    // Check the ticks that will be offered before offering any, so an error leaves the books untouched.
    return this.takeUnits(timesTick, start, this.checkTicks('offerUnits', timesTick, start, end, untilTick), untilTick, cls);
  }

  /**
   * Checks timesTick[start..end) up to the first tick after untilTick: integers, in order from the last
   * offer's tick on, before the horizon; returns the index of the first tick not checked.
   * @throws RangeError naming the method, the first bad index and its value.
   */
  private checkTicks(method: string, timesTick: Float64Array, start: number, end: number, untilTick: number): number {
    let last = this.lastOfferTick;
    let i = start;
    for (; i < end; i++) {
      const t = timesTick[i]!;
      if (t > untilTick) break;
      if (!(t >= last && Number.isSafeInteger(t) && t < this.horizonS * TICKS_PER_S)) {
        throw new RangeError(`RateServer.${method}: timesTick[${i}] = ${t} must be an integer tick ≥ ${last} and before the horizon (${this.horizonS} s)`);
      }
      last = t;
    }
    return i;
  }

  /**
   * Attaches single-unit arrivals of class `cls` (e.g. a replayed discrete baseline): from now on every
   * `offer` first offers the arrivals at or before its own tick, as `offerUnitsUntil` would — the books
   * and the state are exactly those of offering each unit separately, without a call per batch.
   * With `alone` (the same arrivals through a server with the same capacities and nothing else, see
   * arrivals-alone.ts) a queueing server copies the stretches between clean seconds that its own
   * work has not touched instead of replaying them: the same books, bit for bit.
   * The arrays are read in place, not copied. Replaces arrivals attached earlier that were not offered.
   * @throws RangeError if a tick is not an integer, goes back in time (or before the last offer), or
   *   lies past the horizon; cls is unknown; or `alone` was built for other arrivals or capacities.
   */
  attachArrivals(timesTick: Float64Array, cls: number, alone?: ArrivalsAlone): void {
    if (!((cls | 0) === cls && cls >= 0 && cls < this.classes)) {
      throw new RangeError(`RateServer.attachArrivals: cls must be an integer in [0, ${this.classes}), got ${cls}`);
    }
    if (alone) {
      const same = alone.ticks === timesTick && alone.capacityPerS.length === this.horizonS && alone.capacityPerS.every((c, x) => c === this.capacityPerS[x]);
      if (!same) throw new RangeError('RateServer.attachArrivals: `alone` was built for other arrivals or other capacities');
    }
    // Building an arrivals-alone record checked its ticks' order and horizon: only the first is left to
    // check against this server's last offer. Without one, check them all.
    this.checkTicks('attachArrivals', timesTick, 0, alone ? Math.min(1, timesTick.length) : timesTick.length, Infinity);
    this.arrivalTicks = timesTick;
    this.arrivalNext = 0;
    this.arrivalCls = cls;
    this.alone = alone && this.overflow === 'queue' ? alone : null;
  }

  /** Attached arrivals offered so far. */
  get arrivalsOffered(): number {
    return this.arrivalNext;
  }

  /** Offers the attached arrivals at or before untilTick (as the next offer at that tick would). */
  offerArrivalsUntil(untilTick: number): void {
    const next = this.arrivalNext;
    if (next < this.arrivalTicks.length && this.arrivalTicks[next]! <= untilTick) this.takeArrivals(untilTick);
  }

  /** Where accepted work ends: (second, units used in it); second = horizon once work ran past it. */
  get pointer(): [second: number, used: number] {
    return [this.second, this.used];
  }

  /**
   * The attached arrivals up to untilTick (at least the next one is due). With `alone`, at the first
   * arrival of a clean second a that finds this server idle since an earlier second, jump to the last
   * clean second b up to untilTick's, copying the books of seconds [a, b) and taking the pointer at the
   * start of b; the rest is replayed unit by unit, one second at a time.
   */
  private takeArrivals(untilTick: number): void {
    const ticks = this.arrivalTicks;
    const end = ticks.length;
    const cls = this.arrivalCls;
    const alone = this.alone;
    let i = this.arrivalNext;
    if (alone === null) {
      this.arrivalNext = this.takeUnits(ticks, i, end, untilTick, cls);
      return;
    }
    const { first, lastClean } = alone;
    const lastSecond = Math.min(this.horizonS - 1, Math.floor(untilTick / TICKS_PER_S));
    while (i < end && ticks[i]! <= untilTick) {
      const a = Math.floor(ticks[i]! / TICKS_PER_S);
      // Idle since before second a implies i is a's first arrival; a clean there too: both restart here.
      if (this.second < a && lastClean[a] === a) {
        const b = lastClean[lastSecond]!;
        if (b > a) {
          this.offeredPerS[cls]!.set(alone.offered.subarray(a, b), a);
          this.carriedPerS[cls]!.set(alone.carried.subarray(a, b), a);
          this.secondsCopied += b - a;
          this.second = alone.pointerSecond[b]!;
          this.used = alone.pointerUsed[b]!;
          i = first[b]!;
          this.lastOfferTick = ticks[i - 1]!;
          continue;
        }
      }
      i = this.takeUnits(ticks, i, first[a + 1]!, untilTick, cls);
    }
    this.arrivalNext = i;
  }

  /** One unit at each of timesTick[start..end) up to untilTick, ticks already checked; the index of the first not offered. */
  private takeUnits(timesTick: Float64Array, start: number, end: number, untilTick: number, cls: number): number {
    if (this.overflow !== 'queue') {
      // One offer per unit, with the attached arrivals set aside so these offers do not take them again.
      const attached = this.arrivalTicks;
      this.arrivalTicks = NO_TICKS;
      let i = start;
      try {
        for (; i < end && timesTick[i]! <= untilTick; i++) this.offer(timesTick[i]!, 1, cls);
      } finally {
        this.arrivalTicks = attached;
      }
      return i;
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
}
