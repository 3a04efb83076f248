// Reaching the Redis that carries a queue: one URL (redis:// or rediss:// for TLS, with an
// optional password and database), checked at once so that a wrong address is an input error
// in seconds, not a run that waits for ever. The password never reaches a message or a log.
// The database (`/N`) is read here and selected by the first connection: ioredis took `/abc`
// as SELECT NaN and failed with its stack trace after the check, and a number past the
// server's databases failed only then, so a worker served database 0 while it named /99.
// ioredis loads only once an address accepts a connection: a refused one costs no more than
// the check (ioredis and BullMQ took about 0.4 CPU s to load from node_modules; the CLI's bundle
// loads both then from one script with a code cache, some 0.05 s: bin/load-cli.cjs queueScript).
import { connect as tcpConnect } from 'node:net';
import type { Redis } from 'ioredis';

/** The queue's address is wrong or the server does not answer: the user's input, exit 2. */
export class QueueUnreachable extends Error {}

export interface RedisAddress {
  url: string;
  /** the URL without its password or user name: the only form that is ever printed */
  shown: string;
  /** the database the URL names (`/N`), 0 without one */
  db: number;
}

/**
 * The queue's address. A password may be in the URL or, kept off the command line where
 * `ps` shows it to every local user, in the environment variable ETOMSIM_REDIS_PASSWORD.
 */
export function parseRedisUrl(text: string, env: NodeJS.ProcessEnv = process.env): RedisAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUnreachable(`'${redactLoosely(text)}' is not a URL; give the queue as redis://HOST:PORT or rediss://HOST:PORT`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new QueueUnreachable(`the queue must be a redis:// or rediss:// URL (got ${url.protocol}//...)`);
  }
  if (url.hostname === '') throw new QueueUnreachable('the queue URL names no host; give it as redis://HOST:PORT');
  // ioredis also reads a query (?db=N, ?password=...), past this check: ?db=abc was SELECT NaN's
  // stack trace, ?db=9 a worker serving database 0 (s34y F6). The database is the path's alone.
  if (url.search !== '')
    throw new QueueUnreachable(
      `the queue URL takes no query (got '${redactQuery(url.search)}'); give the database as its path, like redis://HOST:6379/2`,
    );
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const database = /^\/?$|^\/([0-9]+)$/.exec(path);
  if (database === null || (database[1] !== undefined && !Number.isSafeInteger(Number(database[1])))) {
    throw new QueueUnreachable(`the database in the queue URL must be a whole number, like redis://HOST:6379/2 (got '${path.slice(1)}')`);
  }
  const shown = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  const password = env.ETOMSIM_REDIS_PASSWORD;
  if (url.password === '' && password) url.password = encodeURIComponent(password);
  return { url: url.href, shown, db: database[1] === undefined ? 0 : Number(database[1]) };
}

/**
 * A connection for BullMQ (which wants `maxRetriesPerRequest: null` on connections that
 * block), made only after a first connection has answered PING within `timeoutMs`.
 */
export async function connectRedis(address: RedisAddress, timeoutMs = 5000): Promise<Redis> {
  // A bare TCP connect first: a refused or unknown address fails here in milliseconds, while a
  // failed ioredis client keeps the process alive about two seconds more.
  await reachable(address, timeoutMs);
  const { Redis: Client } = await import('ioredis');
  // the database selected below rather than by ioredis as it connects, whose refusal came after the check, unhandled
  const bare = new URL(address.url);
  bare.pathname = '';
  bare.search = '';
  const probe = new Client(bare.href, {
    autoResubscribe: false,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null, // one try: an address that refuses now is reported now
    enableOfflineQueue: false,
  });
  let cause: unknown = null; // the socket's own error (ECONNREFUSED...) says more than connect()'s "Connection is closed"
  probe.on('error', (err) => (cause ??= err));
  const select = async () => {
    if (address.db === 0) return;
    await probe.select(address.db).catch((err) => {
      throw new QueueUnreachable(
        `the queue at ${address.shown} has no database ${address.db} (${reason(err, address)}); give one the server has, 0 by default`,
      );
    });
  };
  try {
    await withTimeout(
      probe
        .connect()
        .then(select)
        .then(() => probe.ping()),
      timeoutMs,
    );
  } catch (err) {
    probe.disconnect();
    if (err instanceof QueueUnreachable) throw err;
    throw new QueueUnreachable(`cannot reach the queue at ${address.shown}: ${reason(cause ?? err, address)}`);
  }
  probe.disconnect();
  // the database as an option, on a URL with no path or query: the one parseRedisUrl checked, and no other
  const redis = new Client(bare.href, { db: address.db, maxRetriesPerRequest: null, connectTimeout: timeoutMs });
  redis.on('error', () => {}); // ioredis reconnects by itself; BullMQ reports what fails a job
  return redis;
}

function reachable(address: RedisAddress, timeoutMs: number): Promise<void> {
  const url = new URL(address.url);
  const port = url.port === '' ? 6379 : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // [::1] -> ::1
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new QueueUnreachable(`cannot reach the queue at ${address.shown}: no answer within ${timeoutMs / 1000} s`));
    });
    socket.once('error', (err) => reject(new QueueUnreachable(`cannot reach the queue at ${address.shown}: ${reason(err, address)}`)));
  });
}

/** `work`, or a rejection after `ms` if it has not settled by then. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** An error's message with anything that looks like the URL's password taken out. */
function reason(err: unknown, address: RedisAddress): string {
  let text = err instanceof Error ? err.message : String(err);
  const password = passwordOf(address.url);
  if (password) text = text.split(password).join('***');
  return text;
}

function passwordOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.password === '' ? null : decodeURIComponent(url.password);
  } catch {
    return null;
  }
}

/** A query as a message quotes it: a password=... value left out. */
function redactQuery(search: string): string {
  return search.replace(/(password=)[^&]*/gi, '$1***');
}

/** For a text that is not even a URL: drop what stands between '//' and '@'. */
function redactLoosely(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@');
}
