/**
 * One seeded replication of one scenario: the unit of work of the pool.
 *
 *   scenario → prepared days (workload/day.ts: groups, routes, SR table) → capacities → event loop
 *     → ReplicationResult
 *
 * The run fires the schedule on every warm-up day, then every measured day, and goes on through the
 * last day's retry tail. The result describes the measured days: their clock time for the capacities'
 * series (carry-over from the warm-up included) and their SRs for the SR figures; `days` has a row for
 * every clock day of the run.
 */
import { KeyedRng, Simulator, TICKS_PER_S } from '../engine/index.js';
import { DAY_S, runSpanS, type Scenario } from '../model/types.js';
import { prepareDay } from '../workload/day.js';
import { BASELINE, SCHEDULED } from './baseline.js';
import { advanceBaseline, baselineArrivals, setupCapacity, type SharedDraws } from './capacities.js';
import { addCounters, type ClockDayTally, type Counters, type Metrics, newMetrics } from './metrics.js';
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

/** One capacity in one clock day of the run. */
export interface DayCapacity {
  /** Units offered in the day, baseline and scheduled. */
  readonly offered: number;
  readonly scheduledOffered: number;
  /** Busiest second's offered units. */
  readonly peakOffered1s: number;
}

/** One clock day of the run: what happened to SRs in it, and its load at each capacity. */
export interface DayRecord extends ClockDayTally {
  /** Day counted from the first measured day: −1 is the last warm-up day; days after the measured ones are the retry tail. */
  readonly day: number;
  /** SRs open when the day began. */
  readonly carryIn: number;
  readonly capacities: readonly DayCapacity[];
}

export interface ReplicationResult extends Omit<Metrics, 'byFiredDay' | 'byClockDay'> {
  readonly scenario: string;
  readonly seed: number;
  readonly replication: number;
  /** Seconds the series cover: the measured days. */
  readonly horizonS: number;
  /** Every clock day of the run, warm-up first. */
  readonly days: readonly DayRecord[];
  readonly capacities: readonly CapacitySeries[];
  /** Event-trace fingerprint, when the replication ran with `trace`. */
  readonly fingerprint?: string;
}

/** The load of each clock day of the run at one capacity, from its per-second series. */
function dayCapacities(offered: Float64Array, scheduled: Float64Array, days: number): DayCapacity[] {
  return Array.from({ length: days }, (_, d) => {
    let total = 0;
    let sched = 0;
    let peak = 0;
    for (let sec = d * DAY_S; sec < Math.min(offered.length, (d + 1) * DAY_S); sec++) {
      const o = (offered[sec] as number) + (scheduled[sec] as number);
      total += o;
      sched += scheduled[sec] as number;
      if (o > peak) peak = o;
    }
    return { offered: total, scheduledOffered: sched, peakOffered1s: peak };
  });
}

export function runReplication(s: Scenario, opts: ReplicationOptions): ReplicationResult {
  const rng = new KeyedRng(opts.seed, opts.replication);
  const day = prepareDay(s, rng, opts.shared);
  const spanS = runSpanS(s.day);
  const clockDays = Math.ceil(spanS / DAY_S);
  const shared = opts.shared ? { cache: opts.shared, seed: opts.seed, replication: opts.replication } : undefined;
  const caps = s.capacities.map((c) => setupCapacity(s, c, rng, shared));
  const metrics = newMetrics(spanS, s.cohorts.length, caps.length, day.days, clockDays, s.day.deadlinesS.length);
  const sim = new Simulator();
  const model = new ScheduledServices(s, sim, rng, day.routes, day.srs, caps, metrics);
  sim.setStream(day.srs.activationTicks, K_ACTIVATE, P_ACTIVATE);
  const spanTick = spanS * TICKS_PER_S;
  const tracer = opts.trace ? new TracingHandler(model) : null;
  let events = 0;
  // One simulated hour at a time, so progress can be reported and each day's carry-over taken at its
  // end; slicing changes no event's order.
  for (let doneS = 0; doneS < spanS; ) {
    doneS = Math.min(spanS, doneS + 3600);
    events += sim.run(tracer ?? model, doneS * TICKS_PER_S - 1);
    if (doneS % DAY_S === 0 || doneS === spanS) (metrics.byClockDay[Math.ceil(doneS / DAY_S) - 1] as ClockDayTally).openAtEnd = model.open;
    opts.onProgress?.(doneS, events);
  }
  model.flushAll();
  for (const cap of caps) advanceBaseline(cap, spanTick - 1);
  // The measured days' SRs, and the run's totals of what is not any one SR's.
  const c = metrics.counters;
  const from = s.day.warmupDays;
  for (let d = from; d < from + s.day.measuredDays; d++) addCounters(c, metrics.byFiredDay[d] as Counters);
  c.unfinished += model.pending;
  c.baselineArrivals = caps.reduce((a, cap) => a + baselineArrivals(cap), 0);
  c.events = events + c.baselineArrivals;
  const firstS = from * DAY_S;
  const endS = firstS + s.day.measuredDays * DAY_S;
  const measured = (a: Float64Array) => a.slice(firstS, endS);
  const perDay = caps.map((cap) => dayCapacities(cap.server.offeredPerS[BASELINE] as Float64Array, cap.server.offeredPerS[SCHEDULED] as Float64Array, clockDays));
  const { byFiredDay: _fired, byClockDay, ...kept } = metrics;
  return {
    ...kept,
    responsesPerS: measured(metrics.responsesPerS),
    ...(tracer ? { fingerprint: tracer.fingerprint() } : {}),
    scenario: s.name,
    seed: opts.seed,
    replication: opts.replication,
    horizonS: endS - firstS,
    days: byClockDay.map((t, d) => ({
      ...t,
      day: d - from,
      carryIn: d === 0 ? 0 : (byClockDay[d - 1] as ClockDayTally).openAtEnd,
      capacities: perDay.map((p) => p[d] as DayCapacity),
    })),
    capacities: caps.map((cap) => ({
      id: cap.capacity.id,
      component: cap.capacity.component,
      currency: cap.capacity.currency,
      baselineMode: cap.capacity.baseline.mode,
      ceilingPerS: measured(cap.ceilingPerS),
      offeredPerS: [measured(cap.server.offeredPerS[BASELINE] as Float64Array), measured(cap.server.offeredPerS[SCHEDULED] as Float64Array)] as [Float64Array, Float64Array],
      carriedPerS: [measured(cap.server.carriedPerS[BASELINE] as Float64Array), measured(cap.server.carriedPerS[SCHEDULED] as Float64Array)] as [Float64Array, Float64Array],
      rejectedPerS: [measured(cap.server.rejectedPerS[BASELINE] as Float64Array), measured(cap.server.rejectedPerS[SCHEDULED] as Float64Array)] as [Float64Array, Float64Array],
    })),
  };
}
