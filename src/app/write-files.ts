/**
 * Writing a report folder so that it is either complete or absent: files go to a temporary sibling
 * folder, are flushed, and the folder is renamed into place in one step.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import type { ReportFile } from './run-scenario.js';

/** Test hook: SRVSIM_FAULT_WRITE="enospc:<file in the report>" fails that write as a full disk would. */
function injectWriteFault(name: string, path: string): void {
  const spec = process.env.SRVSIM_FAULT_WRITE;
  if (spec === `enospc:${name}`) {
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', path });
  }
}

export class OutputError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'OutputError';
  }
}

/**
 * Writes `files`, then `last` (the manifest) after every other file is on disk, then renames the
 * folder into place; on any error the temporary folder is removed and the target is untouched.
 */
export function writeReportDir(dir: string, files: readonly ReportFile[], last?: ReportFile): void {
  for (const f of last ? [...files, last] : files) {
    // Names can carry model-supplied text (capacity ids in chart names): never let one leave the folder.
    if (isAbsolute(f.path) || normalize(f.path).split(/[\\/]/).includes('..') || f.path.includes('\0')) {
      throw new OutputError(`refusing to write ${JSON.stringify(f.path)}: outside the report folder ${dir}`);
    }
  }
  const parent = dirname(dir);
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const f of last ? [...files, last] : files) {
      const path = join(tmp, f.path);
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'w');
      try {
        injectWriteFault(f.path, path);
        writeFileSync(fd, f.contents);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    // Swap in one rename; an earlier report at the same place is kept until the new one is in place.
    const old = existsSync(dir) ? join(parent, `.${basename(dir)}.old-${process.pid}`) : null;
    if (old) renameSync(dir, old);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (old) renameSync(old, dir);
      throw err;
    }
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const path = (err as { path?: string }).path ?? dir;
    throw new OutputError(`cannot write the report to ${path}: ${(err as Error).message}`, { cause: err });
  }
}
