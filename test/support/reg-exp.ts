// A text a test puts into a regular expression (a temporary file's path, an element's name) matched as it is:
// a path holds '.', and a temporary folder's name may hold more of the characters a pattern reads.
// Invariant: new RegExp(literally(text)) matches text and nothing else at its place.

/** `text` with every character a regular expression reads escaped. */
export function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
