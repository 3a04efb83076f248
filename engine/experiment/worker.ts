// The piscina worker: a task is one replication of one model, with its seed; the packed
// statistics go back moved, not copied. Models travel with their tasks (a few kilobytes),
// so one pool serves every experiment of a command, however many variants or candidates.
import { move } from 'piscina';
import type { Model } from '../model/model.js';
import { runReplication } from '../sim/replicate.js';
import { pack } from './packing.js';

export interface ReplicationTask {
  model: Model;
  replication: number;
  seed: number;
}

export default function runTask(task: ReplicationTask): unknown {
  return move(pack(runReplication(task.model, task.replication, task.seed)));
}
