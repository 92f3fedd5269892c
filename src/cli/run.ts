/** `srvsim run <model>`: simulate and write the report folder (app/run.ts), print the summary. */
import { join, resolve } from 'node:path';
import { gitCommit } from '../app/manifest.js';
import { runToReport } from '../app/run.js';
import { displayPath } from '../model/issues.js';
import { loadScenarioOrThrow } from '../model/load.js';
import { withRunDays } from '../model/run-days.js';
import { summaryText } from '../report/summary-text.js';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';

export interface RunCliOptions {
  readonly signal?: AbortSignal;
  readonly seed?: number;
  readonly replications?: number;
  /** Measured days and warm-up days (default: the model's). */
  readonly days?: number;
  readonly warmupDays?: number;
  /** Date of the first measured day, YYYY-MM-DD (default: the model's). */
  readonly start?: string;
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
  const scenario = withRunDays(await loadScenarioOrThrow(file), {
    ...(opts.warmupDays !== undefined ? { warmupDays: opts.warmupDays } : {}),
    ...(opts.days !== undefined ? { measuredDays: opts.days } : {}),
    ...(opts.start !== undefined ? { start: opts.start } : {}),
  });
  const seed = opts.seed ?? scenario.seed;
  const replications = opts.replications ?? 1;
  const dir = opts.out ? resolve(opts.out) : resolve('reports', folderName(scenario.name), runId(seed, replications));
  const outcome = await runToReport(scenario, {
    seed,
    replications,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    progress: !opts.json && !opts.quiet,
    dir,
    tool: { version: toolVersion(), commit: gitCommit(PACKAGE_ROOT), arguments: process.argv.slice(2) },
    onNote: say,
  });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...outcome.summary, reportDir: dir }, null, 2)}\n`);
  else process.stdout.write(`${summaryText(outcome.summary)}\nReport: ${displayPath(join(dir, 'report.html'))}\n`);
  return EXIT.ok;
}
