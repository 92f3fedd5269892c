/**
 * `check`: a capacity gate for CI. Simulates the model (R = 1 unless told), evaluates the gates
 * (stats/gates.ts), works out the counterfactual extra capacity (stats/counterfactual.ts), checks the
 * extra capacity of a failed ceiling by simulating with it installed (verify-extra.ts), and writes the
 * JUnit XML (report/check.ts) when asked. Returns the figures; the caller prints them.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Scenario } from '../model/types.js';
import { checkJunitXml } from '../report/check.js';
import { isSrvsimJunit } from '../report/junit.js';
import { counterfactual } from '../stats/counterfactual.js';
import { type CheckResult, evaluateGates, failedExtras, type GateLimits } from '../stats/gates.js';
import { simulateScenario } from './run-scenario.js';
import { verifyExtraCapacity } from './verify-extra.js';
import { checkOwnedFile, OutputError, writeOwnedFile } from './write-files.js';

export interface CheckOptions extends GateLimits {
  readonly seed?: number;
  /** Default 1. */
  readonly replications?: number;
  readonly workers?: number;
  /** false: skip re-simulating the extra capacity of a failed ceiling gate. */
  readonly verifyExtra?: boolean;
  /** JUnit XML file to write (one testcase per gate): a new file or one srvsim wrote, in an existing folder. */
  readonly junit?: string;
  readonly signal?: AbortSignal;
}

export async function checkScenario(s: Scenario, opts: CheckOptions = {}): Promise<CheckResult> {
  // The JUnit file is checked before anything runs: a wrong path fails at once, not after the simulation.
  const junit = opts.junit === undefined ? null : resolve(opts.junit);
  if (junit && !(existsSync(dirname(junit)) && statSync(dirname(junit)).isDirectory())) {
    throw new OutputError(`--junit ${opts.junit}: folder ${dirname(junit)} does not exist`);
  }
  if (junit) checkOwnedFile(junit, isSrvsimJunit, '--junit');
  const runOpts = {
    replications: opts.replications ?? 1,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const { summary, results } = await simulateScenario(s, runOpts);
  const gates = evaluateGates(summary, opts);
  const cf = counterfactual(s, results);
  // A failed ceiling gate: check the extra capacity by simulating with it installed (same seed and R).
  const checkExtra = failedExtras(gates, cf).length > 0 && opts.verifyExtra !== false;
  const verified = checkExtra ? await verifyExtraCapacity(s, results, runOpts) : [];
  const result: CheckResult = {
    scenario: s.name,
    seed: summary.seed,
    replications: summary.replications,
    ok: gates.every((g) => g.ok),
    gates,
    counterfactual: cf,
    verifiedExtra: verified,
  };
  if (junit) writeOwnedFile(junit, checkJunitXml(result, s.costs.perTpsMonthGbp), isSrvsimJunit, '--junit');
  return result;
}
