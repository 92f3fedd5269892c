import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, writeReportDir } from '../../src/app/write-files.js';

describe('writeReportDir', () => {
  it('writes every file, the last one last, into a folder renamed into place', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'srvsim-w-')), 'r');
    writeReportDir(dir, [{ path: 'a.txt', contents: 'a' }, { path: 'charts/b.svg', contents: new Uint8Array([60, 62]) }], { path: 'manifest.json', contents: '{}' });
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'charts', 'manifest.json']);
    expect(readFileSync(join(dir, 'charts', 'b.svg'), 'utf8')).toBe('<>');
  });
  it('refuses names that would leave the folder, and writes nothing', () => {
    const parent = mkdtempSync(join(tmpdir(), 'srvsim-w-'));
    for (const path of ['../escape.txt', 'charts/../../x', '/etc/x', 'a\0b']) {
      expect(() => writeReportDir(join(parent, 'r'), [{ path, contents: 'x' }])).toThrow(OutputError);
    }
    expect(existsSync(join(parent, 'r'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
