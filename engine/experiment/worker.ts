// The piscina worker: every variant's model arrives once, in workerData; a task names a
// variant and a replication and gets back the packed statistics, moved without a copy.
import { move } from 'piscina';
import { workerData } from 'node:worker_threads';
import type { Model } from '../model/model.js';
import { runReplication } from '../sim/replicate.js';
import { pack } from './packing.js';

export interface WorkerTask {
  variant: number;
  replication: number;
}

export interface WorkerData {
  models: Model[];
  seed: number;
}

const data = workerData as WorkerData;

export default function runTask(task: WorkerTask): unknown {
  const stats = runReplication(data.models[task.variant], task.replication, data.seed);
  return move(pack(stats));
}
