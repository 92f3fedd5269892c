/**
 * The SR table answers, for each activation rank, what the SR with that rank drew: checked against the
 * plain expansion (test oracle: which SR activates i-th, and when) and the SRs' draws looked up by id.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import { prepareDay } from '../../src/workload/day.js';
import { buildRoutes } from '../../src/workload/routes.js';
import { DATA_NOT_AVAILABLE, drawSrs, FIRST_WAN_OK, UNREACHABLE, wanDraws } from '../../src/workload/sr-draws.js';
import { MAX_ATTEMPTS } from '../../src/workload/sr-table.js';
import { expandDay } from '../oracles/expand-day.js';
import { shipped, variant } from '../helpers/scenarios.js';

const small = variant(await shipped('mp192-pro-rata'), (d) => {
  d.workload.srvsPerDay = 5_000;
  d.day.warmupDays = 0; // one fired day: the table is the plain expansion's
  d.behaviour.wan.neverReachableShare = 0.2;
  for (const srv of d.srvs) srv.dataNotAvailableProbability = 0.3;
});

describe('SrTable', () => {
  it('holds every fired day: a warm-up day, then the measured day with a cold start’s SRs a day later', () => {
    const two = variant(small, (d) => {
      d.day.warmupDays = 1;
    });
    const cold = prepareDay(small, new KeyedRng(7, 2)).srs;
    const day = prepareDay(two, new KeyedRng(7, 2));
    const t = day.srs;
    const n = cold.size;
    const groups = day.groups.length;
    expect(day.days).toBe(2);
    expect(day.routes.map((r) => r.day)).toEqual([...Array.from({ length: groups }, () => 0), ...Array.from({ length: groups }, () => 1)]);
    expect(t.size).toBe(2 * n);
    for (let i = 0; i < n; i++) {
      expect(t.group(i)).toBeLessThan(groups); // the warm-up day's routes
      expect(t.activationTick(n + i)).toBe(cold.activationTick(i) + 86_400 * 1e6);
      expect(t.group(n + i)).toBe(cold.group(i) + groups);
      expect(t.indexInGroup(n + i)).toBe(cold.indexInGroup(i));
      expect(t.dlmsPerAttempt(n + i)).toBe(cold.dlmsPerAttempt(i));
      expect(t.firstRoundTripTicks(n + i)).toBe(cold.firstRoundTripTicks(i));
      expect(t.unreachable(n + i)).toBe(cold.unreachable(i));
    }
    // The warm-up day draws anew: not the measured day's SRs again.
    let same = 0;
    for (let i = 0; i < n; i++) if (t.firstRoundTripTicks(i) === cold.firstRoundTripTicks(i)) same++;
    expect(same).toBeLessThan(n / 10);
  });

  it('holds, at rank i, the i-th SR of the plain expansion with its own draws', () => {
    const rng = new KeyedRng(7, 2);
    const day = prepareDay(small, rng);
    const plain = expandDay(small, day.groups, rng);
    const draws = drawSrs(rng, day.groups, buildRoutes(small, day.groups), wanDraws(small));
    const t = day.srs;
    expect(t.size).toBe(plain.srIds.length);
    expect(t.size).toBeGreaterThan(4_000);
    expect(day.groups.length).toBeGreaterThan(1);
    const seen = { unreachable: 0, firstOk: 0, dna: 0 };
    for (let i = 0; i < t.size; i++) {
      const g = day.groups[t.group(i)]!;
      const id = g.offset + t.indexInGroup(i);
      expect(id).toBe(plain.srIds[i]);
      expect(t.activationTick(i)).toBe(plain.timesTick[i]);
      expect(t.activationTicks[i]).toBe(plain.timesTick[i]);
      const q = draws.qOfId[id]!;
      expect(t.dlmsPerAttempt(i)).toBe(draws.dlms[q]);
      expect(t.firstRoundTripTicks(i)).toBe(draws.firstRoundTripTicks[q]);
      const flags = draws.flags[q]!;
      expect(t.unreachable(i)).toBe((flags & UNREACHABLE) !== 0);
      expect(t.firstAttemptOk(i)).toBe((flags & FIRST_WAN_OK) !== 0);
      expect(t.dataNotAvailable(i)).toBe((flags & DATA_NOT_AVAILABLE) !== 0);
      expect(t.attempts(i)).toBe(0);
      seen.unreachable += t.unreachable(i) ? 1 : 0;
      seen.firstOk += t.firstAttemptOk(i) ? 1 : 0;
      seen.dna += t.dataNotAvailable(i) ? 1 : 0;
    }
    // Every flag takes both values somewhere: the checks above compared something.
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(0);
    for (const n of Object.values(seen)) expect(n).toBeLessThan(t.size);
  });

  it('counts attempts up to the most an SR makes without disturbing anything else it holds', () => {
    const t = prepareDay(small, new KeyedRng(1, 0)).srs;
    const i = t.size - 1;
    const before = [t.activationTick(i), t.dlmsPerAttempt(i), t.firstRoundTripTicks(i), t.group(i), t.indexInGroup(i), t.unreachable(i), t.firstAttemptOk(i), t.dataNotAvailable(i)];
    expect(t.startAttempt(i)).toBe(0);
    expect(t.startAttempt(i)).toBe(1);
    expect(t.attempts(i)).toBe(2);
    for (let k = 2; k < MAX_ATTEMPTS; k++) t.startAttempt(i);
    expect(t.attempts(i)).toBe(MAX_ATTEMPTS);
    expect(MAX_ATTEMPTS).toBe(2 ** 19 - 1);
    t.touch(i);
    const after = [t.activationTick(i), t.dlmsPerAttempt(i), t.firstRoundTripTicks(i), t.group(i), t.indexInGroup(i), t.unreachable(i), t.firstAttemptOk(i), t.dataNotAvailable(i)];
    expect(after).toEqual(before);
    expect(t.attempts(i - 1)).toBe(0);
  });
});
