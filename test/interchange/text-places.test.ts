// Places in a text for problems (line, column, an id's first place, a line's text), against
// the definitions they replace (a scan of the text per question), and at a size where a scan
// per question would not finish: 50,000 ids in a file of 50,000 lines.
import { describe, expect, test } from 'vitest';
import { TextPlaces } from '../../engine/interchange/text-places.js';

/** The definitions: a scan of the text per question. */
const lineColByScan = (text: string, index: number) => {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
};
const idByScan = (text: string, id: string) => {
  const i = text.indexOf(`id="${id}"`);
  return i < 0 ? { line: 1, col: 1 } : lineColByScan(text, i);
};

describe('places in a text', () => {
  const text = '<a id="x">\n\n  <b id="y" processid="z"/>\n<c id="x"/>\n  <d pid="w"/>';

  test('every character, id and line as a scan of the text finds them', () => {
    const places = new TextPlaces(text);
    for (let i = 0; i <= text.length; i++) expect(places.of(i)).toEqual(lineColByScan(text, i));
    for (const id of ['x', 'y', 'z', 'w', 'nowhere']) expect(places.ofId(id)).toEqual(idByScan(text, id));
    expect(places.ofId(null)).toEqual({ line: 1, col: 1 });
    text.split('\n').forEach((line, i) => expect(places.lineText(i + 1)).toBe(line));
    expect(places.lineText(99)).toBe('');
  });

  test('50,000 ids, each at its own line and column', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `${' '.repeat(i % 7)}<task id="t${i}"/>`);
    const places = new TextPlaces(lines.join('\n'));
    const wrong = lines.filter((_, i) => {
      const { line, col } = places.ofId(`t${i}`);
      return line !== i + 1 || col !== (i % 7) + 7;
    });
    expect(wrong).toEqual([]);
  });
});
