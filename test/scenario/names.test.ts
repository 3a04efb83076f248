// engine/scenario/names.ts' CONTROL_CHARACTER, written as ranges, is Unicode's category Cc less
// the blank controls a name may hold (tab, line feed, vertical tab, form feed, carriage return, NEL).
import { expect, test } from 'vitest';
import { CONTROL_CHARACTER } from '../../engine/scenario/names.js';

test('CONTROL_CHARACTER is \\p{Cc} less the blank controls, over every code point', () => {
  const cc = /\p{Cc}/u;
  const blank = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85]);
  const differ: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates are no characters
    const ch = String.fromCodePoint(c);
    if (CONTROL_CHARACTER.test(ch) !== (cc.test(ch) && !blank.has(c))) differ.push(c);
  }
  expect(differ).toEqual([]);
  expect(['a\u0000b', 'x\u001b', '\u007f', '\u009f'].every((s) => CONTROL_CHARACTER.test(s))).toBe(true);
  expect(['a\tb', 'a\nb', 'a\u0085b', 'Fiber order-to-activation'].some((s) => CONTROL_CHARACTER.test(s))).toBe(false);
});
