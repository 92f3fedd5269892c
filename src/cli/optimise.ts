/**
 * `srvsim optimise <model>`: the placement with the most headroom, written as a ready-to-run model
 * beside the shipped placements, with the search reported (candidates, time).
 */
import { join, relative, resolve } from 'node:path';
import { buildManifest, gitCommit, MANIFEST } from '../app/manifest.js';
import { type Candidate, type OptimiseOptions, optimisePlacement } from '../app/optimise.js';
import { withReportDir } from '../app/output-dir.js';
import { writeReportDir } from '../app/write-files.js';
import { displayPath } from '../model/issues.js';
import { loadScenarioOrThrow } from '../model/load.js';
import type { Scenario, Window } from '../model/types.js';
import { screenCapacities, screenWindows } from '../stats/fluid-screen.js';
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

const hhmm = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
const windowsText = (ws: readonly Window[]) => ws.map((w) => `${hhmm(w.startS)}–${hhmm(w.endS)}`).join(' + ');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The winner as a model that extends the analysed one (path relative to where it is written). */
export function optimisedModelYaml(s: Scenario, best: Candidate, fromDir: string, how: string): string {
  const windows = best.windows.map((w) => `{ start: "${hhmm(w.startS)}", end: "${hhmm(w.endS)}" }`).join(', ');
  return [
    `# The placement srvsim optimise found for ${s.name}: ${windowsText(best.windows)}.`,
    `extends: ${JSON.stringify(relative(fromDir, s.file))}`,
    `scenario: ${JSON.stringify(`${s.name}-optimised`)}`,
    `title: ${JSON.stringify(`${s.title} — optimised placement ${windowsText(best.windows)}`)}`,
    'placement:',
    '  kind: uniform',
    `  windows: [ ${windows} ]`,
    `  source: ${JSON.stringify(`assumed: chosen by srvsim optimise (${how})`)}`,
    '',
  ].join('\n');
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
  return withReportDir(dir, s.inputs, say, async (claim) => {
    const result = await optimisePlacement(s, o);
    if (!result.best) {
      process.stderr.write('srvsim optimise: no placement satisfies the constraints\n');
      return EXIT.gateFailed;
    }
    const caps = screenCapacities(s);
    const shipped = [];
    for (const f of shippedPlacementModels()) {
      const p = await loadScenarioOrThrow(f);
      const windows = p.placement.kind === 'uniform' ? p.placement.windows : null;
      shipped.push({ name: p.name, screen: windows ? screenWindows(caps, windows) : null });
    }
    const how = [
      'maximise the minimum headroom over the day, then inside the windows',
      opts.avoidFirmware ? 'outside the firmware window' : '',
      o.deadline ? `${pct(o.deadline.share)} activated by ${hhmm(o.deadline.atS)} − 5 min` : '',
      `${result.evaluated} candidates screened, ${result.finalists.length} simulated with seed ${o.seed ?? s.seed}`,
    ]
      .filter(Boolean)
      .join('; ');
    const lines = [
      `srvsim optimise: ${s.name} — ${how}`,
      `search: ${result.evaluated.toLocaleString('en-GB')} candidates screened in ${(result.screenMs / 1000).toFixed(2)} s; ${result.finalists.length} finalists simulated in ${(result.simulateMs / 1000).toFixed(1)} s`,
      '',
      `WINNER: ${windowsText(result.best.windows)}  (fluid min headroom ${pct(result.best.screen.minHeadroomShare)} over the day, ${pct(result.best.insideHeadroomShare)} inside the windows)`,
      ...result.finalists.map(
        (f) =>
          `  finalist ${windowsText(f.windows)}: simulated ${f.simulated.secondsAbove} s above a ceiling, min headroom ${pct(f.simulated.minHeadroomShare)}, within TRT ${pct(f.simulated.shareWithinTrt)}`,
      ),
      '',
      'Beside the shipped placements (fluid screen, same scenario):',
      ...shipped.map(
        (p) => `  ${p.name.padEnd(22)} ${p.screen ? `${p.screen.feasible ? 'fits    ' : 'BREACHES'} min headroom ${pct(p.screen.minHeadroomShare)}` : '(not a uniform placement: see srvsim compare)'}`,
      ),
      '',
    ];
    const modelYaml = optimisedModelYaml(s, result.best, dir, how);
    const json = { scenario: s.name, how, best: result.best, finalists: result.finalists, evaluated: result.evaluated, shipped: shipped.map((p) => ({ name: p.name, screen: p.screen })) };
    const files = [
      { path: 'optimised.yaml', contents: modelYaml },
      { path: 'optimise.json', contents: `${JSON.stringify(json, null, 2)}\n` },
      { path: 'optimise.txt', contents: lines.join('\n') },
    ];
    const facts = {
      version: toolVersion(),
      commit: gitCommit(PACKAGE_ROOT),
      scenario: s.name,
      seed: o.seed ?? s.seed,
      replications: 1,
      workers: opts.workers ?? 1,
      arguments: process.argv.slice(2),
      inputs: s.inputs,
    };
    await writeReportDir(claim, files, { path: MANIFEST, contents: `${JSON.stringify(buildManifest(facts, files), null, 2)}\n` }, opts.signal);
    process.stdout.write(opts.json ? `${JSON.stringify({ ...json, reportDir: dir }, null, 2)}\n` : `${lines.join('\n')}Model: ${displayPath(join(dir, 'optimised.yaml'))}\n`);
    return EXIT.ok;
  });
}
