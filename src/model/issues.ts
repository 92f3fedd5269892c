/**
 * Input issues as data: where (file:line:col and a model path), what (a message from messages.ts) and the
 * value as written. Also the one place that reads input bytes as text, so every file gets the same checks.
 */
import { readFile, stat } from 'node:fs/promises';
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
  const where = `${displayPath(i.file)}:${i.line}:${i.col}${i.path === '' ? '' : ` ${i.path}`}`;
  return `${where}: ${i.message}${i.got === undefined ? '' : ` (got ${i.got})`}`;
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
    super(issues.map(formatIssue).join('\n'));
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
 * Text of an input file, or why not: `missing` (not found or unreadable: report it where the file is
 * named) or a problem inside the file (its encoding: report it in the file).
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
 * Input files are small (the largest legitimate table, a per-minute profile, is ~100 KB): anything
 * over this is refused from its size alone, before a byte is read, so memory stays bounded.
 */
export const MAX_INPUT_BYTES = 64 * 2 ** 20;

/** Reads a file as text; a missing, unreadable or oversized file is a message naming its absolute path. */
export async function readText(absPath: string): Promise<TextResult> {
  try {
    const { size } = await stat(absPath);
    if (size > MAX_INPUT_BYTES) return { ok: false, message: msg.fileTooLarge(absPath, size, MAX_INPUT_BYTES), missing: false, tooLargeBytes: size };
    return decodeText(await readFile(absPath));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const message = code === 'ENOENT' ? msg.fileNotFound(absPath) : msg.cannotRead(absPath, code);
    return { ok: false, message, missing: true };
  }
}
