/** Bad CSV tables: encodings, header, record structure, strict cells; every table of a model at once. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as msg from '../../src/model/messages.js';
import { fixture, issueLines, line, ROOT, scenarioOf } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'srvsim-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A model in a temp folder that takes everything from the default but its cohort table. */
function modelWithCohorts(name: string, bytes: Uint8Array | string): { model: string; csv: string } {
  const csv = join(tmp, `${name}.csv`);
  const model = join(tmp, `${name}.yaml`);
  writeFileSync(csv, bytes);
  writeFileSync(model, `extends: ${join(ROOT, 'models', 'mp192-baseline.yaml')}\ndata: { cohorts: ./${name}.csv }\n`);
  return { model, csv };
}

const COHORTS = 'cohort,s1sp,device_type,protocol,share,devices,wake_up_s,source\nMOC,Secure,SMETS1,DLMS,1,10,0,"assumed: x"\n';

describe('CSV encodings', () => {
  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(COHORTS, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(COHORTS, 'utf16le').swap16()])],
    ['UTF-16 without BOM (NUL bytes)', Buffer.from(COHORTS, 'utf16le')],
  ])('refuses %s, naming UTF-16', async (name, bytes) => {
    const { model, csv } = modelWithCohorts(name.replace(/\W+/g, '-'), bytes);
    expect(await issueLines(model)).toEqual([line(csv, 1, 1, '', msg.utf16())]);
    expect(msg.utf16()).toContain('UTF-16');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const { model, csv } = modelWithCohorts('latin1', Buffer.from(COHORTS.replace('MOC', 'MÖC'), 'latin1'));
    expect(await issueLines(model)).toEqual([line(csv, 1, 1, '', msg.notUtf8())]);
  });

  it('accepts a UTF-8 BOM', async () => {
    const s = await scenarioOf(fixture('bom.yaml'));
    expect(s.cohorts.map((c) => c.id)).toEqual(['MOC']);
  });
});

describe('CSV content errors', () => {
  it('reports every table of a model at once: strict numbers, enums, DLMS grammar, sources, row count', async () => {
    const c = 'cohorts-bad-cells.csv';
    const s = 'srvs-bad-cells.csv';
    const cell = (t: string, ln: number, col: number, key: string, column: string, message: string, got: string) => line(t, ln, col, `${t}[${key}].${column}`, message, got);
    expect(await issueLines(fixture('bad-tables.yaml'))).toEqual([
      cell(c, 2, 22, 'A', 'share', msg.notANumber(), '""'),
      cell(c, 3, 22, 'B', 'share', msg.notANumber(), '" "'),
      cell(c, 4, 22, 'C', 'share', msg.notANumber(), '"1,5"'),
      cell(c, 5, 26, 'D', 'devices', msg.notANumber(), '12abc'),
      cell(c, 6, 10, 'E', 'device_type', msg.oneOf(['SMETS1', 'SMETS2']), 'SMETS3'),
      cell(c, 6, 22, 'E', 'share', msg.notANumber(), 'NaN'),
      cell(c, 6, 30, 'E', 'wake_up_s', msg.notANumber(), 'Infinity'),
      cell(c, 7, 26, 'F', 'devices', msg.notFinite(), '1e309'),
      cell(c, 7, 32, 'F', 'wake_up_s', msg.notANumber(), '0x10'),
      cell(c, 8, 22, 'G', 'share', msg.atLeast(0), '-0.1'),
      cell(c, 8, 27, 'G', 'devices', msg.atLeast(0), '-5'),
      cell(c, 8, 30, 'G', 'wake_up_s', msg.atLeast(0), '-1'),
      cell(c, 8, 33, 'G', 'source', msg.notEmpty(), '""'),
      cell(c, 9, 32, 'H', 'source', msg.sourceTag(), 'folklore'),
      line('shape-23-rows.csv', 1, 1, 'shape-23-rows.csv.start', msg.baselineRowCount(), '23'),
      cell(s, 2, 38, '4.3', 'dlms', msg.dlmsGrammar(), 'uniform 7..5'),
      // the record of SRV 4.4.3 starts on line 3; its name spans two lines, so its cells are on line 4
      cell(s, 4, 38, '4.4.3', 'dlms', msg.pmfSum(), 'pmf 8:0.5 9:0.6'),
      cell(s, 4, 58, '4.4.3', 'data_not_available_probability', msg.atMost(1), '1.5'),
      cell(s, 4, 62, '4.4.3', 'modes', msg.oneOf(['on-demand', 'future-dated', 'dsp-scheduled']), 'on-demand|dsp-schedule'),
      cell(s, 4, 85, '4.4.3', 'scheduled_device_types', msg.oneOf(['SMETS1', 'SMETS2']), 'SMETS1|SMETS9'),
      cell(s, 5, 21, '5.1', 'dlms', msg.dlmsGrammar(), 'fixed 0'),
    ]);
  });

  it('reports header, record-length and syntax problems with record number and physical line', async () => {
    const COHORT_COLUMNS = ['cohort', 's1sp', 'device_type', 'protocol', 'share', 'devices', 'wake_up_s', 'source'];
    expect(await issueLines(fixture('bad-csv-structure.yaml'))).toEqual([
      line('cohorts-bad-header.csv', 1, 1, 'cohorts-bad-header.csv', msg.csvMissingColumn('wake_up_s')),
      line('cohorts-bad-header.csv', 1, 48, 'cohorts-bad-header.csv', msg.csvUnknownColumn('wakeup_s', COHORT_COLUMNS)),
      line('empty.csv', 1, 1, 'empty.csv', msg.csvNoHeader()),
      // record 1 spans lines 2–4 (a quoted name over three lines), then a blank line: record 2 is on line 6
      line('srvs-field-count.csv', 6, 1, 'srvs-field-count.csv', msg.csvFieldCount(2, 6, 7, 9)),
      line('unclosed-quote.csv', 2, 1, 'unclosed-quote.csv', msg.csvSyntax('Quote Not Closed: the parsing is finished with an opening quote')),
    ]);
  });

  it('reports a table with a header and no rows', async () => {
    const { model, csv } = modelWithCohorts('header-only', COHORTS.split('\n')[0]!);
    expect(await issueLines(model)).toEqual([line(csv, 1, 1, 'header-only.csv', msg.csvNoRows())]);
  });

  it('reads CRLF, CR and mixed line endings and a header in another column order', async () => {
    const reordered = 'source,cohort,s1sp,device_type,protocol,share,devices,wake_up_s\r\n"assumed: x",MOC,Secure,SMETS1,DLMS,0.5,10,0\r"assumed: y",IOC,CGI IE,SMETS1,DLMS,0.5,20,0\n';
    const { model } = modelWithCohorts('line-endings', reordered);
    const s = await scenarioOf(model);
    expect(s.cohorts.map((c) => [c.id, c.s1sp, c.devices, c.source])).toEqual([
      ['MOC', 'Secure', 10, 'assumed: x'],
      ['IOC', 'CGI IE', 20, 'assumed: y'],
    ]);
  });
});
