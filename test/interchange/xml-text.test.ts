// xmlCharacters replaces each character XML 1.0 cannot carry by U+FFFD and leaves the rest as
// it was; it scans a text by code unit first and only then, where that finds a candidate, by
// code point (engine/interchange/xml-text.ts). Checked here against a definition written
// character by character, on texts mixing what XML carries with what it cannot: C0 controls,
// U+FFFE and U+FFFF, surrogate pairs and lone surrogates. Fails where the first scan misses a
// kind of character the second would replace (a lone surrogate, a control left in the text).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { xmlCharacters } from '../../engine/interchange/xml-text.js';

/** XML 1.0's Char production: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** The text with each code point XML cannot carry (a lone surrogate is one) replaced by U+FFFD. */
function byDefinition(text: string): string {
  let out = '';
  for (const ch of text) out += isXmlChar(ch.codePointAt(0)!) ? ch : '\uFFFD';
  return out;
}

/** One code unit or pair: ordinary text, what XML cannot carry, and surrogates alone or paired. */
const piece = fc.oneof(
  fc.constantFrom('a', ' ', '<', '\t', '\n', '\r', '\u00e9', '\u200b', '\uFFFD', '\u{1F600}', '\u{10FFFF}'),
  fc.constantFrom('\u0000', '\u0001', '\u000b', '\u001f', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

describe('xmlCharacters', () => {
  test('replaces exactly the characters XML 1.0 cannot carry, one for one', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(xmlCharacters(text)).toBe(byDefinition(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('a lone surrogate among valid text, at either end or between a pair', () => {
    for (const text of ['\uD800abc', 'abc\uDC00', 'a\uD83D\uDE00\uDE00b', '\uDE00\uD83D\uDE00', '\u{1F600}\uD83D'])
      expect(xmlCharacters(text)).toBe(byDefinition(text));
    expect(xmlCharacters('x\uDE00y')).toBe('x\uFFFDy');
  });
});
