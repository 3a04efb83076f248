// The percentiles' keepWanted (engine/stats/order-statistics.ts) runs once a replication, on every completion: V8
// compiles its loop on-stack in the thread's first long call, before the code after the loop has run to give type
// feedback, and enters that code again at each later call. With `keys.subarray` after the loop, each call
// deoptimised there (a pool thread's replications below the horizon's warm-up, WARM_FROM: once each); now the loop
// is followed by its return alone, and the caller takes the part of the keys. Read from V8's own trace in a child
// process (`--single-threaded`: each compile at once, where V8 asks for it), so it reads V8's tiering, not etomsim's
// numbers: a Node release whose V8 tiers up otherwise can fail it with no fault of etomsim's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const MODULE = JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine/stats/order-statistics.js')).href);

test('four long calls of the percentiles on their own values: keepWanted compiled on-stack, never deoptimised', () => {
  // 200,000 exponential cycle times a call (a replication's completions), each call's values overwritten as the summary's are
  const script = `
const { quantilesOf32 } = await import(${MODULE});
let x = 1;
for (let call = 0; call < 4; call++) {
  const values = new Float32Array(200_000);
  for (let i = 0; i < values.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    values[i] = -Math.log((x + 0.5) / 2 ** 32);
  }
  quantilesOf32(values, [0.5, 0.9, 0.95], true);
}
`;
  const run = spawnSync(process.execPath, ['--single-threaded', '--trace-opt', '--trace-deopt', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  // the premise: the loop ran in code compiled on-stack
  expect(run.stdout).toMatch(/\[compiling method [^<]*<JSFunction keepWanted[^>]*> \(target TURBOFAN\) OSR/);
  expect(run.stdout).not.toMatch(/\[bailout [^\n]*<JSFunction keepWanted/);
}, 30_000);
