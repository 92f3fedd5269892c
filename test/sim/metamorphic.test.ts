/**
 * Metamorphic checks: changes that should not matter leave the results identical — the order of
 * rows in the tables, and a cohort that no schedule is routed to.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import type { Scenario } from '../../src/model/types.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { ROOT } from '../helpers/scenarios.js';

const data = (name: string) => readFileSync(join(ROOT, 'data', name), 'utf8');
const reverseRows = (csv: string) => {
  const [header, ...rows] = csv.trimEnd().split('\n');
  return `${[header, ...rows.reverse()].join('\n')}\n`;
};

/** A model in a temp folder: the default, pro-rata, small, with the given cohort and SRV tables. */
async function modelWith(cohorts: string, catalogue: string): Promise<Scenario> {
  const dir = mkdtempSync(join(tmpdir(), 'srvsim-meta-'));
  writeFileSync(join(dir, 'cohorts.csv'), cohorts);
  writeFileSync(join(dir, 'srv-catalogue.csv'), catalogue);
  writeFileSync(
    join(dir, 'model.yaml'),
    [
      `extends: ${join(ROOT, 'models', 'mp192-pro-rata.yaml')}`,
      'data:',
      '  cohorts: ./cohorts.csv',
      '  srvCatalogue: ./srv-catalogue.csv',
      'workload:',
      '  srvsPerDay: { value: 20003, source: "assumed: test size, not a multiple of the shares so rounding must pick groups" }',
      'day:',
      '  horizonH: { value: 30, source: "assumed: test size" }',
      '',
    ].join('\n'),
  );
  return loadScenarioOrThrow(join(dir, 'model.yaml'));
}

/** The summary with per-cohort rows keyed by cohort, so table order cannot show through. */
function result(s: Scenario) {
  const r = runReplication(s, { seed: 4, replication: 0 });
  const summary = summarise(s, [r]);
  expectInvariants(s, [r], summary);
  const { perCohort, ...rest } = summary;
  return { rest: JSON.stringify(rest), perCohort: Object.fromEntries(perCohort.map((c) => [c.cohort, c])) };
}

describe('results that must not change', () => {
  it('do not depend on the order of rows in the cohort and SRV tables', async () => {
    const a = result(await modelWith(data('cohorts.csv'), data('srv-catalogue.csv')));
    const b = result(await modelWith(reverseRows(data('cohorts.csv')), reverseRows(data('srv-catalogue.csv'))));
    expect(b.rest).toBe(a.rest);
    expect(b.perCohort).toEqual(a.perCohort);
  });

  it('do not change when a cohort that nothing is routed to is added', async () => {
    const base = await modelWith(data('cohorts.csv'), data('srv-catalogue.csv'));
    const extra = `${data('cohorts.csv').trimEnd()}\nSPARE,Secure,SMETS1,DLMS,0,1000,0,"assumed: test cohort with no share"\n`;
    const withSpare = await modelWith(extra, data('srv-catalogue.csv'));
    expect(withSpare.cohorts.map((c) => c.id)).toContain('SPARE');
    const a = result(base);
    const b = result(withSpare);
    expect(b.rest).toBe(a.rest);
    expect(b.perCohort.SPARE).toMatchObject({ srs: 0, dlms: 0, alerts: 0 });
    for (const id of Object.keys(a.perCohort)) expect(b.perCohort[id]).toEqual(a.perCohort[id]);
  });
});
