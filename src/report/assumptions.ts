/** The assumptions table: every number of a scenario with its provenance. Pure: returns text. */
import type { ProvenanceEntry } from '../model/types.js';

/** Escapes a Markdown table cell (pipes and line breaks). */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function assumptionsMarkdown(entries: readonly ProvenanceEntry[]): string {
  const rows = entries.map((e) => `| \`${mdCell(e.path)}\` | ${mdCell(e.value)} | ${mdCell(e.source)} | ${mdCell(e.at)} |`);
  return ['| input | value | provenance | written at |', '|---|---|---|---|', ...rows, ''].join('\n');
}

export function assumptionsText(entries: readonly ProvenanceEntry[]): string {
  return entries.map((e) => `${e.path} = ${e.value}\n    ${e.source}\n    (${e.at})`).join('\n').concat('\n');
}
