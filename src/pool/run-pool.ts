/**
 * Replications on a piscina pool. A shard is (scenario, replication); each runs whole in one worker
 * (never one shared ceiling split across shards), returns one transferred buffer, and the main
 * thread merges the shards in replication order — never in completion order — so the result is
 * the same for any number of workers and any dispatch order.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Scenario } from '../model/types.js';
import type { ReplicationResult } from '../sim/run-replication.js';
import { unpackResult } from './pack.js';
import { type ShardProgress, SimulationError } from './shard.js';

export interface PoolOptions {
  readonly workers: number;
  readonly onProgress?: (p: ShardProgress) => void;
  /** Test hook: the order in which shards are dispatched (a permutation of the replications). */
  readonly dispatchOrder?: readonly number[];
  /** Old-generation limit of each worker, MB (tests use a small one to provoke out-of-memory). */
  readonly maxOldGenerationSizeMb?: number;
}

/** The worker file: compiled JavaScript next to this file, or the TypeScript source under tsx/vitest. */
function workerOptions(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    filename: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
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
        const channel = new MessageChannel();
        if (opts.onProgress) channel.port1.on('message', (m: ShardProgress) => opts.onProgress?.(m));
        try {
          const task = { scenario: s, seed, replication, port: channel.port2 };
          packed[replication] = (await pool.run(task, { transferList: [channel.port2] })) as Float64Array;
        } catch (err) {
          throw new SimulationError(s.name, replication, seed, err);
        } finally {
          channel.port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
  return packed.map((data) => unpackResult(s, data));
}
