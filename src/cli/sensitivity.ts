/**
 * `srvsim sensitivity <model>`: one-at-a-time variation of the model's uncertain inputs (DLMS per SR
 * 5/8/11, first-attempt WAN success 0.80/0.98, retry 15/240 min, baseline ×0.6/×1.8, volume ×4M/2.7M,
 * routing all-to MOC / pro-rata), each run with the model's seed; prints the swings and writes
 * reports/sensitivity/<scenario>/<run-id>/ (sensitivity.html, .md, .json, charts/tornado-*, manifest.json last).
 * `--srvs N` runs every variant with N SRVs a day instead of the model's volume: a quick look, not a
 * capacity answer (the baseline keeps its full size).
 */
import { join, resolve } from 'node:path';
import { gitCommit } from '../app/manifest.js';
import { FACTOR_IDS, sensitivityToReport } from '../app/sensitivity.js';
import { displayPath, formatIssues, InputError } from '../model/issues.js';
import { loadScenarioOrThrow } from '../model/load.js';
import type { Scenario } from '../model/types.js';
import { sensitivityText } from '../report/compare/text.js';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';
import { folderName, runId } from './run.js';

export interface SensitivityCliOptions {
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** Scale the volume to N SRVs a day for a quick run. */
  readonly srvs?: number;
  /** Only these factors: dlms, wan, retry, baseline, volume, routing. */
  readonly only?: readonly string[];
  readonly signal?: AbortSignal;
}

export async function sensitivityCommand(file: string, opts: SensitivityCliOptions = {}): Promise<number> {
  let scenario: Scenario;
  try {
    scenario = await loadScenarioOrThrow(file);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`${formatIssues(err.issues).join('\n')}\n`);
    return EXIT.input;
  }
  const unknown = (opts.only ?? []).filter((f) => !(FACTOR_IDS as readonly string[]).includes(f));
  if (unknown.length > 0 || (opts.srvs !== undefined && !(Number.isInteger(opts.srvs) && opts.srvs >= 1))) {
    process.stderr.write(`srvsim: ${unknown.length > 0 ? `unknown factor ${unknown.join(', ')} (one of ${FACTOR_IDS.join(', ')})` : '--srvs must be an integer ≥ 1'}\n`);
    return EXIT.input;
  }
  const seed = opts.seed ?? scenario.seed;
  const replications = opts.replications ?? 1;
  const dir = opts.out ? resolve(opts.out) : resolve('reports', 'sensitivity', folderName(scenario.name), runId(seed, replications));
  const talk = !opts.quiet && !opts.json && process.stderr.isTTY;
  const result = await sensitivityToReport(scenario, {
    seed,
    replications,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.srvs !== undefined ? { srvs: opts.srvs } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onVariant: (k, n, label) => talk && process.stderr.write(`srvsim sensitivity: [${k + 1}/${n}] ${label}\n`),
    dir,
    tool: { version: toolVersion(), commit: gitCommit(PACKAGE_ROOT), arguments: process.argv.slice(2) },
    onNote: say,
  });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, reportDir: dir }, null, 2)}\n`);
  else process.stdout.write(`${sensitivityText(result)}\nReport: ${displayPath(join(dir, 'sensitivity.html'))}\n`);
  return EXIT.ok;
}
