/** Interruptions and output problems never lose data or leave a half-written report. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const SMALL = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
const DEFAULT = join(ROOT, 'models', 'mp192-baseline.yaml');
const srvsim = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

interface Stopped {
  /** Exit code, or null when the signal's default action ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** From the signal to the process's end. */
  readonly ms: number;
  readonly stderr: string;
}

/**
 * Starts `srvsim <args>`, waits until `when()` holds (polled every 20 ms) and `afterMs` more, sends
 * `signal` (twice when `twice`), and reports how the process ended.
 */
function interrupt(args: string[], signal: NodeJS.Signals, opts: { when: () => boolean; afterMs?: number; twice?: boolean; env?: Record<string, string> }): Promise<Stopped> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env } });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const poll = setInterval(() => {
      if (!opts.when()) return;
      clearInterval(poll);
      setTimeout(() => {
        sentAt = Date.now();
        child.kill(signal);
        if (opts.twice) child.kill(signal);
      }, opts.afterMs ?? 0);
    }, 20);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      done({ code, signal: sig, ms: sentAt ? Date.now() - sentAt : Number.NaN, stderr });
    });
  });
}

/** True once the run has claimed `out` (its model is loaded; simulating starts next). */
const claimed = (out: string) => () => existsSync(join(out, '..', `.${out.split('/').pop()}.lock`));

/** True once the report's temporary folder holds `file` (being written). */
const writing = (out: string, file: string) => () => {
  const parent = join(out, '..');
  return readdirSync(parent).some((n) => n.startsWith('.report.tmp-') && existsSync(join(parent, n, file)));
};

/** A report folder with a finished report in it, and what it held. */
function earlierReport(): { parent: string; out: string; manifest: string } {
  const parent = mkdtempSync(join(tmpdir(), 'srvsim-sig-'));
  const out = join(parent, 'report');
  expect(srvsim(['run', SMALL, '--out', out, '--quiet', '--workers', '0']).status).toBe(0);
  return { parent, out, manifest: readFileSync(join(out, 'manifest.json'), 'utf8') };
}

/** The earlier report is whole and verifies; a next run into the same folder succeeds and leaves only it. */
function expectKept(r: { parent: string; out: string; manifest: string }): void {
  expect(readFileSync(join(r.out, 'manifest.json'), 'utf8')).toBe(r.manifest);
  expect(srvsim(['verify', r.out]).status).toBe(0);
  expect(srvsim(['run', SMALL, '--out', r.out, '--quiet', '--workers', '0']).status).toBe(0);
  expect(readdirSync(r.parent)).toEqual(['report']);
}

describe('interruptions keep the earlier report', { timeout: 180_000 }, () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} during a pooled run exits ${code}, replaces nothing`, async () => {
      const r = earlierReport();
      // The progress bar is off the terminal here; the run is busy ~3 s after start on the default day.
      const s = await interrupt(['run', DEFAULT, '--replications', '2', '--workers', '2', '--out', r.out, '--quiet'], signal, { when: claimed(r.out), afterMs: 1500 });
      expect(s.code).toBe(code);
      expect(s.stderr).toContain(`${signal}: stopping`);
      expectKept(r);
    });
  }

  it('SIGINT during an in-thread run (--workers 0) ends it by the signal’s own action (a shell shows status 130)', async () => {
    const r = earlierReport();
    const s = await interrupt(['run', DEFAULT, '--workers', '0', '--out', r.out, '--quiet'], 'SIGINT', { when: claimed(r.out), afterMs: 1500 });
    // Spawned without a shell, the process is ended by the signal itself: no exit code, signal SIGINT.
    expect(s.signal).toBe('SIGINT');
    expect(s.code).toBeNull();
    expectKept(r);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} while the report is being written exits ${code}, replaces nothing`, async () => {
      const r = earlierReport();
      // The hook holds the write of per-minute.csv; the files before it are in the temporary folder.
      const s = await interrupt(['run', SMALL, '--workers', '0', '--out', r.out, '--quiet'], signal, { when: writing(r.out, 'per-minute.csv'), env: { SRVSIM_FAULT_WRITE: 'stall:per-minute.csv' } });
      expect(s.code).toBe(code);
      expectKept(r);
    });
  }

  it('a second SIGINT forces the exit at once', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srvsim-sig2-')), 'report');
    const s = await interrupt(['run', DEFAULT, '--replications', '2', '--workers', '2', '--out', out, '--quiet'], 'SIGINT', { when: claimed(out), afterMs: 1500, twice: true });
    expect(s.code).toBe(130);
    expect(existsSync(out)).toBe(false);
  });
});

describe('output problems are found before simulating', () => {
  it('refuses a report folder that holds the model’s inputs (exit 2)', () => {
    const r = srvsim(['run', SMALL, '--out', join(ROOT, 'test', 'fixtures'), '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/contains the input .*small\.yaml/);
  });
  it('refuses an unwritable folder at once (exit 3)', () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-ro-'));
    // A plain file where the report's parent folder should be: unwritable even for root.
    const blocker = join(parent, 'file');
    writeFileSync(blocker, 'x');
    const started = Date.now();
    const r = srvsim(['run', join(ROOT, 'models', 'mp192-baseline.yaml'), '--out', join(blocker, 'report'), '--quiet']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot write the report: .*file/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(blocker, 'report'))).toBe(false);
  });
  it('prints no stack trace when stdout closes early', () => {
    const r = spawnSync('sh', ['-c', `${process.execPath} --import tsx ${CLI} pia --json | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('{');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('a full disk', () => {
  const run = (out: string, env: Record<string, string> = {}) => srvsim(['run', SMALL, '--out', out, '--quiet', '--workers', '0'], env);

  it('(injected ENOSPC) exits 3 naming the path, and leaves the previous report whole', () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-full-'));
    const out = join(parent, 'report');
    expect(run(out).status).toBe(0);
    const r = run(out, { SRVSIM_FAULT_WRITE: 'enospc:per-second.csv' });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot write the report to .*per-second\.csv: ENOSPC/);
    expect(readdirSync(parent)).toEqual(['report']);
    expect(srvsim(['verify', out]).status).toBe(0);
  });

  it('(a real 300 KB tmpfs, where the machine allows mounting one) exits 3 with nothing truncated in place', (ctx) => {
    const mnt = mkdtempSync(join(tmpdir(), 'srvsim-tmpfs-'));
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=300k', 'tmpfs', mnt]).status !== 0) {
      ctx.skip();
      return;
    }
    try {
      const r = run(join(mnt, 'report'));
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/cannot write the report to .*ENOSPC/);
      expect(readdirSync(mnt)).toEqual([]);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
