/**
 * The job store on a disk that fails: a result is written whole or not at all (temporary file, flush,
 * rename), nothing empty or temporary is left behind, and the sweep stops with OutputError (exit 3):
 * before any job runs when the folder cannot take a result, at once when a later result cannot be
 * stored. The failures are injected into node:fs as the store sees it.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputError, writeFileAtomic } from '../../../src/app/write-files.js';
import { JobStore, type JobResult } from '../../../src/app/sweep/jobs.js';
import { runSweep } from '../../../src/app/sweep/run-sweep.js';
import { loadSweepOrThrow } from '../../../src/model/sweep.js';
import { ROOT } from '../../helpers/scenarios.js';

/** What to break: a write to a file descriptor (a full disk: half the bytes, then ENOSPC), or a rename. */
const fault = vi.hoisted(() => ({ write: false, rename: false, writesBeforeFault: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const enospc = (path?: string) => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', ...(path ? { path } : {}) });
  /** A write to a descriptor while the disk is "full": half the bytes land, then ENOSPC. */
  const full = (fd: number, data: unknown) => {
    if (!fault.write) return;
    if (fault.writesBeforeFault > 0) {
      fault.writesBeforeFault -= 1;
      return;
    }
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    real.writeSync(fd, text.slice(0, Math.floor(text.length / 2)));
    throw enospc();
  };
  const writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
    if (typeof file === 'number') full(file, data);
    return real.writeFileSync(file, data, options);
  }) as typeof real.writeFileSync;
  const writeSync = ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: never[]) => {
    full(fd, data);
    return (real.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof real.writeSync;
  const renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    if (fault.rename) throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}' -> '${String(to)}'`), { code: 'EIO' });
    return real.renameSync(from, to);
  }) as typeof real.renameSync;
  return { ...real, default: { ...real, writeFileSync, writeSync, renameSync }, writeFileSync, writeSync, renameSync };
});

const GRID = join(ROOT, 'test', 'fixtures', 'sweep', 'small-grid.yaml');
const BASE = join(ROOT, 'test', 'fixtures', 'run', 'small.yaml');
const tmp = () => fs.mkdtempSync(join(tmpdir(), 'srvsim-store-'));
const result = (id: string): JobResult => ({ id, caseId: 'c1', replication: 0, seed: 1, events: 10, figures: { peak: 1.5, worst: Infinity } });
const ID = 'ab'.repeat(16);

afterEach(() => {
  Object.assign(fault, { write: false, rename: false, writesBeforeFault: 0 });
  delete process.env.SRVSIM_FAULT;
});

describe('writeFileAtomic', () => {
  it('replaces the file whole, leaving nothing beside it', () => {
    const dir = tmp();
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'first\n');
    writeFileAtomic(path, 'second\n');
    expect(fs.readFileSync(path, 'utf8')).toBe('second\n');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('on a full disk throws, removes its temporary file, and keeps the old contents', () => {
    const dir = tmp();
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'old\n');
    fault.write = true;
    expect(() => writeFileAtomic(path, 'new contents that do not fit\n')).toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
    expect(fs.readFileSync(path, 'utf8')).toBe('old\n');
    expect(() => writeFileAtomic(join(dir, 'b.json'), 'new\n')).toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('when the rename fails throws and removes its temporary file', () => {
    const dir = tmp();
    fault.rename = true;
    expect(() => writeFileAtomic(join(dir, 'a.json'), 'x\n')).toThrow(/EIO/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('JobStore on a failing disk', () => {
  it('save: OutputError naming the job and folder, no partial, empty or temporary file', () => {
    const dir = join(tmp(), 'jobs');
    const store = new JobStore(dir);
    store.save(result('cd'.repeat(16)));
    fault.write = true;
    const err = (() => {
      try {
        store.save(result(ID));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toBe(`cannot store the result of job ${ID} in ${dir}: ENOSPC: no space left on device, write`);
    expect(fs.readdirSync(dir)).toEqual([`${'cd'.repeat(16)}.json`]);
    fault.write = false;
    fault.rename = true;
    expect(() => store.save(result(ID))).toThrow(OutputError);
    expect(fs.readdirSync(dir)).toEqual([`${'cd'.repeat(16)}.json`]);
    expect([...store.load().keys()]).toEqual(['cd'.repeat(16)]);
  });

  it('prepare: OutputError on a full disk, a folder left empty', () => {
    const dir = join(tmp(), 'jobs');
    fault.write = true;
    expect(() => new JobStore(dir).prepare()).toThrow(new OutputError(`cannot store job results in ${dir}: ENOSPC: no space left on device, write`));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a sweep on a full disk stops with OutputError before any job runs', async () => {
    const sweep = await loadSweepOrThrow(GRID);
    const dir = tmp();
    const jobsDir = join(dir, 'jobs');
    const marker = join(dir, 'a-job-ran');
    process.env.SRVSIM_FAULT = `flaky:0:${marker}`; // the first run of replication 0 leaves it
    fault.write = true;
    const progress: number[] = [];
    const err = await runSweep(sweep, { backend: 'local', version: 'test', jobsDir, workers: 1, onProgress: (done) => progress.push(done) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toMatch(/^cannot store job results in .*jobs: ENOSPC/);
    expect(progress).toEqual([]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.readdirSync(jobsDir)).toEqual([]);
  }, 60_000);

  it('a result that cannot be stored stops the sweep with OutputError, not a job failure; the stored ones stay', async () => {
    const dir = tmp();
    const file = join(dir, 'one.yaml');
    fs.writeFileSync(file, `sweep: one\nbase: ${BASE}\nreplications: 2\ncases:\n  - { name: only, set: { behaviour.retryIntervalS: 900 } }\n`);
    const sweep = await loadSweepOrThrow(file);
    const jobsDir = join(dir, 'jobs');
    fault.write = true;
    fault.writesBeforeFault = 2; // the folder's probe, and the first result
    const err = await runSweep(sweep, { backend: 'local', version: 'test', jobsDir, workers: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toMatch(/^cannot store the result of job [0-9a-f]{32} in .*jobs: ENOSPC/);
    const left = fs.readdirSync(jobsDir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(new JobStore(jobsDir).load().size).toBe(1);

    // with room again, a re-run runs only the missing job
    fault.write = false;
    const again = await runSweep(sweep, { backend: 'local', version: 'test', jobsDir, workers: 1 });
    expect([again.reused, again.ran]).toEqual([1, 1]);
  }, 120_000);
});

describe('JobStore.prepare', () => {
  it('removes the temporary files of a save whose process is gone, and keeps finished results', () => {
    const { mkdtempSync, readdirSync, writeFileSync } = fs;
    const dir = mkdtempSync(join(tmpdir(), 'srvsim-left-'));
    writeFileSync(join(dir, '.abc123.json.1073741824.tmp'), '{"half');
    writeFileSync(join(dir, `.abc124.json.${process.pid}.tmp`), '{"mine, being written');
    writeFileSync(join(dir, 'abc125.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'user');
    new JobStore(dir).prepare();
    expect(readdirSync(dir).sort()).toEqual([`.abc124.json.${process.pid}.tmp`, 'abc125.json', 'notes.txt']);
  });
});
