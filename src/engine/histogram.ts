/**
 * A log-linear histogram of non-negative values (in the manner of HdrHistogram): fixed memory,
 * exactly mergeable by adding counts, and cheap to send between threads as one Float64Array.
 *
 * Each power-of-two range [2^e, 2^(e+1)), for e in [−20, 24), is split into 64 equal sub-buckets,
 * so a bucket is at most 1/64 of its lower bound wide. Values below 2^−20 (≈ 9.5e−7) share one
 * underflow bucket, values from 2^24 (≈ 1.68e7) up — +Infinity included — one overflow bucket:
 *
 *   index 0         1 … 2816                              2817
 *         [0,2^-20) [2^e·(1 + k/64), 2^e·(1 + (k+1)/64))  [2^24, ∞]
 *                   index = 1 + (e + 20)·64 + k
 *
 * The bucket is read straight from the bits of the double: the exponent field gives e and the
 * top 6 mantissa bits give k — exact at every bucket edge, no logarithm.
 */
const SUB_BITS = 6;
const SUB_COUNT = 1 << SUB_BITS;
const MIN_EXP = -20;
const MAX_EXP = 24;
const BUCKETS = 2 + (MAX_EXP - MIN_EXP) * SUB_COUNT;
const MIN_TRACKED = 2 ** MIN_EXP;
const MAX_TRACKED = 2 ** MAX_EXP;
/** Tags the toArray() layout (sub-bucket bits, −MIN_EXP, MAX_EXP) so a mismatched one fails loudly. */
const LAYOUT = 62024;
const HEADER = 5; // LAYOUT, count, sum, min, max

// Lower edge of every bucket (and the upper edge of the last log-linear one), exact powers of two.
const LOWER = new Float64Array(BUCKETS);
for (let e = MIN_EXP; e < MAX_EXP; e++) {
  for (let k = 0; k < SUB_COUNT; k++) LOWER[1 + (e - MIN_EXP) * SUB_COUNT + k] = 2 ** e * (1 + k / SUB_COUNT);
}
LOWER[BUCKETS - 1] = MAX_TRACKED;

// Scratch view on a double's bits; HI is the word holding sign, exponent and the top 20 mantissa bits.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function bucketOf(v: number): number {
  if (v < MIN_TRACKED) return 0;
  if (v >= MAX_TRACKED) return BUCKETS - 1;
  scratch[0] = v;
  const hi = words[HI]!;
  const e = (hi >>> 20) - 1023;
  return 1 + (e - MIN_EXP) * SUB_COUNT + ((hi >>> (20 - SUB_BITS)) & (SUB_COUNT - 1));
}

export class Histogram {
  /** Largest relative error of a quantile inside [2^−20, 2^24): half a bucket, 1/128. */
  static readonly relativeResolution = 1 / (2 * SUB_COUNT);
  count = 0;
  sum = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;
  private readonly counts = new Float64Array(BUCKETS);

  /** Smallest and largest value recorded (exact); NaN while empty. */
  get min(): number {
    return this.count > 0 ? this.minValue : NaN;
  }
  get max(): number {
    return this.count > 0 ? this.maxValue : NaN;
  }
  get mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  /** Records one value ≥ 0 (+Infinity lands in the overflow bucket). @throws RangeError for NaN or v < 0. */
  record(v: number): void {
    if (!(v >= 0)) throw new RangeError(`Histogram.record: value must be ≥ 0, got ${v}`);
    this.counts[bucketOf(v)]!++;
    this.count++;
    this.sum += v;
    if (v < this.minValue) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
  }

  /**
   * The q-quantile: the midpoint of the bucket that holds the ⌈q·count⌉-th smallest value (at least
   * the 1st), clamped to [min, max] — so relative error ≤ 1/128 inside [2^−20, 2^24). q = 0 and q = 1
   * answer min and max exactly; so does the overflow bucket, max. NaN while empty.
   * @throws RangeError unless 0 ≤ q ≤ 1.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Histogram.quantile: q must be in [0, 1], got ${q}`);
    if (this.count === 0) return NaN;
    if (q === 0) return this.minValue;
    if (q === 1) return this.maxValue;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    let i = 0;
    for (; i < BUCKETS - 1; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) break;
    }
    if (i === BUCKETS - 1) return this.maxValue;
    const mid = i === 0 ? MIN_TRACKED / 2 : (LOWER[i]! + LOWER[i + 1]!) / 2;
    return Math.min(this.maxValue, Math.max(this.minValue, mid));
  }

  /** Adds other's counts into this one: the result equals having recorded both sets of values. */
  merge(other: Histogram): this {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.minValue = Math.min(this.minValue, other.minValue);
    this.maxValue = Math.max(this.maxValue, other.maxValue);
    return this;
  }

  /** [layout tag, count, sum, min, max, …bucket counts]: one buffer to transfer between threads. */
  toArray(): Float64Array {
    const out = new Float64Array(HEADER + BUCKETS);
    out[0] = LAYOUT;
    out[1] = this.count;
    out[2] = this.sum;
    out[3] = this.minValue;
    out[4] = this.maxValue;
    out.set(this.counts, HEADER);
    return out;
  }

  /** The inverse of toArray. @throws RangeError if the length or layout tag does not match. */
  static fromArray(data: ArrayLike<number>): Histogram {
    if (data.length !== HEADER + BUCKETS || data[0] !== LAYOUT) {
      throw new RangeError(`Histogram.fromArray: expected ${HEADER + BUCKETS} numbers starting with layout ${LAYOUT}, got ${data.length} starting with ${data[0]}`);
    }
    const h = new Histogram();
    h.count = data[1]!;
    h.sum = data[2]!;
    h.minValue = data[3]!;
    h.maxValue = data[4]!;
    for (let i = 0; i < BUCKETS; i++) h.counts[i] = data[HEADER + i]!;
    return h;
  }
}
