// Feeds a log's text to a saxes parser chunk by chunk (XES, OCEL's XML) and turns what goes
// wrong into a LogError at its line and column: a handler's own LogError as it is thrown, and
// saxes' complaint (or the stream's: a truncated gzip) as "not well-formed XML". Invariant:
// parsing stops at the first failure; the parser is closed once, after the last chunk, only
// when nothing failed.
import type { SaxesParser } from 'saxes';
import { LogError } from './event-log.js';

export async function feedXml(file: string, parser: SaxesParser, chunks: AsyncIterable<string>, format: 'XES' | 'OCEL'): Promise<void> {
  let failure: unknown = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (failure !== null) break;
    }
    if (failure === null) parser.close();
  } catch (err) {
    if (err instanceof LogError) throw err;
    failure ??= err;
  }
  if (failure === null) return;
  const message = (failure as Error).message;
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/.exec(message);
  throw new LogError(
    file,
    m ? Number(m[1]) : parser.line,
    m ? Number(m[2]) : parser.column,
    `not well-formed XML: ${m ? m[3] : message}`,
    format,
  );
}
