/**
 * Cross-field checks: each rule is a small named function from the validated model and its tables to
 * findings. A rule that needs a table returns nothing when that table had errors (it is `undefined`).
 * Adding a check is adding one function to `RULES`.
 *
 * Tables hold up to 100,000 rows, so every rule is linear or n·log n in them: lookups go through a Map
 * or Set built once, overlaps through one sort and a scan — never a search of a table per row.
 */
import type { CsvTable, TableRow } from './csv-table.js';
import type { Pos } from './issues.js';
import * as msg from './messages.js';
import { resolveRouting } from './normalise.js';
import { DAY_END_S, type BaselineRow, type CohortRow, type HistogramRow, type Model, type SrvRow } from './schema.js';
import { SIMULABLE_RULES } from './simulable.js';

export interface RuleContext {
  readonly model: Model;
  readonly srvs: CsvTable<SrvRow> | undefined;
  readonly cohorts: CsvTable<CohortRow> | undefined;
  /** Baseline shape of each capacity, in the order of `model.capacities`; undefined where it had errors. */
  readonly profiles: readonly (CsvTable<BaselineRow> | undefined)[];
  readonly histogram: CsvTable<HistogramRow> | undefined;
}

/** A problem found by a rule: a model path (positioned by the loader) or a table cell with its position. */
export interface Finding {
  readonly path: string;
  readonly message: string;
  readonly got?: string;
  readonly pos?: Pos;
}
export type Rule = (ctx: RuleContext) => Finding[];

const TOLERANCE = 1e-9;
/** A rule whose findings multiply (routes × SRVs) lists this many and counts the rest in one more. */
const MAX_FINDINGS_PER_RULE = 10_000;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const sumsToOne = (xs: readonly number[]): boolean => Math.abs(sum(xs) - 1) <= TOLERANCE;

/** A finding at a model path; without `got` the loader shows the scalar written there. */
const at = (path: string, message: string, got?: string): Finding => (got === undefined ? { path, message } : { path, message, got });
/** A finding in one cell of a table. */
const inCell = <T>(t: CsvTable<T>, row: TableRow<T>, col: string, message: string): Finding => ({
  path: `${t.name}[${row.key}].${col}`,
  message,
  got: msg.showText(row.cells[col]?.text ?? ''),
  pos: row.cells[col]?.pos ?? row.pos,
});
/** A finding about a whole column (a sum), at its header. */
const inColumn = <T>(t: CsvTable<T>, col: string, message: string, got: string): Finding => ({
  path: `${t.name}.${col}`,
  message,
  got,
  pos: t.header[col] ?? { file: t.file, line: 1, col: 1 },
});

/** What is wrong with a window of the day, naming the field to point at. */
function windowProblem(start: number, end: number): { field: 'start' | 'end'; message: string } | undefined {
  if (start >= DAY_END_S) return { field: 'start', message: msg.startAt2400() };
  return end <= start ? { field: 'end', message: msg.windowEndNotAfterStart() } : undefined;
}

/** Every window of the model with its path. */
function windowsOf(m: Model): { path: string; start: number; end: number }[] {
  const named = (path: string, ws: readonly { start: number; end: number }[]) => ws.map((w, i) => ({ path: `${path}[${i}]`, start: w.start, end: w.end }));
  const p = m.placement;
  return [
    { path: 'day.peakWindow', ...m.day.peakWindow },
    { path: 'day.firmwareWindow', ...m.day.firmwareWindow },
    ...(p.kind === 'uniform' ? named('placement.windows', p.windows) : []),
    ...(p.kind === 'per-cohort' ? p.cohorts.flatMap((c, i) => named(`placement.cohorts[${i}].windows`, c.windows)) : []),
    ...m.capacities.flatMap((c, i) => named(`capacities[${i}].maintenance`, c.maintenance ?? [])),
  ];
}

export const windowsInsideDay: Rule = ({ model }) =>
  windowsOf(model).flatMap((w) => {
    const problem = windowProblem(w.start, w.end);
    return problem ? [at(`${w.path}.${problem.field}`, problem.message)] : [];
  });

export const fixedPlacementBeforeMidnight: Rule = ({ model: { placement: p } }) => (p.kind === 'fixed' && p.at >= DAY_END_S ? [at('placement.at', msg.startAt2400())] : []);

export const mixSharesSumToOne: Rule = ({ model }) => {
  const shares = model.workload.mix.map((x) => x.share.value);
  return sumsToOne(shares) ? [] : [at('workload.mix', msg.sharesSum('mix'), msg.showNumber(sum(shares)))];
};

export const routingSharesSumToOne: Rule = ({ model: { workload: w } }) => {
  if (w.routing.mode !== 'shares') return [];
  const shares = w.routing.shares.map((s) => s.share.value);
  return sumsToOne(shares) ? [] : [at('workload.routing.shares', msg.sharesSum('routing'), msg.showNumber(sum(shares)))];
};

export const cohortSharesSumToOne: Rule = ({ model, cohorts }) => {
  if (model.workload.routing.mode !== 'pro-rata' || cohorts === undefined) return [];
  const shares = cohorts.rows.map((r) => r.value.share);
  return sumsToOne(shares) ? [] : [inColumn(cohorts, 'share', msg.sharesSum('cohort'), msg.showNumber(sum(shares)))];
};

/** The first row of a table for each value of a column (later duplicates are idsUnique's business). */
function firstBy<T, K>(t: CsvTable<T> | undefined, key: (row: T) => K): Map<K, T> {
  const m = new Map<K, T>();
  for (const r of t?.rows ?? []) if (!m.has(key(r.value))) m.set(key(r.value), r.value);
  return m;
}

export const mixSrvsInCatalogue: Rule = ({ model, srvs }) => {
  if (srvs === undefined) return [];
  const known = new Set(srvs.rows.map((r) => r.value.srv));
  return model.workload.mix.flatMap((x, i) => (known.has(x.srv) ? [] : [at(`workload.mix[${i}].srv`, msg.unknownSrv(x.srv))]));
};

export const mixSrvsDspSchedulable: Rule = ({ model, srvs }) => {
  const byId = firstBy(srvs, (r) => r.srv);
  return model.workload.mix.flatMap((x, i) => {
    const srv = byId.get(x.srv);
    if (srv === undefined || srv.modes.includes('dsp-scheduled')) return [];
    return [at(`workload.mix[${i}].srv`, msg.notDspSchedulable(x.srv))];
  });
};

/** The cohorts the model names itself, with their paths: in routing shares, per-cohort placement, or all-to. */
function namedCohorts(m: Model): { path: string; id: string; list: 'shares' | 'placement' | 'all-to' }[] {
  const r = m.workload.routing;
  const p = m.placement;
  return [
    ...(r.mode === 'all-to' ? [{ path: 'workload.routing.cohort', id: r.cohort, list: 'all-to' as const }] : []),
    ...(r.mode === 'shares' ? r.shares.map((s, i) => ({ path: `workload.routing.shares[${i}].cohort`, id: s.cohort, list: 'shares' as const })) : []),
    ...(p.kind === 'per-cohort' ? p.cohorts.map((c, i) => ({ path: `placement.cohorts[${i}].cohort`, id: c.cohort, list: 'placement' as const })) : []),
  ];
}

export const cohortsInTable: Rule = ({ model, cohorts }) => {
  if (cohorts === undefined) return [];
  const known = new Set(cohorts.rows.map((r) => r.value.cohort));
  return namedCohorts(model)
    .filter((n) => !known.has(n.id))
    .map((n) => at(n.path, msg.unknownCohort(n.id)));
};

export const perCohortPlacementCoversRouting: Rule = ({ model, cohorts }) => {
  const p = model.placement;
  if (p.kind !== 'per-cohort') return [];
  const placed = new Set(p.cohorts.map((c) => c.cohort));
  return resolveRouting(model.workload.routing, cohorts)
    .filter((r) => r.share > 0 && !placed.has(r.cohort))
    .map((r) => at('placement.cohorts', msg.cohortNotPlaced(r.cohort)));
};

export const s1spsListed: Rule = ({ model, cohorts }) => {
  const listed = new Set(model.s1sps.map((s) => s.id));
  const known = (id: string): boolean => listed.has(id);
  const fromCohorts = cohorts === undefined ? [] : cohorts.rows.filter((r) => !known(r.value.s1sp)).map((r) => inCell(cohorts, r, 's1sp', msg.unknownS1sp(r.value.s1sp)));
  const fromCapacities = model.capacities.flatMap((c, i) => c.s1sps.flatMap((id, j) => (known(id) ? [] : [at(`capacities[${i}].s1sps[${j}]`, msg.unknownS1sp(id))])));
  return [...fromCohorts, ...fromCapacities];
};

/** Findings for every id after its first occurrence (one pass with a Set). */
function repeats(what: string, items: readonly { id: string; finding: (message: string) => Finding }[]): Finding[] {
  const seen = new Set<string>();
  return items.flatMap((x) => {
    if (!seen.has(x.id)) return (seen.add(x.id), []);
    return [x.finding(msg.duplicateId(what, x.id))];
  });
}

export const idsUnique: Rule = ({ model: m, srvs, cohorts }) => {
  const rows = <T>(t: CsvTable<T> | undefined, col: string) => (t === undefined ? [] : t.rows.map((r) => ({ id: r.key, finding: (message: string) => inCell(t, r, col, message) })));
  const yaml = (paths: readonly { path: string; id: string }[]) => paths.map(({ path, id }) => ({ id, finding: (message: string) => at(path, message) }));
  const cohortsIn = (list: 'shares' | 'placement') => namedCohorts(m).filter((n) => n.list === list);
  return [
    ...repeats('SRV', rows(srvs, 'srv')),
    ...repeats('cohort', rows(cohorts, 'cohort')),
    ...repeats('S1SP', yaml(m.s1sps.map((s, i) => ({ path: `s1sps[${i}].id`, id: s.id })))),
    ...repeats('capacity', yaml(m.capacities.map((c, i) => ({ path: `capacities[${i}].id`, id: c.id })))),
    ...repeats('SRV', yaml(m.workload.mix.map((x, i) => ({ path: `workload.mix[${i}].srv`, id: x.srv })))),
    ...repeats('cohort', yaml(cohortsIn('shares'))),
    ...repeats('cohort', yaml(cohortsIn('placement'))),
  ];
};

/** seed §4.1: scheduling 4.3 / 4.4.3 for a device type the SRV does not allow is rejected at SRV 5.1. */
export const routedDeviceTypesSchedulable: Rule = ({ model, srvs, cohorts }) => {
  if (srvs === undefined || cohorts === undefined) return [];
  const srvRows = new Map<string, SrvRow[]>();
  for (const r of srvs.rows) {
    const list = srvRows.get(r.value.srv);
    if (list) list.push(r.value);
    else srvRows.set(r.value.srv, [r.value]);
  }
  const mixed = model.workload.mix.filter((x) => x.share.value > 0).flatMap((x) => srvRows.get(x.srv) ?? []);
  const cohortById = firstBy(cohorts, (r) => r.cohort);
  const refusing = new Map<string, SrvRow[]>(); // device type → the mixed SRVs that cannot be scheduled for it
  const found: Finding[] = [];
  let more = 0;
  for (const route of resolveRouting(model.workload.routing, cohorts)) {
    const cohort = cohortById.get(route.cohort);
    if (route.share <= 0 || cohort === undefined) continue;
    const type = cohort.device_type;
    if (!refusing.has(type))
      refusing.set(
        type,
        mixed.filter((srv) => !srv.scheduled_device_types.includes(type)),
      );
    for (const srv of refusing.get(type) ?? []) {
      if (found.length < MAX_FINDINGS_PER_RULE) found.push(at(route.path, msg.deviceTypeNotSchedulable(srv.srv, type)));
      else more++;
    }
  }
  return more > 0 ? [...found, at('workload.routing', msg.moreLikeThis(more))] : found;
};

export const ceilingFitsScale: Rule = ({ model }) =>
  model.capacities.flatMap((c, i) => {
    if (c.ceiling.kind !== 'headroom-over-baseline-peak') return [];
    if (c.baseline.scale.kind === 'peak-utilisation') {
      return [at(`capacities[${i}].baseline.scale`, msg.peakUtilisationWithHeadroom())];
    }
    return c.baseline.mode === 'none' ? [at(`capacities[${i}].baseline.mode`, msg.headroomWithoutBaseline())] : [];
  });

export const rangesOrdered: Rule = ({ model: { seedShares: s } }) =>
  (['referenceDlmsPerSr', 'shareWithFirmware', 'shareNoFirmware'] as const).filter((k) => s[k].min > s[k].max).map((k) => at(`seedShares.${k}.min`, msg.rangeMinAboveMax()));

export const latencyP95AboveMedian: Rule = ({ model: { behaviour: b } }) => (b.wan.latencyP95S.value > b.wan.latencyMedianS.value ? [] : [at('behaviour.wan.latencyP95S.value', msg.latencyOrder())]);

/** 24 or 1440 consecutive buckets; weights are shares (sum 1) unless every user reads them as rates. */
export const baselineShapesValid: Rule = ({ model, profiles }) =>
  [...new Set(profiles)].flatMap((t) => {
    if (t === undefined) return [];
    const rows = t.rows;
    if (rows.length !== 24 && rows.length !== 1440) {
      return [inColumn(t, 'start', msg.baselineRowCount(), String(rows.length))];
    }
    const bucketS = DAY_END_S / rows.length;
    const misplaced = rows.findIndex((r, i) => r.value.start !== i * bucketS);
    const found: Finding[] = [];
    if (misplaced >= 0) found.push(inCell(t, rows[misplaced]!, 'start', msg.baselineStart(hhmm(misplaced * bucketS))));
    if (!model.capacities.some((c, i) => profiles[i] === t && c.baseline.scale.kind !== 'rates')) return found;
    const w = rows.map((r) => r.value.weight);
    const f = rows.map((r) => r.value.firmware_weight);
    if (!sumsToOne(w)) found.push(inColumn(t, 'weight', msg.weightsSum('weight'), msg.showNumber(sum(w))));
    if (sum(f) !== 0 && !sumsToOne(f)) {
      found.push(inColumn(t, 'firmware_weight', msg.firmwareWeightsSum(), msg.showNumber(sum(f))));
    }
    return found;
  });

/**
 * The items (by index) that overlap one placed before them in start order: one sort, then one scan
 * keeping the latest end so far (an item overlaps an earlier one exactly when that end is after its start).
 */
function overlapping(items: readonly { start: number; end: number }[]): number[] {
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.start - items[b]!.start || a - b);
  const found: number[] = [];
  let latestEnd = -Infinity;
  for (const i of order) {
    const w = items[i]!;
    if (latestEnd > w.start) found.push(i);
    latestEnd = Math.max(latestEnd, w.end);
  }
  return found;
}

export const histogramBinsValid: Rule = ({ histogram: t }) => {
  if (t === undefined) return [];
  const found = t.rows.flatMap((r) => {
    const problem = windowProblem(r.value.start, r.value.end);
    return problem ? [inCell(t, r, problem.field, problem.message)] : [];
  });
  for (const i of overlapping(t.rows.map((r) => r.value))) found.push(inCell(t, t.rows[i]!, 'start', msg.binsOverlap()));
  if (sum(t.rows.map((r) => r.value.weight)) === 0) found.push(inColumn(t, 'weight', msg.weightsAllZero(), '0'));
  return found;
};

/**
 * Placement windows (uniform, and each cohort's under per-cohort) must not overlap. Overlapping windows
 * are an error rather than summed with a warning: a placement weights each window by its length, so an
 * overlap would silently place twice the density there — almost always a typo in a start or end — and
 * histogram bins, the other way to write a placement, already refuse overlaps. Adjacent windows
 * (one ends where the next starts) are fine; maintenance windows may overlap (they are a union).
 */
export const placementWindowsDisjoint: Rule = ({ model: { placement: p } }) => {
  const lists =
    p.kind === 'uniform'
      ? [{ path: 'placement.windows', windows: p.windows }]
      : p.kind === 'per-cohort'
        ? p.cohorts.map((c, i) => ({ path: `placement.cohorts[${i}].windows`, windows: c.windows }))
        : [];
  return lists.flatMap(({ path, windows }) => {
    const sane = windows.flatMap((w, i) => (windowProblem(w.start, w.end) === undefined ? [{ ...w, i }] : []));
    return overlapping(sane).map((k) => at(`${path}[${sane[k]!.i}].start`, msg.windowsOverlap()));
  });
};

const hhmm = (s: number): string => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}`;

export const RULES: readonly Rule[] = [
  windowsInsideDay,
  fixedPlacementBeforeMidnight,
  mixSharesSumToOne,
  routingSharesSumToOne,
  cohortSharesSumToOne,
  mixSrvsInCatalogue,
  mixSrvsDspSchedulable,
  cohortsInTable,
  perCohortPlacementCoversRouting,
  s1spsListed,
  idsUnique,
  routedDeviceTypesSchedulable,
  ceilingFitsScale,
  rangesOrdered,
  latencyP95AboveMedian,
  baselineShapesValid,
  histogramBinsValid,
  placementWindowsDisjoint,
  ...SIMULABLE_RULES,
];

/** Advisory: a firmware uplift was asked for, but the profile has none to add. */
export const firmwareShapePresent: Rule = ({ model, profiles }) =>
  model.capacities.flatMap((c, i) => {
    const t = profiles[i];
    const noFirmware = t?.rows.every((r) => r.value.firmware_weight === 0);
    if (!c.baseline.firmware || c.baseline.mode === 'none' || !noFirmware) return [];
    return [at(`capacities[${i}].baseline.firmware`, msg.firmwareWithoutShape())];
  });

/** Rules whose findings are warnings: the model is usable but probably not what was meant. */
export const WARNING_RULES: readonly Rule[] = [firmwareShapePresent];

export const checkRules = (ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] => rules.flatMap((rule) => rule(ctx));
