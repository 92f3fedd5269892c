/**
 * The files of a sweep, as data (only app/ and cli/ write them):
 *
 *   SweepResult → sweep.html, sweep.md, sweep.json, sweep.csv (one row per case × figure),
 *                 charts/sweep-<figure>.{vl.json,svg,png} for every figure (heat maps for two or more
 *                 axes, else bars; the headline figures first)
 *
 * sweep.json and sweep.csv hold only the results, so two sweeps of the same file agree byte for byte
 * whichever backend ran them; where and how the jobs ran is in the page's provenance and the manifest.
 */
import { chartFiles, type Named } from '../compare/files.js';
import { type PageInput, pageHtml, pageMarkdown } from '../compare/page.js';
import { figureText, type Table, textTable } from '../compare/tables.js';
import { csvLine, numberCell, textCell } from '../csv.js';
import type { ReportFile, RunInfo } from '../index-files.js';
import { sweepChart, sweepChartFigures } from './charts.js';
import type { SweepResult } from './types.js';

/** How the jobs ran (not part of the results). */
export interface SweepRunFacts {
  readonly backend: string;
  readonly jobs: number;
  readonly reused: number;
  readonly ran: number;
}

export function sweepTables(r: SweepResult): Table[] {
  const axes = r.axes.map((a) => a.name);
  return [
    {
      title: 'Swept inputs',
      head: ['axis', 'model path', 'values'],
      rows: r.axes.map((a) => [a.name, a.path, a.labels.join(' | ')]),
    },
    {
      title: `Figures per case (mean ± 95% t-interval half-width over ${r.replications} replication(s))`,
      head: ['case', ...axes, 'fits', ...r.figures.map((d) => d.label)],
      rows: r.cases.map((c) => [c.id, ...axes.map((a) => c.values[a] ?? ''), c.feasible ? 'yes' : 'no', ...r.figures.map((d) => figureText(d, c.figures[d.key]))]),
    },
  ];
}

export function sweepVerdict(r: SweepResult): PageInput['verdict'] {
  const fits = r.cases.filter((c) => c.feasible);
  return {
    ok: fits.length > 0,
    headline: `${fits.length} of ${r.cases.length} cases stay within every ceiling, each judged over its own window.`,
    details: [
      ...(fits.length > 0 ? [`Within every ceiling: ${fits.map((c) => `${c.id} (${c.label})`).join('; ')}.`] : []),
      `Every case ran with seed ${r.seed} (common random numbers): differences between cases come from the swept inputs.`,
    ],
  };
}

export function sweepJson(r: SweepResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function sweepCsv(r: SweepResult): string {
  const axes = r.axes.map((a) => a.name);
  const head = csvLine(['case', ...axes.map(textCell), 'scenario', 'figure', 'unit', 'mean', 'half_width', 'n']);
  const rows = r.cases.flatMap((c) =>
    r.figures.map((d) => {
      const x = c.figures[d.key];
      return csvLine([
        c.id,
        ...axes.map((a) => textCell(c.values[a] ?? '')),
        textCell(c.scenario),
        d.key,
        d.unit,
        numberCell(x?.mean ?? Number.NaN, 6),
        numberCell(x?.halfWidth ?? Number.NaN, 6),
        String(x?.n ?? 0),
      ]);
    }),
  );
  return head + rows.join('');
}

export function sweepText(r: SweepResult, facts: SweepRunFacts): string {
  const v = sweepVerdict(r);
  return [
    `srvsim sweep ${r.sweep}: ${r.cases.length} cases × ${r.replications} replication(s) = ${facts.jobs} jobs (${facts.reused} reused, ${facts.ran} run on ${facts.backend})`,
    '',
    v.headline,
    ...v.details.map((d) => `  ${d}`),
    '',
    ...sweepTables(r).flatMap((t) => [textTable(t), '']),
  ].join('\n');
}

export async function sweepFiles(r: SweepResult, facts: SweepRunFacts, run: RunInfo): Promise<ReportFile[]> {
  const defs = sweepChartFigures(r);
  const kind = r.design === 'grid' && r.axes.length >= 2 ? 'Heat map' : 'Bars';
  const charts: Named[] = defs.map((d) => ({ name: `sweep-${d.key}`, caption: `${kind}: ${d.label} across the sweep`, spec: sweepChart(r, d) }));
  const { rendered, files } = await chartFiles(charts);
  const page: PageInput = {
    kind: 'sweep',
    title: `${r.sweep}: ${r.title}`,
    subtitle: `${r.cases.length} cases × ${r.replications} replication(s), seed ${r.seed} in every case · jobs: ${facts.jobs} (${facts.reused} reused from earlier runs, ${facts.ran} run on the ${facts.backend} backend) · times UTC`,
    verdict: sweepVerdict(r),
    tables: sweepTables(r),
    charts: rendered,
    run,
  };
  return [
    { path: 'sweep.html', contents: pageHtml(page) },
    { path: 'sweep.md', contents: pageMarkdown(page) },
    { path: 'sweep.json', contents: sweepJson(r) },
    { path: 'sweep.csv', contents: sweepCsv(r) },
    ...files,
  ];
}
