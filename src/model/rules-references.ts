/**
 * Rules on the ids a model names: every SRV, cohort, S1SP and capacity it refers to exists (in the
 * model or its tables), is listed once, and can be scheduled as routed (DSP-schedulable SRVs, device
 * types the SRV allows). Lookups go through a Map or Set built once per rule.
 */
import type { CsvTable } from './csv-table.js';
import * as msg from './messages.js';
import { resolveRouting } from './normalise.js';
import { at, type Finding, inCell, type Rule } from './rule-context.js';
import type { Model, SrvRow } from './schema.js';

/** A rule whose findings multiply (routes × SRVs) lists this many and counts the rest in one more. */
const MAX_FINDINGS_PER_RULE = 10_000;

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
