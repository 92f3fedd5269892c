/** The library surface: what a program can do without the CLI. */
import { expect, it } from 'vitest';
import * as srvsim from '../../src/index.js';
import { ROOT } from '../helpers/scenarios.js';

it('loads, computes the PIA table and simulates through the public exports', async () => {
  const s = await srvsim.loadScenarioOrThrow(`${ROOT}/test/fixtures/run/small.yaml`);
  expect(srvsim.computePia(s).rows.find((r) => r.ref === 'E11')?.value).toBeCloseTo(40_000 / 450, 6);
  const run = await srvsim.simulateScenario(s, { workers: 0 });
  expect(run.summary.counters.activated.mean).toBe(20_000);
  for (const name of ['compareScenarios', 'optimisePlacement', 'sensitivityAnalysis', 'counterfactual', 'verifyReportDir', 'runReplication', 'summarise']) {
    expect(typeof (srvsim as Record<string, unknown>)[name]).toBe('function');
  }
});
