/** More worker threads than replications are never started. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

describe('--workers above the replications', () => {
  it('is capped to one thread per replication, with a note', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srvsim-cap-')), 'report');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'run', join(ROOT, 'test', 'fixtures', 'run', 'small.yaml'), '--workers', '1000', '--replications', '2', '--quiet', '--out', out],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('--workers 1000: capped to 2, one thread per replication');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).workers).toBe(2);
  });
});
