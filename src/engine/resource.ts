/**
 * A pool of identical servers with a FIFO wait queue (SimPy's `Resource`), for entities that are
 * integer ids. It only keeps the books; the caller schedules service and calls `release()` on
 * completion, then starts the entity it returns.
 *
 * The queue is a ring buffer in an Int32Array that doubles when full:
 *
 *   ring:  [ . . c d e . . . ]     head → oldest waiter (c), tail = head + queueLength (mod capacity)
 */
export class Resource {
  readonly servers: number;
  /** Servers currently held. */
  inUse = 0;
  /** Entities waiting. */
  queueLength = 0;
  private ring = new Int32Array(64); // capacity stays a power of two, so `& (length - 1)` wraps
  private head = 0;

  /** @throws RangeError unless servers is a positive integer. */
  constructor(servers: number) {
    if (!Number.isSafeInteger(servers) || servers <= 0) {
      throw new RangeError(`Resource: servers must be a positive integer, got ${servers}`);
    }
    this.servers = servers;
  }

  /**
   * Asks for a server for entity (an integer in [0, 2^31)).
   * @returns true if a server was free and is now held; false if the entity joined the queue.
   */
  request(entity: number): boolean {
    if (!((entity | 0) === entity && entity >= 0)) {
      throw new RangeError(`Resource.request: entity must be an integer in [0, 2^31), got ${entity}`);
    }
    if (this.inUse < this.servers) {
      this.inUse++;
      return true;
    }
    if (this.queueLength === this.ring.length) this.grow();
    this.ring[(this.head + this.queueLength) & (this.ring.length - 1)] = entity;
    this.queueLength++;
    return false;
  }

  /**
   * Gives back one server. If anyone waits, the server passes straight to the oldest waiter
   * (inUse unchanged) and that entity is returned; otherwise returns -1.
   * @throws Error if no server is in use.
   */
  release(): number {
    if (this.inUse === 0) throw new Error('Resource.release: no server is in use');
    if (this.queueLength === 0) {
      this.inUse--;
      return -1;
    }
    const entity = this.ring[this.head]!;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.queueLength--;
    return entity;
  }

  private grow(): void {
    // Unroll the ring so the oldest waiter sits at index 0 of the new buffer.
    const old = this.ring;
    const next = new Int32Array(old.length * 2);
    next.set(old.subarray(this.head));
    next.set(old.subarray(0, this.head), old.length - this.head);
    this.ring = next;
    this.head = 0;
  }
}
