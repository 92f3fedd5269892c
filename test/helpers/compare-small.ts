/**
 * Small clones of the shipped placements for the compare tests: 20 000 SRVs a day, 30 h span, a cold
 * start (no warm-up day: the comparison's logic does not depend on it, and the steady state has its
 * own tests).
 */
import type { Scenario } from '../../src/model/types.js';
import { type ScenarioDraft, shipped, variant } from './scenarios.js';

export async function small(name: string, change?: (d: ScenarioDraft) => void): Promise<Scenario> {
  return variant(await shipped(name), (d) => {
    d.workload.srvsPerDay = 20_000;
    d.day.horizonS = 30 * 3600;
    d.day.warmupDays = 0;
    change?.(d);
  });
}
