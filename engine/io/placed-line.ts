// The one form of a problem placed in a file, whatever the file and the command:
// `FILE:LINE:COL: MESSAGE (at WHERE)`, WHERE a scenario's dotted key path, a BPMN element, a log
// entry's path, or `file` for the whole file. Written once, here, so that no reader's message can
// lose a part of it (the BPMN fuzzer found one that lost its "(at ...)", session 54).
// Invariant: the line is returned as built; a caller that prints it shows control characters
// through terminalText, as each caller did before.

/**
 * WHERE for a problem of the whole file rather than a place in it: one that cannot be read, of
 * the wrong kind, not UTF-8, a syntax error, a missing top-level key. One word whatever the
 * file's kind (a scenario's, a results file's and a shard file's said `<document>` until session
 * 55, where every other refusal said `file`).
 */
export const WHOLE_FILE = 'file';

/** `FILE:LINE:COL: MESSAGE (at WHERE)`, lines and columns counted from 1. */
export function placedLine(file: string, line: number, col: number, message: string, at: string): string {
  return `${file}:${line}:${col}: ${message} (at ${at})`;
}
