// What every fuzzer of an input file holds a command to, in one place: the file read by the
// built CLI under a time and a heap budget, and the answer checked the same way whatever the
// input's kind - an answer within the budget, no stack trace or internal error, exit 0 or 2,
// every line that names the file in the error form, and on exit 2 at least one placed error and
// nothing left beside the input. What a read file must give (a scenario's content) is each
// fuzzer's own. The seed and count are the environment's (`npm run fuzz` soaks with more files).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { BIN } from '../support/cli.js';

export const RUNS = Number(process.env.ETOMSIM_FUZZ_RUNS ?? 4);
export const SEED = Number(process.env.ETOMSIM_FUZZ_SEED ?? 20261206);
export const RUN_BUDGET_MS = 60_000;
/** The heap a run may use: an entity expanded, or a file held many times over, fails this budget. */
const HEAP_MB = 256;
const DIAGNOSTIC = /^[^\n]+:\d+:\d+: .+ \(at [^\n]+\)$/;

/** `etomsim ARGS` on the file at `path` (the first of `args` after the command), under the budgets, its answer checked; exit 0 or 2. */
export function runOnFuzzedFile(path: string, args: readonly string[]): SpawnSyncReturns<string> {
  const started = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
    encoding: 'utf8',
    timeout: RUN_BUDGET_MS,
  });
  if (process.env.ETOMSIM_FUZZ_SHOW) process.stdout.write(`${basename(path)} ${r.status} ${r.stderr.slice(0, 300)}\n`);
  expect(r.error, `${path}: no answer within ${RUN_BUDGET_MS} ms (${Date.now() - started} ms)`).toBeUndefined();
  expect(r.stderr, path).not.toMatch(/internal error|heap out of memory|\n\s+at .+:\d+:\d+\)?\n/);
  expect([0, 2], `${path}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
  for (const line of r.stderr.split('\n').filter((l) => l.startsWith(path))) expect(line).toMatch(DIAGNOSTIC);
  if (r.status === 2) {
    expect(
      r.stderr.split('\n').some((l) => DIAGNOSTIC.test(l)),
      `${path}: exit 2 without a placed error\n${r.stderr}`,
    ).toBe(true);
    // nothing half written: no output, no temporary file beside the input
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  }
  return r;
}

/**
 * RUNS inputs drawn from `input` (SEED), each tried by `tryFile`: it writes the file, runs the
 * command on it (runOnFuzzedFile), checks what a read file gives, and says whether the command read
 * it (exit 0) or refused it (2). With `kept` (inputs changed only in ways that keep them valid, by
 * construction), each run draws one of those as well as one of `input`, RUNS files in all (rounded
 * up to even): a kept file must be read, so the checks of a read file run at any seed, however
 * few the files. fast-check stops at the first input whose checks fail; the tally is printed as
 * `fuzz NAME: seed S, N files, R read, F refused` and must hold both a read file and a refused one:
 * a default run (CI's) that reads none, or refuses none, leaves one path's checks untried (session
 * 55: the results fuzzer read 0 of its 4 files, so its check of a written report never ran).
 */
export function fuzzFiles<T>(
  name: string,
  input: fc.Arbitrary<T>,
  tryFile: (drawn: T) => boolean,
  { kept }: { kept?: fc.Arbitrary<T> } = {},
): void {
  const tally = { files: 0, read: 0, refused: 0 };
  const tryOne = (drawn: T): boolean => {
    tally.files++;
    const read = tryFile(drawn);
    if (read) tally.read++;
    else tally.refused++;
    return read;
  };
  const runs = kept ? Math.ceil(RUNS / 2) : RUNS;
  // without `kept`, a constant that draws nothing: the inputs drawn are `input`'s alone, as before `kept`
  const valid: fc.Arbitrary<T | null> = kept ?? fc.constant(null);
  fc.assert(
    fc.property(valid, input, (v, drawn) => {
      if (v !== null) expect(tryOne(v), 'a file changed only in ways that keep it valid was refused').toBe(true);
      tryOne(drawn);
    }),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );
  process.stdout.write(`fuzz ${name}: seed ${SEED}, ${tally.files} files, ${tally.read} read, ${tally.refused} refused\n`);
  expect(tally.files).toBe(kept ? 2 * runs : runs);
  expect(tally.read, `fuzz ${name}: no file read, so the checks of a read file never ran`).toBeGreaterThan(0);
  expect(tally.refused, `fuzz ${name}: no file refused, so the checks of a refusal never ran`).toBeGreaterThan(0);
}
