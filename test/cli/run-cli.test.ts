/** `srvsim run` end to end, as a user runs it: files written, exit codes, nothing half-written. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

const MODEL = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
function srvsim(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

describe('srvsim verify', () => {
  it('exits 0 for an intact report and 3 naming the file when one is changed, removed, or the manifest is missing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'srvsim-verify-')), 'r');
    expect(srvsim(['run', MODEL, '--out', dir, '--quiet', '--workers', '0']).status).toBe(0);
    expect(srvsim(['verify', dir]).status).toBe(0);
    writeFileSync(join(dir, 'summary.txt'), 'edited\n');
    const tampered = srvsim(['verify', dir]);
    expect(tampered.status).toBe(3);
    expect(tampered.stderr).toMatch(/summary\.txt: changed since the run/);
    rmSync(join(dir, 'manifest.json'));
    const missing = srvsim(['verify', dir]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/manifest\.json: missing/);
  });
});

describe('srvsim run', () => {
  it('writes the report folder and gives byte-identical summary.json for the same seed, whatever the workers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-run-'));
    const a = srvsim(['run', MODEL, '--seed', '5', '--replications', '2', '--workers', '1', '--out', join(dir, 'a'), '--quiet']);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toContain('VERDICT');
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['charts', 'manifest.json', 'per-cohort.csv', 'per-minute.csv', 'per-second.csv', 'report.html', 'summary.json', 'summary.md', 'summary.txt']);
    expect(a.stdout).toMatch(/Report: .*report\.html/);
    const manifest = JSON.parse(readFileSync(join(dir, 'a', 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(5);
    expect(manifest.workers).toBe(1);
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toContain(join(ROOT, 'data', 'cohorts.csv'));
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toContain('summary.json');
    expect(manifest.runtime.node).toBe(process.version);
    const b = srvsim(['run', MODEL, '--seed', '5', '--replications', '2', '--workers', '2', '--out', join(dir, 'b'), '--json']);
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout).scenario).toBe('small-test');
    expect(readFileSync(join(dir, 'b', 'summary.json'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    const perSecond = readFileSync(join(dir, 'a', 'per-second.csv'), 'utf8').split('\n');
    expect(perSecond[0]).toMatch(/^second,clock_utc,secure_ceiling_per_s,/);
    expect(perSecond.length).toBe(24 * 3600 + 2); // the measured day, one row a second, and the header
  });

  it('exits 4 naming shard and seed when a worker fails, and writes no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-run-'));
    const r = srvsim(['run', MODEL, '--seed', '9', '--replications', '2', '--workers', '2', '--out', join(dir, 'out'), '--quiet'], { SRVSIM_FAULT: 'throw:1' });
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/replication 1 \(seed 9\) failed: injected fault/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 with file:line for a bad model and for bad options', () => {
    const r = srvsim(['run', join(ROOT, 'test', 'fixtures', 'run', 'no-such.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such\.yaml:1:1: file not found: \/.*no-such\.yaml/);
    const bad = srvsim(['run', MODEL, '--replications', 'two']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--replications must be an integer/);
    const date = srvsim(['run', MODEL, '--start', '2027-02-29']);
    expect(date.status).toBe(2);
    expect(date.stderr).toMatch(/--start must be a calendar date YYYY-MM-DD \(got "2027-02-29"\)/);
  });
});
