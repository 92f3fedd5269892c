/** Which folders a report may go to, the claim on one, and recovery from a run killed mid-swap. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimReportDir, OutputBusyError, OutputChoiceError } from '../../src/app/output-dir.js';
import { PARTIAL_MARKER, siblings, writeReportDir } from '../../src/app/write-files.js';

const manifest = (n: number) => ({ path: 'manifest.json', contents: JSON.stringify({ tool: { name: 'srvsim' }, n }) });
const fresh = () => mkdtempSync(join(tmpdir(), 'srvsim-od-'));

/** Every file under `dir` with its contents, to show a folder is byte-identical after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) out[`${rel}${e.name}`] = `-> ${readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p, `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(p, 'base64');
    }
  };
  walk(dir, '');
  return out;
}

async function report(dir: string, n: number): Promise<void> {
  const claim = claimReportDir(dir, []);
  try {
    await writeReportDir(claim, [{ path: 'n.txt', contents: String(n) }], manifest(n));
  } finally {
    claim.release();
  }
}

describe('claimReportDir: what may be written', () => {
  it('a missing folder (created with its parents), an empty one, and an earlier srvsim report', async () => {
    const parent = fresh();
    await report(join(parent, 'a', 'b', 'r'), 1);
    expect(readFileSync(join(parent, 'a', 'b', 'r', 'n.txt'), 'utf8')).toBe('1');
    mkdirSync(join(parent, 'empty'));
    await report(join(parent, 'empty'), 2);
    await report(join(parent, 'empty'), 3);
    expect(readFileSync(join(parent, 'empty', 'n.txt'), 'utf8')).toBe('3');
    expect(readdirSync(parent).sort()).toEqual(['a', 'empty']);
  });

  it('refuses a folder of the user’s, a file, a symlink, a folder inside a report — and leaves each byte-identical', async () => {
    const parent = fresh();
    const user = join(parent, 'user');
    mkdirSync(join(user, 'sub'), { recursive: true });
    writeFileSync(join(user, 'notes.txt'), 'mine');
    writeFileSync(join(user, 'sub', 'manifest.json'), '{"tool":{"name":"other"}}');
    writeFileSync(join(parent, 'file.txt'), 'a file');
    symlinkSync(user, join(parent, 'link'));
    await report(join(parent, 'rep'), 1);
    const before = snapshot(parent);
    const cases: [string, RegExp][] = [
      [user, /folder srvsim did not write .*holds 2 entries/],
      [join(user, 'sub'), /folder srvsim did not write/],
      [join(parent, 'file.txt'), /not a folder/],
      [join(parent, 'link'), /symbolic link/],
      [join(parent, 'rep', 'inner'), /inside the srvsim report/],
    ];
    for (const [dir, message] of cases) {
      expect(() => claimReportDir(dir, []), dir).toThrow(OutputChoiceError);
      expect(() => claimReportDir(dir, []), dir).toThrow(message);
    }
    expect(snapshot(parent)).toEqual(before);
  });

  it('refuses the current folder, an ancestor of it, and a folder that holds an input', () => {
    const parent = fresh();
    const cwd = process.cwd();
    mkdirSync(join(parent, 'work', 'models'), { recursive: true });
    writeFileSync(join(parent, 'work', 'models', 'm.yaml'), 'x');
    try {
      process.chdir(join(parent, 'work'));
      expect(() => claimReportDir(join(parent, 'work'), [])).toThrow(/current folder/);
      expect(() => claimReportDir(parent, [])).toThrow(/current folder/);
    } finally {
      process.chdir(cwd);
    }
    expect(() => claimReportDir(join(parent, 'work', 'models'), [join(parent, 'work', 'models', 'm.yaml')])).toThrow(/contains the input/);
  });
});

describe('claimReportDir: one run at a time', () => {
  it('refuses a second claim while the first is held, naming the holder; free again after release', () => {
    const dir = join(fresh(), 'r');
    const first = claimReportDir(dir, []);
    let err: unknown;
    try {
      claimReportDir(dir, []);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutputBusyError);
    expect(String((err as Error).message)).toContain(`pid ${process.pid}`);
    first.release();
    claimReportDir(dir, []).release();
  });

  it('takes over the claim of a run that is gone', () => {
    const dir = join(fresh(), 'r');
    const { lock } = siblings(dir);
    // A pid far above any Linux pid_max: no such process.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: hostname(), started: 'then', command: 'srvsim run' }));
    const claim = claimReportDir(dir, []);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    claim.release();
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });
});

describe('a run killed at any point of the swap', () => {
  // The states a report folder passes through while `n` replaces report 1, as a kill would leave them.
  async function stateAt(step: 'writing' | 'written' | 'moved-aside' | 'swapped'): Promise<string> {
    const parent = fresh();
    const dir = join(parent, 'r');
    await report(dir, 1);
    const s = siblings(dir);
    const tmp = s.tmp(999_999);
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'n.txt'), '2');
    if (step === 'writing') {
      writeFileSync(join(tmp, PARTIAL_MARKER), '');
    } else {
      writeFileSync(join(tmp, 'manifest.json'), manifest(2).contents);
      if (step === 'moved-aside' || step === 'swapped') {
        renameSync(dir, s.old(999_999));
        if (step === 'swapped') renameSync(tmp, dir);
      }
    }
    writeFileSync(s.lock, JSON.stringify({ pid: 2 ** 30, host: hostname(), started: 'then', command: 'killed' }));
    return dir;
  }

  // Which report DIR holds after the claim: the previous one (1) until the swap's second rename, the new
  // one (2) after it; a finished but unswapped temporary folder is a leftover, not a report.
  const expectedAfterClaim = { writing: '1', written: '1', 'moved-aside': '1', swapped: '2' } as const;
  for (const step of ['writing', 'written', 'moved-aside', 'swapped'] as const) {
    it(`(${step}) leaves a report at DIR or one the next claim puts back; the next run cleans up`, async () => {
      const dir = await stateAt(step);
      const claim = claimReportDir(dir, []);
      // Right after the claim, before anything is written, DIR holds a complete report again.
      expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).tool.name).toBe('srvsim');
      expect(readFileSync(join(dir, 'n.txt'), 'utf8')).toBe(expectedAfterClaim[step]);
      expect(readdirSync(join(dir, '..')).sort()).toEqual(['.r.lock', 'r']);
      await writeReportDir(claim, [{ path: 'n.txt', contents: '3' }], manifest(3));
      claim.release();
      expect(readdirSync(join(dir, '..'))).toEqual(['r']);
      expect(readFileSync(join(dir, 'n.txt'), 'utf8')).toBe('3');
    });
  }

  it('never removes a look-alike of the user’s beside DIR (no marker, no srvsim manifest)', async () => {
    const parent = fresh();
    mkdirSync(join(parent, '.r.tmp-12'));
    writeFileSync(join(parent, '.r.tmp-12', 'keep.txt'), 'mine');
    await report(join(parent, 'r'), 1);
    expect(readFileSync(join(parent, '.r.tmp-12', 'keep.txt'), 'utf8')).toBe('mine');
  });
});
