/**
 * `optimise`: search placements for the one with the most headroom.
 *
 *   every window on a 15-minute grid (and pairs of the best) → constraints → fluid screen per minute
 *   → rank (min headroom over the day, then inside the windows) → simulate the finalists → winner
 *
 * The screen is cheap (thousands of candidates a second); only the finalists are simulated, with
 * one seed, and the winner is the finalist that stays within every ceiling at every simulated second
 * with the largest minimum headroom.
 */
import type { Scenario, Window } from '../model/types.js';
import { type ScreenCapacity, screenCapacities, screenWindows, windowMinutes } from '../stats/fluid-screen.js';
import { DAY_S } from '../model/types.js';
import { loadScenarioOrThrow } from '../model/load.js';
import { optimisedModelYaml, optimiseText, searchText } from '../report/optimise.js';
import type { Candidate, Finalist, OptimiseResult, OptimiseSummary, ShippedScreen } from '../stats/optimise.js';
import { manifestFile, type RunFacts, type ToolFacts } from './manifest.js';
import { withReportDir } from './output-dir.js';
import { simulateScenario } from './run-scenario.js';
import { writeReportDir } from './write-files.js';

export interface OptimiseOptions {
  /** Keep the scheduled load out of the firmware window. */
  readonly avoidFirmware?: boolean;
  /** At least `share` of the SRs activated by `atS` − 5 min, so their responses are back by `atS`. */
  readonly deadline?: { readonly atS: number; readonly share: number };
  /** Grid of window starts and widths, seconds (default 900). */
  readonly stepS?: number;
  /** Finalists to simulate (0: screen only). */
  readonly finalists?: number;
  readonly seed?: number;
  readonly workers?: number;
  /** Cancels the finalists' simulations (SIGINT / SIGTERM). */
  readonly signal?: AbortSignal;
}

const overlaps = (a: Window, b: Window) => a.startS < b.endS && b.startS < a.endS;

function allowed(ws: readonly Window[], s: Scenario, o: OptimiseOptions): boolean {
  if (o.avoidFirmware && ws.some((w) => overlaps(w, s.day.firmwareWindow))) return false;
  if (o.deadline) {
    const cutoff = o.deadline.atS - 300;
    const total = ws.reduce((a, w) => a + w.endS - w.startS, 0);
    const early = ws.reduce((a, w) => a + Math.max(0, Math.min(w.endS, cutoff) - w.startS), 0);
    if (early / total < o.deadline.share) return false;
  }
  return true;
}

function insideHeadroom(caps: readonly ScreenCapacity[], ws: readonly Window[]): number {
  const inside = windowMinutes(ws);
  const count = inside.reduce((a, b) => a + b, 0);
  let best = Number.POSITIVE_INFINITY;
  for (const c of caps) {
    const added = c.addedUnits / (count * 60);
    for (let m = 0; m < inside.length; m++) {
      if (inside[m]) best = Math.min(best, ((c.ceilingPerMinute[m] as number) - (c.baselinePerS[m] as number) - added) / c.ceilingPerS);
    }
  }
  return best;
}

/** Better first: feasible, then more headroom over the day, then more inside the windows. */
export function byHeadroom(a: Candidate, b: Candidate): number {
  return Number(b.screen.feasible) - Number(a.screen.feasible) || b.screen.minHeadroomShare - a.screen.minHeadroomShare || b.insideHeadroomShare - a.insideHeadroomShare;
}

/** Every single window on the grid (wrapping over midnight as two windows), then pairs of the best. */
export function screenPlacements(s: Scenario, o: OptimiseOptions = {}): { ranked: Candidate[]; evaluated: number } {
  const step = o.stepS ?? 900;
  const caps = screenCapacities(s);
  const ranked: Candidate[] = [];
  let evaluated = 0;
  const consider = (ws: Window[]) => {
    if (!allowed(ws, s, o)) return;
    evaluated++;
    ranked.push({ windows: ws, screen: screenWindows(caps, ws), insideHeadroomShare: insideHeadroom(caps, ws) });
  };
  for (let start = 0; start < DAY_S; start += step) {
    for (let width = step; width <= DAY_S; width += step) {
      const end = start + width;
      if (end <= DAY_S) consider([{ startS: start, endS: end }]);
      else if (end - DAY_S < start)
        consider([
          { startS: 0, endS: end - DAY_S },
          { startS: start, endS: DAY_S },
        ]);
    }
  }
  const singles = ranked
    .filter((c) => c.windows.length === 1)
    .sort(byHeadroom)
    .slice(0, 60);
  for (let i = 0; i < singles.length; i++) {
    for (let j = i + 1; j < singles.length; j++) {
      const [a, b] = [singles[i]!.windows[0]!, singles[j]!.windows[0]!].sort((x, y) => x.startS - y.startS);
      if (a!.endS < b!.startS) consider([a!, b!]);
    }
  }
  return { ranked: ranked.sort(byHeadroom), evaluated };
}

/** Two candidates are near when they have as many windows and every edge within an hour. */
function near(a: Candidate, b: Candidate): boolean {
  return a.windows.length === b.windows.length && a.windows.every((w, i) => Math.abs(w.startS - (b.windows[i]?.startS ?? -1e9)) < 3600 && Math.abs(w.endS - (b.windows[i]?.endS ?? -1e9)) < 3600);
}

/** The best candidates, skipping any near one already chosen, so the finalists differ. */
function topDistinct(ranked: readonly Candidate[], k: number): Candidate[] {
  const out: Candidate[] = [];
  for (const c of ranked) {
    if (out.length === k) break;
    if (!out.some((o) => near(o, c))) out.push(c);
  }
  return out;
}

export function withWindows(s: Scenario, windows: readonly Window[]): Scenario {
  return { ...s, placement: { kind: 'uniform', windows } };
}

export async function optimisePlacement(s: Scenario, o: OptimiseOptions = {}): Promise<OptimiseResult> {
  const t0 = performance.now();
  const { ranked, evaluated } = screenPlacements(s, o);
  const t1 = performance.now();
  const finalists: Finalist[] = [];
  for (const c of topDistinct(ranked, o.finalists ?? 3)) {
    const run = await simulateScenario(withWindows(s, c.windows), {
      seed: o.seed ?? s.seed,
      replications: 1,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const caps = run.summary.capacities;
    finalists.push({
      ...c,
      simulated: {
        secondsAbove: caps.reduce((a, x) => a + x.figures.windowsAbove.mean, 0),
        minHeadroomShare: Math.min(...caps.map((x) => x.figures.minHeadroomWindow.mean / x.ceilingPerS)),
        shareWithinTrt: run.summary.completion.shareWithinTrt.mean,
      },
    });
  }
  const simulateMs = performance.now() - t1;
  const simulatedBest = [...finalists].sort((a, b) => Number(a.simulated.secondsAbove > 0) - Number(b.simulated.secondsAbove > 0) || b.simulated.minHeadroomShare - a.simulated.minHeadroomShare)[0];
  return { best: simulatedBest ?? ranked[0] ?? null, finalists, evaluated, screenMs: t1 - t0, simulateMs };
}

export interface OptimiseReportOptions extends OptimiseOptions {
  /** The shipped placement models to screen beside the winner (files). */
  readonly shippedModels: readonly string[];
  /** The report folder (replaced as a whole; see output-dir.ts). */
  readonly dir: string;
  readonly tool: ToolFacts;
  /** Notes on the report folder (a stale claim cleared, …). */
  readonly onNote: (note: string) => void;
}

/**
 * Searches the placements and writes the report folder: optimised.yaml (the winner as a model),
 * optimise.json, optimise.txt, manifest.json last. null, and nothing written, when no placement
 * satisfies the constraints.
 */
export async function optimiseToReport(s: Scenario, opts: OptimiseReportOptions): Promise<{ readonly summary: OptimiseSummary; readonly text: string } | null> {
  const { shippedModels, dir, tool, onNote, ...o } = opts;
  return withReportDir(dir, s.inputs, onNote, async (claim) => {
    const result = await optimisePlacement(s, o);
    const best = result.best;
    if (!best) return null;
    const caps = screenCapacities(s);
    const shipped: ShippedScreen[] = [];
    for (const f of shippedModels) {
      const p = await loadScenarioOrThrow(f);
      const windows = p.placement.kind === 'uniform' ? p.placement.windows : null;
      shipped.push({ name: p.name, screen: windows ? screenWindows(caps, windows) : null });
    }
    const seed = o.seed ?? s.seed;
    const how = searchText(result, { ...(o.avoidFirmware ? { avoidFirmware: true } : {}), ...(o.deadline ? { deadline: o.deadline } : {}), seed });
    const text = optimiseText(s, result, best, how, shipped);
    const summary: OptimiseSummary = { scenario: s.name, how, best, finalists: result.finalists, evaluated: result.evaluated, shipped };
    const files = [
      { path: 'optimised.yaml', contents: optimisedModelYaml(s, best, dir, how) },
      { path: 'optimise.json', contents: `${JSON.stringify(summary, null, 2)}\n` },
      { path: 'optimise.txt', contents: text },
    ];
    const facts: RunFacts = {
      version: tool.version,
      commit: tool.commit,
      scenario: s.name,
      seed,
      replications: 1,
      workers: o.workers ?? 1,
      arguments: tool.arguments,
      inputs: s.inputs,
    };
    await writeReportDir(claim, files, manifestFile(facts, files), o.signal);
    return { summary, text };
  });
}
