/**
 * The run report as ONE self-contained HTML page: verdict first, headline tables, the charts inline
 * as SVG, the assumptions with their provenance and the run's provenance. It opens offline and makes
 * no network request: no scripts, no external URLs, and a Content-Security-Policy that forbids them.
 * Every model-supplied string is escaped; the chart SVGs come from vega's SVG writer, which escapes
 * the text and attributes it writes. Pure: returns a string.
 */
import { reportTables, type ReportText, type Table, verdictLines } from './markdown.js';
import { daysSentence } from './summary-text.js';

export interface HtmlChart {
  /** Used in the element id: letters, digits and '-' only. */
  readonly name: string;
  readonly caption: string;
  readonly svg: string;
}

export interface ReportHtmlInput extends ReportText {
  readonly charts: readonly HtmlChart[];
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 2rem auto; max-width: 1120px; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.sub { color: #555; margin-top: 0; }
.verdict { padding: 0.8rem 1.2rem; border-left: 6px solid; margin: 1.2rem 0; }
.verdict.ok { border-color: #009E73; background: #eef8f4; } .verdict.breach { border-color: #D55E00; background: #fcefe8; }
.verdict strong { font-size: 1.15rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.wide { width: 100%; } table.wide td { overflow-wrap: anywhere; } table.wide td:nth-child(3) { min-width: 22rem; } table.wide td:last-child { white-space: nowrap; }
code { font-size: 0.85rem; } .scroll { overflow-x: auto; }
figure { margin: 1.2rem 0 2rem; } figure svg { max-width: 100%; height: auto; } figcaption { color: #555; font-size: 0.9rem; }
nav ol { columns: 2; }
`;

/**
 * A self-contained page: no scripts and nothing fetched (the Content-Security-Policy allows inline
 * style and data: images only). `title` is escaped here; `body` must already be escaped.
 */
export function htmlDocument(title: string, style: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Text and attribute values: & < > " ' become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const isNumeric = (cell: string) => /^[-−]?[\d,.]+( ± [\d,.]+)?%?( \(.*\))?$/.test(cell);

function table(t: Table, cls = ''): string {
  const head = `<tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td${isNumeric(c) ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `<h3>${escapeHtml(t.title)}</h3>\n<table${cls ? ` class="${cls}"` : ''}>\n${head}\n${rows.join('\n')}\n</table>`;
}

/** An input path that may wrap after each '.' or before each '[' (escaped first, then <wbr> added). */
const breakable = (path: string) => escapeHtml(path).replace(/\./g, '.<wbr>').replace(/\[/g, '<wbr>[');

function assumptions(input: ReportText): string {
  const rows = input.scenario.provenance.map(
    (e) => `<tr><td><code>${breakable(e.path)}</code></td><td class="n">${escapeHtml(e.value)}</td><td>${escapeHtml(e.source)}</td><td><code>${escapeHtml(e.at)}</code></td></tr>`,
  );
  return `<div class="scroll"><table class="wide">\n<tr><th>input</th><th>value</th><th>provenance</th><th>written at</th></tr>\n${rows.join('\n')}\n</table></div>`;
}

const chartId = (c: HtmlChart) => `chart-${c.name.replace(/[^A-Za-z0-9-]/g, '-')}`;

function figure(c: HtmlChart, k: number): string {
  return `<figure id="${chartId(c)}" class="chart">\n${c.svg}\n<figcaption>Figure ${k + 1}. ${escapeHtml(c.caption)}</figcaption>\n</figure>`;
}

export function reportHtml(input: ReportHtmlInput): string {
  const s = input.summary;
  const v = verdictLines(s);
  const tables = reportTables(input);
  const { fit, load, windows, completion, dlms, days, cohorts, counters, provenance } = tables;
  const intervals = s.replications > 1 ? `${s.replications} replications; figures are mean ± 95% t-interval half-width` : '1 replication (no confidence interval)';
  const toc = input.charts.map((c, k) => `<li><a href="#${chartId(c)}">Figure ${k + 1}. ${escapeHtml(c.caption)}</a></li>`).join('');
  const part = (t: Table | undefined, cls = '') => (t ? table(t, cls) : '');
  return htmlDocument(
    `srvsim report: ${s.scenario}`,
    STYLE,
    `<h1>${escapeHtml(s.title)}</h1>
<p class="sub">Scenario <strong>${escapeHtml(s.scenario)}</strong> · seed ${s.seed} · ${intervals} · ${escapeHtml(daysSentence(s))} · times UTC, “d1” is the first measured day</p>
<section class="verdict ${v.ok ? 'ok' : 'breach'}" id="verdict">
<strong>Verdict: ${escapeHtml(v.headline)}</strong>
<ul>${v.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
</section>
<h2>Headline figures</h2>
${part(fit)}
${part(load)}
${part(windows)}
${part(completion)}
${part(dlms)}
<div class="scroll">${part(days)}</div>
<h2>Charts</h2>
<nav><ol>${toc}</ol></nav>
${input.charts.map(figure).join('\n')}
<h2>Per cohort</h2>
${part(cohorts)}
${part(counters)}
<h2>Assumptions and their provenance</h2>
<p>Every input number of the scenario, where it came from, and the file and line it was written at.</p>
${assumptions(input)}
<h2>How this report was made</h2>
${part(provenance, 'wide')}`,
  );
}
