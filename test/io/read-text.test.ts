// readTextFile: the whole file as readFileSync gives it, up to a size; beyond it, and from a
// device without an end, a refusal before anything is decoded. The command line's message for
// a scenario file that never ends (/dev/zero) is checked at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writtenAnew } from '../support/written-anew.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type InputFile, InputRefused } from '../../engine/io/input-file.js';
import { readBytesFile, readTextFile, releaseBytes, UndecodableText } from '../../engine/io/read-text.js';

/** A kind of input for these tests, read to `maxBytes`. */
const upTo = (maxBytes: number): InputFile => ({ name: 'the test file', kind: 'a test file', maxBytes });

const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-read-text-test-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
const BIN = join(import.meta.dirname, '../../bin/etomsim.cjs');

describe('readTextFile', () => {
  test('gives what readFileSync gives, a character of several bytes across a 64 KiB chunk boundary included', () => {
    const file = join(SCRATCH, 'text.yaml');
    // 'é' is two bytes and '€' three: starting at 65,535, each straddles the first chunk's end
    for (const text of ['', 'name: x\n', `${'a'.repeat(65_535)}é${'b'.repeat(70_000)}`, `${'a'.repeat(65_535)}€\uFEFF.`]) {
      writtenAnew(file, text);
      expect(readTextFile(file, upTo(1 << 20))).toBe(readFileSync(file, 'utf8'));
    }
  });

  test('a bad byte after many U+FFFD the file holds as such is placed at its line and column, in time linear in the file', () => {
    // 400,000 lines of a legitimate U+FFFD (EF BF BD), then 'ab' and a Latin-1 'é' (E9): measuring
    // each U+FFFD's byte offset from the file's start took about 5 minutes (100,000 of them: 19 s),
    // beyond the test's time limit; counted on from the previous one, a tenth of a second
    const file = join(SCRATCH, 'many-fffd.yaml');
    const lines = 400_000;
    writeFileSync(file, Buffer.concat([Buffer.from('\ufffd\n'.repeat(lines)), Buffer.from('ab\xe9\n', 'latin1')]));
    let refused: unknown;
    try {
      readTextFile(file, upTo(1 << 24));
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(UndecodableText);
    expect(refused).toMatchObject({ line: lines + 1, col: 3, message: expect.stringMatching(/^byte 0xE9 is not UTF-8/) });
  });

  test('a file of exactly the limit is read; one byte more is refused by its size', () => {
    const file = join(SCRATCH, 'limit.txt');
    writeFileSync(file, 'x'.repeat(1000));
    expect(readTextFile(file, upTo(1000))).toHaveLength(1000);
    expect(() => readTextFile(file, upTo(999))).toThrow(InputRefused);
  });

  test.runIf(process.platform === 'linux')('a device without an end is refused once the limit is read', () => {
    expect(() => readTextFile('/dev/zero', upTo(1 << 20))).toThrow(/more than 1 MiB, the most etomsim reads as a test file/);
  });

  test('a missing file is refused as every input is (input-file.ts), in plain words', () => {
    const missing = join(SCRATCH, 'missing');
    expect(() => readTextFile(missing, upTo(10))).toThrow(new InputRefused(missing, 'cannot read the test file: no such file'));
  });

  test.runIf(process.platform === 'linux')(
    'etomsim validate /dev/zero: exit 2 and FILE:LINE:COL: MESSAGE, not a process that grows without end',
    () => {
      const r = spawnSync(process.execPath, [BIN, 'validate', '/dev/zero'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(
        '/dev/zero:1:1: cannot read the scenario: it holds more than 64 MiB, the most etomsim reads as a scenario file (at file)',
      );
    },
  );

  test.runIf(process.platform === 'linux')('report, import-bpmn and merge given /dev/zero: exit 2 with the limit, nothing written', () => {
    for (const [args, what] of [
      [['report', '/dev/zero', '-q', '-o', join(SCRATCH, 'report')], '256 MiB, the most etomsim reads as a results file'],
      [['import-bpmn', '/dev/zero', '-q', '-o', join(SCRATCH, 'imported')], '64 MiB, the most etomsim reads as a BPMN file'],
      [['merge', '/dev/zero', '-q', '-o', join(SCRATCH, 'merged')], '256 MiB, the most etomsim reads as a shard file'],
    ] as const) {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect({ args, status: r.status, limit: r.stderr.includes(what) }).toEqual({ args, status: 2, limit: true });
    }
    expect(readdirSync(SCRATCH).filter((name) => !name.endsWith('.yaml') && !name.endsWith('.txt'))).toEqual([]);
  });
});

// releaseBytes: the memory of bytes read whole is given back at once (a report's 12 MB results
// file had stayed resident to its end), and a slice of Node's shared pool is never touched.
describe('releaseBytes', () => {
  test('a file read whole: its ArrayBuffer is emptied, so its memory is no longer held', () => {
    const file = join(SCRATCH, 'release.txt');
    writeFileSync(file, 'x'.repeat(100_000));
    const bytes = readBytesFile(file, upTo(1 << 20));
    expect(bytes.byteLength).toBe(100_000);
    releaseBytes(bytes);
    expect({ length: bytes.length, buffer: bytes.buffer.byteLength }).toEqual({ length: 0, buffer: 0 });
  });

  test("a small buffer from Node's pool is left whole, and so are its neighbours", () => {
    const before = Buffer.from('before'); // small: slices of the same pool
    const small = Buffer.from('small');
    const after = Buffer.from('after');
    expect(small.buffer.byteLength).toBeGreaterThan(small.byteLength); // a pool slice, as the test means
    releaseBytes(small);
    expect([before.toString(), small.toString(), after.toString()]).toEqual(['before', 'small', 'after']);
  });
});
