// What V8 compiles with TurboFan in a command line's run of an M/M/5 scenario, seen through its
// own trace: `--single-threaded`, so that each compile happens at once, on the thread that asked
// for it, in the order V8 asked. Tests that read it read V8's tiering, not etomsim's numbers: a
// Node release whose V8 tiers up otherwise can fail them with no fault of etomsim's.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BIN } from './cli.js';
import { mmcText } from './scenario-text.js';

/** M/M/5 at 90% load over `hours`: 4.5 arrivals an hour, so about 9 events an hour. */
export function mm5(hours: number): string {
  return mmcText({ name: 'warm-up', horizon: hours, warmup: 0, replications: 1, seed: 1, capacity: 5, rate: 4.5 });
}

/**
 * The functions V8 compiled with TurboFan in `etomsim run` of mm5(`hours`) in the folder `dir`
 * (`-r 1 -w 1`: in the command line's own thread, in slices; with `workers` 2, `-r 1 -w 2`: in a
 * pool's one thread), in the order it began each compile, with its target ('TURBOFAN', or
 * 'TURBOFAN OSR' for a compile on-stack).
 */
export function turbofanCompiles(dir: string, hours: number, workers: 1 | 2 = 1): { name: string; target: string }[] {
  const file = join(dir, 'mm5.yaml');
  writeFileSync(file, mm5(hours));
  const run = spawnSync(
    process.execPath,
    ['--single-threaded', '--trace-opt', BIN, 'run', file, '-r', '1', '-w', String(workers), '--no-report', '-q', '-o', join(dir, 'out')],
    { encoding: 'utf8' },
  );
  expect(run.status).toBe(0);
  return [...run.stdout.matchAll(/\[compiling method [^<]*<JSFunction (\w+)[^>]*> \(target TURBOFAN\)( OSR)?/g)].map(([, name, osr]) => ({
    name,
    target: osr ? 'TURBOFAN OSR' : 'TURBOFAN',
  }));
}
