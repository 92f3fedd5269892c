/** The local backend: results, resuming from the job store, a transient fault retried, a lasting one named. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../../src/app/sweep/jobs.js';
import { runSweep, SweepJobsFailed } from '../../../src/app/sweep/run-sweep.js';
import { loadSweepOrThrow } from '../../../src/model/sweep.js';
import { sweepCsv, sweepJson } from '../../../src/report/sweep/files.js';
import { ROOT } from '../../helpers/scenarios.js';

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const BASE = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'srvsim-sweep-'));
const opts = (jobsDir: string) => ({ backend: 'local' as const, version: 'test', jobsDir, workers: 2 });

afterEach(() => {
  delete process.env.SRVSIM_FAULT;
});

describe('sweep on the local backend', () => {
  it('runs every job once, stores each, and a re-run reuses them with byte-identical results', async () => {
    const sweep = await loadSweepOrThrow(GRID);
    const jobsDir = join(tmp(), 'jobs');
    const first = await runSweep(sweep, opts(jobsDir));
    expect([first.jobs, first.reused, first.ran]).toEqual([8, 0, 8]);
    expect(readdirSync(jobsDir).filter((f) => f.endsWith('.json'))).toHaveLength(8);
    expect(first.result.cases).toHaveLength(4);
    for (const c of first.result.cases) expect(c.perReplication).toHaveLength(2);
    // the retry interval moves the p95 completion time; the placement moves the 06:00 share: SRs placed
    // 06:00–12:00 meet the next morning's 06:00 (a deadline is its first occurrence after activation),
    // those placed 00:00–06:00 only when answered before 06:00 the same morning
    const p95 = (id: string) => first.result.cases.find((c) => c.id === id)?.figures.completionP95S?.mean ?? Number.NaN;
    expect(p95('c2')).toBeGreaterThan(p95('c1'));
    const by0600 = (id: string) => first.result.cases.find((c) => c.id === id)?.figures.by0600?.mean ?? Number.NaN;
    expect(by0600('c1')).toBeGreaterThan(0.9);
    expect(by0600('c3')).toBeGreaterThan(by0600('c1'));

    const again = await runSweep(sweep, opts(jobsDir));
    expect([again.reused, again.ran]).toEqual([8, 0]);
    expect(sweepJson(again.result)).toBe(sweepJson(first.result));

    const some = readdirSync(jobsDir).filter((f) => f.endsWith('.json'))[3] as string;
    rmSync(join(jobsDir, some));
    writeFileSync(join(jobsDir, readdirSync(jobsDir).filter((f) => f.endsWith('.json'))[0] as string), '{ torn'); // a torn file is run again
    const resumed = await runSweep(sweep, opts(jobsDir));
    expect([resumed.reused, resumed.ran]).toEqual([6, 2]);
    expect(sweepJson(resumed.result)).toBe(sweepJson(first.result));
    expect(sweepCsv(resumed.result)).toBe(sweepCsv(first.result));
  }, 180_000);

  it('retries a failed job once with the same seed, and names a job that fails twice', async () => {
    const dir = tmp();
    const file = join(dir, 'one.yaml');
    writeFileSync(file, `sweep: one\nbase: ${BASE}\nreplications: 2\ncases:\n  - { name: only, set: { behaviour.retryIntervalS: 900 } }\n`);
    const sweep = await loadSweepOrThrow(file);
    const clean = await runSweep(sweep, opts(join(dir, 'clean')));

    const marker = join(dir, 'failed-once');
    process.env.SRVSIM_FAULT = `flaky:1:${marker}`;
    const flaky = await runSweep(sweep, opts(join(dir, 'flaky')));
    expect(existsSync(marker)).toBe(true); // it did fail once
    expect(sweepJson(flaky.result)).toBe(sweepJson(clean.result));

    process.env.SRVSIM_FAULT = 'throw:1';
    const jobsDir = join(dir, 'broken');
    const err = await runSweep(sweep, opts(jobsDir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SweepJobsFailed);
    expect((err as Error).message).toMatch(
      /1 sweep job\(s\) failed after a retry with the same seed:\n {2}case c1 \(only\) replication 1 \(seed 20220209\), job [0-9a-f]{32}: .*injected fault in replication 1/,
    );
    expect(new JobStore(jobsDir).load().size).toBe(1); // replication 0 is kept
  }, 180_000);
});
