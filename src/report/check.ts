/**
 * `srvsim check` in words: the gate table printed on stdout (gate, limit, measured, PASS/FAIL, then the
 * counterfactual extra capacity of each failed ceiling) and the JUnit XML for CI (one testcase per gate,
 * junit.ts). Pure: a CheckResult (stats/gates.ts) in, text out.
 */
import type { Counterfactual } from '../stats/counterfactual.js';
import { type CheckResult, failedExtras, type Gate, type VerifiedExtra } from '../stats/gates.js';
import { junitXml } from './junit.js';
import { intervalText } from './summary-text.js';

const num = (v: number, digits = 1) => v.toLocaleString('en-GB', { maximumFractionDigits: digits });

const limitText = (g: Gate) => `${g.op} ${num(g.limit, g.unit === '' ? 4 : 1)}${g.unit === '' ? '' : ` ${g.unit}`}`;
const measuredText = (g: Gate) => `${intervalText(g.measured, g.unit === '' ? 4 : 1)}${g.unit === '' ? '' : ` ${g.unit}`}`;

function extraText(c: Counterfactual): string {
  const unit = c.currency === 'transactions' ? 'TPS' : 'DLMS/s';
  const perHour = c.extraPerHour ? `, +${intervalText(c.extraPerHour, 0)} DLMS/h (fluid +${num(c.fluidExtraPerHour ?? 0, 0)})` : '';
  const cost = c.costPerMonthGbp && c.costPerYearGbp ? `£${intervalText(c.costPerMonthGbp, 0)} a month, £${intervalText(c.costPerYearGbp, 0)} a year, ${c.note}` : `cost: ${c.note}`;
  return `${c.capacity}: +${intervalText(c.extraPerS)} ${unit} to stay within the ceiling at every second (fluid +${num(c.fluidExtraPerS)})${perHour}; ${cost}`;
}

/** The re-simulated extra capacity in words (and its cost for a priced transaction ceiling). */
function verifiedLine(v: VerifiedExtra, perTpsMonthGbp: number | undefined): string {
  const unit = v.currency === 'transactions' ? 'TPS' : 'DLMS/s';
  const cost = v.currency === 'transactions' && perTpsMonthGbp !== undefined ? `, £${num(v.extraPerS * perTpsMonthGbp, 0)} a month` : '';
  return v.converged
    ? `checked by simulation with it installed: +${num(v.extraPerS)} ${unit} keeps every second of every replication within the ceiling (${v.runs} re-run${v.runs > 1 ? 's' : ''})${cost}`
    : `checked by simulation: at least +${num(v.extraPerS)} ${unit}; after ${v.runs} re-runs a second was still ${num(v.stillAbovePerS)} ${unit} above the raised ceiling${cost}`;
}

/** The lines on the checked extra capacity of `c` (none when it was not checked). */
function verifiedText(r: CheckResult, c: Counterfactual, perTpsMonthGbp: number | undefined): string[] {
  const v = r.verifiedExtra.find((x) => x.capacity === c.capacity);
  return v ? [verifiedLine(v, perTpsMonthGbp)] : [];
}

/**
 * The report on stdout: a header, the gate table, the counterfactual extra capacity of the failed
 * ceilings, and CHECK PASSED / CHECK FAILED. `perTpsMonthGbp` prices a checked transaction capacity.
 */
export function checkText(r: CheckResult, perTpsMonthGbp: number | undefined): string {
  const { gates } = r;
  const rows = [['gate', 'limit', 'measured', 'result'], ...gates.map((g) => [g.name, limitText(g), measuredText(g), g.ok ? 'PASS' : 'FAIL'])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const lines = [
    `srvsim check: ${r.scenario} — seed ${r.seed}, ${r.replications > 1 ? `${r.replications} replications, mean ± 95% t-interval` : '1 replication (no interval)'}`,
    ...rows.map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
  ];
  const extras = failedExtras(gates, r.counterfactual);
  if (extras.length > 0) lines.push('', 'Counterfactual extra capacity:', ...extras.flatMap((c) => [`  ${extraText(c)}`, ...verifiedText(r, c, perTpsMonthGbp).map((l) => `    ${l}`)]));
  lines.push('', r.ok ? 'CHECK PASSED' : `CHECK FAILED: ${gates.filter((g) => !g.ok).length} of ${gates.length} gates`);
  return `${lines.join('\n')}\n`;
}

/** JUnit XML of a check: one testcase per gate; a failed one names the measured figure, the limit and the extra capacity. */
export function checkJunitXml(r: CheckResult, perTpsMonthGbp: number | undefined): string {
  const cases = r.gates.map((g) => ({
    name: `${g.name} ${limitText(g)}`,
    classname: `srvsim.check.${r.scenario}`,
    ok: g.ok,
    ...(g.ok
      ? {}
      : {
          message: `measured ${measuredText(g)}, limit ${limitText(g)}`,
          details: [
            `${r.scenario}: ${g.name}: measured ${measuredText(g)}, limit ${limitText(g)}`,
            ...r.counterfactual.filter((c) => c.capacity === g.capacity).flatMap((c) => [extraText(c), ...verifiedText(r, c, perTpsMonthGbp)]),
          ].join('\n'),
        }),
  }));
  return junitXml(`srvsim check ${r.scenario}`, cases);
}
