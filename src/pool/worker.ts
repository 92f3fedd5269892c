/**
 * The pool's worker entry: a few lines of adapter over runReplication, which tests call in-process.
 * The result goes back as one transferred buffer.
 */
import { Piscina } from 'piscina';
import { runReplication } from '../sim/run-replication.js';
import { injectFault } from './fault-injection.js';
import { packResult } from './pack.js';
import type { ShardTask } from './shard.js';
import { type CompareTask, runCompareTask } from './compare-shard.js';

export default function runTask(task: ShardTask | CompareTask): unknown {
  if (task.kind === 'compare') {
    injectFault(task.replication);
    return runCompareTask(task);
  }
  const port = task.port;
  try {
    injectFault(task.replication);
    const result = runReplication(task.scenario, {
      seed: task.seed,
      replication: task.replication,
      ...(port ? { onProgress: (simulatedS: number, events: number) => port.postMessage({ replication: task.replication, simulatedS, events }) } : {}),
    });
    return Piscina.move(packResult(result));
  } finally {
    // After the last progress message, and on every path: the main thread waits for this close to
    // know that all of the shard's progress has arrived.
    port?.close();
  }
}
