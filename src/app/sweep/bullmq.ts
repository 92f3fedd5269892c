/**
 * The BullMQ sweep backend: jobs on a Redis queue, processed by `srvsim worker` processes on any number
 * of machines, each with its own piscina pool.
 *
 *   sweep:  pending jobs → queue (job id = content id, so adding twice is a no-op) → poll until each is
 *           completed (its result stored) or failed after its retry
 *   worker: queue → job → one replication on the pool → figures (the same reduction as the local
 *           backend) → returned to the queue
 *
 * A worker that dies mid-job loses its lock; after the lock time the job goes back to the queue and
 * another worker runs it again from the start with the same seed, so the result does not change.
 *
 * Redis going away: both sides keep waiting through reconnects for up to the Redis timeout (default
 * 30 s), then stop with RedisLostError (exit 6). The sweep's finished results are already in its job
 * store, so a re-run resumes from them.
 *
 * This file holds the queue's name and job shape and the worker; the sweep's side is bullmq-submit.ts,
 * the Redis connection and its watch redis.ts.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { createShardPool, runShard } from '../../pool/index.js';
import { encodeResult, jobResult, type JobResult, type SweepJob } from './jobs.js';
import { atMost, connectRedis, displayRedisUrl, redisTimeoutMs, unlessLost, watchRedis } from './redis.js';

// What the CLI imports from here (src/cli/sweep.ts, src/cli/main.ts).

export const DEFAULT_QUEUE = 'srvsim-sweep';

/** What a queued job carries: everything a worker needs, nothing from the submitting machine's disk. */
export interface QueuedJob extends SweepJob {
  readonly version: string;
}

export interface WorkerOptions {
  readonly redisUrl: string;
  readonly queue?: string;
  readonly version: string;
  /** Pool threads, and jobs processed at once. */
  readonly workers: number;
  /** How long a job's lock lasts without renewal, ms: a dead worker's job is rerun after about this long. */
  readonly lockMs?: number;
  /** Stop after this many seconds with no job (default: never). */
  readonly idleExitS?: number;
  /** Give up (RedisLostError) once Redis has not answered for this long, s (default 30). */
  readonly redisTimeoutS?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface WorkerOutcome {
  readonly completed: number;
  readonly failed: number;
}

/** Errors of a connection going or gone: reported once, by the watch, if it does not come back. */
const CONNECTION_TROUBLE = /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket/i;

/**
 * Processes sweep jobs until the signal aborts or it has been idle for `idleExitS`; throws
 * RedisLostError when Redis stops answering for the Redis timeout (the job it was running goes back
 * to the queue once its lock expires, if Redis kept it).
 */
export async function runSweepWorker(opts: WorkerOptions): Promise<WorkerOutcome> {
  const limitMs = redisTimeoutMs(opts.redisTimeoutS);
  const connection = await connectRedis(opts.redisUrl, Math.min(5000, limitMs));
  const watch = watchRedis(connection, opts.redisUrl, limitMs);
  const pool = createShardPool(opts.workers);
  const log = opts.log ?? (() => {});
  let completed = 0;
  let failed = 0;
  let active = 0;
  let lastActivity = Date.now();
  let gaveUp = false;
  const lockDuration = opts.lockMs ?? 30_000;
  const worker = new Worker<QueuedJob, Record<string, unknown>>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const d = job.data;
      if (d.version !== opts.version) throw new UnrecoverableError(`job made by srvsim ${d.version}; this worker is srvsim ${opts.version}`);
      if (job.id !== d.id) throw new UnrecoverableError(`job id ${job.id} does not match its data (${d.id})`);
      const t0 = performance.now();
      const r: JobResult = jobResult(d, await runShard(pool, d.scenario, d.seed, d.replication));
      if (!gaveUp) log(`${d.sweep} ${d.caseId} (${d.caseLabel}) replication ${d.replication}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return encodeResult(r);
    },
    { connection, concurrency: opts.workers, lockDuration, stalledInterval: lockDuration, maxStalledCount: 3, autorun: false },
  );
  worker.on('active', () => ((active += 1), (lastActivity = Date.now())));
  worker.on('completed', () => ((active -= 1), (completed += 1), (lastActivity = Date.now())));
  worker.on('failed', (job, err) => {
    active -= 1;
    failed += 1;
    lastActivity = Date.now();
    if (!gaveUp) log(`${job?.name ?? 'job'}: failed: ${err.message}`);
  });
  worker.on('error', (err) => {
    if (!gaveUp && watch.up() && !CONNECTION_TROUBLE.test(err.message)) log(`worker error: ${err.message}`);
  });
  let idle: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      clearInterval(idle);
      done();
    };
    idle = setInterval(() => {
      if (opts.idleExitS !== undefined && active === 0 && Date.now() - lastActivity > opts.idleExitS * 1000) stop();
    }, 200);
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
  const running = worker.run();
  running.catch(() => {});
  log(`listening on ${opts.queue ?? DEFAULT_QUEUE} at ${displayRedisUrl(opts.redisUrl)} with ${opts.workers} thread(s)`);
  try {
    await unlessLost(stopped, watch.lost);
    // Stopping finishes the jobs in hand; their results need Redis too, so this is watched as well.
    await unlessLost(
      worker.close().then(() => running),
      watch.lost,
    );
  } catch (err) {
    gaveUp = true;
    // Commands waiting on the dead connection fail at once; the worker stops without waiting for its jobs.
    connection.disconnect();
    await atMost(worker.close(true), 2000);
    throw err;
  } finally {
    watch.stop();
    clearInterval(idle);
    await pool.destroy();
    connection.disconnect();
  }
  return { completed, failed };
}
