// Reading event logs: CSV with any delimiter and quoting, gzip, XES with lifecycle pairs,
// time zones and daylight-saving changes, and bad input placed at its row and column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { LogError } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { TimestampParser } from '../../engine/interchange/timestamps.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-log-'));
let serial = 0;
function file(content: string | Buffer, ext = '.csv'): string {
  const path = join(dir, `log${serial++}${ext}`);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string, options = {}): Promise<LogError> {
  try {
    await readEventLog(path, options);
  } catch (err) {
    if (err instanceof LogError) return err;
    throw err;
  }
  throw new Error('expected a LogError');
}

describe('timestamps', () => {
  test('offsets give exact instants; the wall clock is kept as written', () => {
    const p = new TimestampParser();
    expect(p.parse('2024-03-31T14:05:00Z')).toEqual({ ms: Date.UTC(2024, 2, 31, 14, 5), offset: 0 });
    expect(p.parse('2024-03-31 16:05:00+02:00')).toEqual({ ms: Date.UTC(2024, 2, 31, 14, 5), offset: 120 });
    expect(p.parse('2024-03-31T09:05:00.250-0500')).toEqual({ ms: Date.UTC(2024, 2, 31, 14, 5) + 250, offset: -300 });
    expect(p.parse('2024-02-30 10:00')).toBeNull();
    expect(p.parse('yesterday')).toBeNull();
  });

  test('wall-clock times in a zone with daylight saving: the spring and autumn changes', () => {
    const paris = new TimestampParser('Europe/Paris');
    // 31 March 2024: 02:00 CET becomes 03:00 CEST; an hour of work spans it as one hour.
    const before = paris.parse('2024-03-31 01:30')!;
    const after = paris.parse('2024-03-31 03:30')!;
    expect((after.ms - before.ms) / 3_600_000).toBe(1);
    expect([before.offset, after.offset]).toEqual([60, 120]);
    // 27 October 2024: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the first is taken.
    const twice = paris.parse('2024-10-27 02:30')!;
    expect(twice.ms).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect((paris.parse('2024-10-27 04:00')!.ms - paris.parse('2024-10-27 01:00')!.ms) / 3_600_000).toBe(4);
  });
});

describe('CSV', () => {
  const pm4py = [
    'case:concept:name;concept:name;org:resource;start_timestamp;time:timestamp',
    'c1;"Check; then ""approve""";ann;2024-01-08 09:00:00;2024-01-08 09:30:00',
    'c1;"Multi',
    'line";bob;2024-01-08 10:00:00;2024-01-08 11:00:00',
    'c2;Check;ann;2024-01-08 09:10:00;2024-01-08 09:20:00',
  ].join('\r\n');

  test("PM4Py's names are recognised, the delimiter sniffed, quotes and CRLF read", async () => {
    const log = await readEventLog(file(pm4py));
    expect(log.size).toBe(3);
    expect(log.columns).toMatchObject({
      case: 'case:concept:name',
      activity: 'concept:name',
      resource: 'org:resource',
      start: 'start_timestamp',
      end: 'time:timestamp',
    });
    expect(log.activities).toEqual(['Check; then "approve"', 'Multi\r\nline', 'Check']); // quoted text is kept as written
    expect(log.row[2]).toBe(5); // the record after the two-line one starts on line 5
    expect(log.end[1] - log.start[1]).toBe(3_600_000);
    expect(log.completionOnly).toBe(false);
  });

  test('gzip is recognised by its bytes, not its name', async () => {
    const plain = await readEventLog(file(pm4py));
    const zipped = await readEventLog(file(gzipSync(pm4py), '.data'));
    expect(Array.from(zipped.end)).toEqual(Array.from(plain.end));
    expect(zipped.activities).toEqual(plain.activities);
  });

  test('columns named by the user; a completion-only log says so', async () => {
    const log = await readEventLog(file('Ticket\tStep\tDone at\nT1\tOpen\t2024-01-08T09:00:00Z\nT1\tClose\t2024-01-08T10:00:00Z\n'), {
      columns: { case: 'Ticket', activity: 'Step', end: 'Done at' },
    });
    expect(log.size).toBe(2);
    expect(log.completionOnly).toBe(true);
  });

  test('lifecycle rows pair into instances; a start never completed is counted', async () => {
    const log = await readEventLog(
      file(
        [
          'case_id,activity,lifecycle:transition,timestamp',
          'a,X,start,2024-01-08T09:00:00Z',
          'a,X,complete,2024-01-08T09:45:00Z',
          'a,Y,start,2024-01-08T10:00:00Z',
        ].join('\n'),
      ),
    );
    expect(log.size).toBe(1);
    expect(log.end[0] - log.start[0]).toBe(45 * 60_000);
    expect(log.notes).toEqual([expect.objectContaining({ kind: 'starts never completed', count: 1 })]);
  });

  test('a complete before its start is counted and left out, never a negative duration', async () => {
    const log = await readEventLog(
      file(
        [
          'case_id,activity,lifecycle:transition,timestamp',
          'a,X,start,2024-01-08T09:00:00Z',
          'a,X,complete,2024-01-08T08:00:00Z',
          'b,X,start,2024-01-08T09:00:00Z',
          'b,X,complete,2024-01-08T09:30:00Z',
        ].join('\n'),
      ),
    );
    expect(log.size).toBe(1);
    expect(log.end[0] - log.start[0]).toBe(30 * 60_000);
    expect(log.notes).toEqual([expect.objectContaining({ kind: 'completes before their start', count: 1, example: 'row 3' })]);
  });

  test('bad input is placed at its row and column', async () => {
    const noActivity = await failure(file('case_id,when\n1,2024-01-08T09:00:00Z\n'));
    expect([noActivity.row, noActivity.col]).toEqual([1, 1]);
    expect(noActivity.detail).toMatch(/no activity column/);

    const badTime = await failure(file('case_id,activity,end_time\n1,A,2024-01-08T09:00:00Z\n2,B,last tuesday\n'));
    expect([badTime.row, badTime.col, badTime.at]).toEqual([3, 3, "column 'end_time'"]);

    const backwards = await failure(file('case_id,activity,start_time,end_time\n1,A,2024-01-08T10:00:00Z,2024-01-08T09:00:00Z\n'));
    expect([backwards.row, backwards.col]).toEqual([2, 4]);
    expect(backwards.detail).toMatch(/precedes the start/);

    const empty = await failure(file(''));
    expect(empty.detail).toMatch(/empty/);
    const headerOnly = await failure(file('case_id,activity,end_time\n'));
    expect(headerOnly.detail).toMatch(/no events/);
    const unclosed = await failure(file('case_id,activity,end_time\n1,"A,2024-01-08T09:00:00Z\n'));
    expect(unclosed.detail).toMatch(/never closed/);
    expect((await failure(file('case_id,activity,end_time\n1,A,2024-01-08\n'), { timezone: 'Mars/Olympus' })).detail).toMatch(
      /unknown time zone/,
    );
  });
});

describe('XES', () => {
  test('traces, events, start/complete lifecycle pairs and typed attributes', async () => {
    const xes = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0">
  <trace>
    <event><string key="concept:name" value="Open &amp; triage"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2024-01-08T09:00:00.000+01:00"/><string key="org:resource" value="ann"/></event>
    <event><string key="concept:name" value="Open &amp; triage"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2024-01-08T09:20:00.000+01:00"/><string key="org:resource" value="ann"/></event>
    <string key="concept:name" value="T-1"/>
    <event><string key="concept:name" value="Fix"/><date key="time:timestamp" value="2024-01-08T11:00:00.000+01:00"/><list key="tags"><string key="org:resource" value="nested, not the performer"/></list></event>
  </trace>
</log>`;
    const log = await readEventLog(file(xes, '.xes'));
    expect(log.format).toBe('xes');
    expect(log.cases).toEqual(['T-1']);
    expect(log.activities).toEqual(['Open & triage', 'Fix']);
    expect(log.end[0] - log.start[0]).toBe(20 * 60_000);
    expect(log.offset[0]).toBe(60);
    expect(log.resourceOf[1]).toBe(-1);
  });

  test('entities are not expanded; broken XML is placed at its line', async () => {
    const entity = await failure(
      file(
        '<?xml version="1.0"?><!DOCTYPE log [<!ENTITY x SYSTEM "file:///etc/passwd">]><log><trace><string key="concept:name" value="&x;"/></trace></log>',
        '.xes',
      ),
    );
    expect(entity.detail).toMatch(/not well-formed|entity/i);
    const broken = await failure(file('<log>\n<trace>\n<event></trace>\n</log>', '.xes'));
    expect(broken.row).toBe(3);
  });
});
