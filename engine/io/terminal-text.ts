// Text etomsim prints to a terminal, where what a file holds becomes part of a message: a
// name, a description or an eTOM id quoted in a diagnostic, the scenario's name above the
// results. A terminal obeys the control characters in what it is sent (ESC sequences move the
// cursor, clear the screen, retitle the window or rewrite the clipboard; a lone CR writes over
// the start of the line; bidirectional overrides reorder what is shown), so each of them is
// shown as its escape, \u001b, instead.
// Invariant: tab and line feed pass unchanged (messages are laid out with them); any other text
// is unchanged; the result holds no C0 or C1 control, DEL, or bidirectional override.

// everything but tab, line feed and the printable ranges: C0, DEL, C1, U+202A-U+202E, U+2066-U+2069
const UNPRINTABLE = /[^\t\n\u0020-\u007e\u00a0-\u2029\u202f-\u2065\u206a-\u{10ffff}]/gu;

export function terminalText(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The same for a text shown in a one-line place (a title, the console's first line, a Markdown
 * table cell or heading: summary.md goes through it too, reports/markdown.ts' markdownText): a
 * line break of any kind (CR LF, CR, LF, U+2028, U+2029) is a space, so the text cannot start a
 * line or a block of its own (s32x F14).
 */
export function oneLineText(text: string): string {
  return terminalText(text.replace(/\r\n?|[\n\u2028\u2029]/g, ' '));
}
