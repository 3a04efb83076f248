// file-kind.ts' headText against TextDecoder, which it replaces for UTF-8: the same text, bad
// bytes replaced alike, a head cut inside a character, one or two byte-order marks dropped.
import { describe, expect, test } from 'vitest';
import { headText } from '../../engine/io/file-kind.js';
import { utf16Marked } from '../../engine/io/text-encoding.js';
import { seededDraws } from '../support/seeded-draws.js';

/** What kindOfContent read before: TextDecoder's text by the head's UTF-16 mark or as UTF-8 (its mark dropped), without a second mark. */
const decoded = (bytes: Uint8Array) => new TextDecoder(utf16Marked(bytes) ?? 'utf-8').decode(bytes).replace(/^\uFEFF/, '');

const BOM = [0xef, 0xbb, 0xbf];
/** Pieces a head is made of: text, characters of two to four bytes, their prefixes cut short, bytes no UTF-8 holds, surrogates and overlong forms. */
const PIECES: number[][] = [
  [...Buffer.from('name: x\n')],
  [...Buffer.from('é€😀')],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0x80],
  [0xbf, 0xbf],
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  BOM,
];

describe('headText', () => {
  test('UTF-8 heads of random pieces, with none, one, two or three marks before them: the text TextDecoder gave', () => {
    const { random } = seededDraws(51);
    let replaced = 0;
    for (let n = 0; n < 3000; n++) {
      const marks = Math.floor(random() * 4);
      const bytes: number[] = [];
      for (let m = 0; m < marks; m++) bytes.push(...BOM);
      const pieces = Math.floor(random() * 12);
      for (let p = 0; p < pieces; p++) bytes.push(...PIECES[Math.floor(random() * PIECES.length)]);
      const head = Uint8Array.from(bytes);
      expect(headText(head), bytes.join(' ')).toBe(decoded(head));
      // a Buffer's view into a larger buffer, as sniffBytes is given the head of the file's bytes
      const inner = Buffer.concat([Buffer.from([0x41]), Buffer.from(head), Buffer.from([0x42])]).subarray(1, 1 + head.length);
      expect(headText(inner)).toBe(decoded(head));
      if (decoded(head).includes('\ufffd')) replaced++;
    }
    expect(replaced).toBeGreaterThan(1000); // not vacuous: most heads hold bad bytes
  });

  test('UTF-16 heads, marked: decoded by their mark, as before', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\ufeffname: x\n', 'utf16le')]);
    expect(utf16Marked(le)).toBe('utf-16le');
    expect(headText(le)).toBe(decoded(le));
    expect(headText(le)).toBe('name: x\n');
    const be = Buffer.from(le.map((_, i) => le[i ^ 1]));
    expect(utf16Marked(be)).toBe('utf-16be');
    expect(headText(be)).toBe(decoded(be));
    expect(headText(be)).toBe('name: x\n');
  });
});
