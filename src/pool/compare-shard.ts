/**
 * One replication of several scenarios in one worker, for `compare`: they share the seed and the
 * replication, so each discrete baseline is drawn once and replayed by every scenario that has it
 * (the placements of a comparison all have the Secure baseline), and so are the SRs' own draws. Each scenario's day is reduced here
 * to what the comparison keeps — its figures and the transaction capacity's offered load per second —
 * and dropped before the next one runs.
 */
import type { Scenario } from '../model/types.js';
import { SharedDraws } from '../sim/capacities.js';
import { runReplication } from '../sim/run-replication.js';
import { capacityIndices, figureValues } from '../stats/figures.js';
import { replicationFigures } from '../stats/summarise.js';

export interface CompareTask {
  readonly kind: 'compare';
  /** The scenarios of this task and their indices in the comparison. */
  readonly scenarios: readonly Scenario[];
  readonly indices: readonly number[];
  readonly seed: number;
  readonly replication: number;
}

export interface CompareItem {
  readonly index: number;
  readonly replication: number;
  readonly figures: Record<string, number>;
  /** Offered per second at the first transaction capacity (baseline, scheduled); null without one. */
  readonly offeredBaseline: Float64Array | null;
  readonly offeredScheduled: Float64Array | null;
}

export function runCompareTask(task: CompareTask): CompareItem[] {
  const shared = new SharedDraws();
  return task.scenarios.map((s, k) => {
    const r = runReplication(s, { seed: task.seed, replication: task.replication, shared });
    const cap = r.capacities[capacityIndices(s).tx];
    return {
      index: task.indices[k] as number,
      replication: task.replication,
      figures: figureValues(s, replicationFigures(s, r)),
      offeredBaseline: cap ? cap.offeredPerS[0] : null,
      offeredScheduled: cap ? cap.offeredPerS[1] : null,
    };
  });
}
