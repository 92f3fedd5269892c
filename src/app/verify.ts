/** Checks a report folder against its manifest: every listed file present and unchanged, nothing extra. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MANIFEST, type Manifest, sha256 } from './manifest.js';

export type VerifyOutcome =
  | { readonly ok: true; readonly files: number }
  | { readonly ok: false; readonly problems: readonly string[] };

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

export function verifyReportDir(dir: string): VerifyOutcome {
  if (!existsSync(dir)) return { ok: false, problems: [`${dir}: no such folder`] };
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) return { ok: false, problems: [`${manifestPath}: missing — this folder is not a complete report`] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (!Array.isArray(manifest.outputs)) throw new Error('no outputs list');
  } catch (err) {
    return { ok: false, problems: [`${manifestPath}: unreadable (${(err as Error).message})`] };
  }
  const problems: string[] = [];
  for (const f of manifest.outputs) {
    const path = join(dir, f.path);
    if (!existsSync(path)) problems.push(`${path}: missing`);
    else if (sha256(readFileSync(path)) !== f.sha256) problems.push(`${path}: changed since the run (SHA-256 differs)`);
  }
  const listed = new Set([MANIFEST, ...manifest.outputs.map((f) => f.path)]);
  for (const f of listFiles(dir)) if (!listed.has(f)) problems.push(`${join(dir, f)}: not part of the report`);
  return problems.length === 0 ? { ok: true, files: manifest.outputs.length } : { ok: false, problems };
}
