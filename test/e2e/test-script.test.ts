/**
 * `npm test`'s closing line and exit status (scripts/test.mjs), on probe files: under CI a skipped test
 * or a stray `.only` fails the run; outside CI a skipped test is counted and the run passes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

const probeDir = join(ROOT, 'test', 'fixtures', 'vitest-probe');

function runProbe(probe: string, ci: boolean): { status: number | null; lastLine: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PROBE: probe };
  delete env.CI;
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  if (ci) env.CI = 'true';
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test.mjs'), '--root', probeDir], { cwd: ROOT, env, encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, lastLine: lines[lines.length - 1] ?? '' };
}

describe('npm test', () => {
  it('counts a skipped test and passes outside CI', () => {
    expect(runProbe('skip.probe.ts', false)).toEqual({ status: 0, lastLine: 'vitest: 1 passed, 0 failed, 1 skipped' });
  });
  it('fails under CI when a test is skipped', () => {
    expect(runProbe('skip.probe.ts', true)).toEqual({ status: 1, lastLine: 'vitest: 1 passed, 0 failed, 1 skipped' });
  });
  it('fails under CI on a stray .only', () => {
    const r = runProbe('only.probe.ts', true);
    expect(r.status).toBe(1);
    expect(r.lastLine).toMatch(/^vitest: \d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });
});
