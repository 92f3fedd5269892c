/**
 * The counterfactual extra capacity, checked by simulation. The figure measured under today's ceiling
 * understates what is needed: with more capacity the queued requests are served sooner, so their
 * responses come back sooner and bunch. So:
 *
 *   Δ₀ = the largest excess over any second and replication (today's ceiling)
 *   repeat: raise each breached ceiling by Δ, simulate again (same seed and replications: common random
 *           numbers), Δ += what is still above the raised ceiling — until nothing is (or `maxRuns` runs)
 *
 * The result holds at every second of every replication of the final run, not just on average.
 */
import type { Scenario } from '../model/types.js';
import type { ReplicationResult } from '../sim/run-replication.js';
import { extraPerSecond } from '../stats/counterfactual.js';
import type { VerifiedExtra } from '../stats/gates.js';
import { type RunOptions, simulateScenario } from './run-scenario.js';

const TOLERANCE = 1e-9;

/** Largest excess over the ceiling at capacity k, over every replication. */
const excess = (results: readonly ReplicationResult[], k: number) => Math.max(0, ...results.map((r) => (r.capacities[k] ? extraPerSecond(r.capacities[k]) : 0)));

export async function verifyExtraCapacity(s: Scenario, results: readonly ReplicationResult[], opts: RunOptions & { readonly maxRuns?: number } = {}): Promise<VerifiedExtra[]> {
  const delta = s.capacities.map((_, k) => excess(results, k));
  const breached = delta.flatMap((d, k) => (d > TOLERANCE ? [k] : []));
  if (breached.length === 0) return [];
  const maxRuns = opts.maxRuns ?? 4;
  let still = delta.map(() => 0);
  let runs = 0;
  for (; runs < maxRuns; ) {
    const raised: Scenario = { ...s, capacities: s.capacities.map((c, k) => (breached.includes(k) ? { ...c, ceilingPerS: c.ceilingPerS + (delta[k] as number) } : c)) };
    runs += 1;
    const { results: again } = await simulateScenario(raised, opts);
    still = s.capacities.map((_, k) => (breached.includes(k) ? excess(again, k) : 0));
    if (still.every((x) => x <= TOLERANCE)) break;
    for (const k of breached) delta[k] = (delta[k] as number) + (still[k] as number);
  }
  const converged = still.every((x) => x <= TOLERANCE);
  return breached.map((k) => ({
    capacity: s.capacities[k]?.id ?? String(k),
    currency: s.capacities[k]?.currency ?? 'transactions',
    extraPerS: delta[k] as number,
    runs,
    converged,
    stillAbovePerS: still[k] as number,
  }));
}
