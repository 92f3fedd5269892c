/**
 * Pool scaling: the same R replications on each of a list of worker counts, in one run; wall time,
 * events/s, speed-up over the first count listed (1 by default), efficiency, and the ratio to the
 * one-core calibration kernel measured before each count. Every count must give byte-identical
 * summaries (exit 1 otherwise). Made for the 16-core device (bench/device-scaling.sh); runs anywhere:
 *
 *   npm run bench:scaling -- --replications 2 --workers 1,2        (small, here; compiled first)
 *   node build/bench/scaling.js --replications 16 --workers 1,2,4,8,16 --out $OUT/scaling.json
 *
 * Options: --model FILE (default models/mp192-baseline.yaml), --srs N (SRs per day instead of the
 * model's), --out FILE (default reports/bench/scaling.json).
 */
import { resolve } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { kernelOnce, type TimedRun, timedRun } from './pool.js';
import { withSrs } from './reference-models.js';
import { arg, intArg, isMain, median, warnIfFromSource, writeReport } from './report.js';

/** A hand-written JS simulation of a simpler model sharded the same way, measured earlier on 16 cores. */
export const REFERENCE = { speedup: { 1: 1, 2: 1.91, 4: 3.13, 8: 5.9, 16: 9.14 } as Record<number, number>, eventsPerSPerCore: 5.2e6 };

export function parseWorkers(list: string): number[] {
  const ws = list.split(',').map((w) => Number(w.trim()));
  if (ws.length === 0 || ws.some((w) => !Number.isInteger(w) || w < 0)) throw new Error(`--workers must list integers ≥ 0, got ${list}`);
  return ws;
}

export interface ScalingRow {
  workers: number;
  wallS: number;
  /** Process CPU time ÷ wall time: the cores the run actually got. */
  cpuPerWallS: number;
  events: number;
  eventsPerS: number;
  speedup: number;
  efficiency: number;
  kernelEventsPerS: number;
  ratioToKernel: number;
  referenceSpeedup: number | null;
}

export function scalingRows(runs: readonly (TimedRun & { kernelEventsPerS: number })[]): ScalingRow[] {
  const base = runs[0]!;
  return runs.map((r) => {
    const speedup = base.wallS / r.wallS;
    return {
      workers: r.workers,
      wallS: r.wallS,
      cpuPerWallS: r.cpuS / r.wallS,
      events: r.events,
      eventsPerS: r.eventsPerS,
      speedup,
      efficiency: speedup / Math.max(1, r.workers),
      kernelEventsPerS: r.kernelEventsPerS,
      ratioToKernel: r.eventsPerS / r.kernelEventsPerS,
      referenceSpeedup: REFERENCE.speedup[r.workers] ?? null,
    };
  });
}

export function formatScaling(rows: readonly ScalingRow[]): string {
  const head = 'workers   wall s   CPU/wall   M events/s   speed-up   efficiency   ÷ kernel   reference';
  const lines = rows.map(
    (r) =>
      `${String(r.workers).padStart(7)}  ${r.wallS.toFixed(1).padStart(7)}  ${r.cpuPerWallS.toFixed(2).padStart(9)}  ${(r.eventsPerS / 1e6).toFixed(2).padStart(11)}  ` +
      `${`${r.speedup.toFixed(2)}×`.padStart(9)}  ${`${(r.efficiency * 100).toFixed(0)}%`.padStart(11)}  ` +
      `${r.ratioToKernel.toFixed(2).padStart(9)}  ${r.referenceSpeedup === null ? '—' : `${r.referenceSpeedup.toFixed(2)}×`}`,
  );
  return [head, ...lines].join('\n');
}

if (isMain(import.meta.url)) {
  warnIfFromSource(import.meta.url);
  const workers = parseWorkers(arg('workers') ?? '1,2,4,8,16');
  const replications = intArg('replications', 16);
  const model = resolve(arg('model') ?? 'models/mp192-baseline.yaml');
  const loaded = await loadScenarioOrThrow(model);
  const s = arg('srs') === undefined ? loaded : withSrs(loaded, intArg('srs', 1));
  const out = resolve(arg('out') ?? 'reports/bench/scaling.json');
  const runs: (TimedRun & { kernelEventsPerS: number })[] = [];
  const report = (complete: boolean) => {
    const identical = runs.every((r) => r.summaryJson === runs[0]!.summaryJson);
    const rows = scalingRows(runs);
    const data = { model, scenario: s.name, srsPerDay: s.workload.srvsPerDay, replications, workers, complete, identicalSummaries: identical, rows, reference: REFERENCE };
    return { identical, rows, file: writeReport('scaling', data, out) };
  };
  for (const w of workers) {
    const kernelEventsPerS = median([kernelOnce(1), kernelOnce(2), kernelOnce(3)]);
    const run = await timedRun(s, replications, w);
    runs.push({ ...run, kernelEventsPerS });
    console.error(`scaling: ${w} workers: ${run.wallS.toFixed(1)} s`);
    report(false); // what is measured so far survives a timeout
  }
  const { identical, rows, file } = report(true);
  console.log(`scaling: ${replications} replications of ${s.name} (${s.workload.srvsPerDay.toLocaleString('en-GB')} SRs/day)`);
  console.log(formatScaling(rows));
  console.log(`summaries ${identical ? 'byte-identical for every worker count' : 'DIFFER between worker counts'} → ${file}`);
  if (!identical) {
    console.error('scaling: FAIL — results depend on the worker count');
    process.exit(1);
  }
}
