/**
 * `run`: simulate a scenario and write its report folder (summary.json, report.html and .md, the
 * per-second / per-minute CSVs, charts, manifest.json last). Returns the outcome; the caller prints it.
 */
import { runSpanS, type Scenario } from '../model/types.js';
import { manifestFile, type RunFacts, type ToolFacts } from './manifest.js';
import { withReportDir } from './output-dir.js';
import { progressBar } from './progress.js';
import { type RunOutcome, runFiles, simulateScenario } from './run-scenario.js';
import { writeReportDir } from './write-files.js';

export interface RunReportOptions {
  readonly seed: number;
  readonly replications: number;
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** A progress bar on stderr (drawn only on a terminal, for runs of over ~2 s). */
  readonly progress: boolean;
  /** The report folder (replaced as a whole; see output-dir.ts). */
  readonly dir: string;
  readonly tool: ToolFacts;
  /** Notes on the report folder and the run (a stale claim cleared, workers capped, …). */
  readonly onNote: (note: string) => void;
}

export async function runToReport(scenario: Scenario, opts: RunReportOptions): Promise<RunOutcome> {
  const { seed, replications } = opts;
  return withReportDir(opts.dir, scenario.inputs, opts.onNote, async (claim) => {
    if (opts.workers !== undefined && opts.workers > replications) opts.onNote(`--workers ${opts.workers}: capped to ${replications}, one thread per replication`);
    const progress = progressBar(opts.progress, runSpanS(scenario.day), replications);
    let outcome: RunOutcome;
    try {
      outcome = await simulateScenario(scenario, {
        seed,
        replications,
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        onProgress: (p) => progress.update(p),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } finally {
      progress.stop();
    }
    const facts: RunFacts = {
      version: opts.tool.version,
      commit: opts.tool.commit,
      scenario: scenario.name,
      seed,
      replications,
      workers: outcome.workers,
      arguments: opts.tool.arguments,
      inputs: scenario.inputs,
    };
    const files = await runFiles(scenario, outcome, { ...facts, toolVersion: facts.version, nodeVersion: process.version });
    await writeReportDir(claim, files, manifestFile(facts, files), opts.signal);
    return outcome;
  });
}
