// Shards for batch schedulers: `run --shard I/N` anywhere, `merge` back. A merge of every
// shard must be what a local run writes, byte for byte but engine.workers and engine.timing;
// shards that do not belong together are refused, every problem named, nothing written.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { taskOrder } from '../../engine/experiment/experiment.js';
import { decodeShard, encodeShard, SHARD_FORMAT, SHARD_KIND, scenarioHash, shardTasks } from '../../engine/cluster/shard.js';
import { comparable } from '../support/cluster.js';
import { scratchFolders } from '../support/scratch.js';
import { writtenAnew } from '../support/written-anew.js';
import { etomsim } from '../support/cli.js';
import { captureOutput } from '../support/captured-output.js';
import { main } from '../../bin/main.js';
import { shardsRan } from '../../bin/run-summary.js';
import { VERSION } from '../../bin/version.js';

const tmp = scratchFolders('etomsim-shard-');

// Two teams, a rework loop, a fork, an SLA and two variants: every part of results.json has content.
const SCENARIO = `name: Shard test
run: { horizon: 400h, warmup: 40h, replications: 5, seed: 11 }
resources:
  desk: { capacity: 2, cost_per_hour: 40 }
  techs: { capacity: 3, cost_per_hour: 60 }
arrivals: [ { flow: f, rate: 1.2/h } ]
flows:
  f:
    sla: 6h
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } }, next: d }
      d: { branch: [ { to: fork, p: 0.9 }, { to: a, p: 0.1 } ] }
      fork: { parallel: [b, c], join: e }
      b: { resource: techs, duration: { lognormal: { mean: 2h, sd: 1h } }, next: e }
      c: { duration: 30m, next: e }
      e: { duration: 5m }
variants:
  faster_desk:
    patch: { flows: { f: { nodes: { a: { duration: { exponential: { mean: 45m } } } } } } }
  more_techs:
    patch: { resources: { techs: { capacity: 4 } } }
`;

function scenario(text = SCENARIO): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

/** Every output file but results.json, which `comparable` checks. */
function otherFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (rel !== 'results.json') out.set(rel, readFileSync(join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return out;
}

function runShards(file: string, count: number, extra: string[] = []): string[] {
  const root = tmp();
  return Array.from({ length: count }, (_, i) => {
    const dir = join(root, `shard${i + 1}`);
    const r = etomsim('run', file, '--shard', `${i + 1}/${count}`, '--out', dir, '-q', '-w', String(1 + (i % 2)), ...extra);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return dir;
  });
}

/**
 * The scenario's 3 shards of 2 replications without a report (on 1, 2 and 1 workers), and its file:
 * run once for the two tests that read them (how the shards ran; shards that do not belong together).
 */
let threeShards: { file: string; shards: string[] } | undefined;
function threeShardsOfTwo(): { file: string; shards: string[] } {
  if (threeShards === undefined) {
    const file = scenario();
    threeShards = { file, shards: runShards(file, 3, ['-r', '2', '--no-report']) };
  }
  return threeShards;
}

/**
 * The scenario's local run with the default report (on 2 workers) and its 3 shards of 5 replications (on 1, 2
 * and 1): run once for the two tests that merge them (the default report; --formats). A report's charts are
 * some 1.1 s of CPU a run: the --formats test had a local run and two shards of its own, 2.1 s.
 */
let fiveReplications: { local: string; shards: string[] } | undefined;
function localAndThreeShards(): { local: string; shards: string[] } {
  if (fiveReplications === undefined) {
    const file = scenario();
    const local = join(tmp(), 'local');
    expect(etomsim('run', file, '--out', local, '-q', '-w', '2').status).toBe(0);
    fiveReplications = { local, shards: runShards(file, 3) };
  }
  return fiveReplications;
}

/**
 * `etomsim merge ARGS` in this process (bin/main.ts, its output captured): for the refusals after each test's
 * first, which is a process of its own as a user runs it. Each refusal is told before anything is merged; a
 * process for each was some 0.14 s of CPU (session 57: 19 of them), where main's and merge's modules load here
 * once, about 1 s.
 */
async function mergeHere(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const said = captureOutput();
  try {
    const status = await main(['merge', ...args]);
    return { status, stdout: said.out, stderr: said.err };
  } finally {
    said.restore();
  }
}

/** The column of the value after `key` in a one-line shard file (its first occurrence: a header key, before the tasks). */
function colOf(file: string, key: string): number {
  const text = readFileSync(file, 'utf8');
  expect(text.split('\n').filter((l) => l !== '')).toHaveLength(1);
  return text.indexOf(key) + key.length + 1;
}

describe('shards', () => {
  test('shard I of N takes every N-th task: together they take each task once', () => {
    const tasks = taskOrder(3, 0, 7);
    for (const n of [1, 2, 4, 21, 30]) {
      const taken = Array.from({ length: n }, (_, i) => shardTasks(tasks, { index: i + 1, count: n })).flat();
      expect(taken.map(String).sort()).toEqual(tasks.map(String).sort());
    }
  });

  test("a shard file's tasks are checked against its share, reckoned without listing the round: those shardTasks gives pass, others are named", () => {
    const file = (variants: number, from: number, to: number, index: number, count: number, tasks?: [number, number][]) =>
      decodeShard(
        encodeShard({
          kind: SHARD_KIND,
          format: SHARD_FORMAT,
          version: 'test',
          scenario: { file: 's.yaml', sha256: scenarioHash('t'), text: 't' },
          seed: 1,
          first_replication: from,
          replications: to,
          chosen: null,
          variants: Array.from({ length: variants }, (_, v) => `v${v}`),
          precision: null,
          precision_on: 'means',
          interval: 't',
          max_replications: to,
          shard: { index, count },
          workers: 1,
          wall_s: 0,
          tasks: (tasks ?? shardTasks(taskOrder(variants, from, to), { index, count })).map(([variant, replication]) => ({
            variant,
            replication,
            stats: new Float64Array(1),
          })),
        }),
      );
    const said = (result: ReturnType<typeof decodeShard>) =>
      Array.isArray(result) ? result.map((d) => `${d.message} (at ${d.path})`) : [];
    for (const [variants, from, to] of [
      [1, 0, 5],
      [3, 0, 7],
      [2, 4, 9],
    ])
      for (const count of [1, 2, 4, 21])
        for (let index = 1; index <= count; index++) {
          const mine = shardTasks(taskOrder(variants, from, to), { index, count });
          expect(said(file(variants, from, to, index, count)), `${variants} ${from}-${to} ${index}/${count}`).toEqual([]);
          if (mine.length === 0) continue;
          expect(said(file(variants, from, to, index, count, mine.slice(0, -1)))).toEqual([
            `its tasks are not those of shard ${index}/${count} (it holds ${mine.length - 1} tasks, not ${mine.length}); the file was changed or is damaged (at tasks)`,
          ]);
          const moved = mine.map(([v, r]): [number, number] => [v, r]);
          moved[moved.length - 1][1] += 1;
          expect(said(file(variants, from, to, index, count, moved))).toEqual([
            `its tasks are not those of shard ${index}/${count} (task ${mine.length} is not the shard's); the file was changed or is damaged (at tasks.${mine.length - 1}.replication)`,
          ]);
        }
    // a round of 10^15 replications is not listed to check the file's one task (it would not fit in memory)
    expect(said(file(2, 0, 1e15, 1, 4e15, [[0, 0]]))).toEqual([]);
  });

  test('merge of 3 shards (run on 1 and 2 workers) = a local run: results.json byte-identical but workers and timing, the report identical', () => {
    const { local, shards } = localAndThreeShards();
    const merged = join(tmp(), 'merged');
    const r = etomsim('merge', ...shards, '--out', merged, '-q');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(comparable(merged)).toBe(comparable(local));
    const [a, b] = [otherFiles(local), otherFiles(merged)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, content] of a) expect(b.get(name), name).toBe(content);
  });

  test('merge of 1, 2, 3 and 7 shards, each set given out of order, = the local run: results.json byte-identical but workers and timing', async () => {
    // 3 variants x 5 replications: 7 shards of 2 or 3 tasks each, none a whole replication of every variant; the shards
    // on 1 and 2 workers by turns (runShards), given shuffled, so that no shard's place in the list or the first given
    // (whose settings the others are held to) changes a byte
    const { local, shards: three } = localAndThreeShards();
    const file = scenario();
    const expected = comparable(local);
    const given = (dirs: string[]) => [...dirs.slice(1).reverse(), dirs[0]];
    for (const shards of [
      runShards(file, 1, ['--no-report']),
      runShards(file, 2, ['--no-report']),
      three,
      runShards(file, 7, ['--no-report']),
    ]) {
      const merged = join(tmp(), 'merged');
      const r = await mergeHere(...given(shards), '--out', merged, '-q', '--no-report');
      expect([r.status, r.stderr], `${shards.length} shards`).toEqual([0, '']);
      expect(comparable(merged), `${shards.length} shards`).toBe(expected);
    }
  });

  test('more shards than tasks: the empty shards merge too', () => {
    const file = scenario();
    const local = join(tmp(), 'local');
    expect(etomsim('run', file, '-r', '2', '-v', 'more_techs', '--out', local, '-q', '--no-report', '-w', '1').status).toBe(0);
    const shards = runShards(file, 5, ['-r', '2', '-v', 'more_techs', '--no-report']);
    const merged = join(tmp(), 'merged');
    expect(etomsim('merge', ...shards, '--out', merged, '-q', '--no-report').status).toBe(0);
    expect(comparable(merged)).toBe(comparable(local));
  });

  test('merge takes --formats as run does: the merged report is the files a local run with the same --formats writes', () => {
    // md and csv are the default formats but html (reports/formats.ts): a local run of md,csv writes the default
    // report's files but report.html, which its manifest does not list (compared so in session 57, where this test
    // had a local run with --formats md,csv and two shards of its own)
    const { local, shards } = localAndThreeShards();
    const merged = join(tmp(), 'merged');
    const r = etomsim('merge', ...shards, '--out', merged, '-q', '--formats', 'md', '--formats', 'csv');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(comparable(merged)).toBe(comparable(local));
    const [a, b] = [otherFiles(local), otherFiles(merged)];
    const MANIFEST = '.etomsim-manifest.json';
    const withoutHtml = (text: string) =>
      JSON.parse(text, (_, v) => (Array.isArray(v) ? v.filter((x) => x !== 'report.html') : v)) as unknown;
    expect(a.get(MANIFEST)).toContain('"report.html"');
    expect(JSON.parse(b.get(MANIFEST)!)).toEqual(withoutHtml(a.get(MANIFEST)!));
    a.delete('report.html');
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(b.has('summary.md') && !b.has('report.html')).toBe(true);
    for (const [name, content] of a) if (name !== MANIFEST) expect(b.get(name), name).toBe(content);
  });

  test("merge says how the shards ran (each one's workers, the longest wall time), not their workers summed as if one run had them", () => {
    const { shards } = threeShardsOfTwo(); // on 1, 2 and 1 workers
    const merged = join(tmp(), 'merged');
    const r = etomsim('merge', ...shards, '--out', merged, '--no-report');
    expect(r.status).toBe(0);
    const walls = shards.map((dir, i) => JSON.parse(readFileSync(join(dir, `shard-${i + 1}-of-3.json`), 'utf8')).wall_s as number);
    const first = r.stdout.split('\n')[0];
    expect(first).toBe(
      `Shard test: 2 replications of 16.7 d (warm-up 40.0 h), seed 11, 3 shards (1, 2 and 1 workers), the longest ${Math.max(...walls).toFixed(1)} s`,
    );
    expect(first).not.toMatch(/\b4 workers/);
    // results.json keeps its meaning (docs/results-format.md): the round's workers summed, as a queue's fleet is
    expect(JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8')).engine.workers).toBe(4);
    expect(shardsRan([2, 2, 2], 1, 1.94)).toBe('3 shards, 2 workers each, the longest 1.9 s');
    expect(shardsRan([2], 1, 0.5)).toBe('1 shard, 2 workers, 0.5 s');
    expect(shardsRan([1, 2, 1, 2], 2, 3)).toBe('4 shards in 2 rounds (1, 2, 1 and 2 workers), the longest 3.0 s');
  });

  test('--precision on differences, Johnson intervals: merge names the next round, its warning too; merging every round gives the local run', () => {
    const file = scenario();
    const args = ['--precision', '5%', '--precision-on', 'both', '--interval', 'johnson', '--max-replications', '12', '-r', '3'];
    args.push('--no-report', '-v', 'faster_desk');
    const local = join(tmp(), 'local');
    expect(etomsim('run', file, ...args, '--out', local, '-q', '-w', '2').status).toBe(0);
    const localResults = JSON.parse(readFileSync(join(local, 'results.json'), 'utf8'));
    expect(localResults.engine.replications).toBeGreaterThan(3); // the target needs more than the first round
    expect(localResults.precision.on).toBe('both');
    expect(localResults.interval).toBe('johnson');

    const rounds: string[][] = [runShards(file, 2, args)];
    let merged = '';
    for (let round = 0; round < 5; round++) {
      merged = join(tmp(), 'merged');
      // the first round's merge with -q: the advice is next-round.json's alone (session 50; it was printed under -q too)
      const quiet = round === 0 ? ['-q'] : [];
      const r = etomsim('merge', ...rounds.flat(), '--out', merged, ...quiet, '--no-report');
      expect(r.status).toBe(0);
      const nextFile = join(merged, 'next-round.json');
      if (!existsSync(nextFile)) {
        expect(r.stderr).not.toContain('needs more replications');
        break;
      }
      const next = JSON.parse(readFileSync(nextFile, 'utf8'));
      // results.json's warning advises the round merge names, not a higher cap (12, not reached): it said
      // "raise --max-replications" until session 62
      const { warnings } = JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8'));
      const said = warnings.filter((w: { code: string }) => w.code === 'precision').map((w: { message: string }) => w.message);
      expect(said).toEqual([expect.stringContaining(`--first-replication ${next.first_replication} --replications ${next.replications}`)]);
      expect(said[0]).not.toContain('--max-replications');
      if (round === 0) expect([r.stdout, r.stderr]).toEqual(['', '']);
      else {
        expect(r.stderr).toContain('needs more replications');
        expect(r.stderr).toContain(`--first-replication ${next.first_replication} --replications ${next.replications}`);
      }
      const moreArgs = args.map((a, i) => (args[i - 1] === '-r' ? String(next.replications) : a));
      rounds.push(runShards(file, 2, [...moreArgs, '--first-replication', String(next.first_replication)]));
    }
    expect(rounds.length).toBeGreaterThan(1);
    expect(existsSync(join(merged, 'next-round.json'))).toBe(false);
    expect(comparable(merged)).toBe(comparable(local));
  });

  test('shards that do not belong together: exit 2, every problem named with its file, nothing written', async () => {
    const { file, shards } = threeShardsOfTwo();
    const otherSeed = join(tmp(), 'seed');
    expect(etomsim('run', file, '--shard', '3/3', '-r', '2', '--seed', '99', '--out', otherSeed, '-q').status).toBe(0);
    const out = join(tmp(), 'never');

    // shard 2 missing, shard 1 twice, shard 3 from another seed
    const copy = join(tmp(), 'copy');
    cpSync(shards[0], copy, { recursive: true });
    const r = etomsim('merge', shards[0], copy, otherSeed, '--out', out);
    expect(r.status).toBe(2);
    // each at the key of the shard that disagrees, in the form of every placed problem, the other file named
    const first = join(shards[0], 'shard-1-of-3.json');
    const seeded = join(otherSeed, 'shard-3-of-3.json');
    expect(r.stderr).toBe(`${seeded}:1:${colOf(seeded, '"seed":')}: seed 99 differs from 11 in ${first} (at seed)\n`);
    expect(r.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);
    expect(existsSync(out)).toBe(false);

    const r2 = await mergeHere(shards[0], copy, shards[2], '--out', out);
    expect(r2.status).toBe(2);
    const copied = join(copy, 'shard-1-of-3.json');
    expect(r2.stderr.split('\n')).toEqual([
      // the second file of a shard given twice, at its index; a missing shard at the count of its round's first file
      `${copied}:1:${colOf(copied, '"index":')}: shard 1/3 of replications 1-2 is given 2 times: ${first}, ${copied} (at shard.index)`,
      `${first}:1:${colOf(first, '"count":')}: shard 2/3 of replications 1-2 is missing (at shard.count)`,
      '',
    ]);
    expect(existsSync(out)).toBe(false);

    // s33x F4: shards of two shard counts in one folder: the mismatch alone, not judged by either run's count
    const mixed = join(tmp(), 'mixed');
    cpSync(shards[0], mixed, { recursive: true });
    expect(etomsim('run', file, '--shard', '1/2', '-r', '2', '--no-report', '--out', mixed, '-q', '-w', '1').status).toBe(0);
    const r7 = await mergeHere(mixed, '--out', out);
    expect(r7.status).toBe(2);
    const lines = r7.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [ofTwo, ofThree] = [join(mixed, 'shard-1-of-2.json'), join(mixed, 'shard-1-of-3.json')];
    expect(lines[0]).toBe(
      `${ofThree}:1:${colOf(ofThree, '"count":')}: shard 1/3 of replications 1-2 does not match ${ofTwo} (shard 1/2, replications 1-2): they are of two runs; merge the shards of one (at shard.count)`,
    );
    expect(existsSync(out)).toBe(false);

    // a file that is not a shard, and a damaged one
    const junk = join(tmp(), 'shard-9-of-9.json');
    writeFileSync(junk, '{"hello": 1}');
    const damaged = join(tmp(), 'shard-1-of-3.json');
    const text = readFileSync(join(shards[0], 'shard-1-of-3.json'), 'utf8');
    writeFileSync(damaged, text.replace(/"replication":0/, '"replication":1'));
    const r3 = await mergeHere(junk, damaged, shards[1], shards[2], '--out', out);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain(
      `${junk}:1:1: not an etomsim shard file: it has no key 'kind'; a shard file's is 'etomsim-shard' (at kind)\n`,
    );
    const r4 = await mergeHere(damaged, shards[1], shards[2], '--out', out);
    expect(r4.status).toBe(2);
    // placed at the value, as a reader places a wrong field (the shard is one line)
    const changed = readFileSync(damaged, 'utf8');
    const col = changed.indexOf('"replication":1') + '"replication":'.length + 1;
    expect(r4.stderr).toBe(
      `${damaged}:1:${col}: its tasks are not those of shard 1/3 (task 1 is not the shard's); the file was changed or is damaged (at tasks.0.replication)\n`,
    );
    expect(existsSync(out)).toBe(false);

    // edited or truncated files: named, exit 2, no internal error, no hang on an absurd count
    const edit = (change: (shard: Record<string, unknown>) => void) => {
      const file = join(tmp(), 'shard-1-of-3.json');
      const shard = JSON.parse(text);
      change(shard);
      writeFileSync(file, JSON.stringify(shard));
      return file;
    };
    const cases: [string, RegExp][] = [
      [
        edit((x) => {
          for (const k of Object.keys(x)) if (k !== 'kind' && k !== 'format') delete x[k];
        }),
        /:1:1: a damaged etomsim shard file: missing key 'version' \(a text\) \(at version\)/,
      ],
      [edit((x) => (x.tasks = null)), /a damaged etomsim shard file: expected a list of tasks .*, found null \(at tasks\)/],
      [edit((x) => ((x.scenario as { text: string }).text += '#')), /the text does not match its sha256 \(at scenario.text\)/],
    ];
    for (const [file, message] of cases) {
      const r5 = await mergeHere(file, shards[1], shards[2], '--out', out);
      expect(r5.status).toBe(2);
      expect(r5.stderr).toMatch(message);
      expect(r5.stderr).not.toMatch(/internal error/);
    }
    // statistics of another size (one f64): at the task's stats, in a pretty-printed file at its line
    const resized = edit((x) => ((x.tasks as { stats: unknown }[])[1].stats = { '~': 'f64', v: 'AAAAAAAAAAA=' }));
    writtenAnew(resized, JSON.stringify(JSON.parse(readFileSync(resized, 'utf8')), null, 2));
    const r10 = await mergeHere(resized, shards[1], shards[2], '--out', out);
    expect(r10.status).toBe(2);
    const statsRows = readFileSync(resized, 'utf8').split('\n');
    const value = statsRows.findIndex((l) => l.includes('"AAAAAAAAAAA="'));
    const statsRow = value - 2; // its "stats": { line, then "~" and "v"
    expect(statsRows[statsRow]).toMatch(/^ {6}"stats": \{$/);
    expect(r10.stderr).toMatch(
      new RegExp(
        `^${resized.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${statsRow + 1}:16: the statistics of replication \\d+ of \\w+ have the wrong size; the file was changed or is damaged \\(at tasks\\.1\\.stats\\)\n$`,
      ),
    );
    // a shard of the set missing as well: both told at once (s39c: the size was told only once the set was whole)
    const partial = await mergeHere(resized, shards[1], '--out', out);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/shard 3\/3 of replications 1-2 is missing/);
    expect(partial.stderr).toMatch(/have the wrong size; the file was changed or is damaged \(at tasks\.1\.stats\)/);
    // a damaged map where the statistics go: told once, as what the wire found (s39c: again one level up, as a wrong shape)
    const mapped = edit((x) => ((x.tasks as { stats: unknown }[])[1].stats = { '~': 'map', v: 5 }));
    const once = await mergeHere(mapped, shards[1], shards[2], '--out', out);
    expect(once.status).toBe(2);
    expect(once.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/: a damaged etomsim shard file: a map's entries are not a list \(at tasks\.1\.stats\.v\)$/),
    ]);
    // shard 1 of 100,000,000 of 3 variants x 2 replications runs the round's first task alone
    const huge = edit((x) => {
      x.shard = { index: 1, count: 100_000_000 };
      x.tasks = (x.tasks as unknown[]).slice(0, 1);
    });
    const r6 = await mergeHere(huge, '--out', out);
    expect(r6.status).toBe(2);
    expect(r6.stderr).toMatch(/shards 2-100000000 of 100000000 of replications 1-2 are missing/);
    expect(existsSync(out)).toBe(false);

    // s36a F1: a damaged shard is placed as every reader places a problem, FILE:LINE:COL: MESSAGE (at PATH)
    const truncated = join(tmp(), 'shard-1-of-3.json');
    const cut = text.slice(0, text.lastIndexOf(',')); // one line, ending after a whole value inside the task list
    writeFileSync(truncated, cut);
    const r8 = await mergeHere(truncated, shards[1], shards[2], '--out', out);
    expect(r8.status).toBe(2);
    expect(r8.stderr.trim()).toBe(
      `${truncated}:1:${cut.length + 1}: a damaged etomsim shard file: invalid JSON: the file ends before the closing '}' (at file)`,
    );
    // wrong types, pretty-printed so that each value has its own line; every one told, in file order
    const typed = join(tmp(), 'shard-1-of-3.json');
    const shard = JSON.parse(text);
    shard.seed = '11';
    shard.tasks[1].replication = -1;
    const pretty = JSON.stringify(shard, null, 2);
    writeFileSync(typed, pretty);
    const rows = pretty.split('\n');
    /** the line and column of the value on the only line that matches */
    const at = (pattern: RegExp) => {
      const found = rows.flatMap((l, i) => (pattern.test(l) ? [i] : []));
      expect(found).toHaveLength(1);
      return `${found[0] + 1}:${rows[found[0]].indexOf(':') + 3}`;
    };
    const r9 = await mergeHere(typed, shards[1], shards[2], '--out', out);
    expect(r9.status).toBe(2);
    expect(r9.stderr.trim().split('\n')).toEqual([
      `${typed}:${at(/^ {2}"seed": "11",$/)}: a damaged etomsim shard file: expected a whole number, found the text "11" (at seed)`,
      `${typed}:${at(/^ {6}"replication": -1,$/)}: a damaged etomsim shard file: expected a whole number of at least 0, found the number -1 (at tasks.1.replication)`,
    ]);
    expect(existsSync(out)).toBe(false);

    // damaged in four ways (a value the wire cannot decode, a field of the wrong type, a text that is not its sha256, a
    // task that is not the shard's): every one told at once, in file order, not one a merge
    const many = join(tmp(), 'shard-1-of-3.json');
    const four = JSON.parse(text);
    four.seed = '11';
    four.scenario.text += '#';
    four.tasks[0].stats = { '~': 'f64', v: 'AAAA' };
    four.tasks[1].replication = 0;
    const fourText = JSON.stringify(four, null, 2);
    writeFileSync(many, fourText);
    const fourRows = fourText.split('\n');
    const row = (pattern: RegExp) => fourRows.findIndex((l) => pattern.test(l)) + 1;
    const r11 = await mergeHere(many, shards[1], shards[2], '--out', out);
    expect(r11.status).toBe(2);
    const told = r11.stderr.trim().split('\n');
    expect(told.map((l) => l.slice(many.length + 1).replace(/^(\d+):\d+: /, '$1: '))).toEqual([
      `${row(/^ {4}"text": /)}: a damaged etomsim shard file: the text does not match its sha256 (at scenario.text)`,
      `${row(/^ {2}"seed": "11",$/)}: a damaged etomsim shard file: expected a whole number, found the text "11" (at seed)`,
      `${row(/^ {8}"v": "AAAA"$/) - 2}: a damaged etomsim shard file: a f64 array of 3 bytes, not a whole number of 8-byte items (at tasks.0.stats)`,
      `${fourRows.findIndex((l, i) => i > row(/"v": "AAAA"/) && /^ {6}"replication": 0,$/.test(l)) + 1}: its tasks are not those of shard 1/3 (task 2 is not the shard's); the file was changed or is damaged (at tasks.1.replication)`,
    ]);
    expect(r11.stderr).not.toMatch(/internal error|\n\s+at .+\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  test('a key written twice in a shard file (a header key, a tagged value of its tasks): exit 2 at its second writing, nothing written', async () => {
    // JSON.parse keeps the last: a seed written twice merged as its second until session 62, another reader may keep the first
    const { shards } = threeShardsOfTwo();
    const text = readFileSync(join(shards[0], 'shard-1-of-3.json'), 'utf8');
    const out = join(tmp(), 'never');
    const written = (content: string) => {
      const to = join(tmp(), 'shard-1-of-3.json');
      writeFileSync(to, content);
      return to;
    };
    const seeded = written(text.replace('"seed":11,', '"seed":99,"seed":11,'));
    const r = await mergeHere(seeded, shards[1], shards[2], '--out', out);
    const seedAt = text.indexOf('"seed":11') + 1;
    expect([r.status, r.stderr]).toEqual([
      2,
      `${seeded}:1:${seedAt + '"seed":99,'.length}: a damaged etomsim shard file: key 'seed' appears twice in the same map (first at 1:${seedAt}); keep only one: JSON readers differ on which one counts (at seed)\n`,
    ]);
    // inside a task's packed statistics, a wire value decoded whole: its keys are counted too
    const stats = text.indexOf('"v":', text.indexOf('"tasks":'));
    const tagged = written(`${text.slice(0, stats)}"v":"AAAAAAAAAAA=",${text.slice(stats)}`);
    const r2 = await mergeHere(tagged, shards[1], shards[2], '--out', out);
    expect([r2.status, r2.stderr]).toEqual([
      2,
      `${tagged}:1:${stats + 1 + '"v":"AAAAAAAAAAA=",'.length}: a damaged etomsim shard file: key 'v' appears twice in the same map (first at 1:${stats + 1}); keep only one: JSON readers differ on which one counts (at tasks.0.stats.v)\n`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('many bad shards: the first 200 told one by one, one line for the rest (the one cap, placed-line.ts), exit 2', async () => {
    const folder = join(tmp(), 'bad');
    mkdirSync(folder);
    const names = Array.from({ length: 250 }, (_, i) => `shard-${String(i + 1).padStart(3, '0')}.json`);
    for (const name of names) writeFileSync(join(folder, name), '{"hello": 1}');
    const out = join(tmp(), 'never');
    const r = await mergeHere(folder, '--out', out);
    expect(r.status).toBe(2);
    const not = "not an etomsim shard file: it has no key 'kind'; a shard file's is 'etomsim-shard' (at kind)";
    expect(r.stderr.split('\n')).toEqual([
      ...names.slice(0, 200).map((name) => `${join(folder, name)}:1:1: ${not}`),
      `${join(folder, names[200])}:1:1: 50 more problems, not told one by one (the first 200 are); the first of them: ${not}`,
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test("a shard's own problems past the cap count as themselves under merge's one cap: its line of 100 more and another file's one are 101 more", async () => {
    // until session 62 merge counted lines: the shard's line standing for 100 and the other file's made "2 more problems"
    const { shards } = threeShardsOfTwo();
    const shard = JSON.parse(readFileSync(join(shards[0], 'shard-1-of-3.json'), 'utf8'));
    // 300 damaged wire values in a map the shard does not know of: each its own problem (no list's, whose rest has its own line)
    shard.junk = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, { '~': 'f64', v: 'AAAA' }]));
    const folder = join(tmp(), 'capped');
    mkdirSync(folder);
    const text = JSON.stringify(shard, null, 1);
    writeFileSync(join(folder, 'shard-1.json'), text);
    writeFileSync(join(folder, 'shard-2.json'), '{"hello": 1}');
    const out = join(tmp(), 'never');
    const r = await mergeHere(folder, '--out', out);
    expect(r.status).toBe(2);
    const bad = (i: number) => `a damaged etomsim shard file: a f64 array of 3 bytes, not a whole number of 8-byte items (at junk.a${i})`;
    const at = (i: number) =>
      `${join(folder, 'shard-1.json')}:${text.split('\n').findIndex((l) => l.startsWith(`  "a${i}": `)) + 1}:${`  "a${i}": `.length + 1}`;
    expect(r.stderr.split('\n')).toEqual([
      ...Array.from({ length: 200 }, (_, i) => `${at(i)}: ${bad(i)}`),
      `${at(200)}: 101 more problems, not told one by one (the first 200 are); the first of them: ${bad(200)}`,
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test("a list's rest line among the first 200: told once, and the last line says what the lines above stand for", async () => {
    // 20 tasks whose statistics are damaged: 5 told, one line for the rest of the list. Until session 63 that line
    // was told twice (once as the wire's, once as the shape check's), and merge's last line said "the first 200 are"
    // of 200 lines that stood for more
    const { shards } = threeShardsOfTwo();
    const shard = JSON.parse(readFileSync(join(shards[0], 'shard-1-of-3.json'), 'utf8'));
    shard.tasks = Array.from({ length: 20 }, () => ({ ...shard.tasks[0], stats: { '~': 'f64', v: 'AAAA' } }));
    const folder = join(tmp(), 'rest-line');
    mkdirSync(folder);
    writeFileSync(join(folder, 'shard-000.json'), JSON.stringify(shard, null, 1));
    const names = Array.from({ length: 250 }, (_, i) => `shard-${String(i + 1).padStart(3, '0')}.json`);
    for (const name of names) writeFileSync(join(folder, name), '{"hello": 1}');
    const r = await mergeHere(folder, '--out', join(tmp(), 'never'));
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n');
    // the list's rest, 16: the 15 damaged values not told, and its second task, not the shard's (20 copies of its first)
    const rest = 'a damaged etomsim shard file: 16 more problems in this list, not told one by one (the first 5 are) (at tasks)';
    expect(lines.filter((l) => l.endsWith(rest))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('a f64 array of 3 bytes'))).toHaveLength(5);
    const not = "not an etomsim shard file: it has no key 'kind'; a shard file's is 'etomsim-shard' (at kind)";
    // 6 lines of the damaged shard (21 problems) and 194 of the others: 215 problems; 56 files more
    expect(lines.slice(200)).toEqual([
      `${join(folder, names[194])}:1:1: 56 more problems, not told one by one (the 200 lines above stand for the first 215); the first of them: ${not}`,
      '',
    ]);
  });

  test('a round missing, rounds that overlap, a folder without shards, another scenario, one that does not load, another version, another replication count: each at its key, exit 2, nothing written', async () => {
    const { file, shards } = threeShardsOfTwo();
    const first = join(shards[0], 'shard-1-of-3.json');
    const out = join(tmp(), 'never');
    const round = (from: number, to: number) => {
      const dir = join(tmp(), `from-${from}`);
      const r = etomsim(
        'run',
        file,
        '--shard',
        '1/1',
        '--first-replication',
        String(from),
        '-r',
        String(to),
        '--no-report',
        '--out',
        dir,
        '-q',
      );
      expect(r.status).toBe(0);
      return join(dir, `shard-1-of-1-from-${from}.json`);
    };
    const [third, overlapping] = [round(2, 4), round(1, 4)];
    const alone = etomsim('merge', third, '--out', out);
    expect([alone.status, alone.stderr]).toEqual([
      2,
      `${third}:1:${colOf(third, '"first_replication":')}: starts at replication 3, but the first round starts at replication 1: a round is missing (at first_replication)\n`,
    ]);
    const twice = await mergeHere(overlapping, ...shards, '--out', out);
    expect([twice.status, twice.stderr]).toEqual([
      2,
      `${overlapping}:1:${colOf(overlapping, '"first_replication":')}: starts at replication 2, but the rounds before end at replication 2 (${first}): the rounds overlap; merge the rounds of one run (at first_replication)\n`,
    ]);
    const empty = join(tmp(), 'empty');
    mkdirSync(empty);
    const none = await mergeHere(empty, '--out', out);
    expect([none.status, none.stderr]).toEqual([2, `${empty}:1:1: no shard files (shard-*.json) in this folder (at folder)\n`]);
    // the first shard's scenario edited (its sha256 with it): the others told at their sha256, naming the first
    const restated = (text: string) => {
      const to = join(tmp(), 'shard-1-of-3.json');
      const shard = JSON.parse(readFileSync(first, 'utf8'));
      shard.scenario.text = text;
      shard.scenario.sha256 = scenarioHash(text);
      writeFileSync(to, JSON.stringify(shard));
      return to;
    };
    const renamed = restated(SCENARIO.replace('Shard test', 'Shard test, edited'));
    const [second, third3] = [join(shards[1], 'shard-2-of-3.json'), join(shards[2], 'shard-3-of-3.json')];
    const sha = (text: string) => scenarioHash(text).slice(0, 12);
    const apart = await mergeHere(renamed, shards[1], shards[2], '--out', out);
    expect(apart.status).toBe(2);
    expect(apart.stderr.split('\n')).toEqual([
      ...[second, third3].map(
        (f) =>
          `${f}:1:${colOf(f, '"sha256":')}: scenario ${file} (sha256 ${sha(SCENARIO)}) differs from ${file} (sha256 ${sha(SCENARIO.replace('Shard test', 'Shard test, edited'))}) in ${renamed} (at scenario.sha256)`,
      ),
      '',
    ]);
    // a stored scenario this etomsim refuses: its own problems, then the shard's line at its text
    const refusedText = restated(SCENARIO.replace('capacity: 2,', 'capacity: -2,'));
    const unloadable = await mergeHere(refusedText, shards[1], shards[2], '--out', out);
    expect(unloadable.status).toBe(2);
    const said = unloadable.stderr.trim().split('\n');
    expect(said.length).toBeGreaterThan(1);
    expect(said.at(-1)).toBe(
      `${refusedText}:1:${colOf(refusedText, '"text":')}: the scenario stored here does not load in this etomsim (${VERSION}) (at scenario.text)`,
    );
    // every shard of another etomsim: told at the first one's version
    const older = shards.map((dir, i) => {
      const to = join(tmp(), `shard-${i + 1}-of-3.json`);
      writeFileSync(to, readFileSync(join(dir, `shard-${i + 1}-of-3.json`), 'utf8').replace(/"version":"[^"]*"/, '"version":"0.0.0-old"'));
      return to;
    });
    const other = await mergeHere(...older, '--out', out);
    expect(other.status).toBe(2);
    expect(other.stderr).toBe(
      `${older[0]}:1:${colOf(older[0], '"version":')}: the shards were run by etomsim 0.0.0-old; merge them with the same version (this is ${VERSION}) (at version)\n`,
    );
    // one shard of another etomsim among this one's: told at its version, naming the first given
    const oneOlder = await mergeHere(shards[0], older[1], shards[2], '--out', out);
    expect([oneOlder.status, oneOlder.stderr]).toEqual([
      2,
      `${older[1]}:1:${colOf(older[1], '"version":')}: etomsim version "0.0.0-old" differs from "${VERSION}" in ${first} (at version)\n`,
    ]);
    // shard 2 of the same count from a run of another replication count: the two runs told apart at its replications
    const longer = join(tmp(), 'longer');
    expect(etomsim('run', file, '--shard', '2/3', '-r', '3', '--no-report', '--out', longer, '-q', '-w', '1').status).toBe(0);
    const longerFile = join(longer, 'shard-2-of-3.json');
    const ranges = await mergeHere(shards[0], longerFile, shards[2], '--out', out);
    expect([ranges.status, ranges.stderr]).toEqual([
      2,
      `${longerFile}:1:${colOf(longerFile, '"replications":')}: shard 2/3 of replications 1-3 does not match ${first} (shard 1/3, replications 1-2): they are of two runs; merge the shards of one (at replications)\n`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('option errors: a bad --shard, --sensitivity with --shard, --first-replication alone: exit 2 at once', () => {
    const file = scenario();
    for (const args of [
      ['--shard', '4/3'],
      ['--shard', '0/3'],
      ['--shard', 'x'],
      ['--shard', '1/2', '--sensitivity'],
      ['--shard', '1/2', '--formats', 'md'],
      ['--first-replication', '2'],
    ]) {
      const r = etomsim('run', file, ...args, '--out', join(tmp(), 'o'), '-q');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^etomsim: .*(--shard|--first-replication|--sensitivity)/);
    }
  });
});

describe("a shard's scenario text", () => {
  test('is read as the scenario loader reads it: UTF-16 by its byte-order mark decoded, Latin-1 refused at its place', () => {
    const dir = tmp();
    const file = join(dir, 'u16.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCENARIO.replace('Shard test', 'Shard tést'), 'utf16le')]));
    const out = join(dir, 'shard');
    const r = etomsim('run', file, '--shard', '1/2', '-r', '2', '-w', '1', '--out', out, '-q');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const [shardFile] = readdirSync(out);
    const held = readFileSync(join(out, shardFile), 'utf8');
    expect(held).toContain('name: Shard tést'); // the text it ran, decoded
    const latin = join(dir, 'latin.yaml');
    writeFileSync(latin, Buffer.from(SCENARIO.replace('Shard test', 'Shard tést'), 'latin1'));
    const refused = join(dir, 'refused');
    const bad = etomsim('run', latin, '--shard', '1/2', '-r', '2', '--out', refused, '-q');
    expect([bad.status, bad.stderr]).toEqual([
      2,
      `${latin}:1:14: byte 0xE9 is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8 (at file)\n`,
    ]);
    expect(existsSync(refused)).toBe(false);
  });
});
