/**
 * `srvsim optimise` in words: how the search ran, the winner and the finalists beside the shipped
 * placements (optimise.txt and stdout), and the winner as a ready-to-run model (optimised.yaml).
 * Pure: search results (stats/optimise.ts) in, text out.
 */
import { relative } from 'node:path';
import type { Scenario, Window } from '../model/types.js';
import type { Candidate, OptimiseResult, ShippedScreen } from '../stats/optimise.js';

/** The constraints and seed of a search, as the words need them. */
export interface SearchTerms {
  readonly avoidFirmware?: boolean;
  readonly deadline?: { readonly atS: number; readonly share: number };
  readonly seed: number;
}

const hhmm = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
const windowsText = (ws: readonly Window[]) => ws.map((w) => `${hhmm(w.startS)}–${hhmm(w.endS)}`).join(' + ');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** How the search ran, in one line: objective, constraints, candidates and finalists. */
export function searchText(result: OptimiseResult, terms: SearchTerms): string {
  return [
    'maximise the minimum headroom over the day, then inside the windows',
    terms.avoidFirmware ? 'outside the firmware window' : '',
    terms.deadline ? `${pct(terms.deadline.share)} activated by ${hhmm(terms.deadline.atS)} − 5 min` : '',
    `${result.evaluated} candidates screened, ${result.finalists.length} simulated with seed ${terms.seed}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** The report of a search that found `best`: header, timing, winner, finalists, shipped placements; ends with a newline. */
export function optimiseText(s: Scenario, result: OptimiseResult, best: Candidate, how: string, shipped: readonly ShippedScreen[]): string {
  const lines = [
    `srvsim optimise: ${s.name} — ${how}`,
    `search: ${result.evaluated.toLocaleString('en-GB')} candidates screened in ${(result.screenMs / 1000).toFixed(2)} s; ${result.finalists.length} finalists simulated in ${(result.simulateMs / 1000).toFixed(1)} s`,
    '',
    `WINNER: ${windowsText(best.windows)}  (fluid min headroom ${pct(best.screen.minHeadroomShare)} over the day, ${pct(best.insideHeadroomShare)} inside the windows)`,
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
  return lines.join('\n');
}

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
