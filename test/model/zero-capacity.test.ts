/** A ceiling of 0 is refused at validation (maintenance windows are the way to switch a ceiling off). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { loadScenario } from '../../src/model/load.js';
import { ROOT } from './helpers.js';

it('refuses a zero ceiling with file:line and the value', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'srvsim-zero-')), 'm.yaml');
  writeFileSync(
    file,
    [
      `extends: ${join(ROOT, 'models', 'mp192-baseline.yaml')}`,
      'capacities:',
      '  - id: secure',
      '    component: Secure S1SP',
      '    currency: transactions',
      '    s1sps: [Secure]',
      '    ceiling: { kind: per-s, value: 0, source: "assumed: test" }',
      '    overflow: queue',
      '    baseline: { mode: none, firmware: false, scale: { kind: rates, source: "assumed: test" } }',
      '',
    ].join('\n'),
  );
  const r = await loadScenario(file);
  expect(r.ok).toBe(false);
  expect(r.ok ? [] : r.issues.map(formatIssue)).toContain(`${file}:7:36 capacities[0].ceiling.value: must be greater than 0 (got 0)`);
});
