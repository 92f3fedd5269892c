/**
 * Typed arrays lent from one run to the next — say the per-SR arrays of a day, for each placement of
 * a comparison in turn — instead of allocated afresh: a fresh array is zero pages the kernel hands
 * over one fault at a time. The day's expansion and records in lent arrays take 0.77–0.96× the time
 * in fresh ones (bench/experiments/expansion.ts, 2.7M SRs).
 *
 * A borrowed array is a view of length n on a buffer at least that long, with whatever the previous
 * borrower left in it: callers write every element before they read it. One name, one borrower at a
 * time — borrowing a name again hands out the same memory.
 */
/** Where a computation gets its working arrays: fresh (`FRESH`) or lent (`Scratch`). */
export interface ArrayLender {
  f64(name: string, n: number): Float64Array;
  i32(name: string, n: number): Int32Array;
  u8(name: string, n: number): Uint8Array;
}

export class Scratch implements ArrayLender {
  private readonly f64s = new Map<string, Float64Array>();
  private readonly i32s = new Map<string, Int32Array>();
  private readonly u8s = new Map<string, Uint8Array>();

  f64(name: string, n: number): Float64Array {
    return lend(this.f64s, name, n, (k) => new Float64Array(k));
  }
  i32(name: string, n: number): Int32Array {
    return lend(this.i32s, name, n, (k) => new Int32Array(k));
  }
  u8(name: string, n: number): Uint8Array {
    return lend(this.u8s, name, n, (k) => new Uint8Array(k));
  }
}

function lend<T extends Float64Array | Int32Array | Uint8Array>(pool: Map<string, T>, name: string, n: number, make: (n: number) => T): T {
  let buffer = pool.get(name);
  if (!buffer || buffer.length < n) {
    buffer = make(n);
    pool.set(name, buffer);
  }
  return buffer.subarray(0, n) as T;
}

/** Fresh arrays every time: the lender for runs that share nothing. */
export const FRESH: ArrayLender = {
  f64: (_name, n) => new Float64Array(n),
  i32: (_name, n) => new Int32Array(n),
  u8: (_name, n) => new Uint8Array(n),
};
