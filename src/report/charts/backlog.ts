/**
 * Chart 4: backlog (queue depth) per minute at every capacity — the largest depth in each minute,
 * one panel per capacity since their units differ — with the largest backlog and the moment it has
 * drained marked from the run summary (means over replications).
 */
import type { RunSummary } from '../../stats/summarise.js';
import type { CapacityColumns } from '../../stats/series.js';
import { blockMax } from './downsample.js';
import { clockRule } from './layers.js';
import { CONFIG, COLOUR, clockText, clockX, fmt, type Layer, round, type Spec, timeOf, unitOf, WIDTH, wrap } from './theme.js';

export interface BacklogInput {
  readonly columns: readonly CapacityColumns[];
  /** The summary's capacities, in the same order as `columns`. */
  readonly capacities: RunSummary['capacities'];
}

type Panel = RunSummary['capacities'][number];

function drainText(p: Panel): string {
  const f = p.figures;
  if (f.maxQueue.mean <= 0) return 'no backlog at any second';
  const drain = Number.isFinite(f.drainS.mean) ? `drained ${fmt(f.drainS.mean, 0)} s later (${fmt(f.drainS.mean / 3600, 2)} h)` : 'not drained by the end of the horizon';
  return `largest backlog ${fmt(f.maxQueue.mean, 0)} ${unitOf(p.currency)} at ${clockText(f.maxQueueAtS.mean, true)}; ${drain}`;
}

function panel(c: CapacityColumns, p: Panel): Extract<Spec, { layer: unknown }> {
  const horizonS = c.backlog.length;
  const depth = blockMax(c.backlog, 60);
  const rows = Array.from(depth, (v, m) => ({ t: timeOf(m * 60), depth: round(v) }));
  const f = p.figures;
  const marks: Layer[] = [];
  // A drain shorter than ten minutes would sit on top of the largest-backlog mark: the subtitle says it.
  if (f.maxQueue.mean > 0 && Number.isFinite(f.drainS.mean) && f.drainS.mean >= 600) {
    marks.push(clockRule(Math.min(horizonS, f.maxQueueAtS.mean + f.drainS.mean), 'drained', COLOUR.baseline, 4));
  }
  if (f.maxQueue.mean > 0) {
    marks.push({
      data: { values: [{ t: timeOf(f.maxQueueAtS.mean), depth: round(f.maxQueue.mean), label: `largest ${fmt(f.maxQueue.mean, 0)}` }] },
      layer: [
        { mark: { type: 'point', filled: true, size: 50, color: COLOUR.line }, encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'depth', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontWeight: 'bold', color: COLOUR.line },
          encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'depth', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    });
  }
  return {
    title: { text: wrap(`${p.component} (${p.id}): backlog in ${unitOf(p.currency)}`, 80), subtitle: wrap(drainText(p)), fontSize: 14 },
    width: WIDTH,
    height: 160,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'area', color: COLOUR.backlog, opacity: 0.8, line: { color: COLOUR.backlog } },
        encoding: {
          x: clockX('t', 0, horizonS),
          y: { field: 'depth', type: 'quantitative', title: 'queued', scale: f.maxQueue.mean > 0 ? { domainMin: 0, nice: true } : { domain: [0, 1] } },
        },
      },
      ...marks,
    ],
  };
}

export function backlogChart(input: BacklogInput): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Backlog (queue depth) per minute at each capacity',
      subtitle: wrap('Largest depth in each minute, units queued behind the ceiling; a fluid baseline reserves capacity and never queues'),
    },
    config: CONFIG,
    vconcat: input.columns.map((c, k) => panel(c, input.capacities[k] as Panel)),
    spacing: 30,
  };
}
