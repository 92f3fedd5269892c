/** Every command that loads models answers a hostile input quickly and briefly. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scenarios.js';

const srvsim = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('hostile inputs', () => {
  it('compare refuses a FIFO given as a placement list instead of waiting on it (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-fifo-'));
    const fifo = join(dir, 'list.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = srvsim(['compare', fifo, join(ROOT, 'models', 'p1-peak-window.yaml'), '--quiet']);
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a regular file|FIFO|pipe/i);
  });

  for (const command of ['run', 'sensitivity', 'compare']) {
    it(`${command} prints at most the first 100 problems of a model, then how many more`, () => {
      const file = join(mkdtempSync(join(tmpdir(), 'srvsim-many-')), 'many.yaml');
      writeFileSync(file, `${Array.from({ length: 500 }, (_, i) => `key${i}: 1`).join('\n')}\nscenario: many\n`);
      const args = command === 'compare' ? [command, file, file, '--quiet'] : [command, file, '--quiet'];
      const r = srvsim(args);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines.length).toBeLessThanOrEqual(101);
      expect(lines.at(-1)).toMatch(/and \d+ more problems/);
    });
  }
});
