/**
 * Benchmark: a day's Secure baseline taken by its server two ways, interleaved under tinybench in one
 * process — every arrival replayed (`attachArrivals` alone) or the seconds the scheduled work leaves
 * untouched copied from the arrivals-alone record (`attachArrivals` with `arrivalsAlone`, what a
 * comparison does). The scheduled work is one offer per SR at its activation and one 20 s later (a
 * stand-in for its response), for a few placements. Both must keep identical books (checked here, and
 * property-tested in test/engine/rate-server-arrivals.test.ts); the figure is the ratio of the medians.
 * The record is built once per baseline, untimed (a comparison task builds it once for its placements).
 * Writes reports/bench/baseline-copy.json.
 *
 *   npx tsx bench/experiments/baseline-copy.ts [--rounds 5]
 */
import { Bench } from 'tinybench';
import { arrivalsAlone, KeyedRng, RateServer, TICKS_PER_S } from '../../src/engine/index.js';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import { baselineArrivalTicks } from '../../src/sim/baseline.js';
import { setupCapacity } from '../../src/sim/capacities.js';
import { prepareDay } from '../../src/workload/day.js';
import { meanMs } from '../interleave.js';
import { intArg, median, writeReport } from '../report.js';

const rounds = intArg('rounds', 5);
const RESPONSE_AFTER = 20 * TICKS_PER_S;

/** Activation ticks and, 20 s after each, a second offer: in time order. */
function scheduledOffers(activations: Float64Array): Float64Array {
  const n = activations.length;
  const out = new Float64Array(2 * n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < 2 * n; k++) {
    const a = i < n ? (activations[i] as number) : Infinity;
    const r = j < n ? (activations[j] as number) + RESPONSE_AFTER : Infinity;
    if (a <= r) {
      out[k] = a;
      i++;
    } else {
      out[k] = r;
      j++;
    }
  }
  return out;
}

function takeDay(capacityPerS: Float64Array, ticks: Float64Array, offers: Float64Array, alone?: ReturnType<typeof arrivalsAlone>): RateServer {
  const server = new RateServer({ capacityPerS, overflow: 'queue', classes: 2 });
  server.attachArrivals(ticks, 0, alone);
  const last = capacityPerS.length * TICKS_PER_S - 1;
  for (const t of offers) if (t <= last) server.offer(t, 1, 1);
  server.offerArrivalsUntil(last);
  return server;
}

const rows = [];
for (const name of ['p1-peak-window', 'p3-late-evening', 'p5-whole-day']) {
  const s = await loadScenarioOrThrow(`models/${name}.yaml`);
  const rng = new KeyedRng(s.seed, 0);
  const offers = scheduledOffers(Float64Array.from(prepareDay(s, rng).srs.activationTicks));
  const secure = s.capacities.find((c) => c.baseline.mode === 'discrete');
  if (!secure) throw new Error(`${name}: no discrete baseline`);
  const capacityPerS = setupCapacity(s, secure, rng).server.capacityPerS;
  const ticks = baselineArrivalTicks(secure.baseline, rng, 1, capacityPerS.length);
  const alone = arrivalsAlone(capacityPerS, ticks);
  const a = takeDay(capacityPerS, ticks, offers);
  const b = takeDay(capacityPerS, ticks, offers, alone);
  const same = [a.offeredPerS, a.carriedPerS].every((per, k) => per.every((arr, c) => arr.every((v, x) => Object.is(v, ([b.offeredPerS, b.carriedPerS][k] as Float64Array[])[c]?.[x]))));
  if (!same) throw new Error(`${name}: the copied books differ from the replayed ones`);
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  for (let r = 0; r < rounds; r++) {
    bench.add(`replayed #${r}`, () => void takeDay(capacityPerS, ticks, offers));
    bench.add(`copied #${r}`, () => void takeDay(capacityPerS, ticks, offers, alone));
  }
  await bench.run();
  const ms = (prefix: string) => median(Array.from({ length: rounds }, (_, r) => meanMs(bench, `${prefix} #${r}`)));
  const replayedMs = ms('replayed');
  const copiedMs = ms('copied');
  rows.push({
    model: name,
    arrivals: ticks.length,
    scheduledOffers: offers.length,
    secondsCopied: b.secondsCopied,
    horizonS: capacityPerS.length,
    replayedMs,
    copiedMs,
    copiedOverReplayed: copiedMs / replayedMs,
  });
  console.log(
    `${name}: ${ticks.length} arrivals, ${offers.length} offers; replayed ${replayedMs.toFixed(0)} ms, copied ${copiedMs.toFixed(0)} ms ` +
      `(${b.secondsCopied} of ${capacityPerS.length} s copied; copied ÷ replayed ${(copiedMs / replayedMs).toFixed(2)}, medians of ${rounds})`,
  );
}
console.log(`written ${writeReport('baseline-copy', { rounds, rows })}`);
