/** The small pieces: issue format, times, DLMS grammar, the extends merge and path mapping. */
import { describe, expect, it } from 'vitest';
import { formatIssue, InputError, type InputIssue } from '../../src/model/issues.js';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import * as msg from '../../src/model/messages.js';
import { parseDlms, parseTime } from '../../src/model/schema.js';
import { formatPath, locate, merge, parsePath, toPlain } from '../../src/model/located-tree.js';
import { parseYaml } from '../../src/model/yaml-tree.js';
import { fixture, ROOT } from './helpers.js';

describe('formatIssue', () => {
  const issue: InputIssue = { file: `${ROOT}/models/x.yaml`, line: 12, col: 5, path: 'placement.windows[1].end', message: 'must be after start' };
  it('prints file:line:col path: message (got value), the file relative to the working directory', () => {
    expect(formatIssue({ ...issue, got: '05:00' })).toBe('models/x.yaml:12:5 placement.windows[1].end: must be after start (got 05:00)');
  });
  it('leaves out (got …) without a value, and the path for a whole-file issue', () => {
    expect(formatIssue(issue)).toBe('models/x.yaml:12:5 placement.windows[1].end: must be after start');
    expect(formatIssue({ ...issue, path: '', line: 1, col: 1 })).toBe('models/x.yaml:1:1: must be after start');
  });
  it('shows a file outside the working directory by its absolute path', () => {
    expect(formatIssue({ ...issue, file: '/elsewhere/m.yaml' })).toBe('/elsewhere/m.yaml:12:5 placement.windows[1].end: must be after start');
  });
  it('InputError carries every issue; loadScenarioOrThrow throws it', async () => {
    const err = await loadScenarioOrThrow(fixture('rules-shares.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues).toHaveLength(5);
    expect((err as InputError).message.split('\n')).toEqual((err as InputError).issues.map(formatIssue));
  });
});

describe('parseTime', () => {
  it.each([
    ['00:00', 0],
    ['06:00', 21_600],
    ['23:59:59', 86_399],
    ['24:00', 86_400],
    ['24:00:00', 86_400],
  ])('%s → %d s', (t, s) => expect(parseTime(t)).toBe(s));
  it.each(['24:01', '25:00', '6:00', '06:60', '06:00:60', '0600', '', ' 06:00', '06:00 '])('refuses %j', (t) => expect(parseTime(t)).toBeUndefined());
});

describe('parseDlms', () => {
  it('reads the three forms', () => {
    expect(parseDlms('uniform 5..7')).toEqual({ kind: 'uniform', min: 5, max: 7 });
    expect(parseDlms('fixed 6')).toEqual({ kind: 'fixed', value: 6 });
    expect(parseDlms('pmf 5:0.25 8:0.75')).toEqual({ kind: 'pmf', values: [5, 8], probs: [0.25, 0.75] });
    expect(parseDlms('pmf 1:0.1 2:0.2 3:0.7')).toEqual({ kind: 'pmf', values: [1, 2, 3], probs: [0.1, 0.2, 0.7] });
  });
  it('takes up to 1,000 commands a read (each SR’s count is held in 16 bits)', () => {
    expect(parseDlms('fixed 1000')).toEqual({ kind: 'fixed', value: 1000 });
    expect(parseDlms('uniform 999..1000')).toEqual({ kind: 'uniform', min: 999, max: 1000 });
  });
  it.each([
    'fixed 1001',
    'uniform 5..70000',
    'pmf 5:0.5 1001:0.5',
    'uniform 7..5',
    'uniform 0..3',
    'fixed 0',
    'fixed 2.5',
    'pmf',
    'pmf 5:x',
    'pmf 5:0.5:1 6:0.5',
    'pmf 5:0.5 5:0.5',
    'pmf 5:1.5 6:-0.5',
    'normal 5',
    '',
  ])('refuses %j', (s) => expect(parseDlms(s)).toBe(msg.dlmsGrammar()));
  it('refuses probabilities that do not sum to 1 ± 1e-9', () => {
    expect(parseDlms('pmf 5:0.5 6:0.6')).toBe(msg.pmfSum());
    expect(parseDlms('pmf 5:0.5 6:0.5000000001')).toEqual({ kind: 'pmf', values: [5, 6], probs: [0.5, 0.5000000001] });
  });
});

describe('extends merge', () => {
  const parent = parseYaml('/p.yaml', 'a: { x: 1, y: 2 }\nlist: [1, 2, 3]\nplacement: { kind: uniform, windows: [w], source: s }\nr: { mode: m1, k: 1 }\n').root!;
  const child = parseYaml('/c.yaml', 'a: { y: 20 }\nlist: [9]\nplacement: { kind: fixed, at: "00:00" }\nr: { k: 2 }\n').root!;
  const merged = merge(parent, child);
  it('merges maps deeply, replaces lists and scalars, replaces a map whose kind or mode changes', () => {
    expect(toPlain(merged)).toEqual({
      a: { x: 1, y: 20 },
      list: [9],
      placement: { kind: 'fixed', at: '00:00' },
      r: { mode: 'm1', k: 2 },
    });
  });
  it('keeps the position where each merged value was written', () => {
    expect(locate(merged, parsePath('a.x')).node.pos).toEqual({ file: '/p.yaml', line: 1, col: 9 });
    expect(locate(merged, parsePath('a.y')).node.pos).toEqual({ file: '/c.yaml', line: 1, col: 9 });
    expect(locate(merged, parsePath('list[0]')).node.pos).toEqual({ file: '/c.yaml', line: 2, col: 8 });
    expect(locate(merged, parsePath('r.mode')).node.pos.file).toBe('/p.yaml');
  });
  it('maps paths both ways', () => {
    expect(parsePath('capacities[1].ceiling.value')).toEqual(['capacities', 1, 'ceiling', 'value']);
    expect(formatPath(['capacities', 1, 'ceiling', 'value'])).toBe('capacities[1].ceiling.value');
    expect(locate(merged, parsePath('a.z'))).toMatchObject({ found: false, node: { t: 'map' } });
  });
  it('stops recursive and exponentially expanding aliases', () => {
    expect(parseYaml('/r.yaml', 'a: &a [ *a ]\n').issues.map((i) => i.message)).toEqual([msg.tooDeep(64)]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i += 1)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(parseYaml('/b.yaml', `${bomb.join('\n')}\n`).issues.map((i) => i.message)).toEqual([msg.tooLarge(100_000)]);
  });
});
