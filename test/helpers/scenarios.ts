/** Scenario variants for tests: the shipped default, cloned and changed in place. */
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import type { Scenario } from '../../src/model/types.js';

type Mutable<T> = T extends ReadonlyArray<infer U> ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
export type ScenarioDraft = Mutable<Scenario>;

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const modelPath = (name: string) => resolve(ROOT, 'models', `${name}.yaml`);

const cache = new Map<string, Scenario>();
export async function shipped(name = 'mp192-baseline'): Promise<Scenario> {
  let s = cache.get(name);
  if (!s) {
    s = await loadScenarioOrThrow(modelPath(name));
    cache.set(name, s);
  }
  return s;
}

export function variant(base: Scenario, change: (d: ScenarioDraft) => void): Scenario {
  const d = structuredClone(base) as ScenarioDraft;
  change(d);
  return d as Scenario;
}

/** No baseline anywhere, every WAN attempt succeeds, no "Data Not Available". */
export function quiet(d: ScenarioDraft): void {
  for (const c of d.capacities) c.baseline.mode = 'none';
  d.behaviour.wan.firstAttemptSuccess = 1;
  d.behaviour.wan.retrySuccess = 1;
  d.behaviour.wan.neverReachableShare = 0;
  for (const s of d.srvs) s.dataNotAvailableProbability = 0;
}

export function onlySecure(d: ScenarioDraft): void {
  d.capacities = d.capacities.filter((c) => c.currency === 'transactions');
}

export function window(d: ScenarioDraft, startS: number, endS: number): void {
  d.placement = { kind: 'uniform', windows: [{ startS, endS }] };
}
