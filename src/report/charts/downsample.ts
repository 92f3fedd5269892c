/**
 * Per-second series → per-minute or per-hour blocks, so a chart over a day (or a 48 h horizon:
 * 2 880 minutes) stays small in the page. The last block may be short.
 */

/** Mean of each block of `blockS` seconds (a rate per second stays a rate per second). */
export function blockMean(series: ArrayLike<number>, blockS: number): Float64Array {
  const out = new Float64Array(Math.ceil(series.length / blockS));
  for (let b = 0; b < out.length; b++) {
    const end = Math.min(series.length, (b + 1) * blockS);
    let sum = 0;
    for (let i = b * blockS; i < end; i++) sum += series[i] ?? 0;
    out[b] = sum / (end - b * blockS);
  }
  return out;
}

/** Sum over each block (a rate per second becomes units per block). */
export function blockSum(series: ArrayLike<number>, blockS: number): Float64Array {
  const out = new Float64Array(Math.ceil(series.length / blockS));
  for (let i = 0; i < series.length; i++) out[Math.floor(i / blockS)] = (out[Math.floor(i / blockS)] as number) + (series[i] ?? 0);
  return out;
}

/** Largest value in each block (a queue depth keeps its peaks). */
export function blockMax(series: ArrayLike<number>, blockS: number): Float64Array {
  const out = new Float64Array(Math.ceil(series.length / blockS));
  for (let i = 0; i < series.length; i++) {
    const b = Math.floor(i / blockS);
    out[b] = Math.max(out[b] as number, series[i] ?? 0);
  }
  return out;
}

/** Element-wise sum of two series of the same length. */
export function addSeries(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < out.length; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/** Index and value of the largest element (the first one on ties). */
export function argMax(series: ArrayLike<number>): { index: number; value: number } {
  let index = 0;
  let value = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.length; i++) {
    if ((series[i] ?? 0) > value) {
      value = series[i] ?? 0;
      index = i;
    }
  }
  return { index, value };
}
