/**
 * Engine throughput on the M/M/c reference (c=10, λ=8, μ=1, 1M customers by default): runMmc, i.e.
 * Simulator + Resource + KeyedRng, beside the calibration kernel, interleaved under tinybench.
 * Writes reports/bench/engine-mmc.json { engineEventsPerS, kernelEventsPerS, ratio, … }.
 *
 *   npx tsx bench/engine-mmc.ts [--customers N] [--rounds N]
 */
import { runMmc } from '../src/engine/index.js';
import { interleaveWithKernel } from './interleave.js';
import { intArg, isMain, mEps, writeReport } from './report.js';

export const MMC = { servers: 10, arrivalRate: 8, serviceRate: 1, seed: 1, replication: 0, warmupCustomers: 0 } as const;

/** Engine events/s and its ratio to the kernel, `rounds` interleaved pairs. */
export async function measureEngineMmc(customers = 1_000_000, rounds = 7) {
  let rep = 0;
  return interleaveWithKernel(
    () => runMmc({ ...MMC, customers, replication: rep++ }).events,
    rounds,
    () => runMmc({ ...MMC, customers: customers / 10 }),
  );
}

if (isMain(import.meta.url)) {
  const customers = intArg('customers', 1_000_000);
  const m = await measureEngineMmc(customers, intArg('rounds', 7));
  const file = writeReport('engine-mmc', {
    model: 'M/M/c c=10 λ=8 μ=1',
    customers,
    events: m.subjectEvents,
    engineEventsPerS: m.subjectEventsPerS,
    kernelEventsPerS: m.kernelEventsPerS,
    ratio: m.ratio,
    rounds: m.rounds,
    perRound: m.perRound,
  });
  console.log(
    `engine M/M/c (c=10 λ=8 μ=1, ${customers.toLocaleString('en-GB')} customers): ${mEps(m.subjectEventsPerS)}; ` +
      `kernel ${mEps(m.kernelEventsPerS)}; ratio ${m.ratio.toFixed(3)} (median of ${m.rounds} rounds) → ${file}`,
  );
}
