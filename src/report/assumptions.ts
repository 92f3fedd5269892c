/** The assumptions table: every number of a scenario with its provenance. Pure: returns text. */
import type { ProvenanceEntry } from '../model/types.js';
import { mdCode, mdEscape } from './md-escape.js';

/** Every input with its value, provenance and where it was written; model text never renders as markup. */
export function assumptionsMarkdown(entries: readonly ProvenanceEntry[]): string {
  const rows = entries.map((e) => `| ${mdCode(e.path)} | ${mdEscape(e.value)} | ${mdEscape(e.source)} | ${mdEscape(e.at)} |`);
  return ['| input | value | provenance | written at |', '|---|---|---|---|', ...rows, ''].join('\n');
}

export function assumptionsText(entries: readonly ProvenanceEntry[]): string {
  return entries
    .map((e) => `${e.path} = ${e.value}\n    ${e.source}\n    (${e.at})`)
    .join('\n')
    .concat('\n');
}
