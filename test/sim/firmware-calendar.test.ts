/**
 * The firmware calendar: which days' baselines carry the firmware uplift (day.firmwareDays, dated by
 * day.start or --start), against hand figures.
 *
 * The DCO's fluid baseline follows the seed's §4.3 day totals: 13.5M / 5% = 29.7M / 11% = 270M DLMS a
 * firmware day, and (13.5M / 7% + 29.7M / 15%) / 2 = (192,857,142.86 + 198,000,000) / 2 =
 * 195,428,571.43 a day without (docs/domain.md §C.6). 2027-01-04 is a Monday (1 January 2027 is a
 * Friday), so with one warm-up day the run's days are Sunday 3, Monday 4 and Tuesday 5 January.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFromObject } from '../../src/model/load.js';
import { dateAfter, isCalendarDate, isFirmwareDay, withRunDays } from '../../src/model/run-days.js';
import type { FirmwareDays, Scenario } from '../../src/model/types.js';
import { SharedDraws } from '../../src/sim/capacities.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { summarise } from '../../src/stats/summarise.js';
import { expectInvariants } from '../helpers/invariants.js';
import { modelPath, shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const FIRMWARE_DAY = 270e6;
const PLAIN_DAY = (13.5e6 / 0.07 + 29.7e6 / 0.15) / 2;

/** The shipped model with 1,000 SRs and the calendar given; `dcoOnly` drops Secure (and its long Poisson baseline). */
function calendar(firmwareDays: FirmwareDays, startDate: string | null, dcoOnly = false): Scenario {
  return variant(base, (d) => {
    if (dcoOnly) d.capacities = d.capacities.filter((c) => c.currency === 'dlms');
    d.workload.srvsPerDay = 1000;
    d.day.firmwareDays = firmwareDays;
    d.day.startDate = startDate;
  });
}

/** Baseline units offered at capacity k on each clock day of the run (offered − scheduled). */
const baselinePerDay = (s: Scenario, k: number, shared?: SharedDraws) =>
  runReplication(s, { seed: 4, replication: 0, ...(shared ? { shared } : {}) }).days.map((d) => (d.capacities[k]?.offered ?? 0) - (d.capacities[k]?.scheduledOffered ?? 0));

describe('the firmware calendar', () => {
  it('dates and weekdays by hand: 2027-01-04 is a Monday; 2027-02-29 is no date', () => {
    expect(dateAfter('2027-01-04', -1)).toBe('2027-01-03');
    expect(dateAfter('2026-12-31', 1)).toBe('2027-01-01');
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    const weekdays = calendar('weekdays', '2027-01-04').day;
    expect([-1, 0, 1, 4, 5].map((k) => isFirmwareDay(weekdays, k))).toEqual([false, true, true, true, false]); // Sun, Mon, Tue, Fri, Sat
    const weekends = calendar('weekends', '2027-01-04').day;
    expect([-1, 0, 5].map((k) => isFirmwareDay(weekends, k))).toEqual([true, false, true]);
  });

  it('every day, none, weekdays from a Monday: the DCO baseline is 270M on a firmware day and 195.43M on the others', () => {
    const cases: [FirmwareDays, string | null, number[]][] = [
      ['every-day', null, [FIRMWARE_DAY, FIRMWARE_DAY, FIRMWARE_DAY]],
      ['none', null, [PLAIN_DAY, PLAIN_DAY, PLAIN_DAY]],
      ['weekdays', '2027-01-04', [PLAIN_DAY, FIRMWARE_DAY, FIRMWARE_DAY]], // Sun, Mon, Tue
      ['weekends', '2027-01-09', [PLAIN_DAY, FIRMWARE_DAY, FIRMWARE_DAY]], // Fri 8, Sat 9, Sun 10
    ];
    for (const [days, start, want] of cases) {
      const got = baselinePerDay(calendar(days, start, true), 0);
      expect(got.length, days).toBe(3);
      got.forEach((v, d) => expect(Math.abs(v - (want[d] as number)), `${days}, day ${d}`).toBeLessThan(1));
    }
  });

  it('a discrete baseline draws each day at its own rate, drawn as the day goes and drawn ahead alike', () => {
    // Secure's baseline replaced by 10 arrivals a second, of which 4 are the firmware uplift in
    // 12:00–22:00: a firmware day expects 864,000 arrivals, a day without 864,000 − 4 × 36,000 = 720,000
    // (Poisson: σ ≈ 930 and 850).
    const s = variant(calendar('weekdays', '2027-01-04'), (d) => {
      d.capacities[0]!.baseline = {
        mode: 'discrete',
        bucketS: 3600,
        ratePerS: Array(24).fill(10),
        firmwarePerS: Array.from({ length: 24 }, (_, h) => (h >= 12 && h < 22 ? 4 : 0)),
        firmware: true,
      };
    });
    const want = [720_000, 864_000, 864_000];
    for (const shared of [undefined, new SharedDraws()]) {
      const got = baselinePerDay(s, 0, shared);
      got.forEach((v, d) => expect(Math.abs(v - (want[d] as number)), `day ${d}`).toBeLessThan(5 * Math.sqrt(want[d] as number)));
    }
    expect(baselinePerDay(s, 0)).toEqual(baselinePerDay(s, 0, new SharedDraws())); // the same draws either way
  });

  it('the summary says each day’s date and whether it carries firmware; the invariants hold', () => {
    const s = calendar('weekdays', '2027-01-04', true);
    const r = runReplication(s, { seed: 4, replication: 0 });
    const sum = summarise(s, [r]);
    expectInvariants(s, [r], sum);
    expect(sum.days.map((d) => [d.date, d.role, d.firmware])).toEqual([
      ['2027-01-03', 'warm-up', false],
      ['2027-01-04', 'measured', true],
      ['2027-01-05', 'tail', true],
    ]);
  });

  it('--start dates the run and says so in the provenance; a bad date is refused', () => {
    const s = withRunDays(calendar('weekdays', '2027-01-04'), { start: '2027-01-09' });
    expect(s.day.startDate).toBe('2027-01-09');
    expect(s.provenance.filter((p) => p.path === 'day.start.value')).toEqual([{ path: 'day.start.value', value: '2027-01-09', source: 'command line (--start 2027-01-09)', at: 'command line' }]);
    expect(() => withRunDays(s, { start: '2027-13-01' })).toThrow(/--start must be a calendar date/);
  });

  it('the model refuses a weekday calendar without a start date, and a start that is no date', async () => {
    const model = (day: Record<string, unknown>) => ({ extends: './mp192-baseline.yaml', day });
    const src = 'assumed: test';
    const noStart = await loadScenarioFromObject(model({ firmwareDays: { value: 'weekdays', source: src } }), modelPath('calendar-test'));
    expect(noStart.ok ? [] : noStart.issues.map((i) => i.path)).toEqual(['day.firmwareDays.value']);
    const badDate = await loadScenarioFromObject(model({ firmwareDays: { value: 'weekdays', source: src }, start: { value: '2027-02-29', source: src } }), modelPath('calendar-test'));
    expect(badDate.ok ? [] : badDate.issues.map((i) => i.path)).toEqual(['day.start.value']);
    const fine = await loadScenarioFromObject(model({ firmwareDays: { value: 'weekdays', source: src }, start: { value: '2027-01-04', source: src } }), modelPath('calendar-test'));
    expect(fine.ok).toBe(true);
  });
});
