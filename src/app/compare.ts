/**
 * `compare`: several scenarios (typically the placements P0–P7 of one model), one seed, one R:
 *
 *   scenarios → simulate each with the SAME seed and R → per-replication figures → ranking
 *            → paired differences against the first scenario (R ≥ 2)
 *
 * The same seed gives common random numbers: every SR keeps its DLMS count and WAN outcomes, and
 * the baseline its arrivals, in every scenario, so a difference between two placements is measured
 * replication by replication and its interval is much tighter than two independent intervals.
 * Work is split by replication: one pool task runs one replication of the scenarios (so a discrete
 * baseline is drawn once per replication and replayed by every placement) and returns only what the
 * comparison keeps: figures and the offered load per second at the transaction ceiling.
 */
import { DAY_S, type Scenario } from '../model/types.js';
import { availableParallelism } from 'node:os';
import { withDefaultSignals, yieldToSignals } from './signals.js';
import { type CompareItem, type CompareTask, runCompareTask, runCompareTasksPooled } from '../pool/index.js';
import { blockMean } from '../report/charts/downsample.js';
import { compareFiles } from '../report/compare/files.js';
import { type ComparedScenario, type Comparison, type PairedDifference, pairedDifference, rankOrder, type TpsByMinute } from '../stats/comparison.js';
import { capacityIndices, commonFigureDefs, type FigureDef } from '../stats/figures.js';
import { tInterval } from '../stats/t-interval.js';
import { manifestFile, type RunFacts, type ToolFacts } from './manifest.js';
import { withReportDir } from './output-dir.js';
import { writeReportDir } from './write-files.js';

export interface CompareOptions {
  readonly seed?: number;
  readonly replications?: number;
  /** Worker threads; 0 = this thread. Results never depend on it. Default: the cores. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Called after each finished (scenario, replication): how many of all are done (progress lines). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Figures whose paired difference against the first scenario is reported. */
export const HEADLINE_KEYS = ['securePeak1s', 'securePeak1min', 'secureMinHeadroom1s', 'secureSecondsAbove', 'secureMaxBacklog', 'completionP95S', 'completionP99S', 'withinTrt'] as const;

interface ScenarioRun {
  readonly scenario: Scenario;
  readonly perReplication: readonly Record<string, number>[];
  readonly tps: TpsByMinute | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The comparison's pool tasks: per replication, the scenarios in groups — one group when there are at
 * least as many replications as workers, else enough groups to keep every worker busy. The scenarios
 * of a task share their discrete baselines (drawn once per task).
 */
export function compareTasks(scenarios: readonly Scenario[], seed: number, replications: number, workers: number): CompareTask[] {
  const groups = Math.min(scenarios.length, Math.max(1, Math.ceil(workers / replications)));
  const size = Math.ceil(scenarios.length / groups);
  const tasks: CompareTask[] = [];
  for (let replication = 0; replication < replications; replication++) {
    for (let from = 0; from < scenarios.length; from += size) {
      const indices = Array.from({ length: Math.min(size, scenarios.length - from) }, (_, k) => from + k);
      tasks.push({ kind: 'compare', scenarios: indices.map((i) => scenarios[i] as Scenario), indices, seed, replication });
    }
  }
  return tasks;
}

/** a += b element-wise (a created on first use). Offered loads are whole units or the same value in every replication, so the sum is exact in any order. */
function accumulate(a: Float64Array | null, b: Float64Array | null): Float64Array | null {
  if (!b) return a;
  const out = a ?? new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = (out[i] as number) + (b[i] as number);
  return out;
}

async function runAll(scenarios: readonly Scenario[], seed: number, replications: number, opts: CompareOptions): Promise<ScenarioRun[]> {
  const acc = scenarios.map(() => ({ figures: new Array<Record<string, number>>(replications), baseline: null as Float64Array | null, scheduled: null as Float64Array | null }));
  const total = scenarios.length * replications;
  let done = 0;
  const take = (items: readonly CompareItem[]) => {
    for (const it of items) {
      const a = acc[it.index] as (typeof acc)[number];
      a.figures[it.replication] = it.figures;
      a.baseline = accumulate(a.baseline, it.offeredBaseline);
      a.scheduled = accumulate(a.scheduled, it.offeredScheduled);
      opts.onProgress?.((done += 1), total);
    }
  };
  const workers = opts.workers ?? availableParallelism();
  const tasks = compareTasks(scenarios, seed, replications, Math.max(1, workers));
  if (workers === 0) {
    for (const task of tasks) {
      await yieldToSignals(opts.signal);
      take(withDefaultSignals(() => runCompareTask(task)));
    }
  } else await runCompareTasksPooled(tasks, workers, take, opts.signal);
  return scenarios.map((s, i) => {
    const a = acc[i] as (typeof acc)[number];
    const cap = s.capacities[capacityIndices(s).tx];
    const perMin = (sum: Float64Array | null) =>
      Array.from(
        blockMean(
          (sum ?? new Float64Array(0)).map((v) => v / replications),
          60,
        ),
        round2,
      );
    const tps = cap ? { scenario: s.name, ceilingPerS: cap.ceilingPerS, baseline: perMin(a.baseline), scheduled: perMin(a.scheduled) } : null;
    return { scenario: s, perReplication: a.figures, tps };
  });
}

export async function compareScenarios(scenarios: readonly Scenario[], opts: CompareOptions = {}): Promise<Comparison> {
  const first = scenarios[0];
  if (!first) throw new RangeError('compare needs at least one scenario');
  const names = scenarios.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new RangeError(`scenario names must differ: ${JSON.stringify(dup)} appears twice`);
  const seed = opts.seed ?? first.seed;
  const replications = opts.replications ?? 1;
  const runs = await runAll(scenarios, seed, replications, opts);
  const figures: FigureDef[] = commonFigureDefs(scenarios);
  const values = (run: ScenarioRun, key: string) => run.perReplication.map((v) => v[key] ?? Number.NaN);
  const rows: ComparedScenario[] = runs.map((run) => ({
    scenario: run.scenario.name,
    title: run.scenario.title,
    rank: 0,
    feasible: run.perReplication.every((v) => v.secondsAboveAny === 0),
    figures: Object.fromEntries(figures.map((d) => [d.key, tInterval(values(run, d.key))])),
  }));
  const ranking = [...rows].sort(rankOrder).map((r, i) => ({ ...r, rank: i + 1 }));
  const differences: PairedDifference[] = [];
  const ref = runs[0] as ScenarioRun;
  if (replications >= 2) {
    for (const run of runs.slice(1)) {
      for (const key of HEADLINE_KEYS.filter((k) => figures.some((d) => d.key === k))) {
        differences.push({ key, scenario: run.scenario.name, reference: ref.scenario.name, ...pairedDifference(values(ref, key), values(run, key)) });
      }
    }
  }
  const { tx, dlms } = capacityIndices(first);
  return {
    seed,
    replications,
    horizonS: first.day.measuredDays * DAY_S,
    transactionCapacity: first.capacities[tx]?.id ?? '',
    dlmsCapacity: first.capacities[dlms]?.id ?? '',
    figures,
    ranking,
    differences,
    tpsByMinute: ranking.map((r) => runs.find((x) => x.scenario.name === r.scenario)?.tps).filter((t): t is TpsByMinute => !!t),
  };
}

export interface CompareReportOptions extends CompareOptions {
  readonly seed: number;
  readonly replications: number;
  /** The report folder (replaced as a whole; see output-dir.ts). */
  readonly dir: string;
  /** Every input file (models, tables, sweep files), absolute, for the manifest. */
  readonly inputs: readonly string[];
  readonly tool: ToolFacts;
  /** Notes on the report folder (a stale claim cleared, …). */
  readonly onNote: (note: string) => void;
}

/** Compares the scenarios and writes the report folder: compare.html, .md, .json, charts/*, manifest.json last. */
export async function compareToReport(scenarios: readonly Scenario[], opts: CompareReportOptions): Promise<Comparison> {
  const { dir, inputs, tool, onNote, ...compare } = opts;
  return withReportDir(dir, inputs, onNote, async (claim) => {
    const comparison = await compareScenarios(scenarios, compare);
    const facts: RunFacts = {
      version: tool.version,
      commit: tool.commit,
      scenario: `compare: ${scenarios.map((s) => s.name).join(', ')}`,
      seed: opts.seed,
      replications: opts.replications,
      workers: opts.workers ?? availableParallelism(),
      arguments: tool.arguments,
      inputs,
    };
    const files = await compareFiles(comparison, { ...facts, toolVersion: facts.version, nodeVersion: process.version });
    await writeReportDir(claim, files, manifestFile(facts, files), opts.signal);
    return comparison;
  });
}
