/** A huge input table is refused from its size, quickly and with bounded memory. */
import { copyFileSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/model/load.js';
import * as msg from '../../src/model/messages.js';
import { ROOT } from './helpers.js';

describe('a 1 GB CSV table', () => {
  it('is refused by size with the file named, without reading it into memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-big-'));
    const big = join(dir, 'cohorts.csv');
    copyFileSync(join(ROOT, 'data', 'cohorts.csv'), big);
    truncateSync(big, 2 ** 30); // sparse: 1 GiB on paper, instant to make
    writeFileSync(join(dir, 'model.yaml'), `extends: ${join(ROOT, 'models', 'mp192-baseline.yaml')}\ndata:\n  cohorts: ./cohorts.csv\n`);
    const rssBefore = process.memoryUsage().rss;
    const result = await loadScenario(join(dir, 'model.yaml'));
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.map((i) => i.message);
    expect(messages).toContain(msg.fileTooLarge(big, 2 ** 30, 64 * 2 ** 20));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 2 ** 20);
  });
});
