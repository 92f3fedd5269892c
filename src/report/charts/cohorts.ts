/**
 * Chart 6: per-cohort breakdown — scheduled SRs, their DLMS commands and the alerts they raised —
 * as grouped bars. The three differ by orders of magnitude, so the y scale is symlog (linear near
 * zero, logarithmic above; zero stays zero) and every bar carries its value.
 */
import type { RunSummary } from '../../stats/summarise.js';
import { CONFIG, COLOUR, type Spec, round, WIDTH, wrap } from './theme.js';

const MEASURES = [
  { key: 'srs', label: 'SRs', colour: COLOUR.baseline },
  { key: 'dlms', label: 'DLMS commands', colour: COLOUR.scheduled },
  { key: 'alerts', label: 'alerts', colour: COLOUR.ceiling },
] as const;

export function cohortsChart(perCohort: RunSummary['perCohort'], replications: number): Spec {
  const rows = perCohort.flatMap((c) => MEASURES.map((m) => ({ cohort: c.cohort, measure: m.label, value: round(c[m.key], 1) })));
  const labels = MEASURES.map((m) => m.label);
  // Symlog picks poor ticks on its own: list the powers of ten up to the largest value.
  const top = Math.max(1, ...rows.map((r) => r.value));
  const ticks = [0, ...Array.from({ length: Math.ceil(Math.log10(top)) + 1 }, (_, k) => 10 ** k)];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Per cohort: scheduled SRs, DLMS commands and alerts',
      subtitle: wrap(`${replications > 1 ? `Mean per replication over ${replications} replications` : 'One replication'}; symlog scale (each bar labelled with its value)`),
    },
    width: WIDTH,
    height: 280,
    config: CONFIG,
    data: { values: rows },
    encoding: {
      x: { field: 'cohort', type: 'nominal', title: 'cohort', sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'measure', type: 'nominal', sort: labels },
      y: { field: 'value', type: 'quantitative', title: 'count (symlog scale)', scale: { type: 'symlog' }, axis: { values: ticks, format: ',~s' } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'measure', type: 'nominal', title: null, sort: labels, scale: { domain: labels, range: MEASURES.map((m) => m.colour) } },
        },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',.0f' } },
      },
    ],
  };
}
