/** Data paths resolve relative to the model file that wrote them, whatever the working directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { loadScenario } from '../../src/model/load.js';
import * as msg from '../../src/model/messages.js';
import { FIXTURES, fixture, issueLines, line, ROOT, scenarioOf } from './helpers.js';

const startCwd = process.cwd();
afterEach(() => process.chdir(startCwd));

describe('data paths', () => {
  it('names a missing data file by its absolute path, at the YAML key that names it', async () => {
    const missing = fixture('no-such-cohorts.csv');
    const lines = await issueLines(fixture('missing-data.yaml'));
    expect(lines).toEqual([line('missing-data.yaml', 3, 12, 'data.cohorts', msg.fileNotFound(missing))]);
    expect(lines[0]).toContain(missing);
  });

  it('resolves each path relative to the file in the extends chain that wrote it', async () => {
    const s = await scenarioOf(fixture('nested/own-cohorts.yaml'));
    expect(s.inputs).toEqual([
      fixture('nested/own-cohorts.yaml'),
      join(ROOT, 'models', 'mp192-baseline.yaml'),
      join(ROOT, 'data', 'srv-catalogue.csv'),
      fixture('cohorts-bom.csv'),
      join(ROOT, 'data', 'baseline-shape.csv'),
    ]);
  });

  it('loads the same model from another working directory, by absolute or relative path', async () => {
    process.chdir(tmpdir());
    const fromTmp = await loadScenario(fixture('nested/own-cohorts.yaml'));
    expect(fromTmp.ok).toBe(true);
    process.chdir(FIXTURES);
    const relative = await loadScenario('nested/own-cohorts.yaml');
    expect(relative.ok && relative.scenario.file).toBe(fixture('nested/own-cohorts.yaml'));
    expect(relative.ok && relative.scenario.cohorts.map((c) => c.id)).toEqual(['MOC']);
  });

  it('shows files relative to the working directory when inside it, else absolute', async () => {
    // A fresh folder that is not an ancestor of the repository, wherever the repository lives.
    process.chdir(mkdtempSync(join(tmpdir(), 'srvsim-cwd-')));
    const result = await loadScenario(fixture('missing-data.yaml'));
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue && formatIssue(issue)).toBe(`${fixture('missing-data.yaml')}:3:12 data.cohorts: ${msg.fileNotFound(fixture('no-such-cohorts.csv'))}`);
    process.chdir(ROOT);
    expect(issue && formatIssue(issue)).toBe(`test/fixtures/model/missing-data.yaml:3:12 data.cohorts: ${msg.fileNotFound(fixture('no-such-cohorts.csv'))}`);
  });
});
