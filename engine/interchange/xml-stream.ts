// Feeds a log's text to a saxes parser chunk by chunk (XES, OCEL's XML) and turns what goes wrong
// into a LogError at its line and column: a handler's own LogError as it is thrown (unless saxes
// met a fault first), and saxes' complaint (or the stream's: a truncated gzip) as "not well-formed
// XML". saxes builds each name, attribute value and text as one string, without a bound: a file
// with no '<' for gigabytes (a gzip bomb, a binary file) ended as V8's RangeError. Invariant:
// parsing stops at the first failure, and before the text from one '<' to the next (a tag with its
// attributes, or a text) is longer than `maxItem` characters; the parser is closed once, after the
// last chunk, only when nothing failed.
import type { SaxesParser } from 'saxes';
import { LogError } from './event-log.js';
import { wholeNumber } from '../number-format.js';

export async function feedXml(
  file: string,
  parser: SaxesParser,
  chunks: AsyncIterable<string>,
  format: 'XES' | 'OCEL',
  maxItem: number,
): Promise<void> {
  let failure: unknown = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  const item = new ItemLength(maxItem);
  const tooLong = () =>
    new LogError(
      file,
      parser.line,
      parser.column,
      `more than ${wholeNumber(maxItem)} characters from one '<' to the next, the most etomsim reads as one tag or text of an XML log (is the file an event log?)`,
      format,
    );
  try {
    for await (const chunk of chunks) {
      const over = item.over(chunk);
      parser.write(over < 0 ? chunk : chunk.slice(0, over));
      if (failure !== null) break;
      if (over >= 0) throw tooLong();
    }
    if (failure === null) parser.close();
  } catch (err) {
    // a handler's own problem, unless saxes met a fault first: saxes goes on after a fault (a close
    // tag that matches none closes the open ones), and a handler's problem then, such as a trace
    // closed early without its id, is not the file's first fault
    if (err instanceof LogError && failure === null) throw err;
    // a comment or CDATA section (which may hold '<') longer than V8's longest string
    if (err instanceof RangeError && /string length/i.test(err.message)) throw tooLong();
    failure ??= err;
  }
  if (failure === null) return;
  const message = (failure as Error).message;
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/.exec(message);
  throw new LogError(
    file,
    m ? Number(m[1]) : parser.line,
    // saxes' column is the next character's, 0-based: the 1-based column of the one just read, and
    // 0 where none of the line was read (a file that ends at a line's start): column 1 then
    Math.max(1, m ? Number(m[2]) : parser.column),
    `not well-formed XML: ${m ? m[3] : message}`,
    format,
  );
}

/** The characters since the last '<', across chunks. */
class ItemLength {
  private since = 0;
  constructor(private readonly max: number) {}

  /** Where in `chunk` the text since the last '<' grows longer than the bound, or -1. */
  over(chunk: string): number {
    let from = 0;
    for (;;) {
      const lt = chunk.indexOf('<', from);
      const end = lt < 0 ? chunk.length : lt;
      if (this.since + end - from > this.max) return from + this.max - this.since;
      if (lt < 0) {
        this.since += end - from;
        return -1;
      }
      this.since = 0;
      from = lt + 1;
    }
  }
}
