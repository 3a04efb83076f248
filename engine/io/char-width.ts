// How wide a character is where text is set in columns: East Asian wide and fullwidth characters
// and emoji take two of a terminal's columns (a whole em of a proportional font), combining marks
// and zero-width characters none, every other printable character one. The one place these
// character classes are written: the console's tables (bin/table.ts) count columns with them, the
// charts, process maps and slides measure text with them (reports/text-width.ts).
// Invariant: a text of printable ASCII is as many columns wide as it is long.

// Made at their first use, not as the module loads: V8 reads a regular expression's pattern as it
// makes the object, and \p{Mn} and \p{Me} are read from ICU's tables, some 1.8 M instructions of
// every run's start (callgrind, session 52), where most texts are ASCII and never reach them.
let wide: RegExp | undefined;
let zeroWidth: RegExp | undefined;

/**
 * Characters a whole em (two terminal columns) wide: East Asian wide and fullwidth ones (CJK
 * ideographs, kana, Hangul, fullwidth forms; Unicode's East_Asian_Width W and F, which a regular
 * expression cannot name) and the emoji of U+1F000-U+1FAFF (not Extended_Pictographic, which
 * holds the narrow (c) and TM signs too).
 */
export function isWide(ch: string): boolean {
  wide ??=
    /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1b000}-\u{1b2ff}\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}]/u;
  return wide.test(ch);
}

/** Characters that take no room of their own: combining marks (an accent after its letter), zero-width ones, variation selectors. */
export function isZeroWidth(ch: string): boolean {
  zeroWidth ??= /[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufeff]/u; // variation selectors are Mn
  return zeroWidth.test(ch);
}

const ASCII = /^[\x20-\x7e]*$/;

/** The terminal columns a text takes (a monospaced font): wide characters 2, zero-width ones 0, others 1. */
export function columns(text: string): number {
  if (ASCII.test(text)) return text.length; // names and figures, nearly always: no walk
  let n = 0;
  for (const ch of text) n += isZeroWidth(ch) ? 0 : isWide(ch) ? 2 : 1;
  return n;
}
