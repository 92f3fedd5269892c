/**
 * `srvsim check <model>`: a capacity gate for CI. Simulates the model (R = 1 unless told), evaluates
 *   (a) the first transactions capacity (Secure): peak offered over 1 s ≤ --max-tps (default: its ceiling);
 *   (b) every capacity: minimum headroom over 1 s ≥ --min-headroom % of its ceiling (default 0: never above);
 *   (c) with --min-trt-share: share of SRs answered within the TRT ≥ the share;
 * prints a table (gate, limit, measured, PASS/FAIL) and, for failures, the counterfactual extra capacity
 * and its cost, writes JUnit XML with --junit, and returns 0 (all hold) or 5 (one fails). Each gate
 * compares the mean over replications; the 95% interval is shown beside it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { simulateScenario } from '../app/run-scenario.js';
import { type VerifiedExtra, verifyExtraCapacity } from '../app/verify-extra.js';
import { checkOwnedFile, OutputError, writeOwnedFile } from '../app/write-files.js';
import { loadScenarioOrThrow } from '../model/load.js';
import { isSrvsimJunit, junitXml } from '../report/junit.js';
import { intervalText } from '../report/summary-text.js';
import { type Counterfactual, counterfactual } from '../stats/counterfactual.js';
import type { RunSummary } from '../stats/summarise.js';
import type { Interval } from '../stats/t-interval.js';
import { EXIT } from './exit-codes.js';

export interface CheckCliOptions {
  readonly maxTps?: number;
  /** Percent of each ceiling, 0–100. */
  readonly minHeadroom?: number;
  /** Share 0–1. */
  readonly minTrtShare?: number;
  readonly junit?: string;
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly json?: boolean;
  /** false (`--no-verify-extra`): skip re-simulating the extra capacity of a failed ceiling gate. */
  readonly verifyExtra?: boolean;
  readonly signal?: AbortSignal;
}

export interface Gate {
  readonly name: string;
  /** Capacity id, or null for the completion gate. */
  readonly capacity: string | null;
  readonly op: '≤' | '≥';
  readonly limit: number;
  readonly measured: Interval;
  readonly unit: string;
  readonly ok: boolean;
}

const num = (v: number, digits = 1) => v.toLocaleString('en-GB', { maximumFractionDigits: digits });
const EPS = 1e-9;

function parser(flag: string, ok: (n: number) => boolean, what: string, integer = false): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || !ok(n)) {
      throw new InvalidArgumentError(`${flag} must be ${what} (got ${JSON.stringify(value)})`);
    }
    return n;
  };
}

/** The options of `check`, for commander: `cmd.option(o.flags, o.description, o.parser)`. */
export const checkOptions = [
  { flags: '--max-tps <tps>', description: 'gate (a): largest peak offered TPS over 1 s at Secure (default: its ceiling)', parser: parser('--max-tps', (n) => n >= 0, 'a number ≥ 0') },
  {
    flags: '--min-headroom <percent>',
    description: 'gate (b): smallest headroom over 1 s, percent of each ceiling (default 0)',
    parser: parser('--min-headroom', (n) => n >= 0 && n <= 100, 'a percent from 0 to 100'),
  },
  { flags: '--min-trt-share <share>', description: 'gate (c): smallest share of SRs answered within the TRT, 0–1', parser: parser('--min-trt-share', (n) => n >= 0 && n <= 1, 'a share from 0 to 1') },
  { flags: '--junit <file>', description: 'write JUnit XML (one testcase per gate)' },
  { flags: '--seed <n>', description: "random seed (default: the model's seed)", parser: parser('--seed', (n) => n >= 0 && n <= 2 ** 32 - 1, 'an integer from 0 to 4294967295', true) },
  { flags: '--replications <r>', description: 'independent replications (default 1)', parser: parser('--replications', (n) => n >= 1 && n <= 10_000, 'an integer from 1 to 10000', true) },
  {
    flags: '--workers <n>',
    description: 'worker threads (default: min(cores, replications); 0 = in this thread)',
    parser: parser('--workers', (n) => n >= 0 && n <= 1024, 'an integer from 0 to 1024', true),
  },
  { flags: '--json', description: 'machine-readable output' },
  { flags: '--no-verify-extra', description: 'do not re-simulate with the extra capacity installed to check it (faster)' },
] as const;

/** Runs the parsers over options given programmatically; the first problem, or null. */
function optionProblem(opts: CheckCliOptions): string | null {
  const given: Record<string, number | undefined> = {
    '--max-tps': opts.maxTps,
    '--min-headroom': opts.minHeadroom,
    '--min-trt-share': opts.minTrtShare,
    '--seed': opts.seed,
    '--replications': opts.replications,
    '--workers': opts.workers,
  };
  for (const o of checkOptions) {
    const value = given[o.flags.split(' ')[0] ?? ''];
    if (value === undefined || !('parser' in o)) continue;
    try {
      o.parser(String(value));
    } catch (err) {
      return (err as Error).message;
    }
  }
  return null;
}

/** The gates of one run (gate (a) only when the model has a transactions capacity). */
export function evaluateGates(summary: RunSummary, opts: CheckCliOptions): Gate[] {
  const gates: Gate[] = [];
  const tx = summary.capacities.find((c) => c.currency === 'transactions');
  if (tx) {
    const limit = opts.maxTps ?? tx.ceilingPerS;
    const m = tx.figures.peakOffered1s;
    gates.push({ name: `${tx.id}: peak offered over 1 s`, capacity: tx.id, op: '≤', limit, measured: m, unit: 'TPS', ok: m.mean <= limit + EPS });
  }
  for (const c of summary.capacities) {
    const limit = ((opts.minHeadroom ?? 0) / 100) * c.ceilingPerS;
    const m = c.figures.minHeadroom1s;
    const unit = c.currency === 'transactions' ? 'TPS' : 'DLMS/s';
    gates.push({ name: `${c.id}: minimum headroom over 1 s`, capacity: c.id, op: '≥', limit, measured: m, unit, ok: m.mean >= limit - EPS });
  }
  if (opts.minTrtShare !== undefined) {
    const m = summary.completion.shareWithinTrt;
    gates.push({ name: 'share of SRs answered within the TRT', capacity: null, op: '≥', limit: opts.minTrtShare, measured: m, unit: '', ok: m.mean >= opts.minTrtShare - EPS });
  }
  return gates;
}

const limitText = (g: Gate) => `${g.op} ${num(g.limit, g.unit === '' ? 4 : 1)}${g.unit === '' ? '' : ` ${g.unit}`}`;
const measuredText = (g: Gate) => `${intervalText(g.measured, g.unit === '' ? 4 : 1)}${g.unit === '' ? '' : ` ${g.unit}`}`;

function extraText(c: Counterfactual): string {
  const unit = c.currency === 'transactions' ? 'TPS' : 'DLMS/s';
  const perHour = c.extraPerHour ? `, +${intervalText(c.extraPerHour, 0)} DLMS/h (fluid +${num(c.fluidExtraPerHour ?? 0, 0)})` : '';
  const cost = c.costPerMonthGbp && c.costPerYearGbp ? `£${intervalText(c.costPerMonthGbp, 0)} a month, £${intervalText(c.costPerYearGbp, 0)} a year, ${c.note}` : `cost: ${c.note}`;
  return `${c.capacity}: +${intervalText(c.extraPerS)} ${unit} to stay within the ceiling at every second (fluid +${num(c.fluidExtraPerS)})${perHour}; ${cost}`;
}

/** The re-simulated extra capacity in words (and its cost for a priced transaction ceiling). */
function verifiedLine(v: VerifiedExtra, perTpsMonthGbp: number | undefined): string {
  const unit = v.currency === 'transactions' ? 'TPS' : 'DLMS/s';
  const cost = v.currency === 'transactions' && perTpsMonthGbp !== undefined ? `, £${num(v.extraPerS * perTpsMonthGbp, 0)} a month` : '';
  return v.converged
    ? `checked by simulation with it installed: +${num(v.extraPerS)} ${unit} keeps every second of every replication within the ceiling (${v.runs} re-run${v.runs > 1 ? 's' : ''})${cost}`
    : `checked by simulation: at least +${num(v.extraPerS)} ${unit}; after ${v.runs} re-runs a second was still ${num(v.stillAbovePerS)} ${unit} above the raised ceiling${cost}`;
}

export async function checkCommand(file: string, opts: CheckCliOptions): Promise<number> {
  const problem = optionProblem(opts);
  const s = problem === null ? await loadScenarioOrThrow(file) : null;
  const noTx = s && opts.maxTps !== undefined && !s.capacities.some((c) => c.currency === 'transactions');
  if (!s || noTx) {
    process.stderr.write(`srvsim check: ${problem ?? `--max-tps: model ${s?.name} has no transactions capacity`}\n`);
    return EXIT.input;
  }
  const junit = opts.junit === undefined ? null : resolve(opts.junit);
  if (junit && !(existsSync(dirname(junit)) && statSync(dirname(junit)).isDirectory())) {
    throw new OutputError(`--junit ${opts.junit}: folder ${dirname(junit)} does not exist`);
  }
  if (junit) checkOwnedFile(junit, isSrvsimJunit, '--junit');
  const runOpts = {
    replications: opts.replications ?? 1,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const { summary, results } = await simulateScenario(s, runOpts);
  const gates = evaluateGates(summary, opts);
  const cf = counterfactual(s, results);
  const failedCaps = new Set(gates.filter((g) => !g.ok && g.capacity !== null).map((g) => g.capacity));
  const extras = cf.filter((c) => failedCaps.has(c.capacity));
  const ok = gates.every((g) => g.ok);
  // A failed ceiling gate: check the extra capacity by simulating with it installed (same seed and R).
  const verified = extras.length === 0 || opts.verifyExtra === false ? [] : await verifyExtraCapacity(s, results, runOpts);
  const verifiedText = (c: Counterfactual) => {
    const v = verified.find((x) => x.capacity === c.capacity);
    return v ? [verifiedLine(v, s.costs.perTpsMonthGbp)] : [];
  };
  if (junit) {
    const cases = gates.map((g) => ({
      name: `${g.name} ${limitText(g)}`,
      classname: `srvsim.check.${s.name}`,
      ok: g.ok,
      ...(g.ok
        ? {}
        : {
            message: `measured ${measuredText(g)}, limit ${limitText(g)}`,
            details: [
              `${s.name}: ${g.name}: measured ${measuredText(g)}, limit ${limitText(g)}`,
              ...cf.filter((c) => c.capacity === g.capacity).flatMap((c) => [extraText(c), ...verifiedText(c)]),
            ].join('\n'),
          }),
    }));
    writeOwnedFile(junit, junitXml(`srvsim check ${s.name}`, cases), isSrvsimJunit, '--junit');
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ scenario: s.name, seed: summary.seed, replications: summary.replications, ok, gates, counterfactual: cf, verifiedExtra: verified }, null, 2)}\n`);
  } else {
    const rows = [['gate', 'limit', 'measured', 'result'], ...gates.map((g) => [g.name, limitText(g), measuredText(g), g.ok ? 'PASS' : 'FAIL'])];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    const lines = [
      `srvsim check: ${s.name} — seed ${summary.seed}, ${summary.replications > 1 ? `${summary.replications} replications, mean ± 95% t-interval` : '1 replication (no interval)'}`,
      ...rows.map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      ),
    ];
    if (extras.length > 0) lines.push('', 'Counterfactual extra capacity:', ...extras.flatMap((c) => [`  ${extraText(c)}`, ...verifiedText(c).map((l) => `    ${l}`)]));
    lines.push('', ok ? 'CHECK PASSED' : `CHECK FAILED: ${gates.filter((g) => !g.ok).length} of ${gates.length} gates`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return ok ? EXIT.ok : EXIT.gateFailed;
}
