// The parts of BullMQ and ioredis that the queue uses (engine/cluster/queue.ts: Queue,
// QueueEvents, Worker; engine/cluster/redis.ts: Redis), as one CommonJS module: the entry of
// dist/cli/queue.cjs, which tools/bundle.mjs bundles from it with what it requires and
// bin/load-cli.cjs' queueScript loads with its code cache, and, in an install where that script
// cannot be read, what queueScript loads from node_modules instead.
// BullMQ's classes from their own CommonJS files, the ones its index requires them from: its
// index requires every class and backend it has (217 of its files, 1.4 MB: the PostgreSQL
// backend, flows, sandboxed processors...), where these reach 0.68 MB (235 files with ioredis and
// the rest, against 303). Node's import() of the index, as main.cjs' IMPORT did, also read each
// file's exports with its CommonJS lexer (session 58: importing the two packages so took
// 0.28-0.46 s of CPU, the script with its cache 0.05-0.07 s; docs/performance-notes.md).
// Invariant: the same classes as `require('bullmq')` and `require('ioredis')` give, one ioredis
// for both (BullMQ requires ioredis itself, as a connection's class).
const { Queue } = require('bullmq/dist/cjs/classes/queue');
const { QueueEvents } = require('bullmq/dist/cjs/classes/queue-events');
const { Worker } = require('bullmq/dist/cjs/classes/worker');
const { Redis } = require('ioredis');

module.exports = { bullmq: { Queue, QueueEvents, Worker }, ioredis: { Redis } };
