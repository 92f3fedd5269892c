/**
 * Chart 1: transactions per second offered at the (first) transaction ceiling, by minute over the
 * horizon — baseline and DSP-scheduled stacked, the ceiling as a rule, the peak and firmware
 * windows shaded and the busiest minute annotated with its value and time.
 */
import type { Scenario } from '../../model/types.js';
import type { CapacityColumns } from '../../stats/series.js';
import { addSeries, argMax, blockMean } from './downsample.js';
import { ceilingRule, windowLayers } from './layers.js';
import { CONFIG, COLOUR, clockText, clockX, fmt, HEIGHT, round, type Spec, timeOf, WIDTH, wrap } from './theme.js';

export interface SecureTpsInput {
  readonly columns: CapacityColumns;
  readonly component: string;
  readonly ceilingPerS: number;
  readonly day: Scenario['day'];
  readonly replications: number;
}

export function secureTpsChart(input: SecureTpsInput): Spec {
  const { columns: c, ceilingPerS, day } = input;
  const horizonS = c.offeredBaseline.length;
  const baseline = blockMean(c.offeredBaseline, 60);
  const scheduled = blockMean(c.offeredScheduled, 60);
  const rows = Array.from(baseline, (b, m) => ({ t: timeOf(m * 60), baseline: round(b), scheduled: round(scheduled[m] ?? 0) }));
  const peak = argMax(addSeries(baseline, scheduled));
  const peakLabel = `busiest minute: ${fmt(peak.value)} TPS at ${clockText(peak.index * 60)}`;
  const rightHalf = peak.index * 60 > horizonS / 2;
  const averaged = input.replications > 1 ? `, mean of ${input.replications} replications` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrap(`${input.component}: transactions per second offered, by minute`, 80),
      subtitle: wrap(`Mean TPS in each minute (request + response + alert), baseline and DSP-scheduled stacked${averaged}; ceiling ${fmt(ceilingPerS)} TPS`),
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      ...windowLayers(day, horizonS),
      {
        data: { values: rows },
        transform: [{ fold: ['baseline', 'scheduled'], as: ['series', 'tps'] }],
        mark: { type: 'area' },
        encoding: {
          x: clockX('t', 0, horizonS),
          y: { field: 'tps', type: 'quantitative', stack: 'zero', title: 'TPS (mean over each minute)' },
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
      ceilingRule(ceilingPerS, `ceiling ${fmt(ceilingPerS)} TPS`),
      {
        data: { values: [{ t: timeOf(peak.index * 60), tps: round(peak.value), label: peakLabel }] },
        layer: [
          { mark: { type: 'point', filled: true, size: 60, color: COLOUR.line }, encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'tps', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: rightHalf ? 'right' : 'left', dx: rightHalf ? -8 : 8, dy: -8, fontSize: 12, fontWeight: 'bold', color: COLOUR.line },
            encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'tps', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}
