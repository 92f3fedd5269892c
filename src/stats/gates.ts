/**
 * The capacity gates of `srvsim check`: figures in, pass / fail out. Pure.
 *
 *   (a) the first transactions capacity (Secure): peak offered over 1 s ≤ maxTps (default: its ceiling);
 *   (b) every capacity: minimum headroom over the window its ceiling holds over (sliding; 1 s for Secure)
 *       ≥ minHeadroom % of its ceiling (default 0: never above);
 *   (c) with minTrtShare: share of SRs answered within the TRT ≥ the share.
 *
 * Each gate compares the mean over replications; the 95% interval is kept beside it. The result of a
 * whole check (gates, counterfactual extra capacity, the extra capacity checked by simulation) is
 * `CheckResult`, built by app/check.ts and drawn by report/check.ts.
 */
import { windowLabel } from './capacity-figures.js';
import type { Counterfactual } from './counterfactual.js';
import type { RunSummary } from './summarise.js';
import type { Interval } from './t-interval.js';

/** The limits of the gates; each unset one takes its default. */
export interface GateLimits {
  readonly maxTps?: number;
  /** Percent of each ceiling, 0–100. */
  readonly minHeadroom?: number;
  /** Share 0–1. */
  readonly minTrtShare?: number;
}

export interface Gate {
  readonly name: string;
  /** Capacity id, or null for the completion gate. */
  readonly capacity: string | null;
  readonly op: '≤' | '≥';
  readonly limit: number;
  readonly measured: Interval;
  readonly unit: string;
  readonly ok: boolean;
}

/** The counterfactual extra capacity of a breached ceiling, checked by simulating with it installed. */
export interface VerifiedExtra {
  readonly capacity: string;
  readonly currency: 'transactions' | 'dlms';
  /** Extra units per second that keep every second of every replication within the raised ceiling. */
  readonly extraPerS: number;
  /** Simulations run to find it (after the original one). */
  readonly runs: number;
  readonly converged: boolean;
  /** When not converged: the largest excess left over the last raised ceiling. */
  readonly stillAbovePerS: number;
}

/** What `srvsim check` found (its --json output, in this key order). */
export interface CheckResult {
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  /** Every gate holds. */
  readonly ok: boolean;
  readonly gates: readonly Gate[];
  readonly counterfactual: readonly Counterfactual[];
  /** The extra capacity of each failed ceiling gate, checked by simulation (empty when not checked). */
  readonly verifiedExtra: readonly VerifiedExtra[];
}

const EPS = 1e-9;

/** The gates of one run (gate (a) only when the model has a transactions capacity). */
export function evaluateGates(summary: RunSummary, limits: GateLimits): Gate[] {
  const gates: Gate[] = [];
  const tx = summary.capacities.find((c) => c.currency === 'transactions');
  if (tx) {
    const limit = limits.maxTps ?? tx.ceilingPerS;
    const m = tx.figures.peakOffered1s;
    gates.push({ name: `${tx.id}: peak offered over 1 s`, capacity: tx.id, op: '≤', limit, measured: m, unit: 'TPS', ok: m.mean <= limit + EPS });
  }
  for (const c of summary.capacities) {
    const limit = ((limits.minHeadroom ?? 0) / 100) * c.ceilingPerS;
    const m = c.figures.minHeadroomWindow;
    const unit = c.currency === 'transactions' ? 'TPS' : 'DLMS/s';
    gates.push({ name: `${c.id}: minimum headroom over ${windowLabel(c.windowS)}`, capacity: c.id, op: '≥', limit, measured: m, unit, ok: m.mean >= limit - EPS });
  }
  if (limits.minTrtShare !== undefined) {
    const m = summary.completion.shareWithinTrt;
    gates.push({ name: 'share of SRs answered within the TRT', capacity: null, op: '≥', limit: limits.minTrtShare, measured: m, unit: '', ok: m.mean >= limits.minTrtShare - EPS });
  }
  return gates;
}

/** The capacities of the failed ceiling gates. */
export function failedCapacities(gates: readonly Gate[]): Set<string> {
  return new Set(gates.flatMap((g) => (!g.ok && g.capacity !== null ? [g.capacity] : [])));
}

/** The counterfactual extra capacity of the failed ceiling gates, in counterfactual order. */
export function failedExtras(gates: readonly Gate[], counterfactual: readonly Counterfactual[]): Counterfactual[] {
  const failed = failedCapacities(gates);
  return counterfactual.filter((c) => failed.has(c.capacity));
}
