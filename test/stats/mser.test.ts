import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mser5, mserTruncation } from '../../engine/stats/mser.js';
import { normalDraws } from './normal-draws.js';

/** A raw series whose batches of 5 have the given means (each batch spread around its mean). */
function seriesWithBatchMeans(means: number[]): number[] {
  return means.flatMap((m) => [m - 4, m + 4, m, m - 1, m + 1]);
}

describe('mser5', () => {
  it('picks the hand-computed minimum', () => {
    // Batch means 9,2,3,2,3,2,3,2 (b = 8, d <= 4). Statistic by d:
    // d=0: 39.5/64 = 0.617; d=1: (12/7)/49 = 0.035; d=2: 1.5/36 = 0.042; d=3: 1.2/25 = 0.048; d=4: 1/16 = 0.0625.
    expect(mser5(seriesWithBatchMeans([9, 2, 3, 2, 3, 2, 3, 2]))).toEqual({ truncate: 5, batches: 8, batchTruncate: 1 });
  });

  it('can pick the last candidate, d = floor(b/2), through mser5 and mserTruncation alike', () => {
    // Batch means 9,9,9,9,2,3,2,3 (b = 8, d <= 4). Statistic by d:
    // d=0: 85.5/64 = 1.336; d=1: (514/7)/49 = 1.499; d=2: (172/3)/36 = 1.593; d=3: 34.8/25 = 1.392; d=4: 1/16 = 0.0625.
    const means = [9, 9, 9, 9, 2, 3, 2, 3];
    expect(mser5(seriesWithBatchMeans(means))).toEqual({ truncate: 20, batches: 8, batchTruncate: 4 });
    expect(mserTruncation(means)).toBe(4);
  });

  it('drops a trailing partial batch and breaks ties towards the smallest d', () => {
    // Batch means 10,0,0,0 then 3 leftover values; d = 1 and d = 2 both leave a zero statistic.
    const series = [...seriesWithBatchMeans([10, 0, 0, 0]), 1e6, 1e6, 1e6];
    expect(mser5(series)).toEqual({ truncate: 5, batches: 4, batchTruncate: 1 });
  });

  it('keeps everything of a constant series', () => {
    expect(mser5(new Float64Array(50).fill(7))).toEqual({ truncate: 0, batches: 10, batchTruncate: 0 });
  });

  it('does not truncate a series shorter than two batches', () => {
    expect(mser5([])).toEqual({ truncate: 0, batches: 0, batchTruncate: 0 });
    expect(mser5([100, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual({ truncate: 0, batches: 1, batchTruncate: 0 });
  });

  it('removes an obvious initial transient', () => {
    // 100 observations stuck at 50, then noise around 10: every truncation must clear the
    // transient, and stop close to its end.
    const truncations: number[] = [];
    for (let s = 0; s < 20; s++) {
      const draw = normalDraws(`etomsim-mser-transient-${s}`);
      const series = [...Array<number>(100).fill(50), ...Array.from({ length: 1000 }, () => 10 + 2 * draw())];
      truncations.push(mser5(series).truncate);
    }
    for (const t of truncations) {
      expect(t).toBeGreaterThanOrEqual(100);
      expect(t).toBeLessThanOrEqual(200);
    }
    const sorted = [...truncations].sort((a, b) => a - b);
    expect(sorted[10]).toBeLessThanOrEqual(110);
  });

  it('truncates little of a stationary series', () => {
    let total = 0;
    for (let s = 0; s < 20; s++) {
      const draw = normalDraws(`etomsim-mser-stationary-${s}`);
      const truncate = mser5(Array.from({ length: 1000 }, () => 10 + 2 * draw())).truncate;
      expect(truncate).toBeLessThan(200);
      total += truncate;
    }
    expect(total / 20).toBeLessThan(50);
  });

  it('batches as it goes exactly as means formed first: the same truncation as mserTruncation of the batch means', () => {
    for (let s = 0; s < 20; s++) {
      const draw = normalDraws(`etomsim-mser-batches-${s}`);
      // a transient of random length, then noise; lengths that leave a partial batch too
      const transient = 10 * s;
      const series = Float32Array.from({ length: 500 + s }, (_, i) => (i < transient ? 30 : 10) + 3 * draw());
      const means: number[] = [];
      for (let j = 0; j + 5 <= series.length; j += 5) {
        let sum = 0;
        for (let k = j; k < j + 5; k++) sum += series[k];
        means.push(sum / 5);
      }
      const { batchTruncate, batches } = mser5(series);
      expect(batches).toBe(means.length);
      expect(batchTruncate).toBe(mserTruncation(means));
    }
  });
});

describe('mser5 in optimised code', () => {
  const built = new URL('../../dist/engine/stats/mser.js', import.meta.url);
  // dist/ is built by `npm test` (tsc) before vitest runs; on the sources alone there is no module to load
  it.skipIf(!existsSync(built))(
    'runs 600,000 cycle times (120,000 batches, kept * kept past 2^31) in one optimised entry to its loop: no code thrown away midway',
    () => {
      // V8 compiles the loop on-stack once it is hot; code that first runs midway (the candidates'
      // half, a product of small integers that overflows) has no type feedback then, and V8 throws
      // the loop's code away there and enters it a second time. --single-threaded: compiled when asked.
      const script = `import { mser5 } from ${JSON.stringify(built.href)};
const v = new Float32Array(600000);
for (let i = 0; i < v.length; i++) v[i] = 1 + (i % 7) / 7 + (i < 1000 ? 5 : 0);
console.log(JSON.stringify(mser5(v)));`;
      const child = spawnSync(process.execPath, ['--single-threaded', '--trace-osr', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(child.status, child.stderr).toBe(0);
      const lines = child.stdout.split('\n');
      expect(JSON.parse(lines.find((line) => line.startsWith('{'))!)).toEqual({ truncate: 1000, batches: 120000, batchTruncate: 200 });
      expect(lines.filter((line) => /OSR - entry\. function: truncationOfBatchesOf5\b/.test(line))).toHaveLength(1);
    },
  );
});
