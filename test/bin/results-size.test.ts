// A run whose results.json could not be written is refused before any replication runs
// (bin/results-size.ts): big.yaml of the defect (one flow, one team, 60 variants, 10,000
// replications) ran 2 min 39 s and then failed with "internal error: Invalid string length".
// Refused, it exits 2 at once, with FILE:LINE:COL at run.replications, or naming the option
// that gave the number; and an output still too long to build is said plainly, nothing written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, test } from 'vitest';
import { writeRunOutput } from '../../bin/commands/run.js';
import { building, OutputTooLarge } from '../../bin/errors.js';
import type { Results } from '../../engine/results/types.js';
import { etomsimWithin } from '../support/cli.js';
import { manyVariants } from '../support/many-variants.js';

const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-size-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

function scenario(name: string, variants: number, replications: number): string {
  const file = join(SCRATCH, name);
  writeFileSync(file, manyVariants(variants, replications));
  return file;
}

const BIG = scenario('big.yaml', 60, 10_000);
/** 3 variants x 10,000 replications of this model: about 140 MB, which fits */
const FITS = scenario('fits.yaml', 2, 10_000);
const SMALL = scenario('small.yaml', 60, 2);
const LINE = /^(.*):(\d+):(\d+): (.*) \(at (.*)\)$/;

describe('refused before it runs', () => {
  test('validate: exit 2, one line FILE:LINE:COL at run.replications, with the estimate, the limit and what fits', () => {
    const r = etomsimWithin(20_000, 'validate', BIG);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [, file, line, col, message, path] = LINE.exec(lines[0])!;
    expect([file, line, col, path]).toEqual([BIG, '2', '33', 'run.replications']);
    expect(message).toMatch(/^results\.json of 61 variants \(the baseline included\) x 10,000 replications would take up to [\d,]+ MiB/);
    expect(message).toMatch(/more than the 256 MiB one output file may hold/);
    const most = Number(/give at most ([\d,]+) replications/.exec(message)![1].replace(/,/g, ''));
    expect(most).toBeGreaterThan(100);
    expect(most).toBeLessThan(10_000);
    expect(message).toMatch(/shards do not help, as 'merge' writes the same files$/);
  });

  test('run: the same line and exit 2 within seconds, nothing simulated, nothing written', () => {
    const out = join(SCRATCH, 'out-big');
    // a run that simulated 61 x 10,000 replications would not end within the 20 s (it is killed: status null)
    const r = etomsimWithin(20_000, 'run', BIG, '--no-report', '-o', out);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(
      new RegExp(`^${BIG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:33: results\\.json .* \\(at run\\.replications\\)$`),
    );
    expect(existsSync(out)).toBe(false);
  });

  test('the number from -r or --max-replications (--precision): a usage error naming the option', () => {
    const out = join(SCRATCH, 'out-option');
    const r = etomsimWithin(20_000, 'run', SMALL, '-r', '10000', '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^etomsim: --replications 10000: results\.json of 61 variants \(the baseline included\) x 10,000 replications would take up to/,
    );
    const p = etomsimWithin(20_000, 'run', SMALL, '--precision', '1%', '--max-replications', '10000', '-o', out);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/^etomsim: --max-replications 10000: results\.json of 61 variants/);
    expect(existsSync(out)).toBe(false);
  });

  test('a file that fits is valid: 3 variants x 10,000 replications of this model (about 140 MB)', () => {
    const r = etomsimWithin(20_000, 'validate', FITS);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('an output still too long to build', () => {
  test('V8 refuses a string past 2^29 - 24 characters: told as OutputTooLarge, naming the file', async () => {
    await expect(building('results.json', () => 'x'.repeat(2 ** 29))).rejects.toThrow(OutputTooLarge);
    await expect(building('results.json', () => 'x'.repeat(2 ** 29))).rejects.toThrow(
      /^results\.json is too large to build: .*nothing was written\. Run fewer replications or fewer variants/,
    );
    await expect(building('x', () => Promise.reject(new TypeError('other')))).rejects.toThrow(TypeError);
  });

  test("a thread of the report past its heap: told as OutputTooLarge naming the report, not as the simulation's memory", async () => {
    // a real worker thread of a small heap that fills it, as the chart and layout threads of 3,000 variants did
    const flood = () =>
      new Promise<never>((_, reject) => {
        const worker = new Worker('const kept = []; for (;;) kept.push(new Array(100000).fill(1));', {
          eval: true,
          resourceLimits: { maxOldGenerationSizeMb: 16 },
        });
        worker.once('error', reject);
      });
    const failed = await building('the report', flood).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(OutputTooLarge);
    expect((failed as Error).message).toBe(
      'the report ran out of memory as it was built (Worker terminated due to reaching memory limit: JS heap out of memory); nothing was written. ' +
        "Fewer variants ('run -v NAME'), or report formats without charts (--formats csv,md), make it smaller",
    );
  });

  test('writeRunOutput writes nothing when results.json cannot be built', async () => {
    const out = join(SCRATCH, 'out-long');
    const results = { toJSON: () => 'x'.repeat(2 ** 29) } as unknown as Results;
    await expect(writeRunOutput(results, { out, report: false, quiet: true })).rejects.toThrow(/^results\.json is too large to build/);
    expect(existsSync(out)).toBe(false);
  });
});
