// A Simulation's fields keep one representation whatever its replication's key (hot path: CONTRIBUTING.md, rule 1;
// docs/performance-notes.md, session 58). A replication's key is a uint32, a heap number above 2^31 (about every other
// one): kept as it is in a field, the thread's first such key after smaller ones changed the field's representation,
// and with it the Simulation's map, so that every one of the loop's functions compiled for the old map deoptimised at
// once ("wrong map"; the bench's parallel row: each pool thread compiled the loop again at its replication 5 of seed 1).
// Read from V8's own state in a child process (`--allow-natives-syntax`: %HaveSameMap), as
// test/sim/rare-path-feedback.test.ts does: a Node release whose V8 lays objects out otherwise can fail it with no
// fault of etomsim's. It fails with the key kept in a field as it is (`this.repKey = repKey`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);
const MM5 = JSON.stringify(join(ROOT, 'bench/scenarios/mm5.yaml'));

test('the Simulations of replications whose keys lie either side of 2^31 share one map', () => {
  // The premise is found, not chosen: seed 1's first replication whose key is a uint32 above 2^31, after one below.
  const script = `
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { metricLayout } = await import(${dist('model/metrics.js')});
const { replicationKey } = await import(${dist('random/stream.js')});
const { Simulation } = await import(${dist('sim/simulation.js')});
const model = compileModel(loadScenarioFile(${MM5}).set.baseline);
const layout = metricLayout(model);
let small = 0;
while (replicationKey(1, small) >= 2 ** 31) small++;
let large = small;
while (replicationKey(1, large) < 2 ** 31) large++;
const first = new Simulation(model, layout, small, replicationKey(1, small));
const later = new Simulation(model, layout, large, replicationKey(1, large));
console.log(JSON.stringify({ keys: [replicationKey(1, small), replicationKey(1, large)], sameMap: %HaveSameMap(first, later) }));
`;
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--single-threaded', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const seen = JSON.parse(run.stdout) as { keys: number[]; sameMap: boolean };
  expect(seen.keys[0]).toBeLessThan(2 ** 31); // the premise: the thread's first key a small integer...
  expect(seen.keys[1]).toBeGreaterThanOrEqual(2 ** 31); // ...and a later one a heap number
  expect(seen.sameMap).toBe(true);
}, 30_000);
