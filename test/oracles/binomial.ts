/**
 * Test oracle: distribution-free confidence bounds for a quantile from order statistics, with the
 * binomial tail summed term by term (log-space pmf, no approximation).
 *
 * For n independent draws of a continuous law with p-quantile x_p, the number B of draws ≤ x_p is
 * Binomial(n, p), and for the order statistics X_(1) ≤ … ≤ X_(n) (1-based ranks):
 *
 *   P(X_(j) ≤ x_p) = P(B ≥ j),   P(X_(k) < x_p) = P(B ≥ k),   so   P(X_(j) ≤ x_p ≤ X_(k)) = P(j ≤ B ≤ k − 1).
 *
 * `quantileRanks` picks the largest j with P(B ≤ j − 1) ≤ α/2 and the smallest k with P(B ≥ k) ≤ α/2:
 * [X_(j), X_(k)] covers x_p with probability ≥ 1 − α.
 */

/** ln k! for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) out[k] = (out[k - 1] as number) + Math.log(k);
  return out;
}

/** P(B = k) for k = 0..n, B ~ Binomial(n, p), 0 < p < 1. */
export function binomialPmf(n: number, p: number): Float64Array {
  const lf = logFactorials(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) out[k] = Math.exp((lf[n] as number) - (lf[k] as number) - (lf[n - k] as number) + k * lp + (n - k) * lq);
  return out;
}

/** 1-based ranks [lo, hi] with P(X_(lo) ≤ x_p ≤ X_(hi)) ≥ 1 − alpha (see the file header). */
export function quantileRanks(n: number, p: number, alpha: number): { lo: number; hi: number; coverage: number } {
  const pmf = binomialPmf(n, p);
  // Lower: P(B ≤ j − 1) = Σ_{b < j} pmf[b]; grow j while the sum stays ≤ α/2.
  let lo = 0;
  let below = 0;
  while (lo + 1 <= n && below + (pmf[lo] as number) <= alpha / 2) below += pmf[lo++] as number;
  // Now P(B ≤ lo − 1) = below ≤ α/2 and adding pmf[lo] would pass it: j = lo (at least 1).
  lo = Math.max(1, lo);
  // Upper: P(B ≥ k) = Σ_{b ≥ k} pmf[b]; shrink k while the sum stays ≤ α/2.
  let hi = n + 1;
  let above = 0;
  while (hi - 1 >= 1 && above + (pmf[hi - 1] as number) <= alpha / 2) above += pmf[--hi] as number;
  hi = Math.min(n, hi);
  let coverage = 0;
  for (let b = lo; b <= hi - 1; b++) coverage += pmf[b] as number;
  return { lo, hi, coverage };
}
