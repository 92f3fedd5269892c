/** CSV cells: quoting, and neutralising text that a spreadsheet would run as a formula. */

/** A text cell starting with = + - @ (or a tab / CR) is prefixed with ' so spreadsheets show it as text. */
export function textCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell, deterministic: at most `digits` decimals, no exponent for ordinary sizes, empty for non-finite. */
export function numberCell(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '';
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\n`;
}
