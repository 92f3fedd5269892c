/** The README says what the tool does: its table of defaults is the tool's own output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assumptionsMarkdown } from '../../src/report/assumptions.js';
import { ROOT, shipped } from '../helpers/scenarios.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('lists every default number with its provenance exactly as `srvsim assumptions` prints it (npm run docs)', async () => {
    const s = await shipped();
    const block = readme.slice(readme.indexOf('<!-- assumptions:begin -->\n') + 27, readme.indexOf('<!-- assumptions:end -->'));
    expect(block).toBe(assumptionsMarkdown(s.provenance));
    expect(s.provenance.length).toBeGreaterThan(50);
    for (const e of s.provenance) expect(e.source).toMatch(/seed §|seed App\.|public:|assumed:/);
  });
  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
