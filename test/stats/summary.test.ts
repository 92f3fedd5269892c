import { describe, expect, it } from 'vitest';
import { intervalText } from '../../src/report/summary-text.js';
import { t975, tInterval } from '../../src/stats/t-interval.js';

describe('t-intervals over replications', () => {
  it('are mean ± t(0.975, R−1)·s/√R', () => {
    // s = 1, R = 3: half-width = 4.303 / √3.
    expect(tInterval([1, 2, 3])).toEqual({ mean: 2, halfWidth: 4.303 / Math.sqrt(3), n: 3 });
    expect(t975(9)).toBe(2.262);
    expect(t975(200)).toBe(1.96);
  });
  it('say "no interval" for one replication', () => {
    const one = tInterval([475.2]);
    expect(one.halfWidth).toBeNull();
    expect(intervalText(one)).toBe('475.2');
    expect(intervalText(tInterval([1, 2, 3]))).toBe('2 ± 2.5');
  });
});
