/** The sweep report: heat maps for two axes, bars for one, a long CSV with hostile labels neutralised. */
import { describe, expect, it } from 'vitest';
import { sweepChart, sweepChartFigures } from '../../../src/report/sweep/charts.js';
import { sweepCsv, sweepFiles, sweepTables } from '../../../src/report/sweep/files.js';
import type { SweepResult } from '../../../src/report/sweep/types.js';

const figures = [
  { key: 'securePeak1min', label: 'secure: peak TPS, 1 min', unit: 'tps' as const },
  { key: 'withinTrt', label: 'answered within the TRT', unit: 'share' as const },
];
const cell = (id: string, values: Record<string, string>, peak: number, trt: number) => ({
  id,
  label: Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(', '),
  scenario: `s-${id}`,
  values,
  feasible: peak <= 450,
  figures: { securePeak1min: { mean: peak, halfWidth: 2, n: 2 }, withinTrt: { mean: trt, halfWidth: null, n: 1 } },
  perReplication: [{ securePeak1min: peak, withinTrt: trt }],
});
const grid: SweepResult = {
  sweep: 'g',
  title: 'Grid',
  seed: 1,
  replications: 2,
  design: 'grid',
  axes: [
    { name: 'placement', path: 'placement', labels: ['P1', 'P2'] },
    { name: 'retry', path: 'behaviour.retryIntervalS', labels: ['900', '3600'] },
  ],
  figures,
  cases: [
    cell('c1', { placement: 'P1', retry: '900' }, 470, 0.98),
    cell('c2', { placement: 'P1', retry: '3600' }, 465, 0.97),
    cell('c3', { placement: 'P2', retry: '900' }, 300, 0.99),
    cell('c4', { placement: 'P2', retry: '3600' }, 290, 0.985),
  ],
};

describe('sweep report', () => {
  it('draws a heat map for two axes (last across, others down) and bars for one', () => {
    const heat = sweepChart(grid, figures[0]!) as unknown as { layer: { mark: { type: string } }[]; data: { values: { row: string; col: string; value: number }[] } };
    expect(heat.layer.map((l) => l.mark.type)).toEqual(['rect', 'text']);
    expect(heat.data.values.map((v) => [v.row, v.col, v.value])).toEqual([
      ['placement=P1', '900', 470],
      ['placement=P1', '3600', 465],
      ['placement=P2', '900', 300],
      ['placement=P2', '3600', 290],
    ]);
    const shares = sweepChart(grid, figures[1]!) as unknown as { data: { values: { value: number; text: string }[] } };
    expect(shares.data.values[0]).toMatchObject({ value: 98, text: '98%' });
    const one: SweepResult = { ...grid, axes: [grid.axes[0]!], cases: grid.cases.slice(0, 2).map((c, k) => ({ ...c, values: { placement: ['P1', 'P2'][k]! } })) };
    const bars = sweepChart(one, figures[0]!) as unknown as { layer: { mark: { type: string } }[] };
    expect(bars.layer.map((l) => l.mark.type)).toEqual(['bar', 'rule', 'text']);
  });

  it('charts every figure, the headline ones first', () => {
    const more: SweepResult = { ...grid, figures: [{ key: 'completionP95S', label: 'completion p95 (s)', unit: 's' }, ...figures] };
    expect(sweepChartFigures(more).map((d) => d.key)).toEqual(['securePeak1min', 'withinTrt', 'completionP95S']);
  });

  it('writes one CSV row per case and figure, neutralising formula-like labels', () => {
    const hostile: SweepResult = { ...grid, cases: grid.cases.map((c, k) => (k === 0 ? { ...c, values: { placement: '=HYPERLINK("x")', retry: '900' } } : c)) };
    const lines = sweepCsv(hostile).trimEnd().split('\n');
    expect(lines[0]).toBe('case,placement,retry,scenario,figure,unit,mean,half_width,n');
    expect(lines).toHaveLength(1 + 4 * 2);
    expect(lines[1]).toBe(`c1,"'=HYPERLINK(""x"")",900,s-c1,securePeak1min,tps,470,2,2`);
    expect(lines[2]).toBe('c1,"\'=HYPERLINK(""x"")",900,s-c1,withinTrt,share,0.98,,1');
    expect(sweepTables(grid)[1]?.rows[2]).toEqual(['c3', 'P2', '900', 'yes', '300 ± 2', '99%']);
  });

  it('renders a self-contained page with every chart as SVG', async () => {
    const files = await sweepFiles(grid, { backend: 'local', jobs: 4, reused: 1, ran: 3 }, { seed: 1, replications: 2, workers: 2, toolVersion: 't', nodeVersion: 'v', inputs: [] });
    const html = files.find((f) => f.path === 'sweep.html')?.contents as string;
    expect(html).toContain('jobs: 4 (1 reused');
    expect((html.match(/<svg/g) ?? []).length).toBe(2);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['sweep.md', 'sweep.json', 'sweep.csv', 'charts/sweep-securePeak1min.svg', 'charts/sweep-withinTrt.png']));
  });
});
