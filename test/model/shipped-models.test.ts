import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/model/load.js';
import { formatIssue } from '../../src/model/issues.js';
import { dayTotals } from '../../src/model/normalise.js';
import * as msg from '../../src/model/messages.js';
import { fixture, ROOT, scenarioOf } from './helpers.js';

const MODELS = join(ROOT, 'models');
const DEFAULT = join(MODELS, 'mp192-baseline.yaml');
/** The seed's §4.3 statement as written in the default model. */
const SEED_SHARES = {
  referenceSrvs: { value: 2_700_000, source: 'seed §4.3' },
  referenceDlmsPerSr: { min: 5, max: 11, source: 'seed §4.3' },
  shareWithFirmware: { min: 0.05, max: 0.11, source: 'seed §4.3' },
  shareNoFirmware: { min: 0.07, max: 0.15, source: 'seed §4.3' },
  statedFirmwareUplift: { value: 0.6, source: 'seed §4.3' },
};

describe('shipped models', () => {
  it.each(readdirSync(MODELS).filter((f) => f.endsWith('.yaml')))('%s validates', async (name) => {
    const result = await loadScenario(join(MODELS, name));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
    expect(result.ok && result.warnings).toEqual([]);
  });
});

describe('derived numbers of the default scenario (docs/domain.md §C.5, §C.6)', () => {
  it('Secure: 450 TPS ceiling, baseline peak 0.5 × 450 = 225 TPS in the 00:00 hour', async () => {
    const secure = (await scenarioOf(DEFAULT)).capacities.find((c) => c.id === 'secure')!;
    expect(secure.ceilingPerS).toBe(450);
    expect(secure.baseline.bucketS).toBe(3600);
    expect(secure.baseline.ratePerS[0]).toBeCloseTo(225, 9);
    expect(Math.max(...secure.baseline.ratePerS)).toBeCloseTo(225, 9);
  });

  it('DCO: ceiling 1.2 × 19.54M DLMS/h ÷ 3600 ≈ 6 514/s, a day of 270M DLMS with firmware', async () => {
    const dco = (await scenarioOf(DEFAULT)).capacities.find((c) => c.id === 'dco')!;
    expect(dco.ceilingPerS).toBeCloseTo((1.2 * 195_428_571.428_571_4 * 0.1) / 3600, 6);
    expect(Math.abs(dco.ceilingPerS - 6514.4)).toBeLessThan(0.2);
    expect(dco.baseline.ratePerS[0]).toBeCloseTo(5428.571, 2); // docs/domain.md §C.6: peak hour 5,428 DLMS/s
    const day = dco.baseline.ratePerS.reduce((a, r) => a + r * dco.baseline.bucketS, 0);
    expect(day).toBeCloseTo(270e6, 0); // D_fw
  });

  it('D_nf ≈ 195.43M: the seed-share rates of a no-firmware baseline sum to it over the day', async () => {
    const dco = (await scenarioOf(fixture('firmware-off.yaml'))).capacities[0]!;
    const day = dco.baseline.ratePerS.reduce((a, r) => a + r * dco.baseline.bucketS, 0);
    expect(day / 1e6).toBeCloseTo(195.43, 2);
    expect(dco.ceilingPerS).toBeCloseTo(23_450_000 / 3600, 9); // per-h ceiling
  });

  it('day totals: D_nf = mean(13.5M/0.07, 29.7M/0.15), D_fw = 270M, F = D_fw − D_nf', async () => {
    const s = (await scenarioOf(DEFAULT)).seedShares;
    expect(s).toMatchObject({ referenceSrvs: 2_700_000, referenceDlmsMin: 5, referenceDlmsMax: 11, shareNoFirmwareMin: 0.07 });
    const totals = dayTotals(SEED_SHARES);
    expect(totals.noFirmware).toBeCloseTo((13.5e6 / 0.07 + 29.7e6 / 0.15) / 2, 3);
    expect(totals.withFirmware).toBeCloseTo(270e6, 3);
    expect(totals.firmwareIncrement).toBeCloseTo(270e6 - totals.noFirmware, 3);
  });

  it('routing: all to MOC by default; pro-rata gives MOC its cohort share 0.32', async () => {
    const all = await scenarioOf(DEFAULT);
    expect(all.workload.routing).toEqual([{ cohort: 'MOC', share: 1 }]);
    expect(all.workload.routingMode).toBe('all-to');
    const proRata = await scenarioOf(join(MODELS, 'mp192-pro-rata.yaml'));
    expect(proRata.workload.routingMode).toBe('pro-rata');
    expect(proRata.workload.routing.find((r) => r.cohort === 'MOC')?.share).toBe(0.32);
    expect(proRata.workload.routing.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
  });

  it('normalises times, horizon, deadlines, placement and the catalogue', async () => {
    const s = await scenarioOf(DEFAULT);
    expect(s.name).toBe('mp192-baseline');
    expect(s.file).toBe(DEFAULT);
    expect(s.day).toEqual({
      peakWindow: { startS: 0, endS: 21_600 },
      firmwareWindow: { startS: 43_200, endS: 79_200 },
      trtS: 86_400,
      horizonS: 48 * 3600,
      warmupDays: 1,
      measuredDays: 1,
      firmwareDays: 'every-day',
      startDate: null,
      deadlinesS: [21_600, 28_800],
    });
    expect(s.placement).toEqual({ kind: 'uniform', windows: [{ startS: 0, endS: 21_600 }] });
    expect(s.srvs.map((x) => [x.id, x.dlms])).toEqual([
      ['4.3', { kind: 'uniform', min: 5, max: 7 }],
      ['4.4.3', { kind: 'uniform', min: 8, max: 11 }],
    ]);
    expect(s.inputs).toEqual([DEFAULT, ...['srv-catalogue.csv', 'cohorts.csv', 'baseline-shape.csv'].map((f) => join(ROOT, 'data', f))]);
    const p0 = await scenarioOf(join(MODELS, 'p0-midnight-burst.yaml'));
    expect(p0.placement).toEqual({ kind: 'fixed', atS: 0, dispatchS: 60 }); // the parent's windows are gone
    const p7 = await scenarioOf(join(MODELS, 'p7-custom-histogram.yaml'));
    expect(p7.placement).toEqual({
      kind: 'histogram',
      bins: [
        { startS: 7200, endS: 21_600, weight: 1 },
        { startS: 21_600, endS: 43_200, weight: 3 },
        { startS: 79_200, endS: 86_400, weight: 1 },
      ],
    });
  });

  it('provenance: one entry per number, with its source and the file:line that wrote it', async () => {
    const s = await scenarioOf(join(MODELS, 'p0-midnight-burst.yaml'));
    const entry = (path: string) => s.provenance.find((p) => p.path === path);
    expect(entry('placement.dispatchS.value')).toMatchObject({ value: '60', at: 'models/p0-midnight-burst.yaml:9' });
    expect(entry('capacities[0].ceiling.value')).toMatchObject({
      value: '450',
      source: 'seed App. B MP192-SA5 (450 TPS, TPS = (Request + Response + Alert)/s)',
      at: 'models/mp192-baseline.yaml:66',
    });
    expect(entry('cohorts.csv[MOC].share')).toMatchObject({ value: '0.32', at: 'data/cohorts.csv:3' });
    expect(entry('seedShares.referenceDlmsPerSr.max')).toMatchObject({ value: '11' });
    expect(s.provenance.every((p) => /seed §|seed App\.|public:|assumed:/.test(p.source))).toBe(true);
  });

  it('normalises the less common features: shares, per-cohort windows, maintenance, rates, costs', async () => {
    const result = await loadScenario(fixture('all-features.yaml'));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const s = result.scenario;
    expect(result.warnings).toEqual([
      formatIssue({
        file: fixture('all-features.yaml'),
        line: 41,
        col: 17,
        path: 'capacities[1].baseline.firmware',
        message: msg.firmwareWithoutShape(),
        got: 'true',
      }),
    ]);
    expect(s.workload.routing).toEqual([
      { cohort: 'MOC', share: 0.75 },
      { cohort: 'IOC', share: 0.25 },
      { cohort: 'FOC', share: 0 },
    ]);
    expect(s.placement).toEqual({
      kind: 'per-cohort',
      cohorts: [
        { cohort: 'MOC', windows: [{ startS: 21_600, endS: 43_200 }] },
        {
          cohort: 'IOC',
          windows: [
            { startS: 79_200, endS: 86_400 },
            { startS: 0, endS: 5430 },
          ],
        },
      ],
    });
    const [secure, dsp] = s.capacities;
    expect(secure?.overflow).toBe('reject');
    expect(secure?.maintenance).toEqual([
      { startS: 72_000, endS: 86_400 },
      { startS: 0, endS: 7200 },
    ]);
    // peak-utilisation with firmware: shape = w + f·F/D_nf; 12:00 is 0.03 + 0.1·F/D_nf, the peak is still 00:00 (0.1)
    const { noFirmware, firmwareIncrement } = dayTotals(SEED_SHARES);
    expect(secure?.baseline.ratePerS[0]).toBeCloseTo(225, 9);
    expect(secure?.baseline.ratePerS[12]).toBeCloseTo((225 * (0.03 + (0.1 * firmwareIncrement) / noFirmware)) / 0.1, 9);
    expect(dsp?.ceilingPerS).toBe(20);
    expect(dsp?.baseline.bucketS).toBe(60);
    expect(dsp?.baseline.ratePerS).toHaveLength(1440);
    expect([dsp?.baseline.ratePerS[0], dsp?.baseline.ratePerS[360]]).toEqual([5, 10]);
    expect(s.costs).toEqual({ perTpsMonthGbp: 120 });
    expect(s.inputs).toContain(fixture('minute-rates.csv'));
  });
});
