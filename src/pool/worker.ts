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
  injectFault(task.replication);
  const port = task.port;
  const result = runReplication(task.scenario, {
    seed: task.seed,
    replication: task.replication,
    ...(port ? { onProgress: (simulatedS: number, events: number) => port.postMessage({ replication: task.replication, simulatedS, events }) } : {}),
  });
  port?.close();
  return Piscina.move(packResult(result));
}
