/**
 * The future-event list: a binary min-heap over parallel typed arrays, grown by doubling.
 *
 * Tie rule — the whole of the engine's determinism: events leave in order of the total key
 *   (timeTick, priority, seq)
 * earliest time first; at the same tick, lower priority first; at the same (tick, priority), the
 * event pushed first (seq is this queue's insertion counter, so no two keys are equal).
 * Priority and seq travel as one number, `order = priority · 2^44 + seq`, so a tie on time costs one
 * comparison. Because seq only grows, pushing an extra event never reorders the others.
 *
 *   slot:     0    1    2    3    4  …      children of slot i: 2i+1, 2i+2
 *   timeTick  t0   t1   t2   t3   t4        (timeTick, order) of a parent ≤ those of its children
 *   order     o0   o1   o2   o3   o4
 *   payload   p0   p1   p2   p3   p4        an integer < 2^53 that the caller packs
 *
 * Typed-array reads carry `!`: every index is < size by construction.
 */

/** seq occupies the low 44 bits of `order`; priority (< 256) the bits above: order < 2^52, exact. */
const SEQ_SPAN = 2 ** 44;

/** The `order` part of the key: what topOrder() returns for an event of this priority and seq. */
export function orderOf(priority: number, seq: number): number {
  return priority * SEQ_SPAN + seq;
}

export class EventQueue {
  size = 0;
  private timeTick: Float64Array;
  private order: Float64Array;
  private payload: Float64Array;
  private seq = 0;

  constructor(initialCapacity = 1024) {
    this.timeTick = new Float64Array(initialCapacity);
    this.order = new Float64Array(initialCapacity);
    this.payload = new Float64Array(initialCapacity);
  }

  /** Priority is an integer in [0, 256); the caller validates (the simulator does, once per event). */
  push(timeTick: number, priority: number, payload: number): void {
    this.pushOrdered(timeTick, this.nextOrder(priority), payload);
  }

  /** Takes the next insertion number: the `order` an event of this priority pushed now would get. */
  nextOrder(priority: number): number {
    if (this.seq === SEQ_SPAN) throw new RangeError(`EventQueue: more than 2^44 insertions`);
    return orderOf(priority, this.seq++);
  }

  /** Pushes an event whose order was taken earlier with `nextOrder` (events parked outside the heap). */
  pushOrdered(timeTick: number, order: number, payload: number): void {
    if (this.size === this.timeTick.length) this.grow();
    const times = this.timeTick;
    const orders = this.order;
    const payloads = this.payload;
    // Sift up: move the hole towards the root while the parent's key is larger.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeTick || (pt === timeTick && orders[parent]! < order)) break;
      times[i] = pt;
      orders[i] = orders[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = timeTick;
    orders[i] = order;
    payloads[i] = payload;
  }

  /** Key and payload of the earliest event; only meaningful while size > 0. */
  topTimeTick(): number {
    return this.timeTick[0]!;
  }
  topOrder(): number {
    return this.order[0]!;
  }
  topPriority(): number {
    return Math.floor(this.order[0]! / SEQ_SPAN);
  }
  topPayload(): number {
    return this.payload[0]!;
  }

  /** Removes the earliest event (read it first with the top… methods). */
  pop(): void {
    const n = --this.size;
    if (n <= 0) {
      this.size = 0;
      return;
    }
    const times = this.timeTick;
    const orders = this.order;
    const payloads = this.payload;
    // Sift the last event down from the root, moving the smaller child up into the hole.
    const t = times[n]!;
    const o = orders[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && orders[right]! < orders[child]!)) child = right;
      }
      const ct = times[child]!;
      if (t < ct || (t === ct && o < orders[child]!)) break;
      times[i] = ct;
      orders[i] = orders[child]!;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = t;
    orders[i] = o;
    payloads[i] = payloads[n]!;
  }

  private grow(): void {
    const capacity = Math.max(16, this.timeTick.length * 2);
    this.timeTick = copyInto(new Float64Array(capacity), this.timeTick);
    this.order = copyInto(new Float64Array(capacity), this.order);
    this.payload = copyInto(new Float64Array(capacity), this.payload);
  }
}

function copyInto(target: Float64Array, source: Float64Array): Float64Array {
  target.set(source);
  return target;
}
