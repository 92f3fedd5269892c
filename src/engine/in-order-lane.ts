/**
 * A FIFO of events that arrive already in key order — e.g. the finishes of a FIFO server, which
 * never decrease — so they skip the heap: O(1) in and out instead of O(log n). The event queue
 * merges its head with the heap's top by the same (time, order) key, so the total order is exactly
 * the heap's. An event that would break the lane's order goes to the heap instead.
 */
export class InOrderLane {
  size = 0;
  private head = 0;
  private timeTick = new Float64Array(1024);
  private order = new Float64Array(1024);
  private payload = new Float64Array(1024);
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastOrder = Number.NEGATIVE_INFINITY;

  /** True when (time, order) is not before the lane's last event, so appending keeps it sorted. */
  accepts(timeTick: number, order: number): boolean {
    return timeTick > this.lastTime || (timeTick === this.lastTime && order > this.lastOrder);
  }

  push(timeTick: number, order: number, payload: number): void {
    if (this.size === this.timeTick.length) this.grow();
    const at = (this.head + this.size) & (this.timeTick.length - 1);
    this.timeTick[at] = timeTick;
    this.order[at] = order;
    this.payload[at] = payload;
    this.size++;
    this.lastTime = timeTick;
    this.lastOrder = order;
  }

  headTime(): number {
    return this.timeTick[this.head]!;
  }
  headOrder(): number {
    return this.order[this.head]!;
  }
  headPayload(): number {
    return this.payload[this.head]!;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.timeTick.length - 1);
    this.size--;
  }

  /** Doubles the ring (a power of two, so `& (length − 1)` wraps), keeping events in order from 0. */
  private grow(): void {
    const n = this.timeTick.length;
    const unwrap = (a: Float64Array) => {
      const b = new Float64Array(n * 2);
      for (let k = 0; k < this.size; k++) b[k] = a[(this.head + k) & (n - 1)]!;
      return b;
    };
    this.timeTick = unwrap(this.timeTick);
    this.order = unwrap(this.order);
    this.payload = unwrap(this.payload);
    this.head = 0;
  }
}
