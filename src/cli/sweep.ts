/**
 * `srvsim sweep <sweep.yaml> [--backend local|bullmq]`: every case × replication of a sweep file as a
 * job, run on this machine's worker pool (local) or on BullMQ workers (`srvsim worker`) anywhere that
 * reaches the Redis server; each finished job is stored at once in the jobs folder (default
 * reports/sweep/<name>/jobs), so a re-run skips it. Writes reports/sweep/<name>/<run-id>/ (sweep.html,
 * .md, .json, .csv, charts/*, manifest.json last). Exit 4 names the jobs that failed twice.
 *
 *   srvsim worker --redis URL [--workers N]      # on each machine that should take jobs
 *
 * Redis lost for --redis-timeout seconds (default 30) stops the sweep or worker with exit 6 and one
 * line naming the URL; the sweep's finished jobs stay in its jobs folder and a re-run resumes. A
 * malformed --redis is exit 2 before any connection; a jobs folder that cannot be written, exit 3
 * before any job runs.
 */
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { buildManifest, gitCommit, MANIFEST } from '../app/manifest.js';
import { checkOutsideReport, withReportDir } from '../app/output-dir.js';
import { DEFAULT_QUEUE, runSweepWorker } from '../app/sweep/bullmq.js';
import { DEFAULT_REDIS_TIMEOUT_S, displayRedisUrl, redisUrlProblem } from '../app/sweep/redis.js';
import { type Backend, BACKENDS, runSweep } from '../app/sweep/run-sweep.js';
import { writeReportDir } from '../app/write-files.js';
import { displayPath } from '../model/issues.js';
import { loadSweepOrThrow } from '../model/sweep.js';
import { sweepFiles, sweepText } from '../report/sweep/files.js';
import { availableParallelism } from 'node:os';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';
import { folderName, runId } from './run.js';

/** `--redis-timeout <s>`, on `sweep` and `worker`: how long Redis may go unanswered before exit 6. */
export const REDIS_TIMEOUT_OPTION = {
  flags: '--redis-timeout <s>',
  description: `give up (exit 6) when Redis has not answered for this many seconds (default ${DEFAULT_REDIS_TIMEOUT_S})`,
  parser: (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > 3600) {
      throw new InvalidArgumentError(`--redis-timeout must be a whole number of seconds from 1 to 3600 (got ${JSON.stringify(value)})`);
    }
    return n;
  },
} as const;

/** A malformed --redis is a usage error, reported before anything connects. */
function badRedisUrl(url: string | undefined): boolean {
  const problem = url === undefined ? undefined : redisUrlProblem(url);
  if (problem) process.stderr.write(`srvsim: ${problem}\n`);
  return problem !== undefined;
}

export interface SweepCliOptions {
  readonly backend?: string;
  readonly redis?: string;
  readonly redisTimeout?: number;
  readonly queue?: string;
  readonly workers?: number;
  readonly out?: string;
  readonly jobs?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

export async function sweepCommand(file: string, opts: SweepCliOptions): Promise<number> {
  const backend = (opts.backend ?? 'local') as Backend;
  if (!BACKENDS.includes(backend)) {
    process.stderr.write(`srvsim: --backend must be one of ${BACKENDS.join(', ')} (got ${JSON.stringify(opts.backend)})\n`);
    return EXIT.input;
  }
  if (backend === 'bullmq' && !opts.redis) {
    process.stderr.write('srvsim: --backend bullmq needs --redis URL (e.g. redis://127.0.0.1:6379)\n');
    return EXIT.input;
  }
  if (badRedisUrl(opts.redis)) return EXIT.input;
  const sweep = await loadSweepOrThrow(file);
  const home = resolve('reports', 'sweep', folderName(sweep.name));
  const dir = opts.out ? resolve(opts.out) : join(home, runId(sweep.seed, sweep.replications));
  const jobsDir = opts.jobs ? resolve(opts.jobs) : join(home, 'jobs');
  const inputs = [...new Set([sweep.file, ...sweep.cases.flatMap((c) => c.scenario.inputs)])];
  checkOutsideReport(dir, jobsDir, 'jobs folder');
  return withReportDir(dir, inputs, say, async (claim) => {
    const workers = opts.workers ?? availableParallelism();
    const talk = !opts.quiet && !opts.json && process.stderr.isTTY;
    const version = toolVersion();
    const t0 = performance.now();
    let lastNews = t0;
    if (talk)
      process.stderr.write(
        `srvsim sweep ${sweep.name}: ${sweep.cases.length} cases × ${sweep.replications} replication(s) on ${backend}${backend === 'bullmq' && opts.redis ? ` (${displayRedisUrl(opts.redis)})` : ''}\n`,
      );
    const outcome = await runSweep(sweep, {
      backend,
      version,
      jobsDir,
      workers: Math.max(1, workers),
      ...(opts.redis ? { redisUrl: opts.redis } : {}),
      ...(opts.queue ? { queue: opts.queue } : {}),
      ...(opts.redisTimeout !== undefined ? { redisTimeoutS: opts.redisTimeout } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (done, total) => {
        lastNews = performance.now();
        if (talk) process.stderr.write(`srvsim sweep: ${done}/${total} jobs done (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
      },
      // With no worker taking jobs the queue stays silent: say so every 30 s.
      onPoll: (unfinished) => {
        if (!talk || performance.now() - lastNews < 30_000) return;
        lastNews = performance.now();
        process.stderr.write(
          `srvsim sweep: ${unfinished} job(s) still queued or running on ${opts.queue ?? DEFAULT_QUEUE}; start workers with: srvsim worker --redis ${displayRedisUrl(opts.redis ?? '')}${opts.queue ? ` --queue ${opts.queue}` : ''}\n`,
        );
      },
    });
    const facts = { backend, jobs: outcome.jobs, reused: outcome.reused, ran: outcome.ran };
    const manifestFacts = {
      version,
      commit: gitCommit(PACKAGE_ROOT),
      scenario: sweep.name,
      seed: sweep.seed,
      replications: sweep.replications,
      workers,
      arguments: process.argv.slice(2),
      inputs,
    };
    const files = await sweepFiles(outcome.result, facts, { ...manifestFacts, toolVersion: version, nodeVersion: process.version });
    await writeReportDir(claim, files, { path: MANIFEST, contents: `${JSON.stringify(buildManifest(manifestFacts, files), null, 2)}\n` }, opts.signal);
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...outcome.result, jobs: facts, reportDir: dir, jobsDir }, null, 2)}\n`);
    else process.stdout.write(`${sweepText(outcome.result, facts)}\nJobs: ${displayPath(jobsDir)}\nReport: ${displayPath(join(dir, 'sweep.html'))}\n`);
    return EXIT.ok;
  });
}

export interface WorkerCliOptions {
  readonly redis: string;
  readonly redisTimeout?: number;
  readonly queue?: string;
  readonly workers?: number;
  readonly lockMs?: number;
  readonly idleExit?: number;
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

export async function workerCommand(opts: WorkerCliOptions): Promise<number> {
  if (badRedisUrl(opts.redis)) return EXIT.input;
  const workers = opts.workers ?? availableParallelism();
  const outcome = await runSweepWorker({
    redisUrl: opts.redis,
    queue: opts.queue ?? DEFAULT_QUEUE,
    version: toolVersion(),
    workers: Math.max(1, workers),
    ...(opts.lockMs !== undefined ? { lockMs: opts.lockMs } : {}),
    ...(opts.idleExit !== undefined ? { idleExitS: opts.idleExit } : {}),
    ...(opts.redisTimeout !== undefined ? { redisTimeoutS: opts.redisTimeout } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    log: (line) => !opts.quiet && process.stderr.write(`srvsim worker: ${line}\n`),
  });
  if (!opts.quiet) process.stderr.write(`srvsim worker: stopped after ${outcome.completed} job(s) completed, ${outcome.failed} failed attempt(s)\n`);
  return EXIT.ok;
}
