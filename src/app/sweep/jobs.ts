/**
 * A sweep as jobs, and the store of their results:
 *
 *   Sweep → jobs (case × replication, each with a content id) → results, one small JSON file per job
 *
 * A job's id is a hash of what decides its numbers — the tool version, the scenario's data (not the
 * paths it was read from), the seed and the replication — so the same job has the same id on any
 * machine and a finished one is never run twice. Its result is the replication's figures (the ones
 * a comparison ranks on), reduced where the job ran; both backends reduce with the same code.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../model/types.js';
import type { SweepCase, Sweep } from '../../model/sweep.js';
import { figureValues } from '../../stats/figures.js';
import type { ReplicationResult } from '../../sim/run-replication.js';
import { replicationFigures } from '../../stats/summarise.js';
import { OutputError, writeFileAtomic } from '../write-files.js';
import { processAlive } from '../output-dir.js';

export interface SweepJob {
  readonly id: string;
  readonly sweep: string;
  readonly caseId: string;
  readonly caseLabel: string;
  readonly replication: number;
  readonly seed: number;
  readonly scenario: Scenario;
}

/** What a job returns: its identity and the replication's figures (±Infinity/NaN written as text). */
export interface JobResult {
  readonly id: string;
  readonly caseId: string;
  readonly replication: number;
  readonly seed: number;
  readonly events: number;
  readonly figures: Readonly<Record<string, number>>;
}

/** The scenario's data without where it was read from (absolute paths differ between machines). */
function scenarioData(s: Scenario): unknown {
  const { file: _file, inputs: _inputs, provenance, ...rest } = s;
  return { ...rest, provenance: provenance.map(({ at: _at, ...p }) => p) };
}

export function jobId(version: string, s: Scenario, seed: number, replication: number): string {
  const key = JSON.stringify({ version, scenario: scenarioData(s), seed, replication });
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Every job of a sweep, case by case, replication by replication. */
export function sweepJobs(sweep: Sweep, version: string): SweepJob[] {
  return sweep.cases.flatMap((c: SweepCase) =>
    Array.from({ length: sweep.replications }, (_, replication) => ({
      id: jobId(version, c.scenario, sweep.seed, replication),
      sweep: sweep.name,
      caseId: c.id,
      caseLabel: c.label,
      replication,
      seed: sweep.seed,
      scenario: c.scenario,
    })),
  );
}

/** A finished replication reduced to its job result. */
export function jobResult(job: Pick<SweepJob, 'id' | 'caseId' | 'replication' | 'seed' | 'scenario'>, r: ReplicationResult): JobResult {
  return { id: job.id, caseId: job.caseId, replication: job.replication, seed: job.seed, events: r.counters.events, figures: figureValues(job.scenario, replicationFigures(job.scenario, r)) };
}

const encodeNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const decodeNumber = (v: unknown): number => (typeof v === 'number' ? v : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number.NaN);

/** JSON-safe form (what BullMQ stores and the job files hold). */
export function encodeResult(r: JobResult): Record<string, unknown> {
  return { ...r, figures: Object.fromEntries(Object.entries(r.figures).map(([k, v]) => [k, encodeNumber(v)])) };
}

/** Back from `encodeResult`; undefined when it is not a job result. */
export function decodeResult(x: unknown): JobResult | undefined {
  const o = x as Partial<Record<keyof JobResult, unknown>> | null;
  if (!o || typeof o !== 'object' || typeof o.id !== 'string' || typeof o.caseId !== 'string' || typeof o.replication !== 'number') return undefined;
  if (typeof o.seed !== 'number' || typeof o.events !== 'number' || !o.figures || typeof o.figures !== 'object') return undefined;
  const figures = Object.fromEntries(Object.entries(o.figures as Record<string, unknown>).map(([k, v]) => [k, decodeNumber(v)]));
  return { id: o.id, caseId: o.caseId, replication: o.replication, seed: o.seed, events: o.events, figures };
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Job results as files `<dir>/<id>.json`, each written whole (temporary file, flush, rename) the moment
 * its job finishes, so an interrupted sweep keeps everything it finished.
 */
export class JobStore {
  constructor(readonly dir: string) {}

  /**
   * Makes the folder and proves a result can be stored there (a small file written, flushed, renamed
   * and removed), so a folder that cannot take results fails before any job runs. Throws OutputError.
   */
  prepare(): void {
    const probe = join(this.dir, `.srvsim-probe-${process.pid}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      this.removeLeftovers();
      writeFileAtomic(probe, `${JSON.stringify({ probe: true })}\n`);
      rmSync(probe, { force: true });
    } catch (err) {
      throw new OutputError(`cannot store job results in ${this.dir}: ${why(err)}`, { cause: err });
    }
  }

  /** Temporary files of saves whose process is gone (a sweep killed mid-save): never a finished result. */
  private removeLeftovers(): void {
    for (const name of readdirSync(this.dir)) {
      const m = /^\.(?:[0-9a-f]+\.json|\.?srvsim-probe-\d+)\.(\d+)\.tmp$/.exec(name) ?? /^\.srvsim-probe-(\d+)$/.exec(name);
      if (m && !processAlive(Number(m[1]))) rmSync(join(this.dir, name), { force: true });
    }
  }

  /** Finished results by id; unreadable or foreign files are ignored (their jobs run again). */
  load(): Map<string, JobResult> {
    const out = new Map<string, JobResult>();
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      return out;
    }
    for (const name of names) {
      if (!/^[0-9a-f]{32}\.json$/.test(name)) continue;
      try {
        const r = decodeResult(JSON.parse(readFileSync(join(this.dir, name), 'utf8')));
        if (r && `${r.id}.json` === name) out.set(r.id, r);
      } catch {
        // a torn or foreign file: run that job again
      }
    }
    return out;
  }

  /** Stores one result; throws OutputError (nothing half-written is left) when it cannot. */
  save(r: JobResult): void {
    const path = join(this.dir, `${r.id}.json`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(path, `${JSON.stringify(encodeResult(r))}\n`);
    } catch (err) {
      throw new OutputError(`cannot store the result of job ${r.id} in ${this.dir}: ${why(err)}`, { cause: err });
    }
  }
}
