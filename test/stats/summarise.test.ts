/**
 * The run summary (src/stats/summarise.ts) against hand calculations on hand-made replications:
 * completion figures, the share answered within the TRT, the shares answered by each business
 * deadline (at the boundary second), the t-intervals over replications, the verdict and the
 * per-cohort means. Two short simulations pin the TRT boundary and the share's range end to end.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/sim/run-replication.js';
import { replicationFigures, summarise } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { capacity, repeat, result } from '../helpers/results.js';
import { onlySecure, quiet, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
/** The default model with deadlines 06:00 and 08:00, secure at 5 TPS and dco at 2 DLMS/s, two cohorts. */
const scenario = variant(base, (d) => {
  d.day.deadlinesS = [21_600, 28_800];
  d.day.peakWindow = { startS: 0, endS: 2 };
  d.day.firmwareWindow = { startS: 2, endS: 4 };
  d.capacities[0]!.ceilingPerS = 5;
  d.capacities[1]!.ceilingPerS = 2;
  d.cohorts = d.cohorts.slice(0, 2);
});
const ids = scenario.capacities.map((c) => c.id) as [string, string];
/** Both capacities of the scenario over a 4 s horizon, with the given scheduled load at secure. */
const caps = (scheduled: number[], ceiling = [5, 5, 5, 5]) => [
  capacity({ id: ids[0], ceiling, scheduled, carriedScheduled: scheduled.map((v, i) => Math.min(v, ceiling[i]!)) }),
  capacity({ id: ids[1], currency: 'dlms', baselineMode: 'fluid', ceiling: [2, 2, 2, 2] }),
];

describe('share answered within the TRT', () => {
  it('10 activated, 7 responded of which 1 late, 2 expired: (7 − 1) / 10 = 0.6', () => {
    const r = result({ horizonS: 4, capacities: caps([0, 0, 0, 0]), counters: { activated: 10, responded: 7, expired: 2, trtMisses: 3, lateResponses: 1 } });
    expect(replicationFigures(scenario, r).completion.shareWithinTrt).toBeCloseTo(0.6, 15);
  });
  it('no late response (misses = expiries): 8 of 10 responded in time → 0.8', () => {
    const r = result({ horizonS: 4, capacities: caps([0, 0, 0, 0]), counters: { activated: 10, responded: 8, expired: 2, trtMisses: 2 } });
    expect(replicationFigures(scenario, r).completion.shareWithinTrt).toBeCloseTo(0.8, 15);
  });
  it('every response late: 0', () => {
    const r = result({ horizonS: 4, capacities: caps([0, 0, 0, 0]), counters: { activated: 4, responded: 4, trtMisses: 4, lateResponses: 4 } });
    expect(replicationFigures(scenario, r).completion.shareWithinTrt).toBe(0);
  });
  it('nothing activated: 0, not NaN', () => {
    const r = result({ horizonS: 4, capacities: caps([0, 0, 0, 0]) });
    const c = replicationFigures(scenario, r).completion;
    expect(c.shareWithinTrt).toBe(0);
    expect(c.shareByDeadline).toEqual([0, 0]);
    expect(c.meanS).toBe(0);
  });
});

describe('shares answered by each deadline', () => {
  // The simulator counts, per deadline, the SRs answered before its first occurrence after their
  // activation (src/sim/scheduled-services.ts; tested in test/sim/deadlines.test.ts); a share is that
  // count over the SRs activated, in the order the deadlines are given.
  const r = result({ horizonS: 4, byDeadline: [3, 15], counters: { activated: 100, responded: 63 } });

  it('by 06:00 = 3/100, by 08:00 = 15/100', () => {
    const shares = replicationFigures(scenario, r).completion.shareByDeadline;
    expect(shares[0]).toBeCloseTo(0.03, 15);
    expect(shares[1]).toBeCloseTo(0.15, 15);
  });
  it('nothing activated: 0, not NaN', () => {
    const none = result({ horizonS: 4, byDeadline: [0, 0] });
    expect(replicationFigures(scenario, none).completion.shareByDeadline).toEqual([0, 0]);
  });
  it('the share expired is expiries over SRs activated: 7/100', () => {
    const x = result({ horizonS: 4, counters: { activated: 100, responded: 93, expired: 7 } });
    expect(replicationFigures(scenario, x).completion.shareExpired).toBeCloseTo(0.07, 15);
  });
});

describe('completion times', () => {
  it('ten completions of exactly 3,600 s: every quantile and the mean are 3,600', () => {
    const r = result({ horizonS: 4, completionsS: repeat(3600, 10) });
    const c = replicationFigures(scenario, r).completion;
    expect([c.p50S, c.p95S, c.p99S, c.meanS]).toEqual([3600, 3600, 3600, 3600]);
  });
  it('completions 1 … 100 s: p50 ≈ 50, p95 ≈ 95, p99 ≈ 99 (histogram buckets, within 1/128), mean 5,050/100 = 50.5', () => {
    const r = result({ horizonS: 4, completionsS: Array.from({ length: 100 }, (_, i) => i + 1) });
    const c = replicationFigures(scenario, r).completion;
    expect(Math.abs(c.p50S - 50)).toBeLessThanOrEqual(50 / 128);
    expect(Math.abs(c.p95S - 95)).toBeLessThanOrEqual(95 / 128);
    expect(Math.abs(c.p99S - 99)).toBeLessThanOrEqual(99 / 128);
    expect(c.meanS).toBe(50.5);
  });
});

describe('the summary over replications', () => {
  // Replication 1: offered 3, 8, 2, 0 at 5 TPS (one second above, peak 8 at second 1); activated 10.
  // Replication 2: offered 1, 4, 6, 5 (one second above, peak 6 at second 2; 5 = 5 is not above); activated 20.
  const r1 = result({
    horizonS: 4,
    capacities: caps([3, 8, 2, 0]),
    counters: { activated: 10, responded: 8, expired: 2, trtMisses: 2 },
    responsesPerS: [1, 2, 3, 2],
    byDeadline: [3, 8],
    completionsS: repeat(100, 10),
    cohorts: 2,
    perCohort: { srs: [4, 6], dlms: [10, 20], alerts: [1, 1], responded: [3, 5], expired: [1, 1] },
  });
  const r2 = result({
    horizonS: 4,
    replication: 1,
    capacities: caps([1, 4, 6, 5]),
    counters: { activated: 20, responded: 12, expired: 8, trtMisses: 10, lateResponses: 2 },
    responsesPerS: [0, 4, 4, 4],
    byDeadline: [4, 12],
    completionsS: repeat(200, 20),
    cohorts: 2,
    perCohort: { srs: [6, 14], dlms: [30, 40], alerts: [3, 5], responded: [3, 9], expired: [3, 5] },
  });
  const s = variant(scenario, (d) => {
    d.day.deadlinesS = [2, 4];
  });
  const sum = summarise(s, [r1, r2]);
  const hw2 = (a: number, b: number) => (12.706 * Math.abs(a - b)) / 2; // R = 2: s = |a − b| / √2, s / √2 = |a − b| / 2

  it('names the run from the scenario and the replications', () => {
    expect(sum.scenario).toBe(s.name);
    expect(sum.title).toBe(s.title);
    expect(sum.replications).toBe(2);
    expect(sum.horizonS).toBe(4);
    expect(sum.seed).toBe(1);
    expect(sum.capacities.map((c) => [c.id, c.ceilingPerS])).toEqual([
      [ids[0], 5],
      [ids[1], 2],
    ]);
  });
  it('counters: activated 10 and 20 → 15 ± 12.706 × 10 / 2 = 63.53', () => {
    expect(sum.counters.activated.mean).toBe(15);
    expect(sum.counters.activated.halfWidth).toBeCloseTo(63.53, 9);
    expect(sum.counters.activated.n).toBe(2);
    expect(sum.counters.expired.mean).toBe(5);
    expect(sum.counters.expired.halfWidth).toBeCloseTo(hw2(2, 8), 9);
  });
  it('within the TRT: 8/10 = 0.8 and (12 − 2)/20 = 0.5 → 0.65 ± 12.706 × 0.3 / 2', () => {
    expect(sum.completion.shareWithinTrt.mean).toBeCloseTo(0.65, 15);
    expect(sum.completion.shareWithinTrt.halfWidth).toBeCloseTo(hw2(0.8, 0.5), 12);
  });
  it('by deadline 2: 3/10 = 0.3 and 4/20 = 0.2; by deadline 4: 8/10 and 12/20', () => {
    expect(sum.completion.byDeadline.map((b) => b.atS)).toEqual([2, 4]);
    const [by2, by4] = sum.completion.byDeadline;
    expect(by2!.share.mean).toBeCloseTo(0.25, 15);
    expect(by2!.share.halfWidth).toBeCloseTo(hw2(0.3, 0.2), 12);
    expect(by4!.share.mean).toBeCloseTo(0.7, 15);
    expect(by4!.share.halfWidth).toBeCloseTo(hw2(0.8, 0.6), 12);
  });
  it('completion mean: 100 and 200 s → 150 ± 12.706 × 50 = 635.3', () => {
    expect(sum.completion.meanS.mean).toBe(150);
    expect(sum.completion.meanS.halfWidth).toBeCloseTo(635.3, 9);
    expect(sum.completion.p95S.mean).toBe(150);
  });
  it('capacity figures: peak 1 s 8 and 6 → 7 ± 12.706; peak at second 1, where the larger peak (8) was, not the mean instant 1.5', () => {
    const f = sum.capacities[0]!.figures;
    expect(f.peakOffered1s.mean).toBe(7);
    expect(f.peakOffered1s.halfWidth).toBeCloseTo(12.706, 12);
    expect(f.peakOffered1sAtS).toEqual({ mean: 1, halfWidth: null, n: 2 });
    expect(f.secondsAboveCeiling.mean).toBe(1);
    expect(f.secondsAboveCeiling.halfWidth).toBe(0);
    // window sums at secure: [0, 2) = 3 + 8 = 11 and 1 + 4 = 5; [2, 4) = 2 and 11
    expect(f.scheduledInPeakWindow.mean).toBe(8);
    expect(f.scheduledInFirmwareWindow.mean).toBe(6.5);
    // min headroom 5 − 8 = −3 and 5 − 6 = −1 → −2
    expect(f.minHeadroom1s.mean).toBe(-2);
  });
  it('the verdict names secure (1 s above its 5 TPS in each replication) and not dco', () => {
    expect(sum.verdict.withinAllCeilings).toBe(false);
    expect(sum.verdict.breaches).toEqual([{ capacity: ids[0], windowS: 1, secondsAbove: 1, requiredPerS: 7, peakOffered1s: 7, ceilingPerS: 5, peakAtS: 1 }]);
  });
  it('per-cohort figures are plain means: srs (4 + 6)/2 = 5 and (6 + 14)/2 = 10, …', () => {
    expect(sum.perCohort).toEqual([
      { cohort: s.cohorts[0]!.id, srs: 5, dlms: 20, alerts: 2, responded: 3, expired: 2 },
      { cohort: s.cohorts[1]!.id, srs: 10, dlms: 30, alerts: 3, responded: 7, expired: 3 },
    ]);
  });
  it('a load exactly at every ceiling is within all ceilings', () => {
    const at = summarise(s, [result({ horizonS: 4, capacities: caps([5, 5, 5, 5]) })]);
    expect(at.verdict).toEqual({ withinAllCeilings: true, breaches: [] });
    expect(at.capacities[0]!.figures.minHeadroom1s).toEqual({ mean: 0, halfWidth: null, n: 1 });
  });
  it('a backlog that never drains in one replication reports an infinite drain time, no half-width', () => {
    const stuck = result({ horizonS: 4, capacities: [capacity({ id: ids[0], ceiling: [5, 5, 5, 5], scheduled: [30, 0, 0, 0], carriedScheduled: [5, 5, 5, 5] }), caps([0, 0, 0, 0])[1]!] });
    const drains = result({ horizonS: 4, capacities: [capacity({ id: ids[0], ceiling: [5, 5, 5, 5], scheduled: [8, 0, 0, 0], carriedScheduled: [5, 3, 0, 0] }), caps([0, 0, 0, 0])[1]!] });
    const f = summarise(s, [stuck, drains]).capacities[0]!.figures;
    expect(f.drainS).toEqual({ mean: Number.POSITIVE_INFINITY, halfWidth: null, n: 2 });
    // the largest backlog 25 and 3 → 14 ± 12.706 × 22 / 2
    expect(f.maxQueue.mean).toBe(14);
    expect(f.maxQueue.halfWidth).toBeCloseTo(hw2(25, 3), 9);
    expect(summarise(s, [drains]).capacities[0]!.figures.drainS).toEqual({ mean: 1, halfWidth: null, n: 1 });
  });
  it('refuses no replications', () => {
    expect(() => summarise(s, [])).toThrow(RangeError);
  });
});

describe('end to end through the simulator', () => {
  /** 10 SRs at 00:00:00 exactly, no capacity on the way, every WAN attempt one command's 20 s round trip + the MOC wake-up 30 s. */
  const exact = (trtS: number) =>
    variant(base, (d) => {
      quiet(d);
      d.capacities = [];
      d.workload.srvsPerDay = 10;
      d.placement = { kind: 'fixed', atS: 0, dispatchS: 0 };
      d.behaviour.wan.roundTripMedianS = 20;
      d.behaviour.wan.roundTripP95S = 20;
      for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: 1 }; // one command: the attempt is one 20 s round trip
      d.day.horizonS = 3600;
      d.day.trtS = trtS;
      d.day.deadlinesS = [50, 51];
    });

  it('a response exactly at the TRT (50 s after activation, TRT 50 s) is within it', () => {
    const s = exact(50);
    const r = runReplication(s, { seed: 1, replication: 0 });
    expect(r.counters.responded).toBe(10);
    expect(r.responsesPerS[50]).toBe(10);
    const c = replicationFigures(s, r).completion;
    expect(c.shareWithinTrt).toBe(1);
    expect(c.meanS).toBe(50);
    // answered in second 50: not before 00:00:50, all before 00:00:51
    expect(c.shareByDeadline).toEqual([0, 1]);
  });
  it('with a TRT a microsecond shorter the same SRs expire instead: 0 within', () => {
    const s = exact(49.999_999);
    const r = runReplication(s, { seed: 1, replication: 0 });
    expect(r.counters.expired).toBe(10);
    expect(replicationFigures(s, r).completion.shareWithinTrt).toBe(0);
  });

  it('obeys the invariants over two replications with queues, rejections and a DCO maintenance window', () => {
    const cases = (['queue', 'reject'] as const).map((overflow) =>
      variant(base, (d) => {
        d.workload.srvsPerDay = 5000;
        d.day.horizonS = 30 * 3600;
        d.day.trtS = 2 * 3600;
        d.capacities[0]!.ceilingPerS = 15;
        d.capacities[1]!.maintenance = [{ startS: 0, endS: 1800 }];
        for (const c of d.capacities) {
          c.overflow = overflow;
          c.baseline.ratePerS = c.baseline.ratePerS.map((r) => r * 0.05); // fewer baseline arrivals, same logic
        }
      }),
    );
    expect(cases.length).toBe(2);
    for (const s of cases) {
      const rs = [0, 1].map((replication) => runReplication(s, { seed: 9, replication }));
      expectInvariants(s, rs, summarise(s, rs));
    }
  });

  // A late S1VE12 alert is a TRT miss but not a response: it must not be taken off the responses
  // (it once was, giving −0.495 here).
  it('stays in [0, 1] when S1VE12 alerts queue past the TRT (SRV 4.3 refused with CV9, Secure at 1 TPS, TRT 10 min)', () => {
    const s = variant(base, (d) => {
      quiet(d);
      onlySecure(d);
      d.workload.srvsPerDay = 2000;
      d.capacities[0]!.ceilingPerS = 1;
      d.day.trtS = 600;
      d.day.horizonS = 3 * 3600;
      d.s1sps = d.s1sps.map((p) => ({ ...p, cv9Srvs: ['4.4.3'] }));
      d.placement = { kind: 'fixed', atS: 0, dispatchS: 60 };
    });
    const r = runReplication(s, { seed: 1, replication: 0 });
    expect(r.counters.s1ve12).toBe(1000);
    const share = replicationFigures(s, r).completion.shareWithinTrt;
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(r.counters.responded / r.counters.activated);
    const c = r.counters;
    expect(c.trtMisses).toBeGreaterThan(c.expired + c.lateResponses); // late S1VE12 alerts happened
    expect(share * c.activated).toBeCloseTo(c.responded - c.lateResponses, 9);
  });
});
