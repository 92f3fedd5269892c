/** Sweep files: expansion order, swept values in the scenarios with provenance, and every problem at its line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { loadSweep } from '../../src/model/sweep.js';
import { ROOT } from '../helpers/scenarios.js';

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const BASE = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');

function sweepFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'srvsim-sweepfile-')), 'sweep.yaml');
  writeFileSync(file, text);
  return file;
}

async function problems(text: string): Promise<string[]> {
  const r = await loadSweep(sweepFile(text));
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('loadSweep', () => {
  it('expands a grid as a cartesian product, first axis slowest, with the swept values in each scenario', async () => {
    const r = await loadSweep(GRID);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const s = r.sweep;
    expect(s.cases.map((c) => c.label)).toEqual(['placement=P1, retry-s=900', 'placement=P1, retry-s=3600', 'placement=P2, retry-s=900', 'placement=P2, retry-s=3600']);
    expect(s.cases.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(s.cases.map((c) => c.scenario.behaviour.retryIntervalS)).toEqual([900, 3600, 900, 3600]);
    expect(s.cases.map((c) => c.scenario.placement)).toEqual([
      { kind: 'uniform', windows: [{ startS: 0, endS: 21_600 }] },
      { kind: 'uniform', windows: [{ startS: 0, endS: 21_600 }] },
      { kind: 'uniform', windows: [{ startS: 21_600, endS: 43_200 }] },
      { kind: 'uniform', windows: [{ startS: 21_600, endS: 43_200 }] },
    ]);
    // everything not swept comes from the base
    expect(new Set(s.cases.map((c) => c.scenario.workload.srvsPerDay))).toEqual(new Set([20_000]));
    expect(s.cases[0]?.scenario.name).toBe('small-grid-c1');
    expect(s.replications).toBe(2);
    expect(s.seed).toBe(20220209);
    // a bare number keeps provenance: the source names the sweep, `at` its line
    const p = s.cases[1]?.scenario.provenance.find((e) => e.path === 'behaviour.retryIntervalS.value');
    expect(p?.source).toBe('assumed: swept by sweep small-grid (behaviour.retryIntervalS = 3600)');
    expect(p?.at).toMatch(/small-grid\.yaml:15$/);
    expect(s.cases[0]?.scenario.inputs).toContain(GRID);
  });

  it('loads the shipped example sweep: 3 placements × 3 retry intervals of the default model', async () => {
    const r = await loadSweep(join(ROOT, 'sweeps', 'placement-by-retry.yaml'));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.sweep.cases).toHaveLength(9);
    expect(r.sweep.axes.map((a) => a.labels)).toEqual([
      ['P1 00-06', 'P2 06-12', 'P3 18-24'],
      ['900', '3600', '14400'],
    ]);
    expect(new Set(r.sweep.cases.map((c) => c.scenario.workload.srvsPerDay))).toEqual(new Set([2_700_000]));
  });

  it('takes an explicit list of cases', async () => {
    const r = await loadSweep(
      sweepFile(
        `sweep: two\nbase: ${BASE}\ncases:\n  - { name: fast, set: { behaviour.retryIntervalS: 900, behaviour.wan.firstAttemptSuccess: 0.8 } }\n  - { name: slow, set: { behaviour.retryIntervalS: 14400 } }\n`,
      ),
    );
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.sweep.design).toBe('cases');
    expect(r.sweep.cases.map((c) => [c.label, c.scenario.behaviour.retryIntervalS, c.scenario.behaviour.wan.firstAttemptSuccess])).toEqual([
      ['fast', 900, 0.8],
      ['slow', 14_400, 0.9],
    ]);
  });

  it('reports every problem at its line in the sweep file', async () => {
    const unknownPath = await problems(`sweep: s\nbase: ${BASE}\ngrid:\n  - name: r\n    path: behaviour.retryIntervalZ\n    values: [900]\n`);
    expect(unknownPath.join('\n')).toMatch(/sweep\.yaml:5:11 grid\[0\]\.values\[0\]: no "behaviour\.retryIntervalZ" in the base model/);

    const badValue = await problems(`sweep: s\nbase: ${BASE}\ngrid:\n  - name: wan\n    path: behaviour.wan.firstAttemptSuccess\n    values: [0.8, 1.7]\n`);
    expect(badValue).toEqual([expect.stringMatching(/sweep\.yaml:6:19 behaviour\.wan\.firstAttemptSuccess\.value: must be at most 1 \(case c2: wan=1\.7\) \(got 1\.7\)/)]);

    const shape = await problems(`sweep: s\nbase: ${BASE}\nreplications: 0\ncases: []\n`);
    expect(shape).toEqual([expect.stringMatching(/:3:15 replications: must be at least 1/), expect.stringMatching(/:4:8 cases: must not be empty/)]);

    const both = await problems(`sweep: s\nbase: ${BASE}\ngrid: [ { name: a, path: seed, values: [1] } ]\ncases: [ { name: b, set: { seed: 2 } } ]\n`);
    expect(both.join('\n')).toMatch(/write exactly one of grid/);

    const twice = await problems(`sweep: s\nbase: ${BASE}\ngrid:\n  - { name: a, path: seed, values: [1, 2] }\n  - { name: a, path: seed, values: [3] }\n`);
    expect(twice.join('\n')).toMatch(/:5:13 grid\[1\]\.name: axis "a" appears twice/);

    const missingBase = await problems('sweep: s\nbase: nowhere.yaml\ngrid: [ { name: a, path: seed, values: [1] } ]\n');
    expect(missingBase.join('\n')).toMatch(/:2:7 extends: .*nowhere\.yaml/);
  });
});
