// The common shape of a scenario file read without the YAML library: block maps and lists,
// one-line flow maps and lists, plain scalars, quoted scalars without escapes, folded and
// literal block scalars of even indentation, and comments. `etomsim validate` of the bundled
// fiber scenario spent about half of its command in yaml's lexer, parser and composer (a
// generator object per token and level, run in V8's interpreter as a short command is, and
// the young generation's scavenges under them), for a file whose every line is one of these.
//
// Invariant: for a text it accepts, the result is what engine/scenario/yaml-source.ts makes of
// it through yaml (the core schema): the same plain data, key for key and in the same order,
// every key's and value's offset as the Walker records them, and the line starts of yaml's
// LineCounter; and such a text has no YAML error or warning. Anything else (an anchor, an
// alias, a tag, an escape, a multi-line plain or quoted scalar, a flow collection over
// several lines, a key written twice, an empty value, a tab, a directive, a second document,
// a key that is not a plain name, a value nested past MAX_NESTING, ...) makes it return null,
// and the file is read by yaml as before: what it accepts is a choice of speed, never of
// meaning (test/scenario/simple-yaml.test.ts compares the two on every text the tests load).
// Its levels are counted as nesting.ts' scan counts them or more (a list entry two), so a text
// it accepts is never one the scan refuses: yaml-source.ts scans only what it declines.

import { MAX_NESTING } from './nesting.js';

/** Where a key and its value start, as offsets in the text; -1: none (a list item's or the root's key). */
export interface Place {
  key: number;
  value: number;
}

export interface SimpleYaml {
  /** the document as plain data */
  value: unknown;
  /** each path as yaml-source.ts' PositionIndex keys it, to its place */
  places: Map<string, Place>;
  /** the offset each line starts at, the first 0 (yaml's LineCounter.lineStarts) */
  lineStarts: number[];
}

/** The text read, or null when it is not of the common shape (then yaml reads it). */
export function readSimpleYaml(text: string): SimpleYaml | null {
  // a tab, a control character, a byte order mark, a lone surrogate, a character above U+FFFF:
  // what yaml may warn of or refuse, or what the scan below would have to measure otherwise
  if (UNUSUAL.test(text)) return null;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e === NOT_SIMPLE) return null;
    throw e;
  }
}

const UNUSUAL = /[^\n\u0020-\u007e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/** Thrown (and caught above) where the text leaves the common shape. */
const NOT_SIMPLE = Symbol('not simple');

function notSimple(): never {
  throw NOT_SIMPLE;
}

/** A key as a plain name: no quotes, spaces or indicators (a scalar that resolves to a string is checked after). */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_./-]*/y;

/**
 * The core schema's scalars other than strings, in the order yaml tries them (its schema/core):
 * null's and the booleans' words (words), then the numbers, each of which begins with a digit, a
 * sign or a dot.
 */
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema, as yaml resolves it (parseInt and parseFloat as its tags call them). */
export function plainValue(source: string): unknown {
  // any other first character is a word's, or a string's: the numbers' patterns not tried (each a
  // regular expression V8 compiles at its first use, tried for every key: session 49)
  const c = source.charCodeAt(0); // NaN for ''
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)) return word(source);
  // ... and a pattern only where the characters it must begin with or hold are there (a sign
  // before NAN's dot: c < 0x30), each check implied by the pattern, so the same value either way:
  // V8 compiled OCT, HEX, NAN and EXP for every file, twice for a pattern run more than once
  // (bytecode, then machine code; docs/performance-notes.md, session 57)
  const d = source.charCodeAt(1);
  if (d === 0x6f && INT_OCT.test(source)) return parseInt(source.substring(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (d === 0x78 && INT_HEX.test(source)) return parseInt(source.substring(2), 16);
  if ((c === 0x2e || (d === 0x2e && c < 0x30)) && FLOAT_NAN.test(source))
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? -Infinity : Infinity;
  if ((hasExponent(source) && FLOAT_EXP.test(source)) || FLOAT.test(source)) return parseFloat(source);
  return source;
}

/** Whether `source` holds an 'e' or an 'E', as FLOAT_EXP's match does. */
function hasExponent(source: string): boolean {
  return source.includes('e') || source.includes('E');
}

/** A plain scalar that is no number: null (/^(?:~|[Nn]ull|NULL)?$/), a boolean (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/) or the text itself. */
function word(source: string): unknown {
  switch (source) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    default:
      return source;
  }
}

/**
 * The 1-based LINE:COL of `offset`, given the offsets lines start at (ascending, the first 0):
 * yaml's LineCounter.linePos, written out so that a file read here does not load yaml (an
 * offset before the first line start is line 0, as there).
 */
export function linePosition(lineStarts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid] < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1] + 1 };
}

/** yaml refuses an implicit key whose ':' is more than 1024 characters after its start (quotes and '' pairs counted): one past this is left to it. */
const MAX_KEY = 1000;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

class Reader {
  private readonly places = new Map<string, Place>();
  private readonly lineStarts: number[] = [0];
  /** each line's end (the offset of its '\n', or the text's length) */
  private readonly lineEnds: number[] = [];
  /** the line being read */
  private line = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      this.lineEnds.push(i);
      this.lineStarts.push(i + 1);
    }
    this.lineEnds.push(text.length);
  }

  read(): SimpleYaml {
    this.line = this.nextContent(0);
    if (this.line < 0 || this.indentOf(this.line) !== 0) notSimple(); // no document, or the root not a map at column 0
    const start = this.lineStarts[this.line];
    this.places.set('', { key: -1, value: start });
    const value = this.blockMap(start, '', 0);
    if (this.line >= 0) notSimple(); // left over (a line the map did not take)
    return { value, places: this.places, lineStarts: this.lineStarts };
  }

  /** The first line from `from` on that holds more than spaces and a comment; -1: none. */
  private nextContent(from: number): number {
    for (let l = from; l < this.lineEnds.length; l++) {
      const first = this.firstNonSpace(l);
      if (first < this.lineEnds[l] && this.text.charCodeAt(first) !== HASH) return l;
    }
    return -1;
  }

  private firstNonSpace(l: number): number {
    let i = this.lineStarts[l];
    const end = this.lineEnds[l];
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private indentOf(l: number): number {
    return this.firstNonSpace(l) - this.lineStarts[l];
  }

  /** Whether the line `l` is a list entry at column `col`: '-' then a space or the line's end. */
  private entryAt(l: number, col: number): boolean {
    const at = this.lineStarts[l] + col;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === this.lineEnds[l] || this.text.charCodeAt(at + 1) === SPACE;
  }

  /**
   * A block map whose first key starts at offset `start` on this.line (mid-line after a list
   * entry's '- '), its keys at that column; leaves this.line at the first content line after
   * it (-1 at the end).
   */
  private blockMap(start: number, path: string, depth: number): Record<string, unknown> {
    if (depth + 1 > MAX_NESTING) notSimple();
    const col = start - this.lineStarts[this.line];
    const map: Record<string, unknown> = {};
    let at = start;
    for (;;) {
      const end = this.lineEnds[this.line];
      const { key, after } = this.key(at, end);
      if (Object.hasOwn(map, key)) notSimple(); // the Walker's problem: yaml's reading says it
      const child = depth === 0 ? key : `${path}.${key}`;
      map[key] = this.valueAfterIndicator(after, end, at, child, depth + 1, col);
      const next = this.line;
      if (next < 0) return map;
      const indent = this.indentOf(next);
      if (indent < col) return map;
      if (indent > col) notSimple(); // a continued scalar, or a misplaced line: yaml's reading
      at = this.lineStarts[next] + col;
    }
  }

  /** The key at `at` (a plain name, or one quoted on one line), and the offset just after its ':'. */
  private key(at: number, end: number): { key: string; after: number } {
    const c = this.text.charCodeAt(at);
    let key: string;
    let close: number;
    if (c === 0x22 || c === 0x27) {
      ({ value: key, end: close } = this.quoted(at, end));
    } else {
      PLAIN_KEY.lastIndex = at;
      if (!PLAIN_KEY.test(this.text)) notSimple();
      close = PLAIN_KEY.lastIndex;
      key = this.text.slice(at, close);
      if (typeof plainValue(key) !== 'string') notSimple(); // a number, true, null...: keyed by yaml's String()
    }
    if (key === '__proto__' || close - at > MAX_KEY) notSimple();
    if (this.text.charCodeAt(close) !== COLON) notSimple();
    const after = close + 1;
    if (after < end && this.text.charCodeAt(after) !== SPACE) notSimple();
    return { key, after };
  }

  /**
   * The value after a key's ':' or an entry's '-' (offset `after`, on this.line ending at
   * `end`; the key's offset `key`, -1 for an entry), recorded at `path`; the block it opens
   * must be more indented than `col`. Leaves this.line at the next content line.
   */
  private valueAfterIndicator(after: number, end: number, key: number, path: string, depth: number, col: number): unknown {
    let i = after;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i === end || this.text.charCodeAt(i) === HASH) {
      // the value is on the lines below: a map or a list more indented than `col`
      const next = this.nextContent(this.line + 1);
      if (next < 0 || this.indentOf(next) <= col) notSimple(); // an empty value (null), or a list at the key's column
      this.line = next;
      const start = this.firstNonSpace(next);
      this.places.set(path, { key, value: start });
      if (depth > MAX_NESTING) notSimple();
      const indent = start - this.lineStarts[next];
      return this.entryAt(next, indent) ? this.blockList(start, path, depth) : this.blockMap(start, path, depth);
    }
    this.places.set(path, { key, value: i });
    if (depth > MAX_NESTING) notSimple();
    const c = this.text.charCodeAt(i);
    if (c === 0x7c || c === 0x3e) return this.blockScalar(i, end, col); // '|' '>'
    let value: unknown;
    let close: number;
    if (c === 0x7b || c === 0x5b)
      ({ value, end: close } = this.flow(i, end, path, depth)); // '{' '['
    else if (c === 0x22 || c === 0x27) ({ value, end: close } = this.quoted(i, end));
    else {
      if (key === -1 && this.startsKey(i, end)) {
        // `- name: value`: a map whose keys are at this column
        return this.blockMap(i, path, depth);
      }
      ({ value, end: close } = this.plain(i, end));
    }
    this.lineEnd(close, end);
    this.line = this.nextContent(this.line + 1);
    return value;
  }

  /** Whether a plain key and its ':' start at `at` (an entry's compact map; a quoted key there is left to yaml). */
  private startsKey(at: number, end: number): boolean {
    PLAIN_KEY.lastIndex = at;
    if (!PLAIN_KEY.test(this.text)) return false;
    const colon = PLAIN_KEY.lastIndex;
    return this.text.charCodeAt(colon) === COLON && (colon + 1 === end || this.text.charCodeAt(colon + 1) === SPACE);
  }

  /** Nothing but spaces and a comment from `from` to the line's `end`. */
  private lineEnd(from: number, end: number): void {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i === end) return;
    if (this.text.charCodeAt(i) !== HASH || i === from) notSimple(); // a comment needs a space before it
  }

  /** A block list whose first '-' is at offset `start` on this.line. */
  private blockList(start: number, path: string, depth: number): unknown[] {
    const col = start - this.lineStarts[this.line];
    const list: unknown[] = [];
    let at = start;
    for (;;) {
      const end = this.lineEnds[this.line];
      if (!this.entryAt(this.line, col)) notSimple();
      // two levels, as nesting.ts' scan counts an entry (its '-' column and its content's), so
      // that a text read here is never one the scan would refuse (yaml-source.ts runs it after)
      list.push(this.valueAfterIndicator(at + 1, end, -1, `${path}.${list.length}`, depth + 2, col));
      const next = this.line;
      if (next < 0) return list;
      const indent = this.indentOf(next);
      if (indent < col) return list;
      if (indent > col) notSimple();
      at = this.lineStarts[next] + col;
    }
  }

  /**
   * A plain scalar in block context from `at` to the line's end or a comment: one line,
   * starting with no indicator, holding no ': ' and not ending in ':'.
   */
  private plain(at: number, end: number): { value: unknown; end: number } {
    const c = this.text.charCodeAt(at);
    if ('&*!%@`,]}#'.includes(this.text[at])) notSimple();
    if ((c === DASH || c === 0x3f || c === COLON) && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE)) notSimple();
    const rel = this.text.slice(at, end).indexOf(' #');
    const comment = rel < 0 ? -1 : at + rel;
    let close = comment >= 0 && comment < end ? comment : end;
    while (this.text.charCodeAt(close - 1) === SPACE) close--;
    const source = this.text.slice(at, close);
    if (source.includes(': ') || source.endsWith(':')) notSimple();
    return { value: plainValue(source), end: close };
  }

  /** A quoted scalar starting at `at` and closed on its line, without escapes ('' in single quotes). */
  private quoted(at: number, end: number): { value: string; end: number } {
    const quote = this.text.charCodeAt(at);
    if (quote === 0x22) {
      const close = this.text.indexOf('"', at + 1);
      if (close < 0 || close >= end) notSimple();
      const value = this.text.slice(at + 1, close);
      if (value.includes('\\')) notSimple();
      return { value, end: close + 1 };
    }
    let value = '';
    let from = at + 1;
    for (;;) {
      const close = this.text.indexOf("'", from);
      if (close < 0 || close >= end) notSimple();
      value += this.text.slice(from, close);
      if (this.text.charCodeAt(close + 1) !== 0x27) return { value, end: close + 1 };
      value += "'";
      from = close + 2;
    }
  }

  /**
   * A block scalar whose header ('|' or '>', then '-' or nothing) is at `at`: its lines all
   * indented alike, more than `col`, none blank, none ending in a space; the value their
   * lines joined (by a space when folded, a line break when literal), with a final line break
   * unless stripped. Leaves this.line at the next content line.
   */
  private blockScalar(at: number, end: number, col: number): string {
    const folded = this.text.charCodeAt(at) === 0x3e;
    let i = at + 1;
    const strip = this.text.charCodeAt(i) === DASH;
    if (strip) i++;
    if (i < end && this.text.charCodeAt(i) !== SPACE) notSimple(); // '+', an indentation digit
    this.lineEnd(i, end);
    const first = this.line + 1;
    if (first >= this.lineEnds.length) notSimple();
    const indent = this.indentOf(first);
    if (indent <= col || this.firstNonSpace(first) === this.lineEnds[first]) notSimple();
    const lines: string[] = [];
    let l = first;
    for (; l < this.lineEnds.length; l++) {
      const lineStart = this.lineStarts[l];
      const lineEnd = this.lineEnds[l];
      const own = this.firstNonSpace(l) - lineStart;
      if (own === lineEnd - lineStart) break; // blank: the scalar ends here (or holds a blank line: below)
      if (own < indent) break;
      if (own > indent || this.text.charCodeAt(lineEnd - 1) === SPACE) notSimple();
      lines.push(this.text.slice(lineStart + indent, lineEnd));
    }
    if (l === this.lineEnds.length && this.lineEnds[l - 1] === this.text.length) notSimple(); // no line break after its last line
    const next = this.nextContent(l);
    // a blank line followed by more of the scalar, or a comment line inside it, is left to yaml
    for (let k = l; k < (next < 0 ? this.lineEnds.length : next); k++) {
      const own = this.firstNonSpace(k);
      // content at the scalar's indentation, or spaces past it (a line of spaces: content too)
      if (own - this.lineStarts[k] >= indent && (own < this.lineEnds[k] || own - this.lineStarts[k] > indent)) notSimple();
    }
    if (next >= 0 && this.indentOf(next) >= indent) notSimple();
    this.line = next;
    return lines.join(folded ? ' ' : '\n') + (strip ? '' : '\n');
  }

  /** A flow map or list opening at `at` and closing on the same line (before `end`). */
  private flow(at: number, end: number, path: string, depth: number): { value: unknown; end: number } {
    if (depth + 1 > MAX_NESTING) notSimple(); // its brackets a level below the value's, as the scan counts them
    const open = this.text.charCodeAt(at);
    let i = this.skipSpaces(at + 1, end);
    if (open === 0x7b) {
      const map: Record<string, unknown> = {};
      if (this.text.charCodeAt(i) === 0x7d) return { value: map, end: i + 1 };
      for (;;) {
        const keyAt = i;
        const { key, after } = this.key(i, end);
        if (Object.hasOwn(map, key)) notSimple();
        if (after === end) notSimple();
        const valueAt = this.skipSpaces(after, end);
        const child = `${path}.${key}`;
        this.places.set(child, { key: keyAt, value: valueAt });
        const item = this.flowValue(valueAt, end, child, depth + 1);
        map[key] = item.value;
        i = this.skipSpaces(item.end, end);
        const c = this.text.charCodeAt(i);
        if (c === 0x7d) return { value: map, end: i + 1 };
        if (c !== 0x2c) notSimple();
        i = this.skipSpaces(i + 1, end);
        if (this.text.charCodeAt(i) === 0x7d) notSimple(); // a trailing comma
      }
    }
    const list: unknown[] = [];
    if (this.text.charCodeAt(i) === 0x5d) return { value: list, end: i + 1 };
    for (;;) {
      const child = `${path}.${list.length}`;
      this.places.set(child, { key: -1, value: i });
      const item = this.flowValue(i, end, child, depth + 1);
      list.push(item.value);
      i = this.skipSpaces(item.end, end);
      const c = this.text.charCodeAt(i);
      if (c === 0x5d) return { value: list, end: i + 1 };
      if (c !== 0x2c) notSimple();
      i = this.skipSpaces(i + 1, end);
      if (this.text.charCodeAt(i) === 0x5d) notSimple();
    }
  }

  private skipSpaces(from: number, end: number): number {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A value inside a flow collection at `at`: a flow collection, a quoted scalar, or a plain one of no ':' or '#'. */
  private flowValue(at: number, end: number, path: string, depth: number): { value: unknown; end: number } {
    if (at >= end || depth > MAX_NESTING) notSimple();
    const c = this.text.charCodeAt(at);
    if (c === 0x7b || c === 0x5b) return this.flow(at, end, path, depth);
    if (c === 0x22 || c === 0x27) {
      const quoted = this.quoted(at, end);
      if (this.text.charCodeAt(quoted.end) === COLON) notSimple(); // a quoted key of a pair in a list
      return quoted;
    }
    if ('&*!%@`,]}|>#-?:'.includes(this.text[at]) && !(c === DASH && /[0-9.]/.test(this.text[at + 1] ?? ''))) notSimple();
    let close = at;
    while (close < end && !',[]{}:#'.includes(this.text[close])) close++;
    const stop = this.text[close];
    if (stop === ':' || stop === '#' || stop === '[' || stop === '{') notSimple();
    while (this.text.charCodeAt(close - 1) === SPACE) close--;
    return { value: plainValue(this.text.slice(at, close)), end: close };
  }
}
