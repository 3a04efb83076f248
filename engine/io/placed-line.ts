// The one form of a problem placed in a file, whatever the file and the command:
// `FILE:LINE:COL: MESSAGE (at WHERE)`, WHERE a scenario's dotted key path, a BPMN element, a log
// entry's path, or `file` for the whole file. Written once, here, so that no reader's message can
// lose a part of it (the BPMN fuzzer found one that lost its "(at ...)", session 54).
// Invariant: the line is returned as built; a caller that prints it shows control characters
// through terminalText, as each caller did before.

/** `FILE:LINE:COL: MESSAGE (at WHERE)`, lines and columns counted from 1. */
export function placedLine(file: string, line: number, col: number, message: string, at: string): string {
  return `${file}:${line}:${col}: ${message} (at ${at})`;
}
