// Text placed in XML written by etomsim (XES, BPMN): escaped for an attribute value or
// element content, and characters XML 1.0 cannot carry replaced, so that any name a user
// types yields a well-formed document.

const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(text: string): string {
  return text.replace(INVALID, '\uFFFD').replace(SPECIAL, (c) => ENTITY[c]);
}
