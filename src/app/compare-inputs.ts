/**
 * The scenarios a comparison runs, from its arguments: each a model, or a sweep file.
 *
 *   base: ../models/mp192-baseline.yaml        # paths relative to the sweep file
 *   placements:
 *     - ../models/p2-morning.yaml              # a model (usually extending the base)
 *     - { name: early, kind: uniform, windows: [{ start: "04:00", end: "10:00" }], source: "assumed: …" }
 *
 * An inline placement becomes a model that extends the base with that placement (name, title optional),
 * written to a temporary folder, loaded, and removed again; the base itself is compared only if listed
 * among the placements. A `srvsim sweep` file (top-level `sweep:`) is taken too: its cases are the scenarios.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, type InputIssue, MAX_YAML_BYTES, readText } from '../model/issues.js';
import { loadScenario, loadScenarioOrThrow } from '../model/load.js';
import { yamlTooLarge } from '../model/messages.js';
import { loadSweepOrThrow } from '../model/sweep.js';
import type { Scenario } from '../model/types.js';

export interface ComparisonInputs {
  readonly scenarios: Scenario[];
  /** Every input file (models, tables, sweep files), absolute; no temporary file. */
  readonly inputs: string[];
}

/**
 * A YAML file's text, read with the models' limits (a FIFO, a device or an oversized file is never read);
 * '' when refused: the file then goes on to load as a model, which reports why.
 */
async function yamlText(abs: string): Promise<string> {
  const read = await readText(abs, MAX_YAML_BYTES, yamlTooLarge);
  return read.ok ? read.text : '';
}

/** A sweep file's scenarios, or null when `file` is a model. Throws InputError on a bad sweep. */
export async function loadPlacementList(file: string): Promise<ComparisonInputs | null> {
  const abs = resolve(file);
  const text = await yamlText(abs);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const plain = doc.errors.length === 0 ? (doc.toJS() as unknown) : undefined;
  if (!plain || typeof plain !== 'object' || !('placements' in plain)) return null;
  const at = (path: (string | number)[], message: string, got?: unknown): InputIssue => {
    const node = doc.getIn(path, true) as { range?: [number] } | undefined;
    const p = lines.linePos(node?.range?.[0] ?? 0);
    return { file: abs, line: p.line, col: p.col, path: path.join('.').replace(/\.(\d+)/g, '[$1]'), message, ...(got !== undefined ? { got: JSON.stringify(got) } : {}) };
  };
  const { base, placements } = plain as { base?: unknown; placements?: unknown };
  if (typeof base !== 'string') throw new InputError([at(['base'], 'must be the path of the base model (text)', base)]);
  if (!Array.isArray(placements) || placements.length === 0) throw new InputError([at(['placements'], 'must be a non-empty list of model paths or placement objects')]);
  const dir = dirname(abs);
  const baseFile = resolve(dir, base);
  const baseScenario = await loadScenarioOrThrow(baseFile);
  const tmp = mkdtempSync(join(tmpdir(), 'srvsim-sweep-'));
  const scenarios: Scenario[] = [];
  const issues: InputIssue[] = [];
  const inputs = new Set<string>([abs]);
  try {
    for (const [k, item] of placements.entries()) {
      let model: string;
      if (typeof item === 'string') model = resolve(dir, item);
      else if (item && typeof item === 'object' && !Array.isArray(item)) {
        const { name, title, ...placement } = item as Record<string, unknown>;
        const scenario = typeof name === 'string' ? name : `${baseScenario.name}-placement-${k + 1}`;
        if (typeof placement.file === 'string' && !isAbsolute(placement.file)) placement.file = resolve(dir, placement.file);
        placement.source ??= `assumed: inline placement ${k + 1} of the sweep file ${basename(abs)} (no source given)`;
        model = join(tmp, `placement-${k + 1}.yaml`);
        const t = typeof title === 'string' ? title : `${scenario}: inline placement ${k + 1} of ${basename(abs)}`;
        writeFileSync(model, `extends: ${JSON.stringify(baseFile)}\nscenario: ${JSON.stringify(scenario)}\ntitle: ${JSON.stringify(t)}\nplacement: ${JSON.stringify(placement)}\n`);
      } else {
        issues.push(at(['placements', k], 'must be a model path or a placement object', item));
        continue;
      }
      const r = await loadScenario(model);
      if (r.ok) {
        scenarios.push(r.scenario);
        for (const f of r.scenario.inputs) if (!f.startsWith(tmp)) inputs.add(f);
      } else {
        issues.push(
          ...r.issues.map((i) =>
            i.file === model
              ? { ...at(['placements', k], i.message), path: `placements[${k}].${i.path.replace(/^placement\.?/, '')}`.replace(/\.$/, ''), ...(i.got !== undefined ? { got: i.got } : {}) }
              : i,
          ),
        );
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (issues.length > 0) throw new InputError(issues);
  return { scenarios, inputs: [...inputs] };
}

/** The cases of a `srvsim sweep` file (a top-level `sweep:` key), or null for any other file. */
async function loadSweepCases(file: string): Promise<ComparisonInputs | null> {
  const text = await yamlText(resolve(file));
  if (!/^sweep\s*:/m.test(text)) return null;
  const sweep = await loadSweepOrThrow(file);
  return { scenarios: sweep.cases.map((c) => c.scenario), inputs: [...new Set(sweep.cases.flatMap((c) => c.scenario.inputs))] };
}

/**
 * The scenarios of a comparison's arguments, in order: each a model, a placement list (its placements)
 * or a `srvsim sweep` file (its cases). Throws InputError naming every problem.
 */
export async function loadComparisonInputs(files: readonly string[]): Promise<ComparisonInputs> {
  const scenarios: Scenario[] = [];
  const inputs = new Set<string>();
  for (const f of files) {
    const sweep = (await loadSweepCases(f)) ?? (await loadPlacementList(f));
    const one = sweep ? null : await loadScenarioOrThrow(f);
    const part = sweep ?? { scenarios: [one as Scenario], inputs: one?.inputs ?? [] };
    scenarios.push(...part.scenarios);
    for (const i of part.inputs) inputs.add(i);
  }
  return { scenarios, inputs: [...inputs] };
}
