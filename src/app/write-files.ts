/**
 * Writing a report folder so that it is either complete or absent: files go to a temporary sibling
 * folder, are flushed, and the folder is renamed into place in one step.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReportFile } from './run-scenario.js';

export class OutputError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'OutputError';
  }
}

export function writeReportDir(dir: string, files: readonly ReportFile[]): void {
  const parent = dirname(dir);
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const f of files) {
      const path = join(tmp, f.path);
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'w');
      try {
        writeSync(fd, f.contents);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const path = (err as { path?: string }).path ?? dir;
    throw new OutputError(`cannot write the report to ${path}: ${(err as Error).message}`, { cause: err });
  }
}
