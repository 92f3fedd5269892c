/**
 * What one replication measures. Memory is O(horizon seconds + cohorts + histogram buckets),
 * independent of the number of SRs: everything accumulates into fixed arrays as it happens.
 *
 * SR figures (counters, per cohort, completion, attempts, deadlines) describe the SRs of the measured
 * days; the warm-up days' SRs load the capacities but are counted only in their own day's counters and
 * in the clock-day tallies.
 */
import { Histogram } from '../engine/index.js';

export const MAX_ATTEMPTS_BUCKET = 63;

export interface Counters {
  activated: number;
  /** Successful responses (including "Data Not Available"). */
  responded: number;
  dataNotAvailable: number;
  /** SRs whose TRT expired (an alert was sent). */
  expired: number;
  /** SRs ended by an S1VE12 alert (SRV not valid for CV9 at the S1SP). */
  s1ve12: number;
  /** SRs whose request or response was rejected by a ceiling in reject mode. */
  rejected: number;
  /** SRs still unfinished at the horizon (work beyond it, e.g. a ceiling of 0). */
  unfinished: number;
  /** SRs that completed after their TRT (late responses, late S1VE12 alerts and expiries). */
  trtMisses: number;
  /** SRs whose response came after their TRT (counted in `responded` and in `trtMisses`). */
  lateResponses: number;
  attempts: number;
  /** DLMS commands of every attempt: first attempts that succeeded, retries that succeeded, failed attempts. */
  dlmsCommands: number;
  dlmsFirstAttempts: number;
  dlmsRetries: number;
  dlmsFailedAttempts: number;
  dlmsRejected: number;
  txRequests: number;
  txResponses: number;
  txAlerts: number;
  txRejected: number;
  baselineArrivals: number;
  events: number;
}

export function newCounters(): Counters {
  return {
    activated: 0,
    responded: 0,
    dataNotAvailable: 0,
    expired: 0,
    s1ve12: 0,
    rejected: 0,
    unfinished: 0,
    trtMisses: 0,
    lateResponses: 0,
    attempts: 0,
    dlmsCommands: 0,
    dlmsFirstAttempts: 0,
    dlmsRetries: 0,
    dlmsFailedAttempts: 0,
    dlmsRejected: 0,
    txRequests: 0,
    txResponses: 0,
    txAlerts: 0,
    txRejected: 0,
    baselineArrivals: 0,
    events: 0,
  };
}

/** Sums counters field by field (e.g. the measured days' into the run's). */
export function addCounters(into: Counters, c: Counters): void {
  for (const k of Object.keys(into) as (keyof Counters)[]) into[k] += c[k];
}

/** What happened to SRs in one clock day of the run (events by the instant they are handled). */
export interface ClockDayTally {
  activated: number;
  responded: number;
  /** S1VE12 and TRT-expiry alerts. */
  alerts: number;
  rejected: number;
  /** SRs open at the day's end: activated, not yet answered, alerted or rejected. */
  openAtEnd: number;
}

export interface CohortCounters {
  srs: Float64Array;
  dlms: Float64Array;
  alerts: Float64Array;
  responded: Float64Array;
  expired: Float64Array;
}

export interface Metrics {
  /** The measured days' SRs (the sum of their days' counters; filled at the end of the run). */
  readonly counters: Counters;
  /** Counters of the SRs fired on each day of the run (warm-up days first). */
  readonly byFiredDay: readonly Counters[];
  /** Tallies by clock day of the run (the fired days, then the retry tail). */
  readonly byClockDay: readonly ClockDayTally[];
  /** Measured SRs answered by each business deadline: the first such clock time after activation. */
  readonly byDeadline: Float64Array;
  readonly perCohort: CohortCounters;
  /** Completion time of every answered SR (a response, Data Not Available included), seconds after activation; alerts apart. */
  readonly completionS: Histogram;
  /** Time through each capacity (wait + service), seconds, one histogram per capacity. */
  readonly throughS: Histogram[];
  /** SRs by number of WAN attempts at completion (last bucket = that many or more). */
  readonly attemptsPerSr: Float64Array;
  /** Successful responses per second of the run's span. */
  readonly responsesPerS: Float64Array;
}

export function newMetrics(horizonS: number, cohorts: number, capacities: number, firedDays = 1, clockDays = 1, deadlines = 0): Metrics {
  return {
    counters: newCounters(),
    byFiredDay: Array.from({ length: firedDays }, newCounters),
    byClockDay: Array.from({ length: clockDays }, () => ({ activated: 0, responded: 0, alerts: 0, rejected: 0, openAtEnd: 0 })),
    byDeadline: new Float64Array(deadlines),
    perCohort: {
      srs: new Float64Array(cohorts),
      dlms: new Float64Array(cohorts),
      alerts: new Float64Array(cohorts),
      responded: new Float64Array(cohorts),
      expired: new Float64Array(cohorts),
    },
    completionS: new Histogram(),
    throughS: Array.from({ length: capacities }, () => new Histogram()),
    attemptsPerSr: new Float64Array(MAX_ATTEMPTS_BUCKET + 1),
    responsesPerS: new Float64Array(horizonS),
  };
}
