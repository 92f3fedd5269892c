/**
 * The local sweep backend: every pending job on one piscina pool of this machine. A job that fails is
 * run once more with the same seed; a second failure is reported, the other jobs go on.
 */
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

export async function runLocal(pending: readonly SweepJob[], workers: number, hooks: BackendHooks): Promise<JobFailure[]> {
  if (pending.length === 0) return [];
  const pool = createShardPool(Math.max(1, Math.min(workers, pending.length)));
  const failures: JobFailure[] = [];
  try {
    await Promise.all(
      pending.map(async (job) => {
        let reason = '';
        for (let attempt = 0; attempt < JOB_ATTEMPTS; attempt++) {
          try {
            const r = await runShard(pool, job.scenario, job.seed, job.replication, hooks.signal);
            hooks.onResult(jobResult(job, r));
            return;
          } catch (err) {
            if (hooks.signal?.aborted) throw err;
            reason = err instanceof Error ? err.message : String(err);
          }
        }
        failures.push({ job, reason });
      }),
    );
  } finally {
    await pool.destroy();
  }
  return failures;
}
