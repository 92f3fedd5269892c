/**
 * Long retries counted by hand. Every WAN attempt here takes a fixed time, so when each attempt is made,
 * how many there are and how each SR ends follow from the retry rule alone (src/sim/scheduled-services.ts):
 *
 *   attempt j of an SR activated at a (its request through the S1SP in δ) is made at a + δ + j·P,
 *   P = D + R, D = the cohort's wake-up W + n·L for an attempt that sends n DLMS commands with a round
 *   trip of L each (no DLMS ceiling here, so no wait between them), R = the retry interval; a failed attempt j is
 *   retried iff its outcome + R < a + TRT, i.e. iff δ + (j + 1)·P < TRT (strictly), else the SR expires at
 *   a + TRT. So an SR that never succeeds makes n = min{m ≥ 1 : δ + m·P ≥ TRT} attempts.
 *
 * A fixed round trip: the model rejects roundTripP95S = roundTripMedianS (rule roundTripP95AboveMedian), but
 * accepts p95 = median · (1 + 1e-9). Then σ = ln(1 + 1e-9) / 1.645 ≈ 6·10⁻¹⁰ and, for every uniform a
 * double can hold (|z| < 9), L·e^{σz} differs from L by under 10 s · 6·10⁻⁹ = 0.06 µs: the round
 * trip rounds to exactly L in whole µs ticks.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFromObject } from '../../src/model/load.js';
import type { Scenario } from '../../src/model/types.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { expectInvariants } from '../helpers/invariants.js';
import { modelPath, onlySecure, quiet, type ScenarioDraft, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const rep0 = { seed: 11, replication: 0 };

const N = 200;
const L = 2.5; // round trip per DLMS command, s
const W = 30; // wake-up of the MOC cohort (every SR of the default routing goes to MOC), s
const DLMS = 8; // commands of a read
const D = W + (DLMS / 2) * L; // 40 s from a failed attempt (half the read sent) to its outcome
const D_OK = W + DLMS * L; // 50 s from a successful attempt (the whole read) to its outcome
const R = 1160; // retry interval, s
const P = D + R; // 1 200 s from one failed attempt to the next

/** N SRs over 00:00–06:00, Secure only with no baseline, fixed latency and DLMS count, WAN outcomes as given. */
function retryDay(wan: { first: number; retry: number; unreachable: number }, trtS: number, more?: (d: ScenarioDraft) => void): Scenario {
  return variant(base, (d) => {
    quiet(d);
    onlySecure(d);
    d.workload.srvsPerDay = N;
    d.day.horizonS = 12 * 3600;
    d.day.trtS = trtS;
    d.behaviour.retryIntervalS = R;
    d.behaviour.wan.firstAttemptSuccess = wan.first;
    d.behaviour.wan.retrySuccess = wan.retry;
    d.behaviour.wan.neverReachableShare = wan.unreachable;
    d.behaviour.wan.roundTripMedianS = L;
    d.behaviour.wan.roundTripP95S = L * (1 + 1e-9);
    for (const c of d.cohorts) c.wakeUpS = c.id === 'MOC' ? W : 0;
    for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: DLMS };
    more?.(d);
  });
}

/** attemptsPerSr as {attempts: SRs}, leaving out the empty buckets. */
const histogram = (a: Float64Array): Record<number, number> => Object.fromEntries([...a].flatMap((v, k) => (v > 0 ? [[k, v]] : [])));

describe('the latency the model allows', () => {
  const wanModel = (p95: number) => ({
    extends: './mp192-baseline.yaml',
    behaviour: {
      wan: {
        firstAttemptSuccess: { value: 0, source: 'assumed: test' },
        retrySuccess: { value: 0, source: 'assumed: test' },
        neverReachableShare: { value: 0, source: 'assumed: test' },
        roundTripMedianS: { value: L, source: 'assumed: test' },
        roundTripP95S: { value: p95, source: 'assumed: test' },
      },
      retryIntervalS: { value: R, source: 'assumed: test' },
    },
  });

  it('rejects p95 = median and accepts p95 = median · (1 + 1e-9), the fixed latency used below', async () => {
    const equal = await loadScenarioFromObject(wanModel(L), modelPath('retries-test'));
    expect(equal.ok ? [] : equal.issues.map((i) => i.path)).toEqual(['behaviour.wan.roundTripP95S.value']);
    const tight = await loadScenarioFromObject(wanModel(L * (1 + 1e-9)), modelPath('retries-test'));
    expect(tight.ok).toBe(true);
  });
});

describe('exact retry counts', () => {
  it('an SR that never succeeds makes 9 attempts under a TRT of 10 000 s and expires', () => {
    // δ = 1/450 s (one transaction at an idle 450 TPS ceiling; 200 SRs over 6 h barely overlap, and a
    // wait of a few ms changes nothing below). Retry after attempt j iff δ + (j + 1)·1 200 < 10 000:
    // j = 0..7 (8·1 200 = 9 600 < 10 000), not j = 8 (9·1 200 = 10 800). So 9 attempts, at a + δ + 0,
    // 1 200, …, 9 600 s; the last outcome is at 9 640 s and 9 640 + 1 160 = 10 800 ≥ 10 000: expiry at a + 10 000.
    const s = retryDay({ first: 0, retry: 0, unreachable: 0 }, 10_000);
    const r = runReplication(s, rep0);
    expectInvariants(s, [r]);
    const c = r.counters;
    expect(c.activated).toBe(N);
    expect(c.attempts).toBe(9 * N); // 1 800
    expect(histogram(r.attemptsPerSr)).toEqual({ 9: N });
    expect(c.expired).toBe(N);
    expect(c.responded).toBe(0);
    expect(c.lateResponses).toBe(0);
    expect(c.trtMisses).toBe(N); // every expiry is a TRT miss
    // Each failed attempt sent half its read, rounded up (behaviour.failedAttempt.wanFailureShare 0.5).
    expect(c.dlmsCommands).toBe((DLMS / 2) * 9 * N);
    expect(c.dlmsFailedAttempts).toBe(c.dlmsCommands);
    expect(c.txRequests).toBe(N);
    expect(c.txResponses).toBe(0);
    expect(c.txAlerts).toBe(N);
    expect(r.completionS.count).toBe(0); // completion times are the answered SRs'
  });

  it('with every retry succeeding, a failed first attempt costs exactly one more attempt', () => {
    // Attempt 0 fails (success probability 0), attempt 1 at a + δ + 1 200 s succeeds (probability 1) with
    // its outcome at a + δ + 1 250 s ≤ a + TRT: 2 attempts and one response per SR, completing at
    // 1 250 s + δ + the response's 1/450 s.
    const s = retryDay({ first: 0, retry: 1, unreachable: 0 }, 10_000);
    const r = runReplication(s, rep0);
    expectInvariants(s, [r]);
    const c = r.counters;
    expect(c.attempts).toBe(2 * N);
    expect(histogram(r.attemptsPerSr)).toEqual({ 2: N });
    expect(c.responded).toBe(N);
    expect(c.expired).toBe(0);
    expect(c.trtMisses).toBe(0);
    expect(c.txResponses).toBe(N);
    expect(c.txAlerts).toBe(0);
    expect(r.completionS.min).toBeGreaterThanOrEqual(P + D_OK);
    expect(r.completionS.max).toBeLessThan(P + D_OK + 1);
    // The failed first attempt sent half the read (4 of 8), the retry all of it.
    expect(c.dlmsFailedAttempts).toBe((DLMS / 2) * N);
    expect(c.dlmsRetries).toBe(DLMS * N);
    expect(c.dlmsFirstAttempts).toBe(0);
  });

  it('with a share never reachable: attempts = 2 × responded + 9 × expired, exactly', () => {
    // A reachable SR ends as in the test above (2 attempts, a response), an unreachable one as in the
    // first (9 attempts, an expiry: its attempts send one command, W + L = 32.5 s, and 8·1 192.5 s
    // < 10 000 s ≤ 9·1 192.5 s); how many are unreachable is a draw (Binomial(200, 0.25): mean 50,
    // sd 6.1), but the books of each kind are exact.
    const s = retryDay({ first: 0, retry: 1, unreachable: 0.25 }, 10_000);
    const r = runReplication(s, rep0);
    expectInvariants(s, [r]);
    const c = r.counters;
    const u = c.expired;
    expect(u).toBeGreaterThanOrEqual(50 - 5 * 6.2);
    expect(u).toBeLessThanOrEqual(50 + 5 * 6.2);
    expect(c.responded).toBe(N - u);
    expect(c.attempts).toBe(2 * (N - u) + 9 * u);
    expect(histogram(r.attemptsPerSr)).toEqual({ 2: N - u, 9: u });
    // An unreachable device costs the association attempt (1 command) each time; a reachable SR's
    // failed first attempt half its read (4), its retry the whole read (8).
    expect(c.dlmsFailedAttempts).toBe(9 * u * 1 + (N - u) * (DLMS / 2));
    expect(c.dlmsRetries).toBe((N - u) * DLMS);
    expect(c.trtMisses).toBe(u);
    expect(c.lateResponses).toBe(0);
  });

  it('retries only while outcome + interval < TRT, strictly: 9 attempts, not 10, when 9·P = TRT exactly', () => {
    // No capacity at all, so δ = 0 and everything happens on whole seconds: after attempt 8 the outcome is
    // at a + 9 640 s and 9 640 + 1 160 = 10 800 = TRT, not < TRT: expiry at a + TRT. A rule with ≤ would
    // make a 10th attempt at a + 10 800 s.
    const s = retryDay({ first: 0, retry: 0, unreachable: 0 }, 9 * P, (d) => {
      d.capacities = [];
    });
    const r = runReplication(s, rep0);
    expectInvariants(s, [r]);
    const c = r.counters;
    expect(c.attempts).toBe(9 * N);
    expect(histogram(r.attemptsPerSr)).toEqual({ 9: N });
    expect(c.expired).toBe(N);
    expect(c.txRequests + c.txResponses + c.txAlerts).toBe(0); // no transaction ceiling to count them at
    // Completion times are those of answered SRs: none here.
    expect(r.completionS.count).toBe(0);
  });

  it('a TRT one tick longer than 9·P lets the 10th attempt through', () => {
    // TRT = 10 800.000001 s: 9·1 200 = 10 800 < TRT, so attempt 9 is made at a + 10 800 s; after it
    // 10·1 200 = 12 000 ≥ TRT: expiry. 10 attempts per SR.
    const s = retryDay({ first: 0, retry: 0, unreachable: 0 }, 9 * P + 1e-6, (d) => {
      d.capacities = [];
    });
    const r = runReplication(s, rep0);
    expectInvariants(s, [r]);
    expect(r.counters.attempts).toBe(10 * N);
    expect(histogram(r.attemptsPerSr)).toEqual({ 10: N });
    expect(r.counters.expired).toBe(N);
  });
});
