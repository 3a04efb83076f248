// A replication's stream keys (engine/random/stream.ts, streamKey) hand combineInt32 int32s: the loop calls it for
// every arrival's key with int32s, so V8 may have optimised it on those (a thread's first replication, before arrive
// itself is compiled) when the next replication's start asks for its stream keys. mix32's and hashString's uint32s
// above 2^31 are heap numbers, and a call with one threw combineInt32's code away ("not a Smi": docs/performance-notes.md,
// sessions 54 and 55). Read from V8's own state in a child process (`--allow-natives-syntax`), as
// test/sim/rare-path-feedback.test.ts does: it reads V8's tiering, and a Node release whose V8 takes arguments
// otherwise can fail it with no fault of etomsim's. It fails with streamKey passing mix32(repKey) as it is
// (`combine(mix32(repKey), nameHash)`): combineInt32 deoptimised.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);

test('stream keys for a replication whose key and names hash above 2^31 leave combineInt32 optimised on int32s', () => {
  // The premise is found, not chosen: the first replication of seed 1 whose mixed key is a uint32 above 2^31, and the
  // first node name whose hash is one too (each about every other one).
  const script = `
const { combineInt32, hashString, mix32 } = await import(${dist('random/hash.js')});
const { replicationKey, streamKey } = await import(${dist('random/stream.js')});
const optimised = (f) => (%GetOptimizationStatus(f) & 64) !== 0;
%PrepareFunctionForOptimization(combineInt32);
for (let i = 0; i < 64; i++) combineInt32((i * 40503) | 0, i); // as arrive's keys: int32 state, small counter
%OptimizeFunctionOnNextCall(combineInt32);
combineInt32(12345, 1);
const compiled = optimised(combineInt32);
let replication = 0;
while (mix32(replicationKey(1, replication)) < 2 ** 31) replication++;
let name = 0;
while (hashString('duration:calls:serve' + name) < 2 ** 31) name++;
const repKey = replicationKey(1, replication);
const nameHash = hashString('duration:calls:serve' + name);
const key = streamKey(repKey, nameHash);
console.log(JSON.stringify({ compiled, stays: optimised(combineInt32), large: [mix32(repKey), nameHash], key }));
`;
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--single-threaded', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const seen = JSON.parse(run.stdout) as { compiled: boolean; stays: boolean; large: number[]; key: number };
  expect(seen.compiled).toBe(true); // the premise: combineInt32 optimised before the stream keys are made
  for (const value of seen.large) expect(value).toBeGreaterThanOrEqual(2 ** 31); // both arguments heap numbers as uint32s
  expect(seen.key).toBeGreaterThanOrEqual(0); // streamKey's own result is the uint32 it always was
  expect(seen.stays).toBe(true);
}, 30_000);
