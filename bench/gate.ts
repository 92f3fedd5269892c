/**
 * The CI performance gate.
 *
 *   npm run bench:gate       [-- --tolerance 0.3]   compare with bench/baseline.json; exit 1 on any FAIL
 *   npm run bench:hashes                             rewrite the deterministic figures only (no timing),
 *                                                    printing each figure that moved
 *   npm run bench:baseline                           rewrite the speed ratios only; refused while a
 *                                                    deterministic figure differs from the baseline
 *   (--baseline FILE compares with, or writes, another file). Neither rewrite runs under CI.
 *
 * Deterministic checks: for each reference model (bench/reference-models.ts) the SHA-256 of the
 * summary JSON, the events, events per SR and DLMS commands must equal the baseline exactly.
 * Timed checks: engine M/M/c events/s ÷ kernel events/s, and a 500 000-SR day's events/s ÷ kernel
 * events/s (both measured interleaved in this run) must be ≥ (1 − tolerance) × the baseline ratio.
 * No absolute time is ever compared. baseline.json changes only through --update, never by itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { measureDay } from './day.js';
import { measureEngineMmc } from './engine-mmc.js';
import { checkGate, DEFAULT_TOLERANCE, formatTable, type GateFigures } from './gate-check.js';
import { deterministicFigures, REFERENCE_MODELS, referenceScenario, withSrs } from './reference-models.js';
import { arg, machine, mEps, writeReport } from './report.js';

const BASELINE = resolve(arg('baseline') ?? resolve(import.meta.dirname, 'baseline.json'));
const DAY_SRS = 500_000;

const update = process.argv.includes('--update-hashes') ? 'hashes' : process.argv.includes('--update') ? 'ratios' : null;
if (update && process.env.CI) throw new Error('bench/baseline.json is rewritten only by hand, never under CI');
const tolArg = arg('tolerance');
const tolerance = tolArg === undefined ? DEFAULT_TOLERANCE : Number(tolArg);
if (!(tolerance >= 0 && tolerance < 1)) throw new Error(`--tolerance must be in [0, 1), got ${tolArg}`);

const t0 = performance.now();
const measured: GateFigures = { deterministic: {}, ratios: {} };
for (const name of Object.keys(REFERENCE_MODELS)) {
  measured.deterministic[name] = deterministicFigures(await referenceScenario(name));
  console.error(`gate: ${name} done`);
}
const readBaseline = () => JSON.parse(readFileSync(BASELINE, 'utf8')) as GateFigures & { measuredOn?: { node?: string } };
if (update === 'hashes') {
  const baseline = readBaseline();
  const moved = checkGate(baseline, { deterministic: measured.deterministic, ratios: baseline.ratios }, tolerance).filter((r) => !r.pass);
  writeFileSync(BASELINE, `${JSON.stringify({ ...baseline, deterministic: measured.deterministic }, null, 2)}\n`);
  console.log(moved.length ? formatTable(moved) : 'no deterministic figure moved');
  console.log(`\n${BASELINE}: deterministic figures rewritten (ratios kept). Review and commit it with the change that explains it.`);
  process.exit(0);
}
const mmc = await measureEngineMmc(1_000_000, 7);
measured.ratios['engine-mmc'] = mmc.ratio;
console.error(`gate: engine M/M/c ${mEps(mmc.subjectEventsPerS)}, kernel ${mEps(mmc.kernelEventsPerS)}`);
const day = await measureDay(withSrs(await loadScenarioOrThrow(resolve('models', 'mp192-baseline.yaml')), DAY_SRS), 5);
measured.ratios['day-500k'] = day.ratio;
console.error(`gate: day (500k SRs) ${mEps(day.subjectEventsPerS)}, kernel ${mEps(day.kernelEventsPerS)}`);
const seconds = (performance.now() - t0) / 1000;
const speeds = {
  engineMmcEventsPerS: Math.round(mmc.subjectEventsPerS),
  day500kEventsPerS: Math.round(day.subjectEventsPerS),
  kernelEventsPerS: Math.round((mmc.kernelEventsPerS + day.kernelEventsPerS) / 2),
};

if (update === 'ratios') {
  const old = readBaseline();
  const moved = checkGate(old, { deterministic: measured.deterministic, ratios: old.ratios }, tolerance).filter((r) => !r.pass);
  if (moved.length) {
    console.log(formatTable(moved));
    throw new Error('deterministic figures differ from the baseline: rewrite them first (npm run bench:hashes), reviewed, in their own change');
  }
  const baseline = { ...old, ratios: measured.ratios, measuredOn: { ...machine(), ...speeds, note: 'informational; only deterministic and ratios are gated' } };
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(formatTable(checkGate(measured, measured, tolerance)));
  console.log(`\n${BASELINE}: speed ratios rewritten (${seconds.toFixed(0)} s). Review and commit it with the change that explains it.`);
} else {
  const baseline = readBaseline();
  if (baseline.measuredOn?.node && baseline.measuredOn.node.split('.')[0] !== process.version.split('.')[0]) {
    console.log(`note: baseline measured on Node ${baseline.measuredOn.node}, this is ${process.version}; hashes may differ with V8's Math`);
  }
  const rows = checkGate(baseline, measured, tolerance);
  const failed = rows.filter((r) => !r.pass).length;
  writeReport('gate', { tolerance, seconds, pass: failed === 0, rows, measured, speeds });
  console.log(formatTable(rows));
  console.log(`\nbench:gate: ${rows.length - failed} passed, ${failed} failed (tolerance ${tolerance}, ${seconds.toFixed(0)} s)`);
  process.exitCode = failed === 0 ? 0 : 1;
}
