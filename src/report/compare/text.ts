/** The comparison and the sensitivity analysis as terminal text. Pure: returns strings. */
import { comparisonVerdict } from './files.js';
import { comparisonTables, sensitivityTables, textTable } from './tables.js';
import type { Comparison, Sensitivity } from '../../stats/comparison.js';

const intervals = (r: number) => (r > 1 ? `${r} replications; figures are mean ± 95% t-interval half-width` : '1 replication (no confidence interval: use --replications 2 or more)');

export function comparisonText(c: Comparison): string {
  const v = comparisonVerdict(c);
  return [
    `srvsim compare: ${c.ranking.length} scenarios, seed ${c.seed} for all (common random numbers), ${intervals(c.replications)}`,
    '',
    v.headline,
    ...v.details.map((d) => `  ${d}`),
    '',
    ...comparisonTables(c).flatMap((t) => [textTable(t), '']),
  ].join('\n');
}

export function sensitivityText(s: Sensitivity): string {
  const scaled = s.scaledFrom !== null ? `; volume scaled to ${s.srvsPerDay.toLocaleString('en-GB')} SRVs/day (from ${s.scaledFrom.toLocaleString('en-GB')}): a quick run, not a capacity answer` : '';
  return [
    `srvsim sensitivity: ${s.scenario} — ${s.title}`,
    `one input at a time, seed ${s.seed} in every run, ${intervals(s.replications)}${scaled}`,
    '',
    ...sensitivityTables(s).flatMap((t) => [textTable(t), '']),
  ].join('\n');
}
