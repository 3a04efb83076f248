// A shard file's size bound (engine/cluster/shard-size.ts) against real shard files, and its
// refusal: `run --shard I/N` whose file `merge` could not read (more than 256 MiB) exits 2
// before anything runs, naming --shard, with what fits; `merge` refuses a shard file it cannot
// read. Measured (bound / file): 1.0001-1.0006 on the bundled scenarios and the one-flow model
// (the statistics' length is exact; the slack is the allowance for workers and wall_s, and a
// shard with fewer tasks than the most any shard of N holds). `merge` refuses, as it reads
// them, shards that hold more replications than results.json can.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { jsonTextBytes, MAX_SHARD_BYTES, shardSizeEstimate, shardTooLarge, type ShardSizeInput } from '../../engine/cluster/shard-size.js';
import { encodeShard, runShard, shardFileName, shardTasks } from '../../engine/cluster/shard.js';
import { taskOrder } from '../../engine/experiment/experiment.js';
import { longChain } from '../../bench/long-chain.js';
import { mostReplications, sizeProblem } from '../../bin/results-size.js';
import { VERSION } from '../../bin/version.js';
import { createRunner } from '../../engine/experiment/runner.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { etomsimWithin } from '../support/cli.js';
import { manyVariants } from '../support/many-variants.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-shard-size-');
const bundled = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)), 'utf8');
const MiB = 2 ** 20;

/** Each text loaded once: a text of tens of MiB takes seconds. */
const loaded = new Map<string, ScenarioSet>();

function input(text: string, replications: number, shard: { index: number; count: number }, firstReplication = 0): ShardSizeInput {
  const set = loaded.get(text) ?? loadScenarioText(text, 'scenario.yaml').set!;
  loaded.set(text, set);
  return {
    set,
    text,
    file: 'scenario.yaml',
    version: 'test',
    seed: set.baseline.run.seed,
    firstReplication,
    replications,
    chosen: null,
    precision: null,
    precisionOn: 'means',
    interval: 't',
    maxReplications: replications,
    shard,
  };
}

/** A scenario's text with a comment of `bytes` control characters: JSON writes each in 6 bytes (\u0001), so the text weighs 6 times more in a shard file. */
function withControlComment(text: string, bytes: number): string {
  return `${text}# ${'\u0001'.repeat(bytes)}\n`;
}

test("a text's JSON bytes, counted without building it, are JSON.stringify's", () => {
  const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('');
  for (const text of ['', ascii, 'é ü € 😀', '\ud800', 'a\udc00b', '\ud83d', '😀\ud83d\ude00\ud83d', '\u2028\u2029']) {
    expect(jsonTextBytes(text)).toBe(Buffer.byteLength(JSON.stringify(text)));
  }
});

describe('the bound against real shard files', () => {
  const cases: [string, string, number, { index: number; count: number }, number?][] = [
    ['fiber', bundled('fiber-order-to-activation'), 2, { index: 1, count: 2 }],
    ['fault-to-repair', bundled('fault-to-repair'), 3, { index: 2, count: 3 }],
    ['shared-field-force', bundled('shared-field-force'), 2, { index: 1, count: 1 }],
    ['one flow, 5 variants, a later round', manyVariants(5, 20), 20, { index: 3, count: 4 }, 8],
    ['a comment of control characters', withControlComment(manyVariants(1, 4), 10_000), 4, { index: 1, count: 1 }],
  ];
  test.each(cases)('%s: never below the file, within 1.5 times it', async (_, text, replications, shard, first = 0) => {
    const run = input(text, replications, shard, first);
    const estimate = shardSizeEstimate(run);
    const file = encodeShard(await runShard({ ...run, runner: createRunner(1) }));
    const bytes = Buffer.byteLength(file);
    expect(estimate.bytes).toBeGreaterThanOrEqual(bytes);
    expect(estimate.bytes).toBeLessThan(1.5 * bytes);
    expect(shardTooLarge(estimate, run)).toBeNull();
  });
});

describe('what the refusal offers fits, and one more does not', () => {
  // one flow (3.3 kB a task), its text weighing 216 MiB in a shard file: 2 x 10,000 tasks do not fit one shard
  const text = withControlComment(manyVariants(1, 10_000), 36 * MiB);
  test('the fewest shards, the most replications at this N', () => {
    const run = input(text, 10_000, { index: 1, count: 1 });
    const message = shardTooLarge(shardSizeEstimate(run), run)!;
    expect(message).toMatch(
      /^its shard file would take up to [\d,]+ MiB \(20,000 of the round's 20,000 tasks, 2 variants x 10,000 replications/,
    );
    const shards = Number(/split the run into at least (\d+) shards \(--shard I\/\1\)/.exec(message)![1]);
    const most = Number(/give at most ([\d,]+) replications \(--replications\)/.exec(message)![1].replace(/,/g, ''));
    const bytes = (count: number, replications: number) => shardSizeEstimate(input(text, replications, { index: 1, count })).bytes;
    expect(bytes(shards, 10_000)).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    expect(bytes(shards - 1, 10_000)).toBeGreaterThan(MAX_SHARD_BYTES);
    expect(bytes(1, most)).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    expect(bytes(1, most + 1)).toBeGreaterThan(MAX_SHARD_BYTES);
  });

  test('a text that alone is too much: run it without --shard', () => {
    const run = input(withControlComment(manyVariants(1, 2), 45 * MiB), 2, { index: 1, count: 8 });
    expect(shardTooLarge(shardSizeEstimate(run), run)).toMatch(/even one task is too much .* run it without --shard$/);
  });
});

describe('run --shard', () => {
  test('a shard merge could not read: exit 2 before anything runs, naming --shard, no shard file', () => {
    // 45 MiB of control characters in a comment: a valid scenario of 45 MiB whose shard file would hold 270 MiB of text
    const file = join(tmp(), 'heavy.yaml');
    writeFileSync(file, withControlComment(manyVariants(1, 2), 45 * MiB));
    const out = join(tmp(), 'shards');
    const r = etomsimWithin(60_000, 'run', file, '--shard', '1/2', '-q', '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^etomsim: --shard 1\/2: its shard file would take up to 2\d\d MiB .*more than the 256 MiB 'merge' reads of one shard file: even one task is too much/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('merge: a shard file it cannot read is refused with a message, exit 2, nothing written', () => {
  test('a file of more than 256 MiB', () => {
    const dir = tmp();
    const fd = openSync(join(dir, 'shard-1-of-1.json'), 'w');
    ftruncateSync(fd, MAX_SHARD_BYTES + 1); // sparse: nothing to write
    closeSync(fd);
    const out = join(tmp(), 'merged');
    const r = etomsimWithin(60_000, 'merge', dir, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${join(dir, 'shard-1-of-1.json')}:1:1: cannot read the shard file: it holds more than 256 MiB, the most etomsim reads as a shard file (at file)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('a shard whose scenario text is longer than any scenario file run reads (64 MiB): not parsed', async () => {
    const text = `${manyVariants(0, 1)}# ${'x'.repeat(64 * MiB)}\n`;
    const run = { ...input(manyVariants(0, 1), 1, { index: 1, count: 1 }), text };
    const dir = tmp();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'shard-1-of-1.json'), encodeShard(await runShard({ ...run, runner: createRunner(1) })));
    const out = join(tmp(), 'merged');
    const r = etomsimWithin(60_000, 'merge', dir, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /:\d+:\d+: a damaged etomsim shard file: it holds more than 64 MiB, the most etomsim reads as a scenario file \(at scenario\.text\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('merge: shards that hold more replications than results.json can', () => {
  // a chain of 2,000 tasks: a few hundred replications fill replications.csv, in some 40 MB of shard files
  const text = longChain(2000, 0).replace('horizon: 10d, warmup: 1d', 'horizon: 2h, warmup: 0h');

  test('are refused (exit 2) with the message of the whole set, as soon as the shards read hold too many; nothing written', async () => {
    const run = { ...input(text, 1, { index: 1, count: 1 }), version: VERSION };
    // the fewest replications whose replications.csv does not fit (a count's digits weigh in it)
    let replications = mostReplications(run.set, { chosen: null, csv: true }) + 1;
    while (sizeProblem(run.set, { chosen: null, replications, from: 'file', csv: true }) === null) replications++;
    const most = replications - 1;
    // the statistics of one real replication, for every task: merge refuses before it looks at them
    const real = await runShard({ ...run, runner: createRunner(1) });
    const count = 4;
    const dir = tmp();
    mkdirSync(dir, { recursive: true });
    for (let index = 1; index <= count; index++) {
      const shard = { index, count };
      const tasks = shardTasks(taskOrder(1, 0, replications), shard).map(([variant, replication]) => ({
        variant,
        replication,
        stats: real.tasks[0].stats,
      }));
      writeFileSync(
        join(dir, shardFileName(shard, 0)),
        encodeShard({ ...real, replications, max_replications: replications, shard, tasks }),
      );
    }
    // told at the first shard read (its round runs to that many), at its count, in the form of every placed problem
    const firstFile = join(dir, shardFileName({ index: 1, count }, 0));
    const firstText = readFileSync(firstFile, 'utf8');
    const col = firstText.indexOf('"replications":') + '"replications":'.length + 1;
    const refused = new RegExp(
      `^${firstFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:${col}: the shards hold ${replications} replications: the report's replications\\.csv of 1 variant \\(the baseline included\\) x ${replications} replications would take up to [\\d,]+ MiB .*: give at most ${most} replications, .* \\(at replications\\)\\n$`,
    );
    const out = join(tmp(), 'merged');
    const all = etomsimWithin(120_000, 'merge', dir, '--out', out);
    expect(all.stderr).toMatch(refused);
    expect(all.status).toBe(2);
    // the first shard says its round runs to that many: refused without the others (not "shards 2-4 are missing")
    const one = etomsimWithin(120_000, 'merge', join(dir, shardFileName({ index: 1, count }, 0)), '--out', out);
    expect(one.stderr).toBe(all.stderr);
    expect(one.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
