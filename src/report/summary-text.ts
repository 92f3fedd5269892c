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

export function summaryText(s: RunSummary): string {
  const lines: string[] = [];
  lines.push(`srvsim run: ${s.scenario} — ${s.title}`);
  lines.push(
    s.replications === 1
      ? `seed ${s.seed}, 1 replication (no confidence interval: use --replications 2 or more)`
      : `seed ${s.seed}, ${s.replications} replications; figures are mean ± 95% t-interval half-width`,
  );
  lines.push('');
  if (s.verdict.withinAllCeilings) lines.push('VERDICT: within every ceiling at every second of the horizon.');
  else {
    lines.push('VERDICT: ABOVE A CEILING');
    for (const b of s.verdict.breaches) {
      lines.push(`  ${b.capacity}: ${num(b.secondsAbove, 0)} s above ${num(b.ceilingPerS)}/s; peak ${num(b.peakOffered1s)}/s at ${hm(b.peakAtS)} UTC`);
    }
  }
  lines.push('');
  const head = ['capacity', 'ceiling/s', 'peak 1 s', 'peak 1 min', 'peak 1 h', 'min headroom 1 s', 's above', 'max backlog', 'drain'];
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
    `Completion time after activation: p50 ${intervalText(c.p50S, 0)} s, p95 ${intervalText(c.p95S, 0)} s, p99 ${intervalText(c.p99S, 0)} s`,
    `Responses within the TRT: ${pct(c.shareWithinTrt)}; ${c.byDeadline.map((d) => `by ${hm(d.atS).slice(3, 8)}: ${pct(d.share)}`).join('; ')}`,
    '',
    'Counters (per replication)',
  );
  const counters = Object.entries(s.counters).map(([k, v]) => [k, intervalText(v, 0)]);
  lines.push(...table(counters).map((l) => `  ${l}`), '');
  return lines.join('\n');
}
