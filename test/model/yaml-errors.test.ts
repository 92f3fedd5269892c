/** Bad YAML input: every case has a fixture and the exact line a user sees. */
import { describe, expect, it } from 'vitest';
import * as msg from '../../src/model/messages.js';
import { fixture, issueLines, line } from './helpers.js';

const SOURCE_MSG = msg.sourceTag();

describe('YAML model errors', () => {
  it('reports every value error of one file at once: integers, negatives, empty, NaN/±inf, strings, hex', async () => {
    const f = 'bad-values.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 3, 16, 'seed.value', msg.notInteger(), '1.5'),
      line(f, 5, 18, 'day.trtS.value', msg.greaterThan(0), '-5'),
      line(f, 7, 11, 'day.horizonH.value', msg.expected('a number'), '""'),
      line(f, 9, 53, 'day.peakWindow.source', SOURCE_MSG, '"folklore"'),
      line(f, 12, 35, 'behaviour.wan.firstAttemptSuccess.value', msg.notFinite(), '.nan'),
      line(f, 13, 28, 'behaviour.wan.retrySuccess.value', msg.notFinite(), '.inf'),
      line(f, 14, 35, 'behaviour.wan.neverReachableShare.value', msg.notFinite(), '-.inf'),
      line(f, 15, 28, 'behaviour.retryIntervalS.value', msg.expected('a number'), '"3600"'),
      line(f, 17, 24, 'workload.srvsPerDay.value', msg.notDecimal(), '0x10'),
    ]);
  });

  it('reports unknown keys at the key, a missing key at its map, unknown kinds and enum values', async () => {
    const f = 'bad-structure.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 3, 1, 'colour', msg.unknownKey('colour')),
      line(f, 5, 3, 'day.trts', msg.unknownKey('trts')),
      line(f, 6, 20, 'placement.kind', msg.oneOf(['fixed', 'uniform', 'per-cohort', 'histogram']), 'gaussian'),
      line(f, 8, 5, 'capacities[0].overflow', msg.missingKey()),
      line(f, 10, 15, 'capacities[0].currency', msg.oneOf(['transactions', 'dlms']), 'euros'),
    ]);
  });

  it('reports a YAML syntax error with its position', async () => {
    const detail = 'Flow sequence in block collection must be sufficiently indented and end with a ]';
    expect(await issueLines(fixture('syntax-error.yaml'))).toEqual([line('syntax-error.yaml', 3, 1, '', msg.yamlSyntax(detail))]);
  });

  it('reports a duplicate key at the second occurrence', async () => {
    expect(await issueLines(fixture('duplicate-key.yaml'))).toEqual([line('duplicate-key.yaml', 3, 1, 'title', msg.duplicateKey())]);
  });

  it('reports malformed times', async () => {
    const f = 'bad-time-format.yaml';
    expect(await issueLines(fixture(f))).toEqual([line(f, 3, 23, 'placement.windows[0].start', msg.badTime(), '6am'), line(f, 6, 13, 'day.deadlines[0].at', msg.badTime(), '"25:00"')]);
  });

  it('reports a cycle in extends at the extends that closes it', async () => {
    const chain = ['cycle-a.yaml', 'cycle-b.yaml', 'cycle-a.yaml'].map((f) => `test/fixtures/model/${f}`);
    expect(await issueLines(fixture('cycle-a.yaml'))).toEqual([line('cycle-b.yaml', 1, 10, 'extends', msg.extendsCycle(chain))]);
  });

  it('reports a missing parent at the extends that names it, by absolute path', async () => {
    expect(await issueLines(fixture('extends-missing.yaml'))).toEqual([line('extends-missing.yaml', 1, 10, 'extends', msg.fileNotFound(fixture('no-such-parent.yaml')))]);
  });

  it('reports a model file that does not exist', async () => {
    expect(await issueLines(fixture('nope.yaml'))).toEqual([line('nope.yaml', 1, 1, '', msg.fileNotFound(fixture('nope.yaml')))]);
  });
});
