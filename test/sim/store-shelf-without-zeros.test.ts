// Where /dev/zero cannot be read (store-shelf.ts), nothing is stocked, and no store awaits a stock
// with a part of its reservation (growable.ts, awaitedGrowth): each grows once, to the whole.
import { describe, expect, test, vi } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { FlowCompletions, reservation } from '../../engine/sim/recorder.js';
import { runReplication, runReplicationInSlices } from '../../engine/sim/replicate.js';
import { DEFAULT_MAX_WIP } from '../../engine/sim/run-limits.js';
import { emptyShelf, stockPending } from '../../engine/sim/store-shelf.js';
import { mmc } from '../support/build.js';

vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const missing = (path: unknown) => {
    if (path === '/dev/zero') throw Object.assign(new Error("ENOENT: no such file or directory, '/dev/zero'"), { code: 'ENOENT' });
  };
  return {
    ...fs,
    accessSync: (...args: Parameters<typeof fs.accessSync>) => {
      missing(args[0]);
      fs.accessSync(...args);
    },
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      missing(args[0]);
      return fs.openSync(...args);
    },
  };
});

describe('a system without /dev/zero', () => {
  test('a thread’s first large replication in slices stocks nothing, each store grows once to its reservation, and the statistics are those given at once', async () => {
    // 300,000 expected customers: 1.7 MB of cycle times and batch ends reserved, over STOCK_FROM
    const model = compileModel(mmc(3, 1, 4, { horizon: 100_000, warmup: 20, replications: 1, seed: 5 }));
    const reserved = reservation(model.flows[0].expectedArrivals);
    const growths = new Map<FlowCompletions, number[]>(); // per store: the replication's, and a rehearsal's (window-rehearsal.ts)
    const grow = FlowCompletions.prototype.growCycles;
    const spy = vi.spyOn(FlowCompletions.prototype, 'growCycles').mockImplementation(function (this: FlowCompletions) {
      grow.call(this);
      growths.set(this, [...(growths.get(this) ?? []), this.cycleTimes.length]);
    });
    emptyShelf();
    const sliced = await runReplicationInSlices(model, 0, 5, DEFAULT_MAX_WIP, () => new Promise((resolve) => setImmediate(resolve)), {
      sliceMs: 1,
    });
    spy.mockRestore();
    expect(stockPending()).toBe(false);
    expect(growths.size).toBeGreaterThan(0);
    for (const sizes of growths.values()) expect(sizes).toEqual([reserved]);
    emptyShelf();
    const atOnce = runReplication(model, 0, 5);
    emptyShelf();
    for (const key of ['metrics', 'quantiles', 'series', 'mserWarmup'] as const)
      expect(
        Array.from(sliced[key]).every((v, i) => Object.is(v, atOnce[key][i])),
        key,
      ).toBe(true);
  });
});
