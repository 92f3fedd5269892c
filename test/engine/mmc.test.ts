import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { type MmcResult, runMmc } from '../../src/engine/index.js';

const R = 10; // replications
const T_975_DF9 = 2.262157; // t quantile 0.975 with R − 1 = 9 degrees of freedom (scipy.stats.t.ppf)

/** 95% t-interval mean ± t·s/√R over the replications. */
function tInterval(xs: number[]): [number, number] {
  const half = (T_975_DF9 * sampleStandardDeviation(xs)) / Math.sqrt(xs.length);
  return [mean(xs) - half, mean(xs) + half];
}

/** Erlang C: P(wait) for c servers offered a = λ/μ erlangs; Wq = P(wait) / (cμ − λ). */
function erlangC(c: number, lambda: number, mu: number): { probWait: number; meanWait: number } {
  const a = lambda / mu;
  let term = 1;
  let below = 1; // Σ_{k<c} a^k/k!
  for (let k = 1; k < c; k++) below += term *= a / k;
  const top = ((term * a) / c) * (c / (c - a));
  const probWait = top / (below + top);
  return { probWait, meanWait: probWait / (c * mu - lambda) };
}

function replicate(servers: number, arrivalRate: number, serviceRate: number): MmcResult[] {
  return Array.from({ length: R }, (_, replication) => runMmc({ servers, arrivalRate, serviceRate, customers: 200_000, warmupCustomers: 20_000, seed: 20240611, replication }));
}

describe('M/M/c on Simulator + Resource + KeyedRng matches Erlang C inside a 95% t-interval', () => {
  const cases = [
    // c, λ, μ and the Erlang C references: Wq (s) and P(wait), as cited in STYLE.md and checked below
    { c: 10, lambda: 8, mu: 1, wq: 0.20459, pWait: 0.40918 },
    { c: 45, lambda: 427.5, mu: 10, wq: 0.028698, pWait: 0.64571 },
  ];

  it.each(cases)('the cited references are Erlang C: c=$c, λ=$lambda, μ=$mu', ({ c, lambda, mu, wq, pWait }) => {
    const exact = erlangC(c, lambda, mu);
    expect(exact.meanWait).toBeCloseTo(wq, 5);
    expect(exact.probWait).toBeCloseTo(pWait, 5);
  });

  it.each(cases)('c=$c, λ=$lambda, μ=$mu: Wq = $wq s, P(wait) = $pWait', ({ c, lambda, mu, wq, pWait }) => {
    const runs = replicate(c, lambda, mu);
    const [wLow, wHigh] = tInterval(runs.map((r) => r.meanWait));
    const [pLow, pHigh] = tInterval(runs.map((r) => r.probWait));
    expect(wq).toBeGreaterThan(wLow);
    expect(wq).toBeLessThan(wHigh);
    expect(pWait).toBeGreaterThan(pLow);
    expect(pWait).toBeLessThan(pHigh);
    expect(runs[0]!.events).toBe(2 * 220_000); // every customer arrives and departs once
  });

  it("Little's law: time-average queue length Lq = λ·Wq (c=10, λ=8, μ=1)", () => {
    const r = runMmc({ servers: 10, arrivalRate: 8, serviceRate: 1, customers: 200_000, warmupCustomers: 20_000, seed: 7, replication: 0 });
    expect(r.meanQueueLength / (8 * r.meanWait)).toBeCloseTo(1, 2);
  });

  it('is deterministic: the same seed and replication give identical results', () => {
    const opts = { servers: 3, arrivalRate: 2, serviceRate: 1, customers: 5_000, warmupCustomers: 0, seed: 1, replication: 4 };
    expect(runMmc(opts)).toEqual(runMmc(opts));
  });

  it('fails loudly on a bad option, naming it', () => {
    const opts = { servers: 3, arrivalRate: 2, serviceRate: 1, customers: 10, warmupCustomers: 0, seed: 1, replication: 0 };
    expect(() => runMmc({ ...opts, arrivalRate: 0 })).toThrow('arrivalRate must be > 0, got 0');
    expect(() => runMmc({ ...opts, customers: 0 })).toThrow('customers must be a positive integer, got 0');
    expect(() => runMmc({ ...opts, servers: 0 })).toThrow('servers must be a positive integer, got 0');
  });
});
