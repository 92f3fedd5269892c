#!/usr/bin/env node
// Opt-in stress check of worker-pool teardown (not part of `npm test` or CI): runs the compiled CLI
// many times with short pooled runs, several at once so the host is busy, and counts how each ended.
// A native abort at exit (rc 134 / SIGABRT) is what it looks for; it exits 1 if there was any.
//
//   npm run build && npm run stress:pool -- [runs] [--concurrency N] [--seed N] [--cli PATH]
//                                           [--interrupt-share S] [--compare-share S] [--force-share S]
//
// Defaults: 300 runs, 4 at once. The mix: `run` of test/fixtures/run/small.yaml (R = 2, 2 workers) and
// `compare` of two small placements (R = 2, 2 workers); a share of each is sent SIGINT at a random
// moment (somewhere in the first 90 % of a typical run), since cancelling tears the pool down early.
// An interrupted run may end 130 (cancelled), 0 (it finished first) or by SIGINT itself (the signal
// came before the handler was installed); any other ending is a failure, and 134 / SIGABRT an abort.
// --force-share: the share of interrupted runs sent a second SIGINT 0–300 ms after the first (the
// CLI's forced exit, which does not wait for the pool's threads); none by default.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { runs: 300, concurrency: 4, seed: Date.now() % 2 ** 31, cli: join(root, 'dist', 'cli', 'main.js'), interruptShare: 0.35, compareShare: 0.35, forceShare: 0 };
  const number = (name, v, min) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min} (got ${JSON.stringify(v)})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--concurrency') opts.concurrency = Math.floor(number(a, next(), 1));
    else if (a === '--seed') opts.seed = Math.floor(number(a, next(), 0));
    else if (a === '--cli') opts.cli = resolve(next());
    else if (a === '--interrupt-share') opts.interruptShare = Math.min(1, number(a, next(), 0));
    else if (a === '--compare-share') opts.compareShare = Math.min(1, number(a, next(), 0));
    else if (a === '--force-share') opts.forceShare = Math.min(1, number(a, next(), 0));
    else if (/^\d+$/.test(a)) opts.runs = number('runs', a, 1);
    else throw new Error(`unknown argument ${JSON.stringify(a)}`);
  }
  return opts;
}

/** A small seeded generator (mulberry32), so a mix can be replayed with --seed. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`stress-pool: ${err.message}\n`);
  process.exit(2);
}
if (!existsSync(opts.cli)) {
  process.stderr.write(`stress-pool: ${opts.cli} not found (run \`npm run build\` first)\n`);
  process.exit(2);
}

const rand = random(opts.seed);
const scratch = mkdtempSync(join(tmpdir(), 'srvsim-stress-'));
const plans = Array.from({ length: opts.runs }, (_, i) => ({
  index: i,
  command: rand() < opts.compareShare ? 'compare' : 'run',
  interrupt: rand() < opts.interruptShare,
  at: rand(),
  force: rand() < opts.forceShare,
  forceAfter: Math.round(rand() * 300),
})).map((p) => ({ ...p, force: p.interrupt && p.force }));

function argsOf(plan, out) {
  const common = ['--replications', '2', '--workers', '2', '--out', out, '--quiet'];
  if (plan.command === 'compare') return ['compare', 'test/fixtures/compare/p0-small.yaml', 'test/fixtures/compare/p2-small.yaml', ...common];
  return ['run', 'test/fixtures/run/small.yaml', ...common];
}

// Typical wall time of an uninterrupted run of each command (a running mean; a guess until one ends).
const typical = { run: { sum: 0, n: 0 }, compare: { sum: 0, n: 0 } };
const typicalMs = (command) => (typical[command].n > 0 ? typical[command].sum / typical[command].n : 8000);

const counts = { runs: 0, aborts: 0, failures: 0 };
const endings = new Map();
const notes = [];

function runOne(plan) {
  return new Promise((done) => {
    const out = join(scratch, `r${plan.index}`);
    const env = { ...process.env, NO_COLOR: '1' };
    delete env.SRVSIM_FAULT;
    const started = Date.now();
    const child = spawn(process.execPath, [opts.cli, ...argsOf(plan, out)], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const timers = [];
    if (plan.interrupt) {
      const delay = Math.round(plan.at * 0.9 * typicalMs(plan.command));
      timers.push(setTimeout(() => child.kill('SIGINT'), delay));
      if (plan.force) timers.push(setTimeout(() => child.kill('SIGINT'), delay + plan.forceAfter));
    }
    child.on('close', (code, signal) => {
      running.delete(child);
      for (const t of timers) clearTimeout(t);
      const ms = Date.now() - started;
      rmSync(out, { recursive: true, force: true });
      const label = `${plan.command}${plan.force ? '+SIGINTx2' : plan.interrupt ? '+SIGINT' : ''}`;
      const ending = signal ?? String(code);
      endings.set(`${label} ${ending}`, (endings.get(`${label} ${ending}`) ?? 0) + 1);
      counts.runs += 1;
      const abort = code === 134 || signal === 'SIGABRT';
      const ok = plan.interrupt ? code === 130 || code === 0 || signal === 'SIGINT' : code === 0;
      if (!plan.interrupt && code === 0) {
        typical[plan.command].sum += ms;
        typical[plan.command].n += 1;
      }
      if (abort) counts.aborts += 1;
      else if (!ok) counts.failures += 1;
      if (abort || !ok) {
        const what = `#${plan.index} ${label}: ${signal ? `signal ${signal}` : `rc ${code}`} after ${ms} ms`;
        notes.push(
          `${what}\n${stderr
            .trim()
            .split('\n')
            .slice(0, 12)
            .map((l) => `    ${l}`)
            .join('\n')}`,
        );
        process.stderr.write(`stress-pool: ${what}\n`);
      }
      if (counts.runs % 25 === 0) {
        process.stderr.write(`stress-pool: ${counts.runs}/${opts.runs} done, ${counts.aborts} aborts, ${counts.failures} other failures\n`);
      }
      done();
    });
  });
}

// Ctrl-C reaches the runs too (one process group); SIGTERM is passed on to them. Either way no new run
// starts, and the summary covers the runs that ended.
const running = new Set();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (signal === 'SIGTERM') for (const child of running) child.kill('SIGTERM');
    process.stderr.write(`stress-pool: ${signal}: stopping after the runs in progress\n`);
  });
}

const t0 = Date.now();
process.stderr.write(`stress-pool: ${opts.runs} runs, ${opts.concurrency} at once, seed ${opts.seed}, cli ${opts.cli}\n`);
let next = 0;
await Promise.all(
  Array.from({ length: opts.concurrency }, async () => {
    while (!stopping && next < plans.length) await runOne(plans[next++]);
  }),
);
rmSync(scratch, { recursive: true, force: true });

for (const note of notes) process.stdout.write(`${note}\n`);
const breakdown = [...endings]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([k, n]) => `${k}: ${n}`)
  .join(', ');
process.stdout.write(`endings: ${breakdown}\n`);
process.stdout.write(`wall time ${((Date.now() - t0) / 1000).toFixed(0)} s, concurrency ${opts.concurrency}, seed ${opts.seed}\n`);
process.stdout.write(`stress: ${counts.runs} runs, ${counts.aborts} aborts (rc 134), ${counts.failures} other failures\n`);
process.exit(counts.aborts > 0 ? 1 : 0);
