/**
 * `verifyReportDir` / `srvsim verify`: whatever a report folder holds, the answer is a list of problems
 * naming each entry and exit 3, never a crash; nothing outside the folder is read (entries with `..`
 * or an absolute path, symlinks inside the report, which are never followed).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { verifyReportDir } from '../../src/app/verify.js';
import { verifyCommand } from '../../src/cli/verify.js';
import { ROOT } from '../helpers/scenarios.js';

const tmp = mkdtempSync(join(tmpdir(), 'srvsim-verify-app-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const entry = (path: string, contents: string | Uint8Array) => ({ path, sha256: hash(contents), bytes: Buffer.byteLength(contents) });
const FILES: Record<string, string> = { 'summary.md': '# s\n', 'charts/a.svg': '<svg/>' };
const posix = process.platform !== 'win32';

let n = 0;
/** A fresh report folder: FILES and a manifest listing them (plus `extra` entries, raw). */
function report(extra: readonly unknown[] = [], manifest?: unknown): string {
  const dir = join(tmp, `r${n++}`);
  for (const [path, contents] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  const outputs = [...Object.entries(FILES).map(([p, c]) => entry(p, c)), ...extra];
  writeFileSync(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest ?? { tool: { name: 'srvsim' }, outputs }));
  return dir;
}

/** A file outside every report, with its manifest entry: a report must never read it. */
function outside(): { path: string; contents: string } {
  const path = join(tmp, `outside-${n++}.txt`);
  writeFileSync(path, 'secret\n');
  return { path, contents: 'secret\n' };
}

const problems = (dir: string) => {
  const outcome = verifyReportDir(dir);
  return outcome.ok ? [] : outcome.problems;
};

describe('verifyReportDir', () => {
  it('passes an intact report, nested folders included', () => {
    expect(verifyReportDir(report())).toEqual({ ok: true, files: 2 });
  });

  it('names a missing folder and a regular file given as the folder', () => {
    expect(problems(join(tmp, 'nope'))).toEqual([`${join(tmp, 'nope')}: no such folder`]);
    const file = join(tmp, 'a-file.txt');
    writeFileSync(file, 'x');
    expect(problems(file)).toEqual([`${file}: a file, not a report folder`]);
    expect(problems(join(file, 'below'))[0]).toMatch(/no such folder/);
  });

  it('names a manifest that is a folder, a symlink, not JSON, not an object or without outputs', () => {
    const dirManifest = report();
    rmSync(join(dirManifest, 'manifest.json'));
    mkdirSync(join(dirManifest, 'manifest.json'));
    expect(problems(dirManifest)).toEqual([`${join(dirManifest, 'manifest.json')}: not a regular file (a folder) — this folder is not a complete report`]);
    for (const [text, why] of [
      ['{', /unreadable \(.*JSON/],
      ['null', /not a JSON object/],
      ['[1]', /not a JSON object/],
      ['{"outputs":{}}', /no "outputs" list/],
      ['"x"', /not a JSON object/],
    ] as const) {
      expect(problems(report([], text)), text).toEqual([expect.stringMatching(why)]);
    }
  });

  it.runIf(posix)('does not follow a manifest that is a symlink', () => {
    const good = report();
    const dir = report();
    rmSync(join(dir, 'manifest.json'));
    symlinkSync(join(good, 'manifest.json'), join(dir, 'manifest.json'));
    expect(problems(dir)).toEqual([expect.stringMatching(/manifest\.json: not a regular file \(a symlink\)/)]);
  });

  it('names every malformed entry by its place in the list, and checks the rest', () => {
    const good = entry('summary.md', FILES['summary.md'] as string);
    const dir = report([null, 5, 'summary.md', [], {}, { path: 1 }, { path: 'x', sha256: 'abc' }, { ...good, bytes: -1 }, { ...good, bytes: '4' }]);
    const p = problems(dir);
    expect(p).toHaveLength(9);
    expect(p[0]).toBe(`${join(dir, 'manifest.json')}: outputs entry 3 is malformed: not an object (null)`);
    expect(p[1]).toMatch(/outputs entry 4 is malformed: not an object \(number\)/);
    expect(p[2]).toMatch(/outputs entry 5 is malformed: not an object \(string\)/);
    expect(p[3]).toMatch(/outputs entry 6 is malformed: not an object \(a list\)/);
    expect(p[4]).toMatch(/outputs entry 7 is malformed: no "path" string/);
    expect(p[5]).toMatch(/outputs entry 8 is malformed: no "path" string/);
    expect(p[6]).toMatch(/outputs entry 9 is malformed: "x": no "sha256" of 64 hex digits/);
    expect(p[7]).toMatch(/outputs entry 10 is malformed: "summary.md": "bytes" is not a whole number/);
    expect(p[8]).toMatch(/outputs entry 11 is malformed/);
  });

  it('never reads an entry outside the folder, even one whose hash would match', () => {
    const o = outside();
    const rel = `../${o.path.split(/[\\/]/).pop()}`;
    const paths = [rel, `charts/../${rel}`, o.path, 'C:/x', 'C:x', '\\\\server\\share\\x', 'charts\\a.svg', './summary.md', 'charts//a.svg', 'charts/', '', 'a\0b'];
    const dir = report(paths.map((p) => entry(p, o.contents)));
    const p = problems(dir);
    expect(p).toHaveLength(paths.length);
    paths.forEach((path, i) => expect(p[i], path).toMatch(new RegExp(`outputs entry ${i + 3}, ${JSON.stringify(path).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: .* — not read$`)));
    expect(p[0]).toMatch(/outside the report folder/);
    expect(p[2]).toMatch(/an absolute path/);
  });

  it.runIf(posix)('never follows a symlink inside the report: listed, on the way to a file, or not listed', () => {
    const o = outside();
    const dir = report([entry('link.txt', o.contents), entry('sub/secret.txt', o.contents)]);
    symlinkSync(o.path, join(dir, 'link.txt'));
    mkdirSync(join(tmp, `outdir-${n}`));
    writeFileSync(join(tmp, `outdir-${n}`, 'secret.txt'), o.contents);
    symlinkSync(join(tmp, `outdir-${n}`), join(dir, 'sub'));
    symlinkSync(join(dir, 'summary.md'), join(dir, 'charts', 'inner-link.md'));
    expect([...problems(dir)].sort()).toEqual(
      [
        `${join(dir, 'charts', 'inner-link.md')}: not part of the report (a symlink)`,
        `${join(dir, 'link.txt')}: not a regular file (a symlink)`,
        `${join(dir, 'sub')}: not part of the report (a symlink)`,
        `${join(dir, 'sub', 'secret.txt')}: reached through a symlink (sub), not followed`,
      ].sort(),
    );
  });

  it.runIf(posix)('names dangling and looping symlinks instead of crashing', () => {
    const dir = report([entry('loop', 'x'), entry('charts/dangling.svg', 'x')]);
    symlinkSync('loop', join(dir, 'loop'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'charts', 'dangling.svg'));
    symlinkSync(join(dir, 'also-nowhere'), join(dir, 'unlisted-dangling'));
    symlinkSync('loop2', join(dir, 'loop2'));
    expect([...problems(dir)].sort()).toEqual(
      [
        `${join(dir, 'charts', 'dangling.svg')}: not a regular file (a symlink)`,
        `${join(dir, 'loop')}: not a regular file (a symlink)`,
        `${join(dir, 'loop2')}: not part of the report (a symlink)`,
        `${join(dir, 'unlisted-dangling')}: not part of the report (a symlink)`,
      ].sort(),
    );
  });

  it('names a folder where a file is listed, a file where a folder is needed, and a file listed twice', () => {
    const dir = report([entry('data', 'x'), entry('summary.md/below', 'x'), entry('summary.md', FILES['summary.md'] as string), entry('manifest.json', 'x')]);
    mkdirSync(join(dir, 'data'));
    expect(problems(dir)).toEqual([
      `${join(dir, 'data')}: not a regular file (a folder)`,
      `${join(dir, 'summary.md', 'below')}: missing (summary.md is not a folder)`,
      `${join(dir, 'manifest.json')}: outputs entry 5, "summary.md": listed twice`,
      `${join(dir, 'manifest.json')}: outputs entry 6, "manifest.json": the manifest cannot list itself`,
    ]);
  });

  it.runIf(posix)('names a pipe without reading it (reading one would wait for ever)', () => {
    const dir = report([entry('fifo', 'x')]);
    const made = spawnSync('mkfifo', [join(dir, 'fifo'), join(dir, 'charts', 'other-fifo')]);
    if (made.status !== 0) return;
    expect([...problems(dir)].sort()).toEqual([`${join(dir, 'charts', 'other-fifo')}: not part of the report (a pipe)`, `${join(dir, 'fifo')}: not a regular file (a pipe)`]);
  });

  it('still names files changed, missing or not listed', () => {
    const dir = report([entry('gone.txt', 'x')]);
    writeFileSync(join(dir, 'summary.md'), '# S\n');
    writeFileSync(join(dir, 'charts', 'a.svg'), '<svg/>\n');
    writeFileSync(join(dir, 'charts', 'extra\nname.svg'), '');
    expect(problems(dir)).toEqual([
      `${join(dir, 'summary.md')}: changed since the run (SHA-256 differs)`,
      `${join(dir, 'charts', 'a.svg')}: changed since the run (7 bytes; the manifest says 6)`,
      `${join(dir, 'gone.txt')}: missing`,
      `${JSON.stringify(join(dir, 'charts', 'extra\nname.svg'))}: not part of the report`,
    ]);
  });

  it('hashes a file larger than its read chunk', () => {
    const big = new Uint8Array(5 * (1 << 20) + 123).map((_, i) => (i * 31) & 0xff);
    const dir = report([entry('big.bin', big)]);
    writeFileSync(join(dir, 'big.bin'), big);
    expect(verifyReportDir(dir)).toEqual({ ok: true, files: 3 });
    big[big.length - 1] = (big[big.length - 1] as number) ^ 1;
    writeFileSync(join(dir, 'big.bin'), big);
    expect(problems(dir)).toEqual([`${join(dir, 'big.bin')}: changed since the run (SHA-256 differs)`]);
  });
});

describe('srvsim verify', () => {
  const run = (dir: string) => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const code = verifyCommand(dir, {});
    vi.restoreAllMocks();
    return { code, out: out.join(''), err: err.join('') };
  };

  it('exits 0 for an intact report and 3, naming the problem, for a missing folder, a file or a broken manifest', () => {
    expect(run(report())).toMatchObject({ code: 0, err: '' });
    expect(run(join(tmp, 'nope'))).toMatchObject({ code: 3, err: `${join(tmp, 'nope')}: no such folder\n` });
    const file = join(tmp, 'plain.txt');
    writeFileSync(file, 'x');
    expect(run(file)).toMatchObject({ code: 3, err: `${file}: a file, not a report folder\n` });
    expect(run(report([null]))).toMatchObject({ code: 3, err: expect.stringMatching(/outputs entry 3 is malformed/) });
  });

  it.runIf(posix)('end to end: a dangling symlink and an entry outside the folder exit 3 without a stack trace', () => {
    const dir = report([entry('../x', 'x')]);
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'verify', dir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toBe(`${join(dir, 'manifest.json')}: outputs entry 3, "../x": a path outside the report folder — not read\n${join(dir, 'dangling')}: not part of the report (a symlink)\n`);
  });
});
