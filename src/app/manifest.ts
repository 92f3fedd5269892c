/**
 * The manifest of a report folder: what produced it (tool, commit, runtime, inputs with their
 * SHA-256, seed, replications, workers, arguments) and the SHA-256 of every file in it. Written
 * last; a folder without a manifest, or whose files do not match it, is not a report.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Manifest {
  readonly tool: { readonly name: 'srvsim'; readonly version: string; readonly commit: string };
  readonly runtime: { readonly node: string; readonly v8: string; readonly platform: string };
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly workers: number;
  readonly arguments: readonly string[];
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
  readonly outputs: readonly { readonly path: string; readonly sha256: string; readonly bytes: number }[];
}

export const MANIFEST = 'manifest.json';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The commit the tool was built from: read from .git without running git; 'unknown' outside a checkout. */
export function gitCommit(root: string): string {
  try {
    const gitDir = join(root, '.git');
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    if (existsSync(join(gitDir, ref))) return readFileSync(join(gitDir, ref), 'utf8').trim();
    const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8')
      .split('\n')
      .find((l) => l.endsWith(` ${ref}`));
    return packed?.split(' ')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface RunFacts {
  readonly version: string;
  readonly commit: string;
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly workers: number;
  readonly arguments: readonly string[];
  /** Absolute paths of every input file read. */
  readonly inputs: readonly string[];
}

/** What the manifest says about the tool and its invocation (given by the caller: the CLI knows them). */
export type ToolFacts = Pick<RunFacts, 'version' | 'commit' | 'arguments'>;

export function buildManifest(facts: RunFacts, outputs: readonly { path: string; contents: string | Uint8Array }[]): Manifest {
  return {
    tool: { name: 'srvsim', version: facts.version, commit: facts.commit },
    runtime: { node: process.version, v8: process.versions.v8, platform: `${process.platform}-${process.arch}` },
    scenario: facts.scenario,
    seed: facts.seed,
    replications: facts.replications,
    workers: facts.workers,
    arguments: facts.arguments,
    inputs: facts.inputs.map((path) => ({ path, sha256: sha256(readFileSync(path)) })),
    outputs: outputs.map((f) => ({ path: f.path, sha256: sha256(f.contents), bytes: Buffer.byteLength(f.contents) })),
  };
}

/** The manifest as the report folder's last file. */
export function manifestFile(facts: RunFacts, outputs: readonly { path: string; contents: string | Uint8Array }[]): { path: string; contents: string } {
  return { path: MANIFEST, contents: `${JSON.stringify(buildManifest(facts, outputs), null, 2)}\n` };
}
