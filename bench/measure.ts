// The benchmark's timing of fresh processes (bench/run.ts): each row's process run once a round,
// the rows alternating forwards then backwards so that a slow spell of a shared machine does not
// fall on one row only, and the ratio of two rows taken round by round. Invariant: a row's
// `runs[i]` is its process of round i, whatever order the round ran the rows in, so that two
// rows' i-th runs are the pair the round timed seconds apart.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './warmup.js';

const USAGE = fileURLToPath(new URL('../../bench/process-usage.mjs', import.meta.url));

export interface Usage {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
  /** pages of fresh memory touched (process-usage.mjs) */
  minor_faults: number;
  stdout: string;
}

/** A process to time: Node with `args`, or `program` with them. */
export interface RowSpec {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  program?: string;
}

export interface Row extends RowSpec {
  /** one a round, in round order */
  runs: Usage[];
}

/**
 * A fresh process, its usage file in `scratch`. `env`: the environment of the timed process, this
 * one's by default. `program`: another program than Node (the SimPy reference), which writes its
 * own usage file as process-usage.mjs does.
 */
export function timed(scratch: string, args: string[], env: NodeJS.ProcessEnv = process.env, program?: string): Usage {
  const file = join(scratch, 'usage.json');
  rmSync(file, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(program ?? process.execPath, program === undefined ? ['--import', USAGE, ...args] : args, {
    encoding: 'utf8',
    env: { ...env, ETOMSIM_BENCH_USAGE: file },
  });
  const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`benchmark run failed: ${program ?? 'node'} ${args.join(' ')}\n${r.stderr}`);
  const u = JSON.parse(readFileSync(file, 'utf8')) as { cpu_s: number; peak_rss_mb: number; minor_faults: number };
  return { wall_s, ...u, stdout: r.stdout };
}

/** The order round `round` (from 0) runs the rows in: as given in even rounds, reversed in odd ones. */
export const roundOrder = (round: number): 'forwards' | 'backwards' => (round % 2 === 0 ? 'forwards' : 'backwards');

/** Every row `rounds` times, rows alternating (forwards, then backwards); `time` runs one row once. */
export function measure(rows: RowSpec[], rounds: number, time: (row: RowSpec) => Usage): Row[] {
  const out: Row[] = rows.map((r) => ({ ...r, runs: [] }));
  for (let round = 0; round < rounds; round++) {
    const order = roundOrder(round) === 'forwards' ? out : [...out].reverse();
    for (const row of order) row.runs.push(time(row));
  }
  return out;
}

/**
 * The median over rounds of `numerator`'s figure over `denominator`'s in the same round. The two
 * runs of a round are seconds apart, so a slow spell of the host weighs on both; two medians are
 * each taken over the whole benchmark's minutes, in which SimPy's rounds alone take one or two
 * (the ratio of medians moved by a third between two runs of session 19, with SimPy's median).
 */
export const pairedRatio = (numerator: Row, denominator: Row, key: 'wall_s' | 'cpu_s') => median(roundRatios(numerator, denominator, key));

/** `numerator`'s figure over `denominator`'s, round by round: what pairedRatio takes the median of. */
export const roundRatios = (numerator: Row, denominator: Row, key: 'wall_s' | 'cpu_s') =>
  numerator.runs.map((u, round) => u[key] / denominator.runs[round][key]);
