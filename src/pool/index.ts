/** pool/: replications on worker threads (piscina), merged in shard order. Imports sim/ and model/ only. */
export { createShardPool, runCompareTasksPooled, runShard, runShardsPooled, type PoolOptions } from './run-pool.js';
export { SimulationError, type ShardProgress, type ShardTask } from './shard.js';
export { ShardPool, TaskAbortedError } from './shard-pool.js';
export { packResult, unpackResult } from './pack.js';
export { type CompareItem, type CompareTask, runCompareTask } from './compare-shard.js';
