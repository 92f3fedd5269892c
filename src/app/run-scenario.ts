/**
 * `run`, end to end:
 *
 *   model → replications (each: workload → simulate) → stats → report files → write
 *
 * Replications run one after another in this thread; each is independent and seeded by
 * (seed, replication), so the result does not depend on where or in what order they run.
 */
import type { Scenario } from '../model/types.js';
import { capacityColumns, meanSeries, perMinuteCsv, perSecondCsv } from '../report/series.js';
import { summaryText } from '../report/summary-text.js';
import { type ReplicationResult, runReplication } from '../sim/run-replication.js';
import { type RunSummary, summarise } from '../stats/summarise.js';

export interface RunOptions {
  readonly seed?: number;
  readonly replications?: number;
}

export interface RunOutcome {
  readonly summary: RunSummary;
  readonly results: readonly ReplicationResult[];
}

export function simulateScenario(s: Scenario, opts: RunOptions = {}): RunOutcome {
  const seed = opts.seed ?? s.seed;
  const replications = opts.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer ≥ 1, got ${replications}`);
  const results: ReplicationResult[] = [];
  for (let r = 0; r < replications; r++) results.push(runReplication(s, { seed, replication: r }));
  return { summary: summarise(s, results), results };
}

export interface ReportFile {
  readonly path: string;
  readonly contents: string;
}

/** The files of a run, as data: summary.json, per-second.csv, per-minute.csv, summary.txt. */
export function runFiles(s: Scenario, outcome: RunOutcome): ReportFile[] {
  const cols = s.capacities.map((_, k) => capacityColumns(outcome.results, k));
  const responses = meanSeries(outcome.results, (r) => r.responsesPerS);
  return [
    { path: 'summary.json', contents: `${JSON.stringify(outcome.summary, null, 2)}\n` },
    { path: 'summary.txt', contents: summaryText(outcome.summary) },
    { path: 'per-second.csv', contents: perSecondCsv(cols, responses) },
    { path: 'per-minute.csv', contents: perMinuteCsv(cols, responses) },
  ];
}
