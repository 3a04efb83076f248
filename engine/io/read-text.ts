// An input file read whole, up to the most its kind is read to (input-file.ts' InputFile). readFileSync
// reads until the end of the file, and a device or pipe given as a file name (/dev/zero, a FIFO that a
// process keeps writing) has no end: the process grew to gigabytes before anything refused it.
//
// Invariant: at most `maxBytes` bytes plus one chunk are ever held; a file larger than `maxBytes` (by
// its size when it has one, by what was read when it has none) is refused, before any of it is
// decoded, with input-file.ts' InputRefused, as a file that will not open or read is; a text is
// decoded as every text file etomsim reads is (text-encoding.ts), its undecodable bytes refused at
// their line and column.
import { closeSync, readSync } from 'node:fs';
import { type InputFile, InputRefused, openInput, refusal, tooLarge, unreadable } from './input-file.js';
import { decodeText } from './text-encoding.js';

const CHUNK = 1 << 16;

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
 * it became U+FFFD, and a UTF-16 file NULs between letters that no parser placed), or
 * readBytesFile's InputRefused.
 */
export function readTextFile(file: string, input: InputFile): string {
  const bytes = readBytesFile(file, input);
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

/**
 * The file's bytes, as `readFileSync(file)` gives them: opened by input-file.ts' openInput (so
 * refused there as every command's input is: '-', missing, a folder, unreadable), and refused
 * beyond `input.maxBytes` with the same InputRefused; a read that fails is one too.
 */
export function readBytesFile(file: string, input: InputFile): Buffer {
  const { fd, stats } = openInput(file, input);
  const maxBytes = input.maxBytes;
  try {
    if (stats.isFile() && stats.size > maxBytes) throw tooLarge(file, input);
    const chunks: Buffer[] = [];
    let total = 0;
    if (stats.isFile() && stats.size > 0) {
      // its size known: one buffer, no copy (a large binary file: 64 KiB chunks concatenated
      // cost a second per 100 MB on a loaded machine); a file that grew since is read on below
      const whole = Buffer.allocUnsafe(stats.size);
      for (let n = 1; n > 0 && total < stats.size; total += n) n = readSync(fd, whole, total, stats.size - total, null);
      chunks.push(whole.subarray(0, total));
    }
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(file, input); // a file that grew, or one without a size
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof InputRefused) throw err;
    throw refusal(file, input, unreadable(err, input)); // a read the system failed (EIO)
  } finally {
    closeSync(fd);
  }
}
