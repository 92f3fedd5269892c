/**
 * An event-trace fingerprint: a hash of every delivered (time, kind, entity), in delivery order.
 * Two runs with the same fingerprint delivered the same events in the same order; tests keep the
 * fingerprints of small reference models as golden values.
 */
import type { EventHandler } from '../engine/index.js';

export class TracingHandler implements EventHandler {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  events = 0;

  /** The inner handler's warm, when it has one: tracing changes nothing the simulator does. */
  readonly warm?: (kind: number, entity: number) => number;

  constructor(private readonly inner: EventHandler) {
    if (inner.warm !== undefined) this.warm = (kind, entity) => inner.warm!(kind, entity);
  }

  handle(kind: number, entity: number, timeTick: number): void {
    this.mix(timeTick % 0x1_0000_0000);
    this.mix(Math.floor(timeTick / 0x1_0000_0000));
    this.mix(kind);
    this.mix(entity);
    this.events++;
    this.inner.handle(kind, entity, timeTick);
  }

  private mix(v: number): void {
    this.a = Math.imul(this.a ^ v, 0x01000193) >>> 0;
    this.b = Math.imul((this.b ^ v) + (this.b << 6) + (this.b >>> 2), 0x5bd1e995) >>> 0;
  }

  /** 64 bits of hash as 16 hex digits, and the number of events it covers. */
  fingerprint(): string {
    return `${this.a.toString(16).padStart(8, '0')}${this.b.toString(16).padStart(8, '0')}:${this.events}`;
  }
}
