/**
 * Per schedule group, everything the hot loop needs as plain numbers: which capacity carries its
 * transactions and its DLMS commands, whether its S1SP accepts the SRV with CV9, and its draws.
 */
import { ticksFromS } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import type { ScheduleGroup } from './groups.js';

export interface Route {
  readonly key: number;
  /** The day of the run its SRs fire on (0 = the first; warm-up days come before the measured ones). */
  readonly day: number;
  readonly cohortIdx: number;
  /** Index of the transaction capacity of the S1SP, or -1 when none limits it. */
  readonly tx: number;
  /** Index of the DLMS capacity, or -1 (no DLMS capacity, or the cohort does not speak DLMS). */
  readonly dlms: number;
  /** False when the S1SP's standing data rejects the SRV with CV9 (S1VE12). */
  readonly cv9: boolean;
  /** DLMS commands per SR as an inverse-CDF table: value j with cumulative probability cum[j]. */
  readonly dlmsValues: Float64Array;
  readonly dlmsCum: Float64Array;
  readonly dataNotAvailable: number;
  readonly wakeUpTicks: number;
}

function capacityFor(s: Scenario, currency: 'transactions' | 'dlms', s1sp: string): number {
  const found = s.capacities.flatMap((c, i) => (c.currency === currency && c.s1sps.includes(s1sp) ? [i] : []));
  if (found.length > 1) {
    throw new RangeError(`S1SP ${s1sp} is under ${found.length} ${currency} capacities; at most one is supported`);
  }
  return found[0] ?? -1;
}

function dlmsTable(s: Scenario, srvId: string): { values: Float64Array; cum: Float64Array } {
  const srv = s.srvs.find((x) => x.id === srvId);
  if (!srv) throw new RangeError(`SRV ${srvId} is not in the catalogue`);
  const d = srv.dlms;
  const pairs: [number, number][] =
    d.kind === 'fixed'
      ? [[d.value, 1]]
      : d.kind === 'uniform'
        ? Array.from({ length: d.max - d.min + 1 }, (_, j) => [d.min + j, 1 / (d.max - d.min + 1)])
        : d.values.map((v, j) => [v, d.probs[j] ?? 0]);
  const values = Float64Array.from(pairs.map((p) => p[0]));
  const cum = new Float64Array(pairs.length);
  let acc = 0;
  pairs.forEach((p, j) => {
    acc += p[1];
    cum[j] = acc;
  });
  cum[pairs.length - 1] = 1;
  return { values, cum };
}

/** The routes of `groups` for SRs fired on `day` of the run. */
export function buildRoutes(s: Scenario, groups: readonly ScheduleGroup[], day = 0): Route[] {
  return groups.map((g) => {
    const cohortIdx = s.cohorts.findIndex((c) => c.id === g.cohort);
    const cohort = s.cohorts[cohortIdx];
    const srv = s.srvs.find((x) => x.id === g.srv);
    const s1sp = s.s1sps.find((x) => x.id === cohort?.s1sp);
    if (!cohort || !srv || !s1sp) throw new RangeError(`group ${g.srv}/${g.cohort} refers to an unknown cohort, SRV or S1SP`);
    const table = dlmsTable(s, g.srv);
    return {
      key: g.key,
      day,
      cohortIdx,
      tx: capacityFor(s, 'transactions', s1sp.id),
      dlms: cohort.protocol === 'DLMS' ? capacityFor(s, 'dlms', s1sp.id) : -1,
      cv9: s1sp.cv9Srvs.includes(g.srv),
      dlmsValues: table.values,
      dlmsCum: table.cum,
      dataNotAvailable: srv.dataNotAvailableProbability,
      wakeUpTicks: ticksFromS(cohort.wakeUpS),
    };
  });
}
