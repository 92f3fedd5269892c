/**
 * `sensitivity`: one-at-a-time variation of each uncertain input of a model (docs/domain.md §C.3–C.7, §D.5–D.6):
 *
 *   scenario → base + one clone per variant (plain data, one input changed) → simulate each with the
 *   SAME seed and R → peak Secure TPS (1 s, 1 min) and the share answered within the TRT
 *
 * Same seed: common random numbers, so a variant differs from the base only through its input.
 * `srvs` scales the volume down for quick runs (the baseline stays full size: not a capacity answer).
 */
import type { Scenario } from '../model/types.js';
import { capacityIndices, figureDefs, figureValues } from '../stats/figures.js';
import type { Sensitivity, SensitivityFactor, SensitivityVariant } from '../stats/comparison.js';
import type { FigureDef } from '../stats/figures.js';
import { replicationFigures } from '../stats/summarise.js';
import { type Interval, tInterval } from '../stats/t-interval.js';
import { sensitivityFiles } from '../report/compare/files.js';
import { manifestFile, type RunFacts, type ToolFacts } from './manifest.js';
import { withReportDir } from './output-dir.js';
import { defaultWorkers, simulateScenario } from './run-scenario.js';
import { writeReportDir } from './write-files.js';

type Mutable<T> = T extends ReadonlyArray<infer U> ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Draft = Mutable<Scenario>;

export const OUTPUT_KEYS = ['securePeak1s', 'securePeak1min', 'withinTrt'] as const;
/** 2.7M → 4M SRVs a day (docs/domain.md §D.6), applied as a factor to the model's (or --srvs) volume. */
export const VOLUME_FACTOR = 4_000_000 / 2_700_000;
export const FACTOR_IDS = ['dlms', 'wan', 'retry', 'baseline', 'volume', 'routing'] as const;

export interface SensitivityOptions {
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  /** Scale the base volume to this many SRVs a day (quick runs). */
  readonly srvs?: number;
  /** Only these factors (ids of FACTOR_IDS); default all. */
  readonly only?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onVariant?: (index: number, total: number, label: string) => void;
}

interface VariantSpec {
  readonly factor: string;
  readonly label: string;
  readonly change: (d: Draft) => void;
}

export const clone = (s: Scenario, change: (d: Draft) => void): Scenario => {
  const d = structuredClone(s) as Draft;
  change(d);
  return d as Scenario;
};

const num = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const minutes = (s: number) => `${num(s / 60)} min`;

/** The uncertain inputs of `s`, each with the model's own value in words and its variants. */
export function sensitivityFactors(s: Scenario): { factor: SensitivityFactor; variants: VariantSpec[] }[] {
  const dlmsText = (d: Scenario['srvs'][number]['dlms']) => (d.kind === 'fixed' ? `fixed ${d.value}` : d.kind === 'uniform' ? `uniform ${d.min}..${d.max}` : 'pmf');
  const { tx } = capacityIndices(s);
  const txCap = s.capacities[tx];
  const home = s.cohorts.find((c) => c.id === 'MOC') ?? s.cohorts.find((c) => txCap?.s1sps.includes(c.s1sp)) ?? s.cohorts[0];
  const allToHome = s.workload.routingMode === 'all-to' && s.workload.routing.length === 1 && s.workload.routing[0]?.cohort === home?.id;
  const routing: VariantSpec[] = [];
  if (home && !allToHome) routing.push({ factor: 'routing', label: `all to ${home.id}`, change: (d) => ((d.workload.routing = [{ cohort: home.id, share: 1 }]), (d.workload.routingMode = 'all-to')) });
  if (s.workload.routingMode !== 'pro-rata' && s.placement.kind !== 'per-cohort') {
    routing.push({
      factor: 'routing',
      label: 'pro-rata by cohort share',
      change: (d) => ((d.workload.routing = s.cohorts.map((c) => ({ cohort: c.id, share: c.share }))), (d.workload.routingMode = 'pro-rata')),
    });
  }
  const scaleBaseline = (k: number) => (d: Draft) => {
    for (const c of d.capacities)
      if (c.currency === 'transactions') c.baseline = { ...c.baseline, ratePerS: c.baseline.ratePerS.map((r) => r * k), firmwarePerS: c.baseline.firmwarePerS.map((r) => r * k) };
  };
  const all = [
    {
      factor: { id: 'dlms', label: 'DLMS commands per SR', base: s.srvs.map((v) => `${v.id}: ${dlmsText(v.dlms)}`).join(', ') },
      variants: [5, 8, 11].map((n) => ({ factor: 'dlms', label: `DLMS/SR fixed ${n}`, change: (d: Draft) => d.srvs.forEach((v) => (v.dlms = { kind: 'fixed', value: n })) })),
    },
    {
      factor: { id: 'wan', label: 'first-attempt WAN success', base: num(s.behaviour.wan.firstAttemptSuccess) },
      variants: [0.8, 0.98].map((p) => ({ factor: 'wan', label: `WAN success ${p}`, change: (d: Draft) => (d.behaviour.wan.firstAttemptSuccess = p) })),
    },
    {
      factor: { id: 'retry', label: 'long-retry interval', base: minutes(s.behaviour.retryIntervalS) },
      variants: [900, 14_400].map((r) => ({ factor: 'retry', label: `retry every ${minutes(r)}`, change: (d: Draft) => (d.behaviour.retryIntervalS = r) })),
    },
    {
      factor: { id: 'baseline', label: `baseline level (${txCap?.id ?? 'transactions'})`, base: '×1 (the model)' },
      variants: [0.6, 1.8].map((k) => ({ factor: 'baseline', label: `baseline ×${k}`, change: scaleBaseline(k) })),
    },
    {
      factor: { id: 'volume', label: 'SRVs per day', base: num(s.workload.srvsPerDay) },
      variants: [{ factor: 'volume', label: `volume ×${num(VOLUME_FACTOR)} (2.7M → 4M)`, change: (d: Draft) => (d.workload.srvsPerDay = Math.round(s.workload.srvsPerDay * VOLUME_FACTOR)) }],
    },
    { factor: { id: 'routing', label: 'routing', base: s.workload.routingMode === 'all-to' ? `all to ${s.workload.routing[0]?.cohort ?? '?'}` : s.workload.routingMode }, variants: routing },
  ];
  return all.filter((f) => f.variants.length > 0);
}

export async function sensitivityAnalysis(model: Scenario, opts: SensitivityOptions = {}): Promise<Sensitivity> {
  const base = opts.srvs !== undefined ? clone(model, (d) => (d.workload.srvsPerDay = opts.srvs as number)) : model;
  const seed = opts.seed ?? model.seed;
  const replications = opts.replications ?? 1;
  const outputs: FigureDef[] = figureDefs(base).filter((d) => (OUTPUT_KEYS as readonly string[]).includes(d.key));
  const factors = sensitivityFactors(base).filter((f) => !opts.only || opts.only.includes(f.factor.id));
  const specs = factors.flatMap((f) => f.variants);
  const run = async (s: Scenario, k: number, label: string) => {
    opts.onVariant?.(k, specs.length + 1, label);
    const o = await simulateScenario(s, {
      seed,
      replications,
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const values = o.results.map((r) => figureValues(s, replicationFigures(s, r)));
    const out: Record<string, Interval> = Object.fromEntries(outputs.map((d) => [d.key, tInterval(values.map((v) => v[d.key] ?? Number.NaN))]));
    return { outputs: out, dlmsCommands: o.summary.counters.dlmsCommands.mean };
  };
  const baseRun = await run(base, 0, 'base');
  const variants: SensitivityVariant[] = [];
  for (const [k, v] of specs.entries()) variants.push({ factor: v.factor, label: v.label, ...(await run(clone(base, v.change), k + 1, v.label)) });
  return {
    scenario: model.name,
    title: model.title,
    seed,
    replications,
    srvsPerDay: base.workload.srvsPerDay,
    scaledFrom: opts.srvs !== undefined ? model.workload.srvsPerDay : null,
    outputs,
    factors: factors.map((f) => f.factor),
    base: baseRun,
    variants,
  };
}

export interface SensitivityReportOptions extends SensitivityOptions {
  readonly seed: number;
  readonly replications: number;
  /** The report folder (replaced as a whole; see output-dir.ts). */
  readonly dir: string;
  readonly tool: ToolFacts;
  /** Notes on the report folder (a stale claim cleared, …). */
  readonly onNote: (note: string) => void;
}

/** Runs the analysis and writes the report folder: sensitivity.html, .md, .json, charts/tornado-*, manifest.json last. */
export async function sensitivityToReport(model: Scenario, opts: SensitivityReportOptions): Promise<Sensitivity> {
  const { dir, tool, onNote, ...analysis } = opts;
  return withReportDir(dir, model.inputs, onNote, async (claim) => {
    const result = await sensitivityAnalysis(model, analysis);
    const facts: RunFacts = {
      version: tool.version,
      commit: tool.commit,
      scenario: model.name,
      seed: opts.seed,
      replications: opts.replications,
      workers: opts.workers ?? defaultWorkers(opts.replications),
      arguments: tool.arguments,
      inputs: model.inputs,
    };
    const files = await sensitivityFiles(result, { ...facts, toolVersion: facts.version, nodeVersion: process.version });
    await writeReportDir(claim, files, manifestFile(facts, files), opts.signal);
    return result;
  });
}
