// Where replications run: in this thread (`workers: 1`) or on a piscina pool. Either way a
// batch of tasks comes back in task order, so the worker count never changes a number.
// A runner outlives one experiment: sizing evaluates batch after batch on the same warm pool.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import { metricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/recorder.js';
import { runReplication } from '../sim/replicate.js';
import { shapeOf, unpack } from './packing.js';
import type { ReplicationTask } from './worker.js';

export interface Runner {
  readonly workers: number;
  run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]>;
  close(): Promise<void>;
}

export function createRunner(workers: number): Runner {
  return workers <= 1 ? new InProcessRunner() : new PoolRunner(workers);
}

class InProcessRunner implements Runner {
  readonly workers = 1;

  async run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    const out: ReplicationStats[] = [];
    for (const t of tasks) {
      out.push(runReplication(t.model, t.replication, t.seed));
      onDone?.();
      await yieldToEventLoop(); // lets a progress line draw and Ctrl-C land between replications
    }
    return out;
  }

  async close(): Promise<void> {}
}

class PoolRunner implements Runner {
  private readonly pool: Piscina;
  private readonly shapes = new WeakMap<Model, ReturnType<typeof shapeOf>>();

  constructor(readonly workers: number) {
    if (workers >= availableParallelism()) compileOnWorkerThreads();
    this.pool = new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  }

  async run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    return Promise.all(
      tasks.map(async (t) => {
        const buffer = (await this.pool.run(t)) as Float64Array;
        onDone?.();
        return unpack(buffer, this.shapeOf(t.model));
      }),
    );
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private shapeOf(model: Model) {
    let shape = this.shapes.get(model);
    if (!shape) this.shapes.set(model, (shape = shapeOf(model, metricLayout(model))));
    return shape;
  }
}

/**
 * When the workers take every core, V8's background compiler can only run by taking time
 * from one of them, and meanwhile that worker runs its first replications in slow code.
 * Compiling on each worker's own thread wastes nothing: measured, 2 workers on 2 cores ran
 * 2 variants x 16 replications of M/M/5 in 2.32-2.44 s instead of 2.55-2.78 s. V8 reads the
 * flag when an isolate starts, so it must be set before the workers are; this thread keeps
 * the background compiler it started with.
 */
function compileOnWorkerThreads(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
