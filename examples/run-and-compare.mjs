#!/usr/bin/env node
// srvsim as a library: a reduced day of the shipped default model (models/mp192-baseline.yaml, P1:
// 00:00–06:00) is run, then compared with the morning placement (models/p2-morning.yaml, P2: 06:00–12:00).
//
//   npm run build && node examples/run-and-compare.mjs [--json]
//
// The models are given as objects that extend the shipped files and shrink the day (20,000 SRs over a
// 30 h horizon instead of 2.7 million over 48 h), so it runs in seconds; the figures are not a capacity
// answer. With --json it also prints, as a last line, its inputs, the run's summary and the comparison as JSON.
import { fileURLToPath } from 'node:url';
import { compareScenarios, formatIssues, InputError, loadScenarioOrThrow, runScenario } from 'srvsim';

const baseDir = fileURLToPath(new URL('../models/', import.meta.url));
const replications = 2;

/** A shipped model, reduced: only what differs from it is written, as in a model file that `extends` it. */
const reduced = (file, scenario) => ({
  extends: file,
  scenario,
  workload: { srvsPerDay: { value: 20_000, source: 'assumed: reduced day for the example' } },
  day: { horizonH: { value: 30, source: 'assumed: reduced day for the example' } },
});
const models = [reduced('mp192-baseline.yaml', 'p1-reduced'), reduced('p2-morning.yaml', 'p2-reduced')];

let scenarios;
try {
  scenarios = await Promise.all(models.map((model) => loadScenarioOrThrow(model, { baseDir, name: model.scenario })));
} catch (err) {
  if (!(err instanceof InputError)) throw err;
  process.stderr.write(`${formatIssues(err.issues).join('\n')}\n`);
  process.exit(2);
}
const [p1] = scenarios;
// Replications run on worker threads (default: one per core, up to R); the results do not depend on how many.
const summary = await runScenario(p1, { replications });
const comparison = await compareScenarios(scenarios, { replications });

const n = (v, digits = 1) => v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const secure = summary.capacities.find((c) => c.id === 'secure');
console.log(`${summary.scenario}: ${summary.replications} replications, seed ${summary.seed}`);
console.log(`  within all ceilings: ${summary.verdict.withinAllCeilings ? 'yes' : 'no'}`);
console.log(`  Secure peak offered (1 s): ${n(secure.figures.peakOffered1s.mean)} TPS of ${n(secure.ceilingPerS, 0)}`);
console.log(`  Secure minimum headroom (1 s): ${n(secure.figures.minHeadroom1s.mean)} TPS`);
console.log(`  SRs answered within the TRT: ${n(summary.completion.shareWithinTrt.mean * 100, 2)} %`);
console.log(`compared (same seed, ${comparison.replications} replications):`);
for (const r of comparison.ranking) {
  console.log(`  ${r.rank}. ${r.scenario}: Secure minimum headroom (1 s) ${n(r.figures.secureMinHeadroom1s.mean)} TPS, p99 completion ${n(r.figures.completionP99S.mean, 0)} s`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ baseDir, models, replications, summary, comparison }));
