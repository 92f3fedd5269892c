/**
 * The local sweep backend: every pending job on one piscina pool of this machine. A job that fails is
 * run once more with the same seed; a second failure is reported, the other jobs go on.
 */
import { setMaxListeners } from 'node:events';
import { createShardPool, runShard } from '../../pool/index.js';
import { jobResult, type JobResult, type SweepJob } from './jobs.js';

export interface JobFailure {
  readonly job: Pick<SweepJob, 'id' | 'caseId' | 'caseLabel' | 'replication' | 'seed'>;
  readonly reason: string;
}

export interface BackendHooks {
  /** Called once per finished job, as it finishes (the caller stores it). */
  readonly onResult: (r: JobResult) => void;
  readonly signal?: AbortSignal;
}

/** Attempts per job: the first, and one retry with the same seed. */
export const JOB_ATTEMPTS = 2;

/**
 * Runs the pending jobs; returns the ones that failed twice. An error from `onResult` (the result could
 * not be stored) is no job failure: it stops every job and is thrown.
 */
export async function runLocal(pending: readonly SweepJob[], workers: number, hooks: BackendHooks): Promise<JobFailure[]> {
  if (pending.length === 0) return [];
  const pool = createShardPool(Math.max(1, Math.min(workers, pending.length)));
  const failures: JobFailure[] = [];
  const halt = new AbortController();
  const signal = hooks.signal ? AbortSignal.any([hooks.signal, halt.signal]) : halt.signal;
  setMaxListeners(0, signal); // every queued job listens on it
  try {
    await Promise.all(
      pending.map(async (job) => {
        let reason = '';
        for (let attempt = 0; attempt < JOB_ATTEMPTS; attempt++) {
          let result: JobResult;
          try {
            result = jobResult(job, await runShard(pool, job.scenario, job.seed, job.replication, signal));
          } catch (err) {
            if (signal.aborted) throw hooks.signal?.aborted ? err : signal.reason;
            reason = err instanceof Error ? err.message : String(err);
            continue;
          }
          try {
            hooks.onResult(result);
          } catch (err) {
            halt.abort(err);
            throw err;
          }
          return;
        }
        failures.push({ job, reason });
      }),
    );
  } finally {
    await pool.destroy();
  }
  return failures;
}
