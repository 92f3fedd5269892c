/**
 * Benchmark: sweep throughput on a real redis-server on loopback, run as a user runs it (compiled CLI
 * processes), all in one run so the ratios are same-machine, same-moment:
 *
 *   1. real jobs (the 20k-SR test grid, 8 jobs of ~1 s): local backend with 1 thread, then BullMQ with
 *      1 and with 2 `srvsim worker` processes (1 thread each) → jobs/s and the 2-vs-1 speed-up;
 *   2. tiny jobs (100 SRs, 2 h horizon, 40 jobs): BullMQ with 1 worker vs local with 1 thread → the
 *      queue's overhead per job, (wall_bullmq − wall_local) / jobs.
 *
 * Each sweep is one tinybench task; its workers are started and listening before the clock starts,
 * and it uses a fresh job store and queue, so nothing is reused. Writes reports/bench/sweep.json.
 *
 *   npm run bench:sweep          (needs redis-server; builds the CLI first)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';
import { HAVE_REDIS, startRedis } from '../test/helpers/redis.js';
import { writeReport } from './report.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
if (!HAVE_REDIS) throw new Error('bench/sweep.ts needs redis-server (apt-get install redis-server)');

const dir = mkdtempSync(join(tmpdir(), 'srvsim-bench-sweep-'));
const REAL = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const TINY = join(dir, 'tiny.yaml');
writeFileSync(
  join(dir, 'tiny-base.yaml'),
  `extends: ${join(ROOT, 'models', 'mp192-baseline.yaml')}\nscenario: tiny\nworkload:\n  srvsPerDay: { value: 100, source: "assumed: benchmark size" }\nday:\n  horizonH: { value: 24, source: "assumed: benchmark size" }\nplacement:\n  kind: uniform\n  windows: [ { start: "00:00", end: "01:00" } ]\n  source: "assumed: benchmark"\n`,
);
// a fluid Secure baseline: no baseline arrivals, so a job is little more than its queue round trip
const tinyCases = [600, 900, 1200, 1800, 2400, 3000, 3600, 4200, 4800, 5400].map((r) => `  - { name: r${r}, set: { behaviour.retryIntervalS: ${r}, "capacities[0].baseline.mode": fluid } }`);
writeFileSync(TINY, `sweep: tiny\nbase: tiny-base.yaml\nreplications: 4\ncases:\n${tinyCases.join('\n')}\n`);

const redis = await startRedis();

function exec(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`srvsim ${args[0]} exited ${code}: ${err}`))));
  });
}

async function workers(n: number, queue: string): Promise<ChildProcess[]> {
  const procs = Array.from({ length: n }, () => spawn(process.execPath, [CLI, 'worker', '--redis', redis.url, '--queue', queue, '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((done) => {
          let log = '';
          p.stderr?.on('data', (d) => ((log += d), /listening/.test(log) && done()));
        }),
    ),
  );
  return procs;
}

/**
 * One timed sweep per tinybench task (one iteration, no warm-up): a fresh job store and queue, its
 * worker processes started and listening in `beforeAll`, outside the timed window, stopped after.
 */
const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
function sweepTask(name: string, file: string, backend: 'local' | 'bullmq', processes = 0): void {
  let procs: ChildProcess[] = [];
  bench.add(
    name,
    () => exec(['sweep', file, '--backend', backend, '--redis', redis.url, '--queue', name, '--workers', '1', '--jobs', join(dir, `jobs-${name}`), '--out', join(dir, `out-${name}`), '--quiet']),
    {
      async: true, // declared: tinybench would otherwise call the task once more to find out, starting a second sweep
      beforeAll: async () => void (procs = backend === 'bullmq' ? await workers(processes, name) : []),
      afterAll: () => procs.forEach((p) => p.kill('SIGTERM')),
    },
  );
}
const wallS = (name: string) => {
  const r = bench.getTask(name)?.result;
  if (r?.state !== 'completed') throw new Error(`benchmark task ${name} did not complete (${r?.state})`);
  return r.latency.mean / 1000;
};

try {
  const realJobs = 8;
  const tinyJobs = 40;
  sweepTask('real-local1', REAL, 'local');
  sweepTask('real-bullmq1', REAL, 'bullmq', 1);
  sweepTask('real-bullmq2', REAL, 'bullmq', 2);
  sweepTask('tiny-local1', TINY, 'local');
  sweepTask('tiny-bullmq1', TINY, 'bullmq', 1);
  await bench.run();
  const real = { local1: wallS('real-local1'), bullmq1: wallS('real-bullmq1'), bullmq2: wallS('real-bullmq2') };
  const tiny = { local1: wallS('tiny-local1'), bullmq1: wallS('tiny-bullmq1') };
  const out = {
    realJobs,
    realWallS: real,
    realJobsPerS: { local1: realJobs / real.local1, bullmq1: realJobs / real.bullmq1, bullmq2: realJobs / real.bullmq2 },
    speedup2vs1Processes: real.bullmq1 / real.bullmq2,
    tinyJobs,
    tinyWallS: tiny,
    queueOverheadPerJobMs: ((tiny.bullmq1 - tiny.local1) / tinyJobs) * 1000,
  };
  const file = writeReport('sweep', out);
  console.log(
    `sweep: ${realJobs} real jobs — local 1 thread ${real.local1.toFixed(1)} s, BullMQ 1 worker ${real.bullmq1.toFixed(1)} s, 2 workers ${real.bullmq2.toFixed(1)} s ` +
      `(speed-up ${out.speedup2vs1Processes.toFixed(2)}×); ${tinyJobs} tiny jobs — local ${tiny.local1.toFixed(1)} s, BullMQ ${tiny.bullmq1.toFixed(1)} s ` +
      `→ queue overhead ${out.queueOverheadPerJobMs.toFixed(0)} ms/job → ${file}`,
  );
} finally {
  await redis.stop();
}
