/**
 * The fluid day (one analytic view of the scheduled load) against hand counts and against the
 * simulation's own counters, and the three figures built on it — pia's added TPS, the optimiser's
 * screen and the counterfactual's fluid offered rate — shown to agree, CV9 refusals included.
 */
import { describe, expect, it } from 'vitest';
import { placementTps } from '../../src/pia/compute.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { fluidOfferedPerS } from '../../src/stats/counterfactual.js';
import { screenCapacities } from '../../src/stats/fluid-screen.js';
import { expectedAlertShare, expectedAttempts, fluidDay, peakRate } from '../../src/workload/fluid-day.js';
import { expectInvariants } from '../helpers/invariants.js';
import { quiet, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped('mp192-baseline');
const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

/** 10,000 SRs, 50/50 SRV 4.3 (6 commands) / 4.4.3 (9 commands), all to MOC (Secure, DLMS), 00:00–06:00. */
const fixed = variant(base, (d) => {
  d.workload.srvsPerDay = 10_000;
  for (const srv of d.srvs) srv.dlms = { kind: 'fixed', value: srv.id === '4.3' ? 6 : 9 };
});
/** The same, with Secure refusing SRV 4.3 with CV9: those SRs get an S1VE12 alert and send no command. */
const refused = variant(fixed, (d) => {
  for (const p of d.s1sps) if (p.id === 'Secure') p.cv9Srvs = ['4.4.3'];
});

describe('the fluid day', () => {
  it('adds 2 transactions per SR at Secure and the mean commands per SR at the DCO (hand count)', () => {
    const [secure, dco] = fluidDay(fixed);
    expect(secure!.units).toBe(20_000);
    expect(dco!.units).toBe(5_000 * 6 + 5_000 * 9); // 75,000
    expect(secure!.unitsWithRetries).toBe(20_000);
    // With retries, by hand from the default behaviour (first attempt 0.9, retry 0.5, 2% never reachable,
    // TRT 86 400 s, retries every 3 600 s + a 3 s round trip: 23 at most): a reachable SR makes A attempts and
    // R reads, failing A − R times at ⌈read / 2⌉ (3 of 6, 5 of 9); an unreachable one 24 association
    // attempts of 1 command.
    const A = 1 + 0.1 * ((1 - 0.5 ** 23) / 0.5);
    const R = 1 - 0.1 * 0.5 ** 23;
    const perSr = (read: number) => 0.98 * (R * read + (A - R) * Math.ceil(read / 2)) + 0.02 * 24 * 1;
    expect(0.02 * 24 + 0.98 * A).toBeCloseTo(expectedAttempts(fixed), 12); // the attempts, as the rest of the fluid day counts them
    expect(dco!.unitsWithRetries).toBeCloseTo(5_000 * perSr(6) + 5_000 * perSr(9), 6);
  });

  it('follows CV9: a refused SRV still costs a request and an alert, and no DLMS command', () => {
    const [secure, dco] = fluidDay(refused);
    expect(secure!.units).toBe(20_000);
    expect(dco!.units).toBe(5_000 * 9);
  });

  it('expects the alerts the simulation makes: S1VE12 for a refused SRV, TRT expiries for the rest (one alert model)', () => {
    // By hand: 2% never reachable; a reachable SR expires when its first attempt (p 0.1) and its 23
    // retries (p 0.5 each) all fail. With SRV 4.3 refused with CV9, half the SRs get an S1VE12.
    const expiry = 0.02 + 0.98 * 0.1 * 0.5 ** 23;
    expect(expectedAlertShare(fixed)).toBeCloseTo(expiry, 15);
    expect(expectedAlertShare(refused)).toBeCloseTo(0.5 + 0.5 * expiry, 15);
    // The simulation of the same days (cold, 10,000 SRs): alerts / SRs within 5 binomial σ of the share.
    for (const s of [fixed, refused]) {
      const cold = variant(s, (d) => void (d.day.warmupDays = 0));
      const r = runReplication(cold, { seed: 3, replication: 0 });
      const c = r.counters;
      const p = expectedAlertShare(s);
      const sigma = Math.sqrt((p * (1 - p)) / c.activated);
      expect(Math.abs((c.txAlerts ?? 0) / c.activated - p)).toBeLessThan(5 * sigma);
      expect(c.expired + c.s1ve12).toBe(c.txAlerts);
    }
  });

  it('equals the simulation’s own counts when nothing fails or retries', () => {
    for (const s of [fixed, refused]) {
      const q = variant(s, quiet);
      const r = runReplication(q, { seed: 5, replication: 0 });
      expectInvariants(q, [r]);
      const c = r.counters;
      const [secure, dco] = fluidDay(q);
      expect(c.attempts).toBe(c.activated - c.s1ve12); // one attempt each: the comparison below is of first attempts
      expect(c.txRequests + c.txResponses + c.txAlerts).toBe(secure!.units);
      expect(c.dlmsCommands).toBe(dco!.units);
    }
  });

  it('spreads 2.7M SRs over 00:00–06:00 at 250 TPS, and sums overlapping parts for the peak', () => {
    const [secure] = fluidDay(base);
    expect(peakRate(secure!.parts)).toBeCloseTo(5_400_000 / 21_600, 9);
    expect(
      peakRate([
        { startS: 0, lengthS: 100, units: 100 },
        { startS: 50, lengthS: 100, units: 300 },
        { startS: 150, lengthS: 10, units: 20 },
      ]),
    ).toBe(4); // 1 + 3 where the first two overlap; the third touches the second without overlapping
    expect(peakRate([{ startS: 10, lengthS: 0, units: 5 }])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('pia, the optimiser’s screen and the counterfactual read the same fluid day', () => {
  for (const [name, s] of [
    ['all SRVs accepted with CV9', fixed],
    ['SRV 4.3 refused with CV9', refused],
  ] as const) {
    it(name, () => {
      const day = fluidDay(s);
      const screen = screenCapacities(s);
      const tps = placementTps(s);
      expect(tps.activeS).toBe(21_600);
      expect(tps.meanAddedTps * tps.activeS).toBeCloseTo(day[0]!.units, 6);
      s.capacities.forEach((cap, k) => {
        expect(screen[k]!.addedUnits).toBeCloseTo(day[k]!.unitsWithRetries, 6);
        const offered = fluidOfferedPerS(s, k);
        const baseline = cap.baseline.mode === 'none' ? 0 : sum(Float64Array.from(offered, (_, i) => cap.baseline.ratePerS[Math.floor((i % 86_400) / cap.baseline.bucketS)] ?? 0));
        expect(sum(offered) - baseline).toBeCloseTo(day[k]!.units, 3);
      });
      // The DLMS load differs between the two scenarios, so the agreement above is not vacuous.
      expect(screen[1]!.addedUnits).toBeGreaterThan(0);
    });
  }
});
