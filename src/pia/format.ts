/** Renders the PIA arithmetic as a terminal table. Pure: returns text. */
import type { Pia, PiaRow } from './compute.js';

/** A number in the unit it is written in, readable by an analyst (13.5M, 5.0%, 12,000 s = 3 h 20 min). */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return value > 0 ? 'instant (∞)' : String(value);
  if (unit === 'share') return `${(value * 100).toFixed(2)}%`;
  if (unit === 's') return `${Math.round(value).toLocaleString('en-GB')} s = ${hoursMinutes(value)}`;
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 3 })}M`;
  return value.toLocaleString('en-GB', { maximumFractionDigits: value < 10 ? 4 : 1 });
}

function hoursMinutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

function valueText(r: PiaRow): string {
  const low = formatValue(r.value, r.unit);
  const unit = r.unit === 'share' || r.unit === 's' ? '' : ` ${r.unit}`;
  return r.high === undefined ? `${low}${unit}` : `${low} – ${formatValue(r.high, r.unit)}${unit}`;
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n');
}

export function formatPia(pia: Pia): string {
  const rows = table(
    ['ref', 'quantity', 'value', 'how', 'source'],
    pia.rows.map((r) => [r.ref, r.quantity, valueText(r), r.formula, r.source]),
  );
  const placements = table(
    ['scenario', 'active', 'mean added TPS', 'peak added TPS'],
    pia.placements.map((p) => [p.name, p.activeS === 0 ? 'one instant' : formatValue(p.activeS, 's'), formatValue(p.meanAddedTps, 'TPS'), formatValue(p.peakAddedTps, 'TPS')]),
  );
  const warnings = pia.warnings.map((w) => `WARNING: ${w}`);
  return [
    `The seed's arithmetic for scenario ${pia.scenario} (docs/domain.md §E), computed from the model's inputs`,
    '',
    rows,
    '',
    'Added TPS by placement (E12), at the transaction ceiling',
    '',
    placements,
    ...(warnings.length ? ['', ...warnings] : []),
    '',
  ].join('\n');
}
