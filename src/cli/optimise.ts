/**
 * `srvsim optimise <model>`: the placement with the most headroom, written as a ready-to-run model
 * beside the shipped placements, with the search reported (candidates, time). The search and the
 * report folder: app/optimise.ts; the words: report/optimise.ts.
 */
import { join, resolve } from 'node:path';
import { gitCommit } from '../app/manifest.js';
import { type OptimiseOptions, optimiseToReport } from '../app/optimise.js';
import { displayPath } from '../model/issues.js';
import { loadScenarioOrThrow } from '../model/load.js';
import { PACKAGE_ROOT, shippedPlacementModels, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';
import { folderName, runStamp } from './run.js';

export interface OptimiseCliOptions {
  readonly avoidFirmware?: boolean;
  readonly deadline?: number;
  readonly deadlineShare?: number;
  readonly finalists?: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly signal?: AbortSignal;
}

export async function optimiseCommand(file: string, opts: OptimiseCliOptions): Promise<number> {
  const s = await loadScenarioOrThrow(file);
  const o: OptimiseOptions = {
    ...(opts.avoidFirmware ? { avoidFirmware: true } : {}),
    ...(opts.deadline !== undefined ? { deadline: { atS: opts.deadline, share: opts.deadlineShare ?? 0.95 } } : {}),
    ...(opts.finalists !== undefined ? { finalists: opts.finalists } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const dir = opts.out ? resolve(opts.out) : resolve('reports', 'optimise', folderName(s.name), runStamp());
  const found = await optimiseToReport(s, {
    ...o,
    shippedModels: shippedPlacementModels(),
    dir,
    tool: { version: toolVersion(), commit: gitCommit(PACKAGE_ROOT), arguments: process.argv.slice(2) },
    onNote: say,
  });
  if (!found) {
    process.stderr.write('srvsim optimise: no placement satisfies the constraints\n');
    return EXIT.gateFailed;
  }
  process.stdout.write(opts.json ? `${JSON.stringify({ ...found.summary, reportDir: dir }, null, 2)}\n` : `${found.text}Model: ${displayPath(join(dir, 'optimised.yaml'))}\n`);
  return EXIT.ok;
}
