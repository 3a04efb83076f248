// Where V8 throws optimised code away during one cold replication (CONTRIBUTING.md, hot path,
// rule 9): `node dist/bench/deopts.js MODEL ARGS...` (models: probeModel in bench/models.ts)
// runs the replication in a child process under --trace-deopt, in slices of 4,096 events, and
// prints each deoptimisation with the number of events simulated when it happened. Those in
// the first slice are the loop warming up; those in the last slice and after it run once, at
// the horizon. The ones in between cost the loop: each throws away optimised code that the
// loop then runs without until V8 compiles it again.
import { wholeNumber } from '../engine/number-format.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { probeSimulation } from './models.js';

const SLICE = 4096;

/** Each deoptimisation of one cold replication of a probe model, by when it happened. */
export interface Deoptimisations {
  warmingUp: string[]; // in the first slice
  loop: string[]; // while the loop ran: these cost it
  horizon: string[]; // in the last slice, or the statistics after it (they run once)
}

/** Runs the replication of `probe` (probeModel's arguments) in a child under --trace-deopt. */
export function deoptimisations(probe: string[]): Deoptimisations {
  const child = spawnSync(process.execPath, ['--trace-deopt', fileURLToPath(import.meta.url), '--child', ...probe], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (child.status !== 0) throw new Error(`bench/deopts.ts: the replication failed\n${child.stderr}`);
  // A mark follows each full slice, so a deoptimisation after the last mark happened in the
  // last slice (the events that reach the horizon) or in the statistics after it.
  const lines = child.stdout.split('\n');
  const marks = lines.flatMap((line, i) => (/^@ \d/.test(line) ? [i] : []));
  const first = marks[0] ?? Infinity;
  const last = marks[marks.length - 1] ?? -1;
  const found: Deoptimisations = { warmingUp: [], loop: [], horizon: [] };
  let at = 0;
  lines.forEach((line, i) => {
    if (/^@ \d/.test(line)) at = Number(line.slice(2));
    const m = /reason: ([^)]*)\).*?<JSFunction (\S+)/.exec(line);
    if (!line.startsWith('[bailout') || !m) return;
    const entry = `${m[2]}: ${m[1]}`;
    if (i < first) found.warmingUp.push(entry);
    else if (i > last) found.horizon.push(entry);
    else found.loop.push(`after ${wholeNumber(at)} events  ${entry}`);
  });
  return found;
}

const args = process.argv.slice(2);
const ranAlone = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];

if (ranAlone && args[0] === '--child') {
  const [, kind, a, b] = args;
  const simulation = probeSimulation(kind, a, b);
  simulation.start();
  let events = 0;
  // the marks go to stdout with V8's trace, so the two interleave in order
  while (!simulation.advance(SLICE)) process.stdout.write(`@ ${(events += SLICE)}\n`);
  simulation.finish();
} else if (ranAlone) {
  const found = deoptimisations(args);
  for (const [when, entries] of [
    ['in the first slice (warming up)', found.warmingUp],
    ['while the loop ran', found.loop],
    ['in the last slice or the statistics at the horizon', found.horizon],
  ] as const) {
    console.log(`deoptimisations ${when}: ${entries.length}`);
    for (const e of entries) console.log(`  ${e}`);
  }
}
