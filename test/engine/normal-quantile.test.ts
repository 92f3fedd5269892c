import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/engine/index.js';

// Reference values: scipy.stats.norm.ppf (SciPy 1.17).
const REFERENCE: Array<[number, number]> = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798409],
  [1e-10, -6.361340902404056],
  [0.001, -3.090232306167813],
  [0.02425, -1.972961051311885],
  [0.1, -1.2815515655446004],
  [0.5, 0],
  [0.7, 0.5244005127080407],
  [0.975, 1.959963984540054],
  [0.999999, 4.753424308817087],
];

describe('normalQuantile (Wichura AS 241)', () => {
  it.each(REFERENCE)('Φ⁻¹(%s) = %s to ~1e-14 relative', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)', () => {
    for (const p of [0.01, 0.2, 0.4]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });
});
