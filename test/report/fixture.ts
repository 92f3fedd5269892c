/** A small fixed run shared by the report tests: the default scenario shrunk, two replications. */
import { simulateScenario } from '../../src/app/run-scenario.js';
import type { Scenario } from '../../src/model/types.js';
import type { RunData, RunInfo } from '../../src/report/index-files.js';
import { shipped, variant } from '../helpers/scenarios.js';

export const shrink = (d: { workload: { srvsPerDay: number }; day: { horizonS: number } }) => {
  d.workload.srvsPerDay = 5_000;
  d.day.horizonS = 30 * 3600;
};

/** Run facts with no host details, so the outputs are the same on every machine. */
export function runInfo(s: Scenario, replications: number): RunInfo {
  return { seed: s.seed, replications, workers: 0, toolVersion: '0.0.0-test', nodeVersion: 'v20-test', inputs: ['models/mp192-baseline.yaml'], arguments: ['run', 'test'] };
}

export interface Fixture {
  readonly scenario: Scenario;
  readonly run: RunData;
}

/** `name` shrunk to 5 000 SRs over 30 h, run in this thread with seed 1. */
export async function smallRun(name = 'mp192-baseline', replications = 2, change?: Parameters<typeof variant>[1]): Promise<Fixture> {
  const scenario = variant(await shipped(name), (d) => {
    shrink(d);
    change?.(d);
  });
  const outcome = await simulateScenario(scenario, { seed: 1, replications, workers: 0 });
  return { scenario, run: { summary: outcome.summary, results: outcome.results } };
}
