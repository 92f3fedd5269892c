/**
 * Baseline traffic at a capacity: the existing load, from the daily profile, repeated every day.
 * - fluid: a reservation — the ceiling left for scheduled work is ceiling − rate, second by second;
 * - discrete: Poisson arrivals with the profile's piecewise-constant rate, generated lazily just
 *   before each scheduled offer so they interleave in time order without entering the event heap —
 *   or, when scenarios share them, drawn for the whole horizon at once (`baselineArrivalTicks`) and
 *   attached to each scenario's server, which offers them ahead of each offer (RateServer.attachArrivals).
 */
import { type KeyedRng, roundHalfUp, TICKS_PER_S } from '../engine/index.js';
import { DAY_S, type BaselineProfile } from '../model/types.js';
import { PURPOSE } from '../workload/purposes.js';

/**
 * Baseline rate per second in whole second `s` of the horizon: the profile's firmware-day rate, less
 * the firmware uplift on a day `firmwareByDay` marks 0 (day ⌊s / 86 400⌋; none given: every day a
 * firmware day, the design day of the static views).
 */
export function baselineRateAt(p: BaselineProfile, s: number, firmwareByDay?: Uint8Array): number {
  if (p.mode === 'none') return 0;
  const b = Math.floor((s % DAY_S) / p.bucketS);
  const rate = p.ratePerS[b] ?? 0;
  return firmwareByDay !== undefined && firmwareByDay[Math.floor(s / DAY_S)] === 0 ? rate - (p.firmwarePerS[b] ?? 0) : rate;
}

export const BASELINE = 0;
export const SCHEDULED = 1;

/** Where baseline arrivals go: a RateServer, or a collector (`baselineArrivalTicks`). */
export interface UnitSink {
  offerUnits(timesTick: Float64Array, count: number, cls: number, start?: number): void;
}

/** Rate and end (seconds) of every profile bucket of the horizon. */
function profileBuckets(profile: BaselineProfile, horizonS: number, firmwareByDay?: Uint8Array): { rates: Float64Array; ends: Float64Array } {
  const n = Math.ceil(horizonS / profile.bucketS);
  const rates = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    rates[b] = baselineRateAt(profile, b * profile.bucketS, firmwareByDay);
    ends[b] = Math.min(horizonS, (b + 1) * profile.bucketS);
  }
  return { rates, ends };
}

/**
 * The draw of a discrete baseline's arrivals, one after another: each next arrival is an exponential
 * gap at the current bucket's rate; a gap that crosses the bucket's end restarts at the boundary with
 * the next rate (memorylessness makes this exact for piecewise-constant rates). Each day of the run
 * draws from its own stream, keyed by the day counted from the first measured day (`firstDay` is the
 * run's first day on that count: −warm-up days), so the first measured day's arrivals are the same
 * whatever the warm-up. `next` is always the next arrival's tick, drawn ahead (Infinity once the
 * horizon is exhausted). The one implementation behind both ways of taking a baseline: as the day
 * goes (`DiscreteBaseline`) and all at once (`baselineArrivalTicks`).
 */
class ArrivalDraw {
  /** Next arrival, seconds (float) and ticks. */
  private nextS = 0;
  next = 0;
  private draws = 0;
  private bucket = 0;
  private streamA = 0;
  private streamB = 0;
  /** Each day's stream, by day of the run. */
  private readonly dayStreamA: Float64Array;
  private readonly dayStreamB: Float64Array;
  private readonly bucketsPerDay: number;
  private readonly rates: Float64Array;
  private readonly ends: Float64Array;

  constructor(
    profile: BaselineProfile,
    private readonly rng: KeyedRng,
    key: number,
    horizonS: number,
    firstDay = 0,
    firmwareByDay?: Uint8Array,
  ) {
    if (DAY_S % profile.bucketS !== 0) throw new RangeError(`baseline buckets of ${profile.bucketS} s do not divide the day`);
    this.bucketsPerDay = DAY_S / profile.bucketS;
    const days = Math.ceil(horizonS / DAY_S);
    this.dayStreamA = Float64Array.from({ length: days }, (_, d) => rng.streamA(key, (firstDay + d) >>> 0, PURPOSE.baselineGap));
    this.dayStreamB = Float64Array.from({ length: days }, (_, d) => rng.streamB(key, (firstDay + d) >>> 0, PURPOSE.baselineGap));
    ({ rates: this.rates, ends: this.ends } = profileBuckets(profile, horizonS, firmwareByDay));
    this.enterDay(0);
    this.nextS = this.following(0);
  }

  /** Draws from day d's stream from its first draw on. */
  private enterDay(d: number): void {
    this.streamA = this.dayStreamA[d] as number;
    this.streamB = this.dayStreamB[d] as number;
    this.draws = 0;
  }

  /**
   * Writes the arrivals at or before `untilTick` into out[from…], as many as fit; returns the index after
   * the last one written. State lives in locals inside the loop: this is the simulator's hottest path.
   */
  fill(out: Float64Array, from: number, untilTick: number): number {
    const { rates, ends, rng, bucketsPerDay } = this;
    const room = out.length;
    let { streamA, streamB } = this;
    let t = this.nextS;
    let next = this.next;
    let b = this.bucket;
    let draws = this.draws;
    let n = from;
    while (next <= untilTick && n < room) {
      out[n++] = next;
      for (;;) {
        if (b >= rates.length) {
          t = next = Number.POSITIVE_INFINITY;
          break;
        }
        const rate = rates[b] as number;
        if (rate > 0) {
          const gap = -Math.log(rng.uStream(streamA, streamB, draws++)) / rate;
          if (t + gap < (ends[b] as number)) {
            t += gap;
            next = roundHalfUp(t * TICKS_PER_S);
            break;
          }
        }
        t = ends[b] as number;
        b++;
        if (b % bucketsPerDay === 0 && b < rates.length) {
          this.enterDay(b / bucketsPerDay);
          ({ streamA, streamB, draws } = this);
        }
      }
    }
    this.nextS = t;
    this.next = next;
    this.bucket = b;
    this.draws = draws;
    return n;
  }

  /** The first arrival after second t (from bucket 0), setting the bucket and tick; Infinity if none. */
  private following(t: number): number {
    for (let b = 0; b < this.rates.length; b++) {
      if (b > 0 && b % this.bucketsPerDay === 0) this.enterDay(b / this.bucketsPerDay);
      const rate = this.rates[b] as number;
      if (rate > 0) {
        const gap = -Math.log(this.rng.uStream(this.streamA, this.streamB, this.draws++)) / rate;
        if (t + gap < (this.ends[b] as number)) {
          this.bucket = b;
          this.next = roundHalfUp((t + gap) * TICKS_PER_S);
          return t + gap;
        }
      }
      t = this.ends[b] as number;
    }
    this.bucket = this.rates.length;
    this.next = Number.POSITIVE_INFINITY;
    return Number.POSITIVE_INFINITY;
  }
}

/** A discrete baseline drawn as the day goes: offered to its server in batches just before each offer. */
export class DiscreteBaseline {
  arrivals = 0;
  private readonly draw: ArrivalDraw;
  /** Arrival ticks waiting to be offered in one batch (offerUnits). */
  private readonly buffer = new Float64Array(1024);

  constructor(
    profile: BaselineProfile,
    readonly server: UnitSink,
    rng: KeyedRng,
    key: number,
    horizonS: number,
    firstDay = 0,
    firmwareByDay?: Uint8Array,
  ) {
    this.draw = new ArrivalDraw(profile, rng, key, horizonS, firstDay, firmwareByDay);
  }

  /** Offers every baseline arrival at or before `tick` (baseline first at equal instants). */
  advanceTo(tick: number): void {
    const draw = this.draw;
    if (draw.next > tick) return;
    const buffer = this.buffer;
    let filled: number;
    do {
      filled = draw.fill(buffer, 0, tick);
      this.server.offerUnits(buffer, filled, BASELINE);
      this.arrivals += filled;
    } while (filled === buffer.length);
  }
}

/**
 * Every arrival tick of a discrete baseline over the horizon, drawn as `DiscreteBaseline` draws them
 * (the same ArrivalDraw): generated once, replayed by any number of scenarios that share the seed,
 * replication, profile and capacity (attached to each one's server). Into an array sized for the
 * expected count plus a margin (grown if ever exceeded).
 */
export function baselineArrivalTicks(profile: BaselineProfile, rng: KeyedRng, key: number, horizonS: number, firstDay = 0, firmwareByDay?: Uint8Array): Float64Array {
  const { rates, ends } = profileBuckets(profile, horizonS, firmwareByDay);
  let expected = 0;
  for (let b = 0; b < rates.length; b++) expected += (rates[b] as number) * ((ends[b] as number) - (b > 0 ? (ends[b - 1] as number) : 0));
  const draw = new ArrivalDraw(profile, rng, key, horizonS, firstDay, firmwareByDay);
  const lastTick = horizonS * TICKS_PER_S - 1;
  let out = new Float64Array(Math.ceil(expected + 8 * Math.sqrt(expected) + 1024));
  let n = draw.fill(out, 0, lastTick);
  while (draw.next <= lastTick) {
    const grown = new Float64Array(Math.ceil(out.length * 1.5));
    grown.set(out);
    out = grown;
    n = draw.fill(out, n, lastTick);
  }
  return out.subarray(0, n);
}
