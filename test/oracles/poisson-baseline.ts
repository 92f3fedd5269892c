/**
 * Test oracle: a discrete baseline's arrival ticks drawn the plain way — one keyed draw per gap
 * (`KeyedRng.u`, not the absorbed streams the simulator uses), one bucket of the daily profile at a time.
 * Within a bucket of rate r the next arrival comes an exponential gap −ln(u)/r later; a gap that would
 * cross the bucket's end is dropped and the clock restarts at the boundary (exact for piecewise-constant
 * rates by memorylessness). A bucket of rate 0 draws nothing. Ticks are µs, rounded half up. Each day
 * draws from its own key, the day counted from the first measured day (the run's first day is
 * `firstDay`), its draws numbered from 0.
 */
import type { KeyedRng } from '../../src/engine/index.js';
import { PURPOSE } from '../../src/workload/purposes.js';

export interface Profile {
  readonly bucketS: number;
  readonly ratePerS: readonly number[];
}

export function poissonBaselineTicks(profile: Profile, rng: KeyedRng, key: number, horizonS: number, firstDay = 0): number[] {
  const out: number[] = [];
  const lastTick = horizonS * 1e6 - 1;
  let t = 0;
  let draw = 0;
  for (let start = 0; start < horizonS; start += profile.bucketS) {
    if (start % 86_400 === 0) draw = 0; // a new day: its own stream
    const day = (firstDay + Math.floor(start / 86_400)) >>> 0;
    const end = Math.min(horizonS, start + profile.bucketS);
    const rate = profile.ratePerS[Math.floor((start % 86_400) / profile.bucketS)] ?? 0;
    while (rate > 0) {
      const gap = -Math.log(rng.u(key, day, PURPOSE.baselineGap, draw++)) / rate;
      if (t + gap >= end) break;
      t += gap;
      const tick = Math.floor(t * 1e6 + 0.5);
      if (tick > lastTick) return out;
      out.push(tick);
    }
    t = end;
  }
  return out;
}
