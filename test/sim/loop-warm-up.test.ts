// The loop's rare statistics warmed up (engine/sim/thread-warm-ups.ts): a replication of 100 busy
// teams first closes a series bin some 8,000 events in and first drops a period ended beneath
// the bottleneck's some 400,000 events in, after V8 has optimised the loop; without the scratch
// calls each deoptimised the loop's time average (before session 45 `add` and `segmentAcross`; now
// `cross`, `step`, `locate`) or `sweepReigns` (1 to 4 a run).
// Seen through V8's own trace (bench/deopts.ts, built into dist/ by `npm test`'s tsc), so, like
// test/sim/summary-warm-up.test.ts, it reads V8's tiering: a Node release that tiers up
// otherwise can fail it with no fault of etomsim's (then list the rare paths again with
// `node dist/bench/deopts.js teams 100 1000000`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const DEOPTS = join(import.meta.dirname, '../../dist/bench/deopts.js');

test('100 teams, 1M events: no function of the statistics that the scratch calls warm deoptimises while the loop runs', () => {
  const run = spawnSync(process.execPath, [DEOPTS, 'teams', '100', '1000000'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const loop = run.stdout.split('deoptimisations while the loop ran')[1].split('deoptimisations in the last slice')[0];
  const warmed = loop
    .split('\n')
    .filter((line) => /\b(increment|decrement|cross|step|book|locate|enterPhase|closeCell|add|spread|sweepReigns|settle|pop): /.test(line));
  expect(warmed).toEqual([]);
}, 60_000);
