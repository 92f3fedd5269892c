/**
 * A discrete baseline drawn once and replayed by several scenarios of the same seed and replication
 * (a comparison) gives exactly what each scenario draws on its own: same event trace, same summary.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import { baselineArrivalTicks, DiscreteBaseline } from '../../src/sim/baseline.js';
import { SharedDraws } from '../../src/sim/capacities.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { type ScenarioDraft, shipped, variant } from '../helpers/scenarios.js';
import { poissonBaselineTicks } from '../oracles/poisson-baseline.js';

const shrink = (d: ScenarioDraft) => {
  d.workload.srvsPerDay = 5_000;
  d.day.horizonS = 30 * 3600;
  for (const c of d.capacities) c.baseline.ratePerS = c.baseline.ratePerS.map((r) => r * 0.2); // fewer arrivals, same logic
};

describe('shared discrete baseline', () => {
  it('replays the very arrivals each scenario would draw, across placements', async () => {
    const cache = new SharedDraws();
    for (const name of ['p1-peak-window', 'p0-midnight-burst', 'p6-firmware-window']) {
      const s = variant(await shipped(name), shrink);
      const alone = runReplication(s, { seed: 3, replication: 1, trace: true });
      const shared = runReplication(s, { seed: 3, replication: 1, trace: true, shared: cache });
      expectInvariants(s, [shared], summarise(s, [shared]));
      expect(shared.fingerprint).toBe(alone.fingerprint);
      expect(shared.counters).toEqual(alone.counters);
      expect(JSON.stringify(summarise(s, [shared]))).toBe(JSON.stringify(summarise(s, [alone])));
    }
    expect(cache.baselines.size).toBe(1); // one Secure stream, drawn once for the three placements
    expect(cache.srs.size).toBe(2); // the same SRs of the warm-up and the measured day, placed three ways
  });

  it('keys the cache by replication and profile: a different baseline is drawn anew', async () => {
    const cache = new SharedDraws();
    const base = variant(await shipped('p1-peak-window'), shrink);
    const heavier = variant(base, (d) => {
      for (const c of d.capacities) c.baseline.ratePerS = c.baseline.ratePerS.map((r) => r * 1.5);
    });
    for (const [s, replication] of [
      [base, 0],
      [base, 1],
      [heavier, 0],
    ] as const) {
      const alone = runReplication(s, { seed: 3, replication });
      const shared = runReplication(s, { seed: 3, replication, shared: cache });
      expectInvariants(s, [shared]);
      expect(shared.counters).toEqual(alone.counters);
    }
    expect(cache.baselines.size).toBe(3);
    expect(cache.srs.size).toBe(4); // two fired days of replications 0 and 1; the heavier baseline changes no SR draw
  });

  it('draws ticks in order, inside the horizon, at the profile rate', async () => {
    const s = variant(await shipped('p1-peak-window'), shrink);
    const cap = s.capacities.find((c) => c.baseline.mode === 'discrete');
    if (!cap) throw new Error('no discrete baseline');
    const ticks = baselineArrivalTicks(cap.baseline, new KeyedRng(3, 0), 7, s.day.horizonS);
    let ordered = true;
    for (let i = 1; i < ticks.length; i++) ordered &&= ticks[i]! >= ticks[i - 1]!;
    expect(ordered).toBe(true);
    expect(ticks[ticks.length - 1]!).toBeLessThan(s.day.horizonS * 1e6);
    const expected = Array.from({ length: s.day.horizonS }, (_, sec) => cap.baseline.ratePerS[Math.floor((sec % 86_400) / cap.baseline.bucketS)] ?? 0).reduce((a, b) => a + b, 0);
    expect(Math.abs(ticks.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('draws exactly the ticks of the plain one-gap-at-a-time draw, all at once or as the day goes, for any profile and horizon', () => {
    const profiles = [
      { mode: 'discrete' as const, bucketS: 900, ratePerS: Array.from({ length: 96 }, (_, k) => (k % 7 === 3 ? 0 : 0.5 + (k % 5))) },
      { mode: 'discrete' as const, bucketS: 3600, ratePerS: [0, 0, 30, 0.01, ...Array.from({ length: 20 }, () => 2)] },
      { mode: 'discrete' as const, bucketS: 86_400, ratePerS: [3] },
    ];
    let compared = 0;
    for (const [k, profile] of profiles.entries()) {
      for (const [horizonS, firstDay] of [
        [3600.5, 0],
        [86_400, 0],
        [2 * 86_400, 0],
        [3 * 86_400, -1],
      ] as const) {
        const rng = new KeyedRng(11, k);
        const expected = poissonBaselineTicks(profile, rng, 5, horizonS, firstDay);
        compared += expected.length;
        const all = Array.from(baselineArrivalTicks(profile as never, rng, 5, horizonS, firstDay));
        // Compared by length and a checksum first: a diff of two 100k-long arrays takes vitest minutes.
        expect(all.length).toBe(expected.length);
        expect(all.every((t, i) => t === expected[i])).toBe(true);
        // As the day goes: advanced in uneven steps, offered in batches.
        const offered: number[] = [];
        const sink = { offerUnits: (t: Float64Array, n: number) => offered.push(...t.subarray(0, n)) };
        const lazy = new DiscreteBaseline(profile as never, sink, rng, 5, horizonS, firstDay);
        for (let tick = 0; tick < horizonS * 1e6; tick += 1_234_567_891) lazy.advanceTo(tick); // steps of ~1,235 s
        lazy.advanceTo(horizonS * 1e6 - 1);
        expect(offered.length).toBe(expected.length);
        expect(offered.every((t, i) => t === expected[i])).toBe(true);
        expect(lazy.arrivals).toBe(expected.length);
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  });
});
