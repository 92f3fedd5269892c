/**
 * Writing a report folder so that it is either complete or absent: files go to a temporary sibling
 * folder (marked partial until the last file is in), are flushed, and the folder is swapped into
 * place. Between files the event loop turns, so an interruption is seen within one file's write;
 * once interrupted nothing is swapped in.
 */
import { closeSync, constants as fsConstants, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import type { ReportFile } from '../report/index-files.js';

/**
 * Test hook: SRVSIM_FAULT_WRITE="enospc:<file in the report>" fails that write as a full disk would;
 * "stall:<file>" holds that write for a minute (or until `signal` aborts), to interrupt a run there.
 */
async function injectWriteFault(name: string, path: string, signal: AbortSignal | undefined): Promise<void> {
  const spec = process.env.SRVSIM_FAULT_WRITE;
  if (spec === `enospc:${name}`) {
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', path });
  }
  if (spec === `stall:${name}`) {
    await sleep(60_000, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}

export class OutputError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'OutputError';
  }
}

/** The command was interrupted (SIGINT / SIGTERM) before its report was swapped in. */
export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** Flushes a folder's entry list (the renames in it) to disk; not every file system allows it. */
function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, fsConstants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Writes `path` whole or not at all: a temporary sibling `.NAME.PID.tmp` is written, flushed to disk
 * and renamed over `path`, then the folder is flushed. On any failure (a full disk, a rename refused)
 * the temporary file is removed and the error rethrown; `path` keeps what it had.
 */
export function writeFileAtomic(path: string, contents: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeFileSync(fd, contents); // every byte, or an error
    fsyncSync(fd); // on disk before it is named: a crash leaves the whole file or none
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing
      }
    }
    rmSync(tmp, { force: true });
    throw err;
  }
  syncDir(dir);
}

/** The file a report folder being written holds until every file is in it. */
export const PARTIAL_MARKER = '.srvsim-partial';

/** Names srvsim keeps beside a report folder DIR: its claim, the new report being written, the previous one during the swap. */
export const siblings = (dir: string) => {
  const parent = dirname(dir);
  const name = basename(dir);
  return {
    parent,
    lock: join(parent, `.${name}.lock`),
    tmp: (pid: number) => join(parent, `.${name}.tmp-${pid}`),
    old: (pid: number) => join(parent, `.${name}.old-${pid}`),
    leftover: new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)$`),
  };
};

function checkNames(dir: string, files: readonly ReportFile[]): void {
  for (const f of files) {
    // Names can carry model-supplied text (capacity ids in chart names): never let one leave the folder.
    if (isAbsolute(f.path) || normalize(f.path).split(/[\\/]/).includes('..') || f.path.includes('\0')) {
      throw new OutputError(`refusing to write ${JSON.stringify(f.path)}: outside the report folder ${dir}`);
    }
  }
}

interface Claimed {
  readonly dir: string;
}

/**
 * Writes `files`, then `last` (the manifest) after every other file is on disk, into `.DIR.tmp-PID`,
 * then swaps it into place at `claim.dir` (claimed with claimReportDir). On any error or an aborted
 * `signal` the temporary folder is removed and DIR is untouched.
 *
 * The swap: a missing or empty DIR is replaced by one rename; an earlier report is first renamed to
 * `.DIR.old-PID` and removed after the new one is in place. The two renames are synchronous, so a
 * SIGINT / SIGTERM is handled only after both; a harder kill between them leaves the previous report
 * at `.DIR.old-PID`, which the next run into DIR puts back.
 */
export async function writeReportDir(claim: Claimed, files: readonly ReportFile[], last?: ReportFile, signal?: AbortSignal): Promise<void> {
  const { dir } = claim;
  const all = last ? [...files, last] : files;
  checkNames(dir, all);
  const { parent, tmp: tmpOf, old: oldOf } = siblings(dir);
  const tmp = tmpOf(process.pid);
  const stop = () => {
    if (signal?.aborted) throw new InterruptedError(`interrupted: the report ${dir} was not replaced`);
  };
  try {
    stop();
    mkdirSync(parent, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeFileSync(join(tmp, PARTIAL_MARKER), `${process.pid}\n`);
    for (const f of all) {
      const path = join(tmp, f.path);
      mkdirSync(dirname(path), { recursive: true });
      const fh = await open(path, 'w');
      try {
        await injectWriteFault(f.path, path, signal);
        stop();
        await fh.writeFile(f.contents);
        await fh.sync();
      } finally {
        await fh.close();
      }
      stop();
    }
    unlinkSync(join(tmp, PARTIAL_MARKER));
    syncDir(tmp);
    stop();
    // From here to the end: synchronous, so no signal handler runs in between.
    let old: string | null = null;
    try {
      renameSync(tmp, dir); // a missing or empty folder
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      old = oldOf(process.pid);
      rmSync(old, { recursive: true, force: true });
      renameSync(dir, old);
      try {
        renameSync(tmp, dir);
      } catch (again) {
        renameSync(old, dir);
        throw again;
      }
    }
    syncDir(parent);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof InterruptedError || err instanceof OutputError) throw err;
    const path = (err as { path?: string }).path ?? dir;
    throw new OutputError(`cannot write the report to ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Writes one file srvsim owns outside a report folder (e.g. `check --junit FILE`): refused when a file
 * is there that `isOurs` does not recognise; written to a temporary sibling and renamed into place.
 */
export function writeOwnedFile(path: string, contents: string, isOurs: (existing: string) => boolean, what: string): void {
  checkOwnedFile(path, isOurs, what);
  try {
    writeFileAtomic(path, contents);
  } catch (err) {
    throw new OutputError(`${what} ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Refuses (OutputOwnershipError, exit 2) a path that holds something `isOurs` does not recognise; a missing path is fine. */
export function checkOwnedFile(path: string, isOurs: (existing: string) => boolean, what: string): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new OutputOwnershipError(`${what} ${path} exists and is not a regular file: refusing to replace it; choose another path`);
  if (st) {
    let existing: string;
    try {
      existing = readHead(path);
    } catch (err) {
      throw new OutputError(`${what} ${path}: cannot be read (${(err as Error).message})`, { cause: err });
    }
    if (!isOurs(existing)) throw new OutputOwnershipError(`${what} ${path} exists and was not written by srvsim: refusing to replace it; choose another path`);
  }
}

/** A user error: the path holds a file that srvsim did not write (exit 2). */
export class OutputOwnershipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputOwnershipError';
  }
}

function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
