/**
 * The files of a comparison and of a sensitivity analysis, as data (only app/ and cli/ write them):
 *
 *   Comparison  → compare.html, compare.md, compare.json, charts/{tps-by-minute,headline-figures}.*
 *   Sensitivity → sensitivity.html, sensitivity.md, sensitivity.json, charts/tornado-<output>.*
 *
 * Charts are kept as vega-lite (.vl.json, with their data), SVG and PNG, as in a run report.
 */
import type { Spec } from '../charts/theme.js';
import type { ReportFile, RunInfo } from '../index-files.js';
import { renderChart } from '../render.js';
import { headlineBarsChart, smallMultiplesChart } from './charts.js';
import { type PageInput, pageHtml, pageMarkdown } from './page.js';
import { comparisonTables, figureText, sensitivityTables } from './tables.js';
import { tornadoChart, tornadoRows } from './tornado.js';
import type { Comparison, Sensitivity } from '../../stats/comparison.js';

export interface Named {
  readonly name: string;
  readonly caption: string;
  readonly spec: Spec;
}

export async function chartFiles(charts: readonly Named[]) {
  const rendered = [];
  for (const c of charts) rendered.push({ ...c, ...(await renderChart(c.spec)) });
  const files: ReportFile[] = rendered.flatMap((c) => [
    { path: `charts/${c.name}.vl.json`, contents: `${JSON.stringify(c.spec)}\n` },
    { path: `charts/${c.name}.svg`, contents: c.svg },
    { path: `charts/${c.name}.png`, contents: c.png },
  ]);
  return { rendered, files };
}

/** The comparison's verdict: the best scenario, and which fit every ceiling. */
export function comparisonVerdict(c: Comparison): PageInput['verdict'] {
  const fits = c.ranking.filter((r) => r.feasible).map((r) => r.scenario);
  const breaches = c.ranking.filter((r) => !r.feasible).map((r) => r.scenario);
  const best = c.ranking[0];
  const head = c.figures.find((d) => d.key === 'secureMinHeadroom1s');
  const headroom = best && head ? `; minimum ${c.transactionCapacity} headroom ${figureText(head, best.figures[head.key])} TPS` : '';
  return {
    ok: fits.length > 0,
    headline: best ? `Best: ${best.scenario} (${best.feasible ? 'within every ceiling' : 'above a ceiling'}${headroom}).` : 'No scenario.',
    details: [
      `${fits.length} of ${c.ranking.length} scenarios stay within every ceiling, each judged over its own window${fits.length ? `: ${fits.join(', ')}` : ''}.`,
      ...(breaches.length ? [`Above a ceiling: ${breaches.join(', ')}.`] : []),
      'Ranking: within every ceiling first, then the larger minimum headroom, then the smaller p99 completion time.',
    ],
  };
}

/** compare.json: everything but the per-minute series; Infinity (a backlog never drained) is written as null. */
export function comparisonJson(c: Comparison): string {
  const { tpsByMinute: _series, ...rest } = c;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

export async function compareFiles(c: Comparison, run: RunInfo): Promise<ReportFile[]> {
  const charts: Named[] = [
    ...(c.tpsByMinute.length > 0 ? [{ name: 'tps-by-minute', caption: `${c.transactionCapacity}: TPS offered by minute, one panel per scenario in rank order`, spec: smallMultiplesChart(c) }] : []),
    { name: 'headline-figures', caption: 'Headline figures per scenario with 95% intervals', spec: headlineBarsChart(c) },
  ];
  const { rendered, files } = await chartFiles(charts);
  const intervals = c.replications > 1 ? `${c.replications} replications; figures are mean ± 95% t-interval half-width` : '1 replication (no confidence interval)';
  const page: PageInput = {
    kind: 'comparison',
    title: `Placement comparison: ${c.ranking.map((r) => r.scenario).join(', ')}`,
    subtitle: `Seed ${c.seed} for every scenario (common random numbers) · ${intervals} · horizon ${c.horizonS / 3600} h · times UTC`,
    verdict: comparisonVerdict(c),
    tables: comparisonTables(c),
    charts: rendered,
    run,
  };
  return [{ path: 'compare.html', contents: pageHtml(page) }, { path: 'compare.md', contents: pageMarkdown(page) }, { path: 'compare.json', contents: comparisonJson(c) }, ...files];
}

export async function sensitivityFiles(s: Sensitivity, run: RunInfo): Promise<ReportFile[]> {
  const charts: Named[] = s.outputs.map((o) => ({ name: `tornado-${o.key}`, caption: `Tornado: ${o.label}`, spec: tornadoChart(s, o) }));
  const { rendered, files } = await chartFiles(charts);
  const scaled =
    s.scaledFrom !== null ? ` · volume scaled to ${s.srvsPerDay.toLocaleString('en-GB')} SRVs/day (from ${s.scaledFrom.toLocaleString('en-GB')}) for a quick run: not a capacity answer` : '';
  const details = s.outputs.map((o) => {
    const top = tornadoRows(s, o.key)[0];
    return top
      ? `${o.label}: base ${figureText(o, s.base.outputs[o.key])}; largest swing from ${top.label} (${figureText(o, { mean: top.low, halfWidth: null, n: 1 })} to ${figureText(o, { mean: top.high, halfWidth: null, n: 1 })}).`
      : o.label;
  });
  const page: PageInput = {
    kind: 'sensitivity',
    title: `${s.scenario}: ${s.title}`,
    subtitle: `One input at a time, seed ${s.seed} in every run · ${s.replications} replication(s)${scaled}`,
    verdict: { ok: true, headline: 'Which inputs move the answer most', details },
    tables: sensitivityTables(s),
    charts: rendered,
    run,
  };
  return [
    { path: 'sensitivity.html', contents: pageHtml(page) },
    { path: 'sensitivity.md', contents: pageMarkdown(page) },
    { path: 'sensitivity.json', contents: `${JSON.stringify(s, null, 2)}\n` },
    ...files,
  ];
}
