/** `srvsim sweep` and `srvsim compare` on a sweep file, end to end as a user runs them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const srvsim = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

describe('srvsim sweep / compare with a sweep file', () => {
  it('writes a verifiable sweep report, and compare takes the same file as its scenarios', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-sweep-cli-'));
    const sweep = srvsim(['sweep', GRID, '--workers', '2', '--out', join(dir, 'sweep'), '--jobs', join(dir, 'jobs'), '--json']);
    expect(sweep.status, sweep.stderr).toBe(0);
    const out = JSON.parse(sweep.stdout) as { cases: { id: string }[]; jobs: { jobs: number; ran: number } };
    expect(out.cases.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(out.jobs).toMatchObject({ jobs: 8, ran: 8 });
    expect(srvsim(['verify', join(dir, 'sweep')]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'sweep', 'manifest.json'), 'utf8')) as { inputs: { path: string }[] };
    expect(JSON.stringify(manifest.inputs)).toContain('small-grid.yaml');

    const compare = srvsim(['compare', GRID, '--replications', '1', '--workers', '2', '--out', join(dir, 'compare'), '--json']);
    expect(compare.status, compare.stderr).toBe(0);
    const ranked = (JSON.parse(compare.stdout) as { ranking: { scenario: string }[] }).ranking.map((r) => r.scenario).sort();
    expect(ranked).toEqual(['small-grid-c1', 'small-grid-c2', 'small-grid-c3', 'small-grid-c4']);
  }, 240_000);
});
