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
 */
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createShardPool, runShard } from '../../pool/index.js';
import { decodeResult, encodeResult, jobResult, type JobResult, type SweepJob } from './jobs.js';
import { type BackendHooks, JOB_ATTEMPTS, type JobFailure } from './local.js';

export const DEFAULT_QUEUE = 'srvsim-sweep';
/** A completed job's result stays in Redis this long, so a re-run on another machine reuses it. */
const KEEP_COMPLETED_S = 7 * 86_400;
/** Job states read per poll (oldest unfinished first). */
const POLL_BATCH = 1000;

/** What a queued job carries: everything a worker needs, nothing from the submitting machine's disk. */
export interface QueuedJob extends SweepJob {
  readonly version: string;
}

export class RedisUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`cannot reach Redis at ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RedisUnreachableError';
  }
}

/** A connection for BullMQ (commands wait through reconnects), after one probe that fails fast. */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new RedisUnreachableError(url, err);
  } finally {
    probe.disconnect();
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // reconnects by itself; commands wait meanwhile
  return redis;
}

export interface BullmqSubmitOptions extends BackendHooks {
  readonly redisUrl: string;
  readonly queue?: string;
  readonly version: string;
  /** How often job states are read, ms (default 500). */
  readonly pollMs?: number;
  /** Called after each poll with the jobs still unfinished. */
  readonly onPoll?: (unfinished: number) => void;
}

const queued = (job: SweepJob, version: string): QueuedJob => ({ ...job, version });
const jobName = (job: SweepJob) => `${job.sweep} ${job.caseId} r${job.replication}`;
const jobOpts = (job: SweepJob) => ({ jobId: job.id, attempts: JOB_ATTEMPTS, removeOnComplete: { age: KEEP_COMPLETED_S }, removeOnFail: false });

/** Waits `ms`, or less if the signal aborts; leaves no listener behind either way. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    const wake = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      done();
    };
    const t = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

/** Puts the pending jobs on the queue and waits for each to finish; returns the ones that failed. */
export async function runBullmq(pending: readonly SweepJob[], opts: BullmqSubmitOptions): Promise<JobFailure[]> {
  if (pending.length === 0) return [];
  const connection = await connectRedis(opts.redisUrl);
  const queue = new Queue<QueuedJob>(opts.queue ?? DEFAULT_QUEUE, { connection });
  const failures: JobFailure[] = [];
  try {
    const byId = new Map(pending.map((j) => [j.id, j]));
    // A job already on the queue (an earlier, interrupted sweep) is waited for, not added again; one that
    // failed is removed and added anew: a fresh pair of attempts with the same seed.
    const states = await Promise.all(pending.map((job) => queue.getJobState(job.id)));
    const toAdd = pending.filter((_, k) => states[k] === 'unknown' || states[k] === 'failed');
    await Promise.all(pending.filter((_, k) => states[k] === 'failed').map((job) => queue.remove(job.id)));
    await queue.addBulk(toAdd.map((job) => ({ name: jobName(job), data: queued(job, opts.version), opts: jobOpts(job) })));
    const unfinished = new Set(byId.keys());
    while (unfinished.size > 0) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      // States of the unfinished jobs in one round of concurrent commands (pipelined on one connection).
      const ids = [...unfinished].slice(0, POLL_BATCH);
      const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
      for (const [k, id] of ids.entries()) {
        const state = states[k];
        const sweepJob = byId.get(id) as SweepJob;
        if (state === 'unknown') {
          // removed behind our back (e.g. an expired result): queue it again
          await queue.add(jobName(sweepJob), queued(sweepJob, opts.version), jobOpts(sweepJob));
        } else if (state === 'completed' || state === 'failed') {
          const job = await Job.fromId<QueuedJob>(queue, id);
          unfinished.delete(id);
          const r = state === 'completed' ? decodeResult(job?.returnvalue) : undefined;
          if (r && r.id === id) opts.onResult(r);
          else if (state === 'completed') failures.push({ job: sweepJob, reason: 'the worker returned no valid result' });
          else failures.push({ job: sweepJob, reason: `${job?.failedReason ?? 'failed'} (after ${job?.attemptsMade ?? '?'} attempt(s))` });
        }
      }
      opts.onPoll?.(unfinished.size);
      if (unfinished.size > 0) await sleep(opts.pollMs ?? 500, opts.signal);
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return failures;
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
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface WorkerOutcome {
  readonly completed: number;
  readonly failed: number;
}

/** Processes sweep jobs until the signal aborts or it has been idle for `idleExitS`. */
export async function runSweepWorker(opts: WorkerOptions): Promise<WorkerOutcome> {
  const connection = await connectRedis(opts.redisUrl);
  const pool = createShardPool(opts.workers);
  const log = opts.log ?? (() => {});
  let completed = 0;
  let failed = 0;
  let active = 0;
  let lastActivity = Date.now();
  const lockDuration = opts.lockMs ?? 30_000;
  const worker = new Worker<QueuedJob, Record<string, unknown>>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const d = job.data;
      if (d.version !== opts.version) throw new UnrecoverableError(`job made by srvsim ${d.version}; this worker is srvsim ${opts.version}`);
      if (job.id !== d.id) throw new UnrecoverableError(`job id ${job.id} does not match its data (${d.id})`);
      const t0 = performance.now();
      const r: JobResult = jobResult(d, await runShard(pool, d.scenario, d.seed, d.replication));
      log(`${d.sweep} ${d.caseId} (${d.caseLabel}) replication ${d.replication}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
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
    log(`${job?.name ?? 'job'}: failed: ${err.message}`);
  });
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      clearInterval(idle);
      done();
    };
    const idle = setInterval(() => {
      if (opts.idleExitS !== undefined && active === 0 && Date.now() - lastActivity > opts.idleExitS * 1000) stop();
    }, 200);
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
  const running = worker.run();
  log(`listening on ${opts.queue ?? DEFAULT_QUEUE} at ${opts.redisUrl} with ${opts.workers} thread(s)`);
  await stopped;
  await worker.close();
  await running;
  await pool.destroy();
  connection.disconnect();
  return { completed, failed };
}
