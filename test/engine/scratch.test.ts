import { describe, expect, it } from 'vitest';
import { FRESH, Scratch } from '../../src/engine/index.js';

describe('Scratch', () => {
  it('lends the same memory under one name, grown when a longer array is asked for', () => {
    const scratch = new Scratch();
    const a = scratch.f64('x', 4);
    a.set([1, 2, 3, 4]);
    const b = scratch.f64('x', 3);
    expect(b.buffer).toBe(a.buffer);
    expect(Array.from(b)).toEqual([1, 2, 3]); // what the last borrower left: callers overwrite it
    const c = scratch.f64('x', 10);
    expect(c.length).toBe(10);
    expect(c.buffer).not.toBe(a.buffer);
    expect(scratch.i32('x', 2).buffer).not.toBe(c.buffer); // names are per element type
    expect(scratch.u8('y', 5)).toBeInstanceOf(Uint8Array);
  });

  it('FRESH hands out new zeroed arrays every time', () => {
    const a = FRESH.f64('x', 3);
    a[0] = 7;
    expect(Array.from(FRESH.f64('x', 3))).toEqual([0, 0, 0]);
    expect(FRESH.i32('x', 2)).toBeInstanceOf(Int32Array);
  });
});
