/**
 * CSV tables with positions: UTF-8 text → header check → one typed row per record, each cell remembering
 * its file:line:col (also after a quoted field that spans lines). Cells are typed by the row schemas in
 * schema.ts; nothing is coerced (a blank cell is never 0).
 */
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type * as z from 'zod';
import { MAX_TABLE_ROWS } from './csv-stream.js';
import { clip, explainZodIssue, issueAt, type InputIssue, type Pos } from './issues.js';
import * as msg from './messages.js';

export interface Cell {
  readonly text: string;
  readonly pos: Pos;
}
export interface TableRow<T> {
  readonly value: T;
  /** The row's name in paths: the key column's text (`MOC`, `00:00`) or `#n` (record number). */
  readonly key: string;
  readonly pos: Pos;
  readonly cells: Readonly<Record<string, Cell>>;
}
export interface CsvTable<T> {
  readonly file: string;
  /** File name used in paths: `cohorts.csv[MOC].share`. */
  readonly name: string;
  /** Position of each column's header cell. */
  readonly header: Readonly<Record<string, Pos>>;
  /** Columns holding numbers (from the spec). */
  readonly numbers: readonly string[];
  readonly rows: readonly TableRow<T>[];
}
export interface TableSpec<T> {
  readonly columns: readonly string[];
  readonly row: z.ZodType<T, Record<string, string>>;
  /** Column naming each row in paths and provenance. */
  readonly key: string;
  /** Columns holding numbers: each cell becomes a provenance entry. */
  readonly numbers: readonly string[];
}
/**
 * Row checks stop after this many problems in one table (an issue says where): the first ones are
 * what a user needs, and a table of 100,000 bad rows would otherwise make ~10^6 issues.
 */
export const MAX_TABLE_ISSUES = 1000;

/** `table` is set only when the text has no issue at all. */
export type TableResult<T> = { table: CsvTable<T> | undefined; issues: InputIssue[] };

interface RawRecord {
  readonly fields: string[];
  readonly cellPos: Pos[];
}

/**
 * Parses CSV text (already decoded) against a table spec. Linear in the text: a file whose first line
 * names none of the spec's columns is not parsed at all (it is not a table of this kind, and none of it
 * is echoed beyond a short excerpt), and one with more than MAX_TABLE_ROWS records is refused after
 * one counting pass, before any row is parsed or kept.
 */
export function parseCsvTable<T>(file: string, text: string, spec: TableSpec<T>): TableResult<T> {
  const name = basename(file);
  const first = firstLineFields(text);
  if (first.length > 0 && !first.some((f) => spec.columns.includes(f))) {
    return { table: undefined, issues: [issueAt({ file, line: 1, col: 1 }, name, msg.notATable(spec.columns, text))] };
  }
  const count = countRecords(text);
  if (count.widest > MAX_FIELDS) {
    return { table: undefined, issues: [issueAt({ file, line: count.widestLine, col: 1 }, name, msg.csvTooManyFields(count.widest, MAX_FIELDS))] };
  }
  if (count.records - 1 > MAX_TABLE_ROWS) {
    const head = splitRecords(file, text, 1);
    const headIssues = Array.isArray(head) && head[0] ? headerIssues(head[0], spec.columns, name) : [];
    return { table: undefined, issues: [...headIssues, issueAt({ file, line: 1, col: 1 }, name, msg.tooManyRows(count.records - 1, MAX_TABLE_ROWS))] };
  }
  const records = splitRecords(file, text);
  if (!Array.isArray(records)) return { table: undefined, issues: [records] };
  const [head, ...body] = records;
  if (head === undefined) return { table: undefined, issues: [issueAt({ file, line: 1, col: 1 }, name, msg.csvNoHeader())] };
  const header: Record<string, Pos> = {};
  const issues = headerIssues(head, spec.columns, name);
  head.fields.forEach((f, j) => (header[f] = head.cellPos[j] ?? head.cellPos[0]!));
  if (issues.length > 0) return { table: undefined, issues };
  if (body.length === 0) issues.push(issueAt(head.cellPos[0]!, name, msg.csvNoRows()));
  const rows: TableRow<T>[] = [];
  for (const [n, rec] of body.entries()) {
    const start = rec.cellPos[0]!;
    if (issues.length >= MAX_TABLE_ISSUES) {
      issues.push(issueAt(start, name, msg.tableChecksStopped(MAX_TABLE_ISSUES, body.length - n)));
      break;
    }
    if (rec.fields.length !== head.fields.length) {
      issues.push(issueAt(start, name, msg.csvFieldCount(n + 1, start.line, rec.fields.length, head.fields.length)));
      continue;
    }
    const cells: Record<string, Cell> = {};
    head.fields.forEach((col, j) => (cells[col] = { text: rec.fields[j] ?? '', pos: rec.cellPos[j] ?? start }));
    const key = cells[spec.key]?.text || `#${n + 1}`;
    const record = Object.fromEntries(head.fields.map((c, j) => [c, rec.fields[j]]));
    const parsed = spec.row.safeParse(record, { reportInput: true });
    for (const problem of parsed.error?.issues.flatMap(explainZodIssue) ?? []) {
      const col = String(problem.path[0] ?? spec.key);
      const cell = cells[col] ?? { text: '', pos: start };
      issues.push(issueAt(cell.pos, `${name}[${key}].${col}`, problem.message, msg.showText(cell.text)));
    }
    if (parsed.success) rows.push({ value: parsed.data, key, pos: start, cells });
  }
  return { table: issues.length === 0 ? { file, name, header, numbers: spec.numbers, rows } : undefined, issues };
}

function headerIssues(head: RawRecord, columns: readonly string[], name: string): InputIssue[] {
  const issues: InputIssue[] = [];
  head.fields.forEach((f, j) => {
    const pos = head.cellPos[j] ?? head.cellPos[0]!;
    if (!columns.includes(f)) issues.push(issueAt(pos, name, msg.csvUnknownColumn(f, columns)));
    else if (head.fields.indexOf(f) !== j) issues.push(issueAt(pos, name, msg.csvDuplicateColumn(f)));
  });
  for (const c of columns.filter((col) => !head.fields.includes(col))) {
    issues.push(issueAt(head.cellPos[0]!, name, msg.csvMissingColumn(c)));
  }
  return issues;
}

/** The fields of the first non-blank line, unquoted (a cheap look at the header before parsing). */
function firstLineFields(text: string): string[] {
  const line = /[^\r\n]+/.exec(text.slice(0, 65_536))?.[0] ?? '';
  return line === '' ? [] : line.split(',').map((f) => f.replace(/^"(.*)"$/, '$1'));
}

/** The most fields a record may have: the widest table has 10 columns; more is not a table. */
const MAX_FIELDS = 1000;

/**
 * Records in the text (non-blank lines, a line end inside quotes not ending one; a doubled quote
 * toggles twice) and the widest record's field count and line. One pass, no allocation; exact for any
 * text the parser accepts.
 */
function countRecords(text: string): { records: number; widest: number; widestLine: number } {
  let records = 0;
  let quoted = false;
  let blank = true;
  let fields = 1;
  let line = 1;
  let recordLine = 1;
  let widest = 0;
  let widestLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x2c && !quoted) fields++;
    else if ((c === 0x0a || c === 0x0d) && !quoted) {
      if (!blank) records++;
      if (!blank && fields > widest) [widest, widestLine] = [fields, recordLine];
      if (c === 0x0a || text.charCodeAt(i + 1) !== 0x0a) line++;
      [blank, fields, recordLine] = [true, 1, line];
      continue;
    } else if (c === 0x0a || c === 0x0d) {
      if (c === 0x0a || text.charCodeAt(i + 1) !== 0x0a) line++;
    }
    blank = false;
  }
  if (!blank && fields > widest) [widest, widestLine] = [fields, recordLine];
  return { records: blank ? records : records + 1, widest, widestLine };
}

/** Records with the position of every field, or the CSV syntax error. Blank lines are skipped. */
function splitRecords(file: string, text: string, to?: number): RawRecord[] | InputIssue {
  let parsed: { record: string[]; raw: string }[];
  try {
    parsed = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'], // mixed line endings all end a record
      ...(to === undefined ? {} : { to }),
    }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = Math.max(1, Number(e.lines) || 1);
    const detail = clip(e.message.replace(/ at line \d+/, ''), 160);
    return issueAt({ file, line, col: 1 }, basename(file), msg.csvSyntax(detail));
  }
  const at = positionsIn(file, text);
  let offset = 0;
  return parsed.map(({ record, raw }) => {
    // `raw` may carry skipped blank lines before the record and lose a line-end char: find the record
    // itself, where it should be (after line ends) before searching on (so the search stays linear).
    const body = raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
    while (text[offset] === '\n' || text[offset] === '\r') offset++;
    const found = text.startsWith(body, offset) ? offset : text.indexOf(body, offset);
    const start = found >= 0 ? found : offset;
    offset = start + body.length;
    return { fields: record, cellPos: fieldStarts(text, start).slice(0, Math.max(1, record.length)).map(at) };
  });
}

/** Offsets where the fields of the record starting at `start` begin (quote-aware, up to its line end). */
function fieldStarts(text: string, start: number): number[] {
  const starts = [start];
  let quoted = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') starts.push(i + 1);
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return starts;
}

/** offset → file:line:col, lines ending in \n, \r\n or \r. */
function positionsIn(file: string, text: string): (offset: number) => Pos {
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(m.index + m[0].length);
  return (offset) => {
    let [lo, hi] = [0, lineStarts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - (lineStarts[lo] ?? 0) + 1 };
  };
}
