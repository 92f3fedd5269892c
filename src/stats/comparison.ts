/**
 * The data of a placement comparison and of a sensitivity analysis: plain, JSON-ready records built
 * by app/compare.ts and app/sensitivity.ts and drawn by report/compare/. Every figure is an Interval
 * over replications (mean ± 95% t half-width; halfWidth null for R = 1, mean Infinity for a backlog
 * that never drains). With them, the two figures of a comparison: its rank order and the paired
 * difference of two scenarios over replications. Pure.
 */
import type { FigureDef } from './figures.js';
import { type Interval, t975, tInterval } from './t-interval.js';

export interface ComparedScenario {
  readonly scenario: string;
  readonly title: string;
  /** 1 = best; feasible first, then larger minimum headroom, then smaller p99. */
  readonly rank: number;
  /** No second above any ceiling in any replication. */
  readonly feasible: boolean;
  /** Every figure of `Comparison.figures`, by key. */
  readonly figures: Readonly<Record<string, Interval>>;
}

/** A paired difference scenario − reference over replications (same seed: common random numbers). */
export interface PairedDifference {
  readonly key: string;
  readonly scenario: string;
  readonly reference: string;
  /** t-interval of the per-replication differences. */
  readonly paired: Interval;
  /** Half-width the same difference would have from two independent samples (for contrast). */
  readonly unpairedHalfWidth: number | null;
}

/** Mean TPS per minute at the transaction ceiling, for the small multiples (not in compare.json). */
export interface TpsByMinute {
  readonly scenario: string;
  readonly ceilingPerS: number;
  readonly baseline: readonly number[];
  readonly scheduled: readonly number[];
}

export interface Comparison {
  readonly seed: number;
  readonly replications: number;
  readonly horizonS: number;
  /** The transaction capacity the Secure figures come from ('' when none). */
  readonly transactionCapacity: string;
  readonly dlmsCapacity: string;
  readonly figures: readonly FigureDef[];
  /** In rank order. */
  readonly ranking: readonly ComparedScenario[];
  /** Against the first scenario given (input order); empty for R = 1. */
  readonly differences: readonly PairedDifference[];
  readonly tpsByMinute: readonly TpsByMinute[];
}

/** One variant of one uncertain input. */
export interface SensitivityVariant {
  readonly factor: string;
  /** e.g. "DLMS/SR fixed 5". */
  readonly label: string;
  readonly outputs: Readonly<Record<string, Interval>>;
  /** Mean DLMS commands per replication (a check: fixed 5/8/11 give 5:8:11). */
  readonly dlmsCommands: number;
}

export interface SensitivityFactor {
  readonly id: string;
  readonly label: string;
  /** What the model itself says, in words. */
  readonly base: string;
}

export interface Sensitivity {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly replications: number;
  /** SRVs per day the base ran with (the model's, or `--srvs`). */
  readonly srvsPerDay: number;
  readonly scaledFrom: number | null;
  readonly outputs: readonly FigureDef[];
  readonly factors: readonly SensitivityFactor[];
  readonly base: { readonly outputs: Readonly<Record<string, Interval>>; readonly dlmsCommands: number };
  readonly variants: readonly SensitivityVariant[];
}

/** Feasible first, then the larger minimum headroom, then the smaller p99, then the name (total order). */
export function rankOrder(a: ComparedScenario, b: ComparedScenario): number {
  const m = (r: ComparedScenario, k: string) => r.figures[k]?.mean ?? Number.NaN;
  const headroom = (r: ComparedScenario) => (Number.isFinite(m(r, 'secureMinHeadroom1s')) ? m(r, 'secureMinHeadroom1s') : Number.NEGATIVE_INFINITY);
  const p99 = (r: ComparedScenario) => (Number.isFinite(m(r, 'completionP99S')) ? m(r, 'completionP99S') : Number.POSITIVE_INFINITY);
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (headroom(a) !== headroom(b)) return headroom(b) - headroom(a);
  if (p99(a) !== p99(b)) return p99(a) - p99(b);
  return a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0;
}

function variance(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Paired t-interval of b − a per replication, and the half-width two independent samples would give. */
export function pairedDifference(a: readonly number[], b: readonly number[]): { paired: Interval; unpairedHalfWidth: number | null } {
  const diffs = b.map((v, r) => v - (a[r] ?? Number.NaN));
  const paired = tInterval(diffs);
  const n = a.length;
  const ok = n >= 2 && [...a, ...b].every(Number.isFinite);
  return { paired, unpairedHalfWidth: ok ? t975(2 * n - 2) * Math.sqrt((variance(a) + variance(b)) / n) : null };
}
