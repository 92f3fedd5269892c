/**
 * The BullMQ backend against a real redis-server on loopback: two `srvsim worker` processes share a
 * sweep, one is killed mid-job, and the sweep still completes with results byte-identical to the local
 * backend's; a re-run takes every result from the job store; an unreachable Redis is exit 6.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';
import { HAVE_REDIS, startRedis, type TestRedis } from '../helpers/redis.js';

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
const srvsim = (args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

interface Proc {
  readonly child: ChildProcess;
  log: string;
  readonly exited: Promise<number | null>;
}
function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const p: Proc = { child, log: '', exited: new Promise((done) => child.once('exit', (code) => done(code))) };
  child.stdout?.on('data', (d) => (p.log += d));
  child.stderr?.on('data', (d) => (p.log += d));
  return p;
}
const until = async (test: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!HAVE_REDIS)('sweep on the bullmq backend', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('completes with one of two workers killed mid-job, with results identical to the local backend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-bullmq-'));
    const local = srvsim(['sweep', GRID, '--workers', '2', '--out', join(dir, 'local'), '--jobs', join(dir, 'local-jobs'), '--quiet']);
    expect(local.status, local.stderr).toBe(0);

    const worker = () => start(['worker', '--redis', redis.url, '--queue', 'kill-test', '--workers', '1', '--lock-ms', '2000', '--idle-exit', '30']);
    const a = worker();
    const b = worker();
    const sweep = start(['sweep', GRID, '--backend', 'bullmq', '--redis', redis.url, '--queue', 'kill-test', '--out', join(dir, 'bullmq'), '--jobs', join(dir, 'bullmq-jobs'), '--quiet']);
    try {
      await until(() => /done in/.test(a.log), 120_000); // a finished one job and has taken the next
      a.child.kill('SIGKILL');
      expect(await a.exited).toBe(null);
      expect(await sweep.exited).toBe(0);
    } finally {
      for (const p of [a, b, sweep]) p.child.kill('SIGKILL');
    }
    expect(sweep.log).toMatch(/8 jobs \(0 reused, 8 run on bullmq\)/);
    expect(readFileSync(join(dir, 'bullmq', 'sweep.json'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'sweep.json'), 'utf8'));
    expect(readFileSync(join(dir, 'bullmq', 'sweep.csv'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'sweep.csv'), 'utf8'));

    // the killed worker's job went back to the queue once its lock expired, and ran again elsewhere
    const queue = new Queue('kill-test', { connection: { url: redis.url } });
    try {
      const ids = readdirSync(join(dir, 'bullmq-jobs'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5));
      const jobs = await Promise.all(ids.map((id) => Job.fromId(queue, id)));
      expect(jobs.filter((j) => (j?.stalledCounter ?? 0) >= 1).length).toBeGreaterThanOrEqual(1);
      expect(jobs.every((j) => j?.finishedOn !== undefined)).toBe(true);
    } finally {
      await queue.close();
    }

    // resumable: every job is in the store, so no worker is needed
    const again = srvsim(['sweep', GRID, '--backend', 'bullmq', '--redis', redis.url, '--queue', 'kill-test', '--out', join(dir, 'again'), '--jobs', join(dir, 'bullmq-jobs'), '--quiet']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/8 jobs \(8 reused, 0 run on bullmq\)/);
    expect(readFileSync(join(dir, 'again', 'sweep.json'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'sweep.json'), 'utf8'));
  }, 300_000);

  it('names a job that failed on both attempts, and a re-run with a sound worker completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-bullmq-'));
    const file = join(dir, 'one.yaml');
    writeFileSync(file, `sweep: one\nbase: ${join(ROOT, 'test', 'fixtures', 'run', 'small.yaml')}\nreplications: 2\ncases:\n  - { name: only, set: { behaviour.retryIntervalS: 900 } }\n`);
    const args = ['sweep', file, '--backend', 'bullmq', '--redis', redis.url, '--queue', 'fail-test', '--out', join(dir, 'r'), '--jobs', join(dir, 'jobs'), '--quiet'];
    const broken = start(['worker', '--redis', redis.url, '--queue', 'fail-test', '--workers', '1', '--idle-exit', '60'], { SRVSIM_FAULT: 'throw:1' });
    const first = start(args);
    try {
      expect(await first.exited).toBe(4);
    } finally {
      broken.child.kill('SIGKILL');
    }
    expect(first.log).toMatch(
      /1 sweep job\(s\) failed after a retry with the same seed:\n {2}case c1 \(only\) replication 1 \(seed 20220209\), job [0-9a-f]{32}: .*injected fault in replication 1 \(after 2 attempt\(s\)\)/,
    );
    const sound = start(['worker', '--redis', redis.url, '--queue', 'fail-test', '--workers', '1', '--idle-exit', '60']);
    const second = start(args);
    try {
      expect(await second.exited).toBe(0);
    } finally {
      sound.child.kill('SIGKILL');
    }
    expect(second.log).toMatch(/2 jobs \(1 reused, 1 run on bullmq\)/);
  }, 240_000);
});

// Needs no Redis at all: nothing listens on port 1.
describe('sweep on the bullmq backend, without a Redis', () => {
  it('exits 6 naming the URL when Redis cannot be reached, and 2 for a bad backend or a jobs folder inside the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-bullmq-'));
    const down = srvsim(['sweep', GRID, '--backend', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--out', join(dir, 'r'), '--jobs', join(dir, 'j')]);
    expect(down.status).toBe(6);
    expect(down.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    const bad = srvsim(['sweep', GRID, '--backend', 'kafka']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--backend must be one of local, bullmq/);
    const inside = srvsim(['sweep', GRID, '--out', join(dir, 'r'), '--jobs', join(dir, 'r', 'jobs')]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/may not lie inside the report folder/);
  }, 120_000);
});
