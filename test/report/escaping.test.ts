/**
 * Model-supplied strings are data, never markup or formulas: a hostile scenario name, title, capacity
 * component, provenance source and cohort names render as text in the page and the SVGs, stay inside
 * their Markdown table cells and lines without becoming links, images, HTML or autolinks — in
 * summary.md and in compare.md, sensitivity.md and sweep.md — and a cohort named like a formula is
 * neutralised in the CSV.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFiles, sensitivityFiles } from '../../src/report/compare/files.js';
import { escapeHtml } from '../../src/report/html.js';
import { type ReportFile, reportFiles } from '../../src/report/index-files.js';
import { mdCode, mdEscape } from '../../src/report/md-escape.js';
import { sweepFiles } from '../../src/report/sweep/files.js';
import type { SweepResult } from '../../src/report/sweep/types.js';
import { FIXED, fixedComparison } from '../helpers/compare-fixed.js';
import { HOSTILE, hostileRun, MD_HOSTILE } from './hostile.js';
import { runInfo } from './fixture.js';

let files: ReportFile[];
const textOf = (all: readonly ReportFile[], path: string) => {
  const f = all.find((x) => x.path === path);
  if (!f || typeof f.contents !== 'string') throw new Error(`no text file ${path}`);
  return f.contents;
};
const text = (path: string) => textOf(files, path);

/** Is the character at `at` escaped by an odd run of backslashes before it? */
const escaped = (s: string, at: number) => {
  let n = 0;
  for (let i = at - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
};
const WORD = /[\p{L}\p{N}]/u;

/**
 * What in a Markdown file srvsim wrote could be markup that came from the model: raw HTML, an
 * unescaped link/image/code/emphasis character, an autolink, a `#` that is not our heading, or a
 * table row whose cell count differs from its header's. srvsim's own markup (headings, the bold
 * verdict, list markers, table rules, the code spans of the assumptions table) is taken off first.
 */
function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split('\n');
  if (/<[A-Za-z!/?]/.test(md)) problems.push(`raw HTML: ${md.match(/.{0,20}<[A-Za-z!/?].{0,20}/)?.[0]}`);
  let columns: number | null = null;
  for (const raw of lines) {
    if (raw.startsWith('|')) {
      let cells = 0;
      for (let i = 0; i < raw.length; i++) if (raw[i] === '|' && !escaped(raw, i)) cells++;
      columns ??= cells;
      if (cells !== columns) problems.push(`${cells - 1} cells where the header has ${columns - 1}: ${raw}`);
    } else columns = null;
    const line = raw
      .replace(/^#{2,3} /, '')
      .replace(/^\*\*(.*)\*\*$/, '$1')
      .replace(/^- /, '')
      .replace(/\| `[^`]*` \|/g, '| code |')
      .replace(/\|(---\|)+$/, '');
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (escaped(line, i)) continue;
      const bad =
        '[]`*#@'.includes(c) ||
        (c === '_' && !(WORD.test(line[i - 1] ?? '') && WORD.test(line[i + 1] ?? ''))) ||
        (c === ':' && line.startsWith('//', i + 1)) ||
        (/^www\./i.test(line.slice(i)) && !WORD.test(line[i - 1] ?? ''));
      if (bad) problems.push(`unescaped ${JSON.stringify(c)}: ${line}`);
    }
  }
  return problems;
}

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
    expect(html).not.toMatch(/<img|<script|<svg onload|<b>bold|<b>cell/i);
    expect(html).toContain(escapeHtml(HOSTILE.name));
    expect(html).toContain(escapeHtml(HOSTILE.title));
    expect(html).toContain(escapeHtml(HOSTILE.source));
    expect(html).toContain(escapeHtml(HOSTILE.formulaCohort));
    expect(html).not.toMatch(/(src|href)="(https?:|javascript:)/i);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">');
  });

  it('every SVG escapes the names it draws', () => {
    const svgs = files.filter((x) => x.path.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    for (const f of svgs) {
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

  it('summary.md shows Markdown links, images, HTML, autolinks and line breaks from the model as text', () => {
    const md = text('summary.md');
    expect(markdownProblems(md)).toEqual([]);
    const lines = md.split('\n');
    expect(lines).toContain('| !\\[x\\](http\\://evil/) | 0 | 0 | 0 | 0 | 0 |');
    expect(lines).toContain('| \\[click\\](javascript:alert(1)) | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| see \\[click\\](javascript:alert(1)) and !\\[x\\](http\\://evil/) &lt;img src=z onerror=alert(5)> |');
    // The line breaks are spaces: the whole source stays in one row of the assumptions table.
    expect(md).toContain('| line one line two \\| &lt;b>cell&lt;/b> \\# heading |');
    expect(md).toContain('| see https\\://evil.example/x, www\\.evil.example or admin\\@evil.example |');
    expect(md).toContain('| \\*bold\\* \\_em\\_ \\`code\\` \\\\ \\[ref\\]: http\\://evil/ &lt;!-- c --> \\[^1\\] |');
    // A path that cannot be a code span (a backtick, a pipe) is escaped text instead.
    expect(md).toContain('| cohorts.csv\\[a\\`b\\|c\\].devices |');
    expect(md).toContain('| `day.peakWindow.end` |');
  });

  it('the check itself finds what an unescaped name would inject', () => {
    const table = '| cohort | n |\n|---|---|\n';
    for (const s of MD_HOSTILE) expect(markdownProblems(`${table}| ${s} | 1 |\n`), s).not.toEqual([]);
    for (const s of MD_HOSTILE) expect(markdownProblems(`${table}| ${mdEscape(s)} | 1 |\n`), s).toEqual([]);
  });

  it('per-cohort.csv neutralises a formula and quotes what needs quoting', () => {
    const csv = text('per-cohort.csv').split('\n');
    expect(csv[0]).toBe('cohort,srs,dlms_commands,alerts,responded,expired');
    expect(csv[1]?.startsWith('<img src=y onerror=alert(4)>|pipe,')).toBe(true);
    expect(csv[2]?.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
  });
});

describe('Markdown escaping of model-supplied strings in the other reports', () => {
  const INFO = { seed: 1, replications: 2, workers: 0, toolVersion: '0.0.0-test', nodeVersion: 'v20-test', inputs: [HOSTILE.linkSource] };
  const name = MD_HOSTILE.join(' ');

  it('compare.md', async () => {
    const md = textOf(await compareFiles(fixedComparison(name, HOSTILE.lineSource), INFO), 'compare.md');
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain('| 2 | !\\[x\\](http\\://evil/) \\[click\\](javascript:alert(1)) see');
  });

  it('sensitivity.md', async () => {
    const s = {
      ...FIXED,
      scenario: name,
      title: HOSTILE.autolinkSource,
      factors: FIXED.factors.map((f, k) => (k === 0 ? { ...f, label: HOSTILE.linkCohort, base: HOSTILE.emphasisSource } : f)),
      variants: FIXED.variants.map((v, k) => (k === 0 ? { ...v, label: HOSTILE.imageCohort } : v)),
    };
    const md = textOf(await sensitivityFiles(s, INFO), 'sensitivity.md');
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain('| dlms | \\[click\\](javascript:alert(1)) | \\*bold\\*');
  });

  it('sweep.md', async () => {
    const figure = { key: 'securePeak1min', label: 'secure: peak TPS, 1 min', unit: 'tps' as const };
    const sweepCase = (id: string, value: string) => ({
      id,
      label: `${HOSTILE.linkCohort}=${value}`,
      scenario: `s-${id}`,
      values: { [HOSTILE.linkCohort]: value },
      feasible: true,
      figures: { securePeak1min: { mean: 300, halfWidth: 2, n: 2 } },
      perReplication: [{ securePeak1min: 300 }],
    });
    const r: SweepResult = {
      sweep: HOSTILE.imageCohort,
      title: HOSTILE.lineSource,
      seed: 1,
      replications: 2,
      design: 'cases',
      axes: [{ name: HOSTILE.linkCohort, path: HOSTILE.autolinkSource, labels: [HOSTILE.emphasisSource, 'plain'] }],
      figures: [figure],
      cases: [sweepCase('c1', HOSTILE.emphasisSource), sweepCase('c2', 'plain')],
    };
    const md = textOf(await sweepFiles(r, { backend: 'local', jobs: 4, reused: 0, ran: 4 }, INFO), 'sweep.md');
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain('## srvsim sweep: !\\[x\\](http\\://evil/): line one line two');
  });
});

describe('mdEscape', () => {
  it('leaves ordinary text of the shipped models as written', () => {
    for (const s of [
      'seed §4.3 (peak demand period 00:00 to 06:00)',
      'share public: Utility Week 2019 plan (MOC = Secure, >4M meters); devices assumed: 32% of ~9M; wake_up_s assumed: +30 s per attempt',
      'secure: peak TPS, 1 min',
      '-30',
      '−30 ± 1.2',
      'models/mp192-baseline.yaml:7',
      'DLMS/SR fixed 5',
      'volume ×1.48',
      'R&D',
      'doloop.energy MP312 item',
    ])
      expect(mdEscape(s)).toBe(s);
    expect(mdCode('cohorts.csv[MOC].devices')).toBe('`cohorts.csv[MOC].devices`');
  });

  it('escapes what would open a block at the start of a list item or line', () => {
    expect(mdEscape('> quoted')).toBe('\\> quoted');
    expect(mdEscape('- item')).toBe('\\- item');
    expect(mdEscape('+ item')).toBe('\\+ item');
    expect(mdEscape('  1. first')).toBe('1\\. first');
    expect(mdEscape('    indented code')).toBe('indented code');
    expect(mdEscape('---')).toBe('\\---');
    expect(mdEscape('- - -')).toBe('\\- - -');
    expect(mdEscape('12) first')).toBe('12\\) first');
    expect(mdEscape('# title ##')).toBe('\\# title \\#\\#');
    expect(mdEscape('1.5 per s - 2')).toBe('1.5 per s - 2');
  });

  it('escapes emphasis underscores but not those inside a word', () => {
    expect(mdEscape('_a_ b_c __d__ e_')).toBe('\\_a\\_ b_c \\_\\_d\\_\\_ e\\_');
  });

  it('shows an entity as written, not as the character it names', () => {
    expect(mdEscape('&lt;b&gt; &#60; R&D & co')).toBe('\\&lt;b\\&gt; &\\#60; R&D & co');
  });

  it('turns every line break and control character into a space', () => {
    expect(mdEscape('a\r\nb\nc\rd\u2028e\u2029f\u0085g\th\u0000i')).toBe('a b c d e f g h i');
  });

  it('neutralises autolinks of any scheme and www., and e-mail addresses', () => {
    expect(mdEscape('ftp://x HTTPS://y (www.z.org) a@b.c')).toBe('ftp\\://x HTTPS\\://y (www\\.z.org) a\\@b.c');
    expect(mdEscape('_www.z.org_ ~www.z.org *www.z.org')).toBe('\\_www\\.z.org\\_ ~www\\.z.org \\*www\\.z.org');
  });
});
