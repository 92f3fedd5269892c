/**
 * `run`, end to end:
 *
 *   model → replications (each: workload → simulate) → stats → report files → write
 *
 * Replications run on a worker pool (or in this thread with workers = 0); each is independent and
 * seeded by (seed, replication) and merged in replication order, so the result does not depend on
 * where or in what order they run.
 */
import { availableParallelism } from 'node:os';
import type { Scenario } from '../model/types.js';
import { runShardsPooled, type ShardProgress } from '../pool/index.js';
import { perMinuteCsv, perSecondCsv } from '../report/series.js';
import { capacityColumns, meanSeries } from '../stats/series.js';
import { type ReportFile, type RunInfo, reportFiles } from '../report/index-files.js';
import { summaryText } from '../report/summary-text.js';

export type { ReportFile, RunInfo };
import { type ReplicationResult, runReplication } from '../sim/run-replication.js';
import { type RunSummary, summarise } from '../stats/summarise.js';
import { withDefaultSignals, yieldToSignals } from './signals.js';

export interface RunOptions {
  /** Seed of every random stream; default the scenario's. The same seed gives the same results. */
  readonly seed?: number;
  /** Independent replications of the day (default 1): figures are means with 95 % intervals over them. */
  readonly replications?: number;
  /**
   * Worker threads, default min(cores, replications); results never depend on it. 0 runs in this thread,
   * where a SIGINT or SIGTERM during a replication takes its default action (the process ends) as in the CLI.
   */
  readonly workers?: number;
  /** How far each replication has got, about every simulated hour. */
  readonly onProgress?: (p: ShardProgress) => void;
  /** Aborting it makes the run reject: on worker threads at once, in this thread between replications. */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly summary: RunSummary;
  readonly results: readonly ReplicationResult[];
  readonly workers: number;
}

export function defaultWorkers(replications: number): number {
  return Math.max(1, Math.min(availableParallelism(), replications));
}

export async function simulateScenario(s: Scenario, opts: RunOptions = {}): Promise<RunOutcome> {
  const seed = opts.seed ?? s.seed;
  const replications = opts.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  // More threads than replications would only sit idle (each replication runs whole on one thread).
  const workers = Math.min(opts.workers ?? defaultWorkers(replications), replications);
  let results: ReplicationResult[];
  if (workers === 0) {
    results = [];
    for (let r = 0; r < replications; r++) {
      await yieldToSignals(opts.signal);
      const onProgress = opts.onProgress;
      results.push(
        withDefaultSignals(() => runReplication(s, { seed, replication: r, ...(onProgress ? { onProgress: (simulatedS, events) => onProgress({ replication: r, simulatedS, events }) } : {}) })),
      );
    }
    await yieldToSignals(opts.signal);
  } else {
    results = await runShardsPooled(s, seed, replications, {
      workers,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }
  return { summary: summarise(s, results), results, workers };
}

/**
 * The files of a run, as data: the numbers (summary.json, summary.txt, per-second.csv,
 * per-minute.csv) and the analyst's report (report.html, summary.md, per-cohort.csv, charts/*).
 */
export async function runFiles(s: Scenario, outcome: RunOutcome, info: RunInfo): Promise<ReportFile[]> {
  const cols = s.capacities.map((_, k) => capacityColumns(outcome.results, k));
  const responses = meanSeries(outcome.results, (r) => r.responsesPerS);
  return [
    { path: 'summary.json', contents: `${JSON.stringify(outcome.summary, null, 2)}\n` },
    { path: 'summary.txt', contents: summaryText(outcome.summary) },
    { path: 'per-second.csv', contents: perSecondCsv(cols, responses) },
    { path: 'per-minute.csv', contents: perMinuteCsv(cols, responses) },
    ...(await reportFiles(s, outcome, info)),
  ];
}
