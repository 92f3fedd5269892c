/**
 * The data of a sweep: plain, JSON-ready, built by app/sweep/run-sweep.ts from the stored job results and
 * drawn by the rest of report/sweep/. Deterministic: nothing here says where or when a job ran.
 */
import type { Interval } from '../../stats/t-interval.js';
import type { FigureDef } from '../../stats/figures.js';

export interface SweptCase {
  readonly id: string;
  readonly label: string;
  readonly scenario: string;
  /** Axis name → this case's value label. */
  readonly values: Readonly<Record<string, string>>;
  /** No second above any ceiling in any replication. */
  readonly feasible: boolean;
  readonly figures: Readonly<Record<string, Interval>>;
  readonly perReplication: readonly Readonly<Record<string, number>>[];
}

export interface SweepResult {
  readonly sweep: string;
  readonly title: string;
  readonly seed: number;
  readonly replications: number;
  readonly design: 'grid' | 'cases';
  readonly axes: readonly { readonly name: string; readonly path: string; readonly labels: readonly string[] }[];
  readonly figures: readonly FigureDef[];
  readonly cases: readonly SweptCase[];
}
