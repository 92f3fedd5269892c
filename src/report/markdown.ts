/**
 * The run's verdict and tables as plain text cells — shared by the Markdown summary here and the
 * HTML page (html.ts), so both say exactly the same — and the Markdown summary itself, ready to
 * paste into an impact assessment. Pure: returns strings.
 */
import type { Scenario } from '../model/types.js';
import type { RunSummary } from '../stats/summarise.js';
import type { Interval } from '../stats/t-interval.js';
import { mdEscape } from './md-escape.js';
import { assumptionsMarkdown } from './assumptions.js';
import { clockOf } from './series.js';
import { dayCells, daysSentence, fitRows, intervalText, quantileNote, quantileText, unitOf, verdictLines } from './summary-text.js';

export { verdictLines };

/** Facts about how the run was made, passed in by the caller (report/ reads no clock and no files). */
export interface RunInfo {
  readonly seed: number;
  readonly replications: number;
  readonly workers: number;
  readonly toolVersion: string;
  readonly nodeVersion: string;
  /** Every input file read (model, extends chain, CSV tables). */
  readonly inputs: readonly string[];
  readonly commit?: string;
  /** The command-line arguments of the run. */
  readonly arguments?: readonly string[];
}

export interface ReportText {
  readonly scenario: Scenario;
  readonly summary: RunSummary;
  readonly run: RunInfo;
}

export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toLocaleString('en-GB', { maximumFractionDigits: digits }) : 'never');
const pct = (x: Interval) => `${intervalText(x, 2, 100)}%`;
const shareOf = (part: Interval, whole: Interval) => (whole.mean > 0 ? `${num((part.mean / whole.mean) * 100)}%` : '—');

/** The report's tables by name. */
export interface ReportTables {
  readonly fit: Table;
  readonly load: Table;
  readonly windows: Table;
  readonly completion: Table;
  readonly dlms: Table;
  readonly days: Table;
  readonly cohorts: Table;
  readonly counters: Table;
  readonly provenance: Table;
}

/** The headline tables, cells as plain text (the caller escapes them for its format). */
export function reportTables(input: ReportText): ReportTables {
  const { summary: s, run } = input;
  const load: Table = {
    title: 'Load per capacity (offered = baseline + scheduled, units per second; 1 min and 1 h peaks over any 60 / 3,600 consecutive seconds)',
    head: ['capacity', 'ceiling/s', 'peak 1 s', 'peak 1 min', 'peak 1 h', 'min headroom 1 s', 's offered above ceiling', 's at ceiling (saturated)', 'largest backlog', 'drain (s)'],
    rows: s.capacities.map((c) => {
      const f = c.figures;
      return [
        `${c.id} (${unitOf(c.currency)})`,
        num(c.ceilingPerS),
        intervalText(f.peakOffered1s),
        intervalText(f.peakOffered1min),
        intervalText(f.peakOffered1h),
        intervalText(f.minHeadroom1s),
        intervalText(f.secondsAboveCeiling, 0),
        intervalText(f.secondsSaturated, 0),
        intervalText(f.maxQueue, 0),
        Number.isFinite(f.drainS.mean) ? intervalText(f.drainS, 0) : 'not drained',
      ];
    }),
  };
  const [fitHead, ...fitBody] = fitRows(s);
  const fit: Table = {
    title:
      "Judged at each ceiling's own window (sliding): required capacity = the busiest window's mean offered load per second; uplift over the baseline's busiest window; the ceiling's change, and for a headroom ceiling the headroom over the busiest baseline hour, at which the placement just fits",
    head: fitHead ?? [],
    rows: fitBody,
  };
  const windows: Table = {
    title: 'Scheduled load in the peak and firmware windows',
    head: ['capacity', 'scheduled offered', 'in the peak window', 'in the firmware window'],
    rows: s.capacities.map((c) => {
      const f = c.figures;
      const share = (x: Interval) => (f.scheduledOffered.mean > 0 ? ` (${num((x.mean / f.scheduledOffered.mean) * 100)}%)` : '');
      return [
        c.id,
        intervalText(f.scheduledOffered, 0),
        intervalText(f.scheduledInPeakWindow, 0) + share(f.scheduledInPeakWindow),
        intervalText(f.scheduledInFirmwareWindow, 0) + share(f.scheduledInFirmwareWindow),
      ];
    }),
  };
  const c = s.completion;
  const completion: Table = {
    title: `Completion of the measured days' SRs (times: answered SRs, seconds after activation; ${quantileNote(c.quantileResolution)})`,
    head: ['figure', 'value'],
    rows: [
      ['p50 (s)', quantileText(c.p50S, c.quantileResolution)],
      ['p95 (s)', quantileText(c.p95S, c.quantileResolution)],
      ['p99 (s)', quantileText(c.p99S, c.quantileResolution)],
      ['mean (s)', intervalText(c.meanS, 0)],
      ['answered within the TRT', pct(c.shareWithinTrt)],
      ['expired at the TRT (an alert, no answer)', pct(c.shareExpired)],
      ...c.byDeadline.map((d) => [`answered by the next ${clockOf(d.atS).slice(3, 8)} after activation`, pct(d.share)]),
    ],
  };
  const dco = s.capacities.find((x) => x.currency === 'dlms');
  const sc = s.counters;
  const seedRange = `${num(input.scenario.seedShares.referenceDlmsMin * input.scenario.seedShares.referenceSrvs, 0)}–${num(input.scenario.seedShares.referenceDlmsMax * input.scenario.seedShares.referenceSrvs, 0)}`;
  const dlms: Table = {
    title: "DLMS commands of the measured day's SRs, by kind of attempt (per day)",
    head: ['attempts', 'DLMS commands', 'share'],
    rows: [
      ['first attempts that succeeded', intervalText(sc.dlmsFirstAttempts, 0), shareOf(sc.dlmsFirstAttempts, sc.dlmsCommands)],
      ['retries that succeeded', intervalText(sc.dlmsRetries, 0), shareOf(sc.dlmsRetries, sc.dlmsCommands)],
      ['failed attempts (association at unreachable devices, partial reads)', intervalText(sc.dlmsFailedAttempts, 0), shareOf(sc.dlmsFailedAttempts, sc.dlmsCommands)],
      ['all attempts', intervalText(sc.dlmsCommands, 0), '100%'],
      ["the seed's range for its SRVs a day (§4.3: 5 to 11 commands each)", seedRange, ''],
      ...(dco ? [[`offered at ${dco.id} in the measured clock day(s), carry-over included`, intervalText(dco.figures.scheduledOffered, 0), '']] : []),
    ],
  };
  const days: Table = {
    title: 'Day by day (clock days of the run; SRs still open at midnight carry over)',
    head: [
      'day',
      'date',
      'role',
      'firmware',
      'activated',
      'carried in',
      'answered',
      'alerts',
      'rejected',
      'carried out',
      ...s.capacities.map((x) => `${x.id}: peak 1 s`),
      ...s.capacities.map((x) => `${x.id}: scheduled offered`),
    ],
    rows: s.days.map((d) => [
      ...dayCells(d),
      intervalText(d.rejected, 0),
      intervalText(d.carryOut, 0),
      ...d.capacities.map((x) => intervalText(x.peakOffered1s)),
      ...d.capacities.map((x) => intervalText(x.scheduledOffered, 0)),
    ]),
  };
  const cohorts: Table = {
    title: 'Per cohort (mean per replication)',
    head: ['cohort', 'SRs', 'DLMS commands', 'alerts', 'responded', 'expired'],
    rows: s.perCohort.map((p) => [p.cohort, num(p.srs, 0), num(p.dlms, 0), num(p.alerts, 0), num(p.responded, 0), num(p.expired, 0)]),
  };
  const counters: Table = { title: 'Counters (per replication)', head: ['counter', 'value'], rows: Object.entries(s.counters).map(([k, v]) => [k, intervalText(v, 0)]) };
  const base = provenanceTable(run);
  const provenance: Table = { ...base, rows: [['scenario', `${s.scenario}: ${s.title}`], ...base.rows] };
  return { fit, load, windows, completion, dlms, days, cohorts, counters, provenance };
}

/**
 * Markdown text of a model-supplied string: stays in its table cell, line or heading and renders as
 * the same text, never as a link, image, HTML or other markup (the rule is in md-escape.ts).
 */
export function mdText(text: string): string {
  return mdEscape(text);
}

function mdTable(t: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(mdText).join(' | ')} |`;
  return [`### ${mdText(t.title)}`, '', line(t.head), `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map(line), ''].join('\n');
}

export function summaryMarkdown(input: ReportText): string {
  const s = input.summary;
  const v = verdictLines(s);
  const interval = s.replications > 1 ? `${s.replications} replications; figures are mean ± 95% t-interval half-width` : '1 replication (no confidence interval)';
  return [
    `## srvsim: ${mdText(s.scenario)} — ${mdText(s.title)}`,
    '',
    `Seed ${s.seed}, ${interval}. ${daysSentence(s)} Times are UTC, "d1" is the first measured day.`,
    '',
    `**Verdict: ${mdText(v.headline)}**`,
    '',
    ...v.details.map((d) => `- ${mdText(d)}`),
    '',
    ...Object.values(reportTables(input)).map(mdTable),
    '### Assumptions and their provenance',
    '',
    assumptionsMarkdown(input.scenario.provenance),
  ].join('\n');
}

/** How the report was made, as a table. */
export function provenanceTable(run: RunInfo): Table {
  return {
    title: 'Run provenance',
    head: ['item', 'value'],
    rows: [
      ['seed', String(run.seed)],
      ['replications', String(run.replications)],
      ['workers', String(run.workers)],
      ['srvsim version', run.toolVersion],
      ...(run.commit ? [['commit', run.commit]] : []),
      ['Node.js', run.nodeVersion],
      ...(run.arguments ? [['arguments', run.arguments.join(' ')]] : []),
      ...run.inputs.map((f, i) => [`input ${i + 1}`, f]),
    ],
  };
}
