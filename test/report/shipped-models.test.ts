/**
 * Every shipped model, shrunk to 5 000 SRs over 30 h, produces a complete report folder: the page,
 * the Markdown summary, the per-cohort CSV and every chart as spec, SVG and PNG — none empty.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReportDir } from '../../src/app/write-files.js';
import { chartSpecs } from '../../src/report/charts/index.js';
import { reportFiles } from '../../src/report/index-files.js';
import { ROOT } from '../helpers/scenarios.js';
import { runInfo, smallRun } from './fixture.js';

const MODELS = readdirSync(join(ROOT, 'models'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const tmp = mkdtempSync(join(tmpdir(), 'srvsim-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('every shipped model produces a complete report folder', () => {
  it('finds the shipped models', () => expect(MODELS.length).toBeGreaterThanOrEqual(10));

  for (const name of MODELS) {
    it(name, async () => {
      const { scenario, run } = await smallRun(name, 1);
      const files = await reportFiles(scenario, run, runInfo(scenario, 1));
      const dir = join(tmp, name);
      await writeReportDir({ dir }, files);
      const charts = chartSpecs(scenario, run).map((c) => c.name);
      expect(charts).toEqual(expect.arrayContaining(['backlog', 'completion-cdf', 'responses-by-clock', 'cohorts']));
      if (scenario.capacities.some((c) => c.currency === 'transactions')) expect(charts).toEqual(expect.arrayContaining(['secure-tps', 'busiest-hour']));
      if (scenario.capacities.some((c) => c.currency === 'dlms')) expect(charts).toContain('dlms-hourly');
      const expected = ['report.html', 'summary.md', 'per-cohort.csv', ...charts.flatMap((c) => [`charts/${c}.vl.json`, `charts/${c}.svg`, `charts/${c}.png`])];
      for (const f of expected) {
        expect(existsSync(join(dir, f)), f).toBe(true);
        expect(statSync(join(dir, f)).size, f).toBeGreaterThan(100);
      }
      for (const c of charts) {
        const svg = readFileSync(join(dir, 'charts', `${c}.svg`), 'utf8');
        expect(svg.startsWith('<svg'), c).toBe(true);
        expect(svg, c).toMatch(/role-mark/);
        expect([...readFileSync(join(dir, 'charts', `${c}.png`)).subarray(0, 4)], c).toEqual(PNG_MAGIC);
        expect(() => JSON.parse(readFileSync(join(dir, 'charts', `${c}.vl.json`), 'utf8')), c).not.toThrow();
      }
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html.match(/<figure id="chart-/g)).toHaveLength(charts.length);
      expect(html).toContain('Verdict:');
    });
  }
});
