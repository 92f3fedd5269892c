/**
 * The gate's small reference models: shipped scenarios cut to 50 000 SRs a day, each run once
 * (seed 1, replication 0). Their summaries, event counts and DLMS counts are deterministic, so the
 * gate compares them exactly with bench/baseline.json.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import type { Scenario } from '../src/model/types.js';
import { runReplication } from '../src/sim/run-replication.js';
import { summarise } from '../src/stats/summarise.js';
import type { DeterministicFigures } from './gate-check.js';

export const REFERENCE_SRS = 50_000;

/** The scenario with another number of SRs per day (a clone; the original is untouched). */
export function withSrs(s: Scenario, srvsPerDay: number): Scenario {
  const d = structuredClone(s) as { workload: { srvsPerDay: number } };
  d.workload.srvsPerDay = srvsPerDay;
  return d as unknown as Scenario;
}

/** name → shipped model: default placement (P1), the P0 midnight burst, the pro-rata routing. */
export const REFERENCE_MODELS: Readonly<Record<string, string>> = {
  'p1-default-50k': 'mp192-baseline',
  'p0-midnight-burst-50k': 'p0-midnight-burst',
  'pro-rata-50k': 'mp192-pro-rata',
};

export async function referenceScenario(name: string, root = process.cwd()): Promise<Scenario> {
  const model = REFERENCE_MODELS[name];
  if (!model) throw new Error(`no reference model ${name}`);
  return withSrs(await loadScenarioOrThrow(resolve(root, 'models', `${model}.yaml`)), REFERENCE_SRS);
}

/** One replication (seed 1, replication 0) → the figures the gate compares exactly. */
export function deterministicFigures(s: Scenario): DeterministicFigures {
  const r = runReplication(s, { seed: 1, replication: 0 });
  const json = JSON.stringify(summarise(s, [r]));
  const c = r.counters;
  return {
    summarySha256: createHash('sha256').update(json).digest('hex'),
    events: c.events,
    // Events caused by the SRs themselves (baseline traffic left out), per SR activated.
    eventsPerSr: (c.events - c.baselineArrivals) / c.activated,
    dlmsCommands: c.dlmsCommands,
  };
}
