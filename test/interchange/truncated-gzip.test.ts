// A gzip-compressed log cut off (an interrupted download or copy) is refused, not read in part:
// every reader of a whole log unzips with zlib's Z_FINISH, which fails where the last member's
// trailer is missing (Z_SYNC_FLUSH would unzip the part silently). A file of several members
// (`cat a.gz b.gz`) and one padded with zeros (a tape block) are whole, and read as such.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { LogError } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const LOAN = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const tmp = scratchFolders('etomsim-truncated-gzip-');
const zipped = readFileSync(LOAN);
const cutOff = (size: number) =>
  `cannot read the log: the gzip-compressed file ends before its compressed data does (cut off at byte ${size}: an interrupted download or copy?); get the whole file again`;

/** The log's events as comparable rows: case, activity, resource, start, end. */
function rows(log: Awaited<ReturnType<typeof readEventLog>>): string[] {
  return Array.from({ length: log.size }, (_, i) =>
    [log.cases[log.caseOf[i]], log.activities[log.activityOf[i]], log.resources[log.resourceOf[i]], log.start[i], log.end[i]].join('|'),
  );
}

describe('a gzip-compressed log', () => {
  test('cut in half: discover refuses it (exit 2) at the size it stops at, and writes nothing', () => {
    const dir = tmp();
    const half = join(dir, 'loan.csv.gz');
    writeFileSync(half, zipped.subarray(0, zipped.length >> 1));
    const out = join(dir, 'loan.yaml');
    const r = spawnSync(process.execPath, [BIN, 'discover', half, '--out', out], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([2, `${half}:1:1: ${cutOff(zipped.length >> 1)} (at file)\n`]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['loan.csv.gz']);
  });

  test('whole, as two concatenated members, or padded with zeros: the same events', async () => {
    const dir = tmp();
    const whole = await readEventLog(LOAN);
    expect(whole.size).toBeGreaterThan(1000);
    const text = gunzipSync(zipped);
    const middle = text.indexOf('\n', text.length >> 1) + 1; // a member may end anywhere; here between rows
    const two = join(dir, 'two.csv.gz');
    writeFileSync(two, Buffer.concat([gzipSync(text.subarray(0, middle)), gzipSync(text.subarray(middle))]));
    const padded = join(dir, 'padded.csv.gz');
    writeFileSync(padded, Buffer.concat([zipped, Buffer.alloc(512)]));
    for (const file of [two, padded]) expect(rows(await readEventLog(file))).toEqual(rows(whole));
  });

  test.each([
    ['inside the second of two members', (a: Buffer, b: Buffer) => Buffer.concat([a, b.subarray(0, b.length >> 1)])],
    ["in the second member's header", (a: Buffer, b: Buffer) => Buffer.concat([a, b.subarray(0, 5)])],
    ["before the last member's trailer (its CRC-32 and length)", (a: Buffer, b: Buffer) => Buffer.concat([a, b.subarray(0, b.length - 8)])],
    ['one byte short', (a: Buffer, b: Buffer) => Buffer.concat([a, b.subarray(0, b.length - 1)])],
  ])('cut off %s: refused with its size', async (_, cut) => {
    const text = gunzipSync(zipped);
    const middle = text.indexOf('\n', text.length >> 1) + 1;
    const file = join(tmp(), 'cut.csv.gz');
    const bytes = cut(gzipSync(text.subarray(0, middle)), gzipSync(text.subarray(middle)));
    writeFileSync(file, bytes);
    const err = await readEventLog(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogError);
    expect((err as LogError).message).toContain(cutOff(bytes.length));
  });

  // Bytes after the last member that are no gzip member (a text appended, a member whose header is
  // bad) were refused in zlib's words ("incorrect header check", "unknown compression method");
  // damaged data is said damaged, zlib's words in brackets (session 41)
  test('trailing bytes that are not gzip, and damaged data: refused in our words, exit 2, nothing written', async () => {
    const dir = tmp();
    const trailing = 'cannot read the log: bytes that are not gzip follow the gzip-compressed data (another file appended to it?)';
    for (const tail of [Buffer.from('appended text\n'), Buffer.from([0x1f, 0x8b, 0x09, 0x00])]) {
      const file = join(dir, 'trailing.csv.gz');
      writeFileSync(file, Buffer.concat([zipped, tail]));
      const err = await readEventLog(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LogError);
      expect((err as LogError).message).toContain(trailing);
    }
    const out = join(dir, 'out.yaml');
    const r = spawnSync(process.execPath, [BIN, 'discover', join(dir, 'trailing.csv.gz'), '--out', out], { encoding: 'utf8' });
    expect([r.status, r.stderr.includes(trailing), existsSync(out)]).toEqual([2, true, false]);
    // the trailer's CRC-32 changed: the data no longer matches it (a byte changed in the data itself
    // may first garble a row, refused as the row's problem: the text is read as it unzips)
    const damaged = Buffer.from(zipped);
    damaged[damaged.length - 8] ^= 0xff;
    const file = join(dir, 'damaged.csv.gz');
    writeFileSync(file, damaged);
    const err = await readEventLog(file).catch((e: unknown) => e);
    expect((err as LogError).message).toContain(
      'cannot read the log: the gzip-compressed data is damaged (zlib: incorrect data check); get the whole file again',
    );
  });

  test('an XES log and an OCEL SQLite one cut off are refused the same way', async () => {
    const dir = tmp();
    const xes = gzipSync(
      '<?xml version="1.0"?>\n<log>\n' +
        Array.from(
          { length: 2000 },
          (_, i) =>
            `<trace><string key="concept:name" value="c${i}"/><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace>\n`,
        ).join('') +
        '</log>\n',
    );
    const sqlite = gzipSync(Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(1 << 16, 7)]));
    for (const [name, bytes] of [
      ['log.xes.gz', xes],
      ['log.sqlite.gz', sqlite],
    ] as const) {
      const file = join(dir, name);
      const part = bytes.subarray(0, bytes.length - 4);
      writeFileSync(file, part);
      const err = await readEventLog(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LogError);
      expect((err as LogError).message).toContain(cutOff(part.length));
    }
  });
});
