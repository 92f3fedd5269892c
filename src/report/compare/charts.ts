/**
 * The comparison's charts as vega-lite specs (plain data, no rendering):
 *  - small multiples: transactions per second offered by minute, one panel per scenario in rank
 *    order (baseline and scheduled stacked, the ceiling as a rule), shared axes;
 *  - headline bars: one row per figure, one bar per scenario (green fits, vermilion breaches),
 *    the 95% interval as an error bar.
 */
import { ceilingRule } from '../charts/layers.js';
import { CONFIG, COLOUR, clockX, fmt, round, type Spec, timeOf, wrap } from '../charts/theme.js';
import type { Comparison } from '../../stats/comparison.js';

/** Which figures the headline bar chart draws (one row each). */
export const HEADLINE_BAR_KEYS = ['securePeak1s', 'securePeak1min', 'secureMinHeadroom1s', 'secureSecondsAbove', 'secureMaxBacklog', 'dcoPeakHourPerH', 'completionP99S', 'withinTrt'] as const;

/** Top of the shared TPS axis: the busiest minute, but at most twice the ceiling (a burst is clipped). */
function axisTop(c: Comparison): number {
  const ceiling = Math.max(...c.tpsByMinute.map((t) => t.ceilingPerS));
  const busiest = Math.max(...c.tpsByMinute.flatMap((t) => t.baseline.map((b, m) => b + (t.scheduled[m] ?? 0))));
  return Math.ceil(Math.max(ceiling * 1.15, Math.min(busiest * 1.05, ceiling * 2)) / 50) * 50;
}

export function smallMultiplesChart(c: Comparison): Spec {
  const horizonS = c.horizonS;
  const top = axisTop(c);
  const panel = (t: Comparison['tpsByMinute'][number]) => {
    const row = c.ranking.find((r) => r.scenario === t.scenario);
    const rows = t.baseline.map((b, m) => ({ t: timeOf(m * 60), baseline: b, scheduled: t.scheduled[m] ?? 0 }));
    const peak = Math.max(...rows.map((r) => r.baseline + r.scheduled));
    const clipped = peak > top ? ', off the top of the axis' : '';
    return {
      title: { text: `${row?.rank ?? '?'}. ${t.scenario} (${row?.feasible ? 'fits' : 'breaches'}; busiest minute ${fmt(peak)} TPS${clipped})`, fontSize: 13, anchor: 'start' as const },
      width: 1000,
      height: 110,
      layer: [
        {
          data: { values: rows },
          transform: [{ fold: ['baseline', 'scheduled'], as: ['series', 'tps'] }],
          mark: { type: 'area', clip: true },
          encoding: {
            x: clockX('t', 0, horizonS),
            y: { field: 'tps', type: 'quantitative', stack: 'zero', title: 'TPS', scale: { domain: [0, top] } },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              scale: { domain: ['baseline', 'scheduled'], range: [COLOUR.baseline, COLOUR.scheduled] },
              legend: { labelExpr: "datum.label === 'scheduled' ? 'DSP-scheduled SRVs' : 'baseline traffic'" },
            },
            order: { field: 'series', sort: 'ascending' },
          },
        },
        ceilingRule(t.ceilingPerS, `ceiling ${fmt(t.ceilingPerS)} TPS`),
      ],
    };
  };
  const averaged = c.replications > 1 ? `, mean of ${c.replications} replications` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${c.transactionCapacity}: transactions per second offered by minute, per scenario`,
      subtitle: wrap(
        `Mean TPS in each minute, baseline and DSP-scheduled stacked${averaged}; panels in rank order, same axes (up to twice the ceiling: a burst above it is clipped and its value given in the panel title); seed ${c.seed}`,
      ),
    },
    config: CONFIG,
    spacing: 18,
    resolve: { scale: { y: 'shared', x: 'shared' } },
    vconcat: c.tpsByMinute.map(panel),
  } as Spec;
}

const UNIT = { tps: '', s: '', units: '', 'per-h': '', share: ' (%)' } as const;

export function headlineBarsChart(c: Comparison): Spec {
  const order = c.ranking.map((r) => r.scenario);
  const defs = c.figures.filter((d) => (HEADLINE_BAR_KEYS as readonly string[]).includes(d.key));
  const row = (d: Comparison['figures'][number]) => {
    const k = d.unit === 'share' ? 100 : 1;
    const values = c.ranking.map((r) => {
      const x = r.figures[d.key] ?? { mean: Number.NaN, halfWidth: null, n: 0 };
      const hw = x.halfWidth ?? 0;
      return { scenario: r.scenario, fit: r.feasible ? 'fits' : 'breaches', mean: round(x.mean * k, 4), lo: round((x.mean - hw) * k, 4), hi: round((x.mean + hw) * k, 4) };
    });
    const y = { field: 'scenario', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } } as const;
    return {
      width: 760,
      height: { step: 18 },
      data: { values },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            x: {
              field: 'mean',
              type: 'quantitative',
              title: `${d.label}${UNIT[d.unit]}`,
              axis: { titleFontWeight: 'bold', ...(d.unit === 'per-h' ? { format: '~s' } : {}) },
              ...(values.every((v) => v.lo === 0 && v.hi === 0) ? { scale: { domain: [0, 1] } } : {}),
            },
            color: { field: 'fit', type: 'nominal', title: null, scale: { domain: ['fits', 'breaches'], range: [COLOUR.firmware, COLOUR.ceiling] } },
          },
        },
        { mark: { type: 'rule', color: COLOUR.line, strokeWidth: 2 }, encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
      ],
    };
  };
  const intervals = c.replications > 1 ? `black bars: 95% t-interval over ${c.replications} replications` : 'one replication: no interval';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Headline figures per scenario', subtitle: wrap(`Scenarios in rank order; green: within every ceiling, vermilion: above one; ${intervals}`) },
    config: CONFIG,
    spacing: 16,
    resolve: { scale: { color: 'shared' } },
    vconcat: defs.map(row),
  } as Spec;
}
