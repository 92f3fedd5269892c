/**
 * The pool's worker entry: a few lines of adapter over runReplication, which tests call in-process.
 * The result goes back as one transferred buffer.
 */
import { Piscina } from 'piscina';
import { KeyedRng } from '../engine/index.js';
import { chunkKeys } from '../workload/expand.js';
import { scheduleGroups } from '../workload/groups.js';
import { runReplication } from '../sim/run-replication.js';
import { injectFault } from './fault-injection.js';
import { packResult } from './pack.js';
import type { ExpandTask, ShardTask } from './shard.js';
import { type CompareTask, runCompareTask } from './compare-shard.js';

export default function runTask(task: ShardTask | ExpandTask | CompareTask): unknown {
  if (task.kind === 'compare') {
    injectFault(task.replication);
    return runCompareTask(task);
  }
  if (task.kind === 'expand') {
    const s = task.scenario;
    return Piscina.move(chunkKeys(s, scheduleGroups(s), new KeyedRng(task.seed, task.replication), task.from, task.to));
  }
  injectFault(task.replication);
  const port = task.port;
  const result = runReplication(
    task.scenario,
    {
      seed: task.seed,
      replication: task.replication,
      ...(port ? { onProgress: (simulatedS: number, events: number) => port.postMessage({ replication: task.replication, simulatedS, events }) } : {}),
    },
    task.activations,
  );
  port?.close();
  return Piscina.move(packResult(result));
}
