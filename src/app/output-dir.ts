/**
 * Report folders: which folders srvsim may write, and a claim on one for the length of a command.
 *
 * srvsim writes only a folder that is missing, empty, or an srvsim report (its own `manifest.json`,
 * `tool.name` "srvsim"). Everything else is refused before any simulating starts (OutputChoiceError,
 * exit 2): a non-empty folder of the user's, a regular file, a symbolic link, the current folder or
 * one of its ancestors, a folder inside another report, a folder that holds an input.
 *
 * Next to DIR, srvsim keeps only names of its own:
 *   .DIR.lock        the claim: pid, host and command of the run writing DIR (exit 3 for a second run)
 *   .DIR.tmp-PID     the new report being written (holds `.srvsim-partial` until complete)
 *   .DIR.old-PID     the previous report, for the instant between the two renames of the swap
 * A run killed at any point leaves at most these; the next run into DIR puts an orphaned previous
 * report back at DIR (when DIR is missing) and removes the rest — but only folders that are
 * demonstrably srvsim's (a partial marker or an srvsim manifest).
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MANIFEST } from './manifest.js';
import { OutputError, PARTIAL_MARKER, siblings } from './write-files.js';

/** A user error: the output folder is not srvsim's to write (exit 2). */
export class OutputChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputChoiceError';
  }
}

/** Another srvsim run holds the report folder (exit 3). */
export class OutputBusyError extends OutputError {
  constructor(message: string) {
    super(message);
    this.name = 'OutputBusyError';
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** The path with every existing part resolved through symlinks (the rest kept as written). */
function realish(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realish(parent), abs.slice(parent.length + 1));
  }
}

/** Whether `dir` is a folder holding srvsim's manifest (read at most 1 MB of it). */
export function isReportDir(dir: string): boolean {
  const path = join(dir, MANIFEST);
  try {
    const st = lstatSync(path);
    if (!st.isFile() || st.size > 1 << 20) return false;
    const m = JSON.parse(readFileSync(path, 'utf8')) as { tool?: { name?: unknown } } | null;
    return m !== null && typeof m === 'object' && m.tool?.name === 'srvsim';
  } catch {
    return false;
  }
}

/** Refuses a folder the command keeps (`what`, e.g. a sweep's job results) inside the report folder, which is replaced whole. */
export function checkOutsideReport(dir: string, path: string, what: string): void {
  if (inside(realish(path), realish(dir))) {
    throw new OutputChoiceError(`the ${what} ${path} may not lie inside the report folder ${dir}: the report folder is replaced whole when written`);
  }
}

/** Why `dir` may not be written, or null when it may (missing, empty, or an srvsim report). */
function refusal(dir: string, inputs: readonly string[]): string | null {
  const target = realish(dir);
  const cwd = realish(process.cwd());
  const fix = 'choose a new folder (or an empty one, or an earlier srvsim report) with --out';
  if (inside(cwd, target)) return `the report folder ${dir} is the current folder or holds it; ${fix}`;
  for (const input of inputs) {
    if (inside(realish(input), target)) return `the report folder ${target} contains the input ${input}; ${fix}`;
  }
  for (let up = dirname(target); ; up = dirname(up)) {
    if (isReportDir(up)) return `the report folder ${dir} lies inside the srvsim report ${up}, which is replaced whole when written; ${fix}`;
    if (dirname(up) === up) break;
  }
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(dir);
  } catch {
    return null; // missing: created
  }
  if (st.isSymbolicLink()) return `${dir} is a symbolic link; srvsim writes only real folders: give the folder's own path, or ${fix}`;
  if (!st.isDirectory()) return `${dir} exists and is not a folder (srvsim never replaces a file); ${fix}`;
  if (isReportDir(dir)) return null;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    return `${dir} cannot be read (${(err as Error).message}); ${fix}`;
  }
  if (entries.length === 0) return null;
  return `${dir} is a folder srvsim did not write (no srvsim ${MANIFEST}; it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, left untouched); ${fix}`;
}

/** Whether a process with this pid runs on this host (one of another user's counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** Takes `.DIR.lock`; a lock whose process is gone (on this host) is taken over. */
function takeLock(dir: string, lock: string): void {
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: `srvsim ${process.argv.slice(2).join(' ')}`.slice(0, 500) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeFileSync(fd, `${JSON.stringify(info)}\n`);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new OutputError(`cannot write the report: ${lock} cannot be created (${(err as Error).message})`, { cause: err });
      }
    }
    const holder = readLock(lock);
    if (holder && (holder.host !== hostname() || processAlive(holder.pid))) {
      throw new OutputBusyError(
        `the report folder ${dir} is being written by another srvsim run (pid ${holder.pid} on ${holder.host}, since ${holder.started}: ${holder.command}); wait for it, or choose another folder with --out (if no such run exists, remove ${lock})`,
      );
    }
    if (!holder) {
      // Unreadable: a claim still being written, or a foreign file. Never take it over blindly.
      const age = Date.now() - statSync(lock).mtimeMs;
      if (age < 10_000) throw new OutputBusyError(`the report folder ${dir} is being claimed by another srvsim run (${lock}); try again in a moment`);
    }
    rmSync(lock, { force: true });
  }
  throw new OutputBusyError(`the report folder ${dir} is being claimed by another srvsim run (${lock})`);
}

/** Puts an orphaned previous report back at DIR and removes what killed runs left beside it. */
function recover(dir: string): string[] {
  const { parent, leftover } = siblings(dir);
  const notes: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return notes;
  }
  const found = names.flatMap((name) => {
    const m = leftover.exec(name);
    return m ? [{ path: join(parent, name), kind: m[1] as 'tmp' | 'old' }] : [];
  });
  if (!existsSync(dir)) {
    const olds = found.filter((f) => f.kind === 'old' && isReportDir(f.path)).sort((a, b) => statSync(b.path).mtimeMs - statSync(a.path).mtimeMs);
    const back = olds[0];
    if (back) {
      renameSync(back.path, dir);
      notes.push(`put the previous report back at ${dir} (an earlier run was stopped while replacing it)`);
    }
  }
  for (const f of found) {
    if (!existsSync(f.path)) continue;
    const ours = f.kind === 'tmp' ? existsSync(join(f.path, PARTIAL_MARKER)) || isReportDir(f.path) : isReportDir(f.path);
    if (ours) {
      rmSync(f.path, { recursive: true, force: true });
      notes.push(`removed ${f.path}, left by an earlier run that was stopped`);
    }
  }
  return notes;
}

/** A report folder this process may write until `release()`. */
export interface ReportDirClaim {
  readonly dir: string;
  /** What was recovered or removed beside the folder when it was claimed. */
  readonly notes: readonly string[];
  release(): void;
}

/**
 * Checks that `dir` is srvsim's to write (see the file's header), that its parent can be written, and
 * takes the folder's lock, recovering what earlier killed runs left. Throws OutputChoiceError (exit 2),
 * OutputBusyError or OutputError (exit 3). Call before simulating; release when done (also released
 * when the process exits).
 */
export function claimReportDir(dir: string, inputs: readonly string[]): ReportDirClaim {
  const why = refusal(dir, inputs);
  if (why) throw new OutputChoiceError(why);
  const { parent, lock } = siblings(dir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (err) {
    const path = (err as { path?: string }).path ?? parent;
    throw new OutputError(`cannot write the report: ${path} is not writable (${(err as Error).message})`, { cause: err });
  }
  takeLock(dir, lock);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readLock(lock)?.pid === process.pid) unlinkSync(lock);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  try {
    // Checked again under the lock: another run may have written DIR meanwhile.
    const again = refusal(dir, inputs);
    if (again) throw new OutputChoiceError(again);
    return { dir, notes: recover(dir), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** Claims `dir` (see claimReportDir), reports what was recovered beside it, runs `work`, releases. */
export async function withReportDir<T>(dir: string, inputs: readonly string[], onNote: (note: string) => void, work: (claim: ReportDirClaim) => Promise<T>): Promise<T> {
  const claim = claimReportDir(dir, inputs);
  try {
    for (const note of claim.notes) onNote(note);
    return await work(claim);
  } finally {
    claim.release();
  }
}
