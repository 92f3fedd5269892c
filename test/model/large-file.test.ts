/** A table too large to load is streamed once with bounded memory, and refused with its problems named. */
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ROWS } from '../../src/model/csv-stream.js';
import { formatIssue, MAX_INPUT_BYTES } from '../../src/model/issues.js';
import { loadScenario } from '../../src/model/load.js';
import * as msg from '../../src/model/messages.js';
import { ROOT } from './helpers.js';

function modelFor(dir: string): string {
  const model = join(dir, 'model.yaml');
  writeFileSync(model, `extends: ${join(ROOT, 'models', 'mp192-baseline.yaml')}\ndata:\n  cohorts: ./cohorts.csv\n`);
  return model;
}

describe('a 1 GB CSV table', () => {
  it('is streamed with bounded memory: size, row count and a bad record are reported with their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-big-'));
    const big = join(dir, 'cohorts.csv');
    const [header, row] = readFileSync(join(ROOT, 'data', 'cohorts.csv'), 'utf8').split('\n');
    // 1 GiB of real rows, written in 8 MiB blocks; one short record on line 3.
    const block = Buffer.from(`${row}\n`.repeat(Math.ceil((8 << 20) / (row!.length + 1))));
    const fd = openSync(big, 'w');
    writeSync(fd, `${header}\n${row}\nX,Secure\n`);
    let bytes = 0;
    while (bytes < 2 ** 30) bytes += writeSync(fd, block);
    closeSync(fd);
    const rows = 2 + Math.round(bytes / Buffer.byteLength(`${row}\n`));
    const rssBefore = process.memoryUsage().rss;
    const result = await loadScenario(modelFor(dir));
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    rmSync(dir, { recursive: true, force: true });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.issues.map(formatIssue);
    expect(lines[0]).toContain(msg.fileTooLarge(big, bytes + Buffer.byteLength(`${header}\n${row}\nX,Secure\n`), MAX_INPUT_BYTES));
    expect(lines).toContain(`${big}:3:1 cohorts.csv: ${msg.csvFieldCount(2, 3, 2, 8)}`);
    expect(lines).toContain(`${big}:1:1 cohorts.csv: ${msg.tooManyRows(rows, MAX_TABLE_ROWS)}`);
    expect(rssGrowth).toBeLessThan(256 * 2 ** 20);
  }, 120_000);

  it('of NUL bytes (a sparse file) is refused as UTF-16 from its first block, without reading on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-big-'));
    const big = join(dir, 'cohorts.csv');
    copyFileSync(join(ROOT, 'data', 'cohorts.csv'), big);
    truncateSync(big, 2 ** 30); // 1 GiB on paper: the original rows, then NUL bytes
    const result = await loadScenario(modelFor(dir));
    const messages = result.ok ? [] : result.issues.map((i) => i.message);
    expect(messages).toContain(msg.fileTooLarge(big, 2 ** 30, MAX_INPUT_BYTES));
    expect(messages).toContain(msg.utf16());
  });
});
