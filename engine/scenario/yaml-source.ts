// A scenario file read as YAML (JSON is YAML too) into plain data, keeping where every key
// and value was written so that problems found later in the plain data can be shown at
// their LINE:COL. The file is data: only the YAML core schema is used (no custom types,
// nothing is evaluated), whatever `%YAML` directive the file carries.

import type { Alias, Document, Node, YAMLError } from 'yaml';
import type { Position, Severity } from './diagnostics.js';
import { quoted } from './fields.js';
import { findTooDeep, MAX_NESTING } from './nesting.js';
import { wholeNumber } from '../number-format.js';
import type { KeyPath } from './problems.js';
import { linePosition, type Place, readSimpleYaml } from './simple-yaml.js';

/**
 * The yaml package, loaded when a text is first left to it: most files are read without it
 * (simple-yaml.ts), and evaluating its forty modules cost `validate` of the fiber scenario 6 M
 * instructions and its cache 60 KB (session 23). In the bundle esbuild makes the require() its
 * own lazy initialiser of the yaml it holds (in validate.cjs and run.cjs, of a module that
 * loads dist/cli/yaml.cjs, tools/bundle.mjs yamlBeside); dist/'s ES modules, which have no require,
 * take Node's (the same CommonJS files that an import of 'yaml' gives them on Node), through
 * node:module taken then: imported statically, it made every script that holds this module load
 * node:module and the ES-module loader it requires as it started (session 52).
 */
function yamlLibrary(): typeof import('yaml') {
  library ??=
    typeof require === 'function' ? require('yaml') : process.getBuiltinModule('node:module').createRequire(import.meta.url)('yaml');
  return library!;
}
let library: typeof import('yaml') | undefined;

/** A problem in the YAML itself, already placed in the file. */
export interface SourceProblem extends Position {
  severity: Severity;
  message: string;
}

/**
 * Where each path of the document was written. Kept as offsets, each turned into a LINE:COL
 * only when a problem or a warning is placed there: a valid file asks for none, and the
 * Walker visits every node of it.
 */
export class PositionIndex {
  /** `at`: an offset's LINE:COL; `places`: each path (as pathKey spells it) to where its key and value start (-1: none, or the file's start). */
  constructor(
    private readonly at: (offset: number) => Position = () => ({ line: 1, col: 1 }),
    private readonly places = new Map<string, Place>(),
  ) {}

  /** `key`: the path as pathKey spells it. */
  set(key: string, place: Place): void {
    this.places.set(key, place);
  }

  has(path: KeyPath): boolean {
    return this.places.has(pathKey(path));
  }

  /**
   * Position of the path's key (or its value), or, when the path was not written in the
   * file, the key of its deepest written prefix. Keys are preferred for prefixes because
   * the line of a key is what a person looks for.
   */
  locate(path: KeyPath, part: 'key' | 'value'): Position {
    const exact = this.places.get(pathKey(path));
    if (exact) return this.position(part === 'key' && exact.key !== -1 ? exact.key : exact.value);
    for (let depth = path.length - 1; depth >= 0; depth--) {
      const place = this.places.get(pathKey(path.slice(0, depth)));
      if (place) return this.position(place.key !== -1 ? place.key : place.value);
    }
    return { line: 1, col: 1 };
  }

  /** An offset's LINE:COL; -1 (no place) the file's start. */
  position(offset: number): Position {
    return offset === -1 ? { line: 1, col: 1 } : this.at(offset);
  }
}

/** A path as the index keys it: its parts joined by dots (the root: ''). */
function pathKey(path: KeyPath): string {
  return path.map(String).join('.');
}

/** pathKey of a child of the path keyed `parent`, at `depth` (the child's path length): built on the parent's, not joined again. */
function childKey(parent: string, depth: number, key: string | number): string {
  return depth === 1 ? String(key) : `${parent}.${key}`;
}

export interface YamlSource {
  /** The document as plain data; undefined when the YAML itself has errors. */
  value: unknown;
  problems: SourceProblem[];
  positions: PositionIndex;
}

/** `simple`: false reads every text with yaml (the tests compare the two readings). */
export function readYamlSource(raw: string, simple = true): YamlSource {
  // CR alone ends a line in YAML 1.2 as CRLF and LF do; the parser counts LF only, so every
  // break becomes LF (line numbers and columns stay those of the file).
  const text = raw.replace(/\r\n?/g, '\n');
  // before either reader: each holds every value it reads (the simple one's 3 million block lines
  // took 4 s and 624 MB), and a file of a scenario's size is not scanned at all (separatorPast)
  const many = separatorPast(text, MAX_WRITTEN_VALUES);
  if (many >= 0) {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0 && i < many; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const message = `the file holds more than ${wholeNumber(MAX_WRITTEN_VALUES)} values here (by its commas and lines), the most etomsim reads: is it a scenario?`;
    return {
      value: undefined,
      problems: [{ ...linePosition(lineStarts, many), severity: 'error', message }],
      positions: new PositionIndex(),
    };
  }
  // the common shape of a scenario file, read without yaml's parser (simple-yaml.ts): the same
  // data and places, and no problems, which a text of that shape cannot have. It runs before
  // the nesting scan, which it makes needless: it counts levels as the scan does or more, stops
  // at MAX_NESTING, and recurses no deeper (docs/performance-notes.md, session 43).
  const read = simple ? readSimpleYaml(text) : null;
  if (read !== null) {
    const { lineStarts } = read;
    return { value: read.value, problems: [], positions: new PositionIndex((offset) => linePosition(lineStarts, offset), read.places) };
  }
  const deep = findTooDeep(text);
  if (deep) {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0 && i < deep.offset; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const message = `the file nests deeper than ${MAX_NESTING} levels here (a scenario needs about ten); flatten the lists and maps`;
    return {
      value: undefined,
      problems: [{ ...linePosition(lineStarts, deep.offset), severity: 'error', message }],
      positions: new PositionIndex(),
    };
  }
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false, // checked by the Walker with a set: the parser's own check is quadratic in a map's size
    prettyErrors: false,
    schema: 'core',
    merge: true, // `<<: *defaults` is everyday YAML for shared team or task settings
    logLevel: 'error', // 'silent' would also drop the error for a second document
  });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const problems: SourceProblem[] = [
    ...doc.errors.map((e) => ({ ...at(e.pos[0]), severity: 'error' as const, message: syntaxMessage(e, doc) })),
    ...doc.warnings.map((w) => ({ ...at(w.pos[0]), severity: 'warning' as const, message: warningMessage(w) })),
  ];
  const positions = new PositionIndex(at);
  const walker = new Walker(doc, at, positions, problems);
  walker.walk(doc.contents, '', 0, -1);
  if (problems.some((p) => p.severity === 'error')) return { value: undefined, problems, positions };
  const bomb = walker.tooManyAliased();
  if (bomb) {
    problems.push({ ...bomb.place, severity: 'error', message: bomb.message });
    return { value: undefined, problems, positions };
  }
  try {
    // yaml's own bound (maxAliasCount) refused a harmless file, an anchor used more than 100
    // times, in its words at 1:1; the Walker's count above bounds what aliases stand for instead
    const value: unknown = doc.toJS({ maxAliasCount: -1 });
    // Aliases can nest what the text does not: each alias of a list that holds an alias... Without
    // one, the value nests no deeper than the document's nodes (a merge key lifts what it merges).
    const path = walker.aliases || walker.deepest > MAX_NESTING ? pathTooDeep(value) : null;
    if (path) {
      const message = `aliases nest the document deeper than ${MAX_NESTING} levels here (a scenario needs about ten)`;
      problems.push({ ...positions.locate(path, 'value'), severity: 'error', message });
      return { value: undefined, problems, positions };
    }
    return { value, problems, positions };
  } catch (e) {
    // none is known: aliases are resolved and bounded above
    problems.push({ line: 1, col: 1, severity: 'error', message: `the file cannot be read: ${(e as Error).message}` });
    return { value: undefined, problems, positions };
  }
}

/**
 * The most values a scenario file may write, counted (separatorPast) as its commas and line breaks,
 * which are more: yaml's parser held some 170 bytes a value of a flow list (10 million in 20 MB took
 * 20 CPU s and 1.9 GB), and, a list left unclosed, about 1 KB (5 million in 10 MB: out of Node's
 * 4 GB heap after 67 CPU s, its report on stderr; one-off, load ~20); the simple reader about 200
 * bytes a block line (3 million: 4 s and 624 MB).
 */
export const MAX_WRITTEN_VALUES = 1_000_000;

/**
 * The offset of separator `max + 1` (a ',' or a line break) of `text`, or -1 when it has no more
 * than `max`: at once for a text of no more than `max` characters, as every scenario is.
 */
function separatorPast(text: string, max: number): number {
  if (text.length <= max) return -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x2c || c === 0x0a) && ++count > max) return i;
  }
  return -1;
}

/**
 * The most values the aliases of one file may stand for, written out: far beyond what a model
 * reuses (a task's settings merged into each of 2,500 tasks are some 25,000), and a bound on the
 * work of every check that walks the data, which an alias of an alias of ... (an "alias bomb":
 * a list of 9 values, then 9 lines each of 9 aliases of the line before: 4,412,961,486 values)
 * would otherwise multiply.
 */
export const MAX_ALIASED_VALUES = 1_000_000;

/** Records the position of every key and value, and the problems only the tree shows. */
class Walker {
  private readonly ancestors: Node[] = [];
  private readonly yaml = yamlLibrary();
  /** whether the document holds an alias; the longest path it holds */
  aliases = false;
  deepest = 0;
  /** the aliases as written, in the file's order, each to what it names */
  private readonly resolved = new Map<Alias, Node>();

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => Position,
    private readonly positions: PositionIndex,
    private readonly problems: SourceProblem[],
  ) {}

  /** `node` at the path keyed `path` (pathKey), `depth` long, its key at offset `key` (-1: none). */
  walk(node: unknown, path: string, depth: number, key: number): void {
    const value = hasRange(node) ? node.range[0] : key;
    this.positions.set(path, { key, value });
    if (depth > this.deepest) this.deepest = depth;
    if (this.yaml.isAlias(node)) {
      this.aliases = true;
      this.checkAlias(node);
      return; // what an alias stands for is placed where its anchor was written
    }
    if (!this.yaml.isMap(node) && !this.yaml.isSeq(node)) return;
    this.ancestors.push(node);
    if (this.yaml.isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) this.walk(node.items[i], childKey(path, depth + 1, i), depth + 1, -1);
    } else {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const keyPlace = hasRange(pair.key) ? pair.key.range[0] : value;
        const key = this.keyText(pair.key, keyPlace);
        if (keys.has(key) && key !== '<<') {
          this.problems.push({
            ...this.positions.position(keyPlace),
            severity: 'error',
            message: `key '${key}' appears twice in the same map; keep only one`,
          });
        }
        keys.add(key);
        this.walk(pair.value, childKey(path, depth + 1, key), depth + 1, keyPlace);
      }
    }
    this.ancestors.pop();
  }

  /** The key as the plain data spells it (yaml turns scalar keys into strings, null into ''). */
  private keyText(key: unknown, place: number): string {
    if (key === null || key === undefined) return '';
    if (this.yaml.isScalar(key)) return key.value === null ? '' : String(key.value);
    this.problems.push({
      ...this.positions.position(place),
      severity: 'error',
      message: 'a key must be a plain name, not a list or a map',
    });
    return '';
  }

  private checkAlias(alias: Alias): void {
    const place = hasRange(alias) ? this.at(alias.range[0]) : { line: 1, col: 1 };
    const target = alias.resolve(this.doc);
    if (target === undefined) {
      this.problems.push({ ...place, severity: 'error', message: `alias *${alias.source} has no anchor &${alias.source} before it` });
    } else if (this.ancestors.includes(target)) {
      this.problems.push({
        ...place,
        severity: 'error',
        message: `alias *${alias.source} is inside the very value it names, which would make it endless`,
      });
    } else this.resolved.set(alias, target as Node);
  }

  /**
   * The alias at which the values the file's aliases stand for pass MAX_ALIASED_VALUES, and why;
   * null when they do not. Each node's count is made once (aliases share what they name), so
   * this costs a look per node written, however much the aliases stand for.
   */
  tooManyAliased(): { place: Position; message: string } | null {
    const counts = new Map<unknown, number>();
    let total = 0;
    for (const [alias, target] of this.resolved) {
      const values = this.valuesOf(target, counts);
      total += values;
      if (total > MAX_ALIASED_VALUES) {
        const place = hasRange(alias) ? this.at(alias.range[0]) : { line: 1, col: 1 };
        return {
          place,
          message:
            `the aliases up to here stand for ${wholeNumber(total)} values written out (*${alias.source} alone for ${wholeNumber(values)}), ` +
            `more than the ${wholeNumber(MAX_ALIASED_VALUES)} etomsim reads: aliases of aliases multiply; reuse a block by one alias level, or write it out`,
        };
      }
    }
    return null;
  }

  /** The values `root` stands for written out (a map or list 1, plus its items'), each node counted once into `counts`, without recursion. */
  private valuesOf(root: unknown, counts: Map<unknown, number>): number {
    const { isAlias, isMap, isSeq, isPair } = this.yaml;
    const children = (node: unknown): unknown[] => {
      if (isAlias(node)) return [this.resolved.get(node) ?? null];
      if (isSeq(node)) return node.items;
      if (isMap(node)) return node.items.map((pair) => (isPair(pair) ? pair.value : null));
      return [];
    };
    const stack: unknown[] = [root];
    const open = new Set<unknown>(); // on the stack with its children pending: a cycle (refused before) counts 0
    while (stack.length > 0) {
      const node = stack[stack.length - 1];
      if (counts.has(node)) {
        stack.pop();
        continue;
      }
      const pending = open.has(node) ? [] : children(node).filter((c) => c !== null && !counts.has(c));
      if (pending.length > 0) {
        open.add(node);
        for (const child of pending) stack.push(child);
        continue;
      }
      let n = isAlias(node) ? 0 : 1;
      for (const child of children(node)) n += child === null ? 1 : (counts.get(child) ?? 0);
      counts.set(node, n);
      open.delete(node);
      stack.pop();
    }
    return counts.get(root) ?? 1;
  }
}

/** The path to the first value nested deeper than MAX_NESTING, found without recursion; null when none is. */
function pathTooDeep(root: unknown): KeyPath | null {
  const stack: { value: unknown; path: KeyPath }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_NESTING) return path;
    if (typeof value !== 'object' || value === null) continue; // toJS has bounded what aliases expand to
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function syntaxMessage(error: YAMLError, doc: Document): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `key '${keyStartingAt(doc, error.pos[0])}' appears twice in the same map; keep only one`;
    case 'MULTIPLE_DOCS':
      return "the file holds more than one YAML document (a second '---'); a scenario is one document";
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML needs spaces';
    default:
      // yaml quotes the token it stopped at, which may be a whole line of binary or of a long text
      return `invalid YAML: ${error.message.replace(/"((?:[^"\\]|\\.)*)"/g, (_, token: string) => quoted(token))}; check the indentation, brackets and quotes here`;
  }
}

function warningMessage(warning: YAMLError): string {
  return warning.code === 'TAG_RESOLVE_FAILED' ? `${warning.message}; the value is read as plain text` : warning.message;
}

function keyStartingAt(doc: Document, offset: number): string {
  let text = '?';
  const { isScalar, visit } = yamlLibrary();
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        text = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return text;
}
