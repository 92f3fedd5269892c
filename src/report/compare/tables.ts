/**
 * The comparison and the sensitivity analysis as plain-text tables (cells not yet escaped), shared
 * by the terminal text, compare.md / sensitivity.md and the HTML pages so all say the same. Pure.
 */
import type { Interval } from '../../stats/t-interval.js';
import type { Table } from '../markdown.js';
import { intervalText } from '../summary-text.js';
import { tornadoRows } from './tornado.js';
import type { Comparison, Sensitivity } from '../../stats/comparison.js';
import type { FigureDef } from '../../stats/figures.js';

export type { Table } from '../markdown.js';

/** A figure in its unit: TPS to 0.1, seconds and units whole, per-hour in millions, shares in %. */
export function figureText(d: Pick<FigureDef, 'unit'>, x: Interval | undefined): string {
  if (!x || Number.isNaN(x.mean)) return '–';
  if (!Number.isFinite(x.mean)) return 'never';
  switch (d.unit) {
    case 'tps':
      return intervalText(x, 1);
    case 's':
    case 'units':
      return intervalText(x, 0);
    case 'per-h':
      return `${intervalText(x, 2, 1e-6)}M`;
    case 'share':
      return `${intervalText(x, 2, 100)}%`;
  }
}

const GROUPS = [
  { title: 'Ranking and transaction-ceiling load (offered per second)', keys: (k: string) => k.startsWith('secure') || k === 'secondsAboveAny' },
  { title: 'DCO: peak hour against its capacity, and where the added DLMS commands fall', keys: (k: string) => k.startsWith('dco') },
  { title: 'Completion after activation', keys: (k: string) => k.startsWith('completion') || k === 'withinTrt' || /^by\d{4}$/.test(k) },
];

export function comparisonTables(c: Comparison): Table[] {
  const tables: Table[] = GROUPS.map((g, i) => {
    const defs = c.figures.filter((d) => g.keys(d.key));
    return {
      title: g.title,
      head: ['rank', 'scenario', ...(i === 0 ? ['verdict'] : []), ...defs.map((d) => d.label)],
      rows: c.ranking.map((r) => [String(r.rank), r.scenario, ...(i === 0 ? [r.feasible ? 'fits' : 'breaches'] : []), ...defs.map((d) => figureText(d, r.figures[d.key]))]),
    };
  }).filter((t) => t.head.length > (t.head.includes('verdict') ? 3 : 2));
  if (c.differences.length > 0) {
    const ref = c.differences[0]?.reference ?? '';
    tables.push({
      title: `Paired differences against ${ref} (same seed: common random numbers), with the half-width two independent runs would give`,
      head: ['scenario', 'figure', `difference vs ${ref}`, 'unpaired ± (for contrast)'],
      rows: c.differences.map((d) => {
        const def = c.figures.find((f) => f.key === d.key) ?? { unit: 'units' as const, label: d.key };
        const unpaired = d.unpairedHalfWidth === null ? '–' : `± ${figureText(def, { mean: d.unpairedHalfWidth, halfWidth: null, n: 1 })}`;
        return [d.scenario, def.label, figureText(def, d.paired), unpaired];
      }),
    });
  }
  return tables;
}

export function sensitivityTables(s: Sensitivity): Table[] {
  const outs = s.outputs;
  const variants: Table = {
    title: 'Every variant (one input changed, same seed)',
    head: ['factor', 'variant', ...outs.map((o) => o.label), 'DLMS commands'],
    rows: [
      ['—', 'base (the model)', ...outs.map((o) => figureText(o, s.base.outputs[o.key])), Math.round(s.base.dlmsCommands).toLocaleString('en-GB')],
      ...s.variants.map((v) => [v.factor, v.label, ...outs.map((o) => figureText(o, v.outputs[o.key])), Math.round(v.dlmsCommands).toLocaleString('en-GB')]),
    ],
  };
  const factors: Table = { title: 'Uncertain inputs and the model’s own values', head: ['factor', 'input', 'model value'], rows: s.factors.map((f) => [f.id, f.label, f.base]) };
  const swings: Table[] = outs.map((o) => ({
    title: `Effect on ${o.label} (base ${figureText(o, s.base.outputs[o.key])}), largest swing first`,
    head: ['factor', 'low', 'low variant', 'high', 'high variant', 'swing'],
    rows: tornadoRows(s, o.key).map((r) => {
      const v = (x: number) => figureText(o, { mean: x, halfWidth: null, n: 1 });
      return [r.factor, v(r.low), r.lowLabel, v(r.high), r.highLabel, v(r.high - r.low)];
    }),
  }));
  return [factors, variants, ...swings];
}

/** Fixed-width text of a table, for the terminal. */
export function textTable(t: Table): string {
  const rows = [t.head, ...t.rows];
  const widths = (t.head ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return [
    t.title,
    ...rows.map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
  ].join('\n');
}
