// A text file's bytes as text, its encoding checked: UTF-8 (a UTF-8 byte-order mark kept, as
// readFileSync's 'utf8' keeps it), or UTF-16 with its byte-order mark (Windows Notepad's and
// Excel's "Unicode"), decoded. Bytes that are neither are refused at their line and column:
// decoded leniently they became U+FFFD in names ("Caf\ufffd"), and UTF-16 without decoding
// became a NUL between every two letters, quoted whole in the message that refused it.
// A NUL is refused too (no text holds one: YAML, XML, JSON and a CSV log forbid it): it is what
// UTF-16 without its byte-order mark, valid UTF-8 byte for byte, reads as (session 59: a scenario
// was refused quoting NULs, a CSV log for a header of NUL-laden names).
// Invariant: a valid UTF-8 file without NUL gives exactly what `bytes.toString('utf8')` gives.
import { isUtf8 } from 'node:buffer';

export type Decoded = { ok: true; text: string } | { ok: false; line: number; col: number; message: string };

/** The UTF-16 that a text's first bytes announce by their byte-order mark (FF FE, FE FF); null for any other start. */
export function utf16Marked(first: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Buffer): Decoded {
  const marked = utf16Marked(bytes);
  if (marked !== null) return utf16(bytes, marked);
  const text = bytes.toString('utf8');
  // first: UTF-16's other bytes (é is E9 00) are no UTF-8, which would be said of Latin-1
  const nul = nulIn(text);
  if (nul !== null) return nul;
  if (isUtf8(bytes)) return { ok: true, text };
  // the first U+FFFD that the file does not hold as such (EF BF BD) is where decoding failed; the
  // bytes before it are valid UTF-8, so its byte offset is the UTF-8 length of the text before
  // it, counted on from the previous U+FFFD (measured from the start each time, a file of many
  // U+FFFD took time quadratic in them: 100,000 of them, 19 s)
  let offset = 0;
  let counted = 0; // the characters of text whose bytes `offset` counts
  for (let k = text.indexOf('\ufffd'); k >= 0; k = text.indexOf('\ufffd', k + 1)) {
    offset += Buffer.byteLength(text.slice(counted, k));
    counted = k;
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue;
    const lineStart = text.lastIndexOf('\n', k - 1) + 1;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < k; i = text.indexOf('\n', i + 1)) line++;
    const byte = bytes[offset].toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      line,
      col: k - lineStart + 1,
      message: `byte 0x${byte} is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8`,
    };
  }
  return { ok: true, text }; // not reached: isUtf8 failed, so some U+FFFD is not the file's
}

function utf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) }; // the mark dropped
  } catch {
    return {
      ok: false,
      line: 1,
      col: 1,
      message: `the file starts as UTF-16 (${encoding === 'utf-16le' ? 'FF FE' : 'FE FF'}) but is not: save it as UTF-8`,
    };
  }
}

/**
 * The refusal of the first NUL of `text` (UTF-8 decoded), at its line and column; null without
 * one. NULs every other character are UTF-16's halves of ASCII characters: the message says so,
 * and which order (little-endian's first NUL follows its character's byte, at an odd index).
 */
export function nulIn(text: string): Decoded | null {
  const k = text.indexOf('\0');
  if (k < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < k; i = text.indexOf('\n', i + 1)) line++;
  const utf16 = text[k + 2] === '\0' && text[k + 1] !== '\0';
  return {
    ok: false,
    line,
    col: k - (text.lastIndexOf('\n', k - 1) + 1) + 1,
    message: utf16
      ? `a NUL byte, which no text holds: the file may be UTF-16 (${k % 2 === 0 ? 'big' : 'little'}-endian) without its byte-order mark: save it as UTF-8`
      : 'a NUL byte, which no text holds (is the file text?): save it as UTF-8',
  };
}
