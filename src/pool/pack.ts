/**
 * A replication's result as one Float64Array, so a worker hands it back by transfer (no copy) and
 * the main thread rebuilds exactly the same numbers.
 *
 *   [LAYOUT, horizonS, capacities, cohorts, seed, replication, deadlines, days,
 *    counters (COUNTER_KEYS order), perCohort (5 × cohorts), completionS hist, throughS hists,
 *    attemptsPerSr, byDeadline (deadlines), per day: DAY_KEYS then 3 × capacities (DAY_CAPACITY_KEYS),
 *    responsesPerS (horizonS), per capacity: ceiling, offered×2, carried×2, rejected×2 (7 × horizonS)]
 */
import { Histogram } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import { type Counters, MAX_ATTEMPTS_BUCKET, newCounters } from '../sim/metrics.js';
import type { CapacitySeries, DayRecord, ReplicationResult } from '../sim/run-replication.js';

const LAYOUT = 0x5245_5032; // "REP2"
const HEADER = 8;
const DAY_KEYS = ['day', 'activated', 'responded', 'alerts', 'rejected', 'openAtEnd', 'carryIn'] as const;
const DAY_CAPACITY_KEYS = ['offered', 'scheduledOffered', 'peakOffered1s'] as const;
const COUNTER_KEYS = Object.keys(newCounters()) as (keyof Counters)[];
const COHORT_KEYS = ['srs', 'dlms', 'alerts', 'responded', 'expired'] as const;
const HIST_LEN = new Histogram().toArray().length;
const ATTEMPT_LEN = MAX_ATTEMPTS_BUCKET + 1;

function packedLength(horizonS: number, capacities: number, cohorts: number, deadlines: number, days: number): number {
  const perDay = DAY_KEYS.length + DAY_CAPACITY_KEYS.length * capacities;
  return HEADER + COUNTER_KEYS.length + COHORT_KEYS.length * cohorts + HIST_LEN * (1 + capacities) + ATTEMPT_LEN + deadlines + days * perDay + horizonS * (1 + 7 * capacities);
}

export function packResult(r: ReplicationResult): Float64Array {
  const caps = r.capacities.length;
  const cohorts = r.perCohort.srs.length;
  const out = new Float64Array(packedLength(r.horizonS, caps, cohorts, r.byDeadline.length, r.days.length));
  let at = 0;
  const put = (a: ArrayLike<number>) => {
    out.set(a, at);
    at += a.length;
  };
  put([LAYOUT, r.horizonS, caps, cohorts, r.seed, r.replication, r.byDeadline.length, r.days.length]);
  put(COUNTER_KEYS.map((k) => r.counters[k]));
  for (const k of COHORT_KEYS) put(r.perCohort[k]);
  put(r.completionS.toArray());
  for (const h of r.throughS) put(h.toArray());
  put(r.attemptsPerSr);
  put(r.byDeadline);
  for (const d of r.days) {
    put(DAY_KEYS.map((k) => d[k]));
    for (const c of d.capacities) put(DAY_CAPACITY_KEYS.map((k) => c[k]));
  }
  put(r.responsesPerS);
  for (const c of r.capacities) {
    for (const a of [c.ceilingPerS, ...c.offeredPerS, ...c.carriedPerS, ...c.rejectedPerS]) put(a);
  }
  return out;
}

/** The inverse of packResult; names and currencies come from the scenario the shard ran. */
export function unpackResult(s: Scenario, data: Float64Array): ReplicationResult {
  if (data[0] !== LAYOUT) throw new RangeError(`not a packed replication result (layout ${data[0]})`);
  const [horizonS, caps, cohorts, seed, replication, deadlines, dayCount] = Array.from(data.subarray(1, HEADER));
  if (data.length !== packedLength(horizonS!, caps!, cohorts!, deadlines!, dayCount!)) throw new RangeError(`packed result has length ${data.length}`);
  let at = HEADER;
  const take = (n: number) => {
    const v = data.subarray(at, at + n);
    at += n;
    return v;
  };
  const counters = newCounters();
  take(COUNTER_KEYS.length).forEach((v, i) => {
    counters[COUNTER_KEYS[i] as keyof Counters] = v;
  });
  const [srs, dlms, alerts, responded, expired] = COHORT_KEYS.map(() => take(cohorts!)) as Float64Array[];
  const completionS = Histogram.fromArray(take(HIST_LEN));
  const throughS = Array.from({ length: caps! }, () => Histogram.fromArray(take(HIST_LEN)));
  const attemptsPerSr = take(ATTEMPT_LEN);
  const byDeadline = take(deadlines!);
  const days: DayRecord[] = Array.from({ length: dayCount! }, () => {
    const [day, activated, responded, alerts, rejected, openAtEnd, carryIn] = Array.from(take(DAY_KEYS.length)) as number[];
    const capacities = Array.from({ length: caps! }, () => {
      const [offered, scheduledOffered, peakOffered1s] = Array.from(take(DAY_CAPACITY_KEYS.length)) as number[];
      return { offered: offered!, scheduledOffered: scheduledOffered!, peakOffered1s: peakOffered1s! };
    });
    return { day: day!, activated: activated!, responded: responded!, alerts: alerts!, rejected: rejected!, openAtEnd: openAtEnd!, carryIn: carryIn!, capacities };
  });
  const responsesPerS = take(horizonS!);
  const capacities: CapacitySeries[] = s.capacities.map((c) => {
    const [ceilingPerS, o0, o1, c0, c1, r0, r1] = Array.from({ length: 7 }, () => take(horizonS!)) as Float64Array[];
    return {
      id: c.id,
      component: c.component,
      currency: c.currency,
      baselineMode: c.baseline.mode,
      ceilingPerS: ceilingPerS!,
      offeredPerS: [o0!, o1!],
      carriedPerS: [c0!, c1!],
      rejectedPerS: [r0!, r1!],
    };
  });
  return {
    scenario: s.name,
    seed: seed!,
    replication: replication!,
    horizonS: horizonS!,
    counters,
    perCohort: { srs: srs!, dlms: dlms!, alerts: alerts!, responded: responded!, expired: expired! },
    completionS,
    throughS,
    attemptsPerSr,
    byDeadline,
    days,
    responsesPerS,
    capacities,
  };
}
