/**
 * `compare`: several scenarios (typically the placements P0–P7 of one model), one seed, one R:
 *
 *   scenarios → simulate each with the SAME seed and R → per-replication figures → ranking
 *            → paired differences against the first scenario (R ≥ 2)
 *
 * The same seed gives common random numbers: every SR keeps its DLMS count and WAN outcomes, and
 * the baseline its arrivals, in every scenario, so a difference between two placements is measured
 * replication by replication and its interval is much tighter than two independent intervals.
 * Each scenario's replications are reduced to figures and dropped before the next one runs.
 */
import type { Scenario } from '../model/types.js';
import { blockMean } from '../report/charts/downsample.js';
import { capacityIndices, figureDefs, figureValues } from '../report/compare/figures.js';
import type { ComparedScenario, Comparison, FigureDef, PairedDifference, TpsByMinute } from '../report/compare/types.js';
import { capacityColumns } from '../report/series.js';
import { replicationFigures } from '../stats/summarise.js';
import { type Interval, t975, tInterval } from '../stats/t-interval.js';
import { simulateScenario } from './run-scenario.js';

export type { Comparison } from '../report/compare/types.js';
export { comparisonJson } from '../report/compare/files.js';

export interface CompareOptions {
  readonly seed?: number;
  readonly replications?: number;
  /** Worker threads per scenario; 0 = this thread. Results never depend on it. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Called before each scenario runs (progress lines). */
  readonly onScenario?: (index: number, scenario: Scenario) => void;
}

/** Figures whose paired difference against the first scenario is reported. */
export const HEADLINE_KEYS = [
  'securePeak1s', 'securePeak1min', 'secureMinHeadroom1s', 'secureSecondsAbove', 'secureMaxBacklog', 'completionP95S', 'completionP99S', 'withinTrt',
] as const;

interface ScenarioRun {
  readonly scenario: Scenario;
  readonly perReplication: readonly Record<string, number>[];
  readonly tps: TpsByMinute | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

async function runOne(s: Scenario, seed: number, replications: number, opts: CompareOptions): Promise<ScenarioRun> {
  const outcome = await simulateScenario(s, {
    seed,
    replications,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const perReplication = outcome.results.map((r) => figureValues(s, replicationFigures(s, r)));
  const { tx } = capacityIndices(s);
  const cap = s.capacities[tx];
  let tps: TpsByMinute | null = null;
  if (cap) {
    const cols = capacityColumns(outcome.results, tx);
    const perMin = (a: Float64Array) => Array.from(blockMean(a, 60), round2);
    tps = { scenario: s.name, ceilingPerS: cap.ceilingPerS, baseline: perMin(cols.offeredBaseline), scheduled: perMin(cols.offeredScheduled) };
  }
  return { scenario: s, perReplication, tps };
}

/** Feasible first, then the larger minimum headroom, then the smaller p99, then the name (total order). */
export function rankOrder(a: ComparedScenario, b: ComparedScenario): number {
  const m = (r: ComparedScenario, k: string) => r.figures[k]?.mean ?? Number.NaN;
  const headroom = (r: ComparedScenario) => (Number.isFinite(m(r, 'secureMinHeadroom1s')) ? m(r, 'secureMinHeadroom1s') : Number.NEGATIVE_INFINITY);
  const p99 = (r: ComparedScenario) => (Number.isFinite(m(r, 'completionP99S')) ? m(r, 'completionP99S') : Number.POSITIVE_INFINITY);
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (headroom(a) !== headroom(b)) return headroom(b) - headroom(a);
  if (p99(a) !== p99(b)) return p99(a) - p99(b);
  return a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0;
}

function variance(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Paired t-interval of b − a per replication, and the half-width two independent samples would give. */
export function pairedDifference(a: readonly number[], b: readonly number[]): { paired: Interval; unpairedHalfWidth: number | null } {
  const diffs = b.map((v, r) => v - (a[r] ?? Number.NaN));
  const paired = tInterval(diffs);
  const n = a.length;
  const ok = n >= 2 && [...a, ...b].every(Number.isFinite);
  return { paired, unpairedHalfWidth: ok ? t975(2 * n - 2) * Math.sqrt((variance(a) + variance(b)) / n) : null };
}

export async function compareScenarios(scenarios: readonly Scenario[], opts: CompareOptions = {}): Promise<Comparison> {
  const first = scenarios[0];
  if (!first) throw new RangeError('compare needs at least one scenario');
  const names = scenarios.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new RangeError(`scenario names must differ: ${JSON.stringify(dup)} appears twice`);
  const seed = opts.seed ?? first.seed;
  const replications = opts.replications ?? 1;
  const runs: ScenarioRun[] = [];
  for (const [k, s] of scenarios.entries()) {
    opts.onScenario?.(k, s);
    runs.push(await runOne(s, seed, replications, opts));
  }
  const keys = (s: Scenario) => new Set(figureDefs(s).map((d) => d.key));
  const common = scenarios.map(keys);
  const figures: FigureDef[] = figureDefs(first).filter((d) => common.every((set) => set.has(d.key)));
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
    horizonS: first.day.horizonS,
    transactionCapacity: first.capacities[tx]?.id ?? '',
    dlmsCapacity: first.capacities[dlms]?.id ?? '',
    figures,
    ranking,
    differences,
    tpsByMinute: ranking.map((r) => runs.find((x) => x.scenario.name === r.scenario)?.tps).filter((t): t is TpsByMinute => !!t),
  };
}
