// How deeply a YAML text nests, found by one linear scan before the parser sees it: the
// parser, its composer and every reader after them recurse once per level, so thousands of
// nested brackets (or indented keys, or `- - - -` entries) would exhaust the stack. A scenario
// needs about ten levels; anything beyond MAX_NESTING is refused at the line and column where
// the limit is crossed.
//
// The scan follows YAML's two contexts. In block context a level is an indentation step or a
// `- `/`? ` entry; a flow collection (`[`, `{`) opens only where a value starts, and quoted
// and block scalars are skipped. In flow context every bracket outside quotes and comments
// opens or closes a level. The count can only err towards fewer levels than the parser sees
// in a malformed file, which the parser then reports itself.

/** Levels a scenario may nest: ten times what the bundled ones use. */
export const MAX_NESTING = 100;

export interface TooDeep {
  offset: number; // where the level past the limit opens
}

/** The first place where the text nests deeper than `limit`, or null. */
export function findTooDeep(text: string, limit = MAX_NESTING): TooDeep | null {
  return new Scanner(text, limit).scan();
}

class Scanner {
  private pos = 0;
  private readonly indents: number[] = []; // block context: the open indentation levels

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  scan(): TooDeep | null {
    const n = this.text.length;
    while (this.pos < n) {
      const found = this.line();
      if (found) return found;
    }
    return null;
  }

  /** One line in block context, from its start to past its end (or past the flow collection or quoted scalar it opens). */
  private line(): TooDeep | null {
    const t = this.text;
    const start = this.pos;
    let i = start;
    while (t[i] === ' ') i++;
    if (
      i >= t.length ||
      t[i] === '\n' ||
      t[i] === '\r' ||
      t[i] === '#' ||
      (t.startsWith('---', i) && i === start) ||
      (t.startsWith('...', i) && i === start)
    ) {
      this.skipLine(i);
      return null;
    }
    let found = this.level(i - start, i);
    if (found) return found;
    // entries (`- ` or `? `) nest one level each, at the column after them
    while ((t[i] === '-' || t[i] === '?') && (t[i + 1] === ' ' || t[i + 1] === '\n' || t[i + 1] === '\r' || i + 1 >= t.length)) {
      i++;
      while (t[i] === ' ') i++;
      found = this.level(i - start, i);
      if (found) return found;
    }
    // a key's value starts after the first `: ` outside quotes
    const value = this.valueStart(i);
    if (value < 0) {
      this.skipLine(i);
      return null;
    }
    return this.value(value, i - start);
  }

  /** Opens or closes indentation levels for content at `column`. */
  private level(column: number, offset: number): TooDeep | null {
    while (this.indents.length > 0 && this.indents[this.indents.length - 1] > column) this.indents.pop();
    if (this.indents.length === 0 || this.indents[this.indents.length - 1] < column) {
      this.indents.push(column);
      if (this.indents.length > this.limit) return { offset };
    }
    return null;
  }

  /** The offset where the line's value starts: the line's content itself when it is a value, or after `key: `; -1 for a bare key or plain text. */
  private valueStart(i: number): number {
    const t = this.text;
    const c = t[i];
    if (c === '[' || c === '{' || c === '"' || c === "'" || c === '|' || c === '>' || c === '&' || c === '!') return i;
    for (let j = i; j < t.length && t[j] !== '\n' && t[j] !== '\r'; j++) {
      if (t[j] === '#' && (t[j - 1] === ' ' || t[j - 1] === '\t')) return -1;
      if (t[j] === ':' && (t[j + 1] === ' ' || t[j + 1] === '\t')) {
        j++;
        while (t[j] === ' ' || t[j] === '\t') j++;
        return j;
      }
      if (j === i && (c === '"' || c === "'")) j = this.skipQuoted(j) - 1; // a quoted key
    }
    return -1;
  }

  /** A value in block context at `i`; `column` is the line's content column (for block scalars). */
  private value(i: number, column: number): TooDeep | null {
    const t = this.text;
    // anchors and tags come before the value itself
    while (t[i] === '&' || t[i] === '!') {
      while (i < t.length && !/[ \t\n\r]/.test(t[i])) i++;
      while (t[i] === ' ' || t[i] === '\t') i++;
    }
    const c = t[i];
    if (c === '[' || c === '{') {
      const found = this.flow(i);
      if (found) return found;
      this.skipLine(this.pos);
      return null;
    }
    if (c === '"' || c === "'") {
      this.pos = this.skipQuoted(i);
      this.skipLine(this.pos);
      return null;
    }
    if (c === '|' || c === '>') {
      this.skipLine(i);
      this.skipBlockScalar(column);
      return null;
    }
    this.skipLine(i);
    return null;
  }

  /** A flow collection from its opening bracket at `i`; leaves `pos` after its closing one. */
  private flow(i: number): TooDeep | null {
    const t = this.text;
    const base = this.indents.length;
    let depth = 0;
    while (i < t.length) {
      const c = t[i];
      if (c === '[' || c === '{') {
        depth++;
        if (base + depth > this.limit) return { offset: i };
      } else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return null;
        }
      } else if (c === '"' || c === "'") {
        i = this.skipQuoted(i);
        continue;
      } else if (c === '#' && (i === 0 || /[ \t\n\r]/.test(t[i - 1]))) {
        while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
        continue;
      }
      i++;
    }
    this.pos = i;
    return null;
  }

  /** Past a quoted scalar starting at `i` (which may span lines). */
  private skipQuoted(i: number): number {
    const t = this.text;
    const quote = t[i];
    i++;
    while (i < t.length) {
      if (quote === '"' && t[i] === '\\') i += 2;
      else if (t[i] === quote) {
        if (quote === "'" && t[i + 1] === "'") i += 2;
        else return i + 1;
      } else i++;
    }
    return i;
  }

  /** Past the lines of a block scalar: those more indented than its key's line, and blank ones. */
  private skipBlockScalar(column: number): void {
    const t = this.text;
    while (this.pos < t.length) {
      let i = this.pos;
      while (t[i] === ' ') i++;
      const blank = i >= t.length || t[i] === '\n' || t[i] === '\r';
      if (!blank && i - this.pos <= column) return;
      this.skipLine(i);
    }
  }

  /** Past the end of the line that `i` is on. */
  private skipLine(i: number): void {
    const t = this.text;
    while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    if (t[i] === '\r' && t[i + 1] === '\n') i++;
    this.pos = i + 1;
  }
}
