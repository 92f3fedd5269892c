/**
 * Expansion from draws ordered by uniform (`expandOrdered`) gives exactly the activations of the
 * plain expansion (`expandDay`: keyed draws, then a sort of the whole day), for every kind of
 * placement — including runs of equal instants long enough to take the native-sort path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import type { Placement, Scenario } from '../../src/model/types.js';
import { buildRoutes } from '../../src/workload/routes.js';
import { drawSrs, wanDraws } from '../../src/workload/sr-draws.js';
import { expandOrdered } from '../../src/workload/expand.js';
import { expandDay } from '../oracles/expand-day.js';
import { scheduleGroups } from '../../src/workload/groups.js';
import { shipped, variant } from '../helpers/scenarios.js';

function expectSameDay(s: Scenario, seed: number, replication: number): void {
  const groups = scheduleGroups(s);
  const rng = new KeyedRng(seed, replication);
  const draws = drawSrs(rng, groups, buildRoutes(s, groups), wanDraws(s));
  const plain = expandDay(s, groups, rng);
  const ordered = expandOrdered(s, groups, draws);
  expect(Buffer.from(ordered.timesTick.buffer).equals(Buffer.from(plain.timesTick.buffer))).toBe(true);
  const ids = Int32Array.from(ordered.q, (q) => draws.idOfQ[q]!);
  expect(Buffer.from(ids.buffer).equals(Buffer.from(plain.srIds.buffer))).toBe(true);
  for (let i = 0; i < ordered.q.length; i++) {
    const g = groups[ordered.group[i]!]!;
    if (ids[i]! < g.offset || ids[i]! >= g.offset + g.count) throw new Error(`rank ${i}: id ${ids[i]} is not in group ${ordered.group[i]}`);
  }
}

const sized = (s: Scenario, srvsPerDay: number, placement?: Placement) =>
  variant(s, (d) => {
    d.workload.srvsPerDay = srvsPerDay;
    if (placement) d.placement = placement as typeof d.placement;
  });

describe('expandOrdered', () => {
  it('gives the plain expansion for every shipped placement and routing', async () => {
    const names = ['mp192-baseline', 'mp192-pro-rata', 'p0-midnight-burst', 'p2-morning', 'p4-morning-and-late', 'p5-whole-day', 'p7-custom-histogram'];
    for (const name of names) expectSameDay(sized(await shipped(name), 30_000), 11, 2);
  });

  it('puts equal instants in id order, short runs and long ones (a fixed instant, a 1 s dispatch)', async () => {
    const base = await shipped('mp192-pro-rata');
    expectSameDay(sized(base, 5_000, { kind: 'fixed', atS: 3_600, dispatchS: 0 }), 3, 0);
    expectSameDay(sized(base, 40_000, { kind: 'fixed', atS: 0, dispatchS: 1 }), 3, 1);
  });

  it('handles per-cohort windows, zero-weight bins and windows out of time order', async () => {
    const base = await shipped('mp192-pro-rata');
    const cohorts = base.cohorts.map((c, k) => ({
      cohort: c.id,
      windows:
        k % 2
          ? [
              { startS: 64_800, endS: 86_400 },
              { startS: 0, endS: 7_200 },
            ]
          : [{ startS: 3_600, endS: 3_660 }],
    }));
    expectSameDay(sized(base, 20_000, { kind: 'per-cohort', cohorts }), 5, 0);
    const bins = [
      { startS: 7_200, endS: 10_800, weight: 2 },
      { startS: 0, endS: 3_600, weight: 0 },
      { startS: 0, endS: 3_600, weight: 1 },
      { startS: 50_000, endS: 50_000.5, weight: 0.5 },
    ];
    expectSameDay(sized(base, 20_000, { kind: 'histogram', bins }), 5, 1);
  });

  it('agrees with the plain expansion on random windows', async () => {
    const base = await shipped('mp192-pro-rata');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 0, max: 7_200 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 3_000 }),
        fc.nat(1_000),
        (parts, srs, seed) => {
          const bins = parts.map(([start, length, weight]) => ({ startS: start, endS: Math.min(86_400, start + length), weight }));
          fc.pre(bins.some((b) => b.weight > 0));
          expectSameDay(sized(base, srs, { kind: 'histogram', bins }), seed, 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
