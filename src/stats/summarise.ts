/**
 * Replications → the run summary: every headline figure as mean ± 95% t-interval over replications.
 * The summary is plain JSON-ready data and deterministic (no clocks, no host facts).
 */
import { Histogram } from '../engine/index.js';
import { dateAfter, isFirmwareDay } from '../model/run-days.js';
import type { Scenario } from '../model/types.js';
import type { Counters } from '../sim/metrics.js';
import type { ReplicationResult } from '../sim/run-replication.js';
import { capacityFigures, type CapacityFigures } from './capacity-figures.js';
import { type Interval, tInterval } from './t-interval.js';

/** Completion of the measured days' SRs: times of the answered ones; what share ended how. */
export interface CompletionFigures {
  readonly p50S: number;
  readonly p95S: number;
  readonly p99S: number;
  readonly meanS: number;
  /** Responses inside the TRT / SRs activated. */
  readonly shareWithinTrt: number;
  /** SRs whose TRT expired (an alert, no answer) / SRs activated. */
  readonly shareExpired: number;
  /** Responses by each business deadline (its first occurrence after the SR's activation) / SRs activated. */
  readonly shareByDeadline: readonly number[];
}

export interface ReplicationFigures {
  readonly capacities: readonly CapacityFigures[];
  readonly completion: CompletionFigures;
  readonly counters: Counters;
}

type Intervals<T> = { readonly [K in keyof T]: T[K] extends number | null ? Interval : never };

export interface RunSummary {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly replications: number;
  readonly horizonS: number;
  readonly verdict: Verdict;
  readonly capacities: readonly {
    readonly id: string;
    readonly component: string;
    readonly currency: string;
    readonly ceilingPerS: number;
    /** Seconds of the window the ceiling holds over; the verdict judges that window, sliding. */
    readonly windowS: number;
    readonly figures: Intervals<CapacityFigures>;
    /** Each replication's instants, in replication order (the figures keep the largest one's). */
    readonly instants: { readonly peakOffered1sAtS: readonly number[]; readonly requiredAtS: readonly number[] };
    readonly fit: CapacityFit;
  }[];
  readonly completion: {
    readonly p50S: Interval;
    readonly p95S: Interval;
    readonly p99S: Interval;
    readonly meanS: Interval;
    readonly shareWithinTrt: Interval;
    readonly shareExpired: Interval;
    readonly byDeadline: readonly { readonly atS: number; readonly share: Interval }[];
    /** The quantiles are read off a histogram: each is known to within this share of its value. */
    readonly quantileResolution: number;
  };
  readonly counters: Intervals<Counters>;
  /** Every clock day of the run (warm-up days, measured days, the retry tail), each figure over the replications. */
  readonly days: readonly DaySummary[];
  readonly perCohort: readonly { readonly cohort: string; readonly srs: number; readonly dlms: number; readonly alerts: number; readonly responded: number; readonly expired: number }[];
}

/** One clock day of the run: SRs in and out (the carry-over from day to day) and each capacity's load. */
export interface DaySummary {
  /** Counted from the first measured day (−1 = the last warm-up day). */
  readonly day: number;
  readonly role: 'warm-up' | 'measured' | 'tail';
  /** Whether the day's baselines carry the firmware uplift, and its date when the run has a start date. */
  readonly firmware: boolean;
  readonly date: string | null;
  readonly activated: Interval;
  readonly responded: Interval;
  readonly alerts: Interval;
  readonly rejected: Interval;
  readonly carryIn: Interval;
  readonly carryOut: Interval;
  readonly capacities: readonly { readonly id: string; readonly offered: Interval; readonly scheduledOffered: Interval; readonly peakOffered1s: Interval }[];
}

/**
 * What a capacity needs for the placement to fit, from its required capacity R (the busiest window's
 * mean offered load): the ceiling's change to just fit, R / ceiling − 1 (negative: room to spare), and
 * for a ceiling set as headroom h over the busiest baseline bucket B = ceiling / (1 + h), the break-even
 * headroom R / B − 1 at which it just fits (compare with h). Both scale R's interval.
 */
export interface CapacityFit {
  readonly ceilingChangeToFit: Interval;
  readonly breakEvenHeadroom: Interval | null;
  /** The model's headroom over the busiest baseline bucket, when the ceiling is set that way. */
  readonly headroom: number | null;
}

export interface Verdict {
  readonly withinAllCeilings: boolean;
  /**
   * Capacities with a window above the ceiling, judged at the ceiling's own window (sliding):
   * `secondsAbove` counts those windows (by first second); `requiredPerS` is the busiest window's mean
   * offered load and `peakAtS` its first second (of the replication where it is largest).
   */
  readonly breaches: readonly {
    readonly capacity: string;
    readonly windowS: number;
    readonly secondsAbove: number;
    readonly requiredPerS: number;
    readonly peakOffered1s: number;
    readonly ceilingPerS: number;
    readonly peakAtS: number;
  }[];
}

/** R's interval scaled by 1 / base, less 1. */
function relativeTo(r: Interval, base: number): Interval {
  return { mean: r.mean / base - 1, halfWidth: r.halfWidth === null ? null : r.halfWidth / base, n: r.n };
}

export function replicationFigures(s: Scenario, r: ReplicationResult): ReplicationFigures {
  const c = r.counters;
  const activated = Math.max(1, c.activated);
  return {
    capacities: r.capacities.map((cap, k) => capacityFigures(cap, s.day.peakWindow, s.day.firmwareWindow, s.capacities[k]?.windowS ?? 1)),
    completion: {
      p50S: r.completionS.quantile(0.5),
      p95S: r.completionS.quantile(0.95),
      p99S: r.completionS.quantile(0.99),
      meanS: r.completionS.count > 0 ? r.completionS.sum / r.completionS.count : 0,
      shareWithinTrt: (c.responded - c.lateResponses) / activated,
      shareExpired: c.expired / activated,
      shareByDeadline: s.day.deadlinesS.map((_, j) => (r.byDeadline[j] ?? 0) / activated),
    },
    counters: { ...c },
  };
}

/** Field-by-field t-intervals over a list of flat records (null = never, e.g. a backlog that never drains). */
function intervals<T extends object>(records: readonly T[]): Intervals<T> {
  const first = records[0] as Record<string, unknown>;
  const out: Record<string, Interval> = {};
  for (const key of Object.keys(first)) {
    const values = records.map((r) => (r as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number')) out[key] = tInterval(values as number[]);
    else if (values.some((v) => v === null)) out[key] = { mean: Number.POSITIVE_INFINITY, halfWidth: null, n: values.length };
  }
  return out as Intervals<T>;
}

/** Each instant figure and the figure it is the instant of. */
const INSTANT_OF = { peakOffered1sAtS: 'peakOffered1s', peakOffered1hAtS: 'peakOffered1h', maxQueueAtS: 'maxQueue', requiredAtS: 'requiredPerS' } as const;

/**
 * A capacity's figures over the replications: t-intervals, except for instants. A mean of instants is
 * no instant at all (two peaks at 16:23 and 19:18 are not a peak at 17:51), so each instant is the one
 * of the replication where its figure is largest (the first such replication on a tie), without an
 * interval.
 */
function capacityIntervals(records: readonly CapacityFigures[]): Intervals<CapacityFigures> {
  const out = intervals(records) as Record<string, Interval>;
  for (const [at, figure] of Object.entries(INSTANT_OF)) {
    let worst = 0;
    records.forEach((r, k) => {
      if (r[figure] > (records[worst] as CapacityFigures)[figure]) worst = k;
    });
    out[at] = { mean: (records[worst] as CapacityFigures)[at as keyof typeof INSTANT_OF], halfWidth: null, n: records.length };
  }
  return out as Intervals<CapacityFigures>;
}

/** The per-day table over the replications (every replication has the same days). */
function daySummaries(s: Scenario, results: readonly ReplicationResult[]): DaySummary[] {
  const first = results[0] as ReplicationResult;
  return first.days.map((d, j) => {
    const over = (pick: (r: ReplicationResult) => number) => tInterval(results.map(pick));
    const at = (r: ReplicationResult) => r.days[j] as ReplicationResult['days'][number];
    return {
      day: d.day,
      role: d.day < 0 ? 'warm-up' : d.day < s.day.measuredDays ? 'measured' : 'tail',
      firmware: isFirmwareDay(s.day, d.day),
      date: s.day.startDate === null ? null : dateAfter(s.day.startDate, d.day),
      activated: over((r) => at(r).activated),
      responded: over((r) => at(r).responded),
      alerts: over((r) => at(r).alerts),
      rejected: over((r) => at(r).rejected),
      carryIn: over((r) => at(r).carryIn),
      carryOut: over((r) => at(r).openAtEnd),
      capacities: s.capacities.map((c, k) => ({
        id: c.id,
        offered: over((r) => at(r).capacities[k]?.offered ?? 0),
        scheduledOffered: over((r) => at(r).capacities[k]?.scheduledOffered ?? 0),
        peakOffered1s: over((r) => at(r).capacities[k]?.peakOffered1s ?? 0),
      })),
    };
  });
}

export function summarise(s: Scenario, results: readonly ReplicationResult[]): RunSummary {
  if (results.length === 0) throw new RangeError('summarise needs at least one replication');
  const figs = results.map((r) => replicationFigures(s, r));
  const capacities = s.capacities.map((cap, k) => {
    const records = figs.map((f) => f.capacities[k] as CapacityFigures);
    const figures = capacityIntervals(records);
    const h = cap.headroomOverBaselinePeak;
    return {
      id: cap.id,
      component: cap.component,
      currency: cap.currency,
      ceilingPerS: cap.ceilingPerS,
      windowS: cap.windowS,
      figures,
      instants: { peakOffered1sAtS: records.map((r) => r.peakOffered1sAtS), requiredAtS: records.map((r) => r.requiredAtS) },
      fit: {
        ceilingChangeToFit: relativeTo(figures.requiredPerS, cap.ceilingPerS),
        breakEvenHeadroom: h === null ? null : relativeTo(figures.requiredPerS, cap.ceilingPerS / (1 + h)),
        headroom: h,
      } satisfies CapacityFit,
    };
  });
  const breaches = capacities
    .filter((c) => c.figures.windowsAbove.mean > 0)
    .map((c) => ({
      capacity: c.id,
      windowS: c.windowS,
      secondsAbove: c.figures.windowsAbove.mean,
      requiredPerS: c.figures.requiredPerS.mean,
      peakOffered1s: c.figures.peakOffered1s.mean,
      ceilingPerS: c.ceilingPerS,
      peakAtS: c.figures.requiredAtS.mean,
    }));
  const completion = intervals(
    figs.map((f) => {
      const { shareByDeadline: _byDeadline, ...scalars } = f.completion;
      return scalars;
    }),
  );
  const perCohort = s.cohorts.map((co, k) => {
    const avg = (pick: (r: ReplicationResult) => Float64Array) => results.reduce((a, r) => a + (pick(r)[k] ?? 0), 0) / results.length;
    return {
      cohort: co.id,
      srs: avg((r) => r.perCohort.srs),
      dlms: avg((r) => r.perCohort.dlms),
      alerts: avg((r) => r.perCohort.alerts),
      responded: avg((r) => r.perCohort.responded),
      expired: avg((r) => r.perCohort.expired),
    };
  });
  return {
    scenario: s.name,
    title: s.title,
    seed: results[0]?.seed ?? s.seed,
    replications: results.length,
    horizonS: results[0]?.horizonS ?? s.day.horizonS,
    verdict: { withinAllCeilings: breaches.length === 0, breaches },
    capacities,
    completion: {
      p50S: completion.p50S,
      p95S: completion.p95S,
      p99S: completion.p99S,
      meanS: completion.meanS,
      shareWithinTrt: completion.shareWithinTrt,
      shareExpired: completion.shareExpired,
      byDeadline: s.day.deadlinesS.map((atS, j) => ({ atS, share: tInterval(figs.map((f) => f.completion.shareByDeadline[j] ?? 0)) })),
      quantileResolution: Histogram.relativeResolution,
    },
    counters: intervals(figs.map((f) => f.counters)),
    days: daySummaries(s, results),
    perCohort,
  };
}
