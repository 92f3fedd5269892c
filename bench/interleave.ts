/**
 * Runs a subject and the calibration kernel interleaved under tinybench — kernel, subject, kernel,
 * subject, …, kernel — one call per tinybench task, and reports medians. The ratio is the median of
 * the per-round ratios (subject ÷ the mean of the kernel runs just before and just after it), so a
 * machine that slows down or speeds up during the run moves both sides of each ratio together.
 *
 * Every task is declared sync or async when added: tinybench otherwise calls a task once, untimed, to
 * find out whether it returns a promise — which ran every kernel and every subject twice.
 */
import { Bench } from 'tinybench';
import { KERNEL_CUSTOMERS, runKernel } from './calibration.js';
import { median } from './report.js';

/** One timed call; returns (or resolves to) the number of events it processed. */
export type EventsFn = () => number | Promise<number>;

/**
 * Events of one timed kernel call (an arrival and a departure per customer). A subject that has no
 * events of its own (a summary, a report) returns this per call, so its "events/s" is kernel-call
 * equivalents and its ratio is kernel call time ÷ subject call time.
 */
export const KERNEL_CALL_EVENTS = 2 * KERNEL_CUSTOMERS;

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
export async function interleaveWithKernel(subject: EventsFn, rounds: number, warmup?: () => unknown): Promise<Interleaved> {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer ≥ 1, got ${rounds}`);
  runKernel({ customers: KERNEL_CUSTOMERS / 10 });
  await warmup?.();
  const bench = new Bench({ time: 0, iterations: 1, warmup: false, throws: true });
  const kernelEvents: number[] = [];
  const subjectEvents: number[] = [];
  // The subject is awaited (one microtask turn inside its timing: nothing beside calls of 0.3 s and more).
  const kernel = (k: number) =>
    bench.add(
      `kernel #${k}`,
      () => {
        kernelEvents[k] = runKernel({ customers: KERNEL_CUSTOMERS, seed: k + 1 }).events;
      },
      { async: false },
    );
  for (let r = 0; r < rounds; r++) {
    kernel(r);
    bench.add(
      `subject #${r}`,
      async () => {
        subjectEvents[r] = await subject();
      },
      { async: true },
    );
  }
  kernel(rounds);
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
