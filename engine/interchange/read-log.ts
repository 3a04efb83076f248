// The entry point for reading an event log: CSV, XES or OCEL XML (2.0: an XML document whose
// <log> opens with OCEL's sections; 1.0: one the XES reader finds an <events> or <objects> in,
// read again from its start), gzip-compressed or not (by its first bytes, not its name),
// streamed; OCEL JSON (a document starting with '{': 2.0's lists or 1.0's maps), read whole; or
// OCEL 2.0 SQLite (a file starting with SQLite's 16 bytes, "SQLite format 3" and a NUL), read
// whole with sql.js (loaded only for such a file). Bad input is a LogError with its row and
// column (a TableLogError with its table, row and column), and so is a log past one of the limits
// (log-limits.ts): the bytes of a stream are counted here as they come, after decompression. A
// file of nothing but white space (or a byte-order mark) is refused here as empty, whatever its
// name or format. A file that cannot be read at all ('-', missing, a folder, a pipe) is refused
// as every command's input is, with an InputRefused (engine/io/input-file.ts).
import { createReadStream, readSync, closeSync, statSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { TextDecoder } from 'node:util';
import { LOG_INPUT, sniffFile, wrongKind } from '../io/file-kind.js';
import { type Decoded, decodeText, nulIn, utf16Marked } from '../io/text-encoding.js';
import { LOG_FILE, openInput, refusal, tooLargeWhy, unreadable } from '../io/input-file.js';
import { readBytesFile } from '../io/read-text.js';
import { WHOLE_FILE } from '../io/placed-line.js';
import { readCsvLog, type ColumnChoice } from './csv-log-reader.js';
import { LogError, tablePlace, type EventLog } from './event-log.js';
import { LOG_LIMITS, type LogLimits, SMALLER_LOG } from './log-limits.js';
import { knownZone, TimestampParser } from './timestamps.js';
import { ocelJsonEntryPlace, readOcelLog, readOcelXmlLog } from './ocel-log-reader.js';
import { placeEntriesBy } from './entry-place.js';
import { looksLikeOcelXml, OcelXmlFound } from './ocel-xml.js';
import { readXesLog } from './xes-log-reader.js';

export interface ReadLogOptions {
  columns?: ColumnChoice;
  delimiter?: string;
  /** the zone of timestamps written without an offset (IANA name); default UTC */
  timezone?: string;
  /** LOG_LIMITS unless lowered (ETOMSIM_LOG_LIMITS) */
  limits?: LogLimits;
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
  // a scenario, a BPMN model, a results.json, a workbook... (a zip archive was read as a CSV whose column names are its binary header)
  const other = wrongKind(sniffFile(file), LOG_INPUT, file);
  if (other !== null) throw new LogError(file, 1, 1, other, WHOLE_FILE);
  const timestamps = new TimestampParser(zone);
  const columns = options.columns ?? {};
  const limits = options.limits ?? LOG_LIMITS;
  const opening = await firstText(file, gzip);
  if (opening.startsWith(SQLITE_HEADER)) {
    const { readOcelSqliteLog } = await import('./ocel-sqlite-reader.js');
    const log = await readOcelSqliteLog(file, sqliteBytes(file, gzip, limits.sqliteBytes), columns, timestamps, limits);
    if (log.size === 0) throw new LogError(file, 1, 1, 'the log has no events', WHOLE_FILE);
    placeEntriesBy(log, async (row) => tablePlace({ table: 'event', row })); // placed as the reader's own problems are
    return log;
  }
  const xml = /\.xes(\.gz)?$/i.test(file) || /^\s*(\uFEFF)?\s*</.test(opening);
  let ocelXml = xml && looksLikeOcelXml(opening);
  const json = !xml && /^(\uFEFF)?\s*\{/.test(opening);
  const bound = json
    ? {
        bytes: Math.min(limits.json, limits.text),
        what: 'OCEL JSON',
        why: ', which is read as one text',
        instead: 'convert it to OCEL 2.0 XML or SQLite, or ',
      }
    : { bytes: limits.text, what: 'an event log', why: '', instead: '' };
  /** the file's text, streamed from its first byte (twice for an OCEL XML log the XES reader met first) */
  const bytes = (): AsyncIterable<Buffer> => {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    const unzipped = gzip ? stream.pipe(createGunzip()) : stream;
    stream.on('error', (err) => unzipped.destroy(err));
    return unzipped as AsyncIterable<Buffer>;
  };
  const chunks = (): AsyncIterable<string> => guard(file, bytes(), gzip, bound, bytes);
  // told here for every format, where each reader found its own fault at 1:1 (XML's missing root, a CSV column '  ')
  if (BLANK.test(opening) && (await blank(chunks())))
    throw new LogError(
      file,
      1,
      1,
      `the file is empty${gzip ? ' once uncompressed' : ''}: an event log needs at least one event`,
      WHOLE_FILE,
    );
  let log: EventLog;
  if (ocelXml) log = await readOcelXmlLog(file, chunks(), columns, timestamps, limits);
  else if (json) {
    log = readOcelLog(file, await wholeText(chunks()), columns, timestamps, limits);
    // a row is an entry of `events`: placed in the text, read again when a refusal needs it
    placeEntriesBy(log, async (row) => ocelJsonEntryPlace(await wholeText(chunks()), row));
  } else if (!xml) log = await readCsvLog(file, chunks(), { columns, delimiter: options.delimiter, timestamps, limits });
  else
    try {
      log = await readXesLog(file, chunks(), columns, timestamps, limits);
    } catch (err) {
      if (!(err instanceof OcelXmlFound)) throw err;
      ocelXml = true;
      log = await readOcelXmlLog(file, chunks(), columns, timestamps, limits);
    }
  if (log.size === 0) throw new LogError(file, 1, 1, 'the log has no events', WHOLE_FILE);
  mixedClocks(log, timestamps, zone);
  skippedHours(log, timestamps, zone);
  return log;
}

/**
 * A note when the log writes some timestamps with a UTC offset and some without (s35y F15): those
 * without are read in --timezone, which may not be the clock they were written in, and then an
 * activity from one to the other lasts the offsets' difference more or less (a start at
 * 08:00+02:00 and an end at 08:30 read in UTC: 2.5 h, not 30 min). Not refused: a log may mix
 * them rightly (its times without an offset in the zone given), and discover says so beside its
 * other notes.
 */
function mixedClocks(log: EventLog, timestamps: TimestampParser, zone: string): void {
  const { withOffset, withoutOffset, firstWith, firstWithout } = timestamps.written;
  if (withOffset === 0 || withoutOffset === 0) return;
  log.notes.push({
    kind: 'timestamps written without a UTC offset, beside others with one',
    one: 'timestamp written without a UTC offset, beside others with one',
    count: withoutOffset,
    handling:
      `read in ${zone}${zone === 'UTC' ? ' (the default of --timezone)' : ' (--timezone)'}, as '${firstWithout}' beside '${firstWith}': ` +
      'if they were written in another clock, every duration between the two kinds is off by the difference; give --timezone, the zone of those without an offset',
    example: firstWithout,
  });
}

/**
 * A note when timestamps written without an offset fall in the hour a spring daylight-saving
 * change of --timezone skips (s36g): no clock showed them, so they are read as written before
 * the change, the instant an hour later on the clocks, and a duration to or from one may be an
 * hour off (a start at 02:30 and an end at 03:30 read as none). Most likely the log's clock kept
 * no daylight saving, or was another zone's; said with the first one's place, not refused.
 */
function skippedHours(log: EventLog, timestamps: TimestampParser, zone: string): void {
  const { count, first, where } = timestamps.skipped;
  if (count === 0) return;
  log.notes.push({
    kind: `timestamps in the hour that ${zone}'s spring daylight-saving change skips`,
    one: `timestamp in the hour that ${zone}'s spring daylight-saving change skips`,
    count,
    handling:
      `no clock there showed '${first}'${where === '' ? '' : ` (${where})`}: read with the offset before the change, as the instant the clocks ` +
      'showed an hour later, so a duration to or from it may be an hour off; if the log kept no daylight saving, give --timezone as its fixed offset (+01:00)',
    example: first,
  });
}

/** The first 16 bytes of every SQLite 3 database file (as text: all of them ASCII). */
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** What an OCEL SQLite log's size is measured against in a message. */
const SQLITE_LOG = 'an OCEL SQLite log';

/** The database's bytes, gunzipped when `gzip`: at most `max` either way. */
function sqliteBytes(file: string, gzip: boolean, max: number): Buffer {
  const cannot = (message: string) => new LogError(file, 1, 1, `cannot read the log: ${message}`, WHOLE_FILE);
  const bytes = readBytesFile(file, { ...LOG_FILE, kind: SQLITE_LOG, maxBytes: max }); // refused as every input is (input-file.ts)
  if (!gzip) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: max });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw cannot(`uncompressed, ${tooLargeWhy(max, SQLITE_LOG)}`);
    throw cannot(gunzipFailure(file, err));
  }
}

/** The file's first 4 bytes; refused as every input is (input-file.ts: '-', missing, a folder, a pipe, which an event log is not read from). */
function firstBytes(file: string): Buffer {
  const buffer = Buffer.alloc(4);
  const { fd } = openInput(file, LOG_FILE);
  try {
    readSync(fd, buffer, 0, 4, 0);
  } catch (err) {
    throw refusal(file, LOG_FILE, unreadable(err));
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** Text of white space alone (a byte-order mark, U+FEFF, is white space to \s). */
const BLANK = /^\s*$/;

/**
 * Whether the text holds nothing but white space: read to its end only while it does (a file
 * whose first characters, firstText's, are all white space, rare past a few), and stopped at
 * the first character that is not.
 */
async function blank(chunks: AsyncIterable<string>): Promise<boolean> {
  for await (const chunk of chunks) if (!BLANK.test(chunk)) return false;
  return true;
}

async function wholeText(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('').replace(/^\uFEFF/, '');
}

/**
 * The file's first characters (at least 64 when it has them), to tell XML and JSON from CSV:
 * decoded as the whole text will be (textDecoderFor), so that a UTF-16 XML or JSON log is told
 * by its '<' or '{' (read as UTF-8, its NULs and byte-order mark made it a CSV log). Leniently:
 * a head cut inside a character, or bad bytes the whole text's decoding will refuse at their place.
 */
async function firstText(file: string, gzip: boolean): Promise<string> {
  const stream = createReadStream(file, { start: 0, end: 4095 });
  const bytes = gzip ? stream.pipe(createGunzip()) : stream;
  const parts: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      parts.push(chunk);
      read += chunk.length;
      if (read >= 256) break; // 64 characters of UTF-8 or UTF-16, and more
    }
  } catch {
    // a truncated gzip head: the CSV reader will say so
  }
  bytes.destroy();
  stream.destroy();
  const head = Buffer.concat(parts);
  const marked = utf16Marked(head);
  return new TextDecoder(marked ?? 'utf-8', { ignoreBOM: marked === null }).decode(head, { stream: true });
}

/** The most a stream is read: its bytes, what reads it, why (after its name) and what else to do. */
interface Bound {
  bytes: number;
  what: string;
  why: string;
  instead: string;
}

/**
 * The stream's text, its bytes counted as they come (after decompression) and refused past
 * `bound` before they are decoded; a file that fails while streaming (corrupt gzip) is bad
 * input, not a bug. UTF-8, or UTF-16 with its byte-order mark (Excel's "Unicode Text"),
 * decoded as such; bytes that are neither are refused at their line and column (the file read
 * again from `again`, engine/io/text-encoding.ts), where they became U+FFFD in names.
 * TextDecoder, fatal, decoded 200 MiB of UTF-8 in 0.28-0.39 s against StringDecoder's 0.40-0.67 s
 * (one-off, three rounds, 1 MiB chunks).
 */
async function* guard(
  file: string,
  chunks: AsyncIterable<Buffer>,
  gzip: boolean,
  bound: Bound,
  again: () => AsyncIterable<Buffer>,
): AsyncIterable<string> {
  let decoder: TextDecoder | null = null;
  let read = 0;
  let invalid = false;
  let nul: Decoded | null = null;
  try {
    for await (const chunk of chunks) {
      read += chunk.length;
      if (read > bound.bytes) break;
      const first = decoder === null;
      decoder ??= textDecoderFor(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        invalid = true;
        break;
      }
      // UTF-16 without its byte-order mark shows in its first chunk (text-encoding.ts' nulIn)
      if (first && decoder.encoding === 'utf-8') nul = nulIn(text);
      if (nul !== null) break;
      if (text !== '') yield text;
    }
  } catch (err) {
    throw new LogError(file, 1, 1, `cannot read the log: ${gzip ? gunzipFailure(file, err) : unreadable(err)}`, WHOLE_FILE);
  }
  if (nul !== null && !nul.ok) throw new LogError(file, nul.line, nul.col, nul.message.replace('the file', 'the log'), WHOLE_FILE);
  if (read > bound.bytes)
    throw new LogError(
      file,
      1,
      1,
      `cannot read the log: ${gzip ? 'uncompressed, ' : ''}${tooLargeWhy(bound.bytes, bound.what)}${bound.why}; ${bound.instead}${SMALLER_LOG}`,
      WHOLE_FILE,
    );
  let rest = '';
  try {
    rest = invalid || decoder === null ? '' : decoder.decode();
  } catch {
    invalid = true; // the file ends inside a character
  }
  if (invalid) throw await notText(file, again());
  if (rest !== '') yield rest;
}

/**
 * Why a gzip file failed to unzip. zlib's "unexpected end of file" (Z_BUF_ERROR at Z_FINISH,
 * createGunzip's and gunzipSync's default finishFlush) is a file cut off before its last
 * member's trailer (CRC-32 and length): a download or copy that stopped, said so with the size
 * it stopped at. Z_SYNC_FLUSH would unzip such a file silently: only file-kind.ts's head
 * sniffing uses it (firstText swallows the error too); every read of the whole log keeps Z_FINISH.
 */
function gunzipFailure(file: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'Z_DATA_ERROR') return damagedGzip(file, err as Error);
  if (code !== 'Z_BUF_ERROR') return unreadable(err);
  let size = '';
  try {
    size = ` at byte ${statSync(file).size}`;
  } catch {
    // gone since: said without its size
  }
  return `the gzip-compressed file ends before its compressed data does (cut off${size}: an interrupted download or copy?); get the whole file again`;
}

/** zlib's words for a member's header it cannot read (zlib's inflate.c): the file's first member's, or one after it. */
const HEADER_ERRORS = ['incorrect header check', 'unknown compression method', 'unknown header flags set'];

/**
 * zlib's Z_DATA_ERROR in our words. Its header errors after a first member whose header is
 * sound (the file starts with gzip's 1f 8b, which made it read as gzip; deflate, method 8; no
 * reserved flag) are bytes after the gzip data that are no gzip member (another file appended,
 * a padding not of zeros): Node's gunzip reads whatever follows a member as the next one, and
 * said "incorrect header check" (session 41). Otherwise the data itself is damaged; zlib's own
 * words say where, in brackets.
 */
function damagedGzip(file: string, err: Error): string {
  let head: Buffer | null = null;
  try {
    head = firstBytes(file);
  } catch {
    // gone since: said as damaged
  }
  const soundFirstHeader = head !== null && head[2] === 8 && (head[3] & 0xe0) === 0;
  if (HEADER_ERRORS.includes(err.message) && soundFirstHeader)
    return 'bytes that are not gzip follow the gzip-compressed data (another file appended to it?); unzip it (gunzip keeps the data, warning of "trailing garbage") and read the text, or get the file again';
  return `the gzip-compressed data is damaged (zlib: ${err.message}); get the whole file again`;
}

/** UTF-16 when the text starts with its byte-order mark (dropped), else UTF-8 (a UTF-8 mark kept, as the readers expect). */
function textDecoderFor(first: Buffer): TextDecoder {
  const marked = utf16Marked(first);
  return marked === null ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : new TextDecoder(marked, { fatal: true });
}

/** Where a log's text is not UTF-8 (nor UTF-16), read whole again: only on the way to refusing it. */
async function notText(file: string, chunks: AsyncIterable<Buffer>): Promise<LogError> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const decoded = decodeText(Buffer.concat(parts));
  return decoded.ok
    ? new LogError(file, 1, 1, 'the log is not UTF-8 text: save it as UTF-8', WHOLE_FILE)
    : new LogError(file, decoded.line, decoded.col, decoded.message.replace('the file', 'the log'), WHOLE_FILE);
}
