/**
 * The CI performance gate.
 *
 *   npm run bench:gate       [-- --tolerance T]      compare with bench/baseline.json; exit 1 on any FAIL
 *                                                    (--tolerance replaces every ratio's own tolerance)
 *   npm run bench:hashes                             rewrite the deterministic figures only (no timing),
 *                                                    printing each figure that moved
 *   npm run bench:baseline                           rewrite the speed ratios only (tolerances kept);
 *                                                    refused while a deterministic figure differs
 *   npm run bench:spread                             set the tolerances from the ratios' spread over
 *                                                    whole runs (gate-spread.ts, which runs this with
 *                                                    --timed-only --report FILE: timed part only, no
 *                                                    comparison)
 *   (--baseline FILE compares with, or writes, another file). No rewrite runs under CI.
 *
 * Deterministic checks: for each reference run (bench/reference-models.ts: three models, one
 * replication each, and the default model with two replications summarised together) the SHA-256 of
 * the summary JSON, the events, events per SR and DLMS commands must equal the baseline exactly.
 * Timed checks (gate-subjects.ts), each measured interleaved with the kernel in this run: engine M/M/c,
 * a 500 000-SR day, the SR path alone (a 1M-SR day, baselines fluid), summarise and the report files
 * of the R = 2 run. Each ratio must be ≥ (1 − its tolerance) × its baseline ratio; tolerances are
 * stored beside the ratios in baseline.json. No absolute time is ever compared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import type { ReplicationResult } from '../src/sim/run-replication.js';
import { measureDay } from './day.js';
import { measureEngineMmc } from './engine-mmc.js';
import { checkGate, formatTable, type GateBaseline, type GateFigures, normaliseBaseline, withRatios } from './gate-check.js';
import { measureReportFiles, measureSrPath, measureSummarise, SR_PATH_SRS, SUMMARISE_CALLS } from './gate-subjects.js';
import type { Interleaved } from './interleave.js';
import { figuresOf, INTERVAL_RUN, REFERENCE_MODELS, referenceReplications, referenceResults, referenceScenario, withSrs } from './reference-models.js';
import { arg, machine, median, mEps, writeReport } from './report.js';

const BASELINE = resolve(arg('baseline') ?? resolve(import.meta.dirname, 'baseline.json'));
const DAY_SRS = 500_000;
/** Interleaved rounds of each timed check (the ratio is the median over them). */
const ROUNDS = { 'summarise-r2': 9, 'report-files-r2': 5, 'engine-mmc': 7, 'day-500k': 5, 'sr-path-1m': 7 } as const;

const update = process.argv.includes('--update-hashes') ? 'hashes' : process.argv.includes('--update') ? 'ratios' : null;
const timedOnly = process.argv.includes('--timed-only');
if (update && process.env.CI) throw new Error('bench/baseline.json is rewritten only by hand, never under CI');
const tolArg = arg('tolerance');
const override = tolArg === undefined ? undefined : Number(tolArg);
if (override !== undefined && !(override >= 0 && override < 1)) throw new Error(`--tolerance must be in [0, 1), got ${tolArg}`);

const t0 = performance.now();
const measured: GateFigures = { deterministic: {}, ratios: {} };
// Replications by model, so the R = 2 run reuses replication 0 of its one-replication sibling.
const cache = new Map<string, ReplicationResult>();
const names = timedOnly ? [INTERVAL_RUN] : Object.keys(REFERENCE_MODELS);
for (const name of names) {
  const s = await referenceScenario(name);
  const results = referenceResults(s, REFERENCE_MODELS[name]!, referenceReplications(name), cache);
  if (!timedOnly) measured.deterministic[name] = figuresOf(s, results);
  console.error(`gate: ${name} done`);
}
const deterministicS = (performance.now() - t0) / 1000;
const readBaseline = () => normaliseBaseline(JSON.parse(readFileSync(BASELINE, 'utf8')) as GateBaseline & { measuredOn?: { node?: string } });
if (update === 'hashes') {
  const baseline = readBaseline();
  const moved = checkGate({ ...baseline, ratios: {} }, { deterministic: measured.deterministic, ratios: {} }).filter((r) => !r.pass);
  writeFileSync(BASELINE, `${JSON.stringify({ ...baseline, deterministic: measured.deterministic }, null, 2)}\n`);
  console.log(moved.length ? formatTable(moved) : 'no deterministic figure moved');
  console.log(`\n${BASELINE}: deterministic figures rewritten (ratios kept). Review and commit it with the change that explains it.`);
  process.exit(0);
}
// The R = 2 run's replications (from the cache: not simulated again) are the input of the summarise
// and report-files subjects; the other replications are let go.
const runScenario = await referenceScenario(INTERVAL_RUN);
const results = referenceResults(runScenario, REFERENCE_MODELS[INTERVAL_RUN]!, referenceReplications(INTERVAL_RUN), cache);
cache.clear();

// Summarise and the report first, while the heap holds little beyond their input; then the days.
const timed: Record<string, Interleaved> = {};
const note = (name: string, what: string) => console.error(`gate: ${name} ${what}, ratio ${timed[name]!.ratio.toFixed(3)}`);
const msOf = (m: Interleaved, calls = 1) => median(m.perRound.map((p) => p.subjectMs)) / calls;
const summ = (timed['summarise-r2'] = await measureSummarise(runScenario, results, ROUNDS['summarise-r2']));
note('summarise-r2', `${msOf(summ, SUMMARISE_CALLS).toFixed(1)} ms a call`);
const report = (timed['report-files-r2'] = await measureReportFiles(runScenario, results, ROUNDS['report-files-r2']));
note('report-files-r2', `${msOf(report).toFixed(0)} ms a call`);
const mmc = (timed['engine-mmc'] = await measureEngineMmc(1_000_000, ROUNDS['engine-mmc']));
note('engine-mmc', `${mEps(mmc.subjectEventsPerS)}, kernel ${mEps(mmc.kernelEventsPerS)}`);
const model = await loadScenarioOrThrow(resolve('models', 'mp192-baseline.yaml'));
const day = (timed['day-500k'] = await measureDay(withSrs(model, DAY_SRS), ROUNDS['day-500k']));
note('day-500k', `${mEps(day.subjectEventsPerS)}, kernel ${mEps(day.kernelEventsPerS)}`);
const srPath = (timed['sr-path-1m'] = await measureSrPath(model, ROUNDS['sr-path-1m']));
note('sr-path-1m', `${mEps(srPath.subjectEventsPerS)} (${SR_PATH_SRS.toLocaleString('en-GB')} SRs, no baseline arrivals), kernel ${mEps(srPath.kernelEventsPerS)}`);
for (const [name, m] of Object.entries(timed)) measured.ratios[name] = m.ratio;

const seconds = (performance.now() - t0) / 1000;
const speeds = {
  engineMmcEventsPerS: Math.round(mmc.subjectEventsPerS),
  day500kEventsPerS: Math.round(day.subjectEventsPerS),
  srPath1mEventsPerS: Math.round(srPath.subjectEventsPerS),
  summariseMs: Number(msOf(summ, SUMMARISE_CALLS).toFixed(1)),
  reportFilesMs: Math.round(msOf(report)),
  kernelEventsPerS: Math.round(median(Object.values(timed).map((m) => m.kernelEventsPerS))),
};
const perRound = Object.fromEntries(Object.entries(timed).map(([name, m]) => [name, m.perRound]));

if (timedOnly) {
  const file = writeReport('gate-timed', { seconds, ratios: measured.ratios, speeds, perRound }, arg('report'));
  console.log(`${JSON.stringify(measured.ratios)}\n→ ${file} (${seconds.toFixed(0)} s)`);
} else if (update === 'ratios') {
  const old = readBaseline();
  const moved = checkGate({ ...old, ratios: {} }, { deterministic: measured.deterministic, ratios: {} }).filter((r) => !r.pass);
  if (moved.length) {
    console.log(formatTable(moved));
    throw new Error('deterministic figures differ from the baseline: rewrite them first (npm run bench:hashes), reviewed, in their own change');
  }
  const baseline = { ...old, ratios: withRatios(old.ratios, measured.ratios), measuredOn: { ...machine(), ...speeds, note: 'informational; only deterministic and ratios are gated' } };
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(formatTable(checkGate(baseline, measured, override)));
  console.log(`\n${BASELINE}: speed ratios rewritten, tolerances kept (${seconds.toFixed(0)} s). Review and commit it with the change that explains it.`);
} else {
  const baseline = readBaseline();
  if (baseline.measuredOn?.node && baseline.measuredOn.node.split('.')[0] !== process.version.split('.')[0]) {
    console.log(`note: baseline measured on Node ${baseline.measuredOn.node}, this is ${process.version}; hashes may differ with V8's Math`);
  }
  const rows = checkGate(baseline, measured, override);
  const failed = rows.filter((r) => !r.pass).length;
  writeReport('gate', { tolerance: override ?? 'per ratio (baseline.json)', seconds, deterministicSeconds: deterministicS, pass: failed === 0, rows, measured, speeds, perRound });
  console.log(formatTable(rows));
  const tol = override === undefined ? 'tolerances per ratio' : `tolerance ${override} for every ratio`;
  console.log(`\nbench:gate: ${rows.length - failed} passed, ${failed} failed (${tol}, ${seconds.toFixed(0)} s)`);
  process.exitCode = failed === 0 ? 0 : 1;
}
