/**
 * The tornado chart of one output of a sensitivity analysis: per uncertain input, a bar from the
 * base value to the lowest and one to the highest result among its variants (the base counts as a
 * candidate, so an input with one variant has one bar), labelled with the variant, largest swing on
 * top, the base value as a rule. Pure: returns data and a vega-lite spec.
 */
import { CONFIG, COLOUR, fmt, round, type Spec, wrap } from '../charts/theme.js';
import type { Sensitivity } from '../../stats/comparison.js';
import type { FigureDef } from '../../stats/figures.js';

export interface TornadoRow {
  readonly factor: string;
  readonly label: string;
  readonly low: number;
  readonly lowLabel: string;
  readonly high: number;
  readonly highLabel: string;
}

/** One row per factor, largest swing (high − low) first; ties keep the factors' order. */
export function tornadoRows(s: Sensitivity, key: string): TornadoRow[] {
  const base = s.base.outputs[key]?.mean ?? Number.NaN;
  const rows = s.factors.map((f) => {
    const candidates = [{ value: base, label: 'base' }, ...s.variants.filter((v) => v.factor === f.id).map((v) => ({ value: v.outputs[key]?.mean ?? Number.NaN, label: v.label }))];
    const finite = candidates.filter((c) => Number.isFinite(c.value));
    const lo = finite.reduce((a, c) => (c.value < a.value ? c : a), finite[0] ?? candidates[0]!);
    const hi = finite.reduce((a, c) => (c.value > a.value ? c : a), finite[0] ?? candidates[0]!);
    return { factor: f.id, label: f.label, low: lo.value, lowLabel: lo.label, high: hi.value, highLabel: hi.label };
  });
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.high - b.r.low - (a.r.high - a.r.low) || a.i - b.i)
    .map((x) => x.r);
}

const SIDES = ['lower', 'higher'] as const;

/** The tornado of output `def`; shares are drawn in %. */
export function tornadoChart(s: Sensitivity, def: FigureDef): Spec {
  const k = def.unit === 'share' ? 100 : 1;
  const unit = def.unit === 'share' ? '%' : def.unit === 'tps' ? ' TPS' : '';
  const base = (s.base.outputs[def.key]?.mean ?? 0) * k;
  const rows = tornadoRows(s, def.key);
  const order = rows.map((r) => r.label);
  const bars = rows
    .flatMap((r) => [
      { factor: r.label, side: 'lower', from: round(base, 4), to: round(r.low * k, 4), text: `${r.lowLabel}: ${fmt(r.low * k, 2)}${unit}` },
      { factor: r.label, side: 'higher', from: round(base, 4), to: round(r.high * k, 4), text: `${r.highLabel}: ${fmt(r.high * k, 2)}${unit}` },
    ])
    .filter((b) => b.to !== b.from);
  const none = rows.filter((r) => r.low * k === base && r.high * k === base).map((r) => ({ factor: r.label, to: round(base, 4), text: 'no effect' }));
  const values = [base, ...rows.flatMap((r) => [r.low * k, r.high * k])].filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || Math.abs(base) * 0.1 || 1) * 0.45;
  const y = { field: 'factor', type: 'nominal', sort: order, title: null, axis: { labelLimit: 320, labelFontSize: 12 } } as const;
  const x = { field: 'to', type: 'quantitative' } as const;
  const text = (data: readonly object[], align: 'left' | 'right') =>
    ({
      data: { values: data },
      mark: { type: 'text', align, dx: align === 'left' ? 4 : -4, fontSize: 11, color: COLOUR.line },
      encoding: { y, x, text: { field: 'text' } },
    }) as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrap(`Sensitivity of ${def.label}: one input at a time`, 80),
      subtitle: wrap(
        `${s.scenario}: bars run from the base value ${fmt(base, 2)}${unit} to the lowest and the highest result among each input's variants; the same seed in every run${s.replications > 1 ? `, means of ${s.replications} replications` : ''}`,
      ),
    },
    width: 800,
    height: Math.max(1, rows.length) * 34,
    config: CONFIG,
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', height: 20 },
        encoding: {
          y,
          x: { field: 'from', type: 'quantitative', title: `${def.label}${def.unit === 'share' ? ' (%)' : ''}`, scale: { domain: [round(lo - pad, 4), round(hi + pad, 4)], nice: false } },
          x2: { field: 'to' },
          color: {
            field: 'side',
            type: 'nominal',
            title: null,
            scale: { domain: [...SIDES], range: [COLOUR.baseline, COLOUR.scheduled] },
            legend: { labelExpr: "datum.label === 'lower' ? 'variant gives a lower value' : 'variant gives a higher value'" },
          },
        },
      },
      text(
        bars.filter((b) => b.side === 'lower'),
        'right',
      ),
      text([...bars.filter((b) => b.side === 'higher'), ...none], 'left'),
      {
        data: { values: [{ base: round(base, 4), label: `base ${fmt(base, 2)}${unit}` }] },
        layer: [
          { mark: { type: 'rule', color: COLOUR.line, strokeWidth: 2 }, encoding: { x: { field: 'base', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: -14, fontSize: 11, fontWeight: 'bold' },
            encoding: { x: { field: 'base', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}
