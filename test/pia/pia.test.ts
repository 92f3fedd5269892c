/**
 * `srvsim pia` reproduces the seed's own figures (DOMAIN.md table E) from the model's inputs, and
 * follows the model when the inputs change.
 */
import { describe, expect, it } from 'vitest';
import { computePia, type Pia } from '../../src/pia/compute.js';
import { formatPia } from '../../src/pia/format.js';
import { shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const row = (pia: Pia, quantity: string) => {
  const r = pia.rows.find((x) => x.quantity.startsWith(quantity));
  if (!r) throw new Error(`no row "${quantity}"`);
  return r;
};
const others = await Promise.all(
  ['p0-midnight-burst', 'p1-peak-window', 'p2-morning', 'p3-late-evening', 'p4-morning-and-late', 'p5-whole-day', 'p6-firmware-window', 'p7-custom-histogram'].map((n) => shipped(n)),
);
const pia = computePia(base, others);

describe('table E from the default model', () => {
  it('E3/E4: 2.7M × 5 = 13.5M and 2.7M × 11 = 29.7M DLMS commands (seed §4.3)', () => {
    expect(row(pia, 'DLMS commands at the low end').value).toBe(13_500_000);
    expect(row(pia, 'DLMS commands at the high end').value).toBe(29_700_000);
  });
  it('E5: 13.5M / 5% = 29.7M / 11% = 270M DLMS a day with firmware (seed §4.3)', () => {
    const r = row(pia, 'Implied day total with firmware');
    expect(r.value).toBeCloseTo(270e6, 0);
    expect(r.high).toBeCloseTo(270e6, 0);
  });
  it('E6: 192.86M–198.0M without firmware, ratio 1.364–1.400, and a warning against the stated 60% (seed §4.3)', () => {
    const nf = row(pia, 'Implied day total without firmware');
    expect(nf.value).toBeCloseTo(192_857_142.86, 1);
    expect(nf.high).toBeCloseTo(198e6, 0);
    const ratio = row(pia, 'Implied firmware ratio');
    expect(ratio.value).toBeCloseTo(270 / 198, 6);
    expect(ratio.high).toBeCloseTo(1.4, 6);
    expect(pia.warnings.join(' ')).toMatch(/contradicts its "around 60%"/);
  });
  it('E7: the firmware increment 270M − 195.43M = 74.57M over 12:00–22:00', () => {
    expect(row(pia, 'Firmware increment').value).toBeCloseTo(270e6 - (192_857_142.857 + 198e6) / 2, 0);
  });
  it('E9: 450 TPS × 86,400 s = 38.88M transactions a day (seed App. B MP192-SA5)', () => {
    expect(row(pia, 'Secure S1SP ceiling over a day').value).toBe(38_880_000);
  });
  it('E10: 2.7M SRs → 5.4M transactions, 5.454M with 2% alerts, 13.9% of a saturated day', () => {
    expect(row(pia, 'SR transactions (request + response)').value).toBe(5_400_000);
    expect(row(pia, 'SR transactions with expected alerts').value).toBeCloseTo(5_454_000, 6);
    expect(row(pia, 'Share of a saturated day').value).toBeCloseTo(0.1389, 4);
  });
  it('E11: minimum drain time at 450 TPS is 12,000 s (3 h 20 min)', () => {
    expect(row(pia, 'Minimum drain time').value).toBe(12_000);
  });
  it('E12: added TPS 1,500 in one hour, 6,000 in 15 min, 250 over 00–06 and 06–12, 750 over 22–24, 187.5 over 8 h, 62.5 over 24 h', () => {
    expect(row(pia, 'Added TPS, all in one hour').value).toBe(1500);
    expect(row(pia, 'Added TPS, all in 15 minutes').value).toBe(6000);
    const tps = Object.fromEntries(pia.placements.map((p) => [p.name, p.meanAddedTps]));
    expect(tps['mp192-baseline']).toBe(250);
    expect(tps['p1-peak-window']).toBe(250);
    expect(tps['p2-morning']).toBe(250);
    expect(tps['p3-late-evening']).toBe(750);
    expect(tps['p4-morning-and-late']).toBe(187.5);
    expect(tps['p5-whole-day']).toBe(62.5);
    expect(tps['p6-firmware-window']).toBe(150);
    expect(tps['p0-midnight-burst']).toBe(90_000);
  });
  it('E19: 3,125 DLMS/s with firmware and 2,262 DLMS/s without', () => {
    expect(row(pia, 'Average DLMS rate with firmware').value).toBeCloseTo(3125, 6);
    expect(row(pia, 'Average DLMS rate without firmware').value).toBeCloseTo(2261.9, 1);
  });
});

describe('the table is computed, not copied', () => {
  it('follows the volume and the DLMS range of the model', () => {
    const changed = variant(base, (d) => {
      d.workload.srvsPerDay = 4_000_000;
      for (const s of d.srvs) if (s.dlms.kind === 'uniform') s.dlms = { kind: 'uniform', min: s.dlms.min + 1, max: s.dlms.max + 1 };
    });
    const p = computePia(changed);
    expect(row(p, 'DLMS commands at the low end').value).toBe(4_000_000 * 6);
    expect(row(p, 'DLMS commands at the high end').value).toBe(4_000_000 * 12);
    expect(row(p, 'SR transactions (request + response)').value).toBe(8_000_000);
    expect(row(p, 'Minimum drain time').value).toBeCloseTo(8e6 / 450, 9);
    // The day totals come from the seed's own statement, not from the simulated volume.
    expect(row(p, 'Implied day total with firmware').value).toBeCloseTo(270e6, 0);
  });
  it('counts only the SRs routed to the ceiling when routing is pro-rata', async () => {
    const p = computePia(await shipped('mp192-pro-rata'));
    expect(row(p, 'Minimum drain time').value).toBeCloseTo((5.4e6 * 0.32) / 450, 6);
  });
  it('prints a readable table with the warning', () => {
    const text = formatPia(pia);
    expect(text).toContain('13.5M DLMS/day');
    expect(text).toContain('12,000 s = 3 h 20 min');
    expect(text).toContain('WARNING');
  });
});
