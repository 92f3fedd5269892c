/**
 * Mean ± Student-t 95% half-width over replications (a terminating simulation: one value per
 * replication). R = 1 gives halfWidth null: one replication says nothing about its own spread.
 * @example tInterval([1, 2, 3]) // { mean: 2, halfWidth: 2.484…, n: 3 }
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** t_{0.975, df} for df = 1…30; beyond 30 the normal 1.96 is within 2%. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045,
  2.042,
];

export function t975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  return T975[df - 1] ?? 1.96;
}

export interface Interval {
  readonly mean: number;
  /** Half-width of the 95% t-interval; null for a single replication. */
  readonly halfWidth: number | null;
  readonly n: number;
}

export function tInterval(values: readonly number[]): Interval {
  if (values.length === 0) throw new RangeError('tInterval needs at least one value');
  const finite = values.every(Number.isFinite);
  const m = finite ? mean([...values]) : values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1 || !finite) return { mean: m, halfWidth: null, n: values.length };
  const sd = sampleStandardDeviation([...values]);
  return { mean: m, halfWidth: (t975(values.length - 1) * sd) / Math.sqrt(values.length), n: values.length };
}
