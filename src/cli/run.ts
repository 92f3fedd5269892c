/** `srvsim run <model>`: simulate, print the summary, write the report folder. */
import { join, resolve } from 'node:path';
import { buildManifest, gitCommit, MANIFEST } from '../app/manifest.js';
import { type ReportDirClaim, withReportDir } from '../app/output-dir.js';
import { progressBar } from '../app/progress.js';
import { type RunOutcome, runFiles, simulateScenario } from '../app/run-scenario.js';
import { writeReportDir } from '../app/write-files.js';
import { displayPath } from '../model/issues.js';
import { loadScenarioOrThrow } from '../model/load.js';
import type { Scenario } from '../model/types.js';
import { summaryText } from '../report/summary-text.js';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';

export interface RunCliOptions {
  readonly signal?: AbortSignal;
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** A folder name for any scenario name: letters, digits, '.', '_' and '-' only. */
export function folderName(scenario: string): string {
  const safe = scenario.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return safe.length > 0 ? safe.slice(0, 80) : 'scenario';
}

/** The UTC time of the run as a folder-name part: 20261128T193834Z. */
export function runStamp(): string {
  return new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** A report folder name for one run: its time, seed and replications. */
export function runId(seed: number, replications: number): string {
  return `${runStamp()}-seed${seed}-r${replications}`;
}

export async function runCommand(file: string, opts: RunCliOptions): Promise<number> {
  const scenario = await loadScenarioOrThrow(file);
  const seed = opts.seed ?? scenario.seed;
  const replications = opts.replications ?? 1;
  const dir = opts.out ? resolve(opts.out) : resolve('reports', folderName(scenario.name), runId(seed, replications));
  return withReportDir(dir, scenario.inputs, say, (claim) => runInto(claim, scenario, seed, replications, opts));
}

async function runInto(claim: ReportDirClaim, scenario: Scenario, seed: number, replications: number, opts: RunCliOptions): Promise<number> {
  const { dir } = claim;
  if (opts.workers !== undefined && opts.workers > replications) say(`--workers ${opts.workers}: capped to ${replications}, one thread per replication`);
  const progress = progressBar(!opts.json && !opts.quiet, scenario.day.horizonS, replications);
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
  const facts = {
    version: toolVersion(),
    commit: gitCommit(PACKAGE_ROOT),
    scenario: scenario.name,
    seed,
    replications,
    workers: outcome.workers,
    arguments: process.argv.slice(2),
    inputs: scenario.inputs,
  };
  const files = await runFiles(scenario, outcome, { ...facts, toolVersion: facts.version, nodeVersion: process.version });
  const manifest = buildManifest(facts, files);
  await writeReportDir(claim, files, { path: MANIFEST, contents: `${JSON.stringify(manifest, null, 2)}\n` }, opts.signal);
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...outcome.summary, reportDir: dir }, null, 2)}\n`);
  else process.stdout.write(`${summaryText(outcome.summary)}\nReport: ${displayPath(join(dir, 'report.html'))}\n`);
  return EXIT.ok;
}
