/**
 * Calibration kernel: "how fast is this machine right now?"
 *
 * A tight, single-purpose M/M/c queue (c=10, λ=8, μ=1 by default) written by hand over typed arrays,
 * with its own binary heap and its own RNG (xoshiro128** seeded by splitmix32). It imports no engine
 * code, so engine changes never move it: every timed benchmark runs it interleaved with its subject
 * and reports subject events/s ÷ kernel events/s, a figure that survives a noisy, shared machine.
 */

export interface KernelResult {
  /** Events processed: one arrival and one departure per customer. */
  events: number;
  /** Mean time in queue Wq, seconds (a sanity check against Erlang C: ≈ 0.205 s for the default). */
  meanWait: number;
}

export interface KernelOptions {
  customers: number;
  servers?: number;
  arrivalRate?: number;
  serviceRate?: number;
  seed?: number;
}

/** Customers per timed kernel call in the benchmarks (2M events, ~0.3 s here). */
export const KERNEL_CUSTOMERS = 1_000_000;

const ARRIVE = 0;
const DEPART = 1;

export function runKernel(o: KernelOptions): KernelResult {
  const { customers, servers = 10, arrivalRate = 8, serviceRate = 1, seed = 1 } = o;
  // RNG state: xoshiro128** over four 32-bit words, seeded by splitmix32.
  let sm = seed | 0;
  const seedWord = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  let s0 = seedWord();
  let s1 = seedWord();
  let s2 = seedWord();
  let s3 = seedWord();
  const exp = (rate: number): number => {
    const m = Math.imul(s1, 5);
    const x = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return -Math.log(((x >>> 0) + 0.5) / 4_294_967_296) / rate;
  };

  // Event heap ordered by (time, sequence): at most `servers` departures + one pending arrival.
  const cap = servers + 2;
  const hTime = new Float64Array(cap);
  const hSeq = new Float64Array(cap);
  const hKind = new Int32Array(cap);
  let size = 0;
  let seq = 0;
  const less = (a: number, b: number): boolean => hTime[a]! < hTime[b]! || (hTime[a] === hTime[b] && hSeq[a]! < hSeq[b]!);
  const swap = (a: number, b: number): void => {
    const t = hTime[a]!,
      q = hSeq[a]!,
      k = hKind[a]!;
    hTime[a] = hTime[b]!;
    hSeq[a] = hSeq[b]!;
    hKind[a] = hKind[b]!;
    hTime[b] = t;
    hSeq[b] = q;
    hKind[b] = k;
  };
  const push = (time: number, kind: number): void => {
    let i = size++;
    hTime[i] = time;
    hSeq[i] = seq++;
    hKind[i] = kind;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const popToRoot = (): void => {
    // Removes the root, moving the last element down.
    size--;
    if (size === 0) return;
    swap(0, size);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
      if (!less(m, i)) break;
      swap(i, m);
      i = m;
    }
  };

  // FIFO of waiting customers' arrival times: a ring buffer that grows when full.
  let queue = new Float64Array(1024);
  let qHead = 0;
  let qLen = 0;
  let busy = 0;
  let arrived = 0;
  let events = 0;
  let waitSum = 0;
  push(exp(arrivalRate), ARRIVE);
  while (size > 0) {
    const now = hTime[0]!;
    const kind = hKind[0]!;
    popToRoot();
    events++;
    if (kind === ARRIVE) {
      arrived++;
      if (arrived < customers) push(now + exp(arrivalRate), ARRIVE);
      if (busy < servers) {
        busy++;
        push(now + exp(serviceRate), DEPART);
      } else {
        if (qLen === queue.length) {
          const bigger = new Float64Array(queue.length * 2);
          for (let i = 0; i < qLen; i++) bigger[i] = queue[(qHead + i) % queue.length]!;
          queue = bigger;
          qHead = 0;
        }
        queue[(qHead + qLen++) % queue.length] = now;
      }
    } else if (qLen > 0) {
      waitSum += now - queue[qHead]!;
      qHead = (qHead + 1) % queue.length;
      qLen--;
      push(now + exp(serviceRate), DEPART);
    } else {
      busy--;
    }
  }
  return { events, meanWait: waitSum / customers };
}
