/**
 * Replications on a piscina pool. A shard is (scenario, replication); each runs whole in one worker
 * (never one shared ceiling split across shards), returns one transferred buffer, and the main
 * thread merges the shards in replication order — never in completion order — so the result is
 * the same for any number of workers and any dispatch order. (A replication's expansion is not
 * split across workers: since it merges runs of SRs already ordered by their draws it takes ~0.2 s,
 * and a split expansion — measured on the default day with one replication on two workers — made the
 * run slower, 7.4–9.4 s against 6.2–7.8 s.)
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Scenario } from '../model/types.js';
import type { ReplicationResult } from '../sim/run-replication.js';
import { unpackResult } from './pack.js';
import { type ShardProgress, type ShardTask, SimulationError } from './shard.js';
import type { CompareItem, CompareTask } from './compare-shard.js';

export interface PoolOptions {
  readonly workers: number;
  readonly onProgress?: (p: ShardProgress) => void;
  /** Test hook: the order in which shards are dispatched (a permutation of the replications). */
  readonly dispatchOrder?: readonly number[];
  /** Old-generation limit of each worker, MB (tests use a small one to provoke out-of-memory). */
  readonly maxOldGenerationSizeMb?: number;
  /** Aborting it cancels every shard still running (the run then fails). */
  readonly signal?: AbortSignal;
}

/** The worker file: compiled JavaScript next to this file, or the TypeScript source under tsx/vitest. */
function workerOptions(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    filename: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

async function runOne(pool: Piscina, s: Scenario, seed: number, replication: number, opts: PoolOptions): Promise<Float64Array> {
  const channel = new MessageChannel();
  if (opts.onProgress) channel.port1.on('message', (m: ShardProgress) => opts.onProgress?.(m));
  try {
    const task: ShardTask = { kind: 'replicate', scenario: s, seed, replication, port: channel.port2 };
    return (await pool.run(task, { transferList: [channel.port2] as never, ...(opts.signal ? { signal: opts.signal } : {}) })) as Float64Array;
  } catch (err) {
    throw new SimulationError(s.name, replication, seed, err);
  } finally {
    channel.port1.close();
  }
}

/** A pool of `workers` threads for single shards of any scenario (sweeps keep one across scenarios). */
export function createShardPool(workers: number): Piscina {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
  return new Piscina({ ...workerOptions(), minThreads: workers, maxThreads: workers });
}

/**
 * Runs compare tasks (each: one replication of some scenarios) on one pool, calling `onItems` as each
 * finishes. A failing task is a SimulationError naming its first scenario, replication and seed.
 */
export async function runCompareTasksPooled(tasks: readonly CompareTask[], workers: number, onItems: (items: CompareItem[]) => void, signal?: AbortSignal): Promise<void> {
  const pool = createShardPool(Math.max(1, Math.min(workers, tasks.length)));
  try {
    await Promise.all(
      tasks.map(async (task) => {
        try {
          onItems((await pool.run(task, signal ? { signal } : {})) as CompareItem[]);
        } catch (err) {
          throw new SimulationError(task.scenarios.map((s) => s.name).join(', '), task.replication, task.seed, err);
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** One replication of `s` on `pool`, unpacked; a failure is a SimulationError naming it. */
export async function runShard(pool: Piscina, s: Scenario, seed: number, replication: number, signal?: AbortSignal): Promise<ReplicationResult> {
  const data = await runOne(pool, s, seed, replication, { workers: 1, ...(signal ? { signal } : {}) });
  return unpackResult(s, data);
}

export async function runShardsPooled(s: Scenario, seed: number, replications: number, opts: PoolOptions): Promise<ReplicationResult[]> {
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${opts.workers}`);
  const order = opts.dispatchOrder ?? Array.from({ length: replications }, (_, r) => r);
  if ([...order].sort((a, b) => a - b).some((r, i) => r !== i) || order.length !== replications) {
    throw new RangeError(`dispatchOrder must be a permutation of 0…${replications - 1}`);
  }
  const pool = new Piscina({
    ...workerOptions(),
    minThreads: opts.workers,
    maxThreads: opts.workers,
    ...(opts.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb } } : {}),
  });
  const packed: Float64Array[] = new Array(replications);
  try {
    await Promise.all(
      order.map(async (replication) => {
        packed[replication] = await runOne(pool, s, seed, replication, opts);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return packed.map((data) => unpackResult(s, data));
}
