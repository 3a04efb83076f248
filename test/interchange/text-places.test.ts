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
/** An attribute named id, in either quotes, spaces allowed around `=` (XML's Eq); not one whose name ends in id. */
const idByScan = (text: string, id: string) => {
  const m = new RegExp(`\\sid\\s*=\\s*(["'])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`).exec(text);
  return m === null ? { line: 1, col: 1 } : lineColByScan(text, m.index + 1);
};

describe('places in a text', () => {
  const text = `<a id="x">\n\n  <b id="y" processid="z"/>\n<c id="x"/>\n  <d pid="w" guid="v"/>\n<e\n  id = 'u'/><f id\t=\t"it's"/>`;

  test('every character, id and line as a scan of the text finds them', () => {
    const places = new TextPlaces(text);
    for (let i = 0; i <= text.length; i++) expect(places.of(i)).toEqual(lineColByScan(text, i));
    for (const id of ['x', 'y', 'z', 'w', 'v', 'u', "it's", 'nowhere']) expect(places.ofId(id)).toEqual(idByScan(text, id));
    // single quotes and spaces around = are XML's too (they were at 1:1); processid, pid and guid are other attributes (they matched)
    expect(places.ofId('u')).toEqual({ line: 7, col: 3 });
    expect(places.ofId("it's")).toEqual({ line: 7, col: 16 });
    expect(places.ofId('z')).toEqual({ line: 1, col: 1 });
    expect(places.hasId('v')).toBe(false);
    expect(places.ofId(null)).toEqual({ line: 1, col: 1 });
    text.split('\n').forEach((line, i) => expect(places.lineText(i + 1)).toBe(line));
    expect(places.lineText(99)).toBe('');
  });

  test("an id written with entity references is found by the value the parser reads (bpmn-moddle's id)", () => {
    const places = new TextPlaces('<a>\n  <task id="a&amp;b&#x41;&#66;&lt;"/>');
    expect(places.ofId('a&bAB<')).toEqual({ line: 2, col: 9 });
    expect(places.hasId('a&amp;b&#x41;&#66;&lt;')).toBe(false);
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
