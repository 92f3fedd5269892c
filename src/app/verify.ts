/**
 * Checks a report folder against its manifest: every listed file present and unchanged, nothing extra.
 *
 * Whatever the folder holds, this answers with a list of problems and never throws: a manifest that
 * is not JSON, not an object, a folder or a symlink; entries that are null, malformed or listed
 * twice; files that are missing, changed, folders, symlinks (dangling or looping) or unreadable.
 *
 * Nothing outside the folder is ever read. An entry must be a plain relative path inside it (no
 * absolute path, drive, `..`, `.`, empty part or backslash): srvsim writes no other. A symlink
 * anywhere inside the report is never followed (srvsim writes none): listed, it is "not a regular
 * file"; on the way to a listed file, the file is "reached through a symlink"; unlisted, it is "not
 * part of the report". Only the report folder itself may be a symlink (e.g. `reports/latest`).
 *
 * Files are hashed in chunks, so a large one costs time, not memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST } from './manifest.js';

export type VerifyOutcome = { readonly ok: true; readonly files: number } | { readonly ok: false; readonly problems: readonly string[] };

const CHUNK = 1 << 20;
/** Far above any manifest srvsim writes; a larger "manifest" is not read into memory. */
const MAX_MANIFEST_BYTES = 64 << 20;
/** 0 where the platform has no O_NOFOLLOW (Windows): the lstat checks before opening still hold. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const SHA256 = /^[0-9a-f]{64}$/;

/** A path as printed: as it is, or as a JSON string when it holds control characters (a newline in a name). */
const shown = (path: string) => (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(path) ? JSON.stringify(path) : path);

const reason = (err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}${e.syscall ? ` on ${e.syscall}` : ''}` : String((err as Error)?.message ?? err);
};

function kindOf(st: Stats | Dirent): string {
  if (st.isSymbolicLink()) return 'a symlink';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isBlockDevice() || st.isCharacterDevice()) return 'a device';
  return 'not a file';
}

/** lstat, or null when nothing is there (or a part of the path is not a folder). */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * Opens a regular file without following a symlink and checks it is the file `expected` described
 * (not swapped since), then hands its descriptor and size to `use`.
 */
function withRegularFile<T>(path: string, expected: Stats, use: (fd: number, bytes: number) => T): T {
  const fd = openSync(path, constants.O_RDONLY | NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.ino !== expected.ino || st.dev !== expected.dev) throw Object.assign(new Error('replaced while being read'), { code: 'ECHANGED' });
    return use(fd, st.size);
  } finally {
    closeSync(fd);
  }
}

function hashOf(fd: number): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK);
  for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) hash.update(buf.subarray(0, n));
  return hash.digest('hex');
}

function readAll(fd: number, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  let at = 0;
  for (let n = 1; at < bytes && n > 0; at += n) n = readSync(fd, buf, at, bytes - at, null);
  return buf.subarray(0, at);
}

/** Why `path` is not a plain relative path inside the report, or null when it is one. */
function unsafePath(path: string): string | null {
  if (path.length === 0) return 'an empty path';
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return 'an absolute path, outside the report folder';
  if (path.includes('\\')) return 'a path with a backslash (srvsim writes /)';
  if (/[\u0000]/.test(path)) return 'a path with a NUL character';
  const parts = path.split('/');
  if (parts.includes('..')) return 'a path outside the report folder';
  if (parts.some((p) => p === '' || p === '.')) return 'not a plain relative path';
  return null;
}

type Entry = { readonly path: string; readonly sha256: string; readonly bytes: number | null };

/** The entry at `outputs[i]`, or why it is malformed. */
function parseEntry(e: unknown): Entry | string {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return `not an object (${e === null ? 'null' : Array.isArray(e) ? 'a list' : typeof e})`;
  const { path, sha256, bytes } = e as Record<string, unknown>;
  if (typeof path !== 'string') return 'no "path" string';
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return `${JSON.stringify(path)}: no "sha256" of 64 hex digits`;
  if (bytes !== undefined && !(typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0)) return `${JSON.stringify(path)}: "bytes" is not a whole number of bytes`;
  return { path, sha256, bytes: typeof bytes === 'number' ? bytes : null };
}

/** The problem with one listed file, or null when it matches. */
function checkEntry(dir: string, e: Entry): string | null {
  const parts = e.path.split('/');
  const shownPath = shown(join(dir, e.path));
  for (let i = 1; i < parts.length; i++) {
    const st = lstatOrNull(join(dir, ...parts.slice(0, i)));
    if (st === null) return `${shownPath}: missing`;
    if (st.isSymbolicLink()) return `${shownPath}: reached through a symlink (${parts.slice(0, i).join('/')}), not followed`;
    if (!st.isDirectory()) return `${shownPath}: missing (${parts.slice(0, i).join('/')} is not a folder)`;
  }
  const path = join(dir, e.path);
  const st = lstatOrNull(path);
  if (st === null) return `${shownPath}: missing`;
  if (!st.isFile()) return `${shownPath}: not a regular file (${kindOf(st)})`;
  if (e.bytes !== null && st.size !== e.bytes) return `${shownPath}: changed since the run (${st.size} bytes; the manifest says ${e.bytes})`;
  const digest = withRegularFile(path, st, (fd) => hashOf(fd));
  return digest === e.sha256 ? null : `${shownPath}: changed since the run (SHA-256 differs)`;
}

/** Every entry under `dir` that is not a folder (symlinks included, never followed), relative with `/`. */
function listEntries(dir: string, problems: string[], prefix = ''): { path: string; kind: string | null }[] {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch (err) {
    problems.push(`${shown(join(dir, prefix))}: cannot be listed (${reason(err)})`);
    return [];
  }
  return dirents.flatMap((d) => {
    const rel = prefix === '' ? d.name : `${prefix}/${d.name}`;
    if (d.isDirectory()) return listEntries(dir, problems, rel);
    return [{ path: rel, kind: d.isFile() ? null : kindOf(d) }];
  });
}

type Manifest = { readonly outputs: readonly unknown[] };

function readManifest(dir: string): Manifest | string {
  const path = join(dir, MANIFEST);
  const st = lstatOrNull(path);
  if (st === null) return `${shown(path)}: missing — this folder is not a complete report`;
  if (!st.isFile()) return `${shown(path)}: not a regular file (${kindOf(st)}) — this folder is not a complete report`;
  if (st.size > MAX_MANIFEST_BYTES) return `${shown(path)}: ${st.size} bytes, too large for a manifest`;
  let manifest: unknown;
  try {
    manifest = JSON.parse(withRegularFile(path, st, (fd, bytes) => readAll(fd, Math.min(bytes, MAX_MANIFEST_BYTES))).toString('utf8'));
  } catch (err) {
    return `${shown(path)}: unreadable (${err instanceof SyntaxError ? err.message : reason(err)})`;
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return `${shown(path)}: unreadable (not a JSON object)`;
  const outputs = (manifest as { outputs?: unknown }).outputs;
  if (!Array.isArray(outputs)) return `${shown(path)}: unreadable (no "outputs" list)`;
  return { outputs };
}

function verify(dir: string): VerifyOutcome {
  let top: Stats;
  try {
    top = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'no such folder (a part of the path is a file)'
          : code === 'ELOOP'
            ? 'a symlink loop, not a folder'
            : `cannot be read (${reason(err)})`;
    return { ok: false, problems: [`${shown(dir)}: ${why}`] };
  }
  if (!top.isDirectory()) return { ok: false, problems: [`${shown(dir)}: ${top.isFile() ? 'a file' : kindOf(top)}, not a report folder`] };
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') return { ok: false, problems: [manifest] };

  const problems: string[] = [];
  const listed = new Set<string>([MANIFEST]);
  const manifestPath = shown(join(dir, MANIFEST));
  manifest.outputs.forEach((raw, i) => {
    const where = `${manifestPath}: outputs entry ${i + 1}`;
    const e = parseEntry(raw);
    if (typeof e === 'string') return void problems.push(`${where} is malformed: ${e}`);
    const unsafe = unsafePath(e.path);
    if (unsafe !== null) return void problems.push(`${where}, ${JSON.stringify(e.path)}: ${unsafe} — not read`);
    if (listed.has(e.path)) return void problems.push(`${where}, ${JSON.stringify(e.path)}: ${e.path === MANIFEST ? 'the manifest cannot list itself' : 'listed twice'}`);
    listed.add(e.path);
    try {
      const problem = checkEntry(dir, e);
      if (problem !== null) problems.push(problem);
    } catch (err) {
      problems.push(`${shown(join(dir, e.path))}: cannot be read (${reason(err)})`);
    }
  });
  for (const f of listEntries(dir, problems)) {
    if (!listed.has(f.path)) problems.push(`${shown(join(dir, f.path))}: not part of the report${f.kind ? ` (${f.kind})` : ''}`);
  }
  return problems.length === 0 ? { ok: true, files: manifest.outputs.length } : { ok: false, problems };
}

export function verifyReportDir(dir: string): VerifyOutcome {
  try {
    return verify(dir);
  } catch (err) {
    // Not expected: every step above reports its own failures. Still a problem to name, never a crash.
    return { ok: false, problems: [`${shown(dir)}: cannot be checked (${reason(err)})`] };
  }
}
