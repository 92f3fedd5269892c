/**
 * Chart 3: DLMS commands per hour at the DCO — baseline, firmware uplift and DSP-scheduled stacked,
 * with the capacity per hour (ceiling per second × 3 600) as a rule.
 *
 * The scenario's baseline profile already includes the firmware uplift (model/normalise.ts adds it
 * per bucket), and neither it nor the run keeps the no-firmware profile. So the uplift is drawn only
 * when the caller passes that profile (`baselineWithoutFirmwarePerS`); otherwise the chart stacks
 * baseline against scheduled and says in its title that the baseline includes the uplift.
 */
import type { Scenario } from '../../model/types.js';
import type { CapacityColumns } from '../../stats/series.js';
import { blockSum } from './downsample.js';
import { ceilingRule, windowLayers } from './layers.js';
import { CONFIG, COLOUR, clockX, fmt, HEIGHT, round, type Spec, timeOf, WIDTH, wrap } from './theme.js';

export interface DlmsHourlyInput {
  readonly columns: CapacityColumns;
  readonly component: string;
  readonly ceilingPerS: number;
  readonly day: Scenario['day'];
  /** Whether the capacity's baseline carries the firmware uplift (Capacity.baseline.firmware). */
  readonly firmware: boolean;
  /** The baseline offered per second of the horizon without the firmware uplift, where known. */
  readonly baselineWithoutFirmwarePerS?: ArrayLike<number>;
}

const SERIES = {
  baseline: { label: 'baseline', colour: COLOUR.baseline },
  firmware: { label: 'firmware uplift', colour: COLOUR.firmware },
  scheduled: { label: 'DSP-scheduled SRVs', colour: COLOUR.scheduled },
} as const;

export function dlmsHourlyChart(input: DlmsHourlyInput): Spec {
  const { columns: c, ceilingPerS } = input;
  const horizonS = c.offeredBaseline.length;
  const split = input.firmware && input.baselineWithoutFirmwarePerS !== undefined;
  const total = blockSum(c.offeredBaseline, 3600);
  const plain = split ? blockSum(input.baselineWithoutFirmwarePerS as ArrayLike<number>, 3600) : total;
  const scheduled = blockSum(c.offeredScheduled, 3600);
  const rows = Array.from(total, (b, h) => ({
    t: timeOf(h * 3600),
    baseline: round(Math.min(b, plain[h] ?? b), 0),
    firmware: round(Math.max(0, b - (plain[h] ?? b)), 0),
    scheduled: round(scheduled[h] ?? 0, 0),
  }));
  const keys = split ? (['baseline', 'firmware', 'scheduled'] as const) : (['baseline', 'scheduled'] as const);
  const perHour = ceilingPerS * 3600;
  const note = !input.firmware
    ? 'baseline without firmware upgrades'
    : split
      ? 'firmware uplift = baseline in the firmware window minus the no-firmware level'
      : 'the baseline includes the firmware uplift (12:00–22:00 on the profile): this run does not carry the no-firmware level to separate it';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrap(`${input.component}: DLMS commands per hour${input.firmware && !split ? ' (baseline incl. firmware uplift)' : ''}`, 80),
      subtitle: wrap([`Commands offered in each clock hour, stacked; capacity ${fmt(perHour, 0)} commands per hour (${fmt(ceilingPerS)}/s)`, note]),
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      ...windowLayers(input.day, horizonS),
      {
        data: { values: rows },
        transform: [{ fold: [...keys], as: ['series', 'commands'] }],
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          // A UTC hour time unit makes each bar span its hour and keeps the bars vertical (so they stack).
          x: { ...clockX('t', 0, horizonS), timeUnit: 'utcyearmonthdatehours' },
          y: { field: 'commands', type: 'quantitative', stack: 'zero', title: 'DLMS commands per hour' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: [...keys], range: keys.map((k) => SERIES[k].colour) },
            legend: { labelExpr: `${keys.map((k) => `datum.label === '${k}' ? '${SERIES[k].label}' : `).join('')}datum.label` },
          },
          order: { field: 'series', sort: 'ascending' },
        },
      },
      ceilingRule(perHour, `capacity ${fmt(perHour, 0)} per hour`),
    ],
  };
}
