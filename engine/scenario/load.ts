// The public entry of engine/scenario: a scenario file in, the validated baseline and
// variants out, or every problem found, each placed at FILE:LINE:COL with what to fix.

import { HEAD_BYTES, SCENARIO_INPUT, sniffBytes, wrongKind } from '../io/file-kind.js';
import { SCENARIO_FILE } from '../io/input-file.js';
import { readBytesFile } from '../io/read-text.js';
import { decodeText } from '../io/text-encoding.js';
import { dottedPath, hasErrors, sortByPosition, type Diagnostic, type Position } from './diagnostics.js';
import { Problems, type KeyPath, type Problem } from './problems.js';
import type { ScenarioSet } from './types.js';
import { validateScenario } from './validate.js';
import { checkAddedNames } from './usage.js';
import { ReadOnce } from './read-once.js';
import { agree } from '../plural.js';
import { readVariants } from './variants.js';
import { readYamlSource, type PositionIndex } from './yaml-source.js';

export interface LoadResult {
  set: ScenarioSet | null; // null when there is at least one error
  diagnostics: Diagnostic[]; // errors AND warnings, sorted by line then col
  /** Position of a dotted path in the file; for a variant, positions inside its patch win
   *  (deepest prefix of the path that the patch itself contains), else the baseline's. */
  locate(path: string, variant?: string | null): Position;
}

/**
 * A file that cannot be read (missing, a folder, '-', too large...) throws input-file.ts'
 * InputRefused, as every command's input does; one read is refused as no scenario, at 1:1.
 */
export function loadScenarioFile(file: string): LoadResult {
  const source = readScenarioSource(file);
  return 'text' in source ? loadScenarioText(source.text, file) : source.refused;
}

/**
 * A scenario file's text, decoded (UTF-8, or UTF-16 by its byte-order mark), or the one problem
 * that stops it being read as a scenario: what loadScenarioFile reads, and `run --shard`, which
 * keeps the text it ran. A file that cannot be read throws an InputRefused (input-file.ts).
 */
export function readScenarioSource(file: string): { text: string } | { refused: LoadResult } {
  const bytes = readBytesFile(file, SCENARIO_FILE);
  // another kind of file etomsim reads or writes (a BPMN model, an event log, a results.json...) is
  // named as such, with the command that reads it, before its bytes are decoded or parsed as YAML
  const sniffed = sniffBytes(bytes.subarray(0, HEAD_BYTES), file);
  const other = wrongKind(sniffed, SCENARIO_INPUT, file);
  if (other !== null) return { refused: refused(file, 1, 1, other) };
  // a gzip file of no kind known: its bytes read as YAML gave a screenful of binary in a dozen 'invalid YAML' lines
  if (sniffed.gzip)
    return {
      refused: refused(file, 1, 1, 'this is a gzip file, not a scenario: an event log? etomsim discover makes a scenario from one'),
    };
  const decoded = decodeText(bytes);
  return decoded.ok ? { text: decoded.text } : { refused: refused(file, decoded.line, decoded.col, decoded.message) };
}

/** A file that is no scenario: one problem at `line`:`col`. */
function refused(file: string, line: number, col: number, message: string): LoadResult {
  const diagnostic: Diagnostic = { severity: 'error', file, line, col, message, path: '' };
  return { set: null, diagnostics: [diagnostic], locate: () => ({ line: 1, col: 1 }) };
}

export function loadScenarioText(text: string, file: string): LoadResult {
  const source = readYamlSource(text);
  const locator = new Locator(source.positions);
  const diagnostics: Diagnostic[] = source.problems.map((p) => ({ ...p, file, path: '' }));
  const result = (set: ScenarioSet | null): LoadResult => ({
    set: hasErrors(diagnostics) ? null : set,
    diagnostics: sortByPosition(diagnostics),
    locate: (path, variant) => locator.locate(path === '' ? [] : path.split('.'), 'key', variant ?? null),
  });
  if (source.value === undefined) return result(null);

  const baselineProblems = new Problems();
  const read = new ReadOnce(); // a variant takes the baseline's reading of each part its patch leaves alone
  const baseline = validateScenario(source.value, baselineProblems, read);
  const variants = readVariants(source.value, baselineProblems);
  const place = (problem: Problem, variant: string | null): Diagnostic => {
    const [path, part] = problem.anchor === 'parent' ? [problem.path.slice(0, -1), 'value' as const] : [problem.path, problem.anchor];
    const prefix = variant === null ? '' : `variant '${variant}': `;
    return {
      severity: 'error',
      file,
      ...locator.locate(path, part, variant),
      message: prefix + problem.message + (variant === null ? '' : keptByPatch(problem, variant, locator)),
      path: dottedPath(problem.path),
    };
  };
  // a loop, not push(...list): a spread of many thousands of arguments overflows the stack
  for (const p of baselineProblems.told()) diagnostics.push(place(p, null));

  // A problem the baseline already has would otherwise be repeated once per variant: known by its
  // place and words, or by its place alone where the variant's words may name what it changed (a
  // misspelt team's "known:" list without the team a variant removes: the README's worked example
  // told one typo twice) unless the variant's patch writes that very place, and so may have a
  // problem of its own there (a patch under a node never reached does not make its problem new).
  const knownWords = new Set(baselineProblems.told().map(identity));
  const knownPlaces = new Set(baselineProblems.told().map(placeOf));
  const told = (p: Problem, variant: string) =>
    knownWords.has(identity(p)) || (knownPlaces.has(placeOf(p)) && !locator.inPatch(p.path, variant));
  const validated = variants.map((variant) => {
    const problems = new Problems();
    for (const { path, message } of variant.unresolved) problems.atKey(path, message);
    const scenario = validateScenario(variant.document, problems, read);
    if (scenario) checkAddedNames(source.value, scenario, problems);
    for (const p of problems.told()) if (!told(p, variant.name)) diagnostics.push(place(p, variant.name));
    return { name: variant.name, description: variant.description, scenario };
  });

  if (!baseline || validated.some((v) => !v.scenario)) return result(null);
  return result({
    file,
    baseline,
    variants: validated.map((v) => ({ name: v.name, description: v.description, scenario: v.scenario! })),
  });
}

/**
 * For a variant's problem with keys of a map its patch writes (Problem.keys): those the patch does
 * not write are the baseline's, kept by the merge (a patch swapping `{ exponential: ..., shift: 30m }`
 * for a uniform keeps the exponential or the shift unless it deletes them), and what to write in
 * the patch to delete them; '' where there are none.
 */
function keptByPatch(problem: Problem, variant: string, locator: Locator): string {
  const keys = problem.keys;
  if (keys === undefined || !locator.inPatch(keys.at, variant)) return '';
  const kept = keys.names.filter((k) => !locator.inPatch([...keys.at, k], variant));
  if (kept.length === 0) return '';
  const names = kept.map((k) => `'${k}'`).join(' and ');
  const nulls = kept.map((k) => `${k}: null`).join(', ');
  const map = keys.at.at(-1);
  return `; ${names} ${agree(kept.length, 'is', 'are')} the baseline's, kept because a patch merges maps: to delete ${agree(kept.length, 'it', 'them')}, write ${nulls} in the patch's '${String(map)}'`;
}

/** A problem as told: its place and its words. */
function identity(problem: Problem): string {
  return JSON.stringify([problem.path, problem.anchor, problem.message]);
}

/** Where a problem is: its path and whether its key, value or parent is meant. */
function placeOf(problem: Problem): string {
  return JSON.stringify([problem.path, problem.anchor]);
}

/** Places scenario paths in the file, looking first inside a variant's patch. */
class Locator {
  constructor(private readonly positions: PositionIndex) {}

  /** Whether the variant's patch itself writes the path. */
  inPatch(path: KeyPath, variant: string): boolean {
    return this.positions.has(['variants', variant, 'patch', ...path]);
  }

  locate(path: KeyPath, part: 'key' | 'value', variant: string | null): Position {
    if (variant !== null && this.positions.has(['variants', variant, 'patch'])) {
      const patch = ['variants', variant, 'patch'];
      // The deepest (non-empty) prefix of the path that the patch itself writes.
      for (let depth = path.length; depth >= 1; depth--) {
        const inPatch = [...patch, ...path.slice(0, depth)];
        if (this.positions.has(inPatch)) return this.positions.locate(inPatch, depth === path.length ? part : 'key');
      }
    }
    return this.positions.locate(path, part);
  }
}
