/** What one shard of a run is, and what goes wrong with one. */
import type { MessagePort } from 'node:worker_threads';
import type { Scenario } from '../model/types.js';

/** Simulate one replication (expanded in the worker). */
export interface ShardTask {
  readonly kind: 'replicate';
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replication: number;
  /** Progress messages ({ replication, simulatedS, events }) go here, if given. */
  readonly port?: MessagePort;
}

export interface ShardProgress {
  readonly replication: number;
  readonly simulatedS: number;
  readonly events: number;
}

/** A shard that failed: names the scenario, the replication and the seed, so it can be rerun alone. */
export class SimulationError extends Error {
  constructor(
    readonly scenario: string,
    readonly replication: number,
    readonly seed: number,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`shard ${scenario} replication ${replication} (seed ${seed}) failed: ${why}`, { cause });
    this.name = 'SimulationError';
  }
}
