/**
 * Events far in the future (long retries, expiries a day later) parked outside the heap, in buckets
 * of BUCKET_TICKS by time, so the heap holds only the near future and stays shallow (measured on the
 * default day: ~99k events in the heap without buckets, most of them hours ahead).
 *
 * Each parked event keeps the order (priority, seq) it was given when scheduled, so moving a bucket
 * into the heap just before the clock reaches it changes no tie: the total order is the one the
 * heap alone would have produced.
 *
 *   bucket k holds events with k·W ≤ time < (k+1)·W, as flat triples (time, order, payload)
 */
import type { EventQueue } from './event-queue.js';

/** Bucket width: one simulated second (measured on the default day: the heap holds ~50 events instead of ~3,000 with minute buckets, and the event loop alone runs ~12 % faster). */
export const BUCKET_TICKS = 1_000_000;

/** One bucket's events as flat (time, order, payload) triples in a reusable typed array. */
interface Bucket {
  data: Float64Array;
  n: number;
}

export class FarEvents {
  /** Events at or after this tick are parked; earlier ones go straight to the heap. */
  parkFrom = BUCKET_TICKS;
  size = 0;
  /** Indexed by bucket number (time / BUCKET_TICKS); released buckets' arrays are reused. */
  private readonly buckets: (Bucket | undefined)[] = [];
  private readonly spare: Float64Array[] = [];

  /** With nothing parked, moves the boundary up to the bucket after `nowTick` (never down). */
  catchUp(nowTick: number): void {
    this.parkFrom = Math.max(this.parkFrom, (Math.floor(nowTick / BUCKET_TICKS) + 1) * BUCKET_TICKS);
  }

  park(timeTick: number, order: number, payload: number): void {
    const k = Math.floor(timeTick / BUCKET_TICKS);
    // Grow by appending, so the array stays a fast elements array (a far write would make it a dictionary).
    while (this.buckets.length <= k) this.buckets.push(undefined);
    let bucket = this.buckets[k];
    if (bucket === undefined) {
      bucket = { data: this.spare.pop() ?? new Float64Array(3 * 32), n: 0 };
      this.buckets[k] = bucket;
    }
    if (bucket.n + 3 > bucket.data.length) {
      const grown = new Float64Array(bucket.data.length * 2);
      grown.set(bucket.data);
      bucket.data = grown;
    }
    const d = bucket.data;
    d[bucket.n] = timeTick;
    d[bucket.n + 1] = order;
    d[bucket.n + 2] = payload;
    bucket.n += 3;
    this.size++;
  }

  /**
   * Moves buckets into the heap, in time order, until the next event to deliver (`nextTick`, the
   * earlier of the stream's head and the heap's top) lies before `parkFrom`, or nothing is parked.
   * With `warm`, first calls it on each payload of a bucket (see EventHandler.warm); returns the sum
   * of what it returned.
   */
  release(queue: EventQueue, nextTick: number, warm?: (payload: number) => number): number {
    let warmed = 0;
    while (this.size > 0 && nextTick >= this.parkFrom) {
      const k = this.parkFrom / BUCKET_TICKS;
      const bucket = this.buckets[k];
      if (bucket !== undefined) {
        const d = bucket.data;
        if (warm !== undefined) for (let j = 2; j < bucket.n; j += 3) warmed += warm(d[j]!);
        for (let j = 0; j < bucket.n; j += 3) queue.pushOrdered(d[j]!, d[j + 1]!, d[j + 2]!);
        this.size -= bucket.n / 3;
        this.buckets[k] = undefined;
        this.spare.push(d);
        if (queue.size > 0 && queue.topTimeTick() < nextTick) nextTick = queue.topTimeTick();
      }
      this.parkFrom += BUCKET_TICKS;
    }
    return warmed;
  }
}
