/**
 * Runs a subject and the calibration kernel interleaved under tinybench — kernel, subject, kernel,
 * subject, …, kernel — one call per tinybench task, and reports medians. The ratio is the median of
 * the per-round ratios (subject ÷ the mean of the kernel runs just before and just after it), so a
 * machine that slows down or speeds up during the run moves both sides of each ratio together.
 */
import { Bench } from 'tinybench';
import { KERNEL_CUSTOMERS, runKernel } from './calibration.js';
import { median } from './report.js';

/** One timed call; returns the number of events it processed. */
export type EventsFn = () => number;

export interface Interleaved {
  rounds: number;
  /** Median events/s of the subject over the rounds. */
  subjectEventsPerS: number;
  /** Median events/s of the calibration kernel over the rounds. */
  kernelEventsPerS: number;
  /** Median over rounds of subject events/s ÷ its neighbouring kernels' mean events/s. */
  ratio: number;
  /** Events of the subject's last call. */
  subjectEvents: number;
  /** Per-round figures, for the JSON reports. */
  perRound: { subjectEventsPerS: number; kernelEventsPerS: number; subjectMs: number; kernelMs: number }[];
}

/** Mean wall time of a completed tinybench task, ms; throws if it did not complete. */
export function meanMs(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result;
  if (r?.state !== 'completed') throw new Error(`benchmark task ${name} did not complete (${r?.state})`);
  return r.latency.mean;
}

/**
 * @param subject the timed call; runs `rounds` times, once per round
 * @param warmup  an untimed call first (a smaller case of the subject), so neither side is timed cold
 */
export async function interleaveWithKernel(subject: EventsFn, rounds: number, warmup?: () => void): Promise<Interleaved> {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer ≥ 1, got ${rounds}`);
  runKernel({ customers: KERNEL_CUSTOMERS / 10 });
  warmup?.();
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  const kernelEvents: number[] = [];
  const subjectEvents: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bench.add(`kernel #${r}`, () => {
      kernelEvents[r] = runKernel({ customers: KERNEL_CUSTOMERS, seed: r + 1 }).events;
    });
    bench.add(`subject #${r}`, () => {
      subjectEvents[r] = subject();
    });
  }
  bench.add(`kernel #${rounds}`, () => {
    kernelEvents[rounds] = runKernel({ customers: KERNEL_CUSTOMERS, seed: rounds + 1 }).events;
  });
  await bench.run();
  const kernelEps = (k: number) => kernelEvents[k]! / (meanMs(bench, `kernel #${k}`) / 1000);
  const perRound = Array.from({ length: rounds }, (_, r) => {
    const subjectMs = meanMs(bench, `subject #${r}`);
    return {
      kernelMs: meanMs(bench, `kernel #${r}`),
      subjectMs,
      kernelEventsPerS: (kernelEps(r) + kernelEps(r + 1)) / 2,
      subjectEventsPerS: subjectEvents[r]! / (subjectMs / 1000),
    };
  });
  return {
    rounds,
    subjectEventsPerS: median(perRound.map((p) => p.subjectEventsPerS)),
    kernelEventsPerS: median(perRound.map((p) => p.kernelEventsPerS)),
    ratio: median(perRound.map((p) => p.subjectEventsPerS / p.kernelEventsPerS)),
    subjectEvents: subjectEvents[rounds - 1]!,
    perRound,
  };
}
