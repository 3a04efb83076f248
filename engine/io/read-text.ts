// A text (or binary) file read whole, up to a stated size. readFileSync reads until the end of the file,
// and a device or pipe given as a file name (/dev/zero, a FIFO that a process keeps writing)
// has no end: the process grew to gigabytes before anything refused it.
//
// Invariant: at most `maxBytes` bytes plus one chunk are ever held; a file larger than
// `maxBytes` (by its size when it has one, by what was read when it has none) is refused with
// a TextFileTooLarge, before any of it is decoded; a text is decoded as every text file etomsim
// reads is (text-encoding.ts), its undecodable bytes refused at their line and column. Other
// failures are readFileSync's.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { groupThousands } from '../number-format.js';
import { decodeText } from './text-encoding.js';

const CHUNK = 1 << 16;
const MiB = 2 ** 20;

/**
 * The largest file of each kind read (docs/scenario-format.md, docs/results-format.md): far
 * beyond what a person writes or a run produces, within what the parsers finish (YAML and BPMN
 * take about a second per megabyte) and below V8's longest string (512 MiB of characters).
 */
export const MAX_BYTES = {
  scenario: 64 * MiB,
  bpmn: 64 * MiB,
  /** results.json, sizing.json, shard files: a run's own output, so more room */
  results: 256 * MiB,
  // an event log's limits, an OCEL SQLite log's size among them, are in engine/interchange/log-limits.ts
} as const;

export class TextFileTooLarge extends Error {}

/**
 * What a failed read of a file the user named tells them: the two usual mistakes (no such
 * file, a folder) in the same plain words on every command, anything else as the system put it.
 */
export function unreadable(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return err instanceof Error ? err.message : String(err);
}

/** A file whose bytes are not UTF-8 text, nor UTF-16 with its byte-order mark: where decoding failed, and what to do. */
export class UndecodableText extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The file's text, decoded as a scenario's and an event log's are (text-encoding.ts' decodeText):
 * UTF-8 as `readFileSync(file, 'utf8')` gives it, or UTF-16 by its byte-order mark; an
 * UndecodableText at the line and column of the first byte that is neither (decoded leniently,
 * it became U+FFFD, and a UTF-16 file NULs between letters that no parser placed), or a
 * TextFileTooLarge beyond `maxBytes`; `what` names the file in its message ("a BPMN file").
 * What reads BPMN files, results.json and sizing.json (`report`) and shard files (`merge`).
 */
export function readTextFile(file: string, maxBytes: number, what: string): string {
  const bytes = readBytesFile(file, maxBytes, what);
  try {
    return textOfBytes(bytes);
  } finally {
    releaseBytes(bytes);
  }
}

/** Bytes read whole (readBytesFile) as readTextFile decodes them: for a command that looks at the bytes first (their kind: file-kind.ts' sniffBytes). */
export function textOfBytes(bytes: Buffer): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UndecodableText(decoded.line, decoded.col, decoded.message);
  return decoded.text;
}

/**
 * Gives back the memory of bytes that readBytesFile read, once they are decoded: unreferenced,
 * they stayed resident until a full collection, which a report runs none of before its end (a
 * results file of 12 MB: 12 MB of the report's peak, docs/performance-notes.md, session 43).
 * Their ArrayBuffer is transferred to a clone nothing keeps (no copy), which the next scavenge
 * frees; `bytes` is empty after. A buffer smaller than its ArrayBuffer is left alone: it may be
 * a slice of Node's pool, which other buffers share.
 */
export function releaseBytes(bytes: Buffer): void {
  const whole = bytes.buffer;
  if (whole instanceof ArrayBuffer && bytes.byteOffset === 0 && whole.byteLength === bytes.byteLength)
    structuredClone(whole, { transfer: [whole] });
}

/** The file's bytes, as `readFileSync(file)` gives them, or a TextFileTooLarge beyond `maxBytes`. */
export function readBytesFile(file: string, maxBytes: number, what: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(maxBytes, what);
    const chunks: Buffer[] = [];
    let total = 0;
    if (stat.isFile() && stat.size > 0) {
      // its size known: one buffer, no copy (a large binary file: 64 KiB chunks concatenated
      // cost a second per 100 MB on a loaded machine); a file that grew since is read on below
      const whole = Buffer.allocUnsafe(stat.size);
      for (let n = 1; n > 0 && total < stat.size; total += n) n = readSync(fd, whole, total, stat.size - total, null);
      chunks.push(whole.subarray(0, total));
    }
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(maxBytes, what); // a file that grew, or one without a size
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** The message of a file refused for its size (also for a gzip file whose content is larger). */
export function tooLarge(maxBytes: number, what: string): TextFileTooLarge {
  return new TextFileTooLarge(`it holds more than ${bytesText(maxBytes)}, the most etomsim reads as ${what}`);
}

/** A size for a message: "4 GiB", "512 MiB", else its bytes ("536,870,888 bytes"). */
export function bytesText(n: number): string {
  if (n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n % MiB === 0) return `${n / MiB} MiB`;
  return `${groupThousands(String(n))} bytes`;
}
