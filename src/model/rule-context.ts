/**
 * What every rule works with: the context a rule reads (the validated model and its tables), the
 * findings it returns, and the helpers that place a finding at a model path, a table cell or a column.
 */
import type { CsvTable, TableRow } from './csv-table.js';
import type { Pos } from './issues.js';
import * as msg from './messages.js';
import type { BaselineRow, CohortRow, HistogramRow, Model, SrvRow } from './schema.js';

export interface RuleContext {
  readonly model: Model;
  readonly srvs: CsvTable<SrvRow> | undefined;
  readonly cohorts: CsvTable<CohortRow> | undefined;
  /** Baseline shape of each capacity, in the order of `model.capacities`; undefined where it had errors. */
  readonly profiles: readonly (CsvTable<BaselineRow> | undefined)[];
  readonly histogram: CsvTable<HistogramRow> | undefined;
}

/** A problem found by a rule: a model path (positioned by the loader) or a table cell with its position. */
export interface Finding {
  readonly path: string;
  readonly message: string;
  readonly got?: string;
  readonly pos?: Pos;
}
export type Rule = (ctx: RuleContext) => Finding[];

const TOLERANCE = 1e-9;
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const sumsToOne = (xs: readonly number[]): boolean => Math.abs(sum(xs) - 1) <= TOLERANCE;

/** A finding at a model path; without `got` the loader shows the scalar written there. */
export const at = (path: string, message: string, got?: string): Finding => (got === undefined ? { path, message } : { path, message, got });
/** A finding in one cell of a table. */
export const inCell = <T>(t: CsvTable<T>, row: TableRow<T>, col: string, message: string): Finding => ({
  path: `${t.name}[${row.key}].${col}`,
  message,
  got: msg.showText(row.cells[col]?.text ?? ''),
  pos: row.cells[col]?.pos ?? row.pos,
});
/** A finding about a whole column (a sum), at its header. */
export const inColumn = <T>(t: CsvTable<T>, col: string, message: string, got: string): Finding => ({
  path: `${t.name}.${col}`,
  message,
  got,
  pos: t.header[col] ?? { file: t.file, line: 1, col: 1 },
});
