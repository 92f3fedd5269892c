/**
 * Benchmark: the full default day (2.7M SRs, retries on, discrete Secure baseline) in one thread,
 * interleaved with the calibration kernel. Prints events/s, wall time per day, peak RSS and the
 * ratio to the kernel; writes reports/bench/day.json.
 *
 *   npx tsx bench/day.ts [model] [--iterations N] [--srs N]
 *
 * --srs replaces the model's SRs per day (the gate times a reduced day of 500 000 SRs).
 */
import type { Scenario } from '../src/model/types.js';
import { runReplication } from '../src/sim/run-replication.js';
import { type Interleaved, interleaveWithKernel } from './interleave.js';
import { benchScenario } from './reference-models.js';
import { intArg, isMain, mEps, writeReport } from './report.js';

export interface DayMeasure extends Interleaved {
  srs: number;
}

/** `rounds` days (replications 0, 1, …) interleaved with the kernel; `warmup`, when given, runs a day of it untimed first. */
export async function measureDay(scenario: Scenario, rounds: number, warmup?: Scenario): Promise<DayMeasure> {
  let srs = 0;
  let replication = 0;
  const m = await interleaveWithKernel(
    () => {
      const r = runReplication(scenario, { seed: scenario.seed, replication: replication++ });
      srs = r.counters.activated;
      return r.counters.events;
    },
    rounds,
    warmup && (() => runReplication(warmup, { seed: warmup.seed, replication: 0 })),
  );
  return { ...m, srs };
}

if (isMain(import.meta.url)) {
  const iterations = intArg('iterations', 3);
  const { model, scenario } = await benchScenario();
  const m = await measureDay(scenario, iterations);
  const wall = m.perRound.map((p) => p.subjectMs);
  const meanMs = wall.reduce((a, b) => a + b, 0) / wall.length;
  const minMs = Math.min(...wall);
  const events = m.subjectEvents;
  const peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  const out = {
    model,
    iterations,
    srs: m.srs,
    eventsPerDay: events,
    eventsPerSr: events / m.srs,
    wallMsMean: meanMs,
    wallMsMin: minMs,
    eventsPerSecond: events / (meanMs / 1000),
    eventsPerSecondBest: events / (minMs / 1000),
    eventsPerSecondMedian: m.subjectEventsPerS,
    kernelEventsPerS: m.kernelEventsPerS,
    ratio: m.ratio,
    peakRssMiB,
    perRound: m.perRound,
  };
  const file = writeReport('day', out);
  console.log(
    `day: ${m.srs.toLocaleString('en-GB')} SRs, ${events.toLocaleString('en-GB')} events (${out.eventsPerSr.toFixed(2)}/SR); ` +
      `wall ${(meanMs / 1000).toFixed(2)} s mean (${(minMs / 1000).toFixed(2)} s best); ` +
      `${mEps(out.eventsPerSecond)} (${mEps(out.eventsPerSecondBest)} best); peak RSS ${peakRssMiB.toFixed(0)} MiB; ` +
      `kernel ${mEps(m.kernelEventsPerS)}, ratio ${m.ratio.toFixed(3)} (median of ${m.rounds}) → ${file}`,
  );
}
