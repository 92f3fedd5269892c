/**
 * The named figures a comparison ranks on (src/stats/figures.ts): which capacity each reads, the
 * conversions (per s → per h, window sums → shares), and the keys and labels, against hand values.
 */
import { describe, expect, it } from 'vitest';
import type { CapacityFigures } from '../../src/stats/capacity-figures.js';
import { capacityIndices, commonFigureDefs, figureDefs, figureValues } from '../../src/stats/figures.js';
import type { ReplicationFigures } from '../../src/stats/summarise.js';
import { shipped, variant } from '../helpers/scenarios.js';

const base = await shipped();
const s = variant(base, (d) => {
  d.capacities[0]!.ceilingPerS = 450; // secure, transactions
  d.capacities[1]!.ceilingPerS = 2; // dco, DLMS commands per second
  d.day.deadlinesS = [21_600, 28_800];
});

const cap = (over: Partial<CapacityFigures>): CapacityFigures => ({
  peakOffered1s: 0,
  peakOffered1sAtS: 0,
  peakOffered1min: 0,
  peakOffered1h: 0,
  peakOffered1hAtS: 0,
  peakCarried1s: 0,
  minHeadroom1s: 0,
  minHeadroom1min: 0,
  secondsAboveCeiling: 0,
  secondsSaturated: 0,
  maxQueue: 0,
  maxQueueAtS: 0,
  drainS: 0,
  scheduledOffered: 0,
  scheduledInPeakWindow: 0,
  scheduledInFirmwareWindow: 0,
  rejected: 0,
  windowS: 1,
  requiredPerS: 0,
  requiredAtS: 0,
  baselinePeakWindowPerS: 0,
  upliftPerS: 0,
  windowsAbove: 0,
  minHeadroomWindow: 0,
  ...over,
});

const figs: ReplicationFigures = {
  capacities: [
    cap({ peakOffered1s: 512.5, peakOffered1min: 470.25, minHeadroom1s: -62.5, secondsAboveCeiling: 3, windowsAbove: 3, maxQueue: 1234, drainS: 77, peakOffered1h: 999 }),
    cap({ peakOffered1h: 2.5, scheduledOffered: 120, scheduledInPeakWindow: 30, scheduledInFirmwareWindow: 90, secondsAboveCeiling: 9, windowsAbove: 4, peakOffered1s: 7 }),
  ],
  completion: { p50S: 10, p95S: 95.5, p99S: 99.5, meanS: 40, shareWithinTrt: 0.987, shareExpired: 0.01, shareByDeadline: [0.25, 0.75] },
  counters: {} as ReplicationFigures['counters'],
};

describe('figure values of one replication', () => {
  const v = figureValues(s, figs);

  it('secure figures come from the first transaction capacity', () => {
    expect(v.securePeak1s).toBe(512.5);
    expect(v.securePeak1min).toBe(470.25);
    expect(v.secureMinHeadroom1s).toBe(-62.5);
    expect(v.secureSecondsAbove).toBe(3);
    expect(v.secureMaxBacklog).toBe(1234);
    expect(v.secureDrainS).toBe(77);
  });
  it('seconds above any ceiling add up over capacities: 3 + 4 = 7', () => {
    expect(v.secondsAboveAny).toBe(7);
  });
  it('DCO per hour: peak hour 2.5 DLMS/s × 3,600 = 9,000 DLMS/h; capacity 2 × 3,600 = 7,200 DLMS/h', () => {
    expect(v.dcoPeakHourPerH).toBe(9000);
    expect(v.dcoCapacityPerH).toBe(7200);
  });
  it('DCO window shares: 30 / 120 = 0.25 in the peak window, 90 / 120 = 0.75 in the firmware window', () => {
    expect(v.dcoSharePeakWindow).toBe(0.25);
    expect(v.dcoShareFirmwareWindow).toBe(0.75);
  });
  it('completion figures: p95, p99, within the TRT, and one share per deadline keyed by its clock time', () => {
    expect(v.completionP95S).toBe(95.5);
    expect(v.completionP99S).toBe(99.5);
    expect(v.withinTrt).toBe(0.987);
    expect(v.by0600).toBe(0.25);
    expect(v.by0800).toBe(0.75);
  });
  it('a backlog that never drains is an infinite drain time', () => {
    const never = { ...figs, capacities: [cap({ drainS: null }), figs.capacities[1]!] };
    expect(figureValues(s, never).secureDrainS).toBe(Number.POSITIVE_INFINITY);
  });
  it('no scheduled DLMS: window shares 0, not NaN', () => {
    const none = { ...figs, capacities: [figs.capacities[0]!, cap({})] };
    const w = figureValues(s, none);
    expect(w.dcoSharePeakWindow).toBe(0);
    expect(w.dcoShareFirmwareWindow).toBe(0);
  });
  it('reads the capacities by currency, not position: DLMS first, transactions second', () => {
    const swapped = variant(s, (d) => {
      d.capacities = [d.capacities[1]!, d.capacities[0]!];
    });
    expect(capacityIndices(swapped)).toEqual({ tx: 1, dlms: 0 });
    const w = figureValues(swapped, { ...figs, capacities: [figs.capacities[1]!, figs.capacities[0]!] });
    expect(w.securePeak1s).toBe(512.5);
    expect(w.dcoPeakHourPerH).toBe(9000);
  });
  it('leaves out the figures of a missing capacity', () => {
    const txOnly = variant(s, (d) => {
      d.capacities = [d.capacities[0]!];
    });
    const w = figureValues(txOnly, { ...figs, capacities: [figs.capacities[0]!] });
    expect(w.securePeak1s).toBe(512.5);
    expect('dcoPeakHourPerH' in w).toBe(false);
    expect(w.secondsAboveAny).toBe(3);
  });
});

describe('figure definitions', () => {
  it('list the keys in table order, with a deadline key per deadline', () => {
    expect(figureDefs(s).map((d) => d.key)).toEqual([
      'securePeak1s',
      'securePeak1min',
      'secureMinHeadroom1s',
      'secureSecondsAbove',
      'secureMaxBacklog',
      'secureDrainS',
      'secondsAboveAny',
      'dcoPeakHourPerH',
      'dcoCapacityPerH',
      'dcoSharePeakWindow',
      'dcoShareFirmwareWindow',
      'completionP95S',
      'completionP99S',
      'withinTrt',
      'by0600',
      'by0800',
    ]);
  });
  it('label each figure with its capacity, unit and clock time', () => {
    const defs = Object.fromEntries(figureDefs(s).map((d) => [d.key, d]));
    const secure = s.capacities[0]!.id;
    expect(defs.securePeak1s).toEqual({ key: 'securePeak1s', label: `${secure}: peak TPS, 1 s`, unit: 'tps' });
    expect(defs.by0600).toEqual({ key: 'by0600', label: 'answered by 06:00', unit: 'share' });
    expect(defs.withinTrt!.unit).toBe('share');
    expect(defs.dcoPeakHourPerH!.unit).toBe('per-h');
  });
  it('write 07:30 (27,000 s) as by0730', () => {
    const t = variant(s, (d) => {
      d.day.deadlinesS = [27_000];
    });
    expect(figureDefs(t).at(-1)).toEqual({ key: 'by0730', label: 'answered by 07:30', unit: 'share' });
    expect(figureValues(t, { ...figs, completion: { ...figs.completion, shareByDeadline: [0.4] } }).by0730).toBe(0.4);
  });
  it('compare scenarios on the figures they all have', () => {
    const txOnly = variant(s, (d) => {
      d.capacities = [d.capacities[0]!];
    });
    const keys = commonFigureDefs([s, txOnly]).map((d) => d.key);
    expect(keys).not.toContain('dcoPeakHourPerH');
    expect(keys).toContain('securePeak1s');
    expect(commonFigureDefs([])).toEqual([]);
  });
});
