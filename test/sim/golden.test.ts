/**
 * Golden values of small reference models: for each, the event-trace fingerprint (a hash of every
 * delivered (time, kind, entity)), every counter of the replication, and a few summary figures.
 * Any change in what the simulator does, or in what order, changes the trace; the counters and figures
 * say what moved, in numbers a reviewer can judge. An intended change updates
 * test/fixtures/golden/fingerprints.json in the same commit:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/sim/golden.test.ts
 *
 * which prints every figure that moved (old → new) before it writes, and refuses to run where CI is set
 * (a CI run must check the golden values, never rewrite them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/types.js';
import { newCounters } from '../../src/sim/metrics.js';
import { type ReplicationResult, runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { ROOT, shipped, variant } from '../helpers/scenarios.js';

type Figure = number | string | null;
/** One reference model's golden values: `trace`, `counters.<name>`, `summary.<figure>`. */
type Golden = Record<string, Figure>;

/** 'check' normally, 'update' with UPDATE_GOLDEN; throws with UPDATE_GOLDEN under CI. */
function goldenMode(env: Readonly<Record<string, string | undefined>>): 'check' | 'update' {
  if (!env.UPDATE_GOLDEN) return 'check';
  if (env.CI) throw new Error('UPDATE_GOLDEN is refused where CI is set: golden values are updated by hand, in a reviewed commit, never by a CI run');
  return 'update';
}

/** Lines "model: figure old → new" for every figure that differs (added and removed ones as "(none)"). */
function movedFigures(before: Readonly<Record<string, Golden>>, after: Readonly<Record<string, Golden>>): string[] {
  const out: string[] = [];
  const show = (v: Figure | undefined) => (v === undefined ? '(none)' : JSON.stringify(v));
  for (const model of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[model] ?? {};
    const b = after[model] ?? {};
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!Object.is(a[key], b[key])) out.push(`${model}: ${key} ${show(a[key])} → ${show(b[key])}`);
    }
  }
  return out;
}

/** The golden values of one replication (non-finite figures, such as a drain that never ends, as null). */
function goldenOf(s: Scenario, r: ReplicationResult): Golden {
  const out: Golden = { trace: r.fingerprint ?? '' };
  for (const [k, v] of Object.entries(r.counters)) out[`counters.${k}`] = v;
  const sum = summarise(s, [r]);
  const put = (key: string, v: number) => {
    out[`summary.${key}`] = Number.isFinite(v) ? v : null;
  };
  const c = sum.completion;
  put('completion.p50S', c.p50S.mean);
  put('completion.p95S', c.p95S.mean);
  put('completion.p99S', c.p99S.mean);
  put('completion.meanS', c.meanS.mean);
  put('completion.shareWithinTrt', c.shareWithinTrt.mean);
  for (const d of c.byDeadline) put(`completion.byDeadline.${d.atS}`, d.share.mean);
  for (const cap of sum.capacities) {
    const f = cap.figures;
    put(`${cap.id}.ceilingPerS`, cap.ceilingPerS);
    put(`${cap.id}.peakOffered1s`, f.peakOffered1s.mean);
    put(`${cap.id}.peakOffered1h`, f.peakOffered1h.mean);
    put(`${cap.id}.minHeadroom1s`, f.minHeadroom1s.mean);
    put(`${cap.id}.secondsAboveCeiling`, f.secondsAboveCeiling.mean);
    put(`${cap.id}.maxQueue`, f.maxQueue.mean);
    put(`${cap.id}.scheduledOffered`, f.scheduledOffered.mean);
  }
  out['summary.verdict.withinAllCeilings'] = String(sum.verdict.withinAllCeilings);
  return out;
}

const FILE = join(ROOT, 'test', 'fixtures', 'golden', 'fingerprints.json');
const mode = goldenMode(process.env);
const golden = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Golden>;
const shrink = (d: { workload: { srvsPerDay: number }; day: { horizonS: number } }) => {
  d.workload.srvsPerDay = 5_000;
  d.day.horizonS = 30 * 3600;
};
const references = {
  'mp192-baseline 5k': variant(await shipped('mp192-baseline'), shrink),
  'p0-midnight-burst 5k': variant(await shipped('p0-midnight-burst'), shrink),
  'mp192-pro-rata 5k': variant(await shipped('mp192-pro-rata'), shrink),
};

describe('golden values of the reference models', () => {
  const found: Record<string, Golden> = {};
  if (mode === 'update') {
    afterAll(() => {
      const next = { ...golden, ...found };
      const moved = movedFigures(golden, next);
      console.log(moved.length === 0 ? 'golden values: nothing moved' : `golden values that moved (old → new):\n  ${moved.join('\n  ')}`);
      writeFileSync(FILE, `${JSON.stringify(next, null, 2)}\n`);
    });
  }
  for (const [name, s] of Object.entries(references)) {
    it(`${name} delivers the golden event trace, counters and summary figures`, () => {
      const r = runReplication(s, { seed: 1, replication: 0, trace: true });
      expectInvariants(s, [r]);
      const now = goldenOf(s, r);
      if (mode === 'update') found[name] = now;
      else {
        expect(golden[name], `no golden values for ${name}: run UPDATE_GOLDEN=1 (see the top of this file)`).toBeDefined();
        expect(movedFigures({ [name]: golden[name]! }, { [name]: now }), 'figures that moved (old → new)').toEqual([]);
      }
    });
  }
});

describe('the golden-value machinery', () => {
  it('refuses to update under CI, updates only when asked', () => {
    expect(goldenMode({})).toBe('check');
    expect(goldenMode({ CI: 'true' })).toBe('check');
    expect(goldenMode({ UPDATE_GOLDEN: '1' })).toBe('update');
    expect(() => goldenMode({ UPDATE_GOLDEN: '1', CI: 'true' })).toThrow(/refused where CI is set/);
  });

  it('lists every figure that moved, was added or was removed, and nothing else', () => {
    const before = { m: { trace: 'a:1', 'counters.expired': 3, 'summary.x': null, 'counters.gone': 1 } };
    const after = { m: { trace: 'b:1', 'counters.expired': 3, 'summary.x': 0.5, 'counters.new': 2 } };
    expect(movedFigures(before, after)).toEqual(['m: counters.gone 1 → (none)', 'm: counters.new (none) → 2', 'm: summary.x null → 0.5', 'm: trace "a:1" → "b:1"']);
    expect(movedFigures(before, before)).toEqual([]);
  });

  it.skipIf(mode === 'update')('keeps, for every reference model, the trace, every counter and the summary figures', () => {
    const models = Object.keys(references);
    expect(models.length).toBeGreaterThan(0);
    for (const name of models) {
      const keys = Object.keys(golden[name] ?? {});
      expect(keys, name).toContain('trace');
      expect(keys.filter((k) => k.startsWith('counters.')).sort(), `${name}: counters`).toEqual(
        Object.keys(newCounters())
          .map((k) => `counters.${k}`)
          .sort(),
      );
      expect(keys, name).toContain('summary.completion.p95S');
      expect(keys, name).toContain('summary.secure.peakOffered1s');
    }
  });
});
