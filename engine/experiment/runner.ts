// Where replications run: in this thread (`workers: 1`) or on a piscina pool. Either way a
// batch of tasks comes back in task order, so the worker count never changes a number.
import { Piscina } from 'piscina';
import { metricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/recorder.js';
import { runReplication } from '../sim/replicate.js';
import { shapeOf, unpack } from './packing.js';
import type { WorkerData, WorkerTask } from './worker.js';

export interface Runner {
  readonly workers: number;
  run(tasks: readonly WorkerTask[], onDone?: () => void): Promise<ReplicationStats[]>;
  close(): Promise<void>;
}

export function createRunner(models: Model[], seed: number, workers: number): Runner {
  return workers <= 1 ? new InProcessRunner(models, seed) : new PoolRunner(models, seed, workers);
}

class InProcessRunner implements Runner {
  readonly workers = 1;
  constructor(
    private readonly models: Model[],
    private readonly seed: number,
  ) {}

  async run(tasks: readonly WorkerTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    const out: ReplicationStats[] = [];
    for (const t of tasks) {
      out.push(runReplication(this.models[t.variant], t.replication, this.seed));
      onDone?.();
      await yieldToEventLoop(); // lets a progress line draw and Ctrl-C land between replications
    }
    return out;
  }

  async close(): Promise<void> {}
}

class PoolRunner implements Runner {
  private readonly pool: Piscina;
  private readonly shapes: ReturnType<typeof shapeOf>[];

  constructor(
    models: Model[],
    seed: number,
    readonly workers: number,
  ) {
    const workerData: WorkerData = { models, seed };
    this.pool = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      workerData,
    });
    this.shapes = models.map((m) => shapeOf(m, metricLayout(m)));
  }

  async run(tasks: readonly WorkerTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    return Promise.all(
      tasks.map(async (t) => {
        const buffer = (await this.pool.run(t)) as Float64Array;
        onDone?.();
        return unpack(buffer, this.shapes[t.variant]);
      }),
    );
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
