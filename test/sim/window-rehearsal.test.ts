// The warm-up's end compiled before it comes (engine/sim/window-rehearsal.ts): a thread's first
// replication of a model with a warm-up first rehearses in a scratch simulation whose window opens
// early, so that the loop is optimised with the type feedback of the recorder's work inside the
// window, and the end of the warm-up throws no optimised code away. The rehearsal changes no number.
// The last test reads V8's own trace (as summary-warm-up.test.ts does): a Node release whose V8
// tiers up otherwise can fail it with no fault of etomsim's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { mmc } from '../support/build.js';

const tmp = scratchFolders('etomsim-rehearsal-');
const ROOT = join(import.meta.dirname, '../..');

/** The module's state fresh, as a new thread finds it. */
async function freshRehearsal() {
  vi.resetModules();
  return import('../../engine/sim/window-rehearsal.js');
}

describe('the window rehearsed before a replication with a warm-up', () => {
  test('its window opens once about 32 cases are expected (the warm-up when that is earlier), in a thread’s first replication only', async () => {
    const { rehearsalWindow, REHEARSAL_ARRIVALS } = await freshRehearsal();
    // 4 arrivals an hour over 1,000 hours: 4,000 expected, 32 by hour 8
    const model = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 100, replications: 1, seed: 1 }));
    expect(model.flows[0].expectedArrivals).toBeCloseTo(4000, 9);
    expect(rehearsalWindow(model, false)).toBeCloseTo((REHEARSAL_ARRIVALS * 1000) / 4000, 12);
    expect(rehearsalWindow(model, false)).toBeNaN(); // rehearsed already
    const early = await freshRehearsal();
    const short = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 2, replications: 1, seed: 1 }));
    expect(early.rehearsalWindow(short, false)).toBe(2);
  });

  test('none without a warm-up, nor for an observed replication (an event log’s); neither uses up the thread’s rehearsal', async () => {
    const { rehearsalWindow } = await freshRehearsal();
    const none = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 0, replications: 1, seed: 1 }));
    const some = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 100, replications: 1, seed: 1 }));
    expect(rehearsalWindow(none, false)).toBeNaN();
    expect(rehearsalWindow(some, true)).toBeNaN();
    expect(rehearsalWindow(some, false)).toBe(8);
  });

  test('the rehearsed replication’s statistics are those of the same replication run again, unrehearsed', async () => {
    vi.resetModules();
    const { runReplication } = await import('../../engine/sim/replicate.js');
    const model = compileModel(mmc(4, 5, 2, { horizon: 2000, warmup: 200, replications: 1, seed: 7 }));
    const rehearsed = runReplication(model, 0, 7);
    const again = runReplication(model, 0, 7);
    expect(rehearsed.events).toBeGreaterThan(10_000);
    expect(rehearsed).toEqual(again);
  });

  test('the bundled fiber scenario (40-day warm-up): no function of the loop deoptimised for want of type feedback', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--single-threaded',
        '--trace-deopt',
        BIN,
        'run',
        join(ROOT, 'scenarios/fiber-order-to-activation.yaml'),
        '-r',
        '1',
        '-w',
        '1',
        '--no-report',
        '-q',
        '-o',
        join(tmp(), 'out'),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const loop = new Set(['advance', 'arrive', 'enter', 'endTask', 'dispatch', 'startTask', 'startOnShift', 'request', 'bookBusyTime']);
    const deoptimised = [
      ...run.stdout.matchAll(/\[bailout \(kind: [^,]*, reason: Insufficient type feedback[^)]*\)[^<]*<JSFunction (\w+)/g),
    ]
      .map((m) => m[1])
      .filter((name) => loop.has(name));
    expect(deoptimised).toEqual([]);
  });
});
