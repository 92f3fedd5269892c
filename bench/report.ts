/** Shared bits of the benchmarks: argument parsing, the report file, number formatting. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `--name value` from argv, or undefined. */
export function arg(name: string, argv = process.argv.slice(2)): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

/** `--name N` as a positive integer, or the default. */
export function intArg(name: string, fallback: number, argv = process.argv.slice(2)): number {
  const v = arg(name, argv);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
}

/** Where and on what a figure was measured: goes into every report (the load average shows a busy, shared machine). */
export function machine(): Record<string, string | number> {
  const load1m = Number(loadavg()[0]!.toFixed(2));
  return { node: process.version, cpus: availableParallelism(), platform: `${process.platform}-${process.arch}`, load1m, date: new Date().toISOString() };
}

/** Writes reports/bench/<name>.json (or `file` when given) and returns its path. */
export function writeReport(name: string, data: object, file = join('reports', 'bench', `${name}.json`)): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: name, ...data, ...machine() }, null, 2)}\n`);
  return file;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export const mEps = (eps: number): string => `${(eps / 1e6).toFixed(2)}M events/s`;

/** Pooled benchmarks warn when run from TypeScript: their workers then load tsx and run ~2.5× slower here. */
export function warnIfFromSource(url: string): void {
  if (url.endsWith('.ts')) {
    console.error("warning: running from TypeScript source — the pool's workers load tsx and run ~2.5× slower than compiled; use npm run bench:pool / bench:scaling");
  }
}

/** True when the module whose import.meta.url is given is the script node was started with. */
export const isMain = (url: string): boolean => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
