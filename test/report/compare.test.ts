/**
 * The comparison and sensitivity reports: a hostile scenario name stays text in the HTML, the SVGs
 * and the Markdown tables; and `compareCommand` end to end — a sweep file (one placement by path, one
 * inline) writes a verifiable folder, a bad sweep or a single scenario exits 2 and writes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyReportDir } from '../../src/app/verify.js';
import { compareCommand } from '../../src/cli/compare.js';
import { compareFiles, sensitivityFiles } from '../../src/report/compare/files.js';
import { escapeHtml } from '../../src/report/html.js';
import type { ReportFile } from '../../src/report/index-files.js';
import { ROOT } from '../helpers/scenarios.js';
import { FIXED, fixedComparison } from '../helpers/compare-fixed.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>|pipe';
const TITLE = 'Title | with <b>bold</b> & "quotes"';
const INFO = { seed: 1, replications: 2, workers: 0, toolVersion: '0.0.0-test', nodeVersion: 'v20-test', inputs: ['<svg onload=alert(2)>.yaml'] };
const text = (files: readonly ReportFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f || typeof f.contents !== 'string') throw new Error(`no text file ${path}`);
  return f.contents;
};

function expectInert(files: readonly ReportFile[], page: string, md: string): void {
  const html = text(files, page);
  expect(html).not.toMatch(/<img|<script|<svg onload|<b>bold/i);
  expect(html).toContain(escapeHtml(HOSTILE));
  expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  const svgs = files.filter((x) => x.path.endsWith('.svg'));
  expect(svgs.length, 'chart SVGs to check').toBeGreaterThan(0);
  for (const f of svgs) expect(f.contents as string, f.path).not.toMatch(/<img|<script/i);
  const markdown = text(files, md);
  expect(markdown).not.toMatch(/<img|<script/i);
  // The pipe in the name is escaped: every table row keeps its column count.
  const named = markdown.split('\n').filter((l) => l.includes('&lt;/script>'));
  expect(named.length, 'Markdown lines naming the hostile scenario').toBeGreaterThan(0);
  for (const line of named) expect(line).toContain('\\|pipe');
}

describe('escaping of model-supplied strings', () => {
  it('compare.html, compare.md and the chart SVGs keep a hostile scenario name as text', async () => {
    const files = await compareFiles(fixedComparison(HOSTILE, TITLE), INFO);
    expectInert(files, 'compare.html', 'compare.md');
    expect(JSON.parse(text(files, 'compare.json')).ranking[1].scenario).toBe(HOSTILE);
  });

  it('sensitivity.html and .md keep a hostile scenario name as text', async () => {
    const files = await sensitivityFiles({ ...FIXED, scenario: HOSTILE, title: TITLE }, INFO);
    expectInert(files, 'sensitivity.html', 'sensitivity.md');
  });
});

describe('compareCommand', () => {
  const out: string[] = [];
  const err: string[] = [];
  const capture = () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  };
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
  });
  const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'compare', name);

  it('runs a sweep file (a placement by path and one inline) and writes a verifiable report folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'srvsim-compare-')), 'r');
    capture();
    const code = await compareCommand([fixture('sweep.yaml')], { seed: 5, replications: 1, workers: 0, out: dir, quiet: true });
    vi.restoreAllMocks();
    expect(code, err.join('')).toBe(0);
    // Both fit; the smaller minimum Secure headroom puts evening-small second.
    //  - Fit: at Secure the discrete baseline peaks at 225 TPS mean (50% of 450, 00:00–01:00) and 20 000 SRs
    //    add a few TPS where they land; the DCO's ceiling is 1.2 × its busiest baseline hour and the SRs add
    //    tens of commands a second against ~1 086/s of room.
    //  - Minimum Secure headroom, 1 s = 450 − the busiest second offered. Both runs share the baseline's
    //    arrivals (same seed and capacity: common random numbers), whose busiest seconds fall in the 225 TPS
    //    hour 00:00–01:00. The measured day is a steady state: yesterday's 22:00–24:00 SRs of evening-small
    //    still answer, retry and expire after midnight, on top of that hour's baseline, while p2-small's
    //    (placed from 06:00) leave it nearly untouched — so evening's busiest second is higher (278 against
    //    277 at seed 5) and its headroom smaller.
    const stdout = out.join('');
    expect(stdout).toMatch(/Ranking and transaction-ceiling load.*\n.*\n1 +p2-small +fits .*\n2 +evening-small +fits /);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'compare.html', 'compare.json', 'compare.md', 'manifest.json']);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['headline-figures', 'tps-by-minute'].flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]));
    expect(verifyReportDir(dir)).toEqual({ ok: true, files: 9 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const inputs: string[] = manifest.inputs.map((i: { path: string }) => i.path);
    expect(inputs).toContain(fixture('sweep.yaml'));
    // No temporary inline model (written to a srvsim-sweep-* folder and deleted) among the inputs.
    expect(inputs.every((p) => !p.includes(`${sep}srvsim-sweep-`) && existsSync(p))).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));
    type Ranked = { scenario: string; rank: number; feasible: boolean; figures: Record<string, { mean: number }> };
    const ranking: Ranked[] = json.ranking;
    expect(ranking.map((r) => [r.rank, r.scenario, r.feasible])).toEqual([
      [1, 'p2-small', true],
      [2, 'evening-small', true],
    ]);
    const [p2, evening] = ranking as [Ranked, Ranked];
    // The argument above: evening's busiest second is higher, so its headroom smaller.
    expect(evening.figures.secureMinHeadroom1s!.mean).toBeLessThan(p2.figures.secureMinHeadroom1s!.mean);
    expect(450 - evening.figures.secureMinHeadroom1s!.mean).toBe(evening.figures.securePeak1s!.mean);
    expect(evening.figures.securePeak1s!.mean).toBeGreaterThan(225);
    expect(evening.figures.securePeak1s!.mean).toBeLessThan(300);
    // Both p99s lie in the long-retry tail (hours), where placement barely matters: within 2% (a couple
    // of the histogram's 1/64-wide buckets) of each other.
    expect(Math.abs(evening.figures.completionP99S!.mean / p2.figures.completionP99S!.mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(evening.figures.completionP99S!.mean - 4 * 3650)).toBeLessThan(400);
  }, 120_000);

  it('exits 2 naming the sweep entry for a bad inline placement, and for fewer than two scenarios', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'srvsim-compare-')), 'r');
    capture();
    const bad = await compareCommand([fixture('sweep-bad.yaml')], { workers: 0, out: dir });
    const one = await compareCommand([fixture('p2-small.yaml')], { workers: 0, out: dir });
    vi.restoreAllMocks();
    expect(bad).toBe(2);
    expect(err.join('')).toMatch(/sweep-bad\.yaml:5:\d+ placements\[1\]\.windows\[0\]\.end: window end must be after its start/);
    expect(one).toBe(2);
    expect(err.join('')).toMatch(/at least two scenarios/);
    expect(existsSync(dir)).toBe(false);
  });
});
