/**
 * Schedule groups: the scheduled SRVs of a day split exactly (largest remainder) over
 * SRV × cohort, each group with a stable random key so that adding an unrelated cohort or SRV
 * leaves every other group's draws unchanged.
 */
import type { Scenario } from '../model/types.js';

export interface ScheduleGroup {
  readonly srv: string;
  readonly cohort: string;
  /** Number of SRs of this group per day. */
  readonly count: number;
  /** First global SR id of the group; ids of a group are contiguous. */
  readonly offset: number;
  /** 32-bit key of the group for keyed random streams (a hash of SRV and cohort ids). */
  readonly key: number;
}

/** FNV-1a, 32 bits: a stable name → key hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Exact integer counts proportional to `shares` summing to `total` (largest remainder, ties by order). */
export function largestRemainder(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const raw = shares.map((s) => (sum > 0 ? (total * s) / sum : 0));
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

export function scheduleGroups(s: Scenario): ScheduleGroup[] {
  // Canonical order (SRV id, then cohort id), so the order of rows in the model's tables never
  // changes which ids the SRs get — nor, through ids, the order of simultaneous activations.
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const pairs = s.workload.mix
    .flatMap((m) => s.workload.routing.map((r) => ({ srv: m.srv, cohort: r.cohort, share: m.share * r.share })))
    .sort((a, b) => byId(a.srv, b.srv) || byId(a.cohort, b.cohort));
  const counts = largestRemainder(
    s.workload.srvsPerDay,
    pairs.map((p) => p.share),
  );
  const groups: ScheduleGroup[] = [];
  let offset = 0;
  pairs.forEach((p, i) => {
    const count = counts[i] ?? 0;
    if (count === 0) return;
    groups.push({ srv: p.srv, cohort: p.cohort, count, offset, key: hash32(`${p.srv}\u0000${p.cohort}`) });
    offset += count;
  });
  return groups;
}
