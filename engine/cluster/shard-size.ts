// How large a shard file (`run --shard I/N`) can be, bounded before any replication runs. A
// shard file is one JSON text (engine/cluster/wire.ts): the scenario's text, the run's
// settings, and per task (a variant's replication) its packed statistics as base64, whose
// length the compiled model fixes (engine/experiment/packing.ts). `merge` reads at most
// MAX_BYTES.results (256 MiB) of one shard file. The bounds of results.json and
// replications.csv, which a shard's run checks too (bin/results-size.ts), covered its tasks on
// every model measured (a task can outweigh its replication in results.json: a flow's 101
// quantiles travel per replication, results.json keeps their average), but not by
// construction, and not the scenario's text, which every shard carries JSON-escaped: a 45 MiB
// scenario with control characters in a comment wrote a 270 MiB shard that merge refused.
//
// Invariant: `bytes` is an upper bound of the shard file's UTF-8 length for the run given,
// whatever the simulated values and however long the shard takes: the header is the one
// runShard writes (shardHeader), encoded, with room for its two numbers measured at run time
// (workers, wall_s); each task is counted at the widest variant's packed length, and the
// shard at the most tasks any shard of N holds.
import { compileLayout } from '../model/compile.js';
import { metricLayout } from '../model/metrics.js';
import { packedLength, shapeOf } from '../experiment/packing.js';
import { MAX_BYTES } from '../io/input-file.js';
import { largest } from '../lists.js';
import { wholeNumber } from '../number-format.js';
import { counted } from '../plural.js';
import { shardHeader, type ShardRun } from './shard.js';
import { encode } from './wire.js';

/** The most a shard file may hold: what `merge` reads of one. */
export const MAX_SHARD_BYTES = MAX_BYTES.results;

/** workers (a safe integer: 16 digits) and wall_s (a double: at most 25 characters), measured while the shard runs. */
const MEASURED = 16 + 25;

export interface ShardSizeEstimate {
  /** upper bound of the shard file's bytes */
  bytes: number;
  /** the header: the scenario's text, the settings, the variants' names */
  fixed: number;
  /** the most one task adds (the widest variant's statistics, encoded) */
  perTask: number;
  /** the most tasks this shard holds, and all the round's tasks */
  tasks: number;
  roundTasks: number;
  variants: number;
}

export type ShardSizeInput = Omit<ShardRun, 'runner' | 'onProgress' | 'maxWip'>;

/** The bound for shard `run.shard` of a run of `run.set` (its baseline first, then the chosen variants). */
export function shardSizeEstimate(run: ShardSizeInput): ShardSizeEstimate {
  const scenarios = [
    run.set.baseline,
    ...run.set.variants.filter((v) => run.chosen === null || run.chosen.includes(v.name)).map((v) => v.scenario),
  ];
  const names = ['baseline', ...run.set.variants.filter((v) => run.chosen === null || run.chosen.includes(v.name)).map((v) => v.name)];
  const numbers = largest(
    scenarios.map((s) => {
      const model = compileLayout(s);
      return packedLength(shapeOf(model, metricLayout(model)));
    }),
    0,
  );
  // the text apart: encoded with the rest it would be built once more as a string of up to 6 times its length
  const header = encode({ ...shardHeader({ ...run, text: '' }, names, 0, 0), tasks: [] });
  const fixed = Buffer.byteLength(header) - 2 + jsonTextBytes(run.text) + MEASURED + 1; // and its newline
  // {"variant":V,"replication":R,"stats":{"~":"f64","v":"BASE64"}}, and a comma: the widest indices, the base64 of the doubles
  const frame = encode({ variant: names.length - 1, replication: run.replications - 1, stats: new Float64Array(0) }).length + 1;
  const perTask = frame + 4 * Math.ceil((8 * numbers) / 3);
  const roundTasks = names.length * (run.replications - run.firstReplication);
  const tasks = Math.ceil(roundTasks / run.shard.count);
  return { bytes: fixed + tasks * perTask, fixed, perTask, tasks, roundTasks, variants: names.length };
}

/** Buffer.byteLength(JSON.stringify(text)), without building it: a control character 6 bytes (\u0001) or 2 (\n), a quote or backslash 2, a lone surrogate 6 (\ud800). */
export function jsonTextBytes(text: string): number {
  let bytes = 2 + Buffer.byteLength(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    else if (c === 0x22 || c === 0x5c) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) i++;
      else bytes += 3; // UTF-8 writes it as U+FFFD, 3 bytes; JSON as \udXXX, 6
    }
  }
  return bytes;
}

const MiB = 2 ** 20;

function mebibytes(bytes: number): string {
  return `${wholeNumber(Math.ceil(bytes / MiB))} MiB`;
}

/**
 * Why this shard's file could not be merged, for a message that goes on from `--shard I/N: `;
 * null when it fits. Says the estimate, the limit, and what fits: the fewest shards, the most
 * replications at this N, fewer variants.
 */
export function shardTooLarge(estimate: ShardSizeEstimate, run: ShardSizeInput): string | null {
  if (estimate.bytes <= MAX_SHARD_BYTES) return null;
  const { count } = run.shard;
  const room = MAX_SHARD_BYTES - estimate.fixed;
  const what =
    `its shard file would take up to ${mebibytes(estimate.bytes)} (${wholeNumber(estimate.tasks)} of the round's ${wholeNumber(estimate.roundTasks)} tasks, ` +
    `${counted(estimate.variants, 'variant')} x ${wholeNumber(run.replications - run.firstReplication)} replications, at up to ${wholeNumber(Math.ceil(estimate.perTask / 1024))} KiB each, ` +
    `and the scenario's text), more than the ${mebibytes(MAX_SHARD_BYTES)} 'merge' reads of one shard file`;
  const perShard = Math.floor(room / estimate.perTask);
  if (perShard < 1)
    return `${what}: even one task is too much (the scenario's text and settings take ${mebibytes(estimate.fixed)} of it: JSON writes a control character as 6 bytes, a quote, backslash or line end as 2); run it without --shard`;
  const shards = Math.ceil(estimate.roundTasks / perShard);
  const most = run.firstReplication + Math.floor((perShard * count) / estimate.variants);
  const replications = most > run.firstReplication ? `, give at most ${wholeNumber(most)} replications (--replications)` : '';
  return `${what}: split the run into at least ${wholeNumber(shards)} shards (--shard I/${shards})${replications}, or run fewer variants (-v NAME runs only the variants named)`;
}
