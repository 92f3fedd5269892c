/**
 * The pool: results identical for any worker count and dispatch order; a failing worker fails the
 * run quickly, naming its shard and seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../src/app/run-scenario.js';
import { packResult, runShardsPooled, SimulationError, unpackResult } from '../../src/pool/index.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { shipped, variant } from '../helpers/scenarios.js';
import { runSpanS } from '../../src/model/types.js';

// Small and quick: 20k SRs, a 30 h horizon, a tenth of the Secure baseline (still discrete).
const small = variant(await shipped(), (d) => {
  d.workload.srvsPerDay = 20_000;
  d.day.horizonS = 30 * 3600;
  const secure = d.capacities[0]!;
  secure.baseline.ratePerS = secure.baseline.ratePerS.map((r) => r / 10);
});
const json = (x: unknown) => JSON.stringify(x);

describe('packing a replication for transfer', () => {
  it('rebuilds exactly the same result', () => {
    const r = runReplication(small, { seed: 3, replication: 1 });
    const back = unpackResult(small, packResult(r));
    expect(json(summarise(small, [back]))).toBe(json(summarise(small, [r])));
    expect(Array.from(back.capacities[0]!.offeredPerS[0])).toEqual(Array.from(r.capacities[0]!.offeredPerS[0]));
  });
});

describe('results do not depend on the workers', () => {
  it('gives byte-identical summaries in-thread and with 1, 2 and 4 workers, and with shuffled dispatch', async () => {
    const opts = { seed: 11, replications: 4 };
    const reference = json((await simulateScenario(small, { ...opts, workers: 0 })).summary);
    for (const workers of [1, 2, 4]) {
      expect(json((await simulateScenario(small, { ...opts, workers })).summary)).toBe(reference);
    }
    const shuffled = await runShardsPooled(small, opts.seed, opts.replications, { workers: 2 }, { dispatchOrder: [3, 1, 0, 2] });
    expect(json(summarise(small, shuffled))).toBe(reference);
    // One replication on two workers: its expansion is split in two chunks first.
    const one = { seed: 11, replications: 1 };
    expect(json((await simulateScenario(small, { ...one, workers: 2 })).summary)).toBe(json((await simulateScenario(small, { ...one, workers: 0 })).summary));
  });

  it('reports progress per shard through a message port', async () => {
    const seen = new Set<number>();
    let last = 0;
    await simulateScenario(small, {
      seed: 1,
      replications: 2,
      workers: 2,
      onProgress: (p) => {
        seen.add(p.replication);
        last = Math.max(last, p.simulatedS);
      },
    });
    expect([...seen].sort()).toEqual([0, 1]);
    expect(last).toBe(runSpanS(small.day)); // every fired day and the last one's tail
  });
});

describe('a failing worker', () => {
  afterEach(() => {
    delete process.env.SRVSIM_FAULT;
  });
  for (const kind of ['throw', 'exit', 'oom'] as const) {
    it(`that ${kind === 'oom' ? 'runs out of memory' : kind === 'exit' ? 'exits' : 'throws'} fails the run within seconds, naming shard and seed`, async () => {
      process.env.SRVSIM_FAULT = `${kind}:1`;
      const started = Date.now();
      const run = runShardsPooled(small, 42, 3, { workers: 2 }, { maxOldGenerationSizeMb: 64 });
      const err = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SimulationError);
      expect((err as SimulationError).message).toMatch(/shard .* replication 1 \(seed 42\) failed/);
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  }
});
