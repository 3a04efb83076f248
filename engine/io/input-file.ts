// The one place a file the user names as a command's input is opened: a scenario (validate, run,
// size, bottlenecks, export-bpmn, fidelity), an event log (discover, fidelity), a BPMN model
// (import-bpmn), a results.json or sizing.json (report), a shard file (merge). What stops a file
// being read before its content is looked at is said here, in the same words whichever command
// reads it: '-' (standard input, which no command reads), a missing file, a folder, a file the
// system will not open (no permission, a loop of symbolic links), a file larger than the most its
// kind is read to, and, for an event log, which is read more than once, a pipe or a device.
//
// Invariant: each of those refusals is an InputRefused, `FILE:1:1: cannot read WHAT: WHY (at
// file)` (a folder's `(at folder)`), thrown before a byte of the file is read; every command
// prints it as it is and exits 2 (bin/report-failure.ts), and none has written anything by then.
import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import { groupThousands } from '../number-format.js';
import { placedLine, WHOLE_FILE, WHOLE_FOLDER } from './placed-line.js';
import { readOnce } from './file-kind.js';

const MiB = 2 ** 20;

/** A kind of input file: how a message names it, and the most of it that is read. */
export interface InputFile {
  /** the file in a refusal: 'cannot read the scenario: ...' */
  name: string;
  /** its kind in a refusal for its size: 'the most etomsim reads as a scenario file' */
  kind: string;
  /** the most bytes read whole (readBytesFile); an event log's limits are log-limits.ts' */
  maxBytes: number;
  /** read more than once (an event log: its head tells its format): a pipe or a device is refused, as /dev/stdin is not offered */
  rereads?: true;
  /** a folder is an input too (merge's folders of shard files): a missing one is 'no such file or folder' */
  folders?: true;
}

/**
 * The largest file of each kind read whole (docs/scenario-format.md, docs/results-format.md): far
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

export const SCENARIO_FILE: InputFile = { name: 'the scenario', kind: 'a scenario file', maxBytes: MAX_BYTES.scenario };
export const BPMN_FILE: InputFile = { name: 'the BPMN model', kind: 'a BPMN file', maxBytes: MAX_BYTES.bpmn };
export const RESULTS_FILE: InputFile = { name: 'the results file', kind: 'a results file', maxBytes: MAX_BYTES.results };
export const SHARD_FILE: InputFile = { name: 'the shard file', kind: 'a shard file', maxBytes: MAX_BYTES.results, folders: true };
/** streamed, within engine/interchange/log-limits.ts' limits; read whole only as an OCEL SQLite database, to its own limit */
export const LOG_FILE: InputFile = { name: 'the log', kind: 'an event log', maxBytes: Number.POSITIVE_INFINITY, rereads: true };

/** A file refused before it is read, for one of the reasons this module tells: its message is the whole line, FILE:1:1: ... (at file). */
export class InputRefused extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly at: string = WHOLE_FILE,
  ) {
    super(placedLine(file === '' ? "''" : file, 1, 1, detail, at));
  }
}

/**
 * The refusal of a folder named where a file is read: what was given and what is wanted, at
 * `(at folder)` (it has no lines, and it is no file), as `run` refuses a file named for its output
 * folder ("it is a file, not a folder; choose another output folder").
 */
function folderRefused(file: string, input: InputFile): InputRefused {
  return new InputRefused(file, `cannot read ${input.name}: it is a folder, not a file; give ${input.kind}`, WHOLE_FOLDER);
}

/** The refusal of `file` as `input`, for `why` ('no such file'). */
export function refusal(file: string, input: InputFile, why: string): InputRefused {
  return new InputRefused(file, `cannot read ${input.name}: ${why}`);
}

/**
 * Why a stream cannot be an event log (`<(zcat log.csv.gz)`, /dev/stdin): it is read more than once
 * (its head for its format, then through, and again to place a problem), and a pipe gives its
 * bytes once (a raw "ESPIPE: invalid seek" before, s34y F2). Buffering it whole would hold up to
 * the log's limit (log-limits.ts) in memory for what a file does without.
 */
const FROM_A_STREAM =
  'an event log is read more than once (its head tells its format), which only a file allows; save it to a file first (a gzip-compressed log is read as it is, no need to unzip it)';

/**
 * `file` opened for reading, and what fstat says of it: or an InputRefused for '-' or an empty
 * name, a file that will not open, a folder, or (`input.rereads`) a pipe or a device. The caller
 * closes the descriptor.
 */
export function openInput(file: string, input: InputFile): { fd: number; stats: Stats } {
  if (file === '-' || file === '')
    throw refusal(
      file,
      input,
      file === ''
        ? 'the file name is empty'
        : input.rereads
          ? `'-' (standard input) is not read: ${FROM_A_STREAM}`
          : "'-' (standard input) is not read; give a file, or /dev/stdin for standard input",
    );
  let fd: number;
  try {
    // a named pipe opened to be refused (an event log's) must not wait for a writer that may never come
    fd = openSync(file, input.rereads ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'EISDIR') throw folderRefused(file, input);
    throw refusal(file, input, unreadable(err, input));
  }
  try {
    const stats = fstatSync(fd);
    // a folder opens (on Linux): its first read fails, with Node's words
    if (stats.isDirectory()) throw folderRefused(file, input);
    if (input.rereads && readOnce(stats))
      throw new InputRefused(file, `cannot read ${input.name} from a pipe or a device: ${FROM_A_STREAM}`);
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    if (err instanceof InputRefused) throw err;
    throw refusal(file, input, unreadable(err, input));
  }
}

/** The refusal of a file whose size is past `input.maxBytes` (by its size when it has one, by what was read when not). */
export function tooLarge(file: string, input: InputFile): InputRefused {
  return refusal(file, input, tooLargeWhy(input.maxBytes, input.kind));
}

/** Why a file is refused for its size: 'it holds more than 64 MiB, the most etomsim reads as a scenario file' (also a gzip file's content). */
export function tooLargeWhy(maxBytes: number, kind: string): string {
  return `it holds more than ${bytesText(maxBytes)}, the most etomsim reads as ${kind}`;
}

/**
 * What a failed open or read of a file the user named tells them: the usual mistakes (no such
 * file, a folder, no permission, a loop of symbolic links) in plain words, anything else as the
 * system put it.
 */
export function unreadable(err: unknown, input?: InputFile): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return input?.folders ? 'no such file or folder' : 'no such file';
  if (code === 'ENOTDIR') return `no such file (a part of its path is a file, not a folder)`;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it';
  if (code === 'ELOOP') return 'its path is a loop of symbolic links';
  if (code === 'ENAMETOOLONG') return 'its name is too long';
  return err instanceof Error ? err.message : String(err);
}

/** A size for a message: "4 GiB", "512 MiB", else its bytes ("536,870,888 bytes"). */
export function bytesText(n: number): string {
  if (n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n % MiB === 0) return `${n / MiB} MiB`;
  return `${groupThousands(String(n))} bytes`;
}
