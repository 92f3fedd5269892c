// Smoke test: the scaling benchmark runs here with small numbers and its device script parses.
// No timed assertion: only that it completes and that every worker count gives the same summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('bench/scaling.ts', () => {
  it('runs 1 replication on 0 and 1 workers and writes identical-summary rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-scaling-'));
    try {
      const out = join(dir, 'scaling.json');
      const args = ['--import', 'tsx', 'bench/scaling.ts', '--replications', '1', '--workers', '0,1', '--srs', '1000', '--out', out];
      const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      expect(report).toMatchObject({ benchmark: 'scaling', complete: true, identicalSummaries: true, replications: 1, srsPerDay: 1000 });
      expect(report.rows.map((r: { workers: number }) => r.workers)).toEqual([0, 1]);
      expect(run.stdout).toContain('byte-identical for every worker count');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('device-scaling.sh is valid bash and refuses to run without the prepared files', () => {
    expect(spawnSync('bash', ['-n', 'bench/device-scaling.sh'], { cwd: ROOT }).status).toBe(0);
    const run = spawnSync('bash', ['bench/device-scaling.sh'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_DIR: join(tmpdir(), 'srvsim-no-such-dir') } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('prepare');
  });
});
