/**
 * The performance gate's comparison, as a pure function (unit-tested in test/bench/gate.test.ts).
 *
 * - Deterministic figures (summary hash, events, events per SR, DLMS commands) must equal the
 *   baseline exactly: any change means the simulation's results changed.
 * - Timed figures are same-run ratios to the calibration kernel, never absolute times: each must be
 *   ≥ (1 − tolerance) × its baseline ratio. Faster always passes.
 */

export interface DeterministicFigures {
  summarySha256: string;
  events: number;
  eventsPerSr: number;
  dlmsCommands: number;
}

export interface GateFigures {
  /** Reference model name → its figures. */
  deterministic: Record<string, DeterministicFigures>;
  /** Timed check name → subject events/s ÷ kernel events/s, measured in the same run. */
  ratios: Record<string, number>;
}

export interface CheckRow {
  name: string;
  expected: string;
  got: string;
  pass: boolean;
}

export const DEFAULT_TOLERANCE = 0.3;

const FIELDS: readonly (keyof DeterministicFigures)[] = ['summarySha256', 'events', 'eventsPerSr', 'dlmsCommands'];

const show = (v: unknown): string => (v === undefined ? '(missing)' : typeof v === 'number' ? String(v) : String(v));

export function checkGate(baseline: GateFigures, measured: GateFigures, tolerance = DEFAULT_TOLERANCE): CheckRow[] {
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`tolerance must be in [0, 1), got ${tolerance}`);
  const rows: CheckRow[] = [];
  for (const [model, want] of Object.entries(baseline.deterministic)) {
    const got = measured.deterministic[model];
    for (const field of FIELDS) {
      const g = got?.[field];
      rows.push({ name: `${model} ${field}`, expected: show(want[field]), got: show(g), pass: g !== undefined && Object.is(g, want[field]) });
    }
  }
  for (const [name, want] of Object.entries(baseline.ratios)) {
    const got = measured.ratios[name];
    const floor = (1 - tolerance) * want;
    rows.push({
      name: `${name} ratio to kernel`,
      expected: `≥ ${floor.toFixed(3)} (baseline ${want.toFixed(3)} − ${Math.round(tolerance * 100)}%)`,
      got: got === undefined ? '(missing)' : got.toFixed(3),
      pass: got !== undefined && Number.isFinite(got) && got >= floor,
    });
  }
  const unknown = [...Object.keys(measured.deterministic).filter((k) => !(k in baseline.deterministic)), ...Object.keys(measured.ratios).filter((k) => !(k in baseline.ratios))];
  for (const name of unknown) rows.push({ name, expected: '(not in baseline.json: npm run bench:baseline)', got: 'measured', pass: false });
  return rows;
}

/** A plain-text table: check, expected, got, PASS/FAIL. */
export function formatTable(rows: readonly CheckRow[]): string {
  const head: CheckRow = { name: 'check', expected: 'expected', got: 'got', pass: true };
  const w = (k: 'name' | 'expected' | 'got') => Math.max(...[head, ...rows].map((r) => r[k].length));
  const line = (r: CheckRow, verdict: string) => `${r.name.padEnd(w('name'))}  ${r.expected.padEnd(w('expected'))}  ${r.got.padEnd(w('got'))}  ${verdict}`;
  return [line(head, 'result'), ...rows.map((r) => line(r, r.pass ? 'PASS' : 'FAIL'))].join('\n');
}
