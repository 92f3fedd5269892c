/** Where the shipped models live, independent of the working directory. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this file in both `src/cli` and `dist/cli`. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = join(PACKAGE_ROOT, 'models');
export const DEFAULT_MODEL = join(MODELS_DIR, 'mp192-baseline.yaml');

/** The shipped placement scenarios P0–P7, in name order. */
export function shippedPlacementModels(): string[] {
  return readdirSync(MODELS_DIR)
    .filter((f) => /^p\d-.*\.yaml$/.test(f))
    .sort()
    .map((f) => join(MODELS_DIR, f));
}

/** The tool's version, from its package.json. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
