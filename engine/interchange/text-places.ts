// Places in a text (a BPMN file): the line and column of a character, of an element's id,
// and a line's text, for problems told as FILE:LINE:COL.
//
// Invariant: the text is scanned once, at the first question, for its line starts (and once
// for its ids); each answer after that is a lookup, so n problems cost the file once plus n
// lookups, where a scan of the text per problem cost n times the file (16,000 unsupported
// elements of a BPMN file: 20 s of CPU in import-bpmn).
import { positionOf } from '../io/text-position.js';
import type { Position } from '../scenario/diagnostics.js';

export class TextPlaces {
  private lineStarts: Float64Array | null = null;
  private ids: Map<string, number> | null = null;

  constructor(private readonly text: string) {}

  /** The 1-based line and column of a character (lines end at '\n'). */
  of(index: number): Position {
    return positionOf(this.starts(), index);
  }

  /** Where the first `id="ID"` attribute of the text is (in either quotes, spaces around `=` allowed); 1:1 when none (or no id). */
  ofId(id: string | null): Position {
    if (id === null) return { line: 1, col: 1 };
    const i = this.idIndex().get(id);
    return i === undefined ? { line: 1, col: 1 } : this.of(i);
  }

  /** Whether the text has an element with this id. */
  hasId(id: string): boolean {
    return this.idIndex().has(id);
  }

  private idIndex(): Map<string, number> {
    if (this.ids === null) {
      this.ids = new Map();
      // an attribute named id (not guid= or processid=), its value as the parser reads it (entities replaced)
      for (const m of this.text.matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const id = attributeValue(m[1] ?? m[2]);
        if (!this.ids.has(id)) this.ids.set(id, m.index + 1);
      }
    }
    return this.ids;
  }

  /** The text of a 1-based line, without its '\n'; empty past the end. */
  lineText(line: number): string {
    const starts = this.starts();
    if (line < 1 || line > starts.length) return '';
    const end = line < starts.length ? starts[line] - 1 : this.text.length;
    return this.text.slice(starts[line - 1], end);
  }

  private starts(): Float64Array {
    if (this.lineStarts === null) {
      // counted first, then one typed array: a list grown by push held 50,000,000 line starts of a
      // file of blank lines in 1.3 GB (s39g); 8 bytes each this way
      let lines = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) lines++;
      const starts = new Float64Array(lines);
      let k = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute's text with XML's character and predefined entity references replaced, as an XML parser reads it. */
function attributeValue(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (whole, hex, dec, name) => {
    if (name !== undefined) return NAMED[name];
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
