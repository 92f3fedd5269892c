/**
 * srvsim as a library: load and validate a scenario, simulate it, compare or optimise placements.
 * The CLI (src/cli) is a thin shell over these.
 */
export { loadScenario, loadScenarioOrThrow, type LoadResult } from './model/load.js';
export { formatIssue, InputError, type InputIssue } from './model/issues.js';
export type { Scenario } from './model/types.js';
export { computePia, type Pia } from './pia/compute.js';
export { simulateScenario, type RunOptions, type RunOutcome } from './app/run-scenario.js';
export { runReplication, type ReplicationResult } from './sim/run-replication.js';
export { summarise, type RunSummary } from './stats/summarise.js';
export { compareScenarios } from './app/compare.js';
export { optimisePlacement, type OptimiseOptions, type OptimiseResult } from './app/optimise.js';
export { sensitivityAnalysis } from './app/sensitivity.js';
export { counterfactual } from './stats/counterfactual.js';
export { verifyReportDir } from './app/verify.js';
