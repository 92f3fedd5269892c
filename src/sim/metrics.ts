/**
 * What one replication measures. Memory is O(horizon seconds + cohorts + histogram buckets),
 * independent of the number of SRs: everything accumulates into fixed arrays as it happens.
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
  dlmsCommands: number;
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
    dlmsRejected: 0,
    txRequests: 0,
    txResponses: 0,
    txAlerts: 0,
    txRejected: 0,
    baselineArrivals: 0,
    events: 0,
  };
}

export interface CohortCounters {
  srs: Float64Array;
  dlms: Float64Array;
  alerts: Float64Array;
  responded: Float64Array;
  expired: Float64Array;
}

export interface Metrics {
  readonly counters: Counters;
  readonly perCohort: CohortCounters;
  /** Completion time of every finished SR (response or alert), seconds after activation. */
  readonly completionS: Histogram;
  /** Time through each capacity (wait + service), seconds, one histogram per capacity. */
  readonly throughS: Histogram[];
  /** SRs by number of WAN attempts at completion (last bucket = that many or more). */
  readonly attemptsPerSr: Float64Array;
  /** Successful responses per second of the horizon (for shares by a clock deadline). */
  readonly responsesPerS: Float64Array;
}

export function newMetrics(horizonS: number, cohorts: number, capacities: number): Metrics {
  return {
    counters: newCounters(),
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
