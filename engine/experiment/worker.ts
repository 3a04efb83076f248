// The piscina worker: a task is one replication of one model, with its seed; the packed
// statistics go back as one Float64Array. Models travel with their tasks (a few kilobytes),
// so one pool serves every experiment of a command, however many variants or candidates.
// The array is copied back, never moved with piscina's move() (hot path: CONTRIBUTING.md, rule 7).
import type { Model } from '../model/model.js';
import { fractionalSampler } from '../random/distributions.js';
import { runReplication } from '../sim/replicate.js';
import { pack } from './packing.js';
import { codeInText } from '../failure.js';

export interface ReplicationTask {
  model: Model;
  /** what the model is ('baseline', a variant's name), for messages */
  variant: string;
  replication: number;
  seed: number;
  /** cases in progress at once beyond which the replication stops (engine/sim/run-limits.ts); it changes no number of one that finishes */
  maxWip: number;
}

// Before the thread's first task is cloned into it: every sampler cloned after has one shape (fractionalSampler says why).
structuredClone(fractionalSampler());

export default function runTask(task: ReplicationTask): Float64Array {
  try {
    return pack(runReplication(task.model, task.replication, task.seed, task.maxWip));
  } catch (err) {
    // the main thread gets the error's message and stack only: a code (a stopped replication) goes in the message
    throw (err as { code?: unknown }).code === undefined ? err : new Error(codeInText(err));
  }
}
