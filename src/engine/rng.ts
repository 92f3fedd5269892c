/**
 * Keyed, counter-based random numbers: a draw is a pure function of
 * (seed, replication, keyHi, keyLo, purpose, index), never of call order, so adding an entity, a
 * purpose or a worker leaves every other draw unchanged (DESIGN §5).
 *
 *   (keyHi, keyLo) names the entity (a 64-bit key split in two 32-bit halves),
 *   purpose        what the draw is for (say 0 = inter-arrival, 1 = service),
 *   index          which draw of that purpose for that entity (say the retry number).
 *
 * Two independent 32-bit lanes hash the same inputs, each a chain h ← mix(h ^ input) over a
 * bijective integer mixer. Two lanes, not one, so the state is 64 bits wide: with millions of
 * entities a single 32-bit chain would give some pairs of entities identical streams (birthday
 * collisions); two lanes make that ~2^-64 per pair and supply 52 bits for the uniform.
 * Mixers: "lowbias32" and its refinement, from Wellons' hash-prospector.
 */
import { normalQuantile } from './normal-quantile.js';

const TWO_POW_32 = 4_294_967_296;
const SALT_A = 0x243f6a88; // first digits of π: any non-zero constants that differ per lane
const SALT_B = 0x85a308d3;

/** lowbias32 (Wellons): bijective on 32-bit integers. */
function mixA(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return x ^ (x >>> 16);
}

/** The lower-bias variant of lowbias32 (hash-prospector); other constants, so the lanes differ. */
function mixB(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  return x ^ (x >>> 15);
}

/**
 * 52 bits (all 32 of `hi`, the top 20 of `lo`) → the centre of one of 2^52 equal cells of (0, 1).
 * The half-cell offset keeps the result strictly inside (0, 1): never 0 (log-safe), never 1.
 */
export function unitFromBits(hi: number, lo: number): number {
  return ((hi >>> 0) * 1_048_576 + (lo >>> 12) + 0.5) / 4_503_599_627_370_496;
}

function checkUint32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= TWO_POW_32) {
    throw new RangeError(`KeyedRng: ${name} must be an integer in [0, 2^32), got ${value}`);
  }
}

/**
 * Per-call inputs (keyHi, keyLo, purpose, index) must be non-negative integers < 2^32; they are not
 * checked per call (hot path) — larger values wrap modulo 2^32.
 * @example
 * const rng = new KeyedRng(42, 0);
 * const serviceS = rng.exp(1.5, 0, customer, SERVICE, 0); // same value whenever it is asked for
 */
export class KeyedRng {
  readonly seed: number;
  readonly replication: number;
  // Lane states after absorbing (seed, replication): every draw continues from here.
  private readonly baseA: number;
  private readonly baseB: number;

  /** @throws RangeError if seed or replication is not an integer in [0, 2^32). */
  constructor(seed: number, replication: number) {
    checkUint32('seed', seed);
    checkUint32('replication', replication);
    this.seed = seed;
    this.replication = replication;
    this.baseA = mixA(mixA(SALT_A ^ seed) ^ replication);
    this.baseB = mixB(mixB(SALT_B ^ seed) ^ replication);
  }

  /** Uniform on the open interval (0, 1) with 52-bit resolution. */
  u(keyHi: number, keyLo: number, purpose: number, index: number): number {
    const a = mixA(mixA(mixA(mixA(this.baseA ^ keyHi) ^ keyLo) ^ purpose) ^ index);
    const b = mixB(mixB(mixB(mixB(this.baseB ^ keyHi) ^ keyLo) ^ purpose) ^ index);
    return unitFromBits(a, b);
  }

  /**
   * The same draws as `u`, factored for hot loops: absorb the entity key once (`keyA`/`keyB`), then
   * draw any (purpose, index) of it with `uKeyed`; or absorb the purpose too (`streamA`/`streamB`) and
   * draw by index alone with `uStream`. The values are identical to `u(keyHi, keyLo, purpose, index)`.
   */
  keyA(keyHi: number, keyLo: number): number {
    return mixA(mixA(this.baseA ^ keyHi) ^ keyLo);
  }
  keyB(keyHi: number, keyLo: number): number {
    return mixB(mixB(this.baseB ^ keyHi) ^ keyLo);
  }
  uKeyed(keyA: number, keyB: number, purpose: number, index: number): number {
    return unitFromBits(mixA(mixA(keyA ^ purpose) ^ index), mixB(mixB(keyB ^ purpose) ^ index));
  }
  streamA(keyHi: number, keyLo: number, purpose: number): number {
    return mixA(this.keyA(keyHi, keyLo) ^ purpose);
  }
  streamB(keyHi: number, keyLo: number, purpose: number): number {
    return mixB(this.keyB(keyHi, keyLo) ^ purpose);
  }
  uStream(streamA: number, streamB: number, index: number): number {
    return unitFromBits(mixA(streamA ^ index), mixB(streamB ^ index));
  }

  /** Exponential with the given mean (inverse CDF: −mean·ln u). */
  exp(mean: number, keyHi: number, keyLo: number, purpose: number, index: number): number {
    return -mean * Math.log(this.u(keyHi, keyLo, purpose, index));
  }

  /** Normal(mean, sd) by inverse CDF (AS 241): one uniform per draw, no Box–Muller pairs. */
  normal(mean: number, sd: number, keyHi: number, keyLo: number, purpose: number, index: number): number {
    return mean + sd * normalQuantile(this.u(keyHi, keyLo, purpose, index));
  }

  /** exp(N(mu, sigma)): mu and sigma are the mean and sd of the logarithm. */
  lognormal(mu: number, sigma: number, keyHi: number, keyLo: number, purpose: number, index: number): number {
    return Math.exp(mu + sigma * normalQuantile(this.u(keyHi, keyLo, purpose, index)));
  }
}
