/** A model given as a plain object is checked exactly as a model file; paths resolve from `baseDir`. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatIssue, type InputIssue, loadScenario, loadScenarioOrThrow, type Scenario } from '../../src/index.js';
import * as msg from '../../src/model/messages.js';
import { modelPath, ROOT } from '../helpers/scenarios.js';

const MODELS = join(ROOT, 'models');
const dir = mkdtempSync(join(tmpdir(), 'srvsim-object-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scenario without where it was written: its file, inputs and provenance positions. */
const content = (s: Scenario) => ({ ...s, file: '', inputs: [], provenance: s.provenance.map((p) => ({ ...p, at: '' })) });
const pathsAndMessages = (issues: readonly InputIssue[]) => issues.map((i) => `${i.path}: ${i.message}`).sort();

it('loads the object of a shipped model file to the same scenario, reading the same files but itself', async () => {
  const object = parse(readFileSync(modelPath('p2-morning'), 'utf8')) as Record<string, unknown>;
  const fromFile = await loadScenarioOrThrow(modelPath('p2-morning'));
  const fromObject = await loadScenarioOrThrow(object, { baseDir: MODELS, name: 'p2-object' });
  expect(content(fromObject)).toEqual(content(fromFile));
  expect(fromObject.file).toBe(join(MODELS, 'p2-object'));
  expect(fromObject.inputs).toEqual(fromFile.inputs.filter((f) => f !== modelPath('p2-morning')));
  expect(fromObject.provenance.find((p) => p.path === 'placement.windows[0].start')?.at).toBe('models/p2-object:1');
});

it('reports the issues a model file with the same content gets, placed at the object and its paths', async () => {
  const base = modelPath('mp192-baseline');
  const schemaBad = { extends: base, seed: { value: -1, source: 'nowhere' }, title: undefined };
  const rulesBad = {
    extends: base,
    workload: { mix: [{ srv: '9.9', share: { value: 0.9, source: 'assumed: test' } }] },
    day: { peakWindow: { start: '06:00', end: '05:00', source: 'assumed: test' } },
  };
  for (const [k, object] of [schemaBad, rulesBad].entries()) {
    const file = join(dir, `same-${k}.yaml`);
    writeFileSync(file, `${JSON.stringify(object)}\n`);
    const fromFile = await loadScenario(file);
    const fromObject = await loadScenario(object, { baseDir: dir, name: 'bad' });
    if (fromFile.ok || fromObject.ok) throw new Error('both must fail');
    expect(fromObject.issues.length).toBeGreaterThanOrEqual(2);
    expect(pathsAndMessages(fromObject.issues)).toEqual(pathsAndMessages(fromFile.issues));
    for (const i of fromObject.issues) expect(i).toMatchObject({ file: join(dir, 'bad'), line: 1, col: 1 });
  }
  const issues = await loadScenario(rulesBad, { baseDir: dir, name: 'bad' });
  expect(!issues.ok && issues.issues.map(formatIssue)).toEqual([
    `${join(dir, 'bad')}:1:1 day.peakWindow.end: ${msg.windowEndNotAfterStart()} (got "05:00")`,
    `${join(dir, 'bad')}:1:1 workload.mix: ${msg.sharesSum('mix')} (got 0.9)`,
    `${join(dir, 'bad')}:1:1 workload.mix[0].srv: ${msg.unknownSrv('9.9')} (got "9.9")`,
  ]);
});

it('resolves extends and tables from baseDir, and reports a missing parent at `extends`', async () => {
  const missing = await loadScenario({ extends: 'nowhere.yaml' }, { baseDir: dir });
  expect(missing.ok).toBe(false);
  expect(!missing.ok && missing.issues.map((i) => [i.path, i.file])).toEqual([['extends', join(dir, '<model object>')]]);
  const relative = await loadScenarioOrThrow({ extends: 'p1-peak-window.yaml' }, { baseDir: pathToFileURL(`${MODELS}/`) });
  expect(relative.name).toBe((await loadScenarioOrThrow(new URL('p1-peak-window.yaml', pathToFileURL(`${MODELS}/`)))).name);
  expect((await loadScenarioOrThrow('p1-peak-window.yaml', { baseDir: MODELS })).name).toBe(relative.name);
});

it('refuses what is not a model: a list, a cycle, too many shared nodes', async () => {
  const list = await loadScenario([1, 2] as unknown as Record<string, unknown>);
  expect(list.ok).toBe(false);
  const cyclic: Record<string, unknown> = { extends: modelPath('mp192-baseline') };
  cyclic.costs = cyclic;
  const cycle = await loadScenario(cyclic);
  expect(!cycle.ok && cycle.issues.map((i) => i.message)).toContain(msg.tooDeep(64));
  let shared: unknown = [0];
  for (let i = 0; i < 20; i++) shared = [shared, shared];
  const bomb = await loadScenario({ extends: modelPath('mp192-baseline'), costs: shared });
  expect(!bomb.ok && bomb.issues.map((i) => i.message)).toContain(msg.tooLarge(100_000));
});
