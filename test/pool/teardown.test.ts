/**
 * Pool teardown: when a pooled run settles — cancelled included — every thread it started has exited,
 * and no thread starts afterwards (a thread still starting while the process exits is what could
 * make the CLI abort natively after an interrupted run); and a shard's progress port is closed only
 * after its last message has been delivered.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompareTask, createShardPool, runCompareTasksPooled, runShard, runShardsPooled, SimulationError } from '../../src/pool/index.js';
import { shipped, variant } from '../helpers/scenarios.js';
import { runSpanS } from '../../src/model/types.js';

// Quick days on a 30 h horizon with a reduced Secure baseline: 20k SRs (a replication still has most
// of its day to run when its first hour is reported) and 5k SRs.
const sized = async (srvsPerDay: number) =>
  variant(await shipped(), (d) => {
    d.workload.srvsPerDay = srvsPerDay;
    d.day.horizonS = 30 * 3600;
    const secure = d.capacities[0]!;
    secure.baseline.ratePerS = secure.baseline.ratePerS.map((r) => r / 10);
  });
const medium = await sized(20_000);
const small = await sized(5_000);
const tiny = await sized(2_000);

// Every thread started while these tests run, seen through the constructor the pool library calls.
const threads = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof WorkerThread };
const Original = threads.Worker;
const started: WorkerThread[] = [];
beforeAll(() => {
  threads.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof WorkerThread>) {
      super(...args);
      started.push(this);
    }
  };
});
afterAll(() => {
  threads.Worker = Original;
});

const alive = (from: number) => started.slice(from).filter((w) => w.threadId !== -1).length;

/** The threads started since `from` have all exited now, and none starts within the next second. */
async function expectAllStopped(from: number): Promise<void> {
  expect(started.length).toBeGreaterThan(from);
  expect(alive(from)).toBe(0);
  const count = started.length;
  await sleep(1000);
  expect(started.length - count).toBe(0);
  expect(alive(from)).toBe(0);
}

const compareTask = (replication: number): CompareTask => ({ kind: 'compare', scenarios: [small], indices: [0], seed: 5, replication });

describe('a cancelled pooled run', () => {
  it('has stopped every thread when it settles (replications, cancelled mid-run)', async () => {
    const from = started.length;
    const stop = new AbortController();
    const err = await runShardsPooled(medium, 5, 2, { workers: 2, signal: stop.signal, onProgress: () => stop.abort(new Error('stop')) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SimulationError);
    await expectAllStopped(from);
  });

  it('has stopped every thread when it settles (compare, cancelled after the first task)', async () => {
    const from = started.length;
    const stop = new AbortController();
    const tasks = [0, 1, 2].map(compareTask);
    const err = await runCompareTasksPooled(tasks, 2, () => stop.abort(new Error('stop')), stop.signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SimulationError);
    await expectAllStopped(from);
  });

  it('leaves no thread of a shared pool behind once the pool is destroyed (sweep)', async () => {
    const from = started.length;
    const stop = new AbortController();
    const pool = createShardPool(2);
    try {
      const shards = [0, 1, 2].map((r) =>
        runShard(pool, small, 5, r, stop.signal).then(
          () => stop.abort(new Error('stop')),
          (e: unknown) => e,
        ),
      );
      const outcomes = await Promise.all(shards);
      expect(outcomes.filter((o) => o instanceof SimulationError).length).toBeGreaterThan(0);
    } finally {
      await pool.destroy();
    }
    await expectAllStopped(from);
  });
});

describe('a finished shard', () => {
  it('has delivered all its progress when the run settles, even when the main thread was busy meanwhile', async () => {
    const seen: number[] = [];
    let blocked = false;
    await runShardsPooled(tiny, 3, 1, {
      workers: 1,
      onProgress: (p) => {
        seen.push(p.simulatedS);
        if (blocked) return;
        blocked = true;
        // Hold the main thread while the worker finishes: its result and the rest of its progress
        // then wait side by side, on two ports.
        setImmediate(() => {
          const until = Date.now() + 2000;
          while (Date.now() < until);
        });
      },
    });
    expect(seen.length).toBe(runSpanS(tiny.day) / 3600); // one report a simulated hour
    expect(seen.at(-1)).toBe(runSpanS(tiny.day)); // every fired day and the last one's tail
  });
});
