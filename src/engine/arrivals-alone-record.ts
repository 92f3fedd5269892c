/**
 * The record of what a rate server does with a stream of single-unit arrivals alone, second by second
 * (built by arrivals-alone.ts, read by RateServer.attachArrivals): its own file, so that neither of
 * those two imports the other back.
 */
export interface ArrivalsAlone {
  /** The capacities and arrivals it was built for (a server attaching it must have the same). */
  readonly capacityPerS: Float64Array;
  readonly ticks: Float64Array;
  /** first[x]: index of the first arrival in second x or later; first[horizon] = ticks.length. */
  readonly first: Int32Array;
  /** Units offered and carried in each second. */
  readonly offered: Float64Array;
  readonly carried: Float64Array;
  /** The latest clean second ≤ x, or −1. */
  readonly lastClean: Int32Array;
  /** The pointer (second, units used in it) at the start of second x: after every arrival before x. */
  readonly pointerSecond: Int32Array;
  readonly pointerUsed: Float64Array;
}
