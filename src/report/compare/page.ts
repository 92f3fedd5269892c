/**
 * The comparison and sensitivity reports as ONE self-contained HTML page each (no scripts, no external
 * requests, the same Content-Security-Policy as report.html) and as Markdown. Every model-supplied
 * string goes through escapeHtml / mdText; chart SVGs come from vega's writer, which escapes its text.
 * Pure: returns strings.
 */
import { escapeHtml, type HtmlChart, htmlDocument } from '../html.js';
import { mdText, provenanceTable, type RunInfo, type Table } from '../markdown.js';

export interface PageInput {
  readonly kind: 'comparison' | 'sensitivity' | 'sweep';
  readonly title: string;
  readonly subtitle: string;
  readonly verdict: { readonly ok: boolean; readonly headline: string; readonly details: readonly string[] };
  readonly tables: readonly Table[];
  readonly charts: readonly HtmlChart[];
  readonly run: RunInfo;
}

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 2rem auto; max-width: 1120px; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; } .sub { color: #555; margin-top: 0; }
.verdict { padding: 0.8rem 1.2rem; border-left: 6px solid; margin: 1.2rem 0; }
.verdict.ok { border-color: #009E73; background: #eef8f4; } .verdict.breach { border-color: #D55E00; background: #fcefe8; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.85rem; } .scroll { overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.2rem 0 2rem; } figure svg { max-width: 100%; height: auto; } figcaption { color: #555; font-size: 0.9rem; }
`;

const isNumeric = (cell: string) => /^[-−]?[\d,.]+( ± [\d,.]+)?[%M]?$|^± /.test(cell);

function htmlTable(t: Table): string {
  const head = `<tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td${isNumeric(c) ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `<h3>${escapeHtml(t.title)}</h3>\n<div class="scroll"><table>\n${head}\n${rows.join('\n')}\n</table></div>`;
}

const chartId = (c: HtmlChart) => `chart-${c.name.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function pageHtml(p: PageInput): string {
  const figures = p.charts.map((c, k) => `<figure id="${chartId(c)}">\n${c.svg}\n<figcaption>Figure ${k + 1}. ${escapeHtml(c.caption)}</figcaption>\n</figure>`);
  return htmlDocument(
    `srvsim ${p.kind}: ${p.title}`,
    STYLE,
    `<h1>${escapeHtml(p.title)}</h1>
<p class="sub">${escapeHtml(p.subtitle)}</p>
<section class="verdict ${p.verdict.ok ? 'ok' : 'breach'}" id="verdict">
<strong>${escapeHtml(p.verdict.headline)}</strong>
<ul>${p.verdict.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
</section>
<h2>Tables</h2>
${p.tables.map(htmlTable).join('\n')}
<h2>Charts</h2>
${figures.join('\n')}
<h2>How this report was made</h2>
${htmlTable(provenanceTable(p.run))}`,
  );
}

function mdTable(t: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(mdText).join(' | ')} |`;
  return [`### ${mdText(t.title)}`, '', line(t.head), `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map(line), ''].join('\n');
}

export function pageMarkdown(p: PageInput): string {
  return [
    `## srvsim ${p.kind}: ${mdText(p.title)}`,
    '',
    mdText(p.subtitle),
    '',
    `**${mdText(p.verdict.headline)}**`,
    '',
    ...p.verdict.details.map((d) => `- ${mdText(d)}`),
    '',
    ...p.tables.map(mdTable),
    ...p.charts.map((c, k) => `Figure ${k + 1}: ${mdText(c.caption)} (charts/${c.name}.svg)\n`),
    '',
    mdTable(provenanceTable(p.run)),
  ].join('\n');
}
