/**
 * Replications on a piscina pool. A shard is (scenario, replication); each runs whole in one worker
 * (never one shared ceiling split across shards), returns one transferred buffer, and the main
 * thread merges the shards in replication order — never in completion order — so the result is
 * the same for any number of workers and any dispatch order. (A replication's expansion is not
 * split across workers: since it merges runs of SRs already ordered by their draws it takes ~0.2 s,
 * and a split expansion — measured on the default day with one replication on two workers — made the
 * run slower, 7.4–9.4 s against 6.2–7.8 s.)
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../model/types.js';
import type { ReplicationResult } from '../sim/run-replication.js';
import { unpackResult } from './pack.js';
import { type ShardProgress, type ShardTask, SimulationError } from './shard.js';
import type { CompareItem, CompareTask } from './compare-shard.js';
import { ShardPool } from './shard-pool.js';

export interface PoolOptions {
  readonly workers: number;
  readonly onProgress?: (p: ShardProgress) => void;
  /** Aborting it cancels every shard still running (the run then fails). */
  readonly signal?: AbortSignal;
}

/**
 * How the pool itself is set up, for the pool's own tests only (no caller above `pool` passes it):
 * the order shards are dispatched in, and each worker's old-generation limit.
 */
export interface PoolSetup {
  /** A permutation of the replications (results never depend on it). */
  readonly dispatchOrder?: readonly number[];
  /** MB; a small one provokes a worker's out-of-memory. */
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

/** The longest a finished shard waits for its progress port to drain (a safety net; it takes one turn of the loop). */
const PROGRESS_DRAIN_MS = 2000;

/**
 * Waits (from the call, at most `ms`) for `port` to close, from the moment this is set up. The worker
 * closes its end after its last progress message, and a port reports its close only after every
 * message queued before it, so once a finished shard's port has closed all its progress has been
 * delivered (its result comes on another port and may be handled first).
 */
function closing(port: MessagePort): (ms: number) => Promise<void> {
  const closed = new Promise<void>((done) => port.once('close', () => done()));
  return (ms) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((done) => (timer = setTimeout(done, ms)));
    return Promise.race([closed, late]).finally(() => clearTimeout(timer));
  };
}

/**
 * One replication on `pool`. Its progress port is closed as soon as the task settles (done, failed or
 * cancelled) — when done, only after its last progress message has been delivered — so no port
 * outlives its task.
 */
async function runOne(pool: ShardPool, s: Scenario, seed: number, replication: number, opts: PoolOptions): Promise<Float64Array> {
  const { onProgress } = opts;
  // A progress port only for a caller that listens (a sweep's shards report none).
  const channel = onProgress ? new MessageChannel() : null;
  const drained = channel ? closing(channel.port1) : null;
  if (channel && onProgress) channel.port1.on('message', (m: ShardProgress) => onProgress(m));
  let data: Float64Array;
  try {
    const task: ShardTask = { kind: 'replicate', scenario: s, seed, replication, ...(channel ? { port: channel.port2 } : {}) };
    data = (await pool.run(task, { ...(channel ? { transferList: [channel.port2] } : {}), ...(opts.signal ? { signal: opts.signal } : {}) })) as Float64Array;
  } catch (err) {
    channel?.port1.close();
    throw new SimulationError(s.name, replication, seed, err);
  }
  await drained?.(PROGRESS_DRAIN_MS);
  channel?.port1.close();
  return data;
}

/**
 * A pool of `workers` threads for single shards of any scenario (sweeps keep one across scenarios).
 * Whoever creates one awaits its `destroy()` on every path: once that resolves, all its threads have
 * exited.
 */
export function createShardPool(workers: number): ShardPool {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
  return new ShardPool({ ...workerOptions(), minThreads: workers, maxThreads: workers });
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

/**
 * One replication of `s` on `pool`, unpacked; a failure is a SimulationError naming it. Aborting
 * `signal` cancels every task of the pool and shuts it down (its creator still awaits `destroy()`).
 */
export async function runShard(pool: ShardPool, s: Scenario, seed: number, replication: number, signal?: AbortSignal): Promise<ReplicationResult> {
  const data = await runOne(pool, s, seed, replication, { workers: 1, ...(signal ? { signal } : {}) });
  return unpackResult(s, data);
}

export async function runShardsPooled(s: Scenario, seed: number, replications: number, opts: PoolOptions, setup: PoolSetup = {}): Promise<ReplicationResult[]> {
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${opts.workers}`);
  const order = setup.dispatchOrder ?? Array.from({ length: replications }, (_, r) => r);
  if ([...order].sort((a, b) => a - b).some((r, i) => r !== i) || order.length !== replications) {
    throw new RangeError(`dispatchOrder must be a permutation of 0…${replications - 1}`);
  }
  const pool = new ShardPool({
    ...workerOptions(),
    minThreads: opts.workers,
    maxThreads: opts.workers,
    ...(setup.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: setup.maxOldGenerationSizeMb } } : {}),
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
