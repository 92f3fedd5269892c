/** Shared helpers for the model tests: fixture paths and expected issue lines built from messages.ts. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, vi } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { loadScenario } from '../../src/model/load.js';
import type { Scenario } from '../../src/model/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'model');

/** Absolute path of a fixture file. */
export const fixture = (name: string): string => join(FIXTURES, name);

/** The exact line `formatIssue` prints for an issue in a fixture (or any absolute file). */
export function line(file: string, ln: number, col: number, path: string, message: string, got?: string): string {
  const abs = file.startsWith('/') ? file : fixture(file);
  return formatIssue(got === undefined ? { file: abs, line: ln, col, path, message } : { file: abs, line: ln, col, path, message, got });
}

/** Every issue of a model, formatted; fails the test when the model loads. */
export async function issueLines(file: string): Promise<string[]> {
  const result = await loadScenario(file);
  if (result.ok) throw new Error(`${file} loaded, expected issues`);
  return result.issues.map(formatIssue);
}

/** The scenario of a model that must load. */
export async function scenarioOf(file: string): Promise<Scenario> {
  const result = await loadScenario(file);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.scenario;
}

/**
 * What a command writes to stdout and stderr in the tests of the enclosing `describe` (or file):
 * both captured afresh before each test and restored after it.
 */
export function captureOutput(): { readonly out: string[]; readonly err: string[] } {
  const captured = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    captured.out.length = 0;
    captured.err.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (captured.out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (captured.err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
