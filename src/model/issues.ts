/**
 * Input issues as data: where (file:line:col and a model path), what (a message from messages.ts) and the
 * value as written. Also the one place that reads input bytes as text, so every file gets the same checks.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type * as z from 'zod';
import * as msg from './messages.js';

export interface InputIssue {
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** Model path (`capacities[1].ceiling.value`) or table path (`cohorts.csv[MOC].share`); '' for the file. */
  path: string;
  message: string;
  /** The offending value as written, when there is one. */
  got?: string;
}

/** A position in an input file. */
export interface Pos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** `file` relative to the working directory when it lies inside it, else absolute. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? rel : file;
}

/**
 * `file:line:col path: message (got value)`; ` (got …)` is left out when there is no value and the path
 * (with its space) when the issue concerns the whole file.
 * @example formatIssue({file, line: 3, col: 5, path: 'seed.value', message: 'must be an integer', got: '1.5'})
 *   === 'models/x.yaml:3:5 seed.value: must be an integer (got 1.5)'
 */
export function formatIssue(i: InputIssue): string {
  const path = i.path === '' ? '' : ` ${clip(i.path, MAX_PATH_CHARS)}`;
  const where = `${displayPath(i.file)}:${i.line}:${i.col}${path}`;
  return oneLine(`${where}: ${clip(i.message, MAX_MESSAGE_CHARS)}${i.got === undefined ? '' : ` (got ${clip(i.got, MAX_GOT_CHARS)})`}`);
}

/**
 * What an issue line may carry from an input file is bounded: a path, a message and a value as
 * written are cut to these lengths, so a stray file (or a huge key or cell) is never echoed whole.
 */
const MAX_PATH_CHARS = 120;
const MAX_MESSAGE_CHARS = 1000;
const MAX_GOT_CHARS = 80;

/** `s` cut to `max` characters, ending in "…" when cut. */
export function clip(s: string, max: number): string {
  const chars = [...s.slice(0, max + 1)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** Control characters (terminal escapes, line breaks, NUL) escaped as \uXXXX, so one issue is one line. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** At most this many issues are printed for one input; the rest are counted in a final line. */
export const MAX_SHOWN_ISSUES = 100;

/** The line that ends a cut list of issues. */
export const moreProblems = (n: number): string => `… and ${n.toLocaleString('en-GB')} more problem${n === 1 ? '' : 's'}`;

/**
 * The lines to print for a list of issues: the first `max` formatted, then "… and N more problems"
 * when some were left out. Every printer of input issues goes through this, so output stays bounded.
 */
export function formatIssues(issues: readonly InputIssue[], max = MAX_SHOWN_ISSUES): string[] {
  const shown = issues.slice(0, max).map(formatIssue);
  return issues.length > max ? [...shown, moreProblems(issues.length - max)] : shown;
}

/** Builds an issue at a position. */
export function issueAt(pos: Pos, path: string, message: string, got?: string): InputIssue {
  return got === undefined ? { ...pos, path, message } : { ...pos, path, message, got };
}

/** Orders issues by file, then line, then column (stable otherwise). */
export function sortIssues(issues: readonly InputIssue[]): InputIssue[] {
  return [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/** A user error in the model or its tables; the CLI maps it to exit code 2. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(formatIssues(issues).join('\n'));
    this.name = 'InputError';
    this.issues = [...issues];
  }
}

/** A schema problem in our words: the path (into the model or a table row) and a message from messages.ts. */
export interface SchemaProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The problem is the key itself (unknown key): point at the key, show no value. */
  readonly atKey: boolean;
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'text',
  object: 'a mapping (key: value)',
  array: 'a list',
  boolean: 'true or false',
};

/** Translates one zod issue (parsed with `reportInput: true`) into our messages; unknown keys give one each. */
export function explainZodIssue(i: z.core.$ZodIssue): SchemaProblem[] {
  const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const one = (message: string): SchemaProblem[] => [{ path, message, atKey: false }];
  const absent = (i.code === 'invalid_type' || i.code === 'invalid_value') && i.input === undefined;
  if (absent) return one(msg.missingKey());
  switch (i.code) {
    case 'unrecognized_keys':
      return i.keys.map((k) => ({ path: [...path, k], message: msg.unknownKey(k), atKey: true }));
    case 'invalid_type':
      if (typeof i.input === 'number' && (i.expected === 'number' || i.expected === 'int')) {
        return one(Number.isFinite(i.input) ? msg.notInteger() : msg.notFinite());
      }
      return one(msg.expected(EXPECTED[i.expected] ?? i.expected));
    case 'invalid_union': {
      const input = i.input as Record<string, unknown> | undefined;
      if (i.discriminator !== undefined && input?.[i.discriminator] === undefined) return one(msg.missingKey());
      const options = (i as { options?: readonly unknown[] }).options;
      return one(options ? msg.oneOf(options.map(String)) : i.message);
    }
    case 'invalid_value':
      return one(msg.oneOf(i.values.map(String)));
    case 'too_small':
      if (i.origin === 'array' || i.origin === 'string') return one(msg.notEmpty());
      return one(i.inclusive ? msg.atLeast(i.minimum) : msg.greaterThan(i.minimum));
    case 'too_big':
      return one(i.inclusive ? msg.atMost(i.maximum) : msg.lessThan(i.maximum));
    default:
      return one(i.message);
  }
}

/**
 * Text of an input file, or why not: `missing` (not found, unreadable or not a regular file: report it
 * where the file is named) or a problem inside the file (its encoding: report it in the file). `tooLargeBytes` is set
 * when only its size was against it (a table that large is still scanned, see csv-stream.ts).
 */
export type TextResult = { ok: true; text: string } | { ok: false; message: string; missing: boolean; tooLargeBytes?: number };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes input bytes as UTF-8 (a UTF-8 BOM is dropped); UTF-16 and invalid UTF-8 are refused. */
export function decodeText(bytes: Uint8Array): TextResult {
  const bom16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bom16 || bytes.includes(0)) return { ok: false, message: msg.utf16(), missing: false };
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, message: msg.notUtf8(), missing: false };
  }
}

/**
 * Tables are small (the largest shipped one is a few KB; a per-second histogram of a day with short
 * sources is ~3.5 MB): anything over this is refused from its size alone, before it is loaded, so
 * memory and time stay bounded (a table at this size and MAX_TABLE_ROWS rows is checked in seconds).
 */
export const MAX_INPUT_BYTES = 16 * 2 ** 20;

/**
 * Model and sweep files (YAML) are a few KB; the YAML parser needs about 100× a file's size in memory
 * and a few microseconds per byte, so a YAML file is refused above this size before it is parsed.
 */
export const MAX_YAML_BYTES = 2 ** 20;

const READ_CHUNK_BYTES = 1 << 16;

/** What a path is when it is not a regular file (`stat` mode), in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a file as text; a missing, unreadable, oversized or non-regular file is a message naming its
 * absolute path. The path is checked with `stat` before it is opened, so a FIFO or a device is refused
 * without blocking on it or reading from it; the file is then opened without blocking, checked again
 * on its descriptor, and read up to `limitBytes` (a file that grows past it meanwhile is refused).
 */
export async function readText(absPath: string, limitBytes = MAX_INPUT_BYTES, tooLarge: (path: string, bytes: number, limit: number) => string = msg.fileTooLarge): Promise<TextResult> {
  try {
    const st = await stat(absPath);
    if (!st.isFile()) return { ok: false, message: msg.notRegularFile(absPath, kindOf(st)), missing: true };
    if (st.size > limitBytes) return { ok: false, message: tooLarge(absPath, st.size, limitBytes), missing: false, tooLargeBytes: st.size };
    const fh = await open(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st2 = await fh.stat();
      if (!st2.isFile()) return { ok: false, message: msg.notRegularFile(absPath, kindOf(st2)), missing: true };
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        // a size of 0 (as /proc reports) says nothing: read in chunks until the end or the limit
        const want = length === 0 ? Math.max(st2.size + 1, READ_CHUNK_BYTES) : READ_CHUNK_BYTES;
        const chunk = Buffer.allocUnsafe(Math.min(want, limitBytes + 1 - length));
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
        if (length > limitBytes) return { ok: false, message: tooLarge(absPath, length, limitBytes), missing: false };
      }
      return decodeText(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const message = code === 'ENOENT' ? msg.fileNotFound(absPath) : msg.cannotRead(absPath, code);
    return { ok: false, message, missing: true };
  }
}
