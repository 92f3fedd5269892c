/**
 * Benchmark: comparing the 8 shipped placements (P0–P7) with R replications each (default 8) on
 * all cores, as `srvsim compare` does (simulation and ranking; no report files), and the optimiser's
 * default search on the default model. Targets on the 2-core machine: compare within 2 minutes,
 * optimise within 5. Writes reports/bench/compare.json.
 *
 *   npm run bench:compare -- [--replications 8] [--workers N]
 *   (compiled by bench/tsconfig.build.json first: under tsx the workers run ~2.5× slower)
 */
import { availableParallelism } from 'node:os';
import { compareScenarios } from '../src/app/compare.js';
import { optimisePlacement } from '../src/app/optimise.js';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { intArg, warnIfFromSource, writeReport } from './report.js';

warnIfFromSource(import.meta.url);
const replications = intArg('replications', 8);
const workers = intArg('workers', availableParallelism());
const names = ['p0-midnight-burst', 'p1-peak-window', 'p2-morning', 'p3-late-evening', 'p4-morning-and-late', 'p5-whole-day', 'p6-firmware-window', 'p7-custom-histogram'];
const scenarios = await Promise.all(names.map((n) => loadScenarioOrThrow(`models/${n}.yaml`)));

let t0 = performance.now();
await compareScenarios(scenarios, { seed: 20220209, replications, workers });
const compareS = (performance.now() - t0) / 1000;
t0 = performance.now();
const optimised = await optimisePlacement(await loadScenarioOrThrow('models/mp192-baseline.yaml'), { workers });
const optimiseS = (performance.now() - t0) / 1000;

const out = {
  benchmark: 'compare',
  placements: names.length,
  replications,
  workers,
  compareWallS: compareS,
  compareWithin2Min: compareS <= 120,
  optimiseWallS: optimiseS,
  optimiseWithin5Min: optimiseS <= 300,
  optimiseCandidates: optimised.evaluated,
};
writeReport('compare', out);
console.log(
  `compare: ${names.length} placements × ${replications} replications on ${workers} workers in ${compareS.toFixed(1)} s (target ≤ 120 s: ${out.compareWithin2Min ? 'met' : 'NOT met'}); ` +
    `optimise: ${optimised.evaluated} candidates + ${optimised.finalists.length} simulated finalists in ${optimiseS.toFixed(1)} s (target ≤ 300 s: ${out.optimiseWithin5Min ? 'met' : 'NOT met'})`,
);
