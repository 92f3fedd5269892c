/**
 * Placement: where in the day each schedule fires. A placement is turned into a piecewise-uniform
 * distribution (segments with weights) per cohort, and a uniform draw u ∈ (0,1) is mapped through its
 * inverse CDF, so one SR keeps its u across placements (common random numbers).
 */
import type { Placement, Window } from '../model/types.js';

/** Piecewise-uniform distribution over [startS, endS) segments; cum[i] = weight share of segments < i. */
export interface Segments {
  readonly startS: Float64Array;
  readonly lengthS: Float64Array;
  readonly cumShare: Float64Array;
}

function segments(parts: readonly { startS: number; endS: number; weight: number }[]): Segments {
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (!(total > 0)) throw new RangeError(`placement has no positive weight (got ${total})`);
  const n = parts.length;
  const out = { startS: new Float64Array(n), lengthS: new Float64Array(n), cumShare: new Float64Array(n + 1) };
  parts.forEach((p, i) => {
    out.startS[i] = p.startS;
    out.lengthS[i] = p.endS - p.startS;
    out.cumShare[i + 1] = (out.cumShare[i] ?? 0) + p.weight / total;
  });
  out.cumShare[n] = 1;
  return out;
}

const byLength = (ws: readonly Window[]) => ws.map((w) => ({ startS: w.startS, endS: w.endS, weight: w.endS - w.startS }));

/** Segments of the placement for one cohort. */
export function placementSegments(p: Placement, cohort: string): Segments {
  switch (p.kind) {
    case 'fixed':
      return segments([{ startS: p.atS, endS: p.atS + p.dispatchS, weight: 1 }]);
    case 'uniform':
      return segments(byLength(p.windows));
    case 'per-cohort': {
      const entry = p.cohorts.find((c) => c.cohort === cohort);
      if (!entry) throw new RangeError(`per-cohort placement has no windows for cohort ${cohort}`);
      return segments(byLength(entry.windows));
    }
    case 'histogram':
      return segments(p.bins);
  }
}

/** Segment j's share of the uniform and its millisecond grid: what maps a draw to an instant in it. */
export interface SegmentGrid {
  readonly c0: number;
  readonly width: number;
  readonly startMs: number;
  readonly lengthMs: number;
}

export function segmentGrid(seg: Segments, j: number): SegmentGrid {
  const c0 = seg.cumShare[j] ?? 0;
  return {
    c0,
    width: (seg.cumShare[j + 1] ?? 1) - c0,
    startMs: Math.round((seg.startS[j] ?? 0) * 1000),
    lengthMs: Math.round((seg.lengthS[j] ?? 0) * 1000),
  };
}

/**
 * The instant of u inside a segment (u in its share), in whole milliseconds: uniform on the segment's
 * millisecond grid, non-decreasing in u (a zero-length segment — a fixed instant — gives its start).
 */
export function msOnGrid(g: SegmentGrid, u: number): number {
  const within = g.width > 0 ? (u - g.c0) / g.width : 0;
  return g.lengthMs > 0 ? g.startMs + Math.min(g.lengthMs - 1, Math.floor(within * g.lengthMs)) : g.startMs;
}
