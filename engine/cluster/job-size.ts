// How much a queue job (engine/cluster/queue.ts), the model it names and its result may
// carry. A job is one replication: its model's key and a few settings, which BullMQ writes as
// one JSON text into a Redis hash field; the model, encoded (engine/cluster/wire.ts), is a
// Redis string of its own, stored once per run (engine/cluster/model-store.ts); a result (the
// replication's packed statistics, encoded) is written like a job, twice (the job's return
// value and the event that announces it). Redis refuses a string over 512 MB
// (proto-max-bulk-len), V8 a string over 2^29 - 24 characters: past them a client failed
// inside BullMQ, or a worker crashed decoding what it was handed. So a
// client refuses, before it stores or queues anything, a model, job or result that could pass
// the bound, and a worker refuses a model over its own bound before reading it (failing the
// job with a message, which the client reports) and a result over it, instead of sending it.
//
// Invariant: `jobBytes` is the UTF-8 length of the JSON BullMQ writes for the job (exact);
// `resultBytes` is an upper bound of the result's, whatever the simulated values and the
// worker's name.
import { MAX_JOB_BYTES } from './job-bound.js';
import { jsonTextBytes } from './shard-size.js';
import { encode } from './wire.js';
import { JOB_TOO_LARGE } from '../failure.js';
import { wholeNumber } from '../number-format.js';

const MiB = 2 ** 20;

export { MAX_JOB_BYTES };

/** What a result carries besides its statistics: the worker's name (host:pid) and its thread count, at most. */
const RESULT_FRAME = 1024;

/** A job or result over the bound: said, not a bug; the command exits 2. */
export class JobTooLarge extends Error {
  readonly code = JOB_TOO_LARGE;
}

/** The bytes of `JSON.stringify(data)` for a job, without building a JSON text of a long `model` (a key now; once the encoded model). */
export function jobBytes(data: { model: string }): number {
  return Buffer.byteLength(JSON.stringify({ ...data, model: '' })) - 2 + jsonTextBytes(data.model);
}

/** The most a result carrying `doubles` packed statistics can take: its statistics encoded, JSON-escaped, and the rest. */
export function resultBytes(doubles: number): number {
  const empty = encode(new Float64Array(0)); // {"~":"f64","v":""}: every character but the base64 is one that JSON escapes at most once
  return 2 * empty.length + 4 * Math.ceil((8 * doubles) / 3) + RESULT_FRAME;
}

/** A size for people: bytes under a MiB (a test's small bound), else MiB, rounded up. */
export function jobSize(bytes: number): string {
  return bytes < MiB ? `${wholeNumber(Math.ceil(bytes))} bytes` : `${wholeNumber(Math.ceil(bytes / MiB))} MiB`;
}

/** The bound and where it came from, for messages: the default and why, or the option as given. */
export function boundText(bound: number): string {
  return bound === MAX_JOB_BYTES
    ? `the ${jobSize(bound)} a queue job or its result may carry (Redis keeps a string of at most 512 MB, and BullMQ writes a job as one JSON text)`
    : `the ${bound / MiB} MiB a queue job or its result may carry here (--max-job-mib)`;
}
