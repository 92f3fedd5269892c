/**
 * The TRT boundary, worked out from queue arithmetic at a 1 TPS transaction ceiling.
 *
 * N = 200 SRs all activate at 00:00:00 (fixed placement, no dispatch spread); Secure is the only
 * capacity, 1 TPS, queueing, no baseline; every first attempt succeeds after D = 30 s wake-up + a read
 * of 4 DLMS commands × 2.5 s round trip = 40 s (fixed round trip: p95 = median · (1 + 1e-9), see
 * retries.test.ts). Times in seconds:
 *
 *   requests   all 200 offered at 0 and served one a second, FIFO: SR i's request ends at i + 1
 *              (i = 0..199), its attempt starts then, its WAN outcome is at i + 41. The ceiling is busy
 *              with requests until 200.
 *   responses  an outcome at i + 41 ≤ TRT is a response (scheduled-services.ts: `outcome <= deadline`),
 *              offered at i + 41 behind everything already queued: the k-th response ends at 200 + k + 1,
 *              and since responders are a prefix i = 0..n_r − 1, SR i's response ends at 201 + i.
 *              (Its offer at i + 41 is before the ceiling frees up: i + 41 ≤ 200 + i.)
 *              It is late iff 201 + i > TRT.
 *   expiries   an outcome after the TRT (success or not) is an expiry at max(attempt time, TRT) = TRT
 *              (every attempt starts by 200 < TRT); its alert is offered at TRT, after the last response
 *              offer, and ends after all responses: at 200 + n_r + 1, …, 400.
 *
 * So with n_r = #{i < 200 : i + 41 ≤ TRT} and n_on = #{i < n_r : 201 + i ≤ TRT}:
 *   responded = n_r, lateResponses = n_r − n_on, expired = 200 − n_r, trtMisses = late + expired,
 *   and the last completion is at 2N = 400 s (2N transactions through 1 TPS from 0).
 *
 *   TRT            n_r                        n_on                       late   expired
 *   220.5          i ≤ 179.5 → 180            i ≤ 19.5 → 20              160    20
 *   220            i ≤ 179   → 180 (179 at =) i ≤ 19   → 20 (19 at =)    160    20
 *   219.999999     i ≤ 178   → 179            i ≤ 18   → 19              160    21
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/types.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { replicationFigures } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { onlySecure, quiet, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const N = 200;

function burst(trtS: number): Scenario {
  return variant(base, (d) => {
    quiet(d);
    onlySecure(d);
    d.workload.srvsPerDay = N;
    d.placement = { kind: 'fixed', atS: 0, dispatchS: 0 };
    d.day.horizonS = 3600;
    d.day.trtS = trtS;
    d.capacities[0]!.ceilingPerS = 1;
    d.capacities[0]!.overflow = 'queue';
    d.behaviour.wan.roundTripMedianS = 2.5;
    d.behaviour.wan.roundTripP95S = 2.5 * (1 + 1e-9);
    for (const c of d.cohorts) c.wakeUpS = c.id === 'MOC' ? 30 : 0;
    for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: 4 };
  });
}

describe('late responses and expiries at a 1 TPS ceiling', () => {
  const cases = [
    { trtS: 220.5, responded: 180, onTime: 20, expired: 20, why: 'no event on the boundary' },
    { trtS: 220, responded: 180, onTime: 20, expired: 20, why: 'an outcome at the TRT is answered, a response ending at the TRT is on time' },
    { trtS: 219.999999, responded: 179, onTime: 19, expired: 21, why: 'one tick less: both of those SRs change side' },
  ];
  for (const k of cases) {
    it(`TRT ${k.trtS} s: ${k.responded - k.onTime} late responses, ${k.expired} expiries (${k.why})`, () => {
      const s = burst(k.trtS);
      const r = runReplication(s, { seed: 3, replication: 0 });
      expectInvariants(s, [r]);
      const c = r.counters;
      const late = k.responded - k.onTime;
      expect(c.activated).toBe(N);
      expect(c.attempts).toBe(N); // one attempt each: every first attempt succeeds
      expect(c.responded).toBe(k.responded);
      expect(c.lateResponses).toBe(late);
      expect(c.expired).toBe(k.expired);
      expect(c.trtMisses).toBe(late + k.expired);
      expect(c.unfinished).toBe(0);
      expect(c.txRequests).toBe(N);
      expect(c.txResponses).toBe(k.responded);
      expect(c.txAlerts).toBe(k.expired);
      // Response of SR i ends at 201 + i: one response in each second 201 … 200 + n_r, none elsewhere.
      const seconds = [...r.responsesPerS].flatMap((v, sec) => (v > 0 ? [[sec, v]] : []));
      expect(seconds).toEqual(Array.from({ length: k.responded }, (_, i) => [201 + i, 1]));
      // Completion times are the answered SRs': the first response at 201 s, the last at 200 + n_r s.
      expect(r.completionS.min).toBe(201);
      expect(r.completionS.max).toBe(200 + k.responded);
      expect(replicationFigures(s, r).completion.shareWithinTrt).toBe(k.onTime / N);
      // Every second from 0 to 399 carries exactly one transaction: the ceiling is never idle, never over.
      const carried = r.capacities[0]!.carriedPerS[1];
      expect([...carried.slice(0, 2 * N)]).toEqual(Array.from({ length: 2 * N }, () => 1));
      expect(carried.slice(2 * N).reduce((a, b) => a + b, 0)).toBe(0);
    });
  }
});
