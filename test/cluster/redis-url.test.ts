// The queue's URL as parseRedisUrl reads it, before any connection: the database is the path's
// alone, decoded, a whole number; a query (which ioredis would read past the check: ?db=abc was
// SELECT NaN's stack trace, ?db=9 a worker serving database 0) is refused (s34y F6).
import { expect, test } from 'vitest';
import { parseRedisUrl, QueueUnreachable } from '../../engine/cluster/redis.js';

const refusal = (text: string): string => {
  try {
    parseRedisUrl(text, {});
  } catch (err) {
    if (err instanceof QueueUnreachable) return err.message;
    throw err;
  }
  return 'read';
};

test('the database: the path decoded, a whole number a double holds exactly; no query', () => {
  expect(parseRedisUrl('redis://127.0.0.1:6379/2', {}).db).toBe(2);
  expect(parseRedisUrl('redis://127.0.0.1:6379', {}).db).toBe(0);
  expect(parseRedisUrl('redis://127.0.0.1:6379/%31', {}).db).toBe(1); // refused as "got '1'" before: the check read the encoded path
  for (const db of ['abc', '2/x'])
    expect(refusal(`redis://127.0.0.1:6379/${db}`)).toBe(
      `the database in the queue URL must be a whole number, like redis://HOST:6379/2 (got '${db}')`,
    );
  expect(refusal('redis://127.0.0.1:6379/99999999999999999999999')).toBe(
    "the database in the queue URL must be a whole number, like redis://HOST:6379/2 (got '99999999999999999999999')",
  );
  for (const query of ['?db=abc', '?db=9', '?family=6'])
    expect(refusal(`redis://127.0.0.1:6379${query}`)).toBe(
      `the queue URL takes no query (got '${query}'); give the database as its path, like redis://HOST:6379/2`,
    );
  // a password in the query is not quoted
  expect(refusal('redis://127.0.0.1:6379/?password=s3cret&db=1')).toBe(
    "the queue URL takes no query (got '?password=***&db=1'); give the database as its path, like redis://HOST:6379/2",
  );
});
