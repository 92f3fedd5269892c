/**
 * `srvsim compare <models-or-sweeps...>`: run several scenarios with one seed and R (common random
 * numbers), rank them, print the ranking and write reports/compare/<run-id>/ (compare.html, .md,
 * .json, charts/*, manifest.json last). An argument is a model, a placement list ({ base, placements },
 * see app/compare-inputs.ts) or a `srvsim sweep` file (its cases; seed and replications from the
 * command line).
 */
import { join, resolve } from 'node:path';
import { compareToReport } from '../app/compare.js';
import { type ComparisonInputs, loadComparisonInputs } from '../app/compare-inputs.js';
import { gitCommit } from '../app/manifest.js';
import { displayPath, formatIssues, InputError } from '../model/issues.js';
import type { Scenario } from '../model/types.js';
import { comparisonJson } from '../report/compare/files.js';
import { comparisonText } from '../report/compare/text.js';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';
import { runId } from './run.js';

export interface CompareCliOptions {
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

/** A usage problem found before anything runs (exit 2). */
class UsageError extends Error {}

export async function compareCommand(models: readonly string[], opts: CompareCliOptions = {}): Promise<number> {
  let loaded: ComparisonInputs;
  try {
    loaded = await loadComparisonInputs(models);
    const names = loaded.scenarios.map((s) => s.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (loaded.scenarios.length < 2) throw new UsageError(`compare needs at least two scenarios (got ${loaded.scenarios.length})`);
    if (dup !== undefined) throw new UsageError(`scenario names must differ: ${JSON.stringify(dup)} appears twice`);
  } catch (err) {
    if (err instanceof InputError) process.stderr.write(`${formatIssues(err.issues).join('\n')}\n`);
    else if (err instanceof UsageError) process.stderr.write(`srvsim: ${err.message}\n`);
    else throw err;
    return EXIT.input;
  }
  const { scenarios, inputs } = loaded;
  const seed = opts.seed ?? (scenarios[0] as Scenario).seed;
  const replications = opts.replications ?? 1;
  const dir = opts.out ? resolve(opts.out) : resolve('reports', 'compare', runId(seed, replications));
  const talk = !opts.quiet && !opts.json && process.stderr.isTTY;
  const comparison = await compareToReport(scenarios, {
    seed,
    replications,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (done, total) => talk && process.stderr.write(`srvsim compare: ${done}/${total} scenario-replications done\n`),
    dir,
    inputs,
    tool: { version: toolVersion(), commit: gitCommit(PACKAGE_ROOT), arguments: process.argv.slice(2) },
    onNote: say,
  });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...JSON.parse(comparisonJson(comparison)), reportDir: dir }, null, 2)}\n`);
  else process.stdout.write(`${comparisonText(comparison)}\nReport: ${displayPath(join(dir, 'compare.html'))}\n`);
  return EXIT.ok;
}
