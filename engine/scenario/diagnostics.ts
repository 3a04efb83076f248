// A problem found in a scenario file, located for a person: FILE:LINE:COL, and the dotted
// path of the offending key so that the message stays useful when lines move.

import { placedLine, WHOLE_FILE } from '../io/placed-line.js';
import { terminalText } from '../io/terminal-text.js';

export type Severity = 'error' | 'warning';

export interface Position {
  line: number; // 1-based
  col: number; // 1-based
}

export interface Diagnostic extends Position {
  severity: Severity;
  file: string;
  message: string;
  path: string; // dotted, e.g. flows.order_to_activation.nodes.check.branch
  /** a warning that a team is offered more work than its capacity (no steady state): what a command that measures no instability of its own keeps under -q */
  overload?: true;
}

/** `FILE:LINE:COL: MESSAGE (at PATH)`, PATH `file` for the whole file (a YAML syntax error, a missing top-level key, a wrong kind of file); warnings say so after the position. */
export function formatDiagnostic(d: Diagnostic): string {
  const what = d.severity === 'warning' ? `warning: ${d.message}` : d.message;
  // printed to a terminal: a file's control characters are shown, not obeyed
  return terminalText(placedLine(d.file, d.line, d.col, what, d.path || WHOLE_FILE));
}

/** In file order; the sort is stable, so diagnostics at one place keep the order they were found in. */
export function sortByPosition(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Dotted path of a key path; numeric segments are list indexes. */
export function dottedPath(path: readonly (string | number)[]): string {
  return path.join('.');
}
