// The benchmark's rounds (bench/measure.ts): the order each round runs the rows in, and the
// pairing of two rows' runs by round that the goals' ratios read, exact on made-up timings.
import { describe, expect, test } from 'vitest';
import { measure, pairedRatio, type Row, type RowSpec, roundOrder, roundRatios, type Usage } from '../../bench/measure.js';

const usage = (wall_s: number, cpu_s = wall_s): Usage => ({ wall_s, cpu_s, peak_rss_mb: 0, minor_faults: 0, stdout: '' });
const row = (name: string, walls: number[]): Row => ({ name, args: [], runs: walls.map((w) => usage(w)) });

describe("the benchmark's rounds", () => {
  test('rows run forwards, then backwards, and each row keeps its runs in round order', () => {
    const specs: RowSpec[] = ['a', 'b', 'c'].map((name) => ({ name, args: [name] }));
    const ran: string[] = [];
    // the k-th process started, whichever row it is, stamped with its round: k / 3 whole
    const rows = measure(specs, 4, (r) => {
      ran.push(r.name);
      return usage(Math.floor((ran.length - 1) / 3), ran.length);
    });
    expect(ran.join('')).toBe('abccbaabccba');
    expect([0, 1, 2, 3].map(roundOrder)).toEqual(['forwards', 'backwards', 'forwards', 'backwards']);
    for (const r of rows) expect(r.runs.map((u) => u.wall_s)).toEqual([0, 1, 2, 3]);
    expect(rows.map((r) => r.runs.map((u) => u.cpu_s))).toEqual([
      [1, 6, 7, 12],
      [2, 5, 8, 11],
      [3, 4, 9, 10],
    ]);
    expect(rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  test("a ratio is the median of the rounds' own ratios, not the ratio of the medians", () => {
    // rounds' ratios 0.5, 0.4, 0.9: median 0.5; the medians' ratio is 3 / 5 = 0.6, and rounds
    // paired the wrong way round (the second row's reversed) would give 0.4, 0.4, 1.125: 0.4
    const hand = row('hand', [2, 3, 4.5]);
    const run = row('run', [4, 7.5, 5]);
    expect(roundRatios(hand, run, 'wall_s')).toEqual([0.5, 0.4, 0.9]);
    expect(pairedRatio(hand, run, 'wall_s')).toBeCloseTo(0.5, 12);
    expect(pairedRatio(run, hand, 'wall_s')).toBeCloseTo(2, 12);
    expect(pairedRatio(hand, run, 'cpu_s')).toBeCloseTo(0.5, 12);
  });
});
