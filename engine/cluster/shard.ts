// Shards: one experiment's (variant, replication) tasks split N ways for a batch scheduler,
// each share run anywhere and written to a shard file, and the files merged back into the
// per-replication statistics a local run would have had.
//
// Invariant: the tasks of a round are `taskOrder`'s list, and shard I of N runs the tasks at
// positions k with k mod N = I - 1. Merging every shard of every round gives, for each
// variant, replications 0..R-1 in order, bit for bit what a local run computes, because a
// replication depends only on (model, replication, seed).
import { createHash } from 'node:crypto';
import { experimentVariants, nextRound, taskOrder, type ExperimentVariant } from '../experiment/experiment.js';
import { pack, packedLength, shapeOf, unpack } from '../experiment/packing.js';
import type { Runner } from '../experiment/runner.js';
import type { OfferedLoads } from '../model/offered-load.js';
import { metricLayout } from '../model/metrics.js';
import type { ReplicationStats } from '../sim/replication-summary.js';
import type { ScenarioSet } from '../scenario/types.js';
import { DEFAULT_MAX_WIP } from '../sim/run-limits.js';
import { PRECISION_TARGETS, type PrecisionTarget } from '../results/types.js';
import { INTERVAL_METHODS, type IntervalMethod } from '../stats/summary.js';
import type { ShardSpec } from './shard-spec.js';
import { decodeEach, encode, type WireError } from './wire.js';
import { duplicateKey, duplicateKeyMessage, locateInJson, readJson } from '../io/json-source.js';
import type { Standing } from '../io/placed-line.js';
import { describeJson, list, nullable, num, object, oneOf, string, type Shape } from '../results/shape.js';
import { Problems, type KeyPath, type Problem } from '../scenario/problems.js';
import { dottedPath, type Position } from '../scenario/diagnostics.js';
import { isPlainMap } from '../scenario/fields.js';
import { largest } from '../lists.js';
import { MAX_BYTES, SCENARIO_FILE, tooLargeWhy } from '../io/input-file.js';
import { SHARD_KIND } from './shard-kind.js';

export { SHARD_KIND };

export type { ShardSpec };

export const SHARD_FORMAT = 1;

/** What a shard file holds: enough to check that shards belong together and to rebuild the run. */
export interface ShardFile {
  kind: typeof SHARD_KIND;
  format: typeof SHARD_FORMAT;
  version: string;
  /** the scenario as run: its text travels with the shard, so merge needs nothing else */
  scenario: { file: string; sha256: string; text: string };
  seed: number;
  /** this round's replications: first_replication .. replications - 1 */
  first_replication: number;
  replications: number;
  /** the variants asked for (null: all), and the variant blocks that result, baseline first */
  chosen: string[] | null;
  variants: string[];
  precision: number | null;
  /** what --precision is on, and the interval method of results.json (a file without them: 'means', 't', set by decodeShard) */
  precision_on: PrecisionTarget;
  interval: IntervalMethod;
  max_replications: number;
  shard: ShardSpec;
  workers: number;
  wall_s: number;
  /** the V8 that ran the shard: the same bits for the same V8; other versions may differ in last digits */
  v8?: string;
  /** per task: indices into `variants` and the replication, and its packed statistics */
  tasks: { variant: number; replication: number; stats: Float64Array }[];
}

export interface ShardRun {
  set: ScenarioSet;
  text: string;
  file: string;
  version: string;
  seed: number;
  firstReplication: number;
  replications: number;
  chosen: string[] | null;
  precision: number | null;
  precisionOn: PrecisionTarget;
  interval: IntervalMethod;
  maxReplications: number;
  shard: ShardSpec;
  runner: Runner;
  onProgress?: (done: number, total: number) => void;
  /** the replications' work-in-progress cap; not in the shard file: it changes no number of a replication that finishes */
  maxWip?: number;
  /** the command's OfferedLoads, when its warnings computed the same scenarios' (run's) */
  offeredLoads?: OfferedLoads;
}

export function scenarioHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The positions in a round's task list that shard I of N runs. */
export function shardTasks<T>(tasks: readonly T[], shard: ShardSpec): T[] {
  return tasks.filter((_, k) => k % shard.count === shard.index - 1);
}

export async function runShard(run: ShardRun): Promise<ShardFile> {
  const started = process.hrtime.bigint();
  const variants = experimentVariants(run.set, run.chosen, run.offeredLoads);
  const mine = shardTasks(taskOrder(variants.length, run.firstReplication, run.replications), run.shard);
  let done = 0;
  run.onProgress?.(0, mine.length);
  const stats = await run.runner.run(
    mine.map(([v, replication]) => ({
      model: variants[v].model,
      variant: variants[v].name,
      replication,
      seed: run.seed,
      maxWip: run.maxWip ?? DEFAULT_MAX_WIP,
    })),
    () => run.onProgress?.(++done, mine.length),
  );
  return {
    ...shardHeader(
      run,
      variants.map((v) => v.name),
      run.runner.workers,
      Number(process.hrtime.bigint() - started) / 1e9,
    ),
    tasks: mine.map(([variant, replication], i) => ({ variant, replication, stats: pack(stats[i]) })),
  };
}

/** Everything a shard file holds but its tasks: what runShard writes, and what engine/cluster/shard-size.ts weighs before it runs. */
export function shardHeader(
  run: Omit<ShardRun, 'set' | 'runner' | 'onProgress' | 'maxWip' | 'offeredLoads'>,
  variants: string[],
  workers: number,
  wallSeconds: number,
): Omit<ShardFile, 'tasks'> {
  return {
    kind: SHARD_KIND,
    format: SHARD_FORMAT,
    version: run.version,
    scenario: { file: run.file, sha256: scenarioHash(run.text), text: run.text },
    seed: run.seed,
    first_replication: run.firstReplication,
    replications: run.replications,
    chosen: run.chosen,
    variants,
    precision: run.precision,
    precision_on: run.precisionOn,
    interval: run.interval,
    max_replications: run.maxReplications,
    shard: run.shard,
    workers,
    wall_s: wallSeconds,
    v8: process.versions.v8,
  };
}

export function shardFileName(shard: ShardSpec, firstReplication: number): string {
  const from = firstReplication > 0 ? `-from-${firstReplication}` : '';
  return `shard-${shard.index}-of-${shard.count}${from}.json`;
}

export function encodeShard(shard: ShardFile): string {
  return encode(shard) + '\n';
}

/** Where and why a shard file is not one etomsim can merge: FILE:LINE:COL: MESSAGE (at PATH) once the file is named. */
export interface ShardDamage extends Position {
  /** the dotted key path of the value ('' for the whole file or a syntax error) */
  path: string;
  message: string;
  /** a line standing for several problems of the file (its cap's, a list's rest): how many, for merge's one cap */
  stands?: Standing;
}

/** A whole number (of at least `min`) that a double holds exactly: a count read from a file may be anything. */
const count = (min?: number): Shape => {
  const shape = num(min === undefined ? { integer: true } : { min, integer: true });
  return { ...shape, holds: (v) => shape.holds!(v) && Number.isSafeInteger(v) };
};

/** A task's packed statistics: the wire's f64 array (engine/cluster/wire.ts). */
const PACKED: Shape = {
  what: 'packed statistics (a {"~": "f64", "v": base64} value)',
  isKind: (v) => v instanceof Float64Array,
  holds: (v) => v instanceof Float64Array,
  check(value, path, problems) {
    if (!(value instanceof Float64Array)) problems.atValue(path, `expected ${this.what}, found ${describeJson(value)}`);
  },
};

/** What etomsim writes (ShardFile); precision_on, interval and v8 are absent from files written before they travelled. */
const SHARD_SHAPE = object(
  'an etomsim shard file',
  {
    version: string,
    scenario: object('the scenario as run ({ file, sha256, text })', { file: string, sha256: string, text: string }),
    seed: count(),
    first_replication: count(0),
    replications: count(1),
    chosen: nullable(list(string)),
    variants: list(string),
    precision: nullable(num({ above: 0 })),
    max_replications: count(1),
    shard: object('a share ({ index, count })', { index: count(1), count: count(1) }),
    workers: count(0),
    wall_s: num({ min: 0 }),
    tasks: list(object('a task ({ variant, replication, stats })', { variant: count(0), replication: count(0), stats: PACKED })),
  },
  { precision_on: oneOf(...PRECISION_TARGETS), interval: oneOf(...INTERVAL_METHODS), v8: string },
);

/**
 * A shard file's content, or every place where its text is not one, all at once: its damaged wire values, its fields
 * of the wrong type, its values that contradict each other, its tasks that are not its shard's. Four things stop the
 * reading first, each alone: a syntax error (JSON.parse stops at it), a file that is not a shard (another kind: its
 * fields would only be noise), a shard of another format (whose fields this version does not know) and a key written
 * twice in one map (which of its values the shard meant is unknown).
 */
export function decodeShard(text: string): ShardFile | ShardDamage[] {
  let value: unknown;
  let keys: number;
  let damaged: WireError[];
  let placeholders: (string | number)[][];
  try {
    ({ value, keys, damaged, placeholders } = decodeEach(text));
  } catch (err) {
    if (err instanceof SyntaxError) {
      const read = readJson(text);
      const at = read.syntax ?? { line: 1, col: 1, message: err.message };
      return [{ line: at.line, col: at.col, path: '', message: `a damaged etomsim shard file: ${at.message}` }];
    }
    // the wire's values decoded by recursion: a hostile file of a million nested lists
    if (err instanceof RangeError) return [{ line: 1, col: 1, path: '', message: 'not an etomsim shard file: its values nest too deeply' }];
    throw err;
  }
  if (!isPlainMap(value)) return [{ line: 1, col: 1, path: '', message: `not an etomsim shard file (found ${describeJson(value)})` }];
  const v = value as Partial<ShardFile>;
  if (v.kind !== SHARD_KIND) {
    const found = Object.hasOwn(v, 'kind') ? `its kind is ${describeJson(v.kind)}` : "it has no key 'kind'";
    return located(text, [
      {
        path: ['kind'],
        anchor: Object.hasOwn(v, 'kind') ? 'value' : 'parent',
        message: `not an etomsim shard file: ${found}; a shard file's is '${SHARD_KIND}'`,
      },
    ]);
  }
  if (v.format !== SHARD_FORMAT)
    return located(text, [
      {
        path: ['format'],
        anchor: Object.hasOwn(v, 'format') ? 'value' : 'parent',
        message: `a shard file of format ${String(v.format)}; this etomsim reads format ${SHARD_FORMAT}`,
      },
    ]);
  // JSON.parse kept the last of a key written twice, which another reader may not: which one the shard ran is unknown
  // (until session 62 the last counted, a seed written twice merged as its second)
  const twice = duplicateKey(text, keys);
  if (twice !== null)
    return [{ ...twice.at, path: dottedPath(twice.path), message: `a damaged etomsim shard file: ${duplicateKeyMessage(twice)}` }];
  const problems = new Problems();
  for (const err of damaged) problems.atValue(err.path, err.message);
  // a damaged value is told once, as what the wire found, not again as a value of the wrong shape
  // (at its WireError's path, and at its placeholder's, one level up in a map's or a wrapped object's: s39c told it twice;
  // left out of the shape's counts, where its list's rest line was told twice until session 63)
  const damagedAt = new Set([...damaged.map((err) => keyOf(err.path)), ...placeholders.map(keyOf)]);
  const shape = new Problems((path) => damagedAt.has(keyOf(path)));
  SHARD_SHAPE.check(v, [], shape);
  const wrong = new Set<string>(damagedAt);
  for (const p of shape.told()) {
    wrong.add(keyOf(p.path));
    problems.addTold(p); // its cap's line counted as the problems it stands for
  }
  crossProblems(v, wrong, problems);
  if (problems.count > 0)
    return located(
      text,
      problems.told().map((p) => {
        const said = (message: string) => (message.startsWith(TASKS_NOT) ? message : `a damaged etomsim shard file: ${message}`);
        const first = p.stands?.first;
        return {
          ...p,
          message: said(p.message),
          ...(p.stands && { stands: first === undefined ? p.stands : { ...p.stands, first: said(first) } }),
        };
      }),
    );
  // files written before these settings travelled ran with their defaults
  return { ...(v as ShardFile), precision_on: v.precision_on ?? 'means', interval: v.interval ?? 't' };
}

/**
 * The problems of a shard file between its fields: values that contradict each other or what run reads, and tasks
 * that are not its shard's. Each is judged only where the fields it reads have their shape (`wrong`: the key paths,
 * as JSON, of the fields that do not), so that one wrong field is told once.
 */
function crossProblems(v: Partial<ShardFile>, wrong: ReadonlySet<string>, problems: Problems): void {
  // a field is sound when no wrong one lies at, under or above it
  const within = new Set<string>();
  for (const key of wrong) {
    const path = JSON.parse(key) as KeyPath;
    for (let n = 0; n <= path.length; n++) within.add(keyOf(path.slice(0, n)));
  }
  const sound = (...paths: KeyPath[]) =>
    paths.every((path) => !within.has(keyOf(path)) && !path.some((_, n) => wrong.has(keyOf(path.slice(0, n)))));
  const sc = v.scenario!;
  if (sound(['scenario'])) {
    if (!/^[0-9a-f]{64}$/.test(sc.sha256)) problems.atValue(['scenario', 'sha256'], 'expected 64 lowercase hexadecimal digits');
    // run reads no larger scenario file; merge would parse it unbounded (YAML: about a second per megabyte)
    else if (Buffer.byteLength(sc.text) > MAX_BYTES.scenario)
      problems.atValue(['scenario', 'text'], tooLargeWhy(MAX_BYTES.scenario, SCENARIO_FILE.kind));
    else if (sc.sha256 !== scenarioHash(sc.text)) problems.atValue(['scenario', 'text'], 'the text does not match its sha256');
  }
  const rounds = sound(['replications'], ['first_replication']);
  if (rounds && v.replications! <= v.first_replication!)
    problems.atValue(['replications'], `${v.replications} is not above first_replication ${v.first_replication}`);
  if (sound(['variants']) && v.variants!.length === 0)
    problems.atValue(['variants'], 'expected at least one variant (the baseline), found none');
  if (sound(['precision']) && v.precision !== null && !(v.precision! < 1))
    problems.atValue(['precision'], `expected a share below 1, found ${v.precision}`);
  if (sound(['max_replications'], ['replications']) && v.max_replications! < v.replications!)
    problems.atValue(['max_replications'], `${v.max_replications} is below replications ${v.replications}`);
  const share = sound(['shard']) && v.shard!.index <= v.shard!.count;
  if (sound(['shard']) && !share)
    problems.atValue(['shard', 'index'], `shard ${v.shard!.index} of ${v.shard!.count}: the index is above the count`);
  if (!Array.isArray(v.tasks)) return;
  const variants = sound(['variants']) ? v.variants!.length : null;
  const everyTask = !within.has(keyOf(['tasks'])); // sound, each: no need to ask of each (a file may hold a million)
  let outOfRange = false;
  for (let i = 0; i < v.tasks.length; i++) {
    const task = v.tasks[i];
    if (variants === null || !(everyTask || sound(['tasks', i, 'variant'])) || task.variant < variants) continue;
    problems.atValue(['tasks', i, 'variant'], `variant ${task.variant}, but the file's variants are numbered 0 to ${variants - 1}`);
    outOfRange = true;
  }
  if (
    outOfRange ||
    variants === null ||
    variants === 0 ||
    !rounds ||
    !share ||
    v.replications! <= v.first_replication! ||
    !placesSound(wrong)
  )
    return;
  const wrongTask = misplacedTask(v as ShardFile);
  if (wrongTask !== null) problems.atValue(wrongTask.path, wrongTask.message);
}

/** Whether every task's place (its variant and replication) has its shape: what misplacedTask reads; its statistics it does not. */
function placesSound(wrong: ReadonlySet<string>): boolean {
  for (const key of wrong) {
    const path = JSON.parse(key) as KeyPath;
    if (path.length === 0 || (path[0] === 'tasks' && (path.length <= 2 || path[2] === 'variant' || path[2] === 'replication')))
      return false;
  }
  return true;
}

/** A key path as a set's key. */
const keyOf = (path: KeyPath) => JSON.stringify(path);

/** How a message of a shard's tasks that are not its shard's begins (it is not said to be a damaged file: it may be an edited one). */
const TASKS_NOT = 'its tasks are not those of shard';

/**
 * The first place where a shard's tasks are not those of its share of its round, or null: the task at position k of
 * shard I of N is the round's task at I - 1 + kN in taskOrder's list (reckoned, not listed: a file may say it runs
 * 10^15 replications).
 */
function misplacedTask(s: Pick<ShardFile, 'variants' | 'first_replication' | 'replications' | 'shard' | 'tasks'>): {
  path: KeyPath;
  message: string;
} | null {
  const variants = s.variants.length;
  const all = variants * (s.replications - s.first_replication);
  const expected = Math.max(0, Math.ceil((all - (s.shard.index - 1)) / s.shard.count));
  const got = s.tasks;
  const said = (which: string) => `${TASKS_NOT} ${s.shard.index}/${s.shard.count} (${which}); the file was changed or is damaged`;
  for (let k = 0; k < got.length; k++) {
    if (k >= expected) return { path: ['tasks'], message: said(`it holds ${got.length} tasks, not ${expected}`) };
    const position = s.shard.index - 1 + k * s.shard.count;
    const [variant, replication] = [position % variants, s.first_replication + Math.floor(position / variants)];
    if (got[k].variant !== variant || got[k].replication !== replication)
      return {
        path: ['tasks', k, got[k].variant !== variant ? 'variant' : 'replication'],
        message: said(`task ${k + 1} is not the shard's`),
      };
  }
  return got.length === expected ? null : { path: ['tasks'], message: said(`it holds ${got.length} tasks, not ${expected}`) };
}

/** Problems at their line and column in the text, in file order. */
function located(text: string, problems: readonly Problem[]): ShardDamage[] {
  const places = locateInJson(
    text,
    problems.map((p) => (p.anchor === 'parent' ? p.path.slice(0, -1) : p.path)),
  );
  return problems
    .map((p, i) => ({ ...places[i], path: dottedPath(p.path), message: p.message, ...(p.stands && { stands: p.stands }) }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
}

/** A shard file and where it came from, for messages. */
export interface ShardSource {
  path: string;
  shard: ShardFile;
}

/**
 * Why shards do not merge, placed as every reader places a problem (FILE:LINE:COL: MESSAGE (at PATH)
 * once the reader has found the key's line and column): the file is the shard that disagrees (of
 * two that differ, the later given; of a shard given twice, its second file; of a missing shard,
 * the first given of its round, whose count calls for it), the path its key that says so, and the
 * message names the other file.
 */
export interface MergeProblem {
  file: string;
  path: KeyPath;
  message: string;
}

/** Every variant's replications, in order, from shards that belong together. */
export interface MergedShards {
  first: ShardFile;
  variants: ExperimentVariant[];
  reps: ReplicationStats[][];
  /**
   * engine.workers: the sum of the workers of the largest round (the threads the run had when a
   * round's shards ran side by side, as a scheduler runs them), and the longest shard's wall time
   */
  workers: number;
  wallSeconds: number;
  /** how the shards ran, for people: each shard's workers, round by round and shard by shard, and the number of rounds */
  shards: { workers: number[]; rounds: number };
  /** when --precision asks for more: the replications the next round must run to */
  nextReplications: number | null;
}

/**
 * Checks that the shards are one experiment (same scenario, seed, version, variants and
 * replications; every shard of every round present once) and assembles them. Problems
 * come back as messages, all of them, naming the files.
 */
export function mergeShards(sources: readonly ShardSource[], set: ScenarioSet): MergedShards | MergeProblem[] {
  const problems: MergeProblem[] = [];
  const [head] = sources;
  const first = head.shard;
  const same = <K extends keyof ShardFile>(
    key: K,
    label: string,
    show: (v: ShardFile[K]) => string = (v) => JSON.stringify(v),
    at: (v: ShardFile[K]) => KeyPath = () => [key],
  ) => {
    for (const s of sources) {
      if (JSON.stringify(s.shard[key]) !== JSON.stringify(first[key])) {
        problems.push({
          file: s.path,
          path: at(s.shard[key]),
          message: `${label} ${show(s.shard[key])} differs from ${show(first[key])} in ${head.path}`,
        });
      }
    }
  };
  same('version', 'etomsim version');
  same(
    'scenario',
    'scenario',
    (v) => `${v.file} (sha256 ${v.sha256.slice(0, 12)})`,
    // the same text run from another file name differs by its name alone
    (v) => ['scenario', v.sha256 === first.scenario.sha256 ? 'file' : 'sha256'],
  );
  same('seed', 'seed');
  same('chosen', 'variant selection', (v) => (v === null ? 'all variants' : v.join(', ')));
  same('variants', 'variants');
  same('precision', 'precision target');
  same('precision_on', 'precision on');
  same('interval', 'interval method');
  same('max_replications', 'max replications');
  if (problems.length > 0) return problems;

  const variants = experimentVariants(set, first.chosen);
  if (variants.map((v) => v.name).join('\u0000') !== first.variants.join('\u0000')) {
    return [
      {
        file: head.path,
        path: ['variants'],
        message: `the scenario's variants (${variants.map((v) => v.name).join(', ')}) are not the shard's (${first.variants.join(', ')})`,
      },
    ];
  }

  // Rounds: the first runs 0..R-1, each later one from where the previous ended.
  const rounds = new Map<number, ShardSource[]>();
  for (const s of sources) {
    const list = rounds.get(s.shard.first_replication) ?? [];
    list.push(s);
    rounds.set(s.shard.first_replication, list);
  }
  const starts = [...rounds.keys()].sort((a, b) => a - b);
  let expectedFrom = 0;
  let endedBy: ShardSource | null = null; // the first given of the round that ends at expectedFrom
  let workers = 0;
  const shardWorkers: number[] = [];
  for (const from of starts) {
    const round = rounds.get(from)!;
    const lead = round[0];
    if (from !== expectedFrom) {
      const before =
        endedBy === null
          ? 'the first round starts at replication 1'
          : `the rounds before end at replication ${expectedFrom} (${endedBy.path})`;
      problems.push({
        file: lead.path,
        path: ['first_replication'],
        message:
          from > expectedFrom
            ? `starts at replication ${from + 1}, but ${before}: a round is missing`
            : `starts at replication ${from + 1}, but ${before}: the rounds overlap; merge the rounds of one run`,
      });
    }
    const strays = round.filter((s) => s.shard.replications !== lead.shard.replications || s.shard.shard.count !== lead.shard.shard.count);
    for (const s of strays) {
      problems.push({
        file: s.path,
        path: s.shard.replications !== lead.shard.replications ? ['replications'] : ['shard', 'count'],
        message: `shard ${s.shard.shard.index}/${s.shard.shard.count} of replications ${from + 1}-${s.shard.replications} does not match ${lead.path} (shard ${lead.shard.shard.index}/${lead.shard.shard.count}, replications ${from + 1}-${lead.shard.replications}): they are of two runs; merge the shards of one`,
      });
    }
    // shards of two runs in one round: which are given twice or missing is not to be judged by either run's count (s33x F4)
    if (strays.length > 0) {
      if (lead.shard.replications > expectedFrom) [expectedFrom, endedBy] = [lead.shard.replications, lead];
      continue;
    }
    const count = lead.shard.shard.count;
    const byIndex = new Map<number, ShardSource[]>();
    for (const s of round) byIndex.set(s.shard.shard.index, [...(byIndex.get(s.shard.shard.index) ?? []), s]);
    const range = `replications ${from + 1}-${lead.shard.replications}`;
    // by the indices given, not by count: a count is read from a file and may be anything
    const given = [...byIndex.keys()].sort((a, b) => a - b);
    let expected = 1;
    for (const i of [...given, count + 1]) {
      // no file is the missing shard's: told at the count of the round's first file, which calls for it
      if (i > expected)
        problems.push({
          file: lead.path,
          path: ['shard', 'count'],
          message:
            i - 1 === expected
              ? `shard ${expected}/${count} of ${range} is missing`
              : `shards ${expected}-${i - 1} of ${count} of ${range} are missing`,
        });
      expected = i + 1;
      const files = byIndex.get(i) ?? [];
      if (files.length > 1)
        problems.push({
          file: files[1].path,
          path: ['shard', 'index'],
          message: `shard ${i}/${count} of ${range} is given ${files.length} times: ${files.map((s) => s.path).join(', ')}`,
        });
    }
    workers = Math.max(
      workers,
      round.reduce((n, s) => n + s.shard.workers, 0),
    );
    for (const s of [...round].sort((a, b) => a.shard.shard.index - b.shard.shard.index)) shardWorkers.push(s.shard.workers);
    if (lead.shard.replications > expectedFrom) [expectedFrom, endedBy] = [lead.shard.replications, lead];
  }
  // the statistics are checked whatever the set's problems, so that all are told at once (s39c: a block of
  // the wrong size was told only once the set was mended); kept only for a set without problems
  const whole = problems.length === 0;
  const total = expectedFrom;
  const reps: ReplicationStats[][] = variants.map(() => new Array<ReplicationStats>(total));
  const shapes = variants.map((v) => shapeOf(v.model, metricLayout(v.model)));
  for (const s of sources) {
    const misplaced = misplacedTask(s.shard);
    if (misplaced !== null) {
      problems.push({ file: s.path, ...misplaced });
      continue;
    }
    const got = s.shard.tasks;
    for (let k = 0; k < got.length; k++) {
      const t = got[k];
      const stats = unpackChecked(t.stats, shapes[t.variant]);
      if (stats === null) {
        problems.push({
          file: s.path,
          path: ['tasks', k, 'stats'],
          message: `the statistics of replication ${t.replication + 1} of ${first.variants[t.variant]} have the wrong size; the file was changed or is damaged`,
        });
        continue;
      }
      if (whole) reps[t.variant][t.replication] = stats;
    }
  }
  if (problems.length > 0) return problems;
  const models = variants.map((v) => v.model);
  return {
    first,
    variants,
    reps,
    workers,
    wallSeconds: largest(sources.map((s) => s.shard.wall_s)),
    shards: { workers: shardWorkers, rounds: starts.length },
    nextReplications: nextRound(models, reps, {
      precision: first.precision,
      precisionOn: first.precision_on,
      interval: first.interval,
      maxReplications: first.max_replications,
    }),
  };
}

function unpackChecked(buffer: Float64Array, shape: ReturnType<typeof shapeOf>): ReplicationStats | null {
  if (!(buffer instanceof Float64Array)) return null;
  return buffer.length === packedLength(shape) ? unpack(buffer, shape) : null;
}
