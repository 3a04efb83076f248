// Text placed in XML written by etomsim (XES, BPMN, and the report's SVG, PowerPoint and Excel
// files): escaped for an attribute value or element content, and characters XML 1.0 cannot
// carry replaced, so that any name or description a user types yields a well-formed document.
// Invariant: the replacement is U+FFFD, one for one, so the rest of the text is unchanged.

const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/**
 * Every code unit INVALID could start at (a surrogate of a pair too): where it finds none,
 * INVALID finds none either. A test by code unit, without /u, reads a chart's SVG of a few
 * hundred KB some three times faster than INVALID's scan (session 54).
 */
const MAYBE_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;
const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * The text with each character XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE,
 * U+FFFF; lone surrogates) replaced by U+FFFD, for libraries that escape markup but not these.
 */
export function xmlCharacters(text: string): string {
  return MAYBE_INVALID.test(text) ? text.replace(INVALID, '\uFFFD') : text;
}

export function xmlText(text: string): string {
  return xmlCharacters(text).replace(SPECIAL, (c) => ENTITY[c]);
}
