/**
 * Event-trace fingerprints of small reference models: a hash of every delivered (time, kind, entity).
 * Any change in what the simulator does, or in what order, changes them. An intended change updates
 * test/fixtures/golden/fingerprints.json in the same commit:  UPDATE_GOLDEN=1 npx vitest run test/sim/golden.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/sim/run-replication.js';
import { expectInvariants } from '../helpers/invariants.js';
import { ROOT, shipped, variant } from '../helpers/scenarios.js';

const FILE = join(ROOT, 'test', 'fixtures', 'golden', 'fingerprints.json');
const golden = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, string>;
const shrink = (d: { workload: { srvsPerDay: number }; day: { horizonS: number } }) => {
  d.workload.srvsPerDay = 5_000;
  d.day.horizonS = 30 * 3600;
};
const references = {
  'mp192-baseline 5k': variant(await shipped('mp192-baseline'), shrink),
  'p0-midnight-burst 5k': variant(await shipped('p0-midnight-burst'), shrink),
  'mp192-pro-rata 5k': variant(await shipped('mp192-pro-rata'), shrink),
};

describe('event-trace fingerprints', () => {
  const found: Record<string, string> = {};
  for (const [name, s] of Object.entries(references)) {
    it(`${name} delivers the golden event trace`, () => {
      const r = runReplication(s, { seed: 1, replication: 0, trace: true });
      expectInvariants(s, [r]);
      const fp = r.fingerprint ?? '';
      found[name] = fp;
      if (process.env.UPDATE_GOLDEN) writeFileSync(FILE, `${JSON.stringify({ ...golden, ...found }, null, 2)}\n`);
      else expect(fp).toBe(golden[name]);
    });
  }
});
