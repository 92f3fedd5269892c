/**
 * The headline figures a comparison ranks on, as named numbers per replication:
 *
 *   scenario + ReplicationFigures → { securePeak1s: 512.3, withinTrt: 0.987, … }
 *
 * Secure figures come from the scenario's first transaction capacity, DCO figures from its first
 * DLMS capacity; a figure whose capacity is missing is left out. Pure.
 */
import type { Scenario } from '../model/types.js';
import type { ReplicationFigures } from './summarise.js';

/** One headline figure of a comparison: key, words, and the unit it is shown in. */
export interface FigureDef {
  readonly key: string;
  readonly label: string;
  /** 'tps', 's', 'units', 'per-h', 'share' (0–1, shown as %). */
  readonly unit: 'tps' | 's' | 'units' | 'per-h' | 'share';
}

const hhmm = (s: number) => `${String(Math.floor((s % 86_400) / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

/** The capacity indices the figures read: first transaction ceiling, first DLMS capacity (−1 = none). */
export function capacityIndices(s: Scenario): { tx: number; dlms: number } {
  return { tx: s.capacities.findIndex((c) => c.currency === 'transactions'), dlms: s.capacities.findIndex((c) => c.currency === 'dlms') };
}

/** The figures of a scenario, in table order. */
export function figureDefs(s: Scenario): FigureDef[] {
  const { tx, dlms } = capacityIndices(s);
  const t = s.capacities[tx]?.id ?? '';
  const d = s.capacities[dlms]?.id ?? '';
  const defs: FigureDef[] = [];
  if (tx >= 0) {
    defs.push(
      { key: 'securePeak1s', label: `${t}: peak TPS, 1 s`, unit: 'tps' },
      { key: 'securePeak1min', label: `${t}: peak TPS, 1 min`, unit: 'tps' },
      { key: 'secureMinHeadroom1s', label: `${t}: min headroom, 1 s (TPS)`, unit: 'tps' },
      { key: 'secureSecondsAbove', label: `${t}: seconds above ceiling`, unit: 's' },
      { key: 'secureMaxBacklog', label: `${t}: max backlog (transactions)`, unit: 'units' },
      { key: 'secureDrainS', label: `${t}: backlog drain time (s)`, unit: 's' },
    );
  }
  defs.push({ key: 'secondsAboveAny', label: 'seconds above any ceiling (each judged at its own window)', unit: 's' });
  if (dlms >= 0) {
    defs.push(
      { key: 'dcoPeakHourPerH', label: `${d}: peak hour, DLMS offered per h`, unit: 'per-h' },
      { key: 'dcoCapacityPerH', label: `${d}: capacity, DLMS per h`, unit: 'per-h' },
      { key: 'dcoSharePeakWindow', label: `${d}: added DLMS in peak window`, unit: 'share' },
      { key: 'dcoShareFirmwareWindow', label: `${d}: added DLMS in firmware window`, unit: 'share' },
    );
  }
  defs.push(
    { key: 'completionP95S', label: 'completion p95 (s)', unit: 's' },
    { key: 'completionP99S', label: 'completion p99 (s)', unit: 's' },
    { key: 'withinTrt', label: 'answered within the TRT', unit: 'share' },
    ...s.day.deadlinesS.map((at): FigureDef => ({ key: `by${hhmm(at).replace(':', '')}`, label: `answered by ${hhmm(at)}`, unit: 'share' })),
  );
  return defs;
}

/** The figures every one of `scenarios` has, in the first one's table order (what they can be compared on). */
export function commonFigureDefs(scenarios: readonly Scenario[]): FigureDef[] {
  const first = scenarios[0];
  if (!first) return [];
  const keys = scenarios.map((s) => new Set(figureDefs(s).map((d) => d.key)));
  return figureDefs(first).filter((d) => keys.every((set) => set.has(d.key)));
}

/** One replication's figures by key; a drain that never ends is +Infinity. */
export function figureValues(s: Scenario, f: ReplicationFigures): Record<string, number> {
  const { tx, dlms } = capacityIndices(s);
  const out: Record<string, number> = {};
  const t = f.capacities[tx];
  if (t) {
    out.securePeak1s = t.peakOffered1s;
    out.securePeak1min = t.peakOffered1min;
    out.secureMinHeadroom1s = t.minHeadroom1s;
    out.secureSecondsAbove = t.secondsAboveCeiling;
    out.secureMaxBacklog = t.maxQueue;
    out.secureDrainS = t.drainS ?? Number.POSITIVE_INFINITY;
  }
  // The verdict's count: windows above the ceiling, each capacity at its own window (per second for Secure).
  out.secondsAboveAny = f.capacities.reduce((a, c) => a + c.windowsAbove, 0);
  const d = f.capacities[dlms];
  const cap = s.capacities[dlms];
  if (d && cap) {
    const share = (x: number) => (d.scheduledOffered > 0 ? x / d.scheduledOffered : 0);
    out.dcoPeakHourPerH = d.peakOffered1h * 3600;
    out.dcoCapacityPerH = cap.ceilingPerS * 3600;
    out.dcoSharePeakWindow = share(d.scheduledInPeakWindow);
    out.dcoShareFirmwareWindow = share(d.scheduledInFirmwareWindow);
  }
  out.completionP95S = f.completion.p95S;
  out.completionP99S = f.completion.p99S;
  out.withinTrt = f.completion.shareWithinTrt;
  s.day.deadlinesS.forEach((at, j) => {
    out[`by${hhmm(at).replace(':', '')}`] = f.completion.shareByDeadline[j] ?? 0;
  });
  return out;
}
