/** The run summary as terminal text. Pure: returns a string. */
import type { Interval } from '../stats/t-interval.js';
import type { RunSummary } from '../stats/summarise.js';
import { clockOf } from './series.js';

const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'never');

/** "475.2 ± 1.3" (95% t-interval) or "475.2" for one replication. */
export function intervalText(x: Interval, digits = 1, scale = 1): string {
  const m = num(x.mean * scale, digits);
  return x.halfWidth === null || !Number.isFinite(x.mean) ? m : `${m} ± ${num(x.halfWidth * scale, digits)}`;
}

const pct = (x: Interval) => `${intervalText(x, 2, 100)}%`;
const hm = (seconds: number) => (Number.isFinite(seconds) ? clockOf(Math.round(seconds)) : 'never');
const dur = (x: Interval) => {
  if (!Number.isFinite(x.mean)) return 'never (backlog at the horizon)';
  const h = x.mean / 3600;
  return `${intervalText(x, 0)} s (${num(h, 2)} h)`;
};

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** What the run fired and what the figures describe, in one sentence. */
export function daysSentence(s: RunSummary): string {
  const warm = s.days.filter((d) => d.role === 'warm-up').length;
  const measured = s.days.filter((d) => d.role === 'measured').length;
  const start = warm === 0 ? 'a cold start (no warm-up day)' : `${warm} warm-up day${warm > 1 ? 's' : ''} (yesterday's retries and alerts carried in)`;
  return `Steady state: the schedule fires every day; after ${start}, the figures describe ${measured} measured day${measured > 1 ? 's' : ''} (${num(s.horizonS / 3600)} h).`;
}

export function summaryText(s: RunSummary): string {
  const lines: string[] = [];
  lines.push(`srvsim run: ${s.scenario} — ${s.title}`);
  lines.push(
    s.replications === 1
      ? `seed ${s.seed}, 1 replication (no confidence interval: use --replications 2 or more)`
      : `seed ${s.seed}, ${s.replications} replications; figures are mean ± 95% t-interval half-width`,
  );
  lines.push(daysSentence(s));
  lines.push('');
  if (s.verdict.withinAllCeilings) lines.push('VERDICT: within every ceiling at every second of the measured days.');
  else {
    lines.push('VERDICT: ABOVE A CEILING');
    for (const b of s.verdict.breaches) {
      lines.push(`  ${b.capacity}: ${num(b.secondsAbove, 0)} s above ${num(b.ceilingPerS)}/s; peak ${num(b.peakOffered1s)}/s at ${hm(b.peakAtS)} UTC`);
    }
  }
  lines.push('');
  const head = ['capacity', 'ceiling/s', 'peak 1 s', 'peak 1 min', 'peak 1 h', 'min headroom 1 s', 's above', 's at ceiling', 'max backlog', 'drain'];
  const body = s.capacities.map((c) => {
    const f = c.figures;
    return [
      `${c.id} (${c.currency})`,
      num(c.ceilingPerS),
      intervalText(f.peakOffered1s),
      intervalText(f.peakOffered1min),
      intervalText(f.peakOffered1h),
      `${intervalText(f.minHeadroom1s)} (${num((f.minHeadroom1s.mean / c.ceilingPerS) * 100)}%)`,
      intervalText(f.secondsAboveCeiling, 0),
      intervalText(f.secondsSaturated, 0),
      intervalText(f.maxQueue, 0),
      dur(f.drainS),
    ];
  });
  lines.push('Load per capacity (offered = baseline + scheduled, units per second)', ...table([head, ...body]), '');
  for (const c of s.capacities) {
    const f = c.figures;
    const share = (x: Interval) => (f.scheduledOffered.mean > 0 ? `${num((x.mean / f.scheduledOffered.mean) * 100)}%` : '–');
    lines.push(
      `${c.id}: scheduled ${c.currency} offered ${intervalText(f.scheduledOffered, 0)}; in the peak window ${intervalText(f.scheduledInPeakWindow, 0)} (${share(f.scheduledInPeakWindow)}); in the firmware window ${intervalText(f.scheduledInFirmwareWindow, 0)} (${share(f.scheduledInFirmwareWindow)})`,
    );
  }
  lines.push('');
  const c = s.completion;
  lines.push(
    `Completion time of answered SRs after activation: p50 ${intervalText(c.p50S, 0)} s, p95 ${intervalText(c.p95S, 0)} s, p99 ${intervalText(c.p99S, 0)} s; expired at the TRT: ${pct(c.shareExpired)}`,
    `Responses within the TRT: ${pct(c.shareWithinTrt)}; ${c.byDeadline.map((d) => `by the next ${hm(d.atS).slice(3, 8)}: ${pct(d.share)}`).join('; ')}`,
    `DLMS commands of the measured SRs: ${intervalText(s.counters.dlmsCommands, 0)} (first attempts ${intervalText(s.counters.dlmsFirstAttempts, 0)}, retries ${intervalText(s.counters.dlmsRetries, 0)}, failed attempts ${intervalText(s.counters.dlmsFailedAttempts, 0)})`,
    '',
    'Day by day (SRs carried in and out at midnight)',
    ...table([
      ['day', 'role', 'activated', 'in', 'answered', 'alerts', 'out'],
      ...s.days.map((d) => [`d${d.day + 1}`, d.role, intervalText(d.activated, 0), intervalText(d.carryIn, 0), intervalText(d.responded, 0), intervalText(d.alerts, 0), intervalText(d.carryOut, 0)]),
    ]).map((l) => `  ${l}`),
    '',
    'Counters (per replication)',
  );
  const counters = Object.entries(s.counters).map(([k, v]) => [k, intervalText(v, 0)]);
  lines.push(...table(counters).map((l) => `  ${l}`), '');
  return lines.join('\n');
}
