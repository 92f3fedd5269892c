/**
 * Benchmark: the full default day (2.7M SRs, retries on, discrete Secure baseline) in one thread.
 * Prints events/s, wall time per day and peak RSS; writes reports/bench/day.json.
 *
 *   npx tsx bench/day.ts [model] [--iterations N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { runReplication } from '../src/sim/run-replication.js';

const args = process.argv.slice(2);
const iterArg = args.indexOf('--iterations');
const iterations = iterArg >= 0 ? Number(args[iterArg + 1]) : 3;
const model = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--iterations') ?? 'models/mp192-baseline.yaml');
const scenario = await loadScenarioOrThrow(model);

let events = 0;
let srs = 0;
let replication = 0;
const bench = new Bench({ time: 0, iterations, warmup: false });
bench.add('full default day, one thread', () => {
  const r = runReplication(scenario, { seed: scenario.seed, replication: replication++ });
  events = r.counters.events;
  srs = r.counters.activated;
});
await bench.run();
const task = bench.tasks[0];
const result = task?.result as { latency?: { mean: number; min: number } } | undefined;
const meanMs = result?.latency?.mean ?? Number.NaN;
const minMs = result?.latency?.min ?? Number.NaN;
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
const out = {
  benchmark: 'day',
  model,
  iterations,
  srs,
  eventsPerDay: events,
  eventsPerSr: events / srs,
  wallMsMean: meanMs,
  wallMsMin: minMs,
  eventsPerSecond: events / (meanMs / 1000),
  eventsPerSecondBest: events / (minMs / 1000),
  peakRssMiB: peakRssBytes / 2 ** 20,
  node: process.version,
  date: new Date().toISOString(),
};
mkdirSync(join('reports', 'bench'), { recursive: true });
writeFileSync(join('reports', 'bench', 'day.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `day: ${srs.toLocaleString('en-GB')} SRs, ${events.toLocaleString('en-GB')} events (${out.eventsPerSr.toFixed(2)}/SR); ` +
    `wall ${(meanMs / 1000).toFixed(2)} s mean (${(minMs / 1000).toFixed(2)} s best); ` +
    `${(out.eventsPerSecond / 1e6).toFixed(2)}M events/s (${(out.eventsPerSecondBest / 1e6).toFixed(2)}M best); peak RSS ${out.peakRssMiB.toFixed(0)} MiB`,
);
