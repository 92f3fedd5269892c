/**
 * Baseline traffic at a capacity: the existing load, from the daily profile, repeated every day.
 * - fluid: a reservation — the ceiling left for scheduled work is ceiling − rate, second by second;
 * - discrete: Poisson arrivals with the profile's piecewise-constant rate, generated lazily just
 *   before each scheduled offer so they interleave in time order without entering the event heap.
 */
import { type KeyedRng, type RateServer, roundHalfUp, TICKS_PER_S } from '../engine/index.js';
import { DAY_S, type BaselineProfile } from '../model/types.js';
import { PURPOSE } from '../workload/purposes.js';

/** Baseline rate per second in whole second `s` of the horizon. */
export function baselineRateAt(p: BaselineProfile, s: number): number {
  if (p.mode === 'none') return 0;
  return p.ratePerS[Math.floor((s % DAY_S) / p.bucketS)] ?? 0;
}

export const BASELINE = 0;
export const SCHEDULED = 1;

export class DiscreteBaseline {
  /** Next arrival, seconds (float) and ticks; Infinity when the horizon is exhausted. */
  private nextS = 0;
  nextTick = 0;
  private draws = 0;
  arrivals = 0;
  private readonly streamA: number;
  private readonly streamB: number;

  constructor(
    private readonly profile: BaselineProfile,
    private readonly server: RateServer,
    private readonly rng: KeyedRng,
    key: number,
    private readonly horizonS: number,
  ) {
    this.streamA = rng.streamA(key, 0, PURPOSE.baselineGap);
    this.streamB = rng.streamB(key, 0, PURPOSE.baselineGap);
    this.advanceFrom(0);
  }

  /** Offer every baseline arrival at or before `tick` (baseline first at equal instants). */
  advanceTo(tick: number): void {
    while (this.nextTick <= tick) {
      this.server.offer(this.nextTick, 1, BASELINE);
      this.arrivals++;
      this.advanceFrom(this.nextS);
    }
  }

  /**
   * Next arrival after time `t`: an exponential gap at the current bucket's rate; a gap that
   * crosses the bucket's end restarts at the boundary with the next rate (memorylessness makes
   * this exact for piecewise-constant rates).
   */
  private advanceFrom(t: number): void {
    const bucketS = this.profile.bucketS;
    for (;;) {
      if (t >= this.horizonS) {
        this.nextS = this.nextTick = Number.POSITIVE_INFINITY;
        return;
      }
      const rate = baselineRateAt(this.profile, Math.floor(t));
      const bucketEnd = Math.min(this.horizonS, (Math.floor(t / bucketS) + 1) * bucketS);
      if (rate > 0) {
        const gap = -Math.log(this.rng.uStream(this.streamA, this.streamB, this.draws++)) / rate;
        if (t + gap < bucketEnd) {
          this.nextS = t + gap;
          this.nextTick = roundHalfUp(this.nextS * TICKS_PER_S);
          return;
        }
      }
      t = bucketEnd;
    }
  }
}
