// The one form of a problem placed in a file, whatever the file and the command:
// `FILE:LINE:COL: MESSAGE (at WHERE)`, WHERE a scenario's dotted key path, a BPMN element, a log
// entry's path, or `file` for the whole file. Written once, here, so that no reader's message can
// lose a part of it (the BPMN fuzzer found one that lost its "(at ...)", session 54). And the one
// form of a line that sums up the problems told before it, which is no problem and so not in
// that form (session 56). And the one cap on the problems a refusal tells one by one, whatever
// the input, with the one line that stands for the rest (session 61).
// Invariant: a line is returned as built; a caller that prints it shows control characters
// through terminalText, as each caller did before.

import { wholeNumber } from '../number-format.js';

/**
 * WHERE for a problem of the whole file rather than a place in it: one that cannot be read, of
 * the wrong kind, not UTF-8, a syntax error, a missing top-level key. One word whatever the
 * file's kind (a scenario's, a results file's and a shard file's said `<document>` until session
 * 55, where every other refusal said `file`; an event log's whole content, empty, without events
 * or cases, until session 56 `CSV`, `XES` or `OCEL`). An event log's problem of its text at a line
 * and column (a syntax error, a limit passed) names instead the form its reader took the file for,
 * `CSV`, `XES` or `OCEL`: a log's form is told from its first bytes, not its name, so the word says
 * which reader found the fault, which no other input (a scenario is YAML, a model BPMN) needs.
 */
export const WHOLE_FILE = 'file';

/**
 * WHERE for a problem of a folder named as an input (`merge`'s folder that holds no shard file),
 * or named where a file is read (input-file.ts): it has no lines, and it is no file.
 */
export const WHOLE_FOLDER = 'folder';

/** `FILE:LINE:COL: MESSAGE (at WHERE)`, lines and columns counted from 1. */
export function placedLine(file: string, line: number, col: number, message: string, at: string): string {
  return `${file}:${line}:${col}: ${message} (at ${at})`;
}

/**
 * A line that sums up the problems told above it (how many, how many more were not told, that
 * nothing was written): `etomsim: FILE: MESSAGE`, which a problem matcher (an editor's, a CI's
 * annotations) reading `FILE:LINE:COL:` does not count as one more problem. Until session 56
 * import-bpmn's conclusion and a database log's "and N more" were placed at `FILE:1:1: ... (at
 * file)`. It starts `etomsim: ` as every line of etomsim's own that is no placed problem does
 * (validate's count of the files not valid).
 */
export function summaryLine(file: string, message: string): string {
  return `etomsim: ${file}: ${message}`;
}

/**
 * How many problems of one input a refusal tells one by one: a scenario or results file's (its
 * lists' own cap aside, scenario/problems.ts), a BPMN file's, an OCEL SQLite log's. A file can
 * hold a million bad values: 150,000 wrong durations in one list crashed validation, a results.json
 * of 3 M bad values printed 3 M lines (2.8 GB), and a BPMN task of 199,000 unknown attributes
 * 199,000 lines (until session 61; a database log told 20). The rest are counted, in one line.
 */
export const PROBLEMS_TOLD = 200;

/**
 * The message of the line that stands for the problems past the first PROBLEMS_TOLD: placed where
 * the first of them is (a problem itself, so an editor goes to it), it says how many they are
 * and what the first is. `toldFor`: the problems the told lines stand for, where some of them
 * stand for several (merge's shard files, each under its own cap): the first PROBLEMS_TOLD were
 * not all told one by one then, and the line says what its lines above hold (until session 63
 * it said "the first 200 are" there too).
 */
export function untoldMessage(count: number, first: string, toldFor = PROBLEMS_TOLD): string {
  const told =
    toldFor === PROBLEMS_TOLD
      ? `the first ${PROBLEMS_TOLD} are`
      : `the ${PROBLEMS_TOLD} lines above stand for the first ${wholeNumber(toldFor)}`;
  return `${wholeNumber(count)} more problems, not told one by one (${told}); the first of them: ${first}`;
}

/**
 * Of a line that stands for several problems of its input (its own cap's line, or a list's rest,
 * scenario/problems.ts): how many, and, where it is an untoldMessage line, the first one's own
 * message. A refusal that tells the lines of many inputs under the one cap (`merge`'s shard files)
 * counts these problems, not the line (until session 62 one shard's 100 more counted as 1).
 */
export interface Standing {
  count: number;
  first?: string;
}

/**
 * The problems to tell of `found` in all, in the order found: every one when they are at most
 * PROBLEMS_TOLD + 1 (a rest of one is told as it is), else the first PROBLEMS_TOLD and the first
 * of the rest standing for them all (untoldMessage), which counts each line of the rest as the
 * problems it stands for (`stands`, 1 without). `problems` holds the first ones found, at least
 * PROBLEMS_TOLD + 1 of them when `found` is more (a reader that counts the rest keeps no more).
 */
export function toldProblems<P extends { message: string; stands?: Standing }>(problems: readonly P[], found = problems.length): P[] {
  if (found <= PROBLEMS_TOLD + 1) return problems.slice(0, found);
  const first = problems[PROBLEMS_TOLD];
  const held = Math.min(found, problems.length);
  let rest = found - held;
  for (let i = PROBLEMS_TOLD; i < held; i++) rest += problems[i].stands?.count ?? 1;
  let toldFor = 0;
  for (let i = 0; i < PROBLEMS_TOLD; i++) toldFor += problems[i].stands?.count ?? 1;
  const line = { ...first, message: untoldMessage(rest, first.stands?.first ?? first.message, toldFor) };
  delete line.stands;
  return [...problems.slice(0, PROBLEMS_TOLD), line];
}
