// A completion's series bin is located by comparing the clock with a time inside the bin
// (Recorder.locateCompletionBin), not by a division per completion: it must be the bin that
// floor(now / width) gives, to the last completion on a bin's edge.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { timeInsideBin } from '../../engine/sim/recorder.js';
import { constant, every, flow, scenario, task } from '../support/build.js';
import { replicate } from '../support/simulate.js';

/** The largest double below x (x > 0). */
function below(x: number): number {
  const f = Float64Array.of(x);
  new BigInt64Array(f.buffer)[0] -= 1n;
  return f[0];
}

describe('the series bin of a completion', () => {
  test('every time below timeInsideBin divides into the bin or an earlier one, and the bin loses almost nothing', () => {
    const rng = seedrandom('bins');
    for (const width of [24, 168, 672, 24 * 365, 0.1, 1 / 3, 7.3, 1e-3]) {
      for (let k = 0; k < 2000; k++) {
        const bin = k < 1000 ? k : Math.floor(rng() * 2 ** 30);
        const end = timeInsideBin(bin, width);
        // floor(t / width) never decreases as t grows: the largest time below `end` is the one to check
        expect(Math.floor(below(end) / width), `bin ${bin} of ${width} h`).toBeLessThanOrEqual(bin);
        expect(end).toBeGreaterThan((bin + 1) * width * (1 - 2 ** -48));
      }
    }
  });

  test('completions on the edges of day-long bins, most after the first 256 (those divide): 8 a day', () => {
    // arrivals every 3 h from 3 h, done at once: completions at 3, 6, ..., 2400 (the one at the horizon is in no bin)
    const s = scenario({
      run: { horizon: 2400, warmup: 0, replications: 1, seed: 1 },
      resources: [],
      arrivals: [every('a', 3)],
      flows: [flow('a', [task('t', constant(0), null)])],
    });
    const r = replicate(s, 1);
    expect(r.values('flows.a.completed')[0]).toBe(800);
    const perDay = Array.from(r.reps[0].series.subarray(0, 100));
    expect(perDay).toEqual([7, ...Array(99).fill(8)]);
  });
});
