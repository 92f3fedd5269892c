/**
 * Chart 2: second by second through the busiest clock hour of the transaction ceiling — the total
 * offered in each second (baseline + scheduled) against the ceiling. The busiest hour is the
 * whole hour (hh:00–hh:00 on the horizon) with the largest mean offered load of the drawn series.
 */
import { peakWindowMean } from '../../stats/capacity-figures.js';
import type { CapacityColumns } from '../../stats/series.js';
import { addSeries, argMax } from './downsample.js';
import { ceilingRule } from './layers.js';
import { CONFIG, COLOUR, clockText, clockX, fmt, HEIGHT, round, type Spec, timeOf, WIDTH, wrap } from './theme.js';

export interface BusiestHourInput {
  readonly columns: CapacityColumns;
  readonly component: string;
  readonly ceilingPerS: number;
}

export function busiestHourChart(input: BusiestHourInput): Spec {
  const { columns: c, ceilingPerS } = input;
  const offered = addSeries(c.offeredBaseline, c.offeredScheduled);
  const hour = peakWindowMean(offered, 3600);
  const slice = offered.subarray(hour.atS, Math.min(offered.length, hour.atS + 3600));
  const rows = Array.from(slice, (v, i) => ({ t: timeOf(hour.atS + i), tps: round(v) }));
  const peak = argMax(slice);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrap(`${input.component}: transactions per second in the busiest hour`, 80),
      subtitle: wrap(
        `Offered per second (baseline + DSP-scheduled), ${clockText(hour.atS)}–${clockText(hour.atS + 3600)} UTC: ` +
          `mean ${fmt(hour.value)} TPS, busiest second ${fmt(peak.value)} TPS at ${clockText(hour.atS + peak.index, true)}`,
      ),
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', color: COLOUR.baseline, strokeWidth: 1 },
        encoding: {
          x: clockX('t', hour.atS, hour.atS + 3600, 'clock time (UTC)', 600),
          y: { field: 'tps', type: 'quantitative', title: 'TPS offered' },
        },
      },
      ceilingRule(ceilingPerS, `ceiling ${fmt(ceilingPerS)} TPS`),
    ],
  };
}
