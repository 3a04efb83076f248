// A queued run's models in Redis: each distinct model stored once, under a key named by the
// sha256 of its encoding (engine/cluster/wire.ts), which its jobs carry instead of the model.
// Before, every job carried its own copy (V variants x R replications of a 3.3 MB model:
// 200 jobs took 660 MB of Redis), and the client built every job's JSON of a batch at once.
//
// Invariants:
// - A key names one content: `etomsim:model:<version>:<sha256>`. Two runs of the same model
//   share it; a worker checks the sha256 of what it reads, so nothing else is ever simulated.
// - A model is held by the runs that stored it (a set of run ids beside it); a run ending
//   releases its models, and the last run to release one deletes it. Both keys expire after
//   MODEL_TTL_S, which a living client renews every MODEL_TTL_S / 4: a client killed without
//   releasing leaves them at most that long, and a long run never outlives them.
// - A worker keeps the few models it used last, decoded (MODEL_CACHE entries, least recently
//   used out first); a model missing from Redis fails the replication with MODEL_MISSING,
//   a message the client reports (exit 2), never a crash or a hang.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MODEL_MISSING } from '../failure.js';
import type { Model } from '../model/model.js';
import { decode } from './wire.js';

/**
 * How long a stored model outlives its last renewal (s). An hour: a client renews it every
 * 15 minutes while it runs (a Redis unreachable for 60 s fails the run first, see queue.ts),
 * and a client killed without releasing leaves its models in Redis for at most an hour.
 */
export const MODEL_TTL_S = 3600;

/** Decoded models a worker keeps: a run's variants are a few; each may take hundreds of MB. */
export const MODEL_CACHE = 4;

/** A model that is stored: its key, and the bytes it takes in Redis. */
export interface StoredModel {
  key: string;
  bytes: number;
}

export const modelKey = (version: string, sha: string) => `etomsim:model:${version}:${sha}`;
const holdersKey = (key: string) => `${key}:runs`;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A model the queue lost (expired, flushed, a Redis restarted without its data): said, exit 2. */
export class ModelMissing extends Error {
  readonly code = MODEL_MISSING;
}

/** Stores `encoded` under `key` for `run` (its content is the same whoever stored it first) and renews both keys. */
export async function storeModel(redis: Redis, key: string, encoded: string, run: string): Promise<void> {
  await redis
    .multi()
    .set(key, encoded, 'EX', MODEL_TTL_S, 'NX')
    .expire(key, MODEL_TTL_S)
    .sadd(holdersKey(key), run)
    .expire(holdersKey(key), MODEL_TTL_S)
    .exec();
}

/** Renews the expiry of a run's models (and re-adds the run as a holder: Redis may have been restarted). */
export async function renewModels(redis: Redis, keys: Iterable<string>, run: string): Promise<void> {
  const multi = redis.multi();
  for (const key of keys) multi.expire(key, MODEL_TTL_S).sadd(holdersKey(key), run).expire(holdersKey(key), MODEL_TTL_S);
  await multi.exec();
}

// One step, so that a run storing the model between another's SREM and DEL cannot lose it.
const RELEASE = `redis.call('SREM', KEYS[2], ARGV[1])
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[1], KEYS[2]) end
return 0`;

/** The run no longer holds these models; a model no other run holds is deleted. */
export async function releaseModels(redis: Redis, keys: Iterable<string>, run: string): Promise<void> {
  await Promise.all([...keys].map((key) => redis.eval(RELEASE, 2, key, holdersKey(key), run)));
}

/** A worker's models, decoded, by key: fetched once, the least recently used dropped past MODEL_CACHE. */
export class ModelCache {
  private readonly models = new Map<string, Promise<Model>>();

  constructor(
    private readonly redis: Redis,
    private readonly limit = MODEL_CACHE,
  ) {}

  /**
   * The model under `key`; `fits(bytes)` refuses it (throws) before it is read, by its size.
   * A model not in Redis is ModelMissing; one whose content is not its key's is refused too.
   */
  get(key: string, fits: (bytes: number) => void): Promise<Model> {
    let model = this.models.get(key);
    if (model) {
      this.models.delete(key); // to the end: the most recently used
      this.models.set(key, model);
      return model;
    }
    model = this.fetch(key, fits);
    this.models.set(key, model);
    // a failure is not kept: the next job asks Redis again
    model.catch(() => {
      if (this.models.get(key) === model) this.models.delete(key);
    });
    while (this.models.size > this.limit) this.models.delete(this.models.keys().next().value!);
    return model;
  }

  private async fetch(key: string, fits: (bytes: number) => void): Promise<Model> {
    const missing = () =>
      new ModelMissing(
        `its model (${key}) is no longer in Redis: it expired, or Redis was flushed or restarted without its data; run it again`,
      );
    const bytes = await this.redis.strlen(key);
    if (bytes === 0) throw missing();
    fits(bytes); // before it is read: a model of hundreds of MiB would take this process' memory
    const encoded = await this.redis.get(key);
    if (encoded === null) throw missing();
    if (`${key.slice(0, key.lastIndexOf(':') + 1)}${sha256(encoded)}` !== key)
      throw new Error(`a damaged model: ${key} holds another content`);
    return decode(encoded) as Model;
  }
}
