/**
 * A sweep's charts as vega-lite specs (plain data, no rendering), one per figure, headline ones first:
 *  - two or more axes: a heat map, the last axis across and the other axes down, each cell coloured by
 *    the figure's mean and labelled with it;
 *  - one axis or a list of cases: bars in sweep order with the 95% interval as an error bar.
 */
import { CONFIG, COLOUR, fmt, round, type Spec, wrap } from '../charts/theme.js';
import type { FigureDef } from '../../stats/figures.js';
import type { SweepResult } from './types.js';

/** Drawn first, in this order, where the sweep has them; every other figure follows in table order. */
export const SWEEP_CHART_KEYS = ['securePeak1min', 'secureSecondsAbove', 'withinTrt', 'completionP99S'] as const;

/** Every figure of the sweep, the headline ones first. */
export function sweepChartFigures(r: SweepResult): FigureDef[] {
  const first = SWEEP_CHART_KEYS.map((k) => r.figures.find((d) => d.key === k)).filter((d) => d !== undefined);
  return [...first, ...r.figures.filter((d) => !first.includes(d))];
}

const scaleOf = (d: FigureDef) => (d.unit === 'share' ? 100 : 1);
const unitText = (d: FigureDef) => (d.unit === 'share' ? ' (%)' : '');

function cellText(d: FigureDef, v: number): string {
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return 'never';
  const k = scaleOf(d);
  return d.unit === 'share' ? `${fmt(v * k, 2)}%` : d.unit === 'per-h' ? `${fmt(v / 1e6, 2)}M` : fmt(v, d.unit === 'tps' ? 1 : 0);
}

export function heatMapChart(r: SweepResult, d: FigureDef): Spec {
  const across = r.axes[r.axes.length - 1] as SweepResult['axes'][number];
  const down = r.axes.slice(0, -1);
  const rowLabel = (values: Readonly<Record<string, string>>) => down.map((a) => `${a.name}=${values[a.name]}`).join(', ');
  const rows = r.cases.map((c) => {
    const m = c.figures[d.key]?.mean ?? Number.NaN;
    return { row: rowLabel(c.values), col: c.values[across.name] ?? '', value: Number.isFinite(m) ? round(m * scaleOf(d), 4) : null, text: cellText(d, m) };
  });
  const finite = rows.map((x) => x.value).filter((v): v is number => v !== null);
  const mid = finite.length ? (Math.min(...finite) + Math.max(...finite)) / 2 : 0;
  const rowOrder = [...new Set(rows.map((x) => x.row))];
  const x = { field: 'col', type: 'ordinal', sort: [...across.labels], title: across.name, axis: { labelAngle: 0 } } as const;
  const y = { field: 'row', type: 'ordinal', sort: rowOrder, title: down.map((a) => a.name).join(', '), axis: { labelLimit: 300 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${d.label}${unitText(d)} across the sweep`,
      subtitle: wrap(`${r.title}: mean over ${r.replications} replication(s) per cell, seed ${r.seed} in every cell; grey: no finite value`),
    },
    config: CONFIG,
    data: { values: rows },
    width: Math.max(320, 110 * across.labels.length),
    height: { step: 34 },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff' },
        encoding: { color: { field: 'value', type: 'quantitative', title: `${d.label}${unitText(d)}`, scale: { scheme: 'viridis' }, legend: { titleLimit: 500, gradientLength: 300 } } },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: { text: { field: 'text' }, color: { condition: { test: `datum.value !== null && datum.value > ${mid}`, value: '#000000' }, value: '#ffffff' } },
      },
    ],
  } as Spec;
}

export function barsChart(r: SweepResult, d: FigureDef): Spec {
  const axis = r.axes[0] as SweepResult['axes'][number];
  const k = scaleOf(d);
  const values = r.cases.map((c) => {
    const x = c.figures[d.key] ?? { mean: Number.NaN, halfWidth: null, n: 0 };
    const hw = x.halfWidth ?? 0;
    const ok = Number.isFinite(x.mean);
    return {
      label: c.values[axis.name] ?? c.label,
      mean: ok ? round(x.mean * k, 4) : null,
      lo: ok ? round((x.mean - hw) * k, 4) : null,
      hi: ok ? round((x.mean + hw) * k, 4) : null,
      text: cellText(d, x.mean),
      fit: c.feasible ? 'fits' : 'breaches',
    };
  });
  const xEnc = { field: 'label', type: 'ordinal', sort: [...axis.labels], title: axis.name, axis: { labelAngle: 0, labelLimit: 200 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${d.label}${unitText(d)} across the sweep`,
      subtitle: wrap(`${r.title}: mean of ${r.replications} replication(s), black bars the 95% t-interval; green: within every ceiling, vermilion: above one`),
    },
    config: CONFIG,
    data: { values },
    width: Math.max(320, 90 * values.length),
    height: 240,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: xEnc,
          y: { field: 'mean', type: 'quantitative', title: `${d.label}${unitText(d)}` },
          color: { field: 'fit', type: 'nominal', title: null, scale: { domain: ['fits', 'breaches'], range: [COLOUR.firmware, COLOUR.ceiling] } },
        },
      },
      { mark: { type: 'rule', color: COLOUR.line, strokeWidth: 2 }, encoding: { x: xEnc, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      { mark: { type: 'text', dy: -8, fontSize: 11 }, encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  } as Spec;
}

/** The chart of figure `d`: a heat map for two or more axes, bars otherwise. */
export function sweepChart(r: SweepResult, d: FigureDef): Spec {
  return r.design === 'grid' && r.axes.length >= 2 ? heatMapChart(r, d) : barsChart(r, d);
}
