/**
 * Benchmark: what the steady state costs. The default model's day as a cold start (`warmupDays` 0: one
 * fired day and its retry tail) and as the steady-state run (`warmupDays` 1: a warm-up day, the measured
 * day, its tail), interleaved under tinybench with the calibration kernel — kernel, cold, steady,
 * kernel, steady, cold, kernel, … (the order alternates so neither side always runs on a warmer
 * machine). Reports each side's wall time and events/s ÷ the kernel's, the median per-round ratio of
 * steady to cold wall time (target ≤ 2), and the process's peak RSS (target ≤ 512 MiB); writes
 * reports/bench/steady-state.json.
 *
 *   npx tsx bench/steady-state.ts [model] [--rounds N] [--srs N]
 */
import { Bench } from 'tinybench';
import type { Scenario } from '../src/model/types.js';
import { runReplication } from '../src/sim/run-replication.js';
import { KERNEL_CUSTOMERS, runKernel } from './calibration.js';
import { meanMs } from './interleave.js';
import { benchScenario, withSrs } from './reference-models.js';
import { intArg, isMain, median, writeReport } from './report.js';

function withWarmup(s: Scenario, warmupDays: number): Scenario {
  return { ...s, day: { ...s.day, warmupDays, measuredDays: 1 } };
}

export interface SteadyStateMeasure {
  rounds: number;
  coldMs: number[];
  steadyMs: number[];
  /** Per round: steady wall ÷ cold wall. */
  wallRatios: number[];
  coldEventsPerS: number;
  steadyEventsPerS: number;
  kernelEventsPerS: number;
  coldEvents: number;
  steadyEvents: number;
}

export async function measureSteadyState(model: Scenario, rounds: number): Promise<SteadyStateMeasure> {
  const cold = withWarmup(model, 0);
  const steady = withWarmup(model, 1);
  runKernel({ customers: KERNEL_CUSTOMERS / 10 });
  runReplication(withSrs(steady, 50_000), { seed: 1, replication: 0 }); // neither side timed cold
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  const events: Record<string, number> = {};
  const kernelEvents: number[] = [];
  const kernel = (k: number) => bench.add(`kernel #${k}`, () => void (kernelEvents[k] = runKernel({ customers: KERNEL_CUSTOMERS, seed: k + 1 }).events), { async: false });
  const side = (name: 'cold' | 'steady', r: number) =>
    bench.add(
      `${name} #${r}`,
      () => {
        events[name] = runReplication(name === 'cold' ? cold : steady, { seed: model.seed, replication: r }).counters.events;
      },
      { async: false },
    );
  for (let r = 0; r < rounds; r++) {
    kernel(r);
    if (r % 2 === 0) {
      side('cold', r);
      side('steady', r);
    } else {
      side('steady', r);
      side('cold', r);
    }
  }
  kernel(rounds);
  await bench.run();
  const coldMs = Array.from({ length: rounds }, (_, r) => meanMs(bench, `cold #${r}`));
  const steadyMs = Array.from({ length: rounds }, (_, r) => meanMs(bench, `steady #${r}`));
  const kernelEps = Array.from({ length: rounds + 1 }, (_, k) => (kernelEvents[k] as number) / (meanMs(bench, `kernel #${k}`) / 1000));
  return {
    rounds,
    coldMs,
    steadyMs,
    wallRatios: steadyMs.map((s, r) => s / (coldMs[r] as number)),
    coldEventsPerS: median(coldMs.map((ms) => (events.cold as number) / (ms / 1000))),
    steadyEventsPerS: median(steadyMs.map((ms) => (events.steady as number) / (ms / 1000))),
    kernelEventsPerS: median(kernelEps),
    coldEvents: events.cold as number,
    steadyEvents: events.steady as number,
  };
}

if (isMain(import.meta.url)) {
  const rounds = intArg('rounds', 3);
  const { model, scenario } = await benchScenario();
  const m = await measureSteadyState(scenario, rounds);
  const peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  const ratio = median(m.wallRatios);
  const out = { model, ...m, wallRatio: ratio, coldRatioToKernel: m.coldEventsPerS / m.kernelEventsPerS, steadyRatioToKernel: m.steadyEventsPerS / m.kernelEventsPerS, peakRssMiB };
  const file = writeReport('steady-state', out);
  const s = (ms: number[]) => `${(median(ms) / 1000).toFixed(2)} s`;
  console.log(
    `steady state: cold ${s(m.coldMs)} (${(m.coldEvents / 1e6).toFixed(2)}M events), steady ${s(m.steadyMs)} (${(m.steadyEvents / 1e6).toFixed(2)}M events); ` +
      `steady ÷ cold wall ${ratio.toFixed(2)} (median of ${rounds}; target ≤ 2); events/s ÷ kernel: cold ${out.coldRatioToKernel.toFixed(3)}, steady ${out.steadyRatioToKernel.toFixed(3)}; ` +
      `peak RSS ${peakRssMiB.toFixed(0)} MiB (target ≤ 512) → ${file}`,
  );
}
