/**
 * Benchmark: how `validate` grows with the rows of a table. Synthetic tables of 1k, 10k, 100k and 1M
 * rows are written to a temporary folder — a cohort table (routed pro rata: unique ids, lookups by
 * cohort, shares summed) and a placement histogram (bins checked for overlap) — and a model naming
 * each is validated (`loadScenario`, what `srvsim validate` runs) `--rounds` times, each time in a
 * fresh child process as a `srvsim validate` would be (timed inside it under tinybench, so the start of
 * Node is not counted), so each validation's peak RSS is its own. Prints a table with the time
 * per row, its ratio to the smallest size's, and the time each row added since the previous size: the
 * fixed cost of loading a model (~0.2 s) dominates small tables, so per-row time first falls, and then
 * stays flat when growth is linear (a quadratic check would make the added time per row grow with n).
 * Tables over the row or byte limits are refused (exit 2), which is part of what is measured.
 * Writes reports/bench/validate-growth.json.
 *
 *   npm run bench:validate [-- --rows 1000,10000,100000,1000000] [--rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { formatIssue } from '../src/model/issues.js';
import { loadScenario, type LoadResult } from '../src/model/load.js';
import { meanMs } from './interleave.js';
import { arg, intArg, median, writeReport } from './report.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const BASELINE = join(ROOT, 'models', 'mp192-baseline.yaml');
const SRC = 'assumed: synthetic benchmark row';

interface Measured {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly ok: boolean;
  readonly problems: number;
  readonly first: string;
}

/** Child: validates one model once, prints what it measured as JSON. */
async function child(model: string): Promise<void> {
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  let last: LoadResult | undefined;
  bench.add('validate', async () => void (last = await loadScenario(model)));
  await bench.run();
  const result = last!;
  const measured: Measured = {
    ms: meanMs(bench, 'validate'),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    ok: result.ok,
    problems: result.ok ? 0 : result.issues.length,
    first: result.ok ? '' : formatIssue(result.issues[0]!),
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

const hms = (s: number): string => (s >= 86_400 ? '24:00' : [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, '0')).join(':'));

/** A cohort table of n rows and a model routing to it pro rata. */
function cohortCase(dir: string, n: number): { model: string; table: string } {
  const table = join(dir, `cohorts-${n}.csv`);
  const share = String(1 / n);
  const lines = ['cohort,s1sp,device_type,protocol,share,devices,wake_up_s,source'];
  for (let i = 0; i < n; i++) lines.push(`C${i},Secure,SMETS1,DLMS,${share},1,0,${SRC}`);
  writeFileSync(table, `${lines.join('\n')}\n`);
  const model = join(dir, `cohorts-${n}.yaml`);
  writeFileSync(model, `extends: ${BASELINE}\ndata:\n  cohorts: ./cohorts-${n}.csv\nworkload:\n  routing: { mode: pro-rata, source: "${SRC}" }\n`);
  return { model, table };
}

/**
 * A placement histogram of n bins: n ≤ 86,400 splits the day into disjoint bins of whole seconds; past
 * that, one-second bins wrap round the day and the extra ones overlap (each one a problem to report).
 */
function histogramCase(dir: string, n: number): { model: string; table: string } {
  const table = join(dir, `histogram-${n}.csv`);
  const lines = ['start,end,weight,source'];
  for (let i = 0; i < n; i++) {
    const [a, b] = n <= 86_400 ? [Math.floor((i * 86_400) / n), Math.floor(((i + 1) * 86_400) / n)] : [i % 86_400, (i % 86_400) + 1];
    lines.push(`${hms(a)},${hms(b)},1,${SRC}`);
  }
  writeFileSync(table, `${lines.join('\n')}\n`);
  const model = join(dir, `histogram-${n}.yaml`);
  writeFileSync(model, `extends: ${BASELINE}\nplacement:\n  kind: histogram\n  file: ./histogram-${n}.csv\n  source: "${SRC}"\n`);
  return { model, table };
}

async function parent(): Promise<void> {
  const sizes = (arg('rows') ?? '1000,10000,100000,1000000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows must be a comma-separated list of positive integers');
  const rounds = intArg('rounds', 3);
  const dir = mkdtempSync(join(tmpdir(), 'srvsim-validate-growth-'));
  const rows = [];
  try {
    for (const [kind, make] of [
      ['cohorts', cohortCase],
      ['histogram', histogramCase],
    ] as const) {
      let firstUsPerRow: number | undefined;
      let previous: { n: number; ms: number } | undefined;
      for (const n of sizes) {
        const { model, table } = make(dir, n);
        const runs = Array.from({ length: rounds }, () => {
          const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', model], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
          if (run.status !== 0) throw new Error(`validating ${kind} × ${n} failed (exit ${run.status}): ${run.stderr}`);
          return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measured;
        });
        const m = runs.at(-1)!;
        const ms = median(runs.map((x) => x.ms));
        const usPerRow = (ms * 1000) / n;
        firstUsPerRow ??= usPerRow;
        const addedUsPerRow = previous ? ((ms - previous.ms) * 1000) / (n - previous.n) : Number.NaN;
        previous = { n, ms };
        const outcome = m.ok ? 'valid' : `exit 2, ${m.problems} problem${m.problems === 1 ? '' : 's'}`;
        rows.push({
          kind,
          rows: n,
          tableBytes: statSync(table).size,
          outcome,
          first: m.first,
          medianMs: ms,
          roundsMs: runs.map((x) => x.ms),
          usPerRow,
          ratioToSmallest: usPerRow / firstUsPerRow,
          addedUsPerRow,
          maxRssMiB: Math.max(...runs.map((x) => x.maxRssMiB)),
        });
        rmSync(table);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const head = ['table', 'rows', 'size', 'outcome', 'median ms', 'µs/row', '÷ smallest', 'µs/row added', 'peak RSS'];
  const cells = rows.map((r) => [
    r.kind,
    r.rows.toLocaleString('en-GB'),
    `${(r.tableBytes / 2 ** 20).toFixed(1)} MiB`,
    r.outcome,
    r.medianMs.toFixed(0),
    r.usPerRow.toFixed(2),
    r.ratioToSmallest.toFixed(2),
    Number.isNaN(r.addedUsPerRow) ? '—' : r.addedUsPerRow.toFixed(2),
    `${r.maxRssMiB.toFixed(0)} MiB`,
  ]);
  const width = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j]!.length)));
  const print = (c: string[]) => console.log(c.map((x, j) => (j === 0 || j === 3 ? x.padEnd(width[j]!) : x.padStart(width[j]!))).join('  '));
  print(head);
  cells.forEach(print);
  for (const r of rows.filter((x) => x.first !== '')) console.log(`${r.kind} × ${r.rows.toLocaleString('en-GB')}: ${r.first}`);
  console.log(`median of ${rounds} rounds, each in its own process; peak RSS the largest of them; written ${writeReport('validate-growth', { rounds, rows })}`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) await child(process.argv[childAt + 1]!);
else await parent();
