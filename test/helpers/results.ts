/**
 * Hand-made replication results for the stats tests: a ReplicationResult built from a few short
 * per-second arrays, so that every figure computed from it can be worked out by hand.
 *
 *   result({ horizonS: 4, capacities: [capacity({ ceiling: [5, 5, 5, 5], scheduled: [1, 7, 0, 0] })] })
 *
 * Anything not given is zero (counters, responses) or empty (completion histogram).
 */
import { Histogram } from '../../src/engine/index.js';
import { MAX_ATTEMPTS_BUCKET, newCounters, type Counters } from '../../src/sim/metrics.js';
import type { CapacitySeries, ReplicationResult } from '../../src/sim/run-replication.js';

const f64 = (xs: readonly number[] | undefined, n: number) => {
  const out = new Float64Array(n);
  xs?.forEach((v, i) => {
    out[i] = v;
  });
  return out;
};

export interface CapacitySpec {
  readonly id?: string;
  readonly component?: string;
  readonly currency?: 'transactions' | 'dlms';
  readonly baselineMode?: 'discrete' | 'fluid' | 'none';
  /** Ceiling per second; its length is the horizon of the series. */
  readonly ceiling: readonly number[];
  readonly baseline?: readonly number[];
  readonly scheduled?: readonly number[];
  readonly carriedBaseline?: readonly number[];
  readonly carriedScheduled?: readonly number[];
  readonly rejectedBaseline?: readonly number[];
  readonly rejectedScheduled?: readonly number[];
}

/** One capacity's series; missing series are zero over the ceiling's length. */
export function capacity(spec: CapacitySpec): CapacitySeries {
  const n = spec.ceiling.length;
  return {
    id: spec.id ?? 'secure',
    component: spec.component ?? 'Secure S1SP',
    currency: spec.currency ?? 'transactions',
    baselineMode: spec.baselineMode ?? 'discrete',
    ceilingPerS: f64(spec.ceiling, n),
    offeredPerS: [f64(spec.baseline, n), f64(spec.scheduled, n)],
    carriedPerS: [f64(spec.carriedBaseline, n), f64(spec.carriedScheduled, n)],
    rejectedPerS: [f64(spec.rejectedBaseline, n), f64(spec.rejectedScheduled, n)],
  };
}

/** `n` copies of `v`: constant series for long horizons (e.g. an hour at 4 TPS). */
export const repeat = (v: number, n: number): number[] => Array.from({ length: n }, () => v);

export interface ResultSpec {
  readonly horizonS: number;
  readonly capacities?: readonly CapacitySeries[];
  readonly counters?: Partial<Counters>;
  /** Successful responses per second of the horizon (zero where not given). */
  readonly responsesPerS?: readonly number[];
  /** Completion times (s) to record in the completion histogram. */
  readonly completionsS?: readonly number[];
  /** Per-cohort counters, one entry per cohort of the scenario (zero where not given). */
  readonly perCohort?: {
    readonly srs?: readonly number[];
    readonly dlms?: readonly number[];
    readonly alerts?: readonly number[];
    readonly responded?: readonly number[];
    readonly expired?: readonly number[];
  };
  readonly cohorts?: number;
  /** Measured SRs answered by each business deadline (the scenario's deadlines, in order). */
  readonly byDeadline?: readonly number[];
  readonly days?: ReplicationResult['days'];
  readonly seed?: number;
  readonly replication?: number;
}

export function result(spec: ResultSpec): ReplicationResult {
  const completionS = new Histogram();
  for (const v of spec.completionsS ?? []) completionS.record(v);
  const cohorts = spec.cohorts ?? 1;
  const caps = spec.capacities ?? [];
  return {
    scenario: 'hand-made',
    seed: spec.seed ?? 1,
    replication: spec.replication ?? 0,
    horizonS: spec.horizonS,
    capacities: caps,
    counters: { ...newCounters(), ...spec.counters },
    perCohort: {
      srs: f64(spec.perCohort?.srs, cohorts),
      dlms: f64(spec.perCohort?.dlms, cohorts),
      alerts: f64(spec.perCohort?.alerts, cohorts),
      responded: f64(spec.perCohort?.responded, cohorts),
      expired: f64(spec.perCohort?.expired, cohorts),
    },
    completionS,
    throughS: caps.map(() => new Histogram()),
    attemptsPerSr: new Float64Array(MAX_ATTEMPTS_BUCKET + 1),
    byDeadline: Float64Array.from(spec.byDeadline ?? []),
    days: spec.days ?? [],
    responsesPerS: f64(spec.responsesPerS, spec.horizonS),
  };
}
