/**
 * What a rate server does with a stream of single-unit arrivals alone (a discrete baseline without
 * any scheduled work), second by second: built once and shared by every server that attaches the
 * same arrivals at the same capacities, so each can copy the stretches its own work leaves untouched
 * instead of replaying them unit by unit (`RateServer.attachArrivals`).
 *
 * A second x is *clean* when the arrivals-alone server, having taken every arrival before x, is idle
 * since an earlier second (its pointer in a second before x). When a server with extra work is also
 * idle since an earlier second at the first arrival of a clean second a, both restart from that
 * arrival's own instant and then do the same arithmetic on the same arrivals until the extra work's
 * next offer. So for a clean second b up to that offer's second, the books of seconds [a, b) are
 * exactly the arrivals-alone ones (no other work reaches them), and so is the pointer at the start of b.
 *
 *   arrivals   |·· · ·|·  ··  |···   ·|· ·  ↓ offer      seconds a … b clean: copy a … b−1, pointer at b
 */
import type { ArrivalsAlone } from './arrivals-alone-record.js';
import { RateServer } from './rate-server.js';
import { TICKS_PER_S } from './time.js';

/**
 * Replays `ticks` (ordered integer ticks inside the horizon) through a queueing server with these
 * capacities and records, per second, its books and its pointer before the second's first arrival.
 * @throws RangeError like `RateServer.offerUnitsUntil` for ticks out of order or past the horizon.
 */
export function arrivalsAlone(capacityPerS: Float64Array, ticks: Float64Array): ArrivalsAlone {
  const h = capacityPerS.length;
  const server = new RateServer({ capacityPerS, overflow: 'queue', classes: 1 });
  const first = new Int32Array(h + 1);
  const lastClean = new Int32Array(h);
  const pointerSecond = new Int32Array(h);
  const pointerUsed = new Float64Array(h);
  let i = 0;
  let clean = -1;
  for (let x = 0; x < h; x++) {
    first[x] = i;
    const [second, used] = server.pointer;
    pointerSecond[x] = second;
    pointerUsed[x] = used;
    if (second < x) clean = x;
    lastClean[x] = clean;
    i = server.offerUnitsUntil(ticks, i, ticks.length, (x + 1) * TICKS_PER_S - 1, 0);
  }
  first[h] = i;
  if (i < ticks.length) server.offerUnitsUntil(ticks, i, ticks.length, Infinity, 0); // throws: past the horizon
  return {
    capacityPerS: Float64Array.from(capacityPerS),
    ticks,
    first,
    offered: server.offeredPerS[0] as Float64Array,
    carried: server.carriedPerS[0] as Float64Array,
    lastClean,
    pointerSecond,
    pointerUsed,
  };
}
