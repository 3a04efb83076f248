// Replications on a fleet: a Runner whose tasks go to a BullMQ queue on Redis, and the worker
// loop that serves that queue on any number of machines, each through its own piscina pool.
//
// Invariants:
// - A task's result is the packed statistics its replication gives anywhere (the model
//   travels exactly, see wire.ts), so a queued run is byte-identical to a local one.
// - Jobs are named `<run id>:<batch>:<task>`; a client takes results only for its own ids,
//   so results of an older or another run are ignored.
// - A job is tried once. A worker that dies holding it loses its lock, BullMQ's stalled-job
//   check puts the job back in the queue, and another worker runs it; a replication that
//   throws fails the run with the message it gives locally; when several throw, the first of
//   them in task order (engine/experiment/runner.ts), whichever ended first.
// - A client never waits for ever: a job Redis lost (restarted without persistence, flushed,
//   evicted) is queued again under its id, and a Redis that stays unreachable longer than
//   `unreachableMs` fails the run with a message (QUEUE_LOST), not a hang; a batch that failed
//   so queues none of its jobs once Redis is back.
// - A job carries its model's key, not the model: each distinct model is stored once in Redis,
//   content-addressed, released when the client closes, and cached by workers
//   (engine/cluster/model-store.ts); a batch stores again a model of an earlier one that Redis
//   no longer has, and a model missing there once its jobs are queued fails its replication, exit 2.
// - No model, job or result passes the bound of what one may carry (engine/cluster/job-size.ts):
//   the client refuses before storing or queueing anything, a worker before reading a model or
//   sending a result.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { codeFromText, codeInText, QUEUE_LOST, ReplicationFailed } from '../failure.js';
import { pack } from '../experiment/packing.js';
import { createRunner, inTaskOrder, type Runner } from '../experiment/runner.js';
import type { ReplicationTask } from '../experiment/worker.js';
import type { Model } from '../model/model.js';
import { metricLayout } from '../model/metrics.js';
import { packedLength, shapeOf, unpack } from '../experiment/packing.js';
import type { ReplicationStats } from '../sim/replication-summary.js';
import { connectRedis, parseRedisUrl, withTimeout, type RedisAddress } from './redis.js';
import { decode, encode } from './wire.js';
import { boundText, jobBytes, jobSize, JobTooLarge, MAX_JOB_BYTES, resultBytes } from './job-size.js';
import { MODEL_TTL_S, ModelCache, modelKey, releaseModels, renewModels, sha256, storeModel, type StoredModel } from './model-store.js';
import { counted } from '../plural.js';
import { groupThousands } from '../number-format.js';

/**
 * One queue per etomsim version: a worker left on another version after an upgrade serves
 * its own version's queue and never takes (and fails) this one's jobs.
 */
export const queueName = (version: string) => `etomsim-${version}`;
/** Set while a client's run is cancelled: workers skip its jobs that are still queued. */
const cancelledKey = (run: string) => `etomsim:cancelled:${run}`;

interface JobData {
  version: string;
  run: string;
  /** the Redis key of the model, encoded (engine/cluster/model-store.ts), which every job of it shares */
  model: string;
  variant: string;
  replication: number;
  seed: number;
  /** the client's work-in-progress cap, so that every worker stops a replication where a local run would */
  maxWip: number;
}

/** What a worker sends back: the packed statistics, and who ran them (for `engine.workers`). */
interface JobResult {
  stats: string; // encode(Float64Array)
  worker: string;
  threads: number;
}

export interface QueueRunnerOptions {
  version: string;
  /** how long to wait before asking Redis about jobs whose events have not come (ms) */
  pollMs?: number;
  /** how long Redis may stay unreachable before the run fails (ms); default 60 s, longer than a restart */
  unreachableMs?: number;
  /** the most a job or its result may carry (bytes); default and most MAX_JOB_BYTES */
  maxJobBytes?: number;
}

/** The queue's Redis stopped answering mid-run; the message says for how long and what to do. */
export class QueueLost extends Error {
  readonly code = QUEUE_LOST;
}

/** A Runner that sends its tasks to the queue at `url`; Redis is checked before this returns. */
export async function createQueueRunner(url: string, options: QueueRunnerOptions): Promise<Runner> {
  const address = parseRedisUrl(url);
  const connection = await connectRedis(address);
  // BullMQ loads once Redis has answered (engine/cluster/redis.ts), as ioredis does (in the bundle with it: one script)
  const bullmq = await import('bullmq');
  return new QueueRunner(bullmq, connection, address, options);
}

class QueueRunner implements Runner {
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  /** BullMQ leaves the connections it is given open: these are closed here */
  private readonly eventsConnection: Redis;
  private readonly run_ = randomUUID();
  private batch = 0;
  /** each model's key, once weighed: its model and results are known to fit the bound */
  private readonly models = new WeakMap<Model, StoredModel>();
  /** encodings weighed and not yet stored: dropped once stored, so the client does not hold them */
  private readonly toStore = new Map<Model, string>();
  /** the keys of the models this run stored: renewed while it runs, released when it closes */
  private readonly stored = new Set<string>();
  private renewal: NodeJS.Timeout | null = null;
  private readonly shapes = new WeakMap<Model, ReturnType<typeof shapeOf>>();
  /** workers that returned results, with their thread counts */
  private readonly fleet = new Map<string, number>();
  /** job ids still awaited, over every run() under way */
  private readonly outstanding = new Map<string, Outstanding>();
  private readonly ready: Promise<unknown>;
  private closed = false;
  /** when the connection to Redis was lost (ms since the epoch), null while it answers */
  private downSince: number | null = null;
  private lastError = '';
  /** a poll under way: the next one waits its turn rather than asking the same again at once */
  private polling = false;

  constructor(
    { Queue, QueueEvents }: typeof import('bullmq'),
    private readonly connection: Redis,
    private readonly address: RedisAddress,
    private readonly options: QueueRunnerOptions,
  ) {
    this.queue = new Queue(queueName(options.version), { connection });
    this.eventsConnection = connection.duplicate();
    // ioredis reconnects by itself; without listeners BullMQ and ioredis print each failed attempt's stack
    this.queue.on('error', () => {});
    this.eventsConnection.on('error', () => {});
    connection.on('error', (err: Error) => (this.lastError = err.message));
    connection.on('close', () => (this.downSince ??= Date.now()));
    connection.on('ready', () => (this.downSince = null));
    this.events = new QueueEvents(queueName(options.version), { connection: this.eventsConnection });
    this.events.on('completed', ({ jobId, returnvalue }) => this.outstanding.get(jobId)?.complete(returnvalue));
    this.events.on('failed', ({ jobId, failedReason }) => this.outstanding.get(jobId)?.fail(failedReason));
    this.events.on('error', () => {}); // reconnects by itself; a lost event is caught by the poll
    this.ready = this.events.waitUntilReady(); // events are read from the moment of subscribing: before any job is added
  }

  /** The threads of every worker that returned a result so far (at least 1). */
  get workers(): number {
    let n = 0;
    for (const threads of this.fleet.values()) n += threads;
    return Math.max(1, n);
  }

  async run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    for (const task of tasks) this.checkSize(task); // before anything is queued
    const batch = this.batch++;
    const jobs = tasks.map((t, i) => ({ id: `${this.run_}:${batch}:${i}`, task: t }));
    const results = jobs.map(
      ({ id, task }) =>
        new Promise<ReplicationStats>((resolve, reject) => {
          this.outstanding.set(id, {
            complete: (value) => {
              this.outstanding.delete(id);
              try {
                resolve(this.resultOf(task, value));
                onDone?.();
              } catch (err) {
                reject(new ReplicationFailed(task, err));
              }
            },
            fail: (reason) => {
              this.outstanding.delete(id);
              reject(new ReplicationFailed(task, codeFromText(reason))); // the message as a local run gives it, and its code
            },
            lose: (err) => {
              this.outstanding.delete(id);
              reject(err);
            },
            task,
          });
        }),
    );
    // Polled from now: a Redis lost while the models are stored or the jobs added must not hold the run for ever
    // either (a batch of new models, as `size`'s next candidate, waited for ever on a Redis gone since the last batch,
    // session 62). Jobs are looked for, and queued again if lost, only once their models are stored.
    let stored = false;
    // A batch that has ended (the queue lost while its models were stored) queues nothing: the Redis that comes back
    // gets the models ioredis held for it, and its jobs followed them, a run nobody waits for (until session 63)
    let ended = false;
    const ids = jobs.map((j) => j.id);
    const poll = setInterval(() => void this.pollMissed(ids, stored), this.options.pollMs ?? 5000);
    try {
      const inOrder = inTaskOrder(results); // a failed replication fails the run: the first in task order, as locally
      const queued = async () => {
        await this.ready;
        await this.storeModels(tasks);
        stored = true;
        if (!ended && !this.closed) await this.queue.addBulk(jobs.map(({ id, task }) => this.job(id, task)));
      };
      await Promise.race([queued(), inOrder]);
      return await inOrder;
    } finally {
      ended = true;
      clearInterval(poll);
      for (const { id } of jobs) this.outstanding.delete(id);
    }
  }

  /** Stops this client's work: its queued jobs are removed, and workers skip any they already hold. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      // a Redis that does not answer cannot be told; its commands would wait for it for ever
      if (this.connection.status === 'ready') {
        await withTimeout(
          (async () => {
            await this.connection.set(cancelledKey(this.run_), '1', 'EX', 24 * 3600);
            await Promise.all([...this.outstanding.keys()].map((id) => this.queue.remove(id).catch(() => 0)));
            await releaseModels(this.connection, this.stored, this.run_); // after its jobs: workers skip them now
          })(),
          5000,
        ).catch(() => {});
      }
    } finally {
      if (this.renewal) clearInterval(this.renewal);
      this.outstanding.clear();
      const down = this.connection.status !== 'ready';
      // BullMQ's close waits for its connections to be ready first: for ever, if Redis is gone
      const closing = Promise.allSettled([this.events.close(), this.queue.close()]);
      if (!down) await withTimeout(closing, 5000).catch(() => {});
      this.eventsConnection.disconnect();
      this.connection.disconnect();
    }
  }

  private job(id: string, task: ReplicationTask) {
    return {
      name: 'replication',
      data: this.jobData(task),
      // one try: a deterministic failure fails the run; a dead worker's job comes back through the stalled check
      opts: { jobId: id, attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
    };
  }

  /**
   * Refuses a task whose model, job or result could carry more than the bound
   * (engine/cluster/job-size.ts); each model is weighed once, and its encoding kept until stored.
   */
  private checkSize(task: ReplicationTask): void {
    if (this.models.has(task.model)) return;
    const bound = this.options.maxJobBytes ?? MAX_JOB_BYTES;
    const refuse = (what: string) => {
      throw new JobTooLarge(
        `--queue: ${what}, more than ${boundText(bound)}; a job carries one replication, so not even one fits: ` +
          "run it without --queue (on this machine's threads, or as shards: --shard I/N)",
      );
    };
    let encoded = '';
    try {
      encoded = encode(task.model);
    } catch (err) {
      if (err instanceof RangeError) refuse(`the model of ${task.variant}, encoded, would be longer than V8's longest string`);
      throw err;
    }
    const bytes = Buffer.byteLength(encoded);
    if (bytes > bound)
      refuse(`the model of ${task.variant} would take ${jobSize(bytes)} (compiled and encoded, stored once in Redis for its jobs)`);
    const stored = { key: modelKey(this.options.version, sha256(encoded)), bytes };
    const job = jobBytes(this.jobData(task, stored.key));
    if (job > bound) refuse(`a job of ${task.variant} would carry ${jobSize(job)}`);
    const result = resultBytes(packedLength(this.shapeOf(task.model)));
    if (result > bound) refuse(`a replication of ${task.variant} would send back up to ${jobSize(result)} of statistics`);
    this.models.set(task.model, stored);
    this.toStore.set(task.model, encoded);
  }

  /**
   * Stores the models weighed since the last batch, once each, before any job that names them is
   * added; and again those of `tasks` an earlier batch stored that Redis no longer has (a Redis
   * restarted without its data between two rounds of --precision, which reuse their models: a
   * worker that had not cached one failed its replications, MODEL_MISSING, until session 63).
   */
  private async storeModels(tasks: readonly ReplicationTask[]): Promise<void> {
    const earlier = [...new Set(tasks.map((t) => t.model).filter((m) => !this.toStore.has(m)))];
    const kept = await Promise.all(earlier.map((model) => this.connection.exists(this.models.get(model)!.key)));
    earlier.forEach((model, i) => {
      if (kept[i] === 0) this.toStore.set(model, encode(model));
    });
    for (const [model, encoded] of this.toStore) {
      // closed (Ctrl-C) while storing: nothing more is stored. A key is held before it is sent, so that close()'s
      // release, sent after it on the one connection, covers it: held after it was stored, the model close() had
      // raced past stayed in Redis for MODEL_TTL_S, as did the ones stored after close() (until session 63)
      if (this.closed) return;
      const { key } = this.models.get(model)!;
      this.stored.add(key);
      await storeModel(this.connection, key, encoded, this.run_);
      this.toStore.delete(model);
    }
    if (this.closed) return;
    // renewed while the client lives, so that a long run never outlives its models (model-store.ts)
    this.renewal ??= setInterval(
      () => void renewModels(this.connection, this.stored, this.run_).catch(() => {}),
      (MODEL_TTL_S * 1000) / 4,
    ).unref();
  }

  private shapeOf(model: Model): ReturnType<typeof shapeOf> {
    let shape = this.shapes.get(model);
    if (!shape) this.shapes.set(model, (shape = shapeOf(model, metricLayout(model))));
    return shape;
  }

  private jobData(task: ReplicationTask, key = this.models.get(task.model)!.key): JobData {
    return {
      version: this.options.version,
      run: this.run_,
      model: key,
      variant: task.variant,
      replication: task.replication,
      seed: task.seed,
      maxWip: task.maxWip,
    };
  }

  private resultOf(task: ReplicationTask, value: unknown): ReplicationStats {
    const result = value as JobResult;
    this.fleet.set(result.worker, result.threads);
    if (typeof result.stats !== 'string') throw new Error('a worker sent back something other than statistics');
    const bound = this.options.maxJobBytes ?? MAX_JOB_BYTES;
    const bytes = Buffer.byteLength(result.stats);
    if (bytes > bound)
      throw new JobTooLarge(`worker ${result.worker} sent back ${jobSize(bytes)} of statistics, more than ${boundText(bound)}`);
    const stats = decode(result.stats);
    if (!(stats instanceof Float64Array)) throw new Error('a worker sent back something other than statistics');
    return unpack(stats, this.shapeOf(task.model));
  }

  /**
   * Events are not stored for ever in Redis' stream: ask after jobs whose end was not heard.
   * A job Redis no longer has is queued again (a replication gives the same result wherever
   * and however often it runs); a Redis unreachable past the bound fails the run. Before the
   * batch's models are stored (`queued` false) only that bound is watched: a job is not queued
   * again before the model it names is in Redis.
   */
  private async pollMissed(ids: string[], queued: boolean): Promise<void> {
    if (this.closed) return; // close() removes the queued jobs: they are not lost
    if (this.downSince !== null) {
      const unreachableMs = this.options.unreachableMs ?? 60_000;
      if (Date.now() - this.downSince < unreachableMs) return;
      const lost = new QueueLost(
        `lost the queue at ${this.address.shown}: no answer for ${groupThousands(String(unreachableMs / 1000))} s` +
          `${this.lastError ? ` (${this.lastError})` : ''}; nothing is written: run again once Redis is back`,
      );
      for (const id of ids) this.outstanding.get(id)?.lose(lost);
      return;
    }
    if (this.polling || !queued) return;
    this.polling = true;
    try {
      for (const id of ids) {
        const waiting = this.outstanding.get(id);
        if (!waiting) continue;
        const job = await this.queue.getJob(id).catch(() => null);
        if (job === null || this.closed || !this.outstanding.has(id)) continue; // null: Redis did not answer
        if (job === undefined) {
          // Redis lost the job, and then likely its model too (a restart without its data): stored again first
          const { key } = this.models.get(waiting.task.model)!;
          if ((await this.connection.exists(key).catch(() => 1)) === 0)
            await storeModel(this.connection, key, encode(waiting.task.model), this.run_).catch(() => null);
          const { name, data, opts } = this.job(id, waiting.task);
          await this.queue.add(name, data, opts).catch(() => null); // an id Redis has again by now is left as it is
        } else if (job.finishedOn && job.failedReason) waiting.fail(job.failedReason);
        else if (job.finishedOn && job.returnvalue !== undefined && job.returnvalue !== null) waiting.complete(job.returnvalue);
      }
    } finally {
      this.polling = false;
    }
  }
}

interface Outstanding {
  task: ReplicationTask;
  complete(value: unknown): void;
  fail(reason: string): void;
  /** the queue itself failed: the run stops with this error as it is */
  lose(err: Error): void;
}

export interface ServeOptions {
  version: string;
  /** simulation threads on this machine (the piscina pool's size) */
  threads: number;
  /** how long a worker holds a job without renewing its lock before others take it back (ms) */
  lockMs?: number;
  /** the most a job this worker takes, or a result it sends back, may carry (bytes); default and most MAX_JOB_BYTES */
  maxJobBytes?: number;
  onLog?: (line: string) => void;
}

export interface QueueWorker {
  readonly address: RedisAddress;
  /** finishes the jobs under way, then stops */
  close(): Promise<void>;
}

/** Serve the queue at `url` until closed: each job is one replication, run on a local pool. */
export async function serveQueue(url: string, options: ServeOptions): Promise<QueueWorker> {
  const address = parseRedisUrl(url);
  const connection = await connectRedis(address);
  const { Worker } = await import('bullmq');
  // Always off this thread, even with one thread: BullMQ renews the job's lock from here. Every
  // thread from the start: each job is a batch of one task, and as many run at once as threads.
  const runner = createRunner(options.threads, undefined, { offThread: true, allThreads: true });
  const id = `${hostname()}:${process.pid}`;
  const log = options.onLog ?? (() => {});
  const lockDuration = options.lockMs ?? 30_000;
  const bound = options.maxJobBytes ?? MAX_JOB_BYTES;
  const workerConnection = connection.duplicate(); // BullMQ leaves the connections it is given open: closed below
  const models = new ModelCache(connection);
  const worker = new Worker<JobData, JobResult | { cancelled: true }>(
    queueName(options.version),
    async (job: Job<JobData>) => {
      const data = job.data;
      if (data.version !== options.version) {
        throw new Error(
          `this worker runs etomsim ${options.version}, the run was started by etomsim ${data.version}: run workers of the same version`,
        );
      }
      if ((await connection.exists(cancelledKey(data.run))) === 1) return { cancelled: true };
      if (typeof data.model !== 'string' || !data.model.startsWith(modelKey(options.version, '')))
        throw new Error('a damaged job: it names no model');
      const carried = jobBytes(data);
      if (carried > bound)
        throw new Error(
          codeInText(new JobTooLarge(`its job carries ${jobSize(carried)}, more than worker ${id} takes, ${boundText(bound)}`)),
        );
      const model = await models
        .get(data.model, (bytes) => {
          if (bytes > bound) {
            throw new JobTooLarge(
              `its model takes ${jobSize(bytes)} (compiled and encoded), more than worker ${id} takes, ${boundText(bound)}; ` +
                'run it without --queue, or give the workers a larger --max-job-mib',
            );
          }
        })
        .catch((err: unknown) => {
          throw new Error(codeInText(err)); // its code, in the only part of an error BullMQ keeps
        });
      const [stats] = await runner
        .run([{ model, variant: data.variant, replication: data.replication, seed: data.seed, maxWip: data.maxWip }])
        .catch((err: unknown) => {
          throw rootCause(err); // the client wraps it as a local run does: same message
        });
      const result = { stats: encode(pack(stats)), worker: id, threads: runner.workers };
      const sent = Buffer.byteLength(JSON.stringify(result));
      if (sent > bound) {
        throw new Error(
          codeInText(new JobTooLarge(`its statistics take ${jobSize(sent)}, more than worker ${id} sends back, ${boundText(bound)}`)),
        );
      }
      return result;
    },
    {
      connection: workerConnection,
      concurrency: runner.workers,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 2,
    },
  );
  // A Redis that goes away is said once, and once again when it is back, not at every reconnect attempt.
  let lost = false;
  workerConnection.on('error', () => {});
  workerConnection.on('ready', () => {
    if (lost) log(`the queue at ${address.shown} answers again`);
    lost = false;
  });
  worker.on('error', (err) => {
    if (workerConnection.status === 'ready') log(`queue error: ${err.message}`);
    else if (!lost) {
      lost = true;
      log(`lost the queue at ${address.shown} (${err.message}): trying again until it answers`);
    }
  });
  await worker.waitUntilReady();
  log(
    `etomsim worker ${id}: serving queue ${queueName(options.version)} at ${address.shown} with ${counted(runner.workers, 'simulation thread')}`,
  );
  return {
    address,
    async close() {
      // Redis gone: the replications under way could not hand in their results, and BullMQ's
      // graceful close would wait for it for ever; they are taken back by the stalled check.
      if (workerConnection.status === 'ready') await worker.close();
      else void worker.close(true).catch(() => {});
      await runner.close();
      workerConnection.disconnect();
      connection.disconnect();
    },
  };
}

/**
 * The error a worker reports for a failed replication: its root cause, with the cause's code
 * (a worker out of memory, a replication stopped, are told apart from a bug) carried in the
 * text, the only thing BullMQ keeps of an error.
 */
function rootCause(err: unknown): Error {
  let e = err;
  while (e instanceof ReplicationFailed && e.cause !== undefined) e = e.cause;
  return new Error(codeInText(e));
}
