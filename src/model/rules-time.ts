/**
 * Rules on time: windows of the day (peak, firmware, placement, maintenance) start before 24:00 and end
 * after they start, placement windows and histogram bins do not overlap (one sort and a scan), and
 * baseline shapes are 24 or 1440 consecutive buckets whose weights are shares.
 */
import * as msg from './messages.js';
import { at, type Finding, inCell, inColumn, type Rule, sum, sumsToOne } from './rule-context.js';
import { DAY_END_S, type Model } from './schema.js';

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
