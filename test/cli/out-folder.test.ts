/** `--out DIR` of every report-writing command never touches what srvsim did not write. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claimReportDir } from '../../src/app/output-dir.js';
import { ROOT } from '../helpers/scenarios.js';

const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const SMALL = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
// tsx named by its file, so that a run from any folder finds it.
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const srvsim = (args: string[], cwd = ROOT) => spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

/** A user's folder with files in it, and its bytes. */
function usersFolder(): { dir: string; bytes: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'srvsim-user-'));
  mkdirSync(join(dir, 'thesis'));
  writeFileSync(join(dir, 'thesis', 'chapter1.md'), '# one\n');
  writeFileSync(join(dir, 'data.csv'), 'a,b\n1,2\n');
  const bytes = () => JSON.stringify([readdirSync(dir).sort(), readFileSync(join(dir, 'thesis', 'chapter1.md'), 'utf8'), readFileSync(join(dir, 'data.csv'), 'utf8')]);
  return { dir, bytes };
}

describe('--out refuses what srvsim did not write (exit 2), for every command that writes a report', () => {
  const commands: [string, string[]][] = [
    ['run', ['run', SMALL, '--quiet', '--workers', '0']],
    ['compare', ['compare', join(ROOT, 'test', 'fixtures', 'compare', 'p0-small.yaml'), join(ROOT, 'test', 'fixtures', 'compare', 'p2-small.yaml'), '--quiet', '--workers', '0']],
    ['sensitivity', ['sensitivity', SMALL, '--quiet', '--workers', '0', '--only', 'dlms']],
    ['optimise', ['optimise', SMALL, '--finalists', '0']],
    ['sweep', ['sweep', join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml'), '--quiet', '--workers', '1']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: a non-empty folder of the user's is left byte-identical`, () => {
      const user = usersFolder();
      const before = user.bytes();
      const r = srvsim([...args, '--out', user.dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(user.dir);
      expect(r.stderr).toMatch(/did not write .*--out/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(user.bytes()).toBe(before);
    });
  }

  it('a regular file, and the current folder (--out .)', () => {
    const user = usersFolder();
    const before = user.bytes();
    const file = srvsim(['run', SMALL, '--quiet', '--out', join(user.dir, 'data.csv')]);
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(/data\.csv exists and is not a folder/);
    const here = srvsim(['run', SMALL, '--quiet', '--out', '.'], user.dir);
    expect(here.status).toBe(2);
    expect(here.stderr).toMatch(/current folder/);
    expect(user.bytes()).toBe(before);
  });
});

describe('two runs into one folder', () => {
  it('the second is refused with exit 3, naming the run that holds the folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srvsim-busy-')), 'report');
    const held = claimReportDir(out, []);
    try {
      const r = srvsim(['run', SMALL, '--quiet', '--workers', '0', '--out', out]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(`being written by another srvsim run (pid ${process.pid}`);
    } finally {
      held.release();
    }
    expect(srvsim(['run', SMALL, '--quiet', '--workers', '0', '--out', out]).status).toBe(0);
  });
});

describe('check --junit', () => {
  it('refuses to replace a file it did not write (exit 2), before simulating', () => {
    const user = usersFolder();
    const before = user.bytes();
    const r = srvsim(['check', SMALL, '--workers', '0', '--junit', join(user.dir, 'data.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/data\.csv exists and was not written by srvsim/);
    expect(user.bytes()).toBe(before);
  });
});
