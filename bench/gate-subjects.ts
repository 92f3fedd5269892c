/**
 * The gate's timed subjects beyond the engine (engine-mmc.ts) and the 500k-SR day (day.ts), each run
 * interleaved with the calibration kernel (interleave.ts) and judged by its ratio to it:
 *
 * - `sr-path-1m`: a day of 1 000 000 SRs of the default model with every discrete baseline made fluid
 *   (the same load, as a reservation of the ceiling instead of arrivals), so every event is an SR event
 *   (activation, attempt, response, alert) — in the 500k-SR day ~90 % of the events are the Secure
 *   baseline's batched arrivals, which hide the SR code. Ratio: events/s ÷ kernel events/s.
 * - `summarise-r2`: `summarise(s, results)` on the two prepared replications of the R = 2 reference
 *   run (the simulation is not timed), SUMMARISE_CALLS calls a round. Ratio: kernel call time ÷ the time
 *   of one summarise call.
 * - `report-files-r2`: `runFiles(s, outcome, info)` (src/app/run-scenario.ts) on the same outcome: every
 *   file of a run's report folder (summary.json/.txt, per-second and per-minute CSVs, report.html,
 *   summary.md, per-cohort.csv and each chart's .vl.json, .svg and .png) made in memory, nothing
 *   written. It is what `srvsim run` waits for between the simulation and the writing, PNG
 *   rasterisation (resvg, about a third of it) included. Ratio: kernel call time ÷ runFiles time.
 */
import { type RunOutcome, runFiles } from '../src/app/run-scenario.js';
import type { Scenario } from '../src/model/types.js';
import type { RunInfo } from '../src/report/index-files.js';
import type { ReplicationResult } from '../src/sim/run-replication.js';
import { summarise } from '../src/stats/summarise.js';
import { measureDay } from './day.js';
import { type Interleaved, interleaveWithKernel, KERNEL_CALL_EVENTS } from './interleave.js';
import { withSrs } from './reference-models.js';

export const SR_PATH_SRS = 1_000_000;
/** summarise calls per timed round (~40 ms each here with R = 2 at 50k SRs: ~0.8 s a round). */
export const SUMMARISE_CALLS = 20;

/** The scenario with every discrete baseline made fluid (a clone; the original is untouched). */
export function fluidBaselines(s: Scenario): Scenario {
  const d = structuredClone(s) as unknown as { capacities: { baseline: { mode: string } }[] };
  for (const c of d.capacities) if (c.baseline.mode === 'discrete') c.baseline.mode = 'fluid';
  return d as unknown as Scenario;
}

/** The SR path alone: `model` (the default model) cut to SR_PATH_SRS, baselines fluid; warmed on a 50k day. */
export function measureSrPath(model: Scenario, rounds: number) {
  const fluid = fluidBaselines(model);
  return measureDay(withSrs(fluid, SR_PATH_SRS), rounds, withSrs(fluid, 50_000));
}

/** The last summary made, kept so no call's result is unused. */
export let lastSummary: unknown;

export function measureSummarise(s: Scenario, results: readonly ReplicationResult[], rounds: number, calls = SUMMARISE_CALLS): Promise<Interleaved> {
  const once = () => {
    lastSummary = summarise(s, results);
  };
  return interleaveWithKernel(
    () => {
      for (let k = 0; k < calls; k++) once();
      return calls * KERNEL_CALL_EVENTS;
    },
    rounds,
    once,
  );
}

/** The outcome and run facts runFiles is given, fixed so every round makes the same files. */
export function reportInputs(s: Scenario, results: readonly ReplicationResult[]): { outcome: RunOutcome; info: RunInfo } {
  return {
    outcome: { summary: summarise(s, results), results, workers: 0 },
    info: { seed: results[0]?.seed ?? s.seed, replications: results.length, workers: 0, toolVersion: 'bench', nodeVersion: process.version, inputs: s.inputs },
  };
}

export function measureReportFiles(s: Scenario, results: readonly ReplicationResult[], rounds: number): Promise<Interleaved> {
  const { outcome, info } = reportInputs(s, results);
  const make = async () => {
    const files = await runFiles(s, outcome, info);
    if (files.length === 0) throw new Error('runFiles made no file');
    return KERNEL_CALL_EVENTS;
  };
  return interleaveWithKernel(make, rounds, make);
}
