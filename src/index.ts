/**
 * srvsim as a library (`import … from 'srvsim'`): load and validate a scenario, simulate it, compare or
 * optimise placements. The CLI (src/cli) is a thin shell over the same functions (src/app, src/model);
 * this file only chooses what is public and documents it.
 *
 * @example
 * import { loadScenarioOrThrow, runScenario } from 'srvsim';
 * const scenario = await loadScenarioOrThrow({
 *   extends: 'models/mp192-baseline.yaml',
 *   scenario: 'small-day',
 *   workload: { srvsPerDay: { value: 20000, source: 'assumed: a small day' } },
 * });
 * const summary = await runScenario(scenario, { replications: 3 });
 * console.log(summary.verdict, summary.capacities[0]?.figures.minHeadroom1s.mean);
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompareOptions, compareScenarios as compareInternal } from './app/compare.js';
import { type OptimiseOptions, optimisePlacement as optimiseInternal } from './app/optimise.js';
import { type RunOptions, type RunOutcome, simulateScenario as simulateInternal } from './app/run-scenario.js';
import { InputError } from './model/issues.js';
import { type LoadResult, loadScenario as loadFile, loadScenarioFromObject } from './model/load.js';
import type { Scenario } from './model/types.js';
import type { ShardProgress } from './pool/index.js';
import { type ReplicationResult, runReplication as replicateInternal } from './sim/run-replication.js';
import type { Comparison } from './stats/comparison.js';
import type { OptimiseResult } from './stats/optimise.js';
import type { RunSummary } from './stats/summarise.js';

export type { CompareOptions, Comparison, LoadResult, OptimiseOptions, OptimiseResult, ReplicationResult, RunOptions, RunOutcome, RunSummary, Scenario };
export type { Candidate, Finalist } from './stats/optimise.js';
export { formatIssue, formatIssues, InputError, type InputIssue } from './model/issues.js';
export { computePia, type Pia } from './pia/compute.js';
export { summarise } from './stats/summarise.js';
export { sensitivityAnalysis, type SensitivityOptions } from './app/sensitivity.js';
export type { Sensitivity } from './stats/comparison.js';
export { counterfactual, type Counterfactual } from './stats/counterfactual.js';
export { verifyReportDir, type VerifyOutcome } from './app/verify.js';

/**
 * A model written as a plain object: what a model file (models/*.yaml) holds, parsed. It may `extends`
 * a model file and give only what differs, as a file may.
 */
export type ModelObject = { readonly [key: string]: unknown };

/** Where a scenario comes from: the path (or file: URL) of a model file, or a model object. */
export type ScenarioSource = string | URL | ModelObject;

export interface LoadOptions {
  /**
   * Folder that relative paths are resolved from: a model file's path, and an object's `extends` and
   * table paths (`data.*`, `placement.file`, `baseline.profile`). Default: the working directory.
   * Paths written inside a model file are always relative to that file.
   */
  readonly baseDir?: string | URL;
  /** The name a model object goes by in issues and provenance, as a file name would (default `<model object>`). */
  readonly name?: string;
}

const DEFAULT_OBJECT_NAME = '<model object>';

const asPath = (p: string | URL): string => (typeof p === 'string' ? p : fileURLToPath(p));

/**
 * Loads, validates and normalises a scenario, with the checks `srvsim validate` makes (schema, CSV
 * tables, cross-field rules); never throws for bad input. `{ ok: false, issues }` lists every problem
 * found (file:line:col, model path, message; `formatIssues` prints them); `{ ok: true }` carries the
 * scenario and any warnings. A model object is checked exactly as a file; its issues name
 * `options.name` at line 1 and tell the place by their paths.
 */
export async function loadScenario(source: ScenarioSource, options: LoadOptions = {}): Promise<LoadResult> {
  const base = options.baseDir === undefined ? process.cwd() : asPath(options.baseDir);
  if (typeof source === 'string' || source instanceof URL) {
    const file = asPath(source);
    return loadFile(isAbsolute(file) ? file : resolve(base, file));
  }
  return loadScenarioFromObject(source, resolve(base, options.name ?? DEFAULT_OBJECT_NAME));
}

/**
 * As `loadScenario`, but returns the scenario itself.
 * @throws InputError carrying every issue when the model is not valid
 */
export async function loadScenarioOrThrow(source: ScenarioSource, options: LoadOptions = {}): Promise<Scenario> {
  const result = await loadScenario(source, options);
  if (!result.ok) throw new InputError(result.issues);
  return result.scenario;
}

/** How far one replication has got (reported about every simulated hour). */
export type RunProgress = ShardProgress;

/** Copies the options a caller may set, so nothing else reaches the internals. */
function only<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Pick<T, K>;
}
const RUN_KEYS = ['seed', 'replications', 'workers', 'onProgress', 'signal'] as const;

/**
 * Simulates `replications` seeded days of a scenario (as `srvsim run`, without writing files) and
 * returns the summary with each replication's results (per-second series, counters).
 * @throws RangeError when replications is not an integer ≥ 1
 */
export async function simulateScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunOutcome> {
  return simulateInternal(scenario, only(options, RUN_KEYS));
}

/**
 * Simulates a scenario and returns its summary: the verdict, per-capacity figures (peaks, headroom,
 * seconds above the ceiling, queues), completion times and counters, each a mean with its interval.
 * @throws RangeError when replications is not an integer ≥ 1
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunSummary> {
  return (await simulateScenario(scenario, options)).summary;
}

export interface ReplicationOptions {
  readonly seed: number;
  /** Which replication (0, 1, …): with the seed, it fixes every random draw. */
  readonly replication: number;
  /** Called after every simulated hour with the simulated seconds done and the events so far. */
  readonly onProgress?: (simulatedS: number, events: number) => void;
}

/** One seeded replication of a scenario, in this thread (`summarise` turns several into a summary). */
export function runReplication(scenario: Scenario, options: ReplicationOptions): ReplicationResult {
  return replicateInternal(scenario, only(options, ['seed', 'replication', 'onProgress']));
}

/**
 * Compares scenarios — typically placements of one model, e.g. models loaded with `extends` and another
 * `placement` — as `srvsim compare` does: every scenario is simulated with the same seed and
 * replications (common random numbers), ranked (feasible first, then the larger minimum headroom, then
 * the smaller p99 completion), and with ≥ 2 replications each is measured against the first by paired
 * differences. The scenarios' names must differ.
 * @throws RangeError when there is no scenario or two share a name
 */
export async function compareScenarios(scenarios: readonly Scenario[], options: CompareOptions = {}): Promise<Comparison> {
  return compareInternal(scenarios, options);
}

/**
 * Searches uniform placements of a scenario's scheduled load for the one with the most headroom, as
 * `srvsim optimise` does: every window on a grid (and pairs of the best) is screened with a fluid model,
 * the best distinct candidates are simulated once (`finalists`, default 3) and `best` is the finalist
 * with the largest simulated minimum headroom, preferring one that never goes above a ceiling (with
 * `finalists: 0`, the best screened candidate). `avoidFirmware` and `deadline` restrict the windows.
 */
export async function optimisePlacement(scenario: Scenario, options: OptimiseOptions = {}): Promise<OptimiseResult> {
  return optimiseInternal(scenario, options);
}
