/**
 * The steady-state day: the schedule fires on every warm-up day, then on every measured day, and the
 * figures describe the measured days (src/sim/run-replication.ts).
 *
 * - When every attempt succeeds and no device is unreachable, no SR outlives its own day (the
 *   placement ends by 06:00 and an attempt takes minutes), so yesterday leaves nothing in today: the
 *   steady-state day must equal the cold day, figure for figure and second for second.
 * - Each day's carry-over is counted here from the events themselves (an SR is open from its
 *   activation until the event that ends it), apart from the simulator's own tally, and every day must
 *   balance: activations + carry-over in = responses + alerts + rejections + carry-over out.
 * - A second warm-up day changes only what the first one inherits: the measured day agrees within
 *   the replications' intervals.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng, Simulator, TICKS_PER_S } from '../../src/engine/index.js';
import { DAY_S, runSpanS, type Scenario } from '../../src/model/types.js';
import { setupCapacity } from '../../src/sim/capacities.js';
import { newMetrics } from '../../src/sim/metrics.js';
import { type ReplicationResult, runReplication } from '../../src/sim/run-replication.js';
import { K_ACTIVATE, K_ATTEMPT, P_ACTIVATE, ScheduledServices } from '../../src/sim/scheduled-services.js';
import { summarise } from '../../src/stats/summarise.js';
import { tInterval } from '../../src/stats/t-interval.js';
import { prepareDay } from '../../src/workload/day.js';
import { expectInvariants } from '../helpers/invariants.js';
import { quiet, type ScenarioDraft, shipped, variant, window } from '../helpers/scenarios.js';

const base = await shipped();
const rep0 = { seed: 5, replication: 0 };

function days(s: Scenario, warmupDays: number, measuredDays = 1): Scenario {
  return variant(s, (d) => {
    d.day.warmupDays = warmupDays;
    d.day.measuredDays = measuredDays;
  });
}

/**
 * Everything a replication reports about its measured days, the run's own totals left out — and the
 * carried series, the sums of completion times and the times through each capacity, compared apart:
 * the Secure baseline's own Poisson arrivals may leave a fraction of a transaction in service at
 * midnight, which a cold start does not have, and that shifts a few offers' finish by microseconds
 * (no SR's completion across a histogram bucket; a few times through Secure, by a bucket).
 */
function measuredView(r: ReplicationResult): unknown {
  const { events: _e, baselineArrivals: _b, ...counters } = r.counters;
  return {
    counters,
    perCohort: r.perCohort,
    completion: withoutSum(r.completionS.toArray()),
    attempts: r.attemptsPerSr,
    byDeadline: r.byDeadline,
    responses: r.responsesPerS,
    capacities: r.capacities.map(({ carriedPerS: _carried, ...rest }) => rest),
  };
}

/** A histogram's array without its sum of values (index 2). */
function withoutSum(a: Float64Array): Float64Array {
  const out = Float64Array.from(a);
  out[2] = 0;
  return out;
}

/** The largest difference in carried units in any second, over both classes of every capacity. */
function carriedApart(a: ReplicationResult, b: ReplicationResult): number {
  let worst = 0;
  a.capacities.forEach((cap, k) => {
    for (const cls of [0, 1] as const) {
      const x = cap.carriedPerS[cls];
      const y = b.capacities[k]?.carriedPerS[cls] as Float64Array;
      for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
    }
  });
  return worst;
}

describe('the steady-state day', () => {
  it('equals the cold day exactly when every attempt succeeds and every device answers', () => {
    const s = variant(base, (d: ScenarioDraft) => {
      d.workload.srvsPerDay = 20_000;
      d.behaviour.wan.firstAttemptSuccess = 1;
      d.behaviour.wan.retrySuccess = 1;
      d.behaviour.wan.neverReachableShare = 0;
    });
    const cold = runReplication(days(s, 0), rep0);
    const warm = runReplication(days(s, 1), rep0);
    const twoWarm = runReplication(days(s, 2), rep0);
    expect(warm.days.map((d) => d.carryIn)).toEqual([0, 0, 0]);
    expect(measuredView(warm)).toEqual(measuredView(cold));
    expect(measuredView(twoWarm)).toEqual(measuredView(cold));
    expect(carriedApart(warm, cold)).toBeLessThan(0.01);
    expect(carriedApart(twoWarm, cold)).toBeLessThan(0.01);
    expect(warm.completionS.sum).toBeCloseTo(cold.completionS.sum, 2);
    warm.throughS.forEach((h, k) => {
      const c = cold.throughS[k]!;
      expect(h.count).toBe(c.count);
      for (const q of [0.5, 0.99]) expect(Math.abs(h.quantile(q) - c.quantile(q))).toBeLessThanOrEqual(c.quantile(q) / 64);
    });
    // The warm-up days fired in full, and their SRs are not in the measured figures.
    expect(warm.days[0]?.activated).toBe(20_000);
    expect(warm.counters.activated).toBe(20_000);
  });

  it('carries yesterday in when attempts fail: the measured day starts with SRs still retrying', () => {
    const s = variant(base, (d) => {
      d.workload.srvsPerDay = 30_000;
    });
    const warm = runReplication(days(s, 1), rep0);
    const cold = runReplication(days(s, 0), rep0);
    const today = warm.days.find((d) => d.day === 0);
    // 2 % never answer and retry for the whole 24 h TRT: they are all still open at midnight.
    expect(today?.carryIn).toBeGreaterThan(0.015 * 30_000);
    expect(cold.days[0]?.carryIn).toBe(0);
    // Their attempts and alerts load today's peak window at the DCO.
    const dco = (r: ReplicationResult) => r.capacities.find((c) => c.currency === 'dlms') as ReplicationResult['capacities'][number];
    const inPeak = (r: ReplicationResult) =>
      dco(r)
        .offeredPerS[1].subarray(0, 6 * 3600)
        .reduce((a, b) => a + b, 0);
    expect(inPeak(warm)).toBeGreaterThan(inPeak(cold));
  });
});

/** The run of runReplication, with every delivered event seen: each SR's activation and end, by tick. */
function observedRun(s: Scenario): { activation: Float64Array; end: Float64Array } {
  const rng = new KeyedRng(rep0.seed, rep0.replication);
  const day = prepareDay(s, rng);
  const spanS = runSpanS(s.day);
  const caps = s.capacities.map((c) => setupCapacity(s, c, rng));
  const metrics = newMetrics(spanS, s.cohorts.length, caps.length, day.days, Math.ceil(spanS / DAY_S), s.day.deadlinesS.length);
  const sim = new Simulator();
  const model = new ScheduledServices(s, sim, rng, day.routes, day.srs, caps, metrics);
  sim.setStream(day.srs.activationTicks, K_ACTIVATE, P_ACTIVATE);
  const n = day.srs.size;
  const activation = new Float64Array(n).fill(Number.NaN);
  const end = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  sim.run(
    {
      handle(kind, i, t) {
        if (kind === K_ACTIVATE) activation[i] = t;
        else if (kind !== K_ATTEMPT) end[i] = t; // a response, an expiry or an S1VE12 alert ends the SR
        model.handle(kind, i, t);
      },
    },
    spanS * TICKS_PER_S - 1,
  );
  return { activation, end };
}

describe('each day balances', () => {
  const s = days(
    variant(base, (d) => {
      d.workload.srvsPerDay = 20_000;
      d.behaviour.wan.firstAttemptSuccess = 0.7;
      d.behaviour.wan.neverReachableShare = 0.05;
      window(d, 18 * 3600, 24 * 3600); // late placements: the first attempts' retries cross midnight
    }),
    2,
    2,
  );
  const r = runReplication(s, rep0);
  const { activation, end } = observedRun(s);

  it('activations + carry-over in = responses + alerts + rejections + carry-over out, every clock day', () => {
    expect(r.days.map((d) => d.day)).toEqual([-2, -1, 0, 1, 2]);
    for (const d of r.days) expect(d.activated + d.carryIn).toBe(d.responded + d.alerts + d.rejected + d.openAtEnd);
    expect(r.days.at(-1)?.openAtEnd).toBe(0);
  });

  it('carries over, at each midnight, exactly the SRs activated before it and ended after it', () => {
    r.days.forEach((d, k) => {
      const midnight = (k + 1) * DAY_S * TICKS_PER_S;
      let open = 0;
      for (let i = 0; i < activation.length; i++) if ((activation[i] as number) < midnight && (end[i] as number) >= midnight) open++;
      expect(d.openAtEnd, `day ${d.day}`).toBe(open);
    });
    expect(r.days[2]?.carryIn).toBeGreaterThan(0);
  });

  it('counts the measured days’ SRs only in the SR figures', () => {
    expect(r.counters.activated).toBe(2 * 20_000);
    expect(r.perCohort.srs.reduce((a, b) => a + b, 0)).toBe(2 * 20_000);
    expectInvariants(s, [r], summarise(s, [r]));
  });
});

describe('one or two warm-up days', () => {
  it('agree on the measured day within the replications’ intervals', () => {
    const s = variant(base, (d) => {
      d.workload.srvsPerDay = 10_000;
      d.behaviour.wan.firstAttemptSuccess = 0.8;
    });
    const R = 3;
    const run = (w: number) => Array.from({ length: R }, (_, k) => runReplication(days(s, w), { seed: 9, replication: k }));
    const one = run(1);
    const two = run(2);
    const figures: [string, (r: ReplicationResult) => number][] = [
      ['carry-over in', (r) => r.days.find((d) => d.day === 0)?.carryIn ?? 0],
      ['DLMS commands', (r) => r.counters.dlmsCommands],
      ['DCO scheduled DLMS offered', (r) => r.capacities[1]?.offeredPerS[1].reduce((a, b) => a + b, 0) ?? 0],
      ['Secure transactions offered', (r) => r.capacities[0]?.offeredPerS[1].reduce((a, b) => a + b, 0) ?? 0],
      ['answered within the TRT', (r) => r.counters.responded - r.counters.lateResponses],
    ];
    for (const [name, pick] of figures) {
      const a = tInterval(one.map(pick));
      const b = tInterval(two.map(pick));
      expect(Math.abs(a.mean - b.mean), name).toBeLessThanOrEqual((a.halfWidth ?? 0) + (b.halfWidth ?? 0) + 1e-9);
    }
  });
});

describe('deadlines', () => {
  it('mean the first such clock time after activation: SRs placed 22:00–24:00 are answered by the next 06:00', () => {
    const s = days(
      variant(base, (d) => {
        quiet(d);
        d.workload.srvsPerDay = 10_000;
        window(d, 22 * 3600, 24 * 3600);
      }),
      0,
    );
    const r = runReplication(s, rep0);
    const sum = summarise(s, [r]);
    // Every SR answers within minutes of 22:00–24:00, long before 06:00 and 08:00 the next morning.
    expect(sum.completion.byDeadline.map((b) => b.share.mean)).toEqual([1, 1]);
  });
});
