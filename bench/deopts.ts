// Where V8 throws optimised code away during one cold replication (CONTRIBUTING.md, hot path,
// rule 9): `node dist/bench/deopts.js MODEL ARGS...` (models: probeModel in bench/models.ts)
// runs the replication in a child process under --trace-deopt, in slices of 4,096 events, and
// prints each deoptimisation with the number of events simulated when it happened. Those in
// the first slice are the loop warming up; those in the last slice and after it run once, at
// the horizon. The ones in between cost the loop: each throws away optimised code that the
// loop then runs without until V8 compiles it again.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { metricLayout } from '../engine/model/metrics.js';
import { compileModel } from '../engine/model/compile.js';
import { replicationKey } from '../engine/random/stream.js';
import { Simulation } from '../engine/sim/simulation.js';
import { probeModel } from './models.js';

const SLICE = 4096;
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const [, kind, a, b] = args;
  const model = compileModel(probeModel(kind, Number(a), Number(b)));
  const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(1, 0));
  simulation.start();
  let events = 0;
  // the marks go to stdout with V8's trace, so the two interleave in order
  while (!simulation.advance(SLICE)) process.stdout.write(`@ ${(events += SLICE)}\n`);
  simulation.finish();
} else {
  const child = spawnSync(process.execPath, ['--trace-deopt', fileURLToPath(import.meta.url), '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  // A mark follows each full slice, so a deoptimisation after the last mark happened in the
  // last slice (the events that reach the horizon) or in the statistics after it.
  const lines = child.stdout.split('\n');
  const marks = lines.flatMap((line, i) => (/^@ \d/.test(line) ? [i] : []));
  const first = marks[0] ?? Infinity;
  const last = marks[marks.length - 1] ?? -1;
  const groups: Record<string, string[]> = {
    'in the first slice (warming up)': [],
    'while the loop ran': [],
    'in the last slice or the statistics at the horizon': [],
  };
  let at = 0;
  lines.forEach((line, i) => {
    if (/^@ \d/.test(line)) at = Number(line.slice(2));
    const m = /reason: ([^)]*)\).*?<JSFunction (\S+)/.exec(line);
    if (!line.startsWith('[bailout') || !m) return;
    const entry = `${m[2]}: ${m[1]}`;
    if (i < first) groups['in the first slice (warming up)'].push(entry);
    else if (i > last) groups['in the last slice or the statistics at the horizon'].push(entry);
    else groups['while the loop ran'].push(`after ${at.toLocaleString('en')} events  ${entry}`);
  });
  for (const [when, entries] of Object.entries(groups)) {
    console.log(`deoptimisations ${when}: ${entries.length}`);
    for (const e of entries) console.log(`  ${e}`);
  }
}
