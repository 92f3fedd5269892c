/**
 * The sweep's side of the BullMQ backend (bullmq.ts): pending jobs → queue (job id = content id, so
 * adding twice is a no-op) → poll until each is completed (its result stored) or failed after its retry.
 */
import { Job, Queue } from 'bullmq';
import { DEFAULT_QUEUE, type QueuedJob } from './bullmq.js';
import { decodeResult, type SweepJob } from './jobs.js';
import { type BackendHooks, JOB_ATTEMPTS, type JobFailure } from './local.js';
import { atMost, connectRedis, redisTimeoutMs, unlessLost, watchRedis } from './redis.js';

/** A completed job's result stays in Redis this long, so a re-run on another machine reuses it. */
const KEEP_COMPLETED_S = 7 * 86_400;
/** Job states read per poll (oldest unfinished first). */
const POLL_BATCH = 1000;

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

/**
 * Puts the pending jobs on the queue and waits for each to finish; returns the ones that failed.
 * Throws RedisLostError when Redis stops answering for the Redis timeout (results handed to `onResult`
 * before that are the caller's to keep).
 */
export async function runBullmq(pending: readonly SweepJob[], opts: BullmqSubmitOptions): Promise<JobFailure[]> {
  if (pending.length === 0) return [];
  const limitMs = redisTimeoutMs(opts.redisTimeoutS);
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
