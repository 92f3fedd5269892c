/**
 * Capacity setup: for each ceiling of the scenario, the per-second capacity left for the work that
 * passes through the server (ceiling, zero in maintenance windows, less a fluid baseline), the
 * server itself, and its discrete baseline stream if any.
 */
import { type ArrivalsAlone, arrivalsAlone, type KeyedRng, RateServer } from '../engine/index.js';
import { firmwareByRunDay } from '../model/run-days.js';
import { DAY_S, type Capacity, runSpanS, type Scenario } from '../model/types.js';
import { DayCache } from '../workload/day.js';
import { hash32 } from '../workload/groups.js';
import { BASELINE, baselineArrivalTicks, baselineRateAt, DiscreteBaseline } from './baseline.js';

/**
 * Draws shared by the scenarios of one (seed, replication) — e.g. the placements of a comparison —
 * so each is made once: the day's (SRs' draws, working arrays: DayCache) and the discrete-baseline
 * arrival ticks, each keyed by everything that decides it.
 */
export class SharedDraws extends DayCache {
  readonly baselines = new Map<string, Float64Array>();
  /** Per baseline: what its server does with it alone, one entry per set of capacities met so far. */
  readonly baselinesAlone = new Map<Float64Array, ArrivalsAlone[]>();
}

/** The arrivals-alone record of `ticks` at these capacities, made on first use. */
function aloneOf(cache: SharedDraws, ticks: Float64Array, capacityPerS: Float64Array): ArrivalsAlone {
  let list = cache.baselinesAlone.get(ticks);
  if (!list) cache.baselinesAlone.set(ticks, (list = []));
  const same = (a: ArrivalsAlone) => a.capacityPerS.every((c, x) => c === capacityPerS[x]);
  let alone = list.find(same);
  if (!alone) list.push((alone = arrivalsAlone(capacityPerS, ticks)));
  return alone;
}

export interface CapacityState {
  readonly capacity: Capacity;
  readonly server: RateServer;
  /** The ceiling itself per second (maintenance included), before any baseline. */
  readonly ceilingPerS: Float64Array;
  /**
   * A discrete baseline drawn as the day goes: advance it to an offer's tick before the offer. A
   * baseline whose arrivals were drawn ahead (shared draws) is attached to the server instead, which
   * offers them itself ahead of each offer; then this is null.
   */
  readonly discrete: DiscreteBaseline | null;
}

/** Offers every baseline arrival up to `tick` (drawn or attached), e.g. at the end of the horizon. */
export function advanceBaseline(cap: CapacityState, tick: number): void {
  cap.discrete?.advanceTo(tick);
  cap.server.offerArrivalsUntil(tick);
}

/** Baseline arrivals offered so far at a capacity. */
export function baselineArrivals(cap: CapacityState): number {
  return (cap.discrete?.arrivals ?? 0) + cap.server.arrivalsOffered;
}

function inMaintenance(c: Capacity, secondOfDay: number): boolean {
  return c.maintenance.some((w) => secondOfDay >= w.startS && secondOfDay < w.endS);
}

export function setupCapacity(s: Scenario, c: Capacity, rng: KeyedRng, shared?: { cache: SharedDraws; seed: number; replication: number }): CapacityState {
  const horizonS = runSpanS(s.day);
  const firstDay = -s.day.warmupDays;
  // Which days of the run carry the firmware uplift (the calendar, day.firmwareDays).
  const firmware = firmwareByRunDay(s.day, Math.ceil(horizonS / DAY_S));
  const ceilingPerS = new Float64Array(horizonS);
  const available = new Float64Array(horizonS);
  const fluid = c.baseline.mode === 'fluid';
  for (let sec = 0; sec < horizonS; sec++) {
    const ceiling = inMaintenance(c, sec % DAY_S) ? 0 : c.ceilingPerS;
    ceilingPerS[sec] = ceiling;
    available[sec] = fluid ? Math.max(0, ceiling - baselineRateAt(c.baseline, sec, firmware)) : ceiling;
  }
  const server = new RateServer({ capacityPerS: available, overflow: c.overflow, classes: 2 });
  if (fluid) {
    // The reservation is the baseline's carried load; it is offered in full, carried up to the ceiling.
    const offered = server.offeredPerS[BASELINE] as Float64Array;
    const carried = server.carriedPerS[BASELINE] as Float64Array;
    for (let sec = 0; sec < horizonS; sec++) {
      const rate = baselineRateAt(c.baseline, sec, firmware);
      offered[sec] = rate;
      carried[sec] = Math.min(rate, ceilingPerS[sec] ?? 0);
    }
  }
  let discrete: DiscreteBaseline | null = null;
  if (c.baseline.mode === 'discrete') {
    const key = hash32(`baseline\u0000${c.id}`);
    if (shared) {
      const id = `${shared.seed}|${shared.replication}|${key}|${horizonS}|${firstDay}|${c.baseline.bucketS}|${c.baseline.ratePerS.join(',')}|${c.baseline.firmwarePerS.join(',')}|${firmware.join('')}`;
      let ticks = shared.cache.baselines.get(id);
      if (!ticks) {
        ticks = baselineArrivalTicks(c.baseline, rng, key, horizonS, firstDay, firmware);
        shared.cache.baselines.set(id, ticks);
      }
      // Queueing servers copy the stretches the scheduled work leaves untouched (arrivals-alone.ts).
      server.attachArrivals(ticks, BASELINE, c.overflow === 'queue' ? aloneOf(shared.cache, ticks, available) : undefined);
    } else discrete = new DiscreteBaseline(c.baseline, server, rng, key, horizonS, firstDay, firmware);
  }
  return { capacity: c, server, ceilingPerS, discrete };
}
