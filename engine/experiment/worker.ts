// The piscina worker: a task is one replication of one model, with its seed; the packed
// statistics go back as one Float64Array. Models travel with their tasks (a few kilobytes),
// so one pool serves every experiment of a command, however many variants or candidates.
//
// The array is copied back, not moved with piscina's move(). Transferring detaches the
// worker's ArrayBuffer, and the first detach in an isolate makes V8 guard every typed-array
// access in optimised code from then on: measured, the worker's later replications of
// M/M/5 ran 15-20% slower (about 162 ms against 140 ms each), while copying the ~100 KB
// of a result costs microseconds.
import type { Model } from '../model/model.js';
import { runReplication } from '../sim/replicate.js';
import { pack } from './packing.js';

export interface ReplicationTask {
  model: Model;
  /** what the model is ('baseline', a variant's name), for messages */
  variant: string;
  replication: number;
  seed: number;
}

export default function runTask(task: ReplicationTask): Float64Array {
  return pack(runReplication(task.model, task.replication, task.seed));
}
