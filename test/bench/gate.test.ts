import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGate, DEFAULT_TOLERANCE, formatTable, type GateFigures } from '../../bench/gate-check.js';
import { REFERENCE_MODELS } from '../../bench/reference-models.js';

const figures = (hash: string, events: number) => ({ summarySha256: hash, events, eventsPerSr: 3.651, dlmsCommands: 642_132 });

function baseline(): GateFigures {
  return {
    deterministic: { a: figures('aa'.repeat(32), 16_384_640), b: figures('bb'.repeat(32), 16_384_057) },
    ratios: { 'engine-mmc': 1.2, 'day-500k': 1.0 },
  };
}

const failed = (rows: ReturnType<typeof checkGate>) => rows.filter((r) => !r.pass).map((r) => r.name);

describe('checkGate', () => {
  it('passes every check when the measured figures equal the baseline', () => {
    const rows = checkGate(baseline(), baseline());
    expect(rows).toHaveLength(2 * 4 + 2);
    expect(failed(rows)).toEqual([]);
  });

  it('fails a tampered summary hash, and only that check', () => {
    const m = baseline();
    m.deterministic.a!.summarySha256 = `ab${'aa'.repeat(31)}`;
    expect(failed(checkGate(baseline(), m))).toEqual(['a summarySha256']);
  });

  it('fails when a count moves by one, either way', () => {
    const m = baseline();
    m.deterministic.b!.events += 1;
    m.deterministic.a!.dlmsCommands -= 1;
    expect(failed(checkGate(baseline(), m)).sort()).toEqual(['a dlmsCommands', 'b events']);
  });

  it('passes a ratio within the tolerance and fails one below it', () => {
    const m = baseline();
    m.ratios['engine-mmc'] = 1.2 * 0.75; // 25% slower, tolerance 30%
    m.ratios['day-500k'] = 0.69; // 31% slower
    expect(failed(checkGate(baseline(), m, 0.3))).toEqual(['day-500k ratio to kernel']);
  });

  it('uses the default tolerance of 0.30 and accepts a custom one', () => {
    expect(DEFAULT_TOLERANCE).toBe(0.3);
    const m = baseline();
    m.ratios['day-500k'] = 0.85;
    expect(failed(checkGate(baseline(), m))).toEqual([]);
    expect(failed(checkGate(baseline(), m, 0.1))).toEqual(['day-500k ratio to kernel']);
  });

  it('always passes a faster ratio', () => {
    const m = baseline();
    m.ratios['engine-mmc'] = 5;
    expect(failed(checkGate(baseline(), m))).toEqual([]);
  });

  it('fails missing, non-finite and unknown measurements', () => {
    const m = baseline();
    delete m.deterministic.b;
    m.ratios['engine-mmc'] = Number.NaN;
    m.ratios.extra = 1;
    const f = failed(checkGate(baseline(), m));
    expect(f).toContain('b summarySha256');
    expect(f).toContain('engine-mmc ratio to kernel');
    expect(f).toContain('extra');
  });

  it('rejects a tolerance outside [0, 1)', () => {
    expect(() => checkGate(baseline(), baseline(), 1)).toThrow(RangeError);
    expect(() => checkGate(baseline(), baseline(), -0.1)).toThrow(RangeError);
  });

  it('prints a table with a PASS or FAIL per check', () => {
    const m = baseline();
    m.deterministic.a!.summarySha256 = 'tampered';
    const table = formatTable(checkGate(baseline(), m));
    expect(table.split('\n')).toHaveLength(1 + 10);
    expect(table).toMatch(/a summarySha256 +a{64} +tampered +FAIL/);
    expect(table).toMatch(/engine-mmc ratio to kernel +≥ 0\.840 \(baseline 1\.200 − 30%\) +1\.200 +PASS/);
  });
});

describe('bench/baseline.json', () => {
  it('holds the figures of every reference model and both timed ratios, and passes against itself', () => {
    const b = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../bench/baseline.json'), 'utf8')) as GateFigures;
    expect(Object.keys(b.deterministic).sort()).toEqual(Object.keys(REFERENCE_MODELS).sort());
    expect(Object.keys(b.ratios).sort()).toEqual(['day-500k', 'engine-mmc']);
    for (const f of Object.values(b.deterministic)) expect(f.summarySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(failed(checkGate(b, b))).toEqual([]);
  });
});
