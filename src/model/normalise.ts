/**
 * Validated model + tables → `Scenario`: routing resolved, baseline profiles turned into rates per second,
 * ceilings into units per second, and one provenance entry per number. Runs only on input that passed the
 * schema and every rule, so it has no error paths.
 */
import type { CsvTable } from './csv-table.js';
import { displayPath } from './issues.js';
import type { BaselineRow, CohortRow, HistogramRow, Model, ModelWindow, SrvRow } from './schema.js';
import { DAY_S, type BaselineProfile, type Capacity, type Placement, type ProvenanceEntry, type Scenario, type Window } from './types.js';
import { formatPath, type LNode, type PathSeg } from './located-tree.js';

export interface NormaliseInput {
  readonly file: string;
  readonly inputs: readonly string[];
  readonly model: Model;
  readonly root: LNode;
  readonly srvs: CsvTable<SrvRow>;
  readonly cohorts: CsvTable<CohortRow>;
  /** Baseline shape of each capacity, in the order of `model.capacities`. */
  readonly profiles: readonly CsvTable<BaselineRow>[];
  readonly histogram: CsvTable<HistogramRow> | undefined;
}

/** A routing entry with the model path that sets it. */
export interface Route {
  readonly cohort: string;
  readonly share: number;
  readonly path: string;
}

/** Share of the scheduled SRVs per cohort: all-to → that cohort; pro-rata → the cohort table; shares → as given. */
export function resolveRouting(routing: Model['workload']['routing'], cohorts: CsvTable<CohortRow> | undefined): Route[] {
  const path = 'workload.routing';
  switch (routing.mode) {
    case 'all-to':
      return [{ cohort: routing.cohort, share: 1, path: `${path}.cohort` }];
    case 'pro-rata':
      return (cohorts?.rows ?? []).map((r) => ({ cohort: r.value.cohort, share: r.value.share, path }));
    case 'shares':
      return routing.shares.map((s, i) => ({ cohort: s.cohort, share: s.share.value, path: `${path}.shares[${i}]` }));
  }
}

/** The seed's §4.3 day totals in DLMS commands: no-firmware day, firmware day, and the firmware increment. */
export function dayTotals(s: Model['seedShares']): { noFirmware: number; withFirmware: number; firmwareIncrement: number } {
  const { referenceSrvs: n, referenceDlmsPerSr: dlms } = s;
  const day = (share: { min: number; max: number }): number => ((n.value * dlms.min) / share.min + (n.value * dlms.max) / share.max) / 2;
  const [noFirmware, withFirmware] = [day(s.shareNoFirmware), day(s.shareWithFirmware)];
  return { noFirmware, withFirmware, firmwareIncrement: withFirmware - noFirmware };
}

const toWindow = (w: ModelWindow): Window => ({ startS: w.start, endS: w.end });

export function normalise(input: NormaliseInput): Scenario {
  const { model: m } = input;
  const totals = dayTotals(m.seedShares);
  const costs = m.costs ?? {};
  const tables = [input.srvs, input.cohorts, ...new Set(input.profiles), ...(input.histogram ? [input.histogram] : [])];
  return {
    name: m.scenario,
    title: m.title,
    file: input.file,
    inputs: input.inputs,
    seed: m.seed.value,
    day: {
      peakWindow: toWindow(m.day.peakWindow),
      firmwareWindow: toWindow(m.day.firmwareWindow),
      trtS: m.day.trtS.value,
      horizonS: m.day.horizonH.value * 3600,
      warmupDays: m.day.warmupDays.value,
      measuredDays: m.day.measuredDays.value,
      firmwareDays: m.day.firmwareDays?.value ?? 'every-day',
      startDate: m.day.start?.value ?? null,
      deadlinesS: m.day.deadlines.map((d) => d.at),
    },
    workload: {
      srvsPerDay: m.workload.srvsPerDay.value,
      mix: m.workload.mix.map((x) => ({ srv: x.srv, share: x.share.value })),
      routing: resolveRouting(m.workload.routing, input.cohorts).map(({ cohort, share }) => ({ cohort, share })),
      routingMode: m.workload.routing.mode,
    },
    placement: placementOf(m.placement, input.histogram),
    srvs: input.srvs.rows.map(({ value: r }) => ({
      id: r.srv,
      name: r.name,
      dlms: r.dlms,
      requestsPerSr: r.requests_per_sr,
      responsesPerSr: r.responses_per_sr,
      dataNotAvailableProbability: r.data_not_available_probability,
      modes: r.modes,
      scheduledDeviceTypes: r.scheduled_device_types,
      source: r.source,
    })),
    cohorts: input.cohorts.rows.map(({ value: c }) => ({
      id: c.cohort,
      s1sp: c.s1sp,
      deviceType: c.device_type,
      protocol: c.protocol,
      share: c.share,
      devices: c.devices,
      wakeUpS: c.wake_up_s,
      source: c.source,
    })),
    s1sps: m.s1sps.map((s) => ({ id: s.id, cv9Srvs: s.cv9Srvs, source: s.source })),
    behaviour: {
      wan: {
        firstAttemptSuccess: m.behaviour.wan.firstAttemptSuccess.value,
        retrySuccess: m.behaviour.wan.retrySuccess.value,
        neverReachableShare: m.behaviour.wan.neverReachableShare.value,
        roundTripMedianS: m.behaviour.wan.roundTripMedianS.value,
        roundTripP95S: m.behaviour.wan.roundTripP95S.value,
      },
      retryIntervalS: m.behaviour.retryIntervalS.value,
      failedAttempt: {
        unreachableCommands: m.behaviour.failedAttempt.unreachableCommands.value,
        wanFailureShare: m.behaviour.failedAttempt.wanFailureShare.value,
      },
    },
    capacities: m.capacities.map((c, i) => capacityOf(c, input.profiles[i]!, totals)),
    seedShares: {
      referenceSrvs: m.seedShares.referenceSrvs.value,
      referenceDlmsMin: m.seedShares.referenceDlmsPerSr.min,
      referenceDlmsMax: m.seedShares.referenceDlmsPerSr.max,
      shareWithFirmwareMin: m.seedShares.shareWithFirmware.min,
      shareWithFirmwareMax: m.seedShares.shareWithFirmware.max,
      shareNoFirmwareMin: m.seedShares.shareNoFirmware.min,
      shareNoFirmwareMax: m.seedShares.shareNoFirmware.max,
      statedFirmwareUplift: m.seedShares.statedFirmwareUplift.value,
    },
    costs: {
      ...(costs.perTpsMonthGbp ? { perTpsMonthGbp: costs.perTpsMonthGbp.value } : {}),
      ...(costs.perMillionDlmsPerHourMonthGbp ? { perMillionDlmsPerHourMonthGbp: costs.perMillionDlmsPerHourMonthGbp.value } : {}),
    },
    provenance: [...yamlProvenance(input.root, [], undefined), ...tables.flatMap((t) => tableProvenance(t))],
  };
}

function placementOf(p: Model['placement'], histogram: CsvTable<HistogramRow> | undefined): Placement {
  switch (p.kind) {
    case 'fixed':
      return { kind: 'fixed', atS: p.at, dispatchS: p.dispatchS.value };
    case 'uniform':
      return { kind: 'uniform', windows: p.windows.map(toWindow) };
    case 'per-cohort':
      return { kind: 'per-cohort', cohorts: p.cohorts.map((c) => ({ cohort: c.cohort, windows: c.windows.map(toWindow) })) };
    case 'histogram':
      return {
        kind: 'histogram',
        bins: (histogram?.rows ?? []).map(({ value: b }) => ({ startS: b.start, endS: b.end, weight: b.weight })),
      };
  }
}

type Totals = ReturnType<typeof dayTotals>;

/** The largest number of a list (-Infinity when empty), without spreading it into arguments. */
const largest = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b), -Infinity);

/** Seconds of each window a ceiling can hold over. */
const WINDOW_S = { 'per-s': 1, 'per-15min': 900, 'per-h': 3600 } as const;

/** Baseline rates per bucket and the ceiling per second (a headroom ceiling is relative to the baseline peak); also what simulable.ts checks. */
export function capacityOf(c: Model['capacities'][number], profile: CsvTable<BaselineRow>, totals: Totals): Capacity {
  const { ceiling: ceil, baseline: b } = c;
  const bucketS = DAY_S / profile.rows.length;
  const fixedCeilingPerS = ceil.kind === 'per-s' ? ceil.value : ceil.kind === 'per-h' ? ceil.value / 3600 : 0;
  const zeros = profile.rows.map(() => 0);
  const { rates: ratePerS, firmware: firmwarePerS } = b.mode === 'none' ? { rates: zeros, firmware: zeros } : baselineRates(b, profile, bucketS, totals, fixedCeilingPerS);
  const ceilingPerS = ceil.kind === 'headroom-over-baseline-peak' ? (1 + ceil.value) * largest(ratePerS) : fixedCeilingPerS;
  const baseline: BaselineProfile = { mode: b.mode, bucketS, ratePerS, firmwarePerS, firmware: b.firmware };
  return {
    id: c.id,
    component: c.component,
    currency: c.currency,
    s1sps: c.s1sps,
    ceilingPerS,
    windowS: c.window ? WINDOW_S[c.window.value] : ceil.kind === 'per-s' ? 1 : ceil.kind === 'per-h' ? 3600 : bucketS,
    headroomOverBaselinePeak: ceil.kind === 'headroom-over-baseline-peak' ? ceil.value : null,
    overflow: c.overflow,
    maintenance: (c.maintenance ?? []).map(toWindow),
    baseline,
  };
}

/** Each bucket's rate on a firmware day, and the firmware uplift's part of it. */
function baselineRates(b: Model['capacities'][number]['baseline'], profile: CsvTable<BaselineRow>, bucketS: number, totals: Totals, ceilingPerS: number): { rates: number[]; firmware: number[] } {
  const fw = (r: BaselineRow): number => (b.firmware ? r.firmware_weight : 0);
  const rows = profile.rows.map((r) => r.value);
  const split = (base: number[], firmware: number[]) => ({ rates: base.map((x, i) => x + (firmware[i] as number)), firmware });
  switch (b.scale.kind) {
    case 'seed-shares':
      return split(
        rows.map((r) => (totals.noFirmware * r.weight) / bucketS),
        rows.map((r) => (totals.firmwareIncrement * fw(r)) / bucketS),
      );
    case 'rates':
      return split(
        rows.map((r) => r.weight),
        rows.map((r) => fw(r)),
      );
    case 'peak-utilisation': {
      // Scaled so the firmware day's busiest bucket is at the utilisation; a day without firmware keeps the same scale.
      const shape = rows.map((r) => r.weight + (fw(r) * totals.firmwareIncrement) / totals.noFirmware);
      const peak = largest(shape);
      const k = peak > 0 ? (b.scale.value * ceilingPerS) / peak : 0;
      return split(
        rows.map((r) => k * r.weight),
        rows.map((r) => (k * fw(r) * totals.firmwareIncrement) / totals.noFirmware),
      );
    }
  }
}

const TIME_KEYS = new Set(['start', 'end', 'at']);

/** One entry per number (and time) written in the model, with the nearest `source` around it. */
function yamlProvenance(node: LNode, path: PathSeg[], inherited: string | undefined): ProvenanceEntry[] {
  if (node.t === 'seq') return node.items.flatMap((n, i) => yamlProvenance(n, [...path, i], inherited));
  if (node.t === 'scalar') return [];
  const own = node.entries.get('source')?.node;
  const source = own?.t === 'scalar' && typeof own.value === 'string' ? own.value : inherited;
  return [...node.entries].flatMap(([key, { node: n }]) => {
    if (n.t !== 'scalar') return yamlProvenance(n, [...path, key], source);
    // Numbers, times, and choices written as { value: <word>, source } (a capacity's window).
    const isNumber = typeof n.value === 'number' || (TIME_KEYS.has(key) && typeof n.value === 'string') || (key === 'value' && typeof n.value === 'string');
    if (!isNumber) return [];
    if (source === undefined) return [];
    const value = typeof n.value === 'string' ? n.value : n.text;
    return [{ path: formatPath([...path, key]), value, source, at: `${displayPath(n.pos.file)}:${n.pos.line}` }];
  });
}

/** One entry per numeric cell: `cohorts.csv[MOC].share`, with the row's source. */
function tableProvenance(t: CsvTable<{ source: string }>): ProvenanceEntry[] {
  const file = displayPath(t.file);
  return t.rows.flatMap((row) =>
    t.numbers.map((col) => ({
      path: `${t.name}[${row.key}].${col}`,
      value: row.cells[col]?.text ?? '',
      source: row.value.source,
      at: `${file}:${row.cells[col]?.pos.line ?? row.pos.line}`,
    })),
  );
}
