/**
 * `srvsim sweep --backend bullmq` and `srvsim worker` when their services fail, end to end:
 *
 *   - Redis killed mid-sweep: sweep and worker each exit 6 once the Redis timeout has passed, with one
 *     line naming the URL and no stack trace; the finished job results stay and a re-run resumes
 *   - Redis back within the timeout: the sweep waits for it and completes
 *   - a malformed --redis or --redis-timeout: exit 2, nothing connected
 *   - a jobs folder that cannot be written: exit 3 before any job runs
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUrlProblem } from '../../src/app/sweep/redis.js';
import { ROOT } from '../helpers/scenarios.js';
import { HAVE_REDIS, startRedis, type TestRedis } from '../helpers/redis.js';

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const BASE = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
const tmp = () => mkdtempSync(join(tmpdir(), 'srvsim-services-'));

interface Proc {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Exit code, and when it came (Date.now()). */
  readonly exited: Promise<{ code: number | null; at: number }>;
}
/** Everything started here, ended after the tests even when one times out. */
const children = new Set<ChildProcess>();
const servers = new Set<TestRedis>();
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all([...servers].map((r) => r.kill()));
});
const redisServer = async (port?: number) => {
  const r = await startRedis(port);
  servers.add(r);
  return r;
};

function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const p: Proc = { child, stdout: '', stderr: '', exited: new Promise((done) => child.once('exit', (code) => done({ code, at: Date.now() }))) };
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stdout?.on('data', (d) => (p.stdout += d));
  child.stderr?.on('data', (d) => (p.stderr += d));
  return p;
}
const run = async (args: string[], env: Record<string, string> = {}) => {
  const p = start(args, env);
  const { code } = await p.exited;
  return { status: code, stdout: p.stdout, stderr: p.stderr };
};
const untilAsync = async (test: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};
const until = (test: () => boolean, ms: number) => untilAsync(async () => test(), ms);
/** The stored results of a jobs folder, and anything else in it. */
const results = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /^[0-9a-f]{32}\.json$/.test(f)) : []);
const others = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => !/^[0-9a-f]{32}\.json$/.test(f)) : []);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const STACK_LINE = /^\s+at /m;

describe('the --redis URL', () => {
  it('accepts redis:// and rediss:// URLs with a host, and names what is wrong with any other', () => {
    for (const ok of ['redis://127.0.0.1:6379', 'redis://localhost', 'rediss://user:secret@host.example:6380/2', 'redis://[::1]:6379/0']) {
      expect(redisUrlProblem(ok), ok).toBeUndefined();
    }
    expect(redisUrlProblem('notaurl')).toMatch(/--redis must be a Redis URL, e\.g\. redis:\/\/127\.0\.0\.1:6379.*\(got "notaurl"\)/);
    expect(redisUrlProblem('http://x')).toMatch(/--redis must start with redis:\/\/ or rediss:\/\/.*\(got "http:\/\/x"\)/);
    expect(redisUrlProblem('127.0.0.1:6379')).toMatch(/--redis must (be a Redis URL|start with redis:\/\/)/);
    expect(redisUrlProblem('redis://')).toMatch(/--redis has no host/);
    expect(redisUrlProblem('redis://host:6379/queue')).toMatch(/database number/);
    expect(redisUrlProblem('redis://host:99999')).toMatch(/--redis must be a Redis URL/);
    // a password is never echoed back
    expect(redisUrlProblem('http://user:hunter2@host')).not.toContain('hunter2');
  });

  it('a malformed --redis or --redis-timeout is exit 2 on sweep and worker, before anything connects', async () => {
    const dir = tmp();
    const outcomes = await Promise.all([
      run(['sweep', GRID, '--backend', 'bullmq', '--redis', 'notaurl', '--out', join(dir, 'r'), '--jobs', join(dir, 'j')]),
      run(['sweep', GRID, '--backend', 'bullmq', '--redis', 'http://x', '--out', join(dir, 'r'), '--jobs', join(dir, 'j')]),
      run(['worker', '--redis', 'notaurl']),
      run(['sweep', GRID, '--backend', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--redis-timeout', '0', '--out', join(dir, 'r'), '--jobs', join(dir, 'j')]),
      run(['worker', '--redis', 'redis://127.0.0.1:1', '--redis-timeout', 'soon']),
    ]);
    const [notUrl, http, worker, zero, soon] = outcomes;
    expect(notUrl?.stderr).toMatch(/^srvsim: --redis must be a Redis URL, .*\(got "notaurl"\)\n$/);
    expect(http?.stderr).toMatch(/^srvsim: --redis must start with redis:\/\/ or rediss:\/\/, .*\(got "http:\/\/x"\)\n$/);
    expect(worker?.stderr).toMatch(/^srvsim: --redis must be a Redis URL, .*\(got "notaurl"\)\n$/);
    expect(zero?.stderr).toMatch(/--redis-timeout must be a whole number of seconds from 1 to 3600 \(got "0"\)/);
    expect(soon?.stderr).toMatch(/--redis-timeout must be a whole number of seconds from 1 to 3600 \(got "soon"\)/);
    for (const o of outcomes) {
      expect(o.status, o.stderr).toBe(2);
      expect(o.stderr).not.toMatch(/cannot reach Redis|ECONNREFUSED/);
      expect(o.stderr).not.toMatch(STACK_LINE);
    }
    expect(existsSync(join(dir, 'j'))).toBe(false);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  }, 120_000);
});

describe('a jobs folder that cannot be written', () => {
  it('is exit 3 before any job runs (and before Redis is tried), naming the folder', async () => {
    const dir = tmp();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder\n');
    // The first run of replication 0 leaves this marker: its absence shows no job ran.
    const marker = join(dir, 'a-job-ran');
    const env = { SRVSIM_FAULT: `flaky:0:${marker}` };
    const outcomes = await Promise.all([
      run(['sweep', GRID, '--workers', '1', '--out', join(dir, 'r1'), '--jobs', file], env),
      run(['sweep', GRID, '--workers', '1', '--out', join(dir, 'r2'), '--jobs', join(file, 'jobs')], env),
      run(['sweep', GRID, '--backend', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--out', join(dir, 'r3'), '--jobs', join(file, 'jobs')], env),
    ]);
    for (const [k, o] of outcomes.entries()) {
      expect(o.status, o.stderr).toBe(3);
      expect(lines(o.stderr)).toHaveLength(1);
      expect(o.stderr).toMatch(new RegExp(`^srvsim: cannot store job results in ${(k === 0 ? file : join(file, 'jobs')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: E(NOTDIR|EXIST)`));
      expect(o.stderr).not.toMatch(STACK_LINE);
    }
    expect(existsSync(marker)).toBe(false);
    for (const r of ['r1', 'r2', 'r3']) expect(existsSync(join(dir, r))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a-file']);
  }, 120_000);
});

describe.skipIf(!HAVE_REDIS)('Redis lost under a sweep and a worker', () => {
  it('both exit 6 within the Redis timeout with one line naming the URL; the stored jobs stay and a re-run resumes', async () => {
    const dir = tmp();
    const jobs = join(dir, 'jobs');
    let redis = await redisServer();
    const url = redis.url;
    // One worker thread: jobs finish one at a time, so the sweep is still running when Redis goes.
    const worker = start(['worker', '--redis', url, '--queue', 'lost', '--workers', '1', '--redis-timeout', '3', '--quiet']);
    const sweep = start(['sweep', GRID, '--backend', 'bullmq', '--redis', url, '--queue', 'lost', '--redis-timeout', '3', '--out', join(dir, 'r'), '--jobs', jobs, '--quiet']);
    let killedAt = 0;
    try {
      await until(() => results(jobs).length >= 1, 180_000);
      killedAt = Date.now();
      await redis.kill();
      const [s, w] = await Promise.all([sweep.exited, worker.exited]);
      const seconds = { sweep: (s.at - killedAt) / 1000, worker: (w.at - killedAt) / 1000 };
      console.log(`exit after Redis was killed (--redis-timeout 3): sweep ${seconds.sweep.toFixed(1)} s, worker ${seconds.worker.toFixed(1)} s`);
      expect([s.code, w.code], sweep.stderr + worker.stderr).toEqual([6, 6]);
      // it waited through reconnects for the timeout (less the time since Redis last answered), no longer
      for (const t of Object.values(seconds)) {
        expect(t).toBeGreaterThan(1.5);
        expect(t).toBeLessThan(15);
      }
    } finally {
      for (const p of [worker, sweep]) p.child.kill('SIGKILL');
    }
    const kept = results(jobs);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(8);
    expect(others(jobs)).toEqual([]); // no temporary or empty files
    const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(lines(sweep.stderr), sweep.stderr).toHaveLength(1);
    expect(sweep.stderr).toMatch(
      new RegExp(
        `^srvsim: lost the connection to Redis at ${escaped}: no answer for 3 s .*; ${kept.length} of 8 job results are stored in ${jobs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; run the sweep again to resume\n$`,
      ),
    );
    expect(lines(worker.stderr), worker.stderr).toHaveLength(1);
    expect(worker.stderr).toMatch(new RegExp(`^srvsim: lost the connection to Redis at ${escaped}: no answer for 3 s`));
    expect(sweep.stdout).toBe('');
    expect(existsSync(join(dir, 'r'))).toBe(false);

    // Redis back (empty, as after a crash without persistence): the re-run runs only the missing jobs.
    redis = await redisServer(redis.port);
    const again = start(['worker', '--redis', url, '--queue', 'lost', '--workers', '2', '--idle-exit', '60', '--quiet']);
    try {
      const rerun = await run(['sweep', GRID, '--backend', 'bullmq', '--redis', url, '--queue', 'lost', '--out', join(dir, 'r'), '--jobs', jobs, '--quiet']);
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(rerun.stdout).toMatch(new RegExp(`8 jobs \\(${kept.length} reused, ${8 - kept.length} run on bullmq\\)`));
      expect(results(jobs)).toHaveLength(8);
      expect(others(jobs)).toEqual([]);
    } finally {
      again.child.kill('SIGKILL');
      await redis.stop();
    }
  }, 420_000);

  it('waits for a Redis that comes back within the timeout, and completes', async () => {
    const dir = tmp();
    const file = join(dir, 'one.yaml');
    writeFileSync(file, `sweep: one\nbase: ${BASE}\nreplications: 1\ncases:\n  - { name: only, set: { behaviour.retryIntervalS: 900 } }\n`);
    let redis = await redisServer();
    const url = redis.url;
    // The sweep queues its job before the worker starts, so it is polling when Redis goes away.
    const sweep = start(['sweep', file, '--backend', 'bullmq', '--redis', url, '--queue', 'back', '--redis-timeout', '30', '--out', join(dir, 'r'), '--jobs', join(dir, 'jobs'), '--quiet']);
    let worker: Proc | undefined;
    try {
      await untilAsync(async () => (await waiting(url, 'back')) > 0, 60_000);
      await redis.kill();
      await new Promise((r) => setTimeout(r, 1500));
      redis = await redisServer(redis.port); // back empty: the sweep queues its job again
      worker = start(['worker', '--redis', url, '--queue', 'back', '--workers', '1', '--redis-timeout', '30', '--idle-exit', '60', '--quiet']);
      const { code } = await sweep.exited;
      expect(code, sweep.stderr).toBe(0);
    } finally {
      sweep.child.kill('SIGKILL');
      worker?.child.kill('SIGKILL');
      await redis.stop();
    }
    expect(sweep.stderr).toBe('');
    expect(sweep.stdout).toMatch(/1 jobs? \(0 reused, 1 run on bullmq\)/);
    expect(results(join(dir, 'jobs'))).toHaveLength(1);
  }, 240_000);
});

/** Jobs waiting on `queue` (0 while Redis cannot be reached). */
async function waiting(url: string, queue: string): Promise<number> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return await r.llen(`bull:${queue}:wait`);
  } catch {
    return 0;
  } finally {
    r.disconnect();
  }
}
