/** The run summary as terminal text. Pure: returns a string. */
import { windowLabel } from '../stats/capacity-figures.js';
import type { RunSummary } from '../stats/summarise.js';
import type { Interval } from '../stats/t-interval.js';
import { clockOf } from './series.js';

const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'never');

/** "475.2 ± 1.3" (95% t-interval) or "475.2" for one replication. */
export function intervalText(x: Interval, digits = 1, scale = 1): string {
  const m = num(x.mean * scale, digits);
  return x.halfWidth === null || !Number.isFinite(x.mean) ? m : `${m} ± ${num(x.halfWidth * scale, digits)}`;
}

/**
 * A completion quantile: read off a histogram, so it is known only to within `resolution` of its value.
 * The ± shown is the larger of the replications' half-width and that resolution, so bucketing never
 * shows as "± 0".
 */
export function quantileText(x: Interval, resolution: number): string {
  return intervalText({ ...x, halfWidth: Math.max(x.halfWidth ?? 0, Math.abs(x.mean) * resolution) }, 0);
}

/** The quantiles' resolution in words. */
export const quantileNote = (resolution: number) => `quantiles from a histogram, ± at least its ${num(resolution * 100, 2)}% resolution`;

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

/** A day's first cells in every day table: day, date, role, firmware, activated, carried in, answered, alerts. */
export function dayCells(d: RunSummary['days'][number]): string[] {
  return [`d${d.day + 1}`, d.date ?? '–', d.role, d.firmware ? 'yes' : 'no', intervalText(d.activated, 0), intervalText(d.carryIn, 0), intervalText(d.responded, 0), intervalText(d.alerts, 0)];
}

/** What the run fired and what the figures describe, in one sentence. */
export function daysSentence(s: RunSummary): string {
  const warm = s.days.filter((d) => d.role === 'warm-up').length;
  const measured = s.days.filter((d) => d.role === 'measured').length;
  const start = warm === 0 ? 'a cold start (no warm-up day)' : `${warm} warm-up day${warm > 1 ? 's' : ''} (yesterday's retries and alerts carried in)`;
  return `Steady state: the schedule fires every day; after ${start}, the figures describe ${measured} measured day${measured > 1 ? 's' : ''} (${num(s.horizonS / 3600)} h).`;
}

/** A capacity's currency in words. */
export const unitOf = (currency: string) => (currency === 'dlms' ? 'DLMS commands' : currency);
const utc = (t: number) => (Number.isFinite(t) ? `${hm(t)} UTC` : 'never');

/** Earliest and latest of the replications' instants, e.g. "the 3 replications' peaks span d1 00:12:36–d1 00:31:02 UTC". */
function spread(instants: readonly number[], what: string): string {
  if (instants.length < 2) return '';
  const lo = Math.min(...instants);
  const hi = Math.max(...instants);
  return lo === hi ? `; every replication's ${what} at the same second` : `; the ${instants.length} replications' ${what}s span ${clockOf(lo)}–${utc(hi)}`;
}

/**
 * The verdict first: within every ceiling or not — which capacity, when, by how much — each capacity
 * judged over the window its ceiling holds over (sliding). An instant is the one of the replication
 * where its figure is largest, with the spread of every replication's instant beside it.
 */
export function verdictLines(s: RunSummary): { readonly ok: boolean; readonly headline: string; readonly details: readonly string[] } {
  const v = s.verdict;
  const worst = s.replications > 1 ? ' (the replication where it is largest)' : '';
  const headline = v.withinAllCeilings ? 'Within every ceiling over the measured days, each judged over its own window.' : `Above a ceiling: ${v.breaches.map((b) => b.capacity).join(', ')}.`;
  const details = v.withinAllCeilings
    ? s.capacities.map((c) => {
        const f = c.figures;
        const w = windowLabel(c.windowS);
        const h = f.minHeadroomWindow;
        const headroom = `${intervalText(h)} ${unitOf(c.currency)}/s (${num((h.mean / c.ceilingPerS) * 100)}% of ${num(c.ceilingPerS)}/s)`;
        const busiest = `${intervalText(f.requiredPerS)}/s ${c.windowS === 1 ? 'at' : 'from'} ${utc(f.requiredAtS.mean)}${worst}${spread(c.instants.requiredAtS, 'busiest window')}`;
        return `${c.id} (${c.component}, judged per ${w}): smallest headroom ${headroom}; busiest ${w} ${busiest}.`;
      })
    : v.breaches.map((b) => {
        const c = s.capacities.find((x) => x.id === b.capacity);
        const over = b.requiredPerS - b.ceilingPerS;
        const by = `${num(over)}/s (${num((over / b.ceilingPerS) * 100)}%) over the ceiling`;
        const when = `${utc(b.peakAtS)}${worst}${spread(c?.instants.requiredAtS ?? [], b.windowS === 1 ? 'peak' : 'busiest window')}`;
        return b.windowS === 1
          ? `${b.capacity}: ${num(b.secondsAbove, 0)} s above ${num(b.ceilingPerS)}/s; peak ${num(b.requiredPerS)}/s at ${when}, ${by}.`
          : `${b.capacity}: ${num(b.secondsAbove, 0)} sliding ${windowLabel(b.windowS)} windows above ${num(b.ceilingPerS)}/s; the busiest ${num(b.requiredPerS)}/s from ${when}, ${by}.`;
      });
  const c = s.completion;
  const deadlines = c.byDeadline.map((d) => `${pct(d.share)} by ${clockOf(d.atS).slice(3, 8)}`).join(', ');
  return { ok: v.withinAllCeilings, headline, details: [...details, `SRs answered within the TRT: ${pct(c.shareWithinTrt)}; ${deadlines}.`] };
}

/** Per capacity: its window, required capacity, uplift over the baseline, and what it takes to fit (header row first). */
export function fitRows(s: RunSummary): string[][] {
  const signed = (x: Interval) => `${x.mean >= 0 ? '+' : ''}${intervalText(x, 1, 100)}%`;
  return [
    ['capacity', 'window', 'ceiling/s', 'required/s', 'busiest window from', 'baseline busiest/s', 'uplift/s', 'ceiling change to fit', 'break-even headroom', 'windows above', 'min headroom/s'],
    ...s.capacities.map((c) => {
      const f = c.figures;
      return [
        c.id,
        windowLabel(c.windowS),
        num(c.ceilingPerS),
        intervalText(f.requiredPerS),
        utc(f.requiredAtS.mean),
        intervalText(f.baselinePeakWindowPerS),
        intervalText(f.upliftPerS),
        signed(c.fit.ceilingChangeToFit),
        c.fit.breakEvenHeadroom === null ? '–' : `${signed(c.fit.breakEvenHeadroom)} (model ${num((c.fit.headroom ?? 0) * 100)}%)`,
        intervalText(f.windowsAbove, 0),
        intervalText(f.minHeadroomWindow),
      ];
    }),
  ];
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
  const verdict = verdictLines(s);
  const head = verdict.ok ? `VERDICT: ${verdict.headline}` : `VERDICT: ABOVE A CEILING (${s.verdict.breaches.map((b) => b.capacity).join(', ')})`;
  lines.push(head, ...verdict.details.map((d) => `  ${d}`), '');
  lines.push("Judged at each ceiling's own window (sliding; required = the busiest window's mean offered load per second)", ...table(fitRows(s)), '');
  const loadHead = ['capacity', 'ceiling/s', 'peak 1 s', 'peak 1 min', 'peak 1 h', 'min headroom 1 s', 's offered above', 's at ceiling', 'max backlog', 'drain'];
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
  lines.push('Load per capacity (offered = baseline + scheduled, units per second)', ...table([loadHead, ...body]), '');
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
    `Completion time of answered SRs after activation (${quantileNote(c.quantileResolution)}): p50 ${quantileText(c.p50S, c.quantileResolution)} s, p95 ${quantileText(c.p95S, c.quantileResolution)} s, p99 ${quantileText(c.p99S, c.quantileResolution)} s; expired at the TRT: ${pct(c.shareExpired)}`,
    `Responses within the TRT: ${pct(c.shareWithinTrt)}; ${c.byDeadline.map((d) => `by the next ${hm(d.atS).slice(3, 8)}: ${pct(d.share)}`).join('; ')}`,
    `DLMS commands of the measured SRs: ${intervalText(s.counters.dlmsCommands, 0)} (first attempts ${intervalText(s.counters.dlmsFirstAttempts, 0)}, retries ${intervalText(s.counters.dlmsRetries, 0)}, failed attempts ${intervalText(s.counters.dlmsFailedAttempts, 0)})`,
    '',
    'Day by day (SRs carried in and out at midnight)',
    ...table([['day', 'date', 'role', 'firmware', 'activated', 'in', 'answered', 'alerts', 'out'], ...s.days.map((d) => [...dayCells(d), intervalText(d.carryOut, 0)])]).map((l) => `  ${l}`),
    '',
    'Counters (per replication)',
  );
  const counters = Object.entries(s.counters).map(([k, v]) => [k, intervalText(v, 0)]);
  lines.push(...table(counters).map((l) => `  ${l}`), '');
  return lines.join('\n');
}
