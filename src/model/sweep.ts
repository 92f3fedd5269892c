/**
 * Sweep files: one base model and the inputs to vary, expanded into one scenario per case.
 *
 *   sweep.yaml → located tree → schema → axes (grid: cartesian product, first axis slowest) or cases
 *             → per case: base model with the swept nodes replaced → the model loader → Scenario
 *
 * A swept value is written in the model's own vocabulary at a dotted path of the base model; a bare
 * number at a `{ value, source }` path sets the value, and its source becomes "assumed: swept by …" so
 * every figure still carries provenance. A value's problems are reported at the sweep file's line.
 *
 *   sweep: retry-by-wan
 *   base: ../models/mp192-baseline.yaml
 *   replications: 2
 *   grid:
 *     - { name: retry, path: behaviour.retryIntervalS, values: [900, 3600, 14400] }
 *     - { name: wan, path: behaviour.wan.firstAttemptSuccess, values: [0.8, 0.9] }
 */
import { dirname, resolve } from 'node:path';
import * as z from 'zod';
import { explainZodIssue, formatIssue, InputError, issueAt, type InputIssue, MAX_YAML_BYTES, readText, sortIssues } from './issues.js';
import { loadScenario, type ModelEdit, newTableCache } from './load.js';
import * as msg from './messages.js';
import type { Scenario } from './types.js';
import { formatPath, type LNode, locate, parsePath, toPlain } from './located-tree.js';
import { loadModelSource } from './model-source.js';
import { notADocument, parseYaml } from './yaml-tree.js';

export const MAX_SWEEP_CASES = 1000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const name = z.string().regex(NAME, 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');

const sweepSchema = z.strictObject({
  sweep: name.describe('Sweep name (job ids, report folder)'),
  title: z.string().min(1).optional(),
  base: z.string().min(1).describe('Base model file, relative to the sweep file'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional()
    .describe('Seed for every case (common random numbers); default the base model’s'),
  replications: z.number().int().min(1).max(1000).optional().describe('Replications per case, default 1'),
  grid: z
    .array(z.strictObject({ name, path: z.string().min(1), values: z.array(z.unknown()).min(1), labels: z.array(z.string().min(1)).optional() }))
    .min(1)
    .max(4)
    .optional()
    .describe('Axes of a cartesian product, the first varying slowest'),
  cases: z
    .array(z.strictObject({ name, set: z.record(z.string(), z.unknown()) }))
    .min(1)
    .optional()
    .describe('Explicit cases, each a set of path: value'),
});

export interface SweepAxis {
  readonly name: string;
  /** Dotted model path(s) the axis sets. */
  readonly path: string;
  readonly labels: readonly string[];
}

export interface SweepCase {
  readonly index: number;
  /** c01, c02, …: short, ordered, file-name safe. */
  readonly id: string;
  /** `axis=label` pairs (grid) or the case's name (list). */
  readonly label: string;
  /** Axis name → the label of this case's value on it. */
  readonly values: Readonly<Record<string, string>>;
  readonly scenario: Scenario;
}

export interface Sweep {
  readonly name: string;
  readonly title: string;
  /** Absolute paths of the sweep file and its base model. */
  readonly file: string;
  readonly base: string;
  readonly seed: number;
  readonly replications: number;
  readonly design: 'grid' | 'cases';
  readonly axes: readonly SweepAxis[];
  readonly cases: readonly SweepCase[];
}

export type SweepLoadResult = { ok: true; sweep: Sweep } | { ok: false; issues: InputIssue[] };

type Plain = z.infer<typeof sweepSchema>;

const fail = (issues: InputIssue[]): SweepLoadResult => ({ ok: false, issues: sortIssues(issues) });

/** Loads a sweep file and every case's scenario; never throws for bad input. */
export async function loadSweep(file: string): Promise<SweepLoadResult> {
  const abs = resolve(file);
  const read = await readText(abs, MAX_YAML_BYTES, msg.yamlTooLarge);
  if (!read.ok) return fail([issueAt({ file: abs, line: 1, col: 1 }, '', read.message)]);
  const parsed = parseYaml(abs, read.text);
  const stray = notADocument(abs, read.text, parsed, Object.keys(sweepSchema.shape), 'sweep file');
  if (stray) return fail([stray]);
  const root = parsed.root;
  if (root === undefined) return fail(parsed.issues);
  const at = (path: readonly (string | number)[]) => locate(root, path).node.pos;
  const checked = sweepSchema.safeParse(toPlain(root), { reportInput: true });
  if (!checked.success) {
    const problems = checked.error.issues.flatMap(explainZodIssue);
    return fail([...parsed.issues, ...problems.map((p) => issueAt(at(p.path), formatPath(p.path), p.message))]);
  }
  const plain = checked.data;
  const issues: InputIssue[] = [...parsed.issues];
  const top = (key: string, message: string) => issues.push(issueAt(at([key]), key, message));
  if ((plain.grid === undefined) === (plain.cases === undefined)) top(plain.grid ? 'cases' : 'base', 'write exactly one of grid (a cartesian product) or cases (a list)');
  const baseFile = resolve(dirname(abs), plain.base);
  const base = await loadModelSource(baseFile, [], at(['base']));
  if (base.root === undefined) return fail([...issues, ...base.issues]);
  const baseRoot = base.root;
  const designs = plain.grid ? gridDesign(plain, root, baseRoot, issues) : listDesign(plain, root, baseRoot, issues);
  if (designs.cases.length > MAX_SWEEP_CASES) top(plain.grid ? 'grid' : 'cases', `at most ${MAX_SWEEP_CASES} cases (got ${designs.cases.length})`);
  if (issues.length > 0) return fail(issues);

  // the base's tables are read once for every case, not once per case
  const tables = newTableCache();
  const baseLoad = await loadScenario(baseFile, [], [], tables);
  if (!baseLoad.ok) return fail(baseLoad.issues);
  const width = String(designs.cases.length).length;
  const cases: SweepCase[] = [];
  const seen = new Set<string>();
  for (const [index, c] of designs.cases.entries()) {
    const id = `c${String(index + 1).padStart(width, '0')}`;
    const named = (text: string): LNode => ({ t: 'scalar', pos: at(['sweep']), text, value: text });
    const edits: ModelEdit[] = [...c.edits, { path: ['scenario'], node: named(`${plain.sweep}-${id}`) }, { path: ['title'], node: named(`${plain.title ?? plain.sweep}: ${c.label}`) }];
    const loaded = await loadScenario(baseFile, edits, [abs], tables);
    if (loaded.ok) cases.push({ index, id, label: c.label, values: c.values, scenario: loaded.scenario });
    else {
      for (const i of loaded.issues) {
        const key = formatIssue(i);
        if (!seen.has(key)) issues.push({ ...i, message: `${i.message} (case ${id}: ${c.label})` });
        seen.add(key);
      }
    }
  }
  if (issues.length > 0) return fail(issues);
  return {
    ok: true,
    sweep: {
      name: plain.sweep,
      title: plain.title ?? plain.sweep,
      file: abs,
      base: baseFile,
      seed: plain.seed ?? baseLoad.scenario.seed,
      replications: plain.replications ?? 1,
      design: plain.grid ? 'grid' : 'cases',
      axes: designs.axes,
      cases,
    },
  };
}

/** As `loadSweep`, but bad input throws an `InputError` carrying every issue. */
export async function loadSweepOrThrow(file: string): Promise<Sweep> {
  const r = await loadSweep(file);
  if (!r.ok) throw new InputError(r.issues);
  return r.sweep;
}

interface Draft {
  readonly label: string;
  readonly values: Record<string, string>;
  readonly edits: ModelEdit[];
}

/**
 * The edits that write `value` (a node of the sweep file) at `modelPath` of the base: a bare number
 * at a `{ value, source }` node sets the value and an "assumed: swept by" source; anything else
 * replaces the node. The path must exist in the base model.
 */
function editsFor(sweepName: string, what: string, modelPath: string, value: LNode, baseRoot: LNode, where: LNode['pos'], issues: InputIssue[]): ModelEdit[] {
  const path = parsePath(modelPath);
  const found = locate(baseRoot, path);
  if (path.length === 0 || !found.found) {
    issues.push(issueAt(where, what, `no ${JSON.stringify(modelPath)} in the base model (a dotted path such as behaviour.retryIntervalS or capacities[0].ceiling)`));
    return [];
  }
  const target = found.node;
  if (value.t === 'scalar' && typeof value.value === 'number' && target.t === 'map' && target.entries.has('value')) {
    const text = `assumed: swept by sweep ${sweepName} (${modelPath} = ${value.text})`;
    return [
      { path: [...path, 'value'], node: value },
      { path: [...path, 'source'], node: { t: 'scalar', pos: value.pos, text, value: text } },
    ];
  }
  return [{ path, node: value }];
}

function gridDesign(plain: Plain, root: LNode, baseRoot: LNode, issues: InputIssue[]): { axes: SweepAxis[]; cases: Draft[] } {
  const grid = plain.grid ?? [];
  const axes: SweepAxis[] = [];
  const options: Draft[][] = [];
  const names = new Set<string>();
  for (const [a, axis] of grid.entries()) {
    const here = (...rest: (string | number)[]) => locate(root, ['grid', a, ...rest]).node;
    if (names.has(axis.name)) issues.push(issueAt(here('name').pos, `grid[${a}].name`, `axis ${JSON.stringify(axis.name)} appears twice`));
    names.add(axis.name);
    if (axis.labels && axis.labels.length !== axis.values.length) {
      issues.push(issueAt(here('labels').pos, `grid[${a}].labels`, `needs one label per value (${axis.values.length}, got ${axis.labels.length})`));
    }
    const labels = axis.values.map((_, k) => {
      const node = here('values', k);
      return axis.labels?.[k] ?? (node.t === 'scalar' ? node.text : `#${k + 1}`);
    });
    if (new Set(labels).size !== labels.length) issues.push(issueAt(here('values').pos, `grid[${a}].values`, 'labels of the values must differ (give labels: [...])'));
    axes.push({ name: axis.name, path: axis.path, labels });
    options.push(
      axis.values.map((_, k) => ({
        label: `${axis.name}=${labels[k]}`,
        values: { [axis.name]: labels[k] as string },
        edits: editsFor(plain.sweep, `grid[${a}].values[${k}]`, axis.path, here('values', k), baseRoot, here('path').pos, issues),
      })),
    );
  }
  let cases: Draft[] = [{ label: '', values: {}, edits: [] }];
  for (const opts of options) {
    cases = cases.flatMap((c) => opts.map((o) => ({ label: c.label ? `${c.label}, ${o.label}` : o.label, values: { ...c.values, ...o.values }, edits: [...c.edits, ...o.edits] })));
    if (cases.length > MAX_SWEEP_CASES) break;
  }
  return { axes, cases };
}

function listDesign(plain: Plain, root: LNode, baseRoot: LNode, issues: InputIssue[]): { axes: SweepAxis[]; cases: Draft[] } {
  const list = plain.cases ?? [];
  const names = new Set<string>();
  const cases = list.map((c, k): Draft => {
    const set = locate(root, ['cases', k, 'set']).node;
    if (names.has(c.name)) issues.push(issueAt(locate(root, ['cases', k, 'name']).node.pos, `cases[${k}].name`, `case ${JSON.stringify(c.name)} appears twice`));
    names.add(c.name);
    const edits = set.t === 'map' ? [...set.entries].flatMap(([p, e]) => editsFor(plain.sweep, `cases[${k}].set.${p}`, p, e.node, baseRoot, e.keyPos, issues)) : [];
    return { label: c.name, values: { case: c.name }, edits };
  });
  return { axes: [{ name: 'case', path: [...new Set(list.flatMap((c) => Object.keys(c.set)))].join(', '), labels: list.map((c) => c.name) }], cases };
}
