/**
 * A table too large to read into memory (over MAX_INPUT_BYTES) is still streamed through once, with
 * bounded memory, so its problems are reported like any other table's: header, column counts with
 * record and line, and how many records it holds against the most any table may have. It is never
 * loaded: no legitimate table comes near this size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { issueAt, type InputIssue } from './issues.js';
import * as msg from './messages.js';

/** The most rows any table may hold (a per-minute profile has 1,440). */
export const MAX_TABLE_ROWS = 100_000;
/** A record longer than this is not a table row (e.g. a file of NUL bytes or one endless line). */
const MAX_RECORD_BYTES = 1 << 20;
const MAX_ISSUES = 20;

async function looksUtf16(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const b = head.subarray(0, bytesRead);
    return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || b.includes(0);
  } finally {
    await fh.close();
  }
}

/**
 * Counts records and their fields in one pass over the bytes (quote-aware: commas and line ends
 * inside quotes do not count; a doubled quote toggles twice), holding one chunk at a time.
 */
export async function scanLargeTable(file: string, columns: readonly string[], sizeBytes: number, limitBytes: number): Promise<InputIssue[]> {
  const name = basename(file);
  const at = (line: number) => ({ file, line, col: 1 });
  const issues: InputIssue[] = [issueAt(at(1), name, msg.fileTooLarge(file, sizeBytes, limitBytes))];
  if (await looksUtf16(file)) return [...issues, issueAt(at(1), name, msg.utf16())];
  let headerFields = -1;
  let headerBytes: number[] = [];
  let records = 0;
  let fields = 1;
  let recordBytes = 0;
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  const endRecord = () => {
    if (recordBytes === 0) return; // blank line
    if (headerFields < 0) {
      headerFields = fields;
      const names = Buffer.from(headerBytes)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r$/, '')
        .split(',')
        .map((c) => c.replace(/^"|"$/g, ''));
      for (const c of columns.filter((col) => !names.includes(col))) issues.push(issueAt(at(1), name, msg.csvMissingColumn(c)));
      headerBytes = [];
    } else {
      records++;
      if (fields !== headerFields && issues.length < MAX_ISSUES) issues.push(issueAt(at(recordLine), name, msg.csvFieldCount(records, recordLine, fields, headerFields)));
    }
    fields = 1;
    recordBytes = 0;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) {
        line++;
        if (!quoted) {
          endRecord();
          recordLine = line;
          continue;
        }
      } else if (b === 0x22) quoted = !quoted;
      else if (b === 0x2c && !quoted) fields++;
      else if (b === 0) return [...issues, issueAt(at(line), name, msg.utf16())];
      if (headerFields < 0) headerBytes.push(b);
      if (++recordBytes > MAX_RECORD_BYTES) return [...issues, issueAt(at(recordLine), name, msg.csvSyntax(`record ${records + 1} is longer than ${MAX_RECORD_BYTES} bytes`))];
    }
  }
  endRecord();
  if (records > MAX_TABLE_ROWS) issues.push(issueAt(at(1), name, msg.tooManyRows(records, MAX_TABLE_ROWS)));
  return issues;
}
