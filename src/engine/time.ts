/**
 * Simulated time. The clock counts integer ticks of 1 µs held in a JS number, which is exact up to
 * 2^53 ticks (≈ 285 years), so ticks add, subtract and compare without rounding.
 *
 * The one rounding rule: real-valued seconds become ticks by rounding the product `s · TICKS_PER_S`
 * to the nearest tick, halves up — `Math.round`'s rule, computed by `roundHalfUp`. Every conversion
 * from seconds goes through `ticksFromS`, so a duration drawn in seconds rounds the same way
 * wherever it is scheduled.
 */

/** Ticks in one simulated second: 1 tick = 1 µs. */
export const TICKS_PER_S = 1_000_000;

/**
 * Math.round's result (nearest integer, halves towards +∞; +0 where Math.round gives −0), without
 * its branch: on random input that branch mispredicts, and Math.round cost ~11 ns a call here
 * against ~1 ns for this form. x − ⌊x⌋ is exact for every double, so no case differs.
 * @example roundHalfUp(2.5) // 3
 * @example roundHalfUp(-2.5) // -2
 */
export function roundHalfUp(x: number): number {
  const floor = Math.floor(x);
  return floor + +(x - floor >= 0.5);
}

/**
 * Seconds → ticks, rounded to the nearest tick, halves up (the engine's only rounding rule).
 * Not validated (it sits on hot paths); callers pass finite seconds.
 * @example ticksFromS(1.5) // 1_500_000
 * @example ticksFromS(2.5e-6) // 3 (half a tick rounds up)
 */
export function ticksFromS(s: number): number {
  return roundHalfUp(s * TICKS_PER_S);
}

/**
 * Ticks → seconds (exact division; no rounding rule needed in this direction).
 * @example sFromTicks(1_500_000) // 1.5
 */
export function sFromTicks(tick: number): number {
  return tick / TICKS_PER_S;
}
