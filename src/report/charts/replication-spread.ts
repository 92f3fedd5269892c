/**
 * Chart 7 (only when R > 1): the spread of every headline figure over the replications — each
 * replication's value as a tick, the mean as a point and its 95% t-interval as an error bar, one
 * row per figure with its own axis (the units differ). Figures identical in every replication
 * have no spread to show and are left out (they are in the tables).
 */
import type { CapacityFigures } from '../../stats/capacity-figures.js';
import type { ReplicationFigures, RunSummary } from '../../stats/summarise.js';
import type { Interval } from '../../stats/t-interval.js';
import { CONFIG, COLOUR, fmt, round, type Spec, wrap } from './theme.js';

interface Figure {
  readonly label: string;
  readonly interval: Interval;
  readonly values: readonly number[];
}

const CAPACITY: readonly (readonly [keyof CapacityFigures, string])[] = [
  ['peakOffered1s', 'peak 1 s, per s'],
  ['peakOffered1min', 'peak 1 min, per s'],
  ['peakOffered1h', 'peak 1 h, per s'],
  ['minHeadroom1s', 'min headroom 1 s, per s'],
  ['secondsAboveCeiling', 's above ceiling'],
  ['maxQueue', 'largest backlog'],
];

/** Every headline figure with its interval and the per-replication values it was computed from. */
export function headlineFigures(summary: RunSummary, reps: readonly ReplicationFigures[]): Figure[] {
  const out: Figure[] = [];
  summary.capacities.forEach((cap, k) => {
    for (const [key, label] of CAPACITY) {
      const values = reps.map((r) => Number(r.capacities[k]?.[key] ?? Number.NaN));
      out.push({ label: `${cap.id}: ${label}`, interval: cap.figures[key], values });
    }
  });
  const c = summary.completion;
  for (const [key, label] of [
    ['p50S', 'completion p50, s'],
    ['p95S', 'completion p95, s'],
    ['p99S', 'completion p99, s'],
  ] as const) {
    out.push({ label, interval: c[key], values: reps.map((r) => r.completion[key]) });
  }
  const pct = (x: Interval): Interval => ({ ...x, mean: x.mean * 100, halfWidth: x.halfWidth === null ? null : x.halfWidth * 100 });
  out.push({ label: 'answered within the TRT, %', interval: pct(c.shareWithinTrt), values: reps.map((r) => r.completion.shareWithinTrt * 100) });
  c.byDeadline.forEach((d, j) => {
    const hhmm = `${String(Math.floor((d.atS % 86_400) / 3600)).padStart(2, '0')}:${String(Math.floor((d.atS % 3600) / 60)).padStart(2, '0')}`;
    out.push({ label: `answered by ${hhmm}, %`, interval: pct(d.share), values: reps.map((r) => (r.completion.shareByDeadline[j] ?? 0) * 100) });
  });
  return out.filter((f) => f.values.every(Number.isFinite) && Math.max(...f.values) > Math.min(...f.values));
}

/** One figure's row: its replications as ticks, the mean and its interval, the numbers on the right. */
function row(f: Figure): Extract<Spec, { layer: unknown }> {
  const hw = f.interval.halfWidth ?? 0;
  const mean = { value: round(f.interval.mean, 4), lo: round(f.interval.mean - hw, 4), hi: round(f.interval.mean + hw, 4), text: `${fmt(f.interval.mean, 2)} ± ${fmt(hw, 2)}` };
  const x = { field: 'value', type: 'quantitative', scale: { zero: false } } as const;
  return {
    width: 800,
    height: 18,
    layer: [
      {
        data: { values: f.values.map((v) => ({ value: round(v, 4) })) },
        mark: { type: 'tick', color: COLOUR.firmware, thickness: 2 },
        encoding: { x: { ...x, axis: { title: f.label, titleAnchor: 'start', titleFontWeight: 'bold', grid: false } } },
      },
      {
        data: { values: [mean] },
        layer: [
          { mark: { type: 'rule', color: COLOUR.line, strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true, color: COLOUR.line, size: 50 }, encoding: { x } },
          { mark: { type: 'text', align: 'left', x: 810, fontSize: 12 }, encoding: { text: { field: 'text' } } },
        ],
      },
    ],
  };
}

export function replicationSpreadChart(figures: readonly Figure[], replications: number): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Spread over ${replications} replications: each headline figure with its 95% interval`,
      subtitle: wrap('Ticks: one per replication; point and bar: mean ± 95% t-interval half-width; each figure on its own axis; figures without spread are omitted'),
    },
    config: CONFIG,
    spacing: 14,
    vconcat: figures.map(row),
  };
}
