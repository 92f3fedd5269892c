/**
 * The analyst-facing files of a run, as data (only app/ writes them):
 *
 *   scenario + run → chart specs → (vega → SVG → PNG) → report.html, summary.md, per-cohort.csv, charts/*
 *
 * report.html embeds every chart as SVG; charts/<name>.vl.json keeps each vega-lite spec (with its
 * data) so a chart can be reopened and restyled; .svg and .png are the same picture for documents.
 */
import type { Scenario } from '../model/types.js';
import { chartSpecs, type RunData } from './charts/index.js';
import { csvLine, numberCell, textCell } from './csv.js';
import { reportHtml } from './html.js';
import { type RunInfo, summaryMarkdown } from './markdown.js';
import { renderChart } from './render.js';
import type { RunSummary } from '../stats/summarise.js';

export type { RunInfo } from './markdown.js';
export type { RunData } from './charts/index.js';

export interface ReportFile {
  /** Relative to the report folder, '/'-separated. */
  readonly path: string;
  readonly contents: string | Uint8Array;
}

/** One row per cohort; the cohort name goes through textCell (quoted, and never a spreadsheet formula). */
export function perCohortCsv(summary: RunSummary): string {
  const head = csvLine(['cohort', 'srs', 'dlms_commands', 'alerts', 'responded', 'expired']);
  const rows = summary.perCohort.map((c) => csvLine([textCell(c.cohort), ...[c.srs, c.dlms, c.alerts, c.responded, c.expired].map((v) => numberCell(v))]));
  return head + rows.join('');
}

/**
 * Every report file of a run. Charts render one after another (vega is single-threaded; the order
 * of the files is fixed). Throws if a chart fails to compile or render.
 */
export async function reportFiles(scenario: Scenario, run: RunData, info: RunInfo): Promise<ReportFile[]> {
  const charts = chartSpecs(scenario, run);
  const rendered = [];
  for (const c of charts) rendered.push({ ...c, ...(await renderChart(c.spec)) });
  const text = { scenario, summary: run.summary, run: info };
  return [
    { path: 'report.html', contents: reportHtml({ ...text, charts: rendered }) },
    { path: 'summary.md', contents: summaryMarkdown(text) },
    { path: 'per-cohort.csv', contents: perCohortCsv(run.summary) },
    ...rendered.flatMap((c) => [
      { path: `charts/${c.name}.vl.json`, contents: `${JSON.stringify(c.spec)}\n` },
      { path: `charts/${c.name}.svg`, contents: c.svg },
      { path: `charts/${c.name}.png`, contents: c.png },
    ]),
  ];
}
