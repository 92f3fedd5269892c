/**
 * The performance gate's comparison and its tolerance rule, as pure functions (unit-tested in
 * test/bench/gate.test.ts).
 *
 * - Deterministic figures (summary hash, events, events per SR, DLMS commands) must equal the
 *   baseline exactly: any change means the simulation's results changed.
 * - Timed figures are same-run ratios to the calibration kernel, never absolute times: each must be
 *   ≥ (1 − tolerance) × its baseline ratio, with the tolerance stored beside that ratio in
 *   bench/baseline.json (or one tolerance for all, `--tolerance`). Faster always passes.
 * - A ratio's tolerance comes from the spread of that ratio over whole gate runs
 *   (`npm run bench:spread`): `toleranceFromSpread`, the rule being TOLERANCE_RULE.
 */

export interface DeterministicFigures {
  summarySha256: string;
  events: number;
  eventsPerSr: number;
  dlmsCommands: number;
}

/** What one gate run measures. */
export interface GateFigures {
  /** Reference run name → its figures. */
  deterministic: Record<string, DeterministicFigures>;
  /** Timed check name → subject speed ÷ kernel speed, measured in the same run. */
  ratios: Record<string, number>;
}

/** A timed check's ratio over several whole gate runs (each run's ratio is itself a median of rounds). */
export interface RatioSpread {
  runs: number;
  min: number;
  median: number;
  max: number;
  /** Coefficient of variation: sample standard deviation ÷ mean. */
  cv: number;
  /** How far the slowest run fell below the median, ÷ the median. */
  lowFall: number;
}

/** A timed check in bench/baseline.json. */
export interface RatioBaseline {
  ratio: number;
  /** The fall below `ratio` still accepted, a fraction in [0, 1). */
  tolerance: number;
  /** The measured spread the tolerance was set from (informational). */
  spread?: RatioSpread;
}

/** bench/baseline.json's gated part. */
export interface GateBaseline {
  deterministic: Record<string, DeterministicFigures>;
  ratios: Record<string, RatioBaseline>;
}

export interface CheckRow {
  name: string;
  expected: string;
  got: string;
  pass: boolean;
}

/** The tolerance of a timed check with no measured spread yet (a new check, until `npm run bench:spread`). */
export const DEFAULT_TOLERANCE = 0.3;

/**
 * tolerance = min(cap, max(floor, factor × CV)), rounded up to a whole percent, the CV being that of the
 * ratio over whole gate runs. The cap, 0.25, is under 1 − 1/1.4 ≈ 0.286: a subject that takes 40 %
 * longer (its ratio × 0.714) fails its own check even at the cap. A check whose spread asks for more
 * than the cap is too noisy for its purpose: give it more rounds rather than more tolerance.
 */
export const TOLERANCE_RULE = { factor: 3, floor: 0.1, cap: 0.25 } as const;

const FIELDS: readonly (keyof DeterministicFigures)[] = ['summarySha256', 'events', 'eventsPerSr', 'dlmsCommands'];

const show = (v: unknown): string => (v === undefined ? '(missing)' : String(v));

const validTolerance = (t: number): boolean => t >= 0 && t < 1;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** The spread of one ratio over `samples` (one per gate run); needs at least two finite, positive samples. */
export function spreadOf(samples: readonly number[]): RatioSpread {
  if (samples.length < 2 || !samples.every((x) => Number.isFinite(x) && x > 0)) {
    throw new RangeError(`a spread needs at least two finite, positive samples, got [${samples.join(', ')}]`);
  }
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const med = median(samples);
  const min = Math.min(...samples);
  return { runs: n, min, median: med, max: Math.max(...samples), cv: sd / mean, lowFall: (med - min) / med };
}

/** The tolerance TOLERANCE_RULE (or `rule`) gives a measured spread. */
export function toleranceFromSpread(spread: Pick<RatioSpread, 'cv'>, rule: { factor: number; floor: number; cap: number } = TOLERANCE_RULE): number {
  const { factor, floor, cap } = rule;
  if (!(factor > 0 && validTolerance(floor) && validTolerance(cap) && floor <= cap)) throw new RangeError(`bad tolerance rule ${JSON.stringify(rule)}`);
  if (!(spread.cv >= 0)) throw new RangeError(`bad spread ${JSON.stringify(spread)}`);
  // Rounded up to a whole percent (the epsilon keeps 3 × 0.07 from becoming 0.22).
  const rounded = Math.ceil(factor * spread.cv * 100 - 1e-9) / 100;
  return Math.min(cap, Math.max(floor, rounded));
}

/** How far the slowest of `samples` falls below `ratio`, ÷ `ratio` (≤ 0 when none is slower). */
export function worstFall(samples: readonly number[], ratio: number): number {
  return (ratio - Math.min(...samples)) / ratio;
}

/**
 * Every check, in order: the deterministic figures of each baseline reference run, then each baseline
 * ratio, then anything measured that the baseline does not know (a failure). `override`, when given,
 * replaces every ratio's own tolerance.
 */
export function checkGate(baseline: GateBaseline, measured: GateFigures, override?: number): CheckRow[] {
  if (override !== undefined && !validTolerance(override)) throw new RangeError(`tolerance must be in [0, 1), got ${override}`);
  const rows: CheckRow[] = [];
  for (const [model, want] of Object.entries(baseline.deterministic)) {
    const got = measured.deterministic[model];
    for (const field of FIELDS) {
      const g = got?.[field];
      rows.push({ name: `${model} ${field}`, expected: show(want[field]), got: show(g), pass: g !== undefined && Object.is(g, want[field]) });
    }
  }
  for (const [name, want] of Object.entries(baseline.ratios)) {
    const tolerance = override ?? want.tolerance;
    if (!validTolerance(tolerance)) throw new RangeError(`${name}: tolerance must be in [0, 1), got ${tolerance}`);
    const got = measured.ratios[name];
    const floor = (1 - tolerance) * want.ratio;
    rows.push({
      name: `${name} ratio to kernel`,
      expected: `≥ ${floor.toFixed(3)} (baseline ${want.ratio.toFixed(3)} − ${Math.round(tolerance * 100)}%)`,
      got: got === undefined ? '(missing)' : got.toFixed(3),
      pass: got !== undefined && Number.isFinite(got) && got >= floor,
    });
  }
  const unknown = [...Object.keys(measured.deterministic).filter((k) => !(k in baseline.deterministic)), ...Object.keys(measured.ratios).filter((k) => !(k in baseline.ratios))];
  for (const name of unknown) rows.push({ name, expected: '(not in baseline.json: npm run bench:hashes / bench:baseline)', got: 'measured', pass: false });
  return rows;
}

/**
 * A baseline as read from bench/baseline.json, each ratio in the current form: a bare number (the form
 * before per-ratio tolerances) becomes `{ ratio, tolerance: DEFAULT_TOLERANCE }`.
 */
export function normaliseBaseline<T extends { deterministic: GateBaseline['deterministic']; ratios: Record<string, RatioBaseline | number> }>(b: T): Omit<T, 'ratios'> & GateBaseline {
  const ratios = Object.fromEntries(Object.entries(b.ratios).map(([name, v]) => [name, typeof v === 'number' ? { ratio: v, tolerance: DEFAULT_TOLERANCE } : v]));
  return { ...b, ratios };
}

/**
 * The baseline's ratios replaced by `measured` ones, each keeping its tolerance and spread (a new check
 * gets DEFAULT_TOLERANCE until its spread is measured); checks no longer measured are dropped.
 */
export function withRatios(old: Record<string, RatioBaseline>, measured: Record<string, number>): Record<string, RatioBaseline> {
  return Object.fromEntries(
    Object.entries(measured).map(([name, ratio]) => {
      const was = old[name];
      return [name, { ratio, tolerance: was?.tolerance ?? DEFAULT_TOLERANCE, ...(was?.spread ? { spread: was.spread } : {}) }];
    }),
  );
}

/**
 * The baseline's ratios with tolerances (and spreads) set from measured spreads. The ratios are
 * untouched, or with `center` set to each spread's median: the tolerance is a band around the
 * typical run, so a baseline from one run at either end of the spread eats into it.
 */
export function withTolerances(old: Record<string, RatioBaseline>, spreads: Record<string, RatioSpread>, center = false, rule = TOLERANCE_RULE): Record<string, RatioBaseline> {
  return Object.fromEntries(
    Object.entries(old).map(([name, b]) => {
      const spread = spreads[name];
      return [name, spread ? { ratio: center ? spread.median : b.ratio, tolerance: toleranceFromSpread(spread, rule), spread } : b];
    }),
  );
}

/** A plain-text table: check, expected, got, PASS/FAIL. */
export function formatTable(rows: readonly CheckRow[]): string {
  const head: CheckRow = { name: 'check', expected: 'expected', got: 'got', pass: true };
  const w = (k: 'name' | 'expected' | 'got') => Math.max(...[head, ...rows].map((r) => r[k].length));
  const line = (r: CheckRow, verdict: string) => `${r.name.padEnd(w('name'))}  ${r.expected.padEnd(w('expected'))}  ${r.got.padEnd(w('got'))}  ${verdict}`;
  return [line(head, 'result'), ...rows.map((r) => line(r, r.pass ? 'PASS' : 'FAIL'))].join('\n');
}
