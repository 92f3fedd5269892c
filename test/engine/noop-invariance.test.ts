import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EventHandler, KeyedRng, Resource, Simulator } from '../../src/engine/index.js';

const ARRIVE = 0;
const DEPART = 1;
const NOOP = 2;
const CUSTOMERS = 200;

/**
 * A small 2-server queue on a coarse grid (every time a multiple of 1 ms) so that ties between
 * arrivals, departures and no-ops are common. Optionally the model itself schedules a no-op at the
 * current tick after each arrival, at the given priority.
 */
class Clinic implements EventHandler {
  readonly log: Array<[number, number, number]> = [];
  private readonly servers = new Resource(2);
  private readonly rng = new KeyedRng(2024, 0);
  constructor(
    private readonly sim: Simulator,
    private readonly noopPriority: number | null,
  ) {}

  handle(kind: number, entity: number, timeTick: number): void {
    if (kind === NOOP) return;
    this.log.push([timeTick, kind, entity]);
    if (kind === ARRIVE) {
      if (this.servers.request(entity)) this.start(entity, timeTick);
      if (this.noopPriority !== null) this.sim.schedule(timeTick, this.noopPriority, NOOP, entity);
    } else {
      const next = this.servers.release();
      if (next >= 0) this.start(next, timeTick);
    }
  }

  private start(customer: number, timeTick: number): void {
    const serviceMs = 1 + Math.floor(this.rng.exp(3, 0, customer, 1, 0));
    this.sim.schedule(timeTick + serviceMs * 1000, 1, DEPART, customer);
  }
}

function simulate(noops: Array<[number, number]>, noopPriority: number | null): Array<[number, number, number]> {
  const rng = new KeyedRng(2024, 0);
  const arrivals = new Float64Array(CUSTOMERS);
  let ms = 0;
  for (let c = 0; c < CUSTOMERS; c++) arrivals[c] = (ms += Math.floor(rng.exp(2, 0, c, 0, 0))) * 1000;
  const sim = new Simulator();
  sim.setStream(arrivals, ARRIVE, 1);
  for (const [ms, priority] of noops) sim.schedule(ms * 1000, priority, NOOP, 0);
  const clinic = new Clinic(sim, noopPriority);
  sim.run(clinic, Infinity);
  return clinic.log;
}

describe('adding no-op events changes no other result', () => {
  const reference = simulate([], null);

  it('the reference run has same-tick ties to disturb', () => {
    const ticks = reference.map(([t]) => t);
    expect(new Set(ticks).size).toBeLessThan(ticks.length);
  });

  it('for any no-ops scheduled up front or by the model, the log minus the no-ops is unchanged', () => {
    const noop = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(noop, { maxLength: 100 }), fc.option(fc.integer({ min: 0, max: 3 })), (noops, p) => {
        expect(simulate(noops, p)).toEqual(reference);
      }),
      { numRuns: 50 },
    );
  });
});
