// A test file whose effects outlive it in its process runs in a process of its own
// (test/support/own-process.ts): found here by the calls that have such effects, so that a new
// one is listed before it leaks into the files that share its worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OWN_PROCESS, runsInOwnProcess, takes } from '../support/own-process.js';

const ROOT = join(import.meta.dirname, '../..');

/** Calls whose effect outlives the file in its process. */
const LEAKS =
  /\bvi\s*\.\s*(mock|doMock|unmock|stubGlobal|stubEnv|spyOn|useFakeTimers|setSystemTime|resetModules)\b|process\.chdir\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env|setFlagsFromString|process\.(on|once|prependListener)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('the files that run in a process of their own', () => {
  const files = testFiles(join(ROOT, 'test'));

  test('hold every file that mocks, stubs, spies, fakes timers, changes the folder, the environment or a V8 flag, or listens on process', () => {
    // this file names the calls, and makes none
    const leaking = files.filter((file) => file !== 'test/suite/own-process.test.ts' && LEAKS.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(leaking.length).toBeGreaterThan(10); // the pattern finds them: the files listed for it
    expect(leaking.filter((file) => !runsInOwnProcess(file))).toEqual([]);
  });

  test('name files and folders that are there, by globs vitest reads as these do', () => {
    for (const glob of OWN_PROCESS)
      expect(
        files.some((file) => takes(glob, file)),
        glob,
      ).toBe(true);
    expect(runsInOwnProcess('test/bin/cli.test.ts')).toBe(true);
    expect(runsInOwnProcess('test/binary.test.ts')).toBe(false);
    expect(runsInOwnProcess('test/stats/holm.test.ts')).toBe(false);
    expect(runsInOwnProcess('test/io/atomic.test.ts')).toBe(true);
  });
});
