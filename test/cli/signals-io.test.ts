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
const srvsim = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

function interruptRun(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; ms: number; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', DEFAULT, '--replications', '2', '--workers', '2', '--out', out, '--quiet'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    let sentAt = 0;
    setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, 3000);
    child.on('exit', (code) => resolveRun({ code, ms: Date.now() - sentAt, stderr }));
  });
}

describe('interruptions', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-run exits ${code} within 10 s, writes nothing and keeps the previous report`, async () => {
      const parent = mkdtempSync(join(tmpdir(), 'srvsim-sig-'));
      const out = join(parent, 'report');
      expect(srvsim(['run', SMALL, '--out', out, '--quiet', '--workers', '0']).status).toBe(0);
      const before = readFileSync(join(out, 'manifest.json'), 'utf8');
      const r = await interruptRun(signal, out);
      expect(r.code).toBe(code);
      expect(r.ms).toBeLessThan(10_000);
      expect(r.stderr).toContain(`${signal}: stopping`);
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
      expect(readdirSync(parent)).toEqual(['report']);
      expect(srvsim(['verify', out]).status).toBe(0);
    });
  }
});

describe('a second SIGINT', () => {
  it('forces the exit at once', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srvsim-sig2-')), 'report');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', DEFAULT, '--replications', '2', '--workers', '2', '--out', out, '--quiet'], { cwd: ROOT });
    const code = await new Promise<number | null>((done) => {
      setTimeout(() => {
        child.kill('SIGINT');
        child.kill('SIGINT');
      }, 3000);
      child.on('exit', (c) => done(c));
    });
    expect(code).toBe(130);
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
  const run = (out: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', CLI, 'run', SMALL, '--out', out, '--quiet', '--workers', '0'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120_000,
    });

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
