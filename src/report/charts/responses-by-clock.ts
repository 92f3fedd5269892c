/**
 * Chart 5b: responses per minute by clock time, with the cumulative share of activated SRs answered
 * and the business deadlines (clock times on the scheduled day) as rules labelled with the share
 * answered by each. The companion of the completion-time CDF, which cannot carry clock times.
 */
import type { RunSummary } from '../../stats/summarise.js';
import { intervalText } from '../summary-text.js';
import { blockSum } from './downsample.js';
import { clockRule } from './layers.js';
import { CONFIG, COLOUR, clockText, clockX, type Spec, round, timeOf, WIDTH, wrap } from './theme.js';

export interface ResponsesByClockInput {
  /** Successful responses in each second of the horizon (mean over replications). */
  readonly responsesPerS: ArrayLike<number>;
  /** SRs activated (mean over replications): the denominator of the cumulative share. */
  readonly activated: number;
  readonly byDeadline: RunSummary['completion']['byDeadline'];
}

export function responsesByClockChart(input: ResponsesByClockInput): Spec {
  const horizonS = input.responsesPerS.length;
  const perMinute = blockSum(input.responsesPerS, 60);
  let cumulative = 0;
  const rows = Array.from(perMinute, (n, m) => {
    cumulative += n;
    return { t: timeOf(m * 60), responses: round(n), share: round(cumulative / Math.max(1, input.activated), 4) };
  });
  const deadlines = input.byDeadline.map((d, k) => clockRule(d.atS, `${clockText(d.atS).slice(3)}: ${intervalText(d.share, 1, 100)}% answered`, COLOUR.ceiling, 40 + 16 * k));
  const x = clockX('t', 0, horizonS);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Responses by clock time, and the business deadlines',
      subtitle: wrap('Shaded: responses per minute (mean over replications); line: cumulative share of activated SRs answered; dashed: deadlines'),
    },
    width: WIDTH,
    height: 220,
    config: CONFIG,
    resolve: { scale: { y: 'independent' } },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', color: COLOUR.scheduled, opacity: 0.7 },
        encoding: { x, y: { field: 'responses', type: 'quantitative', title: 'responses per minute' } },
      },
      {
        mark: { type: 'line', color: COLOUR.baseline, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', title: 'share answered', axis: { orient: 'right', format: '.0%' }, scale: { domain: [0, 1] } },
        },
      },
      ...deadlines,
    ],
  };
}
