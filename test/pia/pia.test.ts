/**
 * `srvsim pia` reproduces the seed's own figures (docs/domain.md §E) from the model's inputs, and
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
  it('E10: 2.7M SRs → 5.4M transactions, still 5.4M with alerts (an alert replaces its response), 13.9% of a saturated day', () => {
    expect(row(pia, 'SR transactions (request + response)').value).toBe(5_400_000);
    expect(row(pia, 'SR transactions with expected alerts').value).toBeCloseTo(5_400_000, 6);
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

describe('every row of a small model worked by hand', () => {
  // 1,000 SRs: 25% SRV 4.3 (4 DLMS commands, 1 request + 1 response), 75% SRV 4.4.3 (6–10 commands,
  // mean 8; 1 request + 2 responses); all to MOC (Secure), 00:00–06:00. Alerts as the simulation makes
  // them: both SRVs pass CV9, so an SR alerts when its TRT expires — 2% never reachable, and a reachable
  // one whose first attempt (p 0.1) and all 23 retries (each p 0.5) fail: a = 0.02 + 0.98 × 0.1 × 0.5^23.
  // Seed shares: 1,000 reference SRs × 5–10 commands; 4%–10% of a firmware day, 10%–20% of a day without.
  // Secure at 5 TPS, the DCO at 2 DLMS/s, firmware window 12:00–22:00 (10 h).
  const small = variant(base, (d) => {
    d.workload.srvsPerDay = 1000;
    d.workload.mix = [
      { srv: '4.3', share: 0.25 },
      { srv: '4.4.3', share: 0.75 },
    ];
    for (const srv of d.srvs) {
      if (srv.id === '4.3') Object.assign(srv, { dlms: { kind: 'fixed', value: 4 }, requestsPerSr: 1, responsesPerSr: 1 });
      else Object.assign(srv, { dlms: { kind: 'uniform', min: 6, max: 10 }, requestsPerSr: 1, responsesPerSr: 2 });
    }
    d.seedShares = {
      referenceSrvs: 1000,
      referenceDlmsMin: 5,
      referenceDlmsMax: 10,
      shareWithFirmwareMin: 0.04,
      shareWithFirmwareMax: 0.1,
      shareNoFirmwareMin: 0.1,
      shareNoFirmwareMax: 0.2,
      statedFirmwareUplift: 0.5,
    };
    d.capacities[0]!.ceilingPerS = 5;
    d.capacities[1]!.ceilingPerS = 2;
    d.day.firmwareWindow = { startS: 43_200, endS: 79_200 };
  });
  const p = computePia(small);
  const ALERTS = 0.02 + 0.98 * 0.1 * 0.5 ** 23;
  // Day totals from the seed shares: low 1,000 × 5 = 5,000, high 1,000 × 10 = 10,000.
  //   with firmware 5,000 / 0.04 = 125,000 and 10,000 / 0.1 = 100,000 → mean 112,500
  //   without       5,000 / 0.1  =  50,000 and 10,000 / 0.2 =  50,000 → mean  50,000
  //   ratio low = 100,000 / 50,000 = 2, high = 125,000 / 50,000 = 2.5, mean 112,500 / 50,000 = 2.25
  // Transactions per SR 0.25 × 2 + 0.75 × 3 = 2.75 → 2,750; with alerts each alerting SR sends one alert
  // instead of its responses (1.75 on average): 1,000 × (1 + (1 − a) × 1.75 + a).
  // At Secure (fluid day): 250 × 2 + 750 × 3 = 2,750.
  const expected: [string, number, number?][] = [
    ['Scheduled SRVs per day', 1000],
    ['DLMS commands per SR (catalogue range)', 4, 10],
    ['DLMS commands at the low end', 4000],
    ['DLMS commands at the high end', 10_000],
    ['DLMS commands at the mix-weighted mean', 7000], // 1,000 × (0.25 × 4 + 0.75 × 8)
    ['Implied day total with firmware', 125_000, 100_000],
    ['Implied day total without firmware', 50_000, 50_000],
    ['Implied firmware ratio (with / without)', 2, 2.5],
    ['Firmware increment (as load)', 62_500], // 112,500 − 50,000
    ['Stated firmware scaling as capacity', 75_000], // (1 + 0.5) × 50,000
    ['Scheduled DLMS as a share of the firmware day', 4000 / 112_500, 10_000 / 112_500],
    ['Secure S1SP ceiling over a day', 432_000], // 5 × 86,400
    ['SR transactions (request + response)', 2750],
    ['SR transactions with expected alerts', 1000 * (1 + (1 - ALERTS) * 1.75 + ALERTS)],
    ['Share of a saturated day', 2750 / 432_000],
    ['Minimum drain time', 550], // 2,750 / 5
    ['Added TPS, all in one hour', 2750 / 3600],
    ['Added TPS, all in 15 minutes', 2750 / 900],
    ['Average DLMS rate with firmware', 112_500 / 86_400],
    ['Average DLMS rate without firmware', 50_000 / 86_400],
    ['DCO (Capgemini) ceiling (model)', 7200], // 2 × 3,600
  ];

  it('has exactly these rows, each with its hand value', () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(p.rows.length).toBe(expected.length);
    for (const [quantity, value, high] of expected) {
      const r = row(p, quantity);
      expect(r.value, quantity).toBeCloseTo(value, 9);
      if (high === undefined) expect(r.high, quantity).toBeUndefined();
      else expect(r.high, quantity).toBeCloseTo(high, 9);
    }
  });
  it('shows the firmware increment per hour of the firmware window: 62,500 / 10 h = 6,250/h', () => {
    expect(row(p, 'Firmware increment').formula).toBe('112,500 − 50,000; 6,250/h over 10 h');
    expect(row(p, 'Implied firmware ratio').formula).toBe('mean 2.25 = 112,500 / 50,000');
    expect(row(p, 'Stated firmware scaling').formula).toBe('headroom over the firmware day -37,500 vs 10,000 scheduled (high)');
  });
  it('warns that a stated 50% uplift (ratio 1.5) is outside the implied 2–2.5, i.e. 100%–150%', () => {
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain('firmware adds 100%–150%');
    expect(p.warnings[0]).toContain('(ratio 2–2.5)');
    expect(p.warnings[0]).toContain('"around 50%" (ratio 1.5)');
  });
  it('does not warn at either end of the implied range (uplift 100% → 2, 150% → 2.5), and warns just past it (160%)', () => {
    const at = (uplift: number) =>
      computePia(
        variant(small, (d) => {
          d.seedShares.statedFirmwareUplift = uplift;
        }),
      ).warnings.length;
    expect(at(1)).toBe(0);
    expect(at(1.5)).toBe(0);
    expect(at(1.6)).toBe(1);
  });

  describe('added TPS by placement (E12)', () => {
    it('uniform 00:00–06:00: both SRVs’ parts overlap, so the peak is their sum 500/21,600 + 2,250/21,600 = the mean', () => {
      const t = p.placements[0]!;
      expect(t.name).toBe(small.name);
      expect(t.activeS).toBe(21_600);
      expect(t.meanAddedTps).toBeCloseTo(2750 / 21_600, 12);
      expect(t.peakAddedTps).toBeCloseTo(2750 / 21_600, 12);
    });
    it('two cohorts’ windows overlapping 00:30–01:00: 1,375 TPS-seconds each over an hour, peak 2,750 / 3,600, mean 2,750 / 5,400', () => {
      // IOC moved to Secure; half the SRs each to MOC (00:00–01:00) and IOC (00:30–01:30):
      // each cohort 125 × 2 + 375 × 3 = 1,375 transactions over 3,600 s; both at once over 00:30–01:00.
      const overlap = variant(small, (d) => {
        for (const c of d.cohorts) if (c.id === 'IOC') c.s1sp = 'Secure';
        d.workload.routing = [
          { cohort: 'IOC', share: 0.5 },
          { cohort: 'MOC', share: 0.5 },
        ];
        d.placement = {
          kind: 'per-cohort',
          cohorts: [
            { cohort: 'MOC', windows: [{ startS: 0, endS: 3600 }] },
            { cohort: 'IOC', windows: [{ startS: 1800, endS: 5400 }] },
          ],
        };
      });
      const t = computePia(small, [overlap]).placements[1]!;
      expect(t.activeS).toBe(5400);
      expect(t.meanAddedTps).toBeCloseTo(2750 / 5400, 12);
      expect(t.peakAddedTps).toBeCloseTo(2750 / 3600, 12);
    });
    it('a histogram 3 : 1 over 00:00–01:00 and 01:00–02:00: parts touch but do not overlap, peak 2,062.5 / 3,600', () => {
      const hist = variant(small, (d) => {
        d.placement = {
          kind: 'histogram',
          bins: [
            { startS: 0, endS: 3600, weight: 3 },
            { startS: 3600, endS: 7200, weight: 1 },
          ],
        };
      });
      const t = computePia(hist).placements[0]!;
      expect(t.activeS).toBe(7200);
      expect(t.meanAddedTps).toBeCloseTo(2750 / 7200, 12);
      expect(t.peakAddedTps).toBeCloseTo((2750 * 0.75) / 3600, 12);
    });
    it('a fixed burst over 60 s: 2,750 / 60 TPS; over no time at all: infinite', () => {
      const burst = (dispatchS: number) =>
        computePia(
          variant(small, (d) => {
            d.placement = { kind: 'fixed', atS: 0, dispatchS };
          }),
        ).placements[0]!;
      expect(burst(60)).toMatchObject({ activeS: 60 });
      expect(burst(60).meanAddedTps).toBeCloseTo(2750 / 60, 12);
      expect(burst(60).peakAddedTps).toBeCloseTo(2750 / 60, 12);
      expect(burst(0)).toMatchObject({ activeS: 0, meanAddedTps: Number.POSITIVE_INFINITY, peakAddedTps: Number.POSITIVE_INFINITY });
    });
    it('the shipped placements: peaks 250 (00–06), 750 (22–24), 90,000 (60 s burst)', () => {
      const peak = Object.fromEntries(pia.placements.map((x) => [x.name, x.peakAddedTps]));
      expect(peak['mp192-baseline']).toBeCloseTo(250, 9);
      expect(peak['p3-late-evening']).toBeCloseTo(750, 9);
      expect(peak['p0-midnight-burst']).toBeCloseTo(90_000, 6);
    });
  });
});
