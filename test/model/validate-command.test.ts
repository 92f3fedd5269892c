import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import * as msg from '../../src/model/messages.js';
import { captureOutput, fixture, line, ROOT } from './helpers.js';

const { out, err } = captureOutput();

const BASELINE = join(ROOT, 'models', 'mp192-baseline.yaml');

describe('validateCommand', () => {
  it('prints an ok line per valid model and returns 0', async () => {
    expect(await validateCommand([BASELINE, join(ROOT, 'models', 'p0-midnight-burst.yaml')], {})).toBe(0);
    expect(out.join('')).toBe('ok   models/mp192-baseline.yaml (mp192-baseline)\nok   models/p0-midnight-burst.yaml (p0-midnight-burst)\n');
    expect(err).toEqual([]);
  });

  it('prints every issue to stderr and returns 2 when any model is bad', async () => {
    expect(await validateCommand([BASELINE, fixture('missing-data.yaml')], {})).toBe(2);
    expect(out.join('')).toBe('ok   models/mp192-baseline.yaml (mp192-baseline)\n');
    expect(err.join('')).toBe(`${line('missing-data.yaml', 3, 12, 'data.cohorts', msg.fileNotFound(fixture('no-such-cohorts.csv')))}\n`);
  });

  it('prints JSON with --json', async () => {
    expect(await validateCommand([BASELINE, fixture('duplicate-key.yaml')], { json: true })).toBe(2);
    const report = JSON.parse(out.join('')) as { files: { file: string; ok: boolean; scenario?: string; issues: unknown[] }[] };
    expect(report.files).toEqual([
      { file: 'models/mp192-baseline.yaml', ok: true, scenario: 'mp192-baseline', warnings: [], issues: [] },
      {
        file: 'test/fixtures/model/duplicate-key.yaml',
        ok: false,
        issues: [{ file: 'test/fixtures/model/duplicate-key.yaml', line: 3, col: 1, path: 'title', message: msg.duplicateKey() }],
      },
    ]);
  });
});
