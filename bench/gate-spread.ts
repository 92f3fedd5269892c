/**
 * The spread of the gate's speed ratios over whole runs, and the tolerances it gives.
 *
 *   npm run bench:spread [-- --runs 5] [--keep] [--update [--center]] [--baseline FILE]
 *
 * Runs the gate's timed part `--runs` times (default 5), one after another, each in a fresh process
 * (`gate.ts --timed-only --report reports/bench/gate-spread/run-K.json`), so each sample is what one CI
 * gate run measures (itself a median of interleaved rounds). `--keep` keeps the run files already
 * there and adds to them (`--keep --runs 0` measures nothing): runs made at different times, under
 * different loads, pooled. For each ratio it prints and writes (reports/bench/gate-spread.json) the
 * runs' min / median / max, CV, the slowest run's fall below the median and below the baseline ratio,
 * and the tolerance TOLERANCE_RULE gives (gate-check.ts), warning where a recorded run would have
 * failed with it. `--update` writes the tolerances and spreads beside the ratios in bench/baseline.json,
 * the ratios themselves untouched (npm run bench:baseline sets those from one run) — or, with
 * `--center`, set to the spread's medians, the centre of the band the tolerance describes. Never under CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type GateBaseline, normaliseBaseline, type RatioSpread, spreadOf, TOLERANCE_RULE, toleranceFromSpread, withTolerances, worstFall } from './gate-check.js';
import { arg, writeReport } from './report.js';

const root = resolve(import.meta.dirname, '..');
const BASELINE = resolve(arg('baseline') ?? join(import.meta.dirname, 'baseline.json'));
const runsArg = Number(arg('runs') ?? 5);
if (!Number.isInteger(runsArg) || runsArg < 0) throw new Error(`--runs must be an integer ≥ 0, got ${arg('runs')}`);
const keep = process.argv.includes('--keep');
const updating = process.argv.includes('--update');
const center = process.argv.includes('--center');
if (center && !updating) throw new Error('--center goes with --update');
if (updating && process.env.CI) throw new Error('bench/baseline.json is rewritten only by hand, never under CI');
const dir = join(root, 'reports', 'bench', 'gate-spread');

const runFiles = () =>
  readdirSync(dir)
    .filter((f) => /^run-\d+\.json$/.test(f))
    .sort((a, b) => Number(a.slice(4, -5)) - Number(b.slice(4, -5)));
if (!keep) rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const first = runFiles().length + 1;
for (let k = first; k < first + runsArg; k++) {
  const file = join(dir, `run-${k}.json`);
  console.error(`spread: run ${k - first + 1} of ${runsArg} (run-${k})`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/gate.ts', '--timed-only', '--report', file], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`gate.ts --timed-only failed (exit ${run.status})`);
}

interface RunReport {
  ratios: Record<string, number>;
  seconds: number;
  load1m: number;
  date: string;
}
const reports = runFiles().map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunReport) }));
if (reports.length < 2) throw new Error(`a spread needs at least two runs; ${dir} holds ${reports.length}`);
const samples: Record<string, number[]> = {};
for (const r of reports) for (const [name, ratio] of Object.entries(r.ratios)) (samples[name] ??= []).push(ratio);

const baseline = normaliseBaseline(JSON.parse(readFileSync(BASELINE, 'utf8')) as GateBaseline);
const round = (x: number, d = 4) => Number(x.toFixed(d));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const spreads: Record<string, RatioSpread> = {};
const tolerances: Record<string, number> = {};
const warnings: string[] = [];
const rows: string[][] = [['ratio', 'runs', 'min', 'median', 'max', 'CV', 'low fall', 'baseline', 'worst fall', 'tolerance']];
for (const [name, xs] of Object.entries(samples)) {
  const s = spreadOf(xs);
  spreads[name] = { runs: s.runs, min: round(s.min), median: round(s.median), max: round(s.max), cv: round(s.cv), lowFall: round(s.lowFall) };
  const tolerance = (tolerances[name] = toleranceFromSpread(spreads[name]));
  const base = baseline.ratios[name]?.ratio;
  const fall = base === undefined ? undefined : worstFall(xs, base);
  if (fall !== undefined && fall > tolerance) warnings.push(`${name}: a recorded run fell ${pct(fall)} below the baseline ratio ${base!.toFixed(3)}, more than its tolerance ${pct(tolerance)}`);
  if (tolerance >= TOLERANCE_RULE.cap) {
    warnings.push(
      `${name}: tolerance at the cap (${TOLERANCE_RULE.factor} × CV = ${pct(TOLERANCE_RULE.factor * s.cv)}): more rounds narrow the random part of the spread, not a shift with the machine's load`,
    );
  }
  rows.push([name, String(s.runs), s.min.toFixed(3), s.median.toFixed(3), s.max.toFixed(3), pct(s.cv), pct(s.lowFall), base?.toFixed(3) ?? '-', fall === undefined ? '-' : pct(fall), pct(tolerance)]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n'));
const { factor, floor, cap } = TOLERANCE_RULE;
console.log(`\ntolerance = min(${cap}, max(${floor}, ${factor} × CV)), rounded up to a whole percent; ${reports.length} runs:`);
for (const r of reports) console.log(`  ${r.file}  ${r.date}  load ${r.load1m}  ${r.seconds.toFixed(0)} s`);
for (const w of warnings) console.log(`warning: ${w}`);
const file = writeReport('gate-spread', {
  rule: TOLERANCE_RULE,
  runs: reports.map(({ file: f, date, load1m, seconds }) => ({ file: f, date, load1m, seconds })),
  samples,
  spreads,
  tolerances,
  warnings,
  seconds: (performance.now() - t0) / 1000,
});
console.log(`→ ${file}`);

if (updating) {
  const missing = Object.keys(baseline.ratios).filter((name) => !(name in spreads));
  if (missing.length) throw new Error(`no spread measured for ${missing.join(', ')}`);
  writeFileSync(BASELINE, `${JSON.stringify({ ...baseline, ratios: withTolerances(baseline.ratios, spreads, center) }, null, 2)}\n`);
  console.log(`${BASELINE}: tolerances set from the spread (${center ? "ratios set to the spread's medians" : 'ratios kept'}). Review and commit it.`);
}
