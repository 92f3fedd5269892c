/**
 * Pooled vs sequential replications of the default model, in the same run: the pool's speed-up, and
 * a check that both give byte-identical summaries (exit 1, loudly, if not).
 * Writes reports/bench/pool.json. Target on the 2-core machine: speed-up ≥ 1.7×.
 *
 *   npm run bench:pool -- [--replications 8] [--workers N] [--model models/mp192-baseline.yaml]
 *   (compiled by bench/tsconfig.build.json into bench/dist first: under tsx the workers run ~2.5× slower)
 *
 * Order: kernel, sequential (workers 0), kernel, pooled (workers = cores), kernel — each side is
 * divided by the median kernel figure of the same run.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { simulateScenario } from '../src/app/run-scenario.js';
import { loadScenarioOrThrow } from '../src/model/load.js';
import type { Scenario } from '../src/model/types.js';
import { KERNEL_CUSTOMERS, runKernel } from './calibration.js';
import { arg, intArg, isMain, median, mEps, warnIfFromSource, writeReport } from './report.js';

export interface TimedRun {
  workers: number;
  wallS: number;
  /** CPU time of the whole process, all threads: with wallS it shows how much of the machine the run got. */
  cpuS: number;
  events: number;
  eventsPerS: number;
  summaryJson: string;
}

/** One run of `replications` replications on `workers` workers (0 = this thread), timed. */
export async function timedRun(s: Scenario, replications: number, workers: number): Promise<TimedRun> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { summary, results } = await simulateScenario(s, { seed: s.seed, replications, workers });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const events = results.reduce((a, r) => a + r.counters.events, 0);
  return { workers, wallS, cpuS: (cpu.user + cpu.system) / 1e6, events, eventsPerS: events / wallS, summaryJson: JSON.stringify(summary) };
}

/** One kernel run's events/s (the kernel is warmed on first use). */
let kernelWarm = false;
export function kernelOnce(seed = 1): number {
  if (!kernelWarm) runKernel({ customers: KERNEL_CUSTOMERS / 10 });
  kernelWarm = true;
  const t0 = performance.now();
  const { events } = runKernel({ customers: KERNEL_CUSTOMERS, seed });
  return events / ((performance.now() - t0) / 1000);
}

if (isMain(import.meta.url)) {
  warnIfFromSource(import.meta.url);
  const replications = intArg('replications', 8);
  const workers = intArg('workers', availableParallelism());
  const model = resolve(arg('model') ?? 'models/mp192-baseline.yaml');
  const s = await loadScenarioOrThrow(model);
  const kernel = [kernelOnce(1)];
  const seq = await timedRun(s, replications, 0);
  kernel.push(kernelOnce(2));
  const pooled = await timedRun(s, replications, workers);
  kernel.push(kernelOnce(3));
  const kernelEventsPerS = median(kernel);
  const identical = seq.summaryJson === pooled.summaryJson;
  const speedup = seq.wallS / pooled.wallS;
  const side = (r: TimedRun) => ({
    workers: r.workers,
    wallS: r.wallS,
    cpuS: r.cpuS,
    cpuPerWallS: r.cpuS / r.wallS, // ≈ cores the run actually got (2 on an idle 2-core machine when pooled)
    events: r.events,
    eventsPerS: r.eventsPerS,
    ratioToKernel: r.eventsPerS / kernelEventsPerS,
  });
  const file = writeReport('pool', {
    model,
    replications,
    sequential: side(seq),
    pooled: side(pooled),
    speedup,
    // Pooling's cost in CPU time: sequential CPU ÷ pooled CPU (1 = free). Other processes on a shared
    // machine lower the wall-clock speed-up but hardly this.
    cpuEfficiency: seq.cpuS / pooled.cpuS,
    target: 1.7,
    meetsTarget: speedup >= 1.7,
    identicalSummaries: identical,
    kernelEventsPerS,
    kernelRuns: kernel,
  });
  console.log(
    `pool: ${replications} replications of ${s.name}: sequential ${seq.wallS.toFixed(1)} s (${mEps(seq.eventsPerS)}), ` +
      `${workers} workers ${pooled.wallS.toFixed(1)} s (${mEps(pooled.eventsPerS)}); speed-up ${speedup.toFixed(2)}× ` +
      `(target ≥ 1.7× on 2 cores: ${speedup >= 1.7 ? 'met' : 'NOT met'}); kernel ${mEps(kernelEventsPerS)}, ` +
      `ratios ${(seq.eventsPerS / kernelEventsPerS).toFixed(3)} / ${(pooled.eventsPerS / kernelEventsPerS).toFixed(3)}; ` +
      `CPU used/wall ${(seq.cpuS / seq.wallS).toFixed(2)} / ${(pooled.cpuS / pooled.wallS).toFixed(2)}, CPU efficiency ${(seq.cpuS / pooled.cpuS).toFixed(2)}; ` +
      `summaries ${identical ? 'byte-identical' : 'DIFFER'} → ${file}`,
  );
  if (!identical) {
    console.error('pool: FAIL — pooled and sequential summaries are not byte-identical; results depend on the worker count');
    process.exit(1);
  }
}
