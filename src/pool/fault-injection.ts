import { existsSync, writeFileSync } from 'node:fs';

/**
 * Test hook: SRVSIM_FAULT="<kind>:<replication>" makes that shard fail inside its worker, to prove
 * that a failing worker fails the run cleanly. kind: throw | exit | oom | flaky; `flaky:<r>:<file>`
 * fails only while <file> does not exist (and creates it): a transient fault, across processes.
 * Unset in normal use.
 */
export function injectFault(replication: number): void {
  const spec = process.env.SRVSIM_FAULT;
  if (!spec) return;
  const [kind, which, marker] = spec.split(':');
  if (Number(which) !== replication) return;
  if (kind === 'flaky' && marker && !existsSync(marker)) {
    writeFileSync(marker, 'failed once\n');
    throw new Error(`injected transient fault in replication ${replication}`);
  }
  if (kind === 'throw') throw new Error(`injected fault in replication ${replication}`);
  if (kind === 'exit') process.exit(7);
  if (kind === 'oom') {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1 << 20).fill(replication));
  }
}
