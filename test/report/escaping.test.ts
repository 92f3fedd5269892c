/**
 * Model-supplied strings are data, never markup or formulas: a hostile scenario name, title, capacity
 * component, provenance source and cohort names render as text in the page and the SVGs, stay inside
 * their Markdown table cells, and a cohort named like a formula is neutralised in the CSV.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html.js';
import { type ReportFile, reportFiles } from '../../src/report/index-files.js';
import { HOSTILE, hostileRun } from './hostile.js';
import { runInfo } from './fixture.js';

let files: ReportFile[];
const text = (path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f || typeof f.contents !== 'string') throw new Error(`no text file ${path}`);
  return f.contents;
};

beforeAll(async () => {
  const { scenario, run } = await hostileRun();
  files = await reportFiles(scenario, run, runInfo(scenario, 1));
});

describe('escaping of model-supplied strings', () => {
  it('escapeHtml turns every markup character into an entity', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });

  it('report.html carries no injected element, only the text', () => {
    const html = text('report.html');
    expect(html).not.toMatch(/<img|<script|<svg onload|<b>bold/i);
    expect(html).toContain(escapeHtml(HOSTILE.name));
    expect(html).toContain(escapeHtml(HOSTILE.title));
    expect(html).toContain(escapeHtml(HOSTILE.source));
    expect(html).toContain(escapeHtml(HOSTILE.formulaCohort));
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
  });

  it('every SVG escapes the names it draws', () => {
    for (const f of files.filter((x) => x.path.endsWith('.svg'))) {
      expect(f.contents, f.path).not.toMatch(/<img|<script|<svg onload/i);
    }
    expect(text('charts/secure-tps.svg')).toContain('&lt;svg onload=alert(3)&gt;');
    expect(text('charts/cohorts.svg')).toContain('&lt;img src=y onerror=alert(4)&gt;|pipe');
  });

  it('summary.md keeps each name inside its table cell and inert as HTML', () => {
    const md = text('summary.md');
    expect(md).not.toMatch(/<img|<script|<svg/i);
    const row = md.split('\n').find((l) => l.includes('onerror=alert(4)'));
    expect(row).toBe('| &lt;img src=y onerror=alert(4)>\\|pipe | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('Title \\| with &lt;b>bold&lt;/b> & "quotes"');
  });

  it('per-cohort.csv neutralises a formula and quotes what needs quoting', () => {
    const csv = text('per-cohort.csv').split('\n');
    expect(csv[0]).toBe('cohort,srs,dlms_commands,alerts,responded,expired');
    expect(csv[1]?.startsWith('<img src=y onerror=alert(4)>|pipe,')).toBe(true);
    expect(csv[2]?.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
  });
});
