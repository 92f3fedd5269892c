/**
 * `sweep`, end to end:
 *
 *   Sweep → jobs → (results already stored are reused) → backend runs the rest, each result stored as
 *   it arrives → every job's figures, in case and replication order → per-case intervals → SweepResult
 *
 * The result depends only on the stored job results, merged in job order, never on which backend,
 * machine or worker produced them, or when.
 */
import type { Sweep } from '../../model/sweep.js';
import { commonFigureDefs } from '../../stats/figures.js';
import type { SweepResult } from '../../report/sweep/types.js';
import { tInterval } from '../../stats/t-interval.js';
import { runBullmq } from './bullmq-submit.js';
import { RedisLostError } from './redis.js';
import { JobStore, type JobResult, sweepJobs } from './jobs.js';
import { type JobFailure, runLocal } from './local.js';

export type Backend = 'local' | 'bullmq';
export const BACKENDS: readonly Backend[] = ['local', 'bullmq'];

export interface SweepOptions {
  readonly backend: Backend;
  readonly version: string;
  /** Folder of the job results (resumable state). */
  readonly jobsDir: string;
  /** local: pool threads. */
  readonly workers: number;
  /** bullmq: the Redis URL and queue name. */
  readonly redisUrl?: string;
  readonly queue?: string;
  readonly pollMs?: number;
  /** bullmq: give up (RedisLostError, exit 6) once Redis has not answered for this long, s (default 30). */
  readonly redisTimeoutS?: number;
  readonly signal?: AbortSignal;
  /** After each finished job: how many of the sweep's jobs are done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** bullmq: after each poll of the queue, the jobs still unfinished. */
  readonly onPoll?: (unfinished: number) => void;
}

export interface SweepOutcome {
  readonly result: SweepResult;
  readonly jobs: number;
  /** Jobs whose stored result was reused, and jobs run now. */
  readonly reused: number;
  readonly ran: number;
}

/** Some jobs failed twice: every finished result is stored; these are named so they can be rerun. */
export class SweepJobsFailed extends Error {
  constructor(readonly failures: readonly JobFailure[]) {
    const lines = failures.map((f) => `  case ${f.job.caseId} (${f.job.caseLabel}) replication ${f.job.replication} (seed ${f.job.seed}), job ${f.job.id}: ${f.reason}`);
    super(`${failures.length} sweep job(s) failed after a retry with the same seed:\n${lines.join('\n')}`);
    this.name = 'SweepJobsFailed';
  }
}

export async function runSweep(sweep: Sweep, opts: SweepOptions): Promise<SweepOutcome> {
  const jobs = sweepJobs(sweep, opts.version);
  const store = new JobStore(opts.jobsDir);
  const stored = store.load();
  const results = new Map<string, JobResult>();
  for (const j of jobs) {
    const r = stored.get(j.id);
    if (r) results.set(j.id, r);
  }
  const reused = results.size;
  const pending = jobs.filter((j) => !results.has(j.id));
  // A folder that cannot take results (not a folder, read-only, full) fails now, before any job runs.
  if (pending.length > 0) store.prepare();
  const onResult = (r: JobResult) => {
    store.save(r);
    results.set(r.id, r);
    opts.onProgress?.(results.size, jobs.length);
  };
  const hooks = { onResult, ...(opts.signal ? { signal: opts.signal } : {}) };
  let failures: JobFailure[];
  if (opts.backend === 'local') failures = await runLocal(pending, opts.workers, hooks);
  else {
    if (!opts.redisUrl) throw new RangeError('the bullmq backend needs a Redis URL (--redis)');
    try {
      failures = await runBullmq(pending, {
        ...hooks,
        redisUrl: opts.redisUrl,
        version: opts.version,
        ...(opts.queue ? { queue: opts.queue } : {}),
        ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
        ...(opts.redisTimeoutS !== undefined ? { redisTimeoutS: opts.redisTimeoutS } : {}),
        ...(opts.onPoll ? { onPoll: opts.onPoll } : {}),
      });
    } catch (err) {
      if (err instanceof RedisLostError) {
        throw err.withHint(`${results.size} of ${jobs.length} job results are stored in ${opts.jobsDir}; run the sweep again to resume`);
      }
      throw err;
    }
  }
  if (failures.length > 0) throw new SweepJobsFailed(failures);
  const ordered = jobs.map((j) => results.get(j.id) as JobResult);
  return { result: sweepResult(sweep, ordered), jobs: jobs.length, reused, ran: pending.length };
}

/** Per case: the figures of its replications and their intervals; figures every case has, in table order. */
export function sweepResult(sweep: Sweep, ordered: readonly JobResult[]): SweepResult {
  const figures = commonFigureDefs(sweep.cases.map((c) => c.scenario));
  return {
    sweep: sweep.name,
    title: sweep.title,
    seed: sweep.seed,
    replications: sweep.replications,
    design: sweep.design,
    axes: sweep.axes.map((a) => ({ name: a.name, path: a.path, labels: [...a.labels] })),
    figures,
    cases: sweep.cases.map((c) => {
      const reps = ordered.filter((r) => r.caseId === c.id).sort((a, b) => a.replication - b.replication);
      const values = (key: string) => reps.map((r) => r.figures[key] ?? Number.NaN);
      return {
        id: c.id,
        label: c.label,
        scenario: c.scenario.name,
        values: { ...c.values },
        feasible: reps.every((r) => r.figures.secondsAboveAny === 0),
        figures: Object.fromEntries(figures.map((d) => [d.key, tInterval(values(d.key))])),
        perReplication: reps.map((r) => ({ ...r.figures })),
      };
    }),
  };
}
