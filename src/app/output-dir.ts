/** Checks on a report folder made before any simulating starts, so a run never fails at the end. */
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OutputError } from './write-files.js';

/** A user error: the output folder would mix with or replace the model's own files. */
export class OutputChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputChoiceError';
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

/** Refuses a folder the command keeps (`what`, e.g. a sweep's job results) inside the report folder, which is replaced whole. */
export function checkOutsideReport(dir: string, path: string, what: string): void {
  if (inside(realish(path), realish(dir))) {
    throw new OutputChoiceError(`the ${what} ${path} may not lie inside the report folder ${dir}: the report folder is replaced whole when written`);
  }
}

/**
 * Refuses a report folder that holds any input file (the run would replace it), and one whose
 * parent cannot be written (probed by creating and removing a file there).
 */
export function checkOutputDir(dir: string, inputs: readonly string[]): void {
  const target = realish(dir);
  for (const input of inputs) {
    if (inside(realish(input), target)) {
      throw new OutputChoiceError(`the report folder ${target} contains the input ${input}; choose a folder of its own with --out`);
    }
  }
  const parent = dirname(target);
  const probe = join(parent, `.srvsim-probe-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const path = (err as { path?: string }).path ?? parent;
    throw new OutputError(`cannot write the report: ${path} is not writable (${(err as Error).message})`, { cause: err });
  }
}
