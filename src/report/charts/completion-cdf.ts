/**
 * Chart 5: the distribution of SR completion times (activation → response or TRT-expiry alert), as
 * a CDF over the replications' merged histograms (stats/completion-cdf.ts), with the TRT marked.
 *
 * The business deadlines (06:00, 08:00) are clock times, not durations: an SR activated at 05:55 has
 * 5 minutes to meet 06:00, one activated at 00:00 has 6 hours. A duration axis cannot carry them, so
 * they are drawn on their own clock-time chart (responses-by-clock.ts).
 */
import type { CdfPoint } from '../../stats/completion-cdf.js';
import type { RunSummary } from '../../stats/summarise.js';
import { intervalText } from '../summary-text.js';
import { CONFIG, COLOUR, fmt, HEIGHT, round, type Spec, WIDTH, wrap } from './theme.js';

export interface CompletionCdfInput {
  readonly points: readonly CdfPoint[];
  readonly trtS: number;
  readonly completion: RunSummary['completion'];
}

export function completionCdfChart(input: CompletionCdfInput): Spec {
  const { points, trtS, completion: c } = input;
  const rows = points.map((p) => ({ h: round(p.s / 3600, 4), share: round(p.share, 4) }));
  const maxH = Math.max(trtS, ...points.map((p) => p.s)) / 3600;
  const trtH = trtS / 3600;
  const within = `${intervalText(c.shareWithinTrt, 2, 100)}% of activated SRs answered within it`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'SR completion time after activation (CDF)',
      subtitle: wrap([
        'Share of finished SRs (responses and TRT-expiry alerts) completed within a time, all replications merged',
        `p50 ${intervalText(c.p50S, 0)} s · p95 ${intervalText(c.p95S, 0)} s · p99 ${intervalText(c.p99S, 0)} s`,
      ]),
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', color: COLOUR.baseline, strokeWidth: 2 },
        encoding: {
          x: { field: 'h', type: 'quantitative', title: 'hours after activation', scale: { domain: [0, Math.ceil(maxH)] } },
          y: { field: 'share', type: 'quantitative', title: 'share of finished SRs', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        },
      },
      {
        data: { values: [{ h: trtH, label: `TRT ${fmt(trtH)} h: ${within}` }] },
        layer: [
          { mark: { type: 'rule', color: COLOUR.ceiling, strokeWidth: 2, strokeDash: [6, 4] }, encoding: { x: { field: 'h', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'right', baseline: 'top', dx: -6, dy: 40, color: COLOUR.ceiling, fontWeight: 'bold', fontSize: 12 },
            encoding: { x: { field: 'h', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}
