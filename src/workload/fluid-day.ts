/**
 * The fluid day: the load the scheduled SRs add at each capacity when every SR is reduced to its
 * expected units, delivered at its placement instant and spread evenly over each placement segment —
 * no randomness, no queueing, no wait between a request and its response. It is the seed's own kind of
 * arithmetic, and the one analytic view behind `pia`'s added TPS, the optimiser's screen and the
 * counterfactual's fluid figure.
 *
 * Routing and per-SR units follow the simulation's routes (routes.ts) exactly: the same schedule
 * groups and counts, the same capacity for an S1SP's transactions and for a DLMS cohort's commands, and
 * the same CV9 rule — an SR whose S1SP refuses the SRV with CV9 gets an S1VE12 alert instead of a
 * response and sends no DLMS command.
 *
 *   transactions per SR = requests + (CV9 ? responses : 1 alert)
 *   DLMS commands per SR (first attempts) = CV9 and a DLMS cohort ? mean commands of a read : 0
 *   with retries: expected reads × mean read + expected failed attempts × mean failed cost
 *     (behaviour.failedAttempt: at an unreachable device the association attempt, after a WAN failure
 *     the share of the read sent) — as the simulation charges them
 */
import { dlmsMean, type Scenario, wanFailureCommands } from '../model/types.js';
import { scheduleGroups } from './groups.js';
import { placementSegments } from './placement.js';
import { buildRoutes } from './routes.js';

/** Units delivered evenly over [startS, startS + lengthS) (lengthS 0: all at startS). */
export interface FluidPart {
  readonly startS: number;
  readonly lengthS: number;
  readonly units: number;
}

export interface FluidLoad {
  /** Units the day's first attempts add at this capacity (transactions or DLMS commands). */
  readonly units: number;
  /** The same with the expected WAN retries inside the TRT (equal to `units` for transactions). */
  readonly unitsWithRetries: number;
  /** `units` by placement segment and schedule group, in no particular order. */
  readonly parts: readonly FluidPart[];
}

/**
 * Expected WAN attempts per SR inside the TRT: the first, then retries that succeed with the retry
 * probability each, at most ⌊TRT / (retry interval + one command's median round trip)⌋ of them (a failed
 * attempt takes at least one round trip; every realistic read gives the same bound); a never-reachable
 * device retries until the TRT.
 */
export function expectedAttempts(s: Scenario): number {
  const { maxRetries, reachableAttempts } = attemptsOf(s);
  const u = s.behaviour.wan.neverReachableShare;
  return u * (1 + maxRetries) + (1 - u) * reachableAttempts;
}

/** The retry arithmetic both expectations share: the most retries inside the TRT, and a reachable SR's expected attempts and reads. */
function attemptsOf(s: Scenario): { maxRetries: number; reachableAttempts: number; reachableReads: number } {
  const w = s.behaviour.wan;
  const maxRetries = Math.max(0, Math.floor(s.day.trtS / (s.behaviour.retryIntervalS + w.roundTripMedianS)));
  const failedFirst = 1 - w.firstAttemptSuccess;
  const reachableAttempts = 1 + failedFirst * (w.retrySuccess > 0 ? (1 - (1 - w.retrySuccess) ** maxRetries) / w.retrySuccess : maxRetries);
  return { maxRetries, reachableAttempts, reachableReads: 1 - failedFirst * (1 - w.retrySuccess) ** maxRetries };
}

/**
 * Expected DLMS commands per SR with its retries inside the TRT, for a read of `values[j]` commands
 * with probability `probs[j]`: a reachable SR makes expectedAttempts' attempts, of which it succeeds
 * in at most one (its read) and fails the rest (each the share of its read sent); an unreachable one
 * makes 1 + the most retries, each the association attempt.
 */
export function expectedDlmsPerSr(s: Scenario, values: ArrayLike<number>, probs: ArrayLike<number>): number {
  const cost = s.behaviour.failedAttempt;
  const { maxRetries, reachableAttempts: attempts, reachableReads: reads } = attemptsOf(s);
  let read = 0;
  let failed = 0;
  let association = 0;
  for (let j = 0; j < values.length; j++) {
    const d = values[j] as number;
    const p = probs[j] as number;
    read += p * d;
    failed += p * wanFailureCommands(cost, d);
    association += p * Math.min(d, cost.unreachableCommands);
  }
  const u = s.behaviour.wan.neverReachableShare;
  return (1 - u) * (reads * read + (attempts - reads) * failed) + u * (1 + maxRetries) * association;
}

/**
 * Expected share of the day's SRs that end in an alert rather than a response — the simulation's one
 * alert model: an S1VE12 for every SR whose S1SP refuses the SRV with CV9, and a TRT expiry for every
 * other SR not answered inside the TRT (a never-reachable device always; a reachable one when its first
 * attempt and every retry fail).
 */
export function expectedAlertShare(s: Scenario): number {
  const groups = scheduleGroups(s);
  const routes = buildRoutes(s, groups);
  const { reachableReads } = attemptsOf(s);
  const u = s.behaviour.wan.neverReachableShare;
  const expiry = u + (1 - u) * (1 - reachableReads);
  let srs = 0;
  let alerts = 0;
  groups.forEach((g, k) => {
    srs += g.count;
    alerts += g.count * (routes[k]?.cv9 ? expiry : 1);
  });
  return srs > 0 ? alerts / srs : 0;
}

/** The fluid load of scenario `s` at each of its capacities, by capacity index. */
export function fluidDay(s: Scenario): FluidLoad[] {
  const groups = scheduleGroups(s);
  const routes = buildRoutes(s, groups);
  const parts: FluidPart[][] = s.capacities.map(() => []);
  const units = new Float64Array(s.capacities.length);
  const withRetries = new Float64Array(s.capacities.length);
  groups.forEach((g, k) => {
    const r = routes[k];
    const srv = s.srvs.find((x) => x.id === g.srv);
    if (!r || !srv || g.count === 0) return;
    const perSr: [number, number][] = [];
    if (r.tx >= 0) {
      perSr.push([r.tx, srv.requestsPerSr + (r.cv9 ? srv.responsesPerSr : 1)]);
      withRetries[r.tx] = (withRetries[r.tx] as number) + g.count * (srv.requestsPerSr + (r.cv9 ? srv.responsesPerSr : 1));
    }
    if (r.dlms >= 0 && r.cv9) {
      perSr.push([r.dlms, dlmsMean(srv.dlms)]);
      const probs = Float64Array.from(r.dlmsCum, (c, j) => c - (j > 0 ? (r.dlmsCum[j - 1] as number) : 0));
      withRetries[r.dlms] = (withRetries[r.dlms] as number) + g.count * expectedDlmsPerSr(s, r.dlmsValues, probs);
    }
    const seg = placementSegments(s.placement, g.cohort);
    for (const [c, each] of perSr) {
      units[c] = (units[c] as number) + g.count * each;
      for (let j = 0; j < seg.startS.length; j++) {
        const share = (seg.cumShare[j + 1] ?? 1) - (seg.cumShare[j] ?? 0);
        if (share > 0) parts[c]?.push({ startS: seg.startS[j] ?? 0, lengthS: seg.lengthS[j] ?? 0, units: g.count * each * share });
      }
    }
  });
  return s.capacities.map((_, c) => ({
    units: units[c] as number,
    unitsWithRetries: withRetries[c] as number,
    parts: parts[c] ?? [],
  }));
}

/** The highest added rate of `parts` at any instant (overlapping parts add up); Infinity if units arrive at one instant. */
export function peakRate(parts: readonly FluidPart[]): number {
  if (parts.some((p) => p.lengthS <= 0 && p.units > 0)) return Number.POSITIVE_INFINITY;
  const edges = parts.flatMap((p) => [
    { at: p.startS, rate: p.units / p.lengthS },
    { at: p.startS + p.lengthS, rate: -p.units / p.lengthS },
  ]);
  // At one instant, ends before starts: touching parts do not overlap.
  edges.sort((a, b) => a.at - b.at || a.rate - b.rate);
  let rate = 0;
  let peak = 0;
  for (const e of edges) {
    rate += e.rate;
    peak = Math.max(peak, rate);
  }
  return peak;
}

/**
 * Added units per second at capacity load `load` over `seconds` seconds from 00:00: each part spread
 * over the seconds it overlaps in proportion; a zero-length part falls in its start's second.
 */
export function fluidRatePerS(load: FluidLoad, seconds: number): Float64Array {
  const rate = new Float64Array(seconds);
  for (const p of load.parts) {
    const a = p.startS;
    if (p.lengthS <= 0) {
      const sec = Math.floor(a);
      if (sec < seconds) rate[sec] = (rate[sec] as number) + p.units;
      continue;
    }
    for (let sec = Math.floor(a); sec < Math.min(seconds, Math.ceil(a + p.lengthS)); sec++) {
      const overlap = Math.min(a + p.lengthS, sec + 1) - Math.max(a, sec);
      rate[sec] = (rate[sec] as number) + (p.units * overlap) / p.lengthS;
    }
  }
  return rate;
}
