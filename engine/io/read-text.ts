// A text file read whole, up to a stated size. readFileSync reads until the end of the file,
// and a device or pipe given as a file name (/dev/zero, a FIFO that a process keeps writing)
// has no end: the process grew to gigabytes before anything refused it.
//
// Invariant: at most `maxBytes` bytes plus one chunk are ever held; a file larger than
// `maxBytes` (by its size when it has one, by what was read when it has none) is refused with
// a TextFileTooLarge, before any of it is decoded. Other failures are readFileSync's.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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
} as const;

export class TextFileTooLarge extends Error {}

/**
 * The file's bytes as UTF-8 text, as `readFileSync(file, 'utf8')` gives them, or a
 * TextFileTooLarge beyond `maxBytes`; `what` names the file in its message ("a scenario file").
 */
export function readTextFile(file: string, maxBytes: number, what: string): string {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(maxBytes, what);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(maxBytes, what); // a file that grew, or one without a size
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function tooLarge(maxBytes: number, what: string): TextFileTooLarge {
  return new TextFileTooLarge(`it holds more than ${maxBytes / MiB} MiB, the most etomsim reads as ${what}`);
}
