/**
 * The data of a placement search (app/optimise.ts): the candidates the fluid screen ranked, the
 * finalists it simulated, and the winner. Plain, JSON-ready records; drawn by report/optimise.ts.
 */
import type { Window } from '../model/types.js';
import type { ScreenResult } from './fluid-screen.js';

export interface Candidate {
  readonly windows: readonly Window[];
  readonly screen: ScreenResult;
  /** Smallest headroom share inside the windows (the tie-break: where the added load lands). */
  readonly insideHeadroomShare: number;
}

export interface Finalist extends Candidate {
  readonly simulated: { readonly secondsAbove: number; readonly minHeadroomShare: number; readonly shareWithinTrt: number };
}

export interface OptimiseResult {
  readonly best: Candidate | Finalist | null;
  readonly finalists: readonly Finalist[];
  readonly evaluated: number;
  readonly screenMs: number;
  readonly simulateMs: number;
}

/** A shipped placement model and its fluid screen (null: not a uniform placement), beside the winner. */
export interface ShippedScreen {
  readonly name: string;
  readonly screen: ScreenResult | null;
}

/** What a search found, as written to optimise.json (and printed with --json). */
export interface OptimiseSummary {
  readonly scenario: string;
  /** The search in words. */
  readonly how: string;
  readonly best: Candidate;
  readonly finalists: readonly Finalist[];
  readonly evaluated: number;
  readonly shipped: readonly ShippedScreen[];
}
