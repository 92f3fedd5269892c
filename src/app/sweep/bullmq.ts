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

/** How long Redis may go unanswered before a sweep or worker gives up, s. */
export const DEFAULT_REDIS_TIMEOUT_S = 30;

/** The URL as it may be shown: a password replaced by `***`. */
export function displayRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * What is wrong with a Redis URL, or undefined when it is usable: redis:// or rediss://, a host, an
 * optional port and database number. Checked before any connection is tried.
 */
export function redisUrlProblem(url: string): string | undefined {
  const shown = JSON.stringify(displayRedisUrl(url));
  const example = 'e.g. redis://127.0.0.1:6379 or rediss://user:password@host:6380/0';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--redis must be a Redis URL, ${example} (got ${shown})`;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `--redis must start with redis:// or rediss://, ${example} (got ${shown})`;
  if (!u.hostname) return `--redis has no host, ${example} (got ${shown})`;
  if (!/^(\/(\d{1,5})?)?$/.test(u.pathname)) return `--redis may only end in a database number such as /0, ${example} (got ${shown})`;
  if (u.search || u.hash) return `--redis may not carry ?options or #fragments, ${example} (got ${shown})`;
  return undefined;
}

/** One line: the message of an error, whitespace folded. */
const reason = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();

export class RedisUnreachableError extends Error {
  readonly url: string;
  constructor(url: string, cause: unknown, message?: string) {
    super(message ?? `cannot reach Redis at ${displayRedisUrl(url)}: ${reason(cause)}`, { cause });
    this.name = 'RedisUnreachableError';
    this.url = url;
  }
}

/** Redis stopped answering after the connection was made, and did not come back in time. */
export class RedisLostError extends RedisUnreachableError {
  constructor(
    url: string,
    readonly timeoutS: number,
    cause: unknown,
    /** What was kept, and what to do (appended to the message). */
    readonly hint?: string,
  ) {
    super(url, cause, `lost the connection to Redis at ${displayRedisUrl(url)}: no answer for ${timeoutS} s${cause === undefined ? '' : ` (${reason(cause)})`}${hint ? `; ${hint}` : ''}`);
    this.name = 'RedisLostError';
  }

  withHint(hint: string): RedisLostError {
    return new RedisLostError(this.url, this.timeoutS, this.cause, hint);
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
  // Closing a socket that is still connecting to a dead server waits disconnectTimeout before it is
  // destroyed, and keeps the process up meanwhile: keep that short.
  const redis = new Redis(url, { maxRetriesPerRequest: null, disconnectTimeout: 200 });
  redis.on('error', () => {}); // reconnects by itself; commands wait meanwhile
  return redis;
}

export interface RedisWatch {
  /** Rejects with RedisLostError once Redis has not answered for the timeout; never resolves. */
  readonly lost: Promise<never>;
  /** Whether the connection is up now. */
  readonly up: () => boolean;
  stop(): void;
}

/**
 * Watches a connection: a PING every tick (a quarter of the timeout, at most a second) unless one is
 * still outstanding, and `lost` rejects once no PING reply or reconnect has come for `timeoutMs`:
 * Redis killed, unreachable, or still connected but no longer answering. Commands on the connection itself keep waiting; the
 * caller races its work against `lost`.
 */
export function watchRedis(connection: Redis, url: string, timeoutMs: number): RedisWatch {
  let lastAnswer = Date.now();
  let lastError: unknown;
  let pinging = false;
  let fail: (err: RedisLostError) => void = () => {};
  const lost = new Promise<never>((_, reject) => (fail = reject));
  lost.catch(() => {}); // a caller that has stopped racing it is not told
  const onReady = () => (lastAnswer = Date.now());
  const onError = (err: unknown) => (lastError = err);
  connection.on('ready', onReady);
  connection.on('error', onError);
  const tick = setInterval(
    () => {
      if (connection.status === 'ready' && !pinging) {
        pinging = true;
        connection.ping().then(
          () => ((lastAnswer = Date.now()), (pinging = false)),
          (err: unknown) => ((lastError = err), (pinging = false)),
        );
      }
      if (Date.now() - lastAnswer > timeoutMs) {
        stop();
        fail(new RedisLostError(url, Math.round(timeoutMs / 100) / 10, lastError ?? (connection.status === 'ready' ? new Error('connected, but no reply') : undefined)));
      }
    },
    Math.max(50, Math.min(1000, timeoutMs / 4)),
  );
  tick.unref();
  const stop = () => {
    clearInterval(tick);
    connection.off('ready', onReady);
    connection.off('error', onError);
  };
  return { lost, up: () => connection.status === 'ready', stop };
}

/** Waits for `work`, or throws what `lost` throws first; `work` is settled quietly either way. */
async function unlessLost<T>(work: Promise<T>, lost: Promise<never>): Promise<T> {
  work.catch(() => {});
  return Promise.race([work, lost]);
}

/** Waits at most `ms` for `p` (shutdown steps that may hang on a dead connection). */
const atMost = (p: Promise<unknown>, ms: number) =>
  new Promise<void>((done) => {
    const t = setTimeout(done, ms);
    p.then(
      () => (clearTimeout(t), done()),
      () => (clearTimeout(t), done()),
    );
  });

export interface BullmqSubmitOptions extends BackendHooks {
  readonly redisUrl: string;
  readonly queue?: string;
  readonly version: string;
  /** How often job states are read, ms (default 500). */
  readonly pollMs?: number;
  /** Called after each poll with the jobs still unfinished. */
  readonly onPoll?: (unfinished: number) => void;
  /** Give up (RedisLostError) once Redis has not answered for this long, s (default 30). */
  readonly redisTimeoutS?: number;
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

/** Rejects with the signal's reason once it aborts (never, without one). */
function aborted(signal: AbortSignal | undefined): { promise: Promise<never>; stop(): void } {
  let stop = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (!signal) return;
    const abort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    stop = () => signal.removeEventListener('abort', abort);
  });
  promise.catch(() => {});
  return { promise, stop: () => stop() };
}

const timeoutMs = (s: number | undefined) => (s ?? DEFAULT_REDIS_TIMEOUT_S) * 1000;

/**
 * Puts the pending jobs on the queue and waits for each to finish; returns the ones that failed.
 * Throws RedisLostError when Redis stops answering for the Redis timeout (results handed to `onResult`
 * before that are the caller's to keep).
 */
export async function runBullmq(pending: readonly SweepJob[], opts: BullmqSubmitOptions): Promise<JobFailure[]> {
  if (pending.length === 0) return [];
  const limitMs = timeoutMs(opts.redisTimeoutS);
  const connection = await connectRedis(opts.redisUrl, Math.min(5000, limitMs));
  const watch = watchRedis(connection, opts.redisUrl, limitMs);
  const stopped = aborted(opts.signal);
  const queue = new Queue<QueuedJob>(opts.queue ?? DEFAULT_QUEUE, { connection });
  queue.on('error', () => {}); // connection trouble: the watch decides when it is fatal
  let gaveUp = false;
  try {
    return await unlessLost(Promise.race([submitAndWait(queue, pending, opts), stopped.promise]), watch.lost);
  } catch (err) {
    gaveUp = true;
    throw err;
  } finally {
    watch.stop();
    stopped.stop();
    if (gaveUp) {
      // Commands still waiting on a dead connection fail at once; nothing is left to keep the process up.
      connection.disconnect();
      await atMost(queue.close(), 2000);
    } else {
      await queue.close();
      connection.disconnect();
    }
  }
}

async function submitAndWait(queue: Queue<QueuedJob>, pending: readonly SweepJob[], opts: BullmqSubmitOptions): Promise<JobFailure[]> {
  const failures: JobFailure[] = [];
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
        // removed behind our back (e.g. an expired result, or a Redis that restarted empty): queue it again
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
  const limitMs = timeoutMs(opts.redisTimeoutS);
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
