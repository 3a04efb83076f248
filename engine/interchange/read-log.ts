// The entry point for reading an event log: CSV, XES or OCEL 2.0 XML (an XML document whose
// <log> opens with OCEL's sections), gzip-compressed or not (by its first bytes, not its
// name), streamed; or OCEL 2.0 JSON (a document starting with '{'), read whole. Bad input is
// a LogError with its row and column.
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { readCsvLog, type ColumnChoice } from './csv-log-reader.js';
import { LogError, type EventLog } from './event-log.js';
import { knownZone, TimestampParser } from './timestamps.js';
import { readOcelLog, readOcelXmlLog } from './ocel-log-reader.js';
import { looksLikeOcelXml } from './ocel-xml.js';
import { readXesLog } from './xes-log-reader.js';

export interface ReadLogOptions {
  columns?: ColumnChoice;
  delimiter?: string;
  /** the zone of timestamps written without an offset (IANA name); default UTC */
  timezone?: string;
}

export async function readEventLog(file: string, options: ReadLogOptions = {}): Promise<EventLog> {
  const zone = options.timezone ?? 'UTC';
  if (!knownZone(zone))
    throw new LogError(
      file,
      1,
      1,
      `unknown time zone '${zone}' for --timezone; use an IANA name such as Europe/Paris, or UTC`,
      '--timezone',
    );
  const head = firstBytes(file);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const text = gzip ? stream.pipe(createGunzip()) : stream;
  stream.on('error', (err) => text.destroy(err));
  text.setEncoding('utf8');
  const chunks = guard(file, text as AsyncIterable<string>);
  const timestamps = new TimestampParser(zone);
  const columns = options.columns ?? {};
  const opening = await firstText(file, gzip);
  const xml = /\.xes(\.gz)?$/i.test(file) || /^\s*(\uFEFF)?\s*</.test(opening);
  const ocelXml = xml && looksLikeOcelXml(opening);
  const json = !xml && /^(\uFEFF)?\s*\{/.test(opening);
  const log = ocelXml
    ? await readOcelXmlLog(file, chunks, columns, timestamps)
    : xml
      ? await readXesLog(file, chunks, columns, timestamps)
      : json
        ? readOcelLog(file, await wholeText(chunks), columns, timestamps)
        : await readCsvLog(file, chunks, { columns, delimiter: options.delimiter, timestamps });
  if (log.size === 0) throw new LogError(file, 1, 1, 'the log has no events', ocelXml || json ? 'OCEL' : xml ? 'XES' : 'CSV');
  return log;
}

function firstBytes(file: string): Buffer {
  const buffer = Buffer.alloc(2);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new LogError(file, 1, 1, `cannot read the log: ${(err as Error).message}`, 'file');
  }
  try {
    readSync(fd, buffer, 0, 2, 0);
  } catch (err) {
    throw new LogError(file, 1, 1, `cannot read the log: ${(err as Error).message}`, 'file'); // a folder, say
  } finally {
    closeSync(fd);
  }
  return buffer;
}

async function wholeText(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('').replace(/^\uFEFF/, '');
}

/** The file's first characters (at least 64 when it has them), to tell XML and JSON from CSV. */
async function firstText(file: string, gzip: boolean): Promise<string> {
  const stream = createReadStream(file, { start: 0, end: 4095 });
  const text = gzip ? stream.pipe(createGunzip()) : stream;
  text.setEncoding('utf8');
  let head = '';
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      head += chunk;
      if (head.length >= 64) break;
    }
  } catch {
    // a truncated gzip head: the CSV reader will say so
  }
  text.destroy();
  stream.destroy();
  return head;
}

/** A file that fails while streaming (corrupt gzip) is bad input, not a bug. */
async function* guard(file: string, chunks: AsyncIterable<string>): AsyncIterable<string> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (err) {
    throw new LogError(file, 1, 1, `cannot read the log: ${(err as Error).message}`, 'file');
  }
}
