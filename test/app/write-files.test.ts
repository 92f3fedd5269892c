import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOwnedFile, InterruptedError, OutputError, OutputOwnershipError, writeOwnedFile, writeReportDir } from '../../src/app/write-files.js';

const manifest = (n: number) => ({ path: 'manifest.json', contents: JSON.stringify({ tool: { name: 'srvsim' }, n }) });

describe('writeReportDir', () => {
  it('writes every file, the last one last, into a folder renamed into place', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'srvsim-w-')), 'r');
    await writeReportDir(
      { dir },
      [
        { path: 'a.txt', contents: 'a' },
        { path: 'charts/b.svg', contents: new Uint8Array([60, 62]) },
      ],
      { path: 'manifest.json', contents: '{}' },
    );
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'charts', 'manifest.json']);
    expect(readFileSync(join(dir, 'charts', 'b.svg'), 'utf8')).toBe('<>');
  });
  it('replaces an earlier report whole and leaves nothing beside it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-w-'));
    const dir = join(parent, 'r');
    await writeReportDir({ dir }, [{ path: 'old-only.txt', contents: 'x' }], manifest(1));
    await writeReportDir({ dir }, [{ path: 'a.txt', contents: 'a' }], manifest(2));
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'manifest.json']);
    expect(readdirSync(parent)).toEqual(['r']);
  });
  it('refuses names that would leave the folder, and writes nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-w-'));
    for (const path of ['../escape.txt', 'charts/../../x', '/etc/x', 'a\0b']) {
      await expect(writeReportDir({ dir: join(parent, 'r') }, [{ path, contents: 'x' }])).rejects.toThrow(OutputError);
    }
    expect(existsSync(join(parent, 'r'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
  it('once the signal is aborted, swaps nothing in and removes its temporary folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-w-'));
    const dir = join(parent, 'r');
    await writeReportDir({ dir }, [{ path: 'a.txt', contents: 'first' }], manifest(1));
    const stop = new AbortController();
    // Aborted while the second file is being written: the check after it stops the write.
    const files = [
      { path: 'a.txt', contents: 'second' },
      { path: 'b.txt', contents: 'b' },
    ];
    const writing = writeReportDir({ dir }, files, manifest(2), stop.signal);
    stop.abort();
    await expect(writing).rejects.toThrow(InterruptedError);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('first');
    expect(readdirSync(parent)).toEqual(['r']);
  });
});

describe('writeOwnedFile', () => {
  const junitLike = (text: string) => text.startsWith('<?xml');
  it('writes a new file and replaces one it recognises', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'srvsim-o-')), 'j.xml');
    writeOwnedFile(path, '<?xml 1', junitLike, '--junit');
    writeOwnedFile(path, '<?xml 2', junitLike, '--junit');
    expect(readFileSync(path, 'utf8')).toBe('<?xml 2');
  });
  it('refuses a file it did not write, a folder, and leaves each as it was', () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-o-'));
    const mine = join(parent, 'model.yaml');
    writeFileSync(mine, 'name: precious\n');
    expect(() => writeOwnedFile(mine, '<?xml', junitLike, '--junit')).toThrow(OutputOwnershipError);
    expect(readFileSync(mine, 'utf8')).toBe('name: precious\n');
    mkdirSync(join(parent, 'folder'));
    expect(() => checkOwnedFile(join(parent, 'folder'), junitLike, '--junit')).toThrow(/not a regular file/);
    expect(readdirSync(parent).sort()).toEqual(['folder', 'model.yaml']);
  });
});
