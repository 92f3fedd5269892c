/**
 * Loading a scenario, drawn once:
 *
 *   model.yaml or object (+ extends) → located tree → schema → CSV tables → rules → normalise → Scenario
 *
 * Every stage adds issues instead of stopping, so one run reports all it can find; a rule that needs a
 * table is skipped when that table has errors, and rules run only on a model that passed the schema.
 */
import { dirname, resolve } from 'node:path';
import { scanLargeTable } from './csv-stream.js';
import { parseCsvTable, type CsvTable, type TableResult, type TableSpec } from './csv-table.js';
import { explainZodIssue, formatIssue, InputError, issueAt, MAX_INPUT_BYTES, readText, sortIssues, type InputIssue, type Pos, type SchemaProblem } from './issues.js';
import { normalise } from './normalise.js';
import type { Finding } from './rule-context.js';
import { checkRules, WARNING_RULES } from './rules.js';
import { modelSchema, TABLES, type BaselineRow, type CohortRow, type HistogramRow, type SrvRow } from './schema.js';
import type { Scenario } from './types.js';
import { formatPath, locate, parsePath, setAt, toPlain, type LNode, type PathSeg } from './located-tree.js';
import { loadModelSource, type ModelSource, objectModelSource } from './model-source.js';

export type LoadResult = { ok: true; scenario: Scenario; warnings: string[] } | { ok: false; issues: InputIssue[] };

/** A value written elsewhere (a sweep file) that replaces the model's node at `path`, keeping its own position. */
export interface ModelEdit {
  readonly path: readonly PathSeg[];
  readonly node: LNode;
}

/**
 * Loads, validates and normalises a model file; never throws for bad input. `edits` replace nodes of the
 * merged tree before validation (their problems are reported where they were written); `editedBy` names
 * the files they came from, which join the scenario's inputs.
 */
export async function loadScenario(file: string, edits: readonly ModelEdit[] = [], editedBy: readonly string[] = [], tableCache: TableCache = newTableCache()): Promise<LoadResult> {
  const abs = resolve(file);
  return checkSource(abs, await loadModelSource(abs), edits, editedBy, tableCache);
}

/** As `loadScenario`, but bad input throws an `InputError` carrying every issue. */
export async function loadScenarioOrThrow(file: string): Promise<Scenario> {
  const result = await loadScenario(file);
  if (!result.ok) throw new InputError(result.issues);
  return result.scenario;
}

/**
 * Loads a model given as a plain object (what a model file holds, parsed), checked exactly as a file
 * is. It stands where the file `file` would (which need not exist): its relative paths (`extends`,
 * tables) resolve from that file's folder, its issues are placed in it (at line 1: an object has no
 * lines, its paths tell where), and it is not among the scenario's inputs (the files it reads are).
 */
export async function loadScenarioFromObject(value: unknown, file: string): Promise<LoadResult> {
  const abs = resolve(file);
  return checkSource(abs, await objectModelSource(value, abs), [], [], newTableCache());
}

/** The stages after the source: schema, tables, rules, normalise (see the top of this file). */
async function checkSource(abs: string, source: ModelSource, edits: readonly ModelEdit[], editedBy: readonly string[], tableCache: TableCache): Promise<LoadResult> {
  if (source.root === undefined) return { ok: false, issues: sortIssues(source.issues) };
  const root = edits.reduce((r, e) => setAt(r, e.path, e.node), source.root);
  const parsed = modelSchema.safeParse(toPlain(root), { reportInput: true });
  const schemaIssues = (parsed.error?.issues ?? []).flatMap(explainZodIssue).map((p) => placeProblem(root, p));
  const tables = await readTables(root, tableCache);
  const issues = [...source.issues, ...schemaIssues, ...tables.issues];
  if (!parsed.success) return { ok: false, issues: sortIssues(issues) };
  const ctx = { model: parsed.data, ...tables };
  for (const f of checkRules(ctx)) issues.push(placeFinding(root, f));
  const { srvs, cohorts, profiles, histogram } = tables;
  const complete = srvs && cohorts && profiles.every((p) => p !== undefined) ? profiles : undefined;
  if (issues.length > 0 || !srvs || !cohorts || !complete) return { ok: false, issues: sortIssues(issues) };
  const inputs = [...source.files, ...editedBy, ...tables.files];
  const model = parsed.data;
  const scenario = normalise({ file: abs, inputs, model, root, srvs, cohorts, profiles: complete, histogram });
  const warnings = checkRules(ctx, WARNING_RULES).map((f) => formatIssue(placeFinding(root, f)));
  return { ok: true, scenario, warnings };
}

/** Where a model path was written (its key when `atKey`; the enclosing map when the key is missing). */
function where(root: LNode, path: readonly PathSeg[], atKey = false): { pos: Pos; written?: string; scalar: boolean } {
  const { node, found, keyPos } = locate(root, path);
  const pos = atKey && keyPos ? keyPos : node.pos;
  const scalar = found && node.t === 'scalar';
  return found && !atKey ? { pos, written: node.text === '' ? '""' : node.text, scalar } : { pos, scalar };
}

function placeProblem(root: LNode, p: SchemaProblem): InputIssue {
  const w = where(root, p.path, p.atKey);
  return issueAt(w.pos, formatPath(p.path), p.message, w.written);
}

/** A finding at a model path shows the scalar written there unless the rule gives its own value. */
function placeFinding(root: LNode, f: Finding): InputIssue {
  if (f.pos) return issueAt(f.pos, f.path, f.message, f.got);
  const w = where(root, parsePath(f.path));
  return issueAt(w.pos, f.path, f.message, f.got ?? (w.scalar ? w.written : undefined));
}

interface Tables {
  srvs: CsvTable<SrvRow> | undefined;
  cohorts: CsvTable<CohortRow> | undefined;
  profiles: (CsvTable<BaselineRow> | undefined)[];
  histogram: CsvTable<HistogramRow> | undefined;
  /** Absolute paths of the tables read. */
  files: string[];
  issues: InputIssue[];
}

/** A table read and checked, as every load that names it sees it; `read` when its text was loaded. */
interface CachedTable {
  readonly result: TableResult<unknown>;
  readonly read: boolean;
}
/**
 * Tables already read, by columns and absolute path: one load reads each file once however often it is
 * named, and loads that share a cache (a sweep's cases) read it once in all.
 */
export type TableCache = Map<string, CachedTable>;
export const newTableCache = (): TableCache => new Map();

/** Reads and checks one table file; `missing` when it is not there (or not a file), to report where it is named. */
async function readTable<T>(file: string, spec: TableSpec<T>): Promise<CachedTable | { missing: string }> {
  const read = await readText(file);
  if (!read.ok && read.tooLargeBytes !== undefined) {
    // Too large to load: streamed once with bounded memory so its problems are still reported.
    return { result: { table: undefined, issues: await scanLargeTable(file, spec.columns, read.tooLargeBytes, MAX_INPUT_BYTES) }, read: false };
  }
  if (read.ok) return { result: parseCsvTable(file, read.text, spec), read: true };
  // a file that is not there is reported where it is named; anything else in the file itself
  if (read.missing) return { missing: read.message };
  return { result: { table: undefined, issues: [issueAt({ file, line: 1, col: 1 }, '', read.message)] }, read: false };
}

/**
 * Reads every table the model names, even when the model itself has schema errors. A path is relative to
 * the file that wrote it; each file is read and checked once however often it is named.
 */
async function readTables(root: LNode, cache: TableCache): Promise<Tables> {
  const reported = new Set<string>();
  const issues: InputIssue[] = [];
  const files: string[] = [];
  async function table<T>(path: PathSeg[], spec: TableSpec<T>): Promise<CsvTable<T> | undefined> {
    const { node, found } = locate(root, path);
    if (!found || node.t !== 'scalar' || typeof node.value !== 'string' || node.value === '') return undefined;
    const file = resolve(dirname(node.pos.file), node.value);
    const key = `${spec.columns.join(',')} ${file}`;
    let entry = cache.get(key);
    if (entry === undefined) {
      const got = await readTable(file, spec);
      if ('missing' in got) {
        issues.push(issueAt(node.pos, formatPath(path), got.missing));
        return undefined;
      }
      cache.set(key, (entry = got));
    }
    if (!reported.has(key)) {
      reported.add(key);
      if (entry.read) files.push(file);
      for (const issue of entry.result.issues) issues.push(issue);
    }
    return entry.result.table as CsvTable<T> | undefined;
  }
  const srvs = await table(['data', 'srvCatalogue'], TABLES.srvCatalogue);
  const cohorts = await table(['data', 'cohorts'], TABLES.cohorts);
  const shape = await table(['data', 'baselineShape'], TABLES.baselineShape);
  const capacities = locate(root, ['capacities']).node;
  const profiles: (CsvTable<BaselineRow> | undefined)[] = [];
  for (let i = 0; capacities.t === 'seq' && i < capacities.items.length; i += 1) {
    const named = locate(root, ['capacities', i, 'baseline', 'profile']).found;
    profiles.push(named ? await table(['capacities', i, 'baseline', 'profile'], TABLES.baselineShape) : shape);
  }
  const kind = locate(root, ['placement', 'kind']).node;
  const isHistogram = kind.t === 'scalar' && kind.value === 'histogram';
  const histogram = isHistogram ? await table(['placement', 'file'], TABLES.histogram) : undefined;
  return { srvs, cohorts, profiles, histogram, files, issues };
}
