/**
 * The simulation's results as the layers above stats see them. report/ reads replications only
 * through this module and the stats functions (it imports nothing from sim/ or engine/): the types of
 * one replication's output, re-exported, so that a change in sim/ shows up here first.
 */
export type { CapacitySeries, ReplicationResult } from '../sim/run-replication.js';
