/**
 * The seed's own arithmetic (its §4.3 and App. B figures, docs/domain.md §E), computed from a
 * scenario's inputs. Nothing here is typed in from the seed: change the model, the table changes.
 */
import { DAY_S, dlmsMean, dlmsRange, type Scenario } from '../model/types.js';
import { expectedAlertShare, type FluidLoad, type FluidPart, fluidDay, peakRate } from '../workload/fluid-day.js';

export interface PiaRow {
  /** Row of docs/domain.md §E this reproduces (e.g. 'E3'), or '' for a supporting figure. */
  readonly ref: string;
  readonly quantity: string;
  readonly value: number;
  /** A second value when the row is a range (low–high). */
  readonly high?: number;
  readonly unit: string;
  readonly formula: string;
  readonly source: string;
}

export interface PlacementTps {
  readonly name: string;
  readonly title: string;
  /** Seconds of the day over which the placement releases its SRs (0 = one instant). */
  readonly activeS: number;
  /** Mean added TPS over the active time at the ceiling's S1SPs. */
  readonly meanAddedTps: number;
  /** Highest added TPS at any instant (overlapping parts — histogram bins, cohorts' windows — add up). */
  readonly peakAddedTps: number;
}

export interface Pia {
  readonly scenario: string;
  readonly rows: readonly PiaRow[];
  readonly placements: readonly PlacementTps[];
  readonly warnings: readonly string[];
}

/** Mix-weighted mean of a per-SRV figure over the scenario's mix. */
function mixMean(s: Scenario, f: (srvId: string) => number): number {
  return s.workload.mix.reduce((acc, m) => acc + m.share * f(m.srv), 0);
}

function srvOf(s: Scenario, id: string) {
  const srv = s.srvs.find((x) => x.id === id);
  if (!srv) throw new RangeError(`SRV ${id} is not in the catalogue`);
  return srv;
}

/** Day totals of DLMS commands implied by the seed's §4.3 share statements. */
export function seedDayTotals(s: Scenario) {
  const k = s.seedShares;
  const low = k.referenceSrvs * k.referenceDlmsMin;
  const high = k.referenceSrvs * k.referenceDlmsMax;
  const fwLow = low / k.shareWithFirmwareMin;
  const fwHigh = high / k.shareWithFirmwareMax;
  const nfLow = low / k.shareNoFirmwareMin;
  const nfHigh = high / k.shareNoFirmwareMax;
  const withFirmware = (fwLow + fwHigh) / 2;
  const noFirmware = (nfLow + nfHigh) / 2;
  return { fwLow, fwHigh, nfLow, nfHigh, withFirmware, noFirmware, increment: withFirmware - noFirmware };
}

/** Transactions the fluid day adds at the scenario's transaction ceiling (first one), and how they are spread. */
function txAtCeiling(s: Scenario): FluidLoad | undefined {
  const k = s.capacities.findIndex((c) => c.currency === 'transactions');
  return k >= 0 ? fluidDay(s)[k] : undefined;
}

/** Seconds covered by at least one part (overlapping parts count once). */
function coveredS(parts: readonly FluidPart[]): number {
  const spans = parts.map((p) => [p.startS, p.startS + p.lengthS] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (to > end) {
      total += to - Math.max(from, end);
      end = to;
    }
  }
  return total;
}

/**
 * Added TPS of one placement at the scenario's transaction ceiling, from the fluid day: the mean over
 * the seconds the placement releases SRs in, and the peak where its parts (windows, bins, cohorts'
 * windows) overlap most.
 */
export function placementTps(s: Scenario): PlacementTps {
  const load = txAtCeiling(s);
  const parts = load?.parts ?? [];
  const activeS = s.placement.kind === 'fixed' ? s.placement.dispatchS : coveredS(parts);
  const units = load?.units ?? 0;
  const meanAddedTps = activeS > 0 ? units / activeS : units > 0 ? Number.POSITIVE_INFINITY : 0;
  return { name: s.name, title: s.title, activeS, meanAddedTps, peakAddedTps: peakRate(parts) };
}

/**
 * The table. `others` are further scenarios (e.g. every shipped placement) whose added TPS is listed
 * beside the main scenario's.
 */
export function computePia(s: Scenario, others: readonly Scenario[] = []): Pia {
  const n = s.workload.srvsPerDay;
  const ranges = s.workload.mix.map((m) => dlmsRange(srvOf(s, m.srv).dlms));
  const dlmsMin = Math.min(...ranges.map((r) => r.min));
  const dlmsMax = Math.max(...ranges.map((r) => r.max));
  const dlmsAvg = mixMean(s, (id) => dlmsMean(srvOf(s, id).dlms));
  const requestsPerSr = mixMean(s, (id) => srvOf(s, id).requestsPerSr);
  const responsesPerSr = mixMean(s, (id) => srvOf(s, id).responsesPerSr);
  const txPerSr = requestsPerSr + responsesPerSr;
  // The simulation's alert model: an SR ends in an alert (S1VE12 or TRT expiry) instead of its response.
  const alertsPerSr = expectedAlertShare(s);
  const d = seedDayTotals(s);
  const ratio = { low: d.fwHigh / d.nfHigh, high: d.fwLow / d.nfLow, mean: d.withFirmware / d.noFirmware };
  const fwHours = (s.day.firmwareWindow.endS - s.day.firmwareWindow.startS) / 3600;
  const tpsCap = s.capacities.find((c) => c.currency === 'transactions');
  const dlmsCap = s.capacities.find((c) => c.currency === 'dlms');
  const tx = n * txPerSr;
  const atCeiling = txAtCeiling(s)?.units ?? 0;
  const seed43 = 'seed §4.3';
  const rows: PiaRow[] = [
    { ref: 'E1', quantity: 'Scheduled SRVs per day', value: n, unit: 'SR', formula: 'workload.srvsPerDay', source: 'seed §1, §3.1, §4.3' },
    { ref: 'E2', quantity: 'DLMS commands per SR (catalogue range)', value: dlmsMin, high: dlmsMax, unit: 'DLMS/SR', formula: 'min/max over the SRVs in the mix', source: seed43 },
    { ref: 'E3', quantity: 'DLMS commands at the low end', value: n * dlmsMin, unit: 'DLMS/day', formula: `${fmt(n)} × ${dlmsMin}`, source: seed43 },
    { ref: 'E4', quantity: 'DLMS commands at the high end', value: n * dlmsMax, unit: 'DLMS/day', formula: `${fmt(n)} × ${dlmsMax}`, source: seed43 },
    {
      ref: '',
      quantity: 'DLMS commands at the mix-weighted mean',
      value: n * dlmsAvg,
      unit: 'DLMS/day',
      formula: `${fmt(n)} × ${round(dlmsAvg, 3)}`,
      source: 'catalogue distributions (assumed split of 5–11)',
    },
    { ref: 'E5', quantity: 'Implied day total with firmware', value: d.fwLow, high: d.fwHigh, unit: 'DLMS/day', formula: 'reference low / share low; reference high / share high', source: seed43 },
    { ref: 'E6', quantity: 'Implied day total without firmware', value: d.nfLow, high: d.nfHigh, unit: 'DLMS/day', formula: 'reference low / share low; reference high / share high', source: seed43 },
    {
      ref: 'E6',
      quantity: 'Implied firmware ratio (with / without)',
      value: ratio.low,
      high: ratio.high,
      unit: '×',
      formula: `mean ${round(ratio.mean, 4)} = ${fmt(d.withFirmware)} / ${fmt(d.noFirmware)}`,
      source: `${seed43} (derived)`,
    },
    {
      ref: 'E7',
      quantity: 'Firmware increment (as load)',
      value: d.increment,
      unit: 'DLMS/day',
      formula: `${fmt(d.withFirmware)} − ${fmt(d.noFirmware)}; ${fmt(d.increment / fwHours)}/h over ${fwHours} h`,
      source: `${seed43} (derived)`,
    },
    {
      ref: 'E7',
      quantity: 'Stated firmware scaling as capacity (1 + uplift) × no-firmware day',
      value: (1 + s.seedShares.statedFirmwareUplift) * d.noFirmware,
      unit: 'DLMS/day',
      formula: `headroom over the firmware day ${fmt((1 + s.seedShares.statedFirmwareUplift) * d.noFirmware - d.withFirmware)} vs ${fmt(n * dlmsMax)} scheduled (high)`,
      source: `${seed43} (interpretation)`,
    },
    {
      ref: '',
      quantity: 'Scheduled DLMS as a share of the firmware day',
      value: (n * dlmsMin) / d.withFirmware,
      high: (n * dlmsMax) / d.withFirmware,
      unit: 'share',
      formula: 'E3 / day, E4 / day',
      source: `${seed43} (derived)`,
    },
  ];
  if (tpsCap) {
    rows.push(
      {
        ref: 'E9',
        quantity: `${tpsCap.component} ceiling over a day`,
        value: tpsCap.ceilingPerS * DAY_S,
        unit: 'transactions/day',
        formula: `${fmt(tpsCap.ceilingPerS)} TPS × 86,400 s`,
        source: 'seed App. B MP192-SA5',
      },
      { ref: 'E10', quantity: 'SR transactions (request + response)', value: tx, unit: 'transactions/day', formula: `${fmt(n)} × ${round(txPerSr, 3)}`, source: 'seed App. B MP192-SA5' },
      {
        ref: 'E10',
        quantity: 'SR transactions with expected alerts (an alert replaces the response)',
        value: n * (requestsPerSr + (1 - alertsPerSr) * responsesPerSr + alertsPerSr),
        unit: 'transactions/day',
        formula: `${fmt(n)} × (${round(requestsPerSr, 3)} + (1 − ${round(alertsPerSr, 4)}) × ${round(responsesPerSr, 3)} + ${round(alertsPerSr, 4)})`,
        source: 'expected alerts per SR from behaviour.wan and CV9 (S1VE12 + TRT expiries), as the simulation makes them',
      },
      { ref: 'E10', quantity: 'Share of a saturated day', value: tx / (tpsCap.ceilingPerS * DAY_S), unit: 'share', formula: 'E10 / E9', source: 'derived' },
      {
        ref: 'E11',
        quantity: `Minimum drain time at ${fmt(tpsCap.ceilingPerS)} TPS (no baseline)`,
        value: atCeiling / tpsCap.ceilingPerS,
        unit: 's',
        formula: `${fmt(atCeiling)} routed to ${tpsCap.s1sps.join('+')} / ${fmt(tpsCap.ceilingPerS)}`,
        source: 'derived',
      },
      { ref: 'E12', quantity: 'Added TPS, all in one hour (reference)', value: atCeiling / 3600, unit: 'TPS', formula: `${fmt(atCeiling)} / 3,600 s`, source: 'derived' },
      { ref: 'E12', quantity: 'Added TPS, all in 15 minutes (reference)', value: atCeiling / 900, unit: 'TPS', formula: `${fmt(atCeiling)} / 900 s`, source: 'derived' },
    );
  }
  rows.push(
    { ref: 'E19', quantity: 'Average DLMS rate with firmware', value: d.withFirmware / DAY_S, unit: 'DLMS/s', formula: 'day total / 86,400 s', source: `${seed43} (derived)` },
    { ref: 'E19', quantity: 'Average DLMS rate without firmware', value: d.noFirmware / DAY_S, unit: 'DLMS/s', formula: 'day total / 86,400 s', source: `${seed43} (derived)` },
  );
  if (dlmsCap) {
    rows.push({
      ref: '',
      quantity: `${dlmsCap.component} ceiling (model)`,
      value: dlmsCap.ceilingPerS * 3600,
      unit: 'DLMS/h',
      formula: `${fmt(dlmsCap.ceilingPerS)} DLMS/s × 3,600`,
      source: 'model capacities',
    });
  }
  const placements = [s, ...others].map((o) => placementTps(o));
  const warnings: string[] = [];
  const stated = 1 + s.seedShares.statedFirmwareUplift;
  if (stated < ratio.low || stated > ratio.high) {
    warnings.push(
      `The seed's shares imply firmware adds ${pct(ratio.low - 1)}–${pct(ratio.high - 1)} to the daily DLMS load (ratio ${round(ratio.low, 3)}–${round(ratio.high, 3)}), ` +
        `which contradicts its "around ${pct(s.seedShares.statedFirmwareUplift)}" (ratio ${round(stated, 2)}). ` +
        'One reading reconciles them: the 60% is the capacity scaling done for firmware, not the load it adds (seed §4.3; docs/domain.md §E6, §E7).',
    );
  }
  return { scenario: s.name, rows, placements, warnings };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function fmt(x: number): string {
  return x.toLocaleString('en-GB', { maximumFractionDigits: 3 });
}
function pct(x: number): string {
  return `${round(x * 100, 1)}%`;
}
