import { describe, expect, it } from 'vitest';
import { numberCell, textCell } from '../../src/report/csv.js';

describe('CSV cells', () => {
  it('neutralise text a spreadsheet would run as a formula', () => {
    expect(textCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(textCell(`${lead}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(textCell('MOC')).toBe('MOC');
    expect(textCell('a,b')).toBe('"a,b"');
  });
  it('write numbers deterministically, negative numbers untouched, non-finite as empty', () => {
    expect(numberCell(-Math.PI)).toBe('-3.142');
    expect(numberCell(-0.0001)).toBe('0');
    expect(numberCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(numberCell(1e21)).toBe('1e+21');
  });
});
