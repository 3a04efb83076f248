// How much of an event log etomsim reads, and writes as OCEL SQLite: the one set of limits
// every reader (CSV, XES, OCEL JSON, XML and SQLite) and the SQLite writer checks, with the
// message each gives. A log is data from anywhere: a file past V8's longest string, a gzip
// file inflating to gigabytes, a line with no end or tens of millions of events would
// otherwise stop etomsim as an "internal error" (a RangeError, WebAssembly's memory) or run
// Node out of heap, which kills the process with no message of ours.
//
// Invariant: each limit is checked as the log is read (bytes as they stream, after
// decompression; a row or an XML item as it grows; events as they are kept; an activity when
// first met), so that the refusal comes before the memory (or time) it bounds is spent; every
// limit met is a LogError (exit 2) saying which limit, its value and what to do. The limits can be lowered, never raised,
// through ETOMSIM_LOG_LIMITS (tests, and a machine with less memory): see parseLogLimits.
import { constants } from 'node:buffer';
import { bytesText } from '../io/input-file.js';
import { wholeNumber } from '../number-format.js';
import { didYouMean } from '../scenario/suggest.js';
import { counted } from '../plural.js';

export { bytesText };

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export interface LogLimits {
  /** bytes of a streamed log (CSV, XES, OCEL XML), counted after decompression */
  text: number;
  /** bytes of an OCEL JSON log, which is parsed as one text: V8's longest string */
  json: number;
  /** characters of one CSV row, or of an XML log from one '<' to the next (a tag with its attributes, or a text) */
  item: number;
  /** fields of one CSV row, the header's too (each an entry of the row's array, and the header's a map of names) */
  columns: number;
  /** elements open at once in an XML log (XES, OCEL XML): the parser keeps each until it closes */
  depth: number;
  /** events (rows of a CSV, events of XES or OCEL) read into one log */
  events: number;
  /** events held as objects until the log is built: all of an OCEL log's (JSON, XML), one XES trace's */
  held: number;
  /** bytes of an OCEL SQLite log (uncompressed), read whole into SQLite's memory; also the most written */
  sqliteBytes: number;
  /** rows read from an OCEL SQLite log, all tables together */
  sqliteRows: number;
  /** distinct activities of one log (an OCEL log's event types): discovery's tables are square in them */
  activities: number;
}

/**
 * The limits, from peak memory measured with discover (notes/s15r in the coordination folder;
 * docs/scenario-format.md states them). Per million events read: a CSV 0.5 GB, XES 0.46 GB,
 * OCEL JSON 1.35 GB, OCEL XML 1.7 GB (the last two hold every event as objects until the log is
 * built). Node's default heap is about 4 GB, and running out of it kills the process: the
 * columnar logs (CSV, XES) stop at 10 million events, the object-holding ones at 2.5 million,
 * about what the longest OCEL JSON text holds (2.8 million small events in 512 MiB took 3.1 GB).
 */
export const LOG_LIMITS: Readonly<LogLimits> = {
  text: 4 * GiB,
  json: constants.MAX_STRING_LENGTH,
  item: 16 * MiB,
  // four times a spreadsheet's widest sheet (16,384 columns), where real logs have tens to a few
  // hundred; a million empty ones took 3.3 s and 442 MB, 16.8 million (a 16 MiB header) 16 s and
  // 2.07 GB (session 60); 65,536 of them about 0.2 s and 30 MB
  columns: 65_536,
  // XES nests lists and containers a few levels deep; millions of '<a>' would fill the heap
  depth: 1000,
  events: 10_000_000,
  held: 2_500_000,
  // read whole into SQLite's memory: no longer than OCEL JSON, the other log read whole, can be
  sqliteBytes: 512 * MiB,
  // about 330 bytes of heap a row until the log is built (fault-to-repair's simulated log of
  // 406,448 events, 1.84 M rows read, peaked at 833 MB): about 2.6 GB of Node's 4 GB heap
  sqliteRows: 8_000_000,
  // real logs have tens to a few hundred; discovery's tables weigh every pair of them: a log whose
  // every activity is distinct (cases of 10) took 1.2 s of CPU and 147 MB at 5,000, 6.6 s and 5 GB
  // at 20,000, and 60,000 did not finish in two minutes (session 61)
  activities: 5_000,
};

/** The environment variable that lowers the limits: `events=1000,text=65536` (whole numbers, each at most its default). */
export const LIMITS_VARIABLE = 'ETOMSIM_LOG_LIMITS';

/** A bad ETOMSIM_LOG_LIMITS: the command's usage, not the log, is at fault. */
export class LogLimitsError extends Error {}

/** The limits `setting` (the variable's value; unset or empty: none) lowers; a LogLimitsError when it is not as documented. */
export function parseLogLimits(setting: string | undefined): LogLimits {
  const limits = { ...LOG_LIMITS };
  if (setting === undefined || setting.trim() === '') return limits;
  for (const part of setting.split(',')) {
    const m = /^\s*([a-zA-Z]+)\s*=\s*(\d+)\s*$/.exec(part);
    const key = m?.[1] as keyof LogLimits | undefined;
    if (m === null || key === undefined || !Object.hasOwn(LOG_LIMITS, key))
      throw new LogLimitsError(
        `${LIMITS_VARIABLE}: '${part.trim()}' is not NAME=NUMBER with NAME one of ${Object.keys(LOG_LIMITS).join(', ')}${
          m === null ? '' : didYouMean(m[1], Object.keys(LOG_LIMITS))
        }`,
      );
    const value = Number(m[2]);
    if (!(value >= 1 && value <= LOG_LIMITS[key]))
      throw new LogLimitsError(
        `${LIMITS_VARIABLE}: ${key}=${m[2]} is out of range: it lowers a limit, from 1 to ${wholeNumber(LOG_LIMITS[key])}`,
      );
    limits[key] = value;
  }
  return limits;
}

/** What to do about a log too large, said once for every limit. */
export const SMALLER_LOG = 'read a part of it (a shorter period, or fewer cases)';

/** The message of an OCEL log with more than `held` events, each held as objects until the log is built. */
export function tooManyHeld(held: number): string {
  return `more than ${counted(held, 'event')}, the most etomsim reads from an OCEL 2.0 log (it holds every event until it has read them all); ${SMALLER_LOG}`;
}

/** The message of a log with more than `max` events (rows of a CSV, events of XES or OCEL; an OCEL event once per case). */
export function tooManyEvents(max: number): string {
  return `more than ${counted(max, 'event')}, the most etomsim reads from one log (its memory grows with each); ${SMALLER_LOG}`;
}

/** The message of the first activity of a log past `max` distinct ones. */
export function tooManyActivities(max: number): string {
  return `more than ${counted(max, 'distinct activity', 'distinct activities')}, the most etomsim reads from one log (discovery weighs every pair of them); is that the activity? If so, ${SMALLER_LOG}`;
}

/** Counts a log's distinct activities as its reader reads them, against the activities limit. */
export class DistinctActivities {
  private readonly seen = new Set<string>();
  constructor(readonly max: number) {}
  /** Whether `activity` is within the limit: one seen already, or a new one while fewer than max are. */
  admits(activity: string): boolean {
    if (this.seen.has(activity)) return true;
    if (this.seen.size >= this.max) return false;
    this.seen.add(activity);
    return true;
  }
}

/** The message of a CSV row (the header or another) of more than `max` fields. */
export function tooManyColumns(max: number): string {
  return `a row of more than ${wholeNumber(max)} columns, the most etomsim reads in a CSV log (is the delimiter right? is the file a CSV log?)`;
}

/** The message of an XML log nesting more than `max` elements. */
export function tooDeep(max: number): string {
  return `more than ${wholeNumber(max)} elements open at once, the most etomsim reads in an XML log (is the file an event log?)`;
}
