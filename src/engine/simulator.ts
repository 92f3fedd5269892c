/**
 * The event loop (SimPy's `Environment`, without processes): a clock, the heap of future events and
 * one pre-sorted stream of arrivals that stays out of the heap.
 *
 * Order is total: (timeTick, priority, seq). The stream counts as inserted before every scheduled
 * event — stream item i has seq i, a scheduled event seq = stream length + its insertion counter —
 * so at equal (time, priority) the stream goes first, and within the stream its index decides.
 * `run` merges the stream's head with the heap's top by that rule, event by event: no arrival is
 * ever copied into the heap (measured: 2× faster, half the memory, versus preloading 2.7M arrivals).
 *
 * An event is (kind < 256, entity < 2^31): plain integers, so delivering one allocates nothing.
 * Entities are state machines in the handler's typed arrays; the handler decides what a kind means.
 */
import { EventQueue, orderOf } from './event-queue.js';
import { FarEvents } from './far-events.js';
import { InOrderLane } from './in-order-lane.js';

/** What `run` delivers events to. Keep one class per simulator so the call site stays monomorphic. */
export interface EventHandler {
  handle(kind: number, entity: number, timeTick: number): void;
  /**
   * Optional: called for each event parked far ahead as it moves into the heap, about a second of
   * simulated time before it is delivered — a chance to read the entity's state so it is in cache by
   * then (JavaScript has no prefetch: loads made back to back overlap, one made on delivery waits).
   * Return anything read (the simulator keeps a sum), so the reads are not optimised away.
   */
  warm?(kind: number, entity: number): number;
}

// kind and entity share one payload number: entity · 256 + kind (< 2^39, exact).
const KIND_SPAN = 256;

export class Simulator {
  /** Current time in ticks: the time of the event being handled, or where the last `run` left it. */
  now = 0;
  /** Events delivered over all `run` calls. */
  eventsProcessed = 0;
  private readonly queue = new EventQueue();
  private readonly far = new FarEvents();
  private readonly lane = new InOrderLane();
  private streamTimesTick: Float64Array = new Float64Array(0);
  private streamNext = 0;
  private streamKind = 0;
  private streamOrder = 0; // order key shared by all stream items
  private stopRequested = false;
  private running = false;
  private readonly warmParked: boolean;

  /**
   * @param opts.warm whether `run` hands parked events to the handler's `warm` before delivering them
   *   (default true). Delivery and results are the same either way; off only to measure what it saves.
   */
  constructor(opts: { warm?: boolean } = {}) {
    this.warmParked = opts.warm ?? true;
  }
  /** Sum of what `warm` returned: kept so its reads stay. */
  private warmed = 0;

  /** Events still to deliver: scheduled ones plus the rest of the stream. */
  get pending(): number {
    return this.queue.size + this.lane.size + this.far.size + (this.streamTimesTick.length - this.streamNext);
  }

  /**
   * Schedules (kind, entity) at timeTick. priority breaks ties at the same tick, lower first.
   * @throws RangeError if timeTick is not an integer ≥ now, or priority/kind ∉ [0, 256), entity ∉ [0, 2^31).
   */
  schedule(timeTick: number, priority: number, kind: number, entity: number): void {
    this.checkEvent(timeTick, priority, kind, entity);
    const queue = this.queue;
    const far = this.far;
    if (timeTick >= far.parkFrom && far.size === 0) far.catchUp(this.now);
    if (timeTick < far.parkFrom) queue.push(timeTick, priority, entity * KIND_SPAN + kind);
    else far.park(timeTick, queue.nextOrder(priority), entity * KIND_SPAN + kind);
  }

  /** @throws RangeError unless timeTick is an integer ≥ now, priority and kind ∈ [0, 256), entity ∈ [0, 2^31). */
  private checkEvent(timeTick: number, priority: number, kind: number, entity: number): void {
    // `(x & 255) === x` holds exactly for the integers 0..255 (NaN, fractions, negatives fail).
    if (!(timeTick >= this.now && Number.isSafeInteger(timeTick)) || (priority & 255) !== priority || (kind & 255) !== kind || !((entity | 0) === entity && entity >= 0)) {
      throw scheduleError(this.now, timeTick, priority, kind, entity);
    }
  }

  /**
   * Like `schedule`, for events that usually come in time order (the finishes of a FIFO server): they
   * queue in O(1) in the in-order lane, and fall back to the heap when one would break its order.
   * Delivery order is exactly the one `schedule` would give.
   */
  scheduleInOrder(timeTick: number, priority: number, kind: number, entity: number): void {
    this.checkEvent(timeTick, priority, kind, entity);
    const order = this.queue.nextOrder(priority);
    if (this.lane.accepts(timeTick, order)) this.lane.push(timeTick, order, entity * KIND_SPAN + kind);
    else this.queue.pushOrdered(timeTick, order, entity * KIND_SPAN + kind);
  }

  /**
   * Sets the stream: item i is delivered as (kind, entity = i) at timesTick[i]. The array is read in
   * place, not copied — do not change it while the simulator runs.
   * @throws RangeError naming the first index that is not an integer tick ≥ now or is out of order;
   *   Error if called during `run` or while an earlier stream still has items to deliver.
   */
  setStream(timesTick: Float64Array, kind: number, priority: number): void {
    if (this.running) throw new Error('setStream: not allowed while run() is in progress');
    const left = this.streamTimesTick.length - this.streamNext;
    if (left > 0) throw new Error(`setStream: the current stream still has ${left} events to deliver`);
    if ((kind & 255) !== kind) throw new RangeError(`setStream: kind must be an integer in [0, 256), got ${kind}`);
    if ((priority & 255) !== priority) {
      throw new RangeError(`setStream: priority must be an integer in [0, 256), got ${priority}`);
    }
    if (timesTick.length > 2 ** 31) throw new RangeError(`setStream: at most 2^31 items, got ${timesTick.length}`);
    let previous = this.now;
    for (let i = 0; i < timesTick.length; i++) {
      const t = timesTick[i]!;
      if (!Number.isSafeInteger(t) || t < previous) {
        const what = i === 0 ? `now (${this.now})` : `timesTick[${i - 1}] (${previous})`;
        throw new RangeError(`setStream: timesTick[${i}] = ${t} must be an integer tick ≥ ${what}`);
      }
      previous = t;
    }
    this.streamTimesTick = timesTick;
    this.streamNext = 0;
    this.streamKind = kind;
    this.streamOrder = orderOf(priority, 0); // with `<=` in run(): ahead of scheduled events of equal priority
  }

  /**
   * Delivers events in (time, priority, seq) order until the next one is later than untilTick, both
   * the heap and the stream are empty, or the handler calls `stop()`; later events stay queued.
   * `now` takes each event's time; then, as after SimPy's `run(until)`, it reads untilTick (when
   * finite) — unless `stop()` ended the run, which leaves it at the stopping event's time.
   * @returns the number of events delivered by this call.
   * @throws RangeError if untilTick < now or NaN; Error if called from inside a handler.
   */
  run(handler: EventHandler, untilTick: number): number {
    if (this.running) throw new Error('run: already running (called from inside a handler?)');
    if (!(untilTick >= this.now)) throw new RangeError(`run: untilTick must be ≥ now (${this.now}), got ${untilTick}`);
    const queue = this.queue;
    const far = this.far;
    const lane = this.lane;
    const times = this.streamTimesTick;
    const streamLength = times.length;
    const streamKind = this.streamKind;
    const streamOrder = this.streamOrder;
    const before = this.eventsProcessed;
    const warm =
      handler.warm === undefined || !this.warmParked
        ? undefined
        : (payload: number) => {
            const entity = Math.floor(payload / KIND_SPAN);
            return handler.warm!(payload - entity * KIND_SPAN, entity);
          };
    this.running = true;
    this.stopRequested = false;
    try {
      // Three sources, one order: the stream's head, the in-order lane's head and the heap's top,
      // compared by (time, order); the stream's items count as inserted first.
      while (!this.stopRequested) {
        const i = this.streamNext;
        const st = i < streamLength ? times[i]! : Infinity;
        // Best of heap and lane first, then against the stream.
        let source = 0; // 0 none, 1 heap, 2 lane, 3 stream
        let bt = Infinity;
        let bo = 0;
        if (queue.size > 0) {
          source = 1;
          bt = queue.topTimeTick();
          bo = queue.topOrder();
        }
        if (lane.size > 0) {
          const lt = lane.headTime();
          const lo = lane.headOrder();
          if (source === 0 || lt < bt || (lt === bt && lo < bo)) {
            source = 2;
            bt = lt;
            bo = lo;
          }
        }
        // `<=` on order: at equal (time, priority) the stream counts as inserted first.
        if (i < streamLength && (source === 0 || st < bt || (st === bt && streamOrder <= bo))) source = 3;
        if (far.size > 0) {
          // Bring parked events into the heap before the clock can reach their bucket, then choose again.
          const next = source === 3 ? st : source === 0 ? Infinity : bt;
          if (next >= far.parkFrom) {
            this.warmed += far.release(queue, next, warm);
            continue;
          }
        }
        if (source === 0) break;
        if (source === 3) {
          if (st > untilTick) break;
          this.streamNext = i + 1;
          this.now = st;
          this.eventsProcessed++;
          handler.handle(streamKind, i, st);
          continue;
        }
        if (bt > untilTick) break;
        let payload: number;
        if (source === 1) {
          payload = queue.topPayload();
          queue.pop();
        } else {
          payload = lane.headPayload();
          lane.shift();
        }
        const entity = Math.floor(payload / KIND_SPAN);
        this.now = bt;
        this.eventsProcessed++;
        handler.handle(payload - entity * KIND_SPAN, entity, bt);
      }
      if (!this.stopRequested && untilTick !== Infinity) this.now = untilTick;
    } finally {
      this.running = false;
    }
    return this.eventsProcessed - before;
  }

  /** Ends the current `run` after the event being handled; the next `run` continues from there. */
  stop(): void {
    this.stopRequested = true;
  }
}

function scheduleError(now: number, timeTick: number, priority: number, kind: number, entity: number): RangeError {
  if (!Number.isSafeInteger(timeTick)) return new RangeError(`schedule: timeTick must be an integer tick, got ${timeTick}`);
  if (timeTick < now) return new RangeError(`schedule: timeTick ${timeTick} is before now (${now})`);
  if ((priority & 255) !== priority) return new RangeError(`schedule: priority must be an integer in [0, 256), got ${priority}`);
  if ((kind & 255) !== kind) return new RangeError(`schedule: kind must be an integer in [0, 256), got ${kind}`);
  return new RangeError(`schedule: entity must be an integer in [0, 2^31), got ${entity}`);
}
