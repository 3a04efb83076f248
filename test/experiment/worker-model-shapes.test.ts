// A pool thread's tasks each bring their model as a structured clone (engine/experiment/worker.ts), whose deserializer
// gives an integral number a small integer's representation. In bench/scenarios/mm5-variant.yaml the task's duration
// has a mean of 1 h and the arrivals' gap 1/4.5 h: the first clone laid the samplers' shape down with an integer `a`,
// the gap's fraction changed it, and the nodes' `duration` field kept the old shape as its type, so that the second
// task's clone changed that field's type and V8 threw startTask's optimised code away (`run -w 2`: once a thread,
// docs/performance-notes.md, session 59). The worker clones a sampler of fractions first (fractionalSampler). Read
// from V8's own trace in a child process that runs two tasks as a pool thread does (`--single-threaded`: each compile
// at once, where V8 asks for it), so it reads V8's tiering, not etomsim's numbers: a Node release whose V8 lays objects
// out otherwise can fail it with no fault of etomsim's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';

const ROOT = join(import.meta.dirname, '../..');
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);
const MM5_VARIANT = join(ROOT, 'bench/scenarios/mm5-variant.yaml');

test('a pool thread’s second task, its model cloned as the first’s: no code of the loop thrown away for a changed field', () => {
  const { set } = loadScenarioFile(MM5_VARIANT);
  const model = compileModel(set!.baseline);
  // the premise: an integral number and a fraction in the samplers' one field
  expect(model.nodes[model.flows[0].start].duration!.a).toBe(1);
  expect(Number.isInteger(model.arrivals[0].interarrival.a)).toBe(false);
  const script = `
const { default: runTask } = await import(${dist('experiment/worker.js')});
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { set } = loadScenarioFile(${JSON.stringify(MM5_VARIANT)});
const model = compileModel({ ...set.baseline, run: { ...set.baseline.run, horizon: 10000 } });
for (let replication = 0; replication < 2; replication++) {
  runTask(structuredClone({ model, variant: 'baseline', replication, seed: 1, maxWip: 1e6 })); // as piscina hands it over
}
`;
  const run = spawnSync(process.execPath, ['--single-threaded', '--trace-deopt', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const thrownAway = [...run.stdout.matchAll(/\[marking dependent code [^(]*\(0x[0-9a-f]+ <SharedFunctionInfo (\w+)>\)/g)].map((m) => m[1]);
  expect(thrownAway).toEqual([]);
}, 60_000);
