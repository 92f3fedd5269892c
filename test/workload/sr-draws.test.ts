/**
 * The SRs' shared draws (`drawSrs`) hold, at each position q, exactly the keyed draws of the SR with id
 * idOfQ[q] — the values the hot loop would draw itself — and positions run in order of the activation
 * uniform within each group.
 */
import { describe, expect, it } from 'vitest';
import { KeyedRng } from '../../src/engine/index.js';
import { buildRoutes } from '../../src/workload/routes.js';
import { DATA_NOT_AVAILABLE, drawSrs, FIRST_WAN_OK, roundTripTicks, UNREACHABLE, wanDraws } from '../../src/workload/sr-draws.js';
import { scheduleGroups } from '../../src/workload/groups.js';
import { PURPOSE } from '../../src/workload/purposes.js';
import { shipped, variant } from '../helpers/scenarios.js';

describe('drawSrs', () => {
  it('stores each SR’s own keyed draws at its position, positions sorted by the activation uniform', async () => {
    const s = variant(await shipped('mp192-pro-rata'), (d) => {
      d.workload.srvsPerDay = 6_000;
    });
    const groups = scheduleGroups(s);
    const routes = buildRoutes(s, groups);
    const wan = wanDraws(s);
    const rng = new KeyedRng(7, 3);
    const d = drawSrs(rng, groups, routes, wan);
    let flagged = 0;
    groups.forEach((g, k) => {
      const r = routes[k]!;
      for (let q = g.offset; q < g.offset + g.count; q++) {
        const id = d.idOfQ[q]!;
        const local = id - g.offset;
        expect(local >= 0 && local < g.count && d.qOfId[id] === q).toBe(true);
        const u = (purpose: number) => rng.u(g.key, local, purpose, 0);
        expect(d.placeU[q]).toBe(u(PURPOSE.place));
        if (q > g.offset) expect(d.placeU[q]! >= d.placeU[q - 1]!).toBe(true);
        let j = 0;
        while (j < r.dlmsCum.length - 1 && r.dlmsCum[j]! <= u(PURPOSE.dlms)) j++;
        expect(d.dlms[q]).toBe(r.dlmsValues[j]);
        const f =
          (u(PURPOSE.unreachable) < wan.unreachable ? UNREACHABLE : 0) |
          (u(PURPOSE.wanSuccess) < wan.firstSuccess ? FIRST_WAN_OK : 0) |
          (r.dataNotAvailable > 0 && u(PURPOSE.dataNotAvailable) < r.dataNotAvailable ? DATA_NOT_AVAILABLE : 0);
        expect(d.flags[q]).toBe(f);
        if (f !== 0) flagged++;
        expect(d.firstRoundTripTicks[q]).toBe(roundTripTicks(wan, u(PURPOSE.wanLatency)));
      }
    });
    expect(flagged).toBeGreaterThan(0);
  });
});
