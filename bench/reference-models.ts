/**
 * The gate's small reference runs: shipped scenarios cut to 50 000 SRs a day, run with seed 1 —
 * replication 0 alone, or replications 0 … R−1 summarised together (REFERENCE_REPLICATIONS; R ≥ 2
 * puts the t-interval code into the hash). Their summaries, event counts and DLMS counts are
 * deterministic, so the gate compares them exactly with bench/baseline.json.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import type { Scenario } from '../src/model/types.js';
import { type ReplicationResult, runReplication } from '../src/sim/run-replication.js';
import { summarise } from '../src/stats/summarise.js';
import type { DeterministicFigures } from './gate-check.js';
import { arg, intArg } from './report.js';

export const REFERENCE_SRS = 50_000;

/** The scenario with another number of SRs per day (a clone; the original is untouched). */
export function withSrs(s: Scenario, srvsPerDay: number): Scenario {
  const d = structuredClone(s) as { workload: { srvsPerDay: number } };
  d.workload.srvsPerDay = srvsPerDay;
  return d as unknown as Scenario;
}

/**
 * The model a benchmark runs, from its command line: the first argument that is not an option or an
 * option's value (default: the shipped default model), with `--srs N` replacing its SRs per day.
 */
export async function benchScenario(argv = process.argv.slice(2)): Promise<{ model: string; scenario: Scenario }> {
  const model = resolve(argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? 'models/mp192-baseline.yaml');
  const loaded = await loadScenarioOrThrow(model);
  const srs = arg('srs', argv);
  return { model, scenario: srs === undefined ? loaded : withSrs(loaded, intArg('srs', 0, argv)) };
}

/**
 * name → shipped model: default placement (P1), the P0 midnight burst, the pro-rata routing, and P1
 * again with two replications summarised together.
 */
export const REFERENCE_MODELS: Readonly<Record<string, string>> = {
  'p1-default-50k': 'mp192-baseline',
  'p0-midnight-burst-50k': 'p0-midnight-burst',
  'pro-rata-50k': 'mp192-pro-rata',
  'p1-default-50k-r2': 'mp192-baseline',
};

/** Reference runs of more than one replication (name → R); every other runs replication 0 alone. */
export const REFERENCE_REPLICATIONS: Readonly<Record<string, number>> = { 'p1-default-50k-r2': 2 };

/** The reference run whose results the gate's summarise and report-files subjects reuse. */
export const INTERVAL_RUN = 'p1-default-50k-r2';

export const referenceReplications = (name: string): number => REFERENCE_REPLICATIONS[name] ?? 1;

export async function referenceScenario(name: string, root = process.cwd()): Promise<Scenario> {
  const model = REFERENCE_MODELS[name];
  if (!model) throw new Error(`no reference model ${name}`);
  return withSrs(await loadScenarioOrThrow(resolve(root, 'models', `${model}.yaml`)), REFERENCE_SRS);
}

/**
 * Replications 0 … replications−1 (seed 1) of a reference scenario. `cache` (keyed by the reference
 * model) keeps them, so two reference runs of the same model share the replications they have in common.
 */
export function referenceResults(s: Scenario, model: string, replications: number, cache?: Map<string, ReplicationResult>): ReplicationResult[] {
  return Array.from({ length: replications }, (_, replication) => {
    const key = `${model}#${REFERENCE_SRS}#${replication}`;
    let r = cache?.get(key);
    if (!r) {
      r = runReplication(s, { seed: 1, replication });
      cache?.set(key, r);
    }
    return r;
  });
}

/**
 * Replications summarised together → the figures the gate compares exactly: the summary's hash, and
 * events, events per SR and DLMS commands summed over the replications.
 */
export function figuresOf(s: Scenario, results: readonly ReplicationResult[]): DeterministicFigures {
  const json = JSON.stringify(summarise(s, results));
  const sum = (pick: (r: ReplicationResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  const events = sum((r) => r.counters.events);
  return {
    summarySha256: createHash('sha256').update(json).digest('hex'),
    events,
    // Events caused by the SRs themselves (baseline traffic left out), per SR activated.
    eventsPerSr: (events - sum((r) => r.counters.baselineArrivals)) / sum((r) => r.counters.activated),
    dlmsCommands: sum((r) => r.counters.dlmsCommands),
  };
}

/** One replication (seed 1, replication 0) → the figures the gate compares exactly. */
export function deterministicFigures(s: Scenario): DeterministicFigures {
  return figuresOf(s, [runReplication(s, { seed: 1, replication: 0 })]);
}
