// The checksum a code cache's header holds for its script's bytes and its V8 data (bin/load-cli.cjs
// checksum, checksumMemory): a WebAssembly function of our own over 8-byte words. Any change within
// one word changes it, wherever in the bytes (first word, last, a partial last block), and what
// lies in its memory after the bytes it sums does not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a CommonJS file of the CLI, without type declarations
import { checksum } from '../../bin/load-cli.cjs';

const ROOT = join(import.meta.dirname, '../..');

/** `count` bytes of a fixed pseudo-random sequence (no zeros: a changed byte is never the padding's). */
function bytesOf(count: number, seed: number): Buffer {
  const out = Buffer.alloc(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = 1 + (x % 255);
  }
  return out;
}

describe('the code caches’ checksum', () => {
  test('is 16 hex digits, the same for the same bytes, and independent of the memory it is copied into', () => {
    const bytes = bytesOf(1000, 7);
    const sum = checksum(bytes);
    expect(sum).toMatch(/^[0-9a-f]{1,16}$/);
    expect(checksum(Buffer.from(bytes))).toBe(sum);
    // a view into a larger buffer with other bytes after it sums as the bytes alone
    const larger = Buffer.concat([bytes, bytesOf(100, 9)]);
    expect(checksum(larger.subarray(0, 1000))).toBe(sum);
  });

  test('changes with any one byte changed, at every position, for lengths around its 8-byte words and 64-byte blocks', () => {
    for (const length of [1, 7, 8, 9, 63, 64, 65, 130]) {
      const bytes = bytesOf(length, length);
      const sum = checksum(bytes);
      for (let i = 0; i < length; i++) {
        for (const flip of [0x01, 0x80, 0xff]) {
          const changed = Buffer.from(bytes);
          changed[i] ^= flip;
          expect(checksum(changed), `length ${length}, byte ${i} ^ ${flip}`).not.toBe(sum);
        }
      }
    }
  });

  test('changes when two words trade places or the same bit changes in two words (a sum of words, or a hash whose high bits never reach the low, would not)', () => {
    const bytes = bytesOf(256, 3);
    const sum = checksum(bytes);
    const swapped = Buffer.from(bytes);
    bytes.copy(swapped, 0, 64, 72);
    bytes.copy(swapped, 64, 0, 8);
    expect(checksum(swapped)).not.toBe(sum);
    const topBits = Buffer.from(bytes);
    topBits[7] ^= 0x80; // the top bit of the first word, and of the tenth
    topBits[79] ^= 0x80;
    expect(checksum(topBits)).not.toBe(sum);
  });

  test('is what the build wrote into the header of each cache, for its script and its data', () => {
    for (const [cache, script] of [
      ['validate.cache', 'validate.cjs'],
      ['main.cache', 'main.cjs'],
    ]) {
      const made = readFileSync(join(ROOT, 'dist/cli', cache));
      const end = made.indexOf(0x0a);
      const header = JSON.parse(made.toString('utf8', made.indexOf(0x20) + 1, end));
      expect(header.sum).toBe(checksum(readFileSync(join(ROOT, 'dist/cli', script))));
      expect(header.dataSum).toBe(checksum(made.subarray(end + 1)));
    }
  });
});
