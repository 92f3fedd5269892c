import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkGate,
  DEFAULT_TOLERANCE,
  formatTable,
  type GateBaseline,
  type GateFigures,
  normaliseBaseline,
  spreadOf,
  TOLERANCE_RULE,
  toleranceFromSpread,
  withRatios,
  withTolerances,
  worstFall,
} from '../../bench/gate-check.js';
import { fluidBaselines } from '../../bench/gate-subjects.js';
import { figuresOf, REFERENCE_MODELS, REFERENCE_REPLICATIONS, referenceResults, referenceScenario, withSrs } from '../../bench/reference-models.js';
import { summarise } from '../../src/stats/summarise.js';

const figures = (hash: string, events: number) => ({ summarySha256: hash, events, eventsPerSr: 3.651, dlmsCommands: 642_132 });

const deterministic = () => ({ a: figures('aa'.repeat(32), 16_384_640), b: figures('bb'.repeat(32), 16_384_057) });

/** engine-mmc at the old 30 %, day-500k at 15 %. */
function baseline(): GateBaseline {
  return {
    deterministic: deterministic(),
    ratios: { 'engine-mmc': { ratio: 1.2, tolerance: 0.3 }, 'day-500k': { ratio: 1.0, tolerance: 0.15 } },
  };
}

/** What a run measuring exactly the baseline would report. */
function measured(): GateFigures {
  return { deterministic: deterministic(), ratios: { 'engine-mmc': 1.2, 'day-500k': 1.0 } };
}

const failed = (rows: ReturnType<typeof checkGate>) => rows.filter((r) => !r.pass).map((r) => r.name);

describe('checkGate', () => {
  it('passes every check when the measured figures equal the baseline', () => {
    const rows = checkGate(baseline(), measured());
    expect(rows).toHaveLength(2 * 4 + 2);
    expect(failed(rows)).toEqual([]);
  });

  it('fails a tampered summary hash, and only that check', () => {
    const m = measured();
    m.deterministic.a!.summarySha256 = `ab${'aa'.repeat(31)}`;
    expect(failed(checkGate(baseline(), m))).toEqual(['a summarySha256']);
  });

  it('fails when a count moves by one, either way', () => {
    const m = measured();
    m.deterministic.b!.events += 1;
    m.deterministic.a!.dlmsCommands -= 1;
    expect(failed(checkGate(baseline(), m)).sort()).toEqual(['a dlmsCommands', 'b events']);
  });

  it('judges each ratio by its own tolerance', () => {
    const m = measured();
    m.ratios['engine-mmc'] = 1.2 * 0.75; // 25 % slower, its tolerance 30 %: passes
    m.ratios['day-500k'] = 0.84; // 16 % slower, its tolerance 15 %: fails
    expect(failed(checkGate(baseline(), m))).toEqual(['day-500k ratio to kernel']);
    m.ratios['day-500k'] = 0.85; // exactly at its floor: passes
    expect(failed(checkGate(baseline(), m))).toEqual([]);
  });

  it('lets one override tolerance replace every ratio’s own', () => {
    const m = measured();
    m.ratios['engine-mmc'] = 1.2 * 0.85; // 15 % slower
    m.ratios['day-500k'] = 0.8; // 20 % slower
    expect(failed(checkGate(baseline(), m))).toEqual(['day-500k ratio to kernel']);
    expect(failed(checkGate(baseline(), m, 0.25))).toEqual([]);
    expect(failed(checkGate(baseline(), m, 0.1)).sort()).toEqual(['day-500k ratio to kernel', 'engine-mmc ratio to kernel']);
  });

  it('always passes a faster ratio, even at tolerance 0', () => {
    const m = measured();
    m.ratios['engine-mmc'] = 5;
    m.ratios['day-500k'] = 1.0001;
    expect(failed(checkGate(baseline(), m, 0))).toEqual([]);
  });

  it('fails missing, non-finite and unknown measurements', () => {
    const m = measured();
    delete m.deterministic.b;
    m.ratios['engine-mmc'] = Number.NaN;
    delete m.ratios['day-500k'];
    m.ratios.extra = 1;
    const f = failed(checkGate(baseline(), m));
    expect(f).toContain('b summarySha256');
    expect(f).toContain('engine-mmc ratio to kernel');
    expect(f).toContain('day-500k ratio to kernel');
    expect(f).toContain('extra');
  });

  it('rejects a tolerance outside [0, 1), given or stored', () => {
    expect(() => checkGate(baseline(), measured(), 1)).toThrow(RangeError);
    expect(() => checkGate(baseline(), measured(), -0.1)).toThrow(RangeError);
    const b = baseline();
    b.ratios['day-500k']!.tolerance = 1.5;
    expect(() => checkGate(b, measured())).toThrow(/day-500k/);
  });

  it('prints a table with a PASS or FAIL per check and each ratio’s tolerance', () => {
    const m = measured();
    m.deterministic.a!.summarySha256 = 'tampered';
    const table = formatTable(checkGate(baseline(), m));
    expect(table.split('\n')).toHaveLength(1 + 10);
    expect(table).toMatch(/a summarySha256 +a{64} +tampered +FAIL/);
    expect(table).toMatch(/engine-mmc ratio to kernel +≥ 0\.840 \(baseline 1\.200 − 30%\) +1\.200 +PASS/);
    expect(table).toMatch(/day-500k ratio to kernel +≥ 0\.850 \(baseline 1\.000 − 15%\) +1\.000 +PASS/);
  });
});

describe('tolerance from the measured spread', () => {
  it('measures min, median, max, CV and the slowest run’s fall below the median', () => {
    const s = spreadOf([1.0, 1.1, 0.9, 1.05, 0.95]);
    expect(s).toMatchObject({ runs: 5, min: 0.9, median: 1.0, max: 1.1 });
    expect(s.cv).toBeCloseTo(Math.sqrt(0.025 / 4) / 1.0, 12); // sample sd 0.0791
    expect(s.lowFall).toBeCloseTo(0.1, 12);
    expect(spreadOf([2, 4]).median).toBe(3);
  });

  it('refuses fewer than two samples and non-positive or non-finite ones', () => {
    expect(() => spreadOf([1])).toThrow(RangeError);
    expect(() => spreadOf([1, 0])).toThrow(RangeError);
    expect(() => spreadOf([1, Number.NaN])).toThrow(RangeError);
  });

  it('is factor × the CV, rounded up to a whole percent', () => {
    expect(TOLERANCE_RULE).toEqual({ factor: 3, floor: 0.1, cap: 0.25 });
    expect(toleranceFromSpread({ cv: 0.05 })).toBe(0.15);
    expect(toleranceFromSpread({ cv: 0.061 })).toBe(0.19); // 0.183 → 0.19
    expect(toleranceFromSpread({ cv: 0.07 })).toBe(0.21); // no float creep to 0.22
    expect(toleranceFromSpread(spreadOf([1.0, 1.1, 0.9, 1.05, 0.95]))).toBe(0.24); // CV 7.9 %
  });

  it('never goes under the floor nor over the cap, which a subject 40 % slower still falls through', () => {
    expect(toleranceFromSpread({ cv: 0 })).toBe(0.1);
    expect(toleranceFromSpread({ cv: 0.02 })).toBe(0.1);
    expect(toleranceFromSpread({ cv: 0.5 })).toBe(0.25);
    // A subject taking 1.4× as long has its ratio × 1/1.4: below the floor of the widest tolerance.
    expect(1 / 1.4).toBeLessThan(1 - TOLERANCE_RULE.cap);
    expect(toleranceFromSpread({ cv: 0.05 }, { factor: 2, floor: 0.05, cap: 0.5 })).toBe(0.1);
  });

  it('rejects a bad rule or spread', () => {
    expect(() => toleranceFromSpread({ cv: 0.1 }, { factor: 0, floor: 0.1, cap: 0.3 })).toThrow(RangeError);
    expect(() => toleranceFromSpread({ cv: 0.1 }, { factor: 3, floor: 0.4, cap: 0.3 })).toThrow(RangeError);
    expect(() => toleranceFromSpread({ cv: Number.NaN })).toThrow(RangeError);
  });

  it('measures the worst fall of recorded runs below a baseline ratio', () => {
    expect(worstFall([0.9, 1.1, 0.8], 1.0)).toBeCloseTo(0.2, 12);
    expect(worstFall([1.1, 1.2], 1.0)).toBeCloseTo(-0.1, 12);
  });

  it('writes tolerances and spreads beside the ratios, the ratios untouched or centred on the spread', () => {
    const spread = spreadOf([1.1, 1.12, 1.08, 1.11, 1.09]);
    const out = withTolerances(baseline().ratios, { 'day-500k': spread });
    expect(out['day-500k']).toEqual({ ratio: 1.0, tolerance: toleranceFromSpread(spread), spread });
    expect(out['day-500k']!.tolerance).toBe(0.1);
    expect(out['engine-mmc']).toEqual({ ratio: 1.2, tolerance: 0.3 });
    const centred = withTolerances(baseline().ratios, { 'day-500k': spread }, true);
    expect(centred['day-500k']).toEqual({ ratio: 1.1, tolerance: 0.1, spread });
    expect(centred['engine-mmc']).toEqual({ ratio: 1.2, tolerance: 0.3 });
  });

  it('keeps each tolerance when the ratios are rewritten; a new check starts at the default', () => {
    const old = withTolerances(baseline().ratios, { 'day-500k': spreadOf([1, 1.1]) });
    const out = withRatios(old, { 'day-500k': 0.9, 'sr-path-1m': 0.28 });
    expect(out['day-500k']).toEqual({ ...old['day-500k'], ratio: 0.9 });
    expect(out['sr-path-1m']).toEqual({ ratio: 0.28, tolerance: DEFAULT_TOLERANCE });
    expect(Object.keys(out)).toEqual(['day-500k', 'sr-path-1m']); // engine-mmc no longer measured: dropped
  });

  it('reads a bare-number ratio (the form before per-ratio tolerances) at the default tolerance', () => {
    const b = normaliseBaseline({ deterministic: {}, ratios: { old: 1.5, now: { ratio: 2, tolerance: 0.12 } } });
    expect(b.ratios).toEqual({ old: { ratio: 1.5, tolerance: DEFAULT_TOLERANCE }, now: { ratio: 2, tolerance: 0.12 } });
    expect(DEFAULT_TOLERANCE).toBe(0.3);
  });
});

describe('reference runs of two replications', () => {
  it('sum the counts over the replications and hash a summary with t-intervals', async () => {
    // A small day with its baseline fluid (no 16M baseline arrivals to draw): fast.
    const s = fluidBaselines(withSrs(await referenceScenario('p1-default-50k', resolve(import.meta.dirname, '../..')), 500));
    const cache = new Map();
    const [r0, r1] = referenceResults(s, 'small', 2, cache);
    expect(referenceResults(s, 'small', 1, cache)[0]).toBe(r0); // replication 0 shared, not simulated again
    const f = figuresOf(s, [r0!, r1!]);
    expect(f.events).toBe(r0!.counters.events + r1!.counters.events);
    expect(f.dlmsCommands).toBe(r0!.counters.dlmsCommands + r1!.counters.dlmsCommands);
    expect(f.summarySha256).not.toBe(figuresOf(s, [r0!]).summarySha256);
    expect(summarise(s, [r0!, r1!]).completion.p50S.halfWidth).not.toBeNull();
  });
});

describe('bench/baseline.json', () => {
  const b = normaliseBaseline(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../bench/baseline.json'), 'utf8')) as GateBaseline);

  it('holds the figures of every reference run, one of them with R ≥ 2', () => {
    expect(Object.keys(b.deterministic).sort()).toEqual(Object.keys(REFERENCE_MODELS).sort());
    for (const f of Object.values(b.deterministic)) expect(f.summarySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(REFERENCE_REPLICATIONS).some((r) => r >= 2)).toBe(true);
    for (const name of Object.keys(REFERENCE_REPLICATIONS)) expect(b.deterministic[name]).toBeDefined();
  });

  it('holds every timed ratio with a tolerance set from its measured spread by the rule', () => {
    expect(Object.keys(b.ratios).sort()).toEqual(['day-500k', 'engine-mmc', 'report-files-r2', 'sr-path-1m', 'summarise-r2']);
    for (const [name, r] of Object.entries(b.ratios)) {
      expect(r.ratio, name).toBeGreaterThan(0);
      expect(r.spread, name).toBeDefined();
      expect(r.spread!.runs, name).toBeGreaterThanOrEqual(3);
      expect(r.tolerance, name).toBe(toleranceFromSpread(r.spread!));
    }
  });

  it('passes against itself', () => {
    const self: GateFigures = { deterministic: b.deterministic, ratios: Object.fromEntries(Object.entries(b.ratios).map(([k, r]) => [k, r.ratio])) };
    expect(failed(checkGate(b, self))).toEqual([]);
  });
});
