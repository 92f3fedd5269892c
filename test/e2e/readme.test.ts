/** The README and docs/ say what the tool does: the table of defaults is the tool's own output. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assumptionsMarkdown } from '../../src/report/assumptions.js';
import { ROOT, shipped } from '../helpers/scenarios.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
  it('stays short (about 10 KB) and every page it links to exists', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(10_500);
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of links) expect(existsSync(join(ROOT, link)), link).toBe(true);
  });
});

describe('docs/assumptions.md', () => {
  it('lists every default number with its provenance exactly as `srvsim assumptions` prints it (npm run docs)', async () => {
    const page = readFileSync(`${ROOT}/docs/assumptions.md`, 'utf8');
    const s = await shipped();
    const block = page.slice(page.indexOf('<!-- assumptions:begin -->\n') + 27, page.indexOf('<!-- assumptions:end -->'));
    expect(block).toBe(assumptionsMarkdown(s.provenance));
    expect(s.provenance.length).toBeGreaterThan(50);
    for (const e of s.provenance) expect(e.source).toMatch(/seed §|seed App\.|public:|assumed:/);
  });
});
