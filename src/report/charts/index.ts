/**
 * The charts of a run report as vega-lite specs (plain data, no rendering, no I/O).
 * May import model/types, stats/ (results and their figures) and report/; never sim/, engine/, app/ or cli/.
 */
import type { Scenario } from '../../model/types.js';
import { completionCdf } from '../../stats/completion-cdf.js';
import type { ReplicationResult } from '../../stats/results.js';
import { capacityColumns, meanSeries } from '../../stats/series.js';
import { replicationFigures, type RunSummary } from '../../stats/summarise.js';
import { backlogChart } from './backlog.js';
import { busiestHourChart } from './busiest-hour.js';
import { cohortsChart } from './cohorts.js';
import { completionCdfChart } from './completion-cdf.js';
import { dlmsHourlyChart } from './dlms-hourly.js';
import { headlineFigures, replicationSpreadChart } from './replication-spread.js';
import { responsesByClockChart } from './responses-by-clock.js';
import { secureTpsChart } from './secure-tps.js';
import type { Spec } from './theme.js';

export type { Spec } from './theme.js';

/** What the charts are drawn from: the run's summary and its replications. */
export interface RunData {
  readonly summary: RunSummary;
  readonly results: readonly ReplicationResult[];
}

export interface NamedChart {
  /** File stem: charts/<name>.vl.json, .svg, .png. */
  readonly name: string;
  /** One line for a caption or a table of contents. */
  readonly caption: string;
  readonly spec: Spec;
}

/**
 * Every chart that applies to the run, in reading order. Charts of a capacity kind the scenario
 * lacks (no transaction ceiling, no DLMS capacity) and the replication spread with R = 1 are left out.
 */
export function chartSpecs(s: Scenario, run: RunData): NamedChart[] {
  const { summary, results } = run;
  const columns = s.capacities.map((_, k) => capacityColumns(results, k));
  const charts: NamedChart[] = [];
  const tx = s.capacities.findIndex((c) => c.currency === 'transactions');
  const txCap = s.capacities[tx];
  const txCols = columns[tx];
  if (txCap && txCols) {
    const base = { columns: txCols, component: txCap.component, ceilingPerS: txCap.ceilingPerS };
    charts.push({ name: 'secure-tps', caption: `${txCap.component}: TPS offered by minute over the horizon`, spec: secureTpsChart({ ...base, day: s.day, replications: results.length }) });
    charts.push({ name: 'busiest-hour', caption: `${txCap.component}: TPS per second in the busiest hour`, spec: busiestHourChart(base) });
  }
  const dl = s.capacities.findIndex((c) => c.currency === 'dlms');
  const dlCap = s.capacities[dl];
  const dlCols = columns[dl];
  if (dlCap && dlCols) {
    const spec = dlmsHourlyChart({ columns: dlCols, component: dlCap.component, ceilingPerS: dlCap.ceilingPerS, day: s.day, firmware: dlCap.baseline.firmware });
    charts.push({ name: 'dlms-hourly', caption: `${dlCap.component}: DLMS commands per hour`, spec });
  }
  charts.push({ name: 'backlog', caption: 'Backlog per minute at each capacity', spec: backlogChart({ columns, capacities: summary.capacities }) });
  charts.push({
    name: 'completion-cdf',
    caption: 'SR completion time after activation (CDF) and the TRT',
    spec: completionCdfChart({ points: completionCdf(results), trtS: s.day.trtS, completion: summary.completion }),
  });
  const responsesPerS = meanSeries(results, (r) => r.responsesPerS);
  charts.push({
    name: 'responses-by-clock',
    caption: 'Responses by clock time and the business deadlines',
    spec: responsesByClockChart({ responsesPerS, activated: summary.counters.activated.mean, byDeadline: summary.completion.byDeadline }),
  });
  charts.push({ name: 'cohorts', caption: 'Per cohort: SRs, DLMS commands, alerts', spec: cohortsChart(summary.perCohort, results.length) });
  if (results.length > 1) {
    const figures = headlineFigures(
      summary,
      results.map((r) => replicationFigures(s, r)),
    );
    charts.push({ name: 'replication-spread', caption: 'Headline figures over the replications, with 95% intervals', spec: replicationSpreadChart(figures, results.length) });
  }
  return charts;
}
