import { describe, expect, it } from 'vitest';
import { type EventHandler, Simulator } from '../../src/engine/index.js';

/** Records (time, name) where name = letter of the kind + entity, e.g. 'a0'. */
class Logger implements EventHandler {
  readonly log: Array<[number, string]> = [];
  handle(kind: number, entity: number, timeTick: number): void {
    this.log.push([timeTick, String.fromCharCode(97 + kind) + entity]);
  }
}

const [A, B, C] = [0, 1, 2];

describe('Simulator: events leave in (time, priority, seq) order', () => {
  it('delivers in time order and advances now to each event', () => {
    const sim = new Simulator();
    const log = new Logger();
    sim.schedule(2, 0, B, 0);
    sim.schedule(0, 0, A, 0);
    sim.schedule(1, 0, C, 0);
    expect(sim.run(log, Infinity)).toBe(3);
    expect(log.log).toEqual([
      [0, 'a0'],
      [1, 'c0'],
      [2, 'b0'],
    ]);
    expect(sim.now).toBe(2);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('delivers simultaneous events in insertion order', () => {
    const sim = new Simulator();
    const log = new Logger();
    for (const e of [3, 1, 2, 0]) sim.schedule(10, 0, A, e);
    sim.run(log, Infinity);
    expect(log.log).toEqual([
      [10, 'a3'],
      [10, 'a1'],
      [10, 'a2'],
      [10, 'a0'],
    ]);
  });

  it('puts priority before sequence: a lower priority number goes first at the same tick', () => {
    const sim = new Simulator();
    const log = new Logger();
    sim.schedule(5, 2, A, 0);
    sim.schedule(5, 1, B, 0);
    sim.schedule(5, 2, C, 0);
    sim.schedule(4, 9, C, 1);
    sim.run(log, Infinity);
    expect(log.log).toEqual([
      [4, 'c1'],
      [5, 'b0'],
      [5, 'a0'],
      [5, 'c0'],
    ]);
  });

  it('counts the stream as inserted first: it wins ties at equal priority, loses to a lower priority', () => {
    const sim = new Simulator();
    const log = new Logger();
    sim.schedule(5, 1, B, 0); // same priority as the stream: after stream items at t=5
    sim.schedule(5, 0, C, 0); // lower priority number: before them
    sim.setStream(Float64Array.of(0, 5, 5, 9), A, 1);
    sim.run(log, Infinity);
    expect(log.log).toEqual([
      [0, 'a0'],
      [5, 'c0'],
      [5, 'a1'],
      [5, 'a2'],
      [5, 'b0'],
      [9, 'a3'],
    ]);
  });

  it('events scheduled while handling one join the same order', () => {
    const sim = new Simulator();
    const log: Array<[number, string]> = [];
    // Each 'a' schedules a 'b' at the same tick; the stream's next 'a' at that tick still goes first.
    sim.setStream(Float64Array.of(1, 1, 3), A, 0);
    sim.run(
      {
        handle(kind, entity, t) {
          log.push([t, String.fromCharCode(97 + kind) + entity]);
          if (kind === A) sim.schedule(t, 0, B, entity);
        },
      },
      Infinity,
    );
    expect(log).toEqual([
      [1, 'a0'],
      [1, 'a1'],
      [1, 'b0'],
      [1, 'b1'],
      [3, 'a2'],
      [3, 'b2'],
    ]);
  });

  it('run(untilTick) stops after the last event ≤ untilTick, keeps the rest, and the clock reads untilTick', () => {
    const sim = new Simulator();
    const log = new Logger();
    sim.setStream(Float64Array.of(10, 20, 30), A, 0);
    sim.schedule(20, 0, B, 7);
    expect(sim.run(log, 20)).toBe(3);
    expect(sim.now).toBe(20);
    expect(sim.pending).toBe(1);
    expect(sim.run(log, 25)).toBe(0);
    expect(sim.now).toBe(25);
    expect(sim.run(log, Infinity)).toBe(1);
    expect(log.log).toEqual([
      [10, 'a0'],
      [20, 'a1'],
      [20, 'b7'],
      [30, 'a2'],
    ]);
    expect(sim.now).toBe(30);
  });

  it('stop() ends the run after the current event; the clock stays at that event', () => {
    const sim = new Simulator();
    const log: number[] = [];
    for (let t = 1; t <= 5; t++) sim.schedule(t, 0, A, t);
    sim.run({ handle: (_k, e) => (log.push(e), e === 2 && sim.stop()) }, 100);
    expect(log).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    sim.run({ handle: (_k, e) => log.push(e) }, 100);
    expect(log).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails loudly, naming the value', () => {
    const sim = new Simulator();
    sim.schedule(10, 0, A, 0);
    sim.run(new Logger(), Infinity);
    expect(() => sim.schedule(9, 0, A, 0)).toThrow('schedule: timeTick 9 is before now (10)');
    expect(() => sim.schedule(10.5, 0, A, 0)).toThrow('timeTick must be an integer tick, got 10.5');
    expect(() => sim.schedule(11, 256, A, 0)).toThrow('priority must be an integer in [0, 256), got 256');
    expect(() => sim.schedule(11, 0, -1, 0)).toThrow('kind must be an integer in [0, 256), got -1');
    expect(() => sim.schedule(11, 0, A, 2 ** 31)).toThrow('entity must be an integer in [0, 2^31), got 2147483648');
    expect(() => sim.setStream(Float64Array.of(10, 12, 11), A, 0)).toThrow('setStream: timesTick[2] = 11 must be an integer tick ≥ timesTick[1] (12)');
    expect(() => sim.setStream(Float64Array.of(3), A, 0)).toThrow('timesTick[0] = 3 must be an integer tick ≥ now (10)');
    expect(() => sim.run(new Logger(), 5)).toThrow('untilTick must be ≥ now (10), got 5');
  });

  it('refuses a new stream while the old one has items left, and run() from inside a handler', () => {
    const sim = new Simulator();
    sim.setStream(Float64Array.of(1, 2), A, 0);
    expect(() => sim.setStream(Float64Array.of(3), A, 0)).toThrow('still has 2 events to deliver');
    expect(() => sim.run({ handle: () => sim.run(new Logger(), 5) }, 5)).toThrow('already running');
  });
});
