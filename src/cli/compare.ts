/**
 * `srvsim compare <models-or-sweeps...>`: run several scenarios with one seed and R (common random
 * numbers), rank them, print the ranking and write reports/compare/<run-id>/ (compare.html, .md,
 * .json, charts/*, manifest.json last). An argument is a model, or a sweep file:
 *
 *   base: ../models/mp192-baseline.yaml        # paths relative to the sweep file
 *   placements:
 *     - ../models/p2-morning.yaml              # a model (usually extending the base)
 *     - { name: early, kind: uniform, windows: [{ start: "04:00", end: "10:00" }], source: "assumed: …" }
 *
 * An inline placement becomes a model that extends the base with that placement (name, title optional);
 * the base itself is compared only if listed among the placements. A `srvsim sweep` file (top-level
 * `sweep:`) is taken too: its cases are the scenarios (seed and replications from the command line).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { compareScenarios } from '../app/compare.js';
import { buildManifest, gitCommit, MANIFEST } from '../app/manifest.js';
import { withReportDir } from '../app/output-dir.js';
import { writeReportDir } from '../app/write-files.js';
import { displayPath, formatIssues, InputError, type InputIssue, MAX_YAML_BYTES, readText } from '../model/issues.js';
import { yamlTooLarge } from '../model/messages.js';
import { loadScenario, loadScenarioOrThrow } from '../model/load.js';
import { loadSweepOrThrow } from '../model/sweep.js';
import type { Scenario } from '../model/types.js';
import { comparisonJson, compareFiles } from '../report/compare/files.js';
import { comparisonText } from '../report/compare/text.js';
import { PACKAGE_ROOT, toolVersion } from './default-models.js';
import { EXIT, say } from './exit-codes.js';
import { runId } from './run.js';

export interface CompareCliOptions {
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
}

/** A usage problem found before anything runs (exit 2). */
class UsageError extends Error {}

interface Loaded {
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
export async function loadPlacementList(file: string): Promise<Loaded | null> {
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
async function loadSweepCases(file: string): Promise<Loaded | null> {
  const text = await yamlText(resolve(file));
  if (!/^sweep\s*:/m.test(text)) return null;
  const sweep = await loadSweepOrThrow(file);
  return { scenarios: sweep.cases.map((c) => c.scenario), inputs: [...new Set(sweep.cases.flatMap((c) => c.scenario.inputs))] };
}

async function loadAll(files: readonly string[]): Promise<Loaded> {
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

export async function compareCommand(models: readonly string[], opts: CompareCliOptions = {}): Promise<number> {
  let loaded: Loaded;
  try {
    loaded = await loadAll(models);
    const names = loaded.scenarios.map((s) => s.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (loaded.scenarios.length < 2) throw new UsageError(`compare needs at least two scenarios (got ${loaded.scenarios.length})`);
    if (dup !== undefined) throw new UsageError(`scenario names must differ: ${JSON.stringify(dup)} appears twice`);
  } catch (err) {
    if (err instanceof InputError) process.stderr.write(`${formatIssues(err.issues).join('\n')}\n`);
    else if (err instanceof UsageError) process.stderr.write(`srvsim: ${err.message}\n`);
    else throw err;
    return EXIT.input;
  }
  const { scenarios, inputs } = loaded;
  const seed = opts.seed ?? (scenarios[0] as Scenario).seed;
  const replications = opts.replications ?? 1;
  const dir = opts.out ? resolve(opts.out) : resolve('reports', 'compare', runId(seed, replications));
  return withReportDir(dir, inputs, say, async (claim) => {
    const talk = !opts.quiet && !opts.json && process.stderr.isTTY;
    const comparison = await compareScenarios(scenarios, {
      seed,
      replications,
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (done, total) => talk && process.stderr.write(`srvsim compare: ${done}/${total} scenario-replications done\n`),
    });
    const workers = opts.workers ?? availableParallelism();
    const facts = {
      version: toolVersion(),
      commit: gitCommit(PACKAGE_ROOT),
      scenario: `compare: ${scenarios.map((s) => s.name).join(', ')}`,
      seed,
      replications,
      workers,
      arguments: process.argv.slice(2),
      inputs,
    };
    const files = await compareFiles(comparison, { ...facts, toolVersion: facts.version, nodeVersion: process.version });
    await writeReportDir(claim, files, { path: MANIFEST, contents: `${JSON.stringify(buildManifest(facts, files), null, 2)}\n` }, opts.signal);
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...JSON.parse(comparisonJson(comparison)), reportDir: dir }, null, 2)}\n`);
    else process.stdout.write(`${comparisonText(comparison)}\nReport: ${displayPath(join(dir, 'compare.html'))}\n`);
    return EXIT.ok;
  });
}
