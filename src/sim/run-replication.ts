/**
 * One seeded replication of one scenario: the unit of work of the pool.
 *
 *   scenario → prepared day (workload/day.ts: groups, routes, SR table) → capacities → event loop
 *     → ReplicationResult
 */
import { KeyedRng, Simulator, TICKS_PER_S } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import { prepareDay } from '../workload/day.js';
import { BASELINE, SCHEDULED } from './baseline.js';
import { advanceBaseline, baselineArrivals, setupCapacity, type SharedDraws } from './capacities.js';
import { type Metrics, newMetrics } from './metrics.js';
import { K_ACTIVATE, P_ACTIVATE, ScheduledServices } from './scheduled-services.js';
import { TracingHandler } from './trace.js';

export interface ReplicationOptions {
  readonly seed: number;
  readonly replication: number;
  /** Called after every simulated hour with the simulated seconds done and events so far. */
  readonly onProgress?: (simulatedS: number, events: number) => void;
  /** When set, every delivered event goes through this tracer (tests: event-trace fingerprints). */
  readonly trace?: boolean;
  /** Draws shared with other scenarios of the same seed and replication (baselines, SRs' draws). */
  readonly shared?: SharedDraws;
}

/** Per-second series of one capacity; index 0 = baseline, 1 = scheduled. */
export interface CapacitySeries {
  readonly id: string;
  readonly component: string;
  readonly currency: string;
  readonly baselineMode: string;
  readonly ceilingPerS: Float64Array;
  readonly offeredPerS: readonly [Float64Array, Float64Array];
  readonly carriedPerS: readonly [Float64Array, Float64Array];
  readonly rejectedPerS: readonly [Float64Array, Float64Array];
}

export interface ReplicationResult extends Metrics {
  readonly scenario: string;
  readonly seed: number;
  readonly replication: number;
  readonly horizonS: number;
  readonly capacities: readonly CapacitySeries[];
  /** Event-trace fingerprint, when the replication ran with `trace`. */
  readonly fingerprint?: string;
}

export function runReplication(s: Scenario, opts: ReplicationOptions): ReplicationResult {
  const rng = new KeyedRng(opts.seed, opts.replication);
  const day = prepareDay(s, rng, opts.shared);
  const horizonS = Math.ceil(s.day.horizonS);
  const shared = opts.shared ? { cache: opts.shared, seed: opts.seed, replication: opts.replication } : undefined;
  const caps = s.capacities.map((c) => setupCapacity(s, c, rng, shared));
  const metrics = newMetrics(horizonS, s.cohorts.length, caps.length);
  const sim = new Simulator();
  const model = new ScheduledServices(s, sim, rng, day.routes, day.srs, caps, metrics);
  sim.setStream(day.srs.activationTicks, K_ACTIVATE, P_ACTIVATE);
  const horizonTick = horizonS * TICKS_PER_S;
  const tracer = opts.trace ? new TracingHandler(model) : null;
  let events = 0;
  // One simulated hour at a time, so progress can be reported; slicing changes no event's order.
  for (let doneS = 0; doneS < horizonS; ) {
    doneS = Math.min(horizonS, doneS + 3600);
    events += sim.run(tracer ?? model, doneS * TICKS_PER_S - 1);
    opts.onProgress?.(doneS, events);
  }
  for (const cap of caps) advanceBaseline(cap, horizonTick - 1);
  const c = metrics.counters;
  c.unfinished += model.pending;
  c.baselineArrivals = caps.reduce((a, cap) => a + baselineArrivals(cap), 0);
  c.events = events + c.baselineArrivals;
  return {
    ...metrics,
    ...(tracer ? { fingerprint: tracer.fingerprint() } : {}),
    scenario: s.name,
    seed: opts.seed,
    replication: opts.replication,
    horizonS,
    capacities: caps.map((cap) => ({
      id: cap.capacity.id,
      component: cap.capacity.component,
      currency: cap.capacity.currency,
      baselineMode: cap.capacity.baseline.mode,
      ceilingPerS: cap.ceilingPerS,
      offeredPerS: [cap.server.offeredPerS[BASELINE], cap.server.offeredPerS[SCHEDULED]] as [Float64Array, Float64Array],
      carriedPerS: [cap.server.carriedPerS[BASELINE], cap.server.carriedPerS[SCHEDULED]] as [Float64Array, Float64Array],
      rejectedPerS: [cap.server.rejectedPerS[BASELINE], cap.server.rejectedPerS[SCHEDULED]] as [Float64Array, Float64Array],
    })),
  };
}
