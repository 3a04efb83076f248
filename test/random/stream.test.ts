// Counter-based draws: the same key gives the same numbers, different keys independent ones.
import { describe, expect, test } from 'vitest';
import { replicationKey, Draws, firstHash, streamKey, TWO_POW_MINUS_32 } from '../../engine/random/stream.js';
import { combine, combineInt32, hashString, mix32 } from '../../engine/random/hash.js';

describe('counter-based draws', () => {
  test('a draw is a pure function of (stream, case, visit, index)', () => {
    const a = new Draws();
    const b = new Draws();
    const first = [a.at(1, 2, 3).uniform(), a.uniform()];
    b.at(9, 9, 9).uniform(); // unrelated use in between changes nothing
    expect([b.at(1, 2, 3).uniform(), b.uniform()]).toEqual(first);
  });

  test('combineInt32 is the 32 bits of combine (mix32 of the state and counter), as an int32, from a state as uint32 or int32', () => {
    for (let i = 0; i < 10_000; i++) {
      const state = (i * 2654435761) >>> 0;
      const expected = mix32((state ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0); // combine as it was written before
      expect(combine(state, i)).toBe(expected);
      expect(combineInt32(state, i)).toBe(expected | 0);
      expect(combineInt32(state | 0, i)).toBe(expected | 0);
    }
  });

  test('firstHash gives the first uniform of the same key, bit for bit, from a stream key as uint32 or int32', () => {
    const d = new Draws();
    const firstUniform = (stream: number, caseKey: number, visit: number) =>
      ((firstHash(stream, caseKey, visit) >>> 0) + 0.5) * TWO_POW_MINUS_32;
    for (let i = 0; i < 10_000; i++) {
      const [stream, caseKey, visit] = [(i * 2654435761) >>> 0, (i * 40503) | 0, i % 7]; // stream keys are uint32 (the simulation keeps them as int32), case keys int32
      const u = d.at(stream, caseKey, visit).uniform();
      expect(firstUniform(stream, caseKey, visit)).toBe(u);
      expect(firstUniform(stream | 0, caseKey, visit)).toBe(u);
      expect(firstHash(stream, caseKey, visit)).toBe(firstHash(stream, caseKey, visit) | 0); // an int32
    }
    expect(firstHash(1, 2, 3)).not.toBe(firstHash(1, 2, 4));
  });

  test('uniforms are in (0, 1) and uniform: chi-square over 20 bins', () => {
    const d = new Draws();
    const bins = new Array(20).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = d.at(77, i, i % 3).uniform();
      expect(u > 0 && u < 1).toBe(true);
      bins[Math.floor(u * 20)]++;
    }
    const chi2 = bins.reduce((s, o) => s + (o - n / 20) ** 2 / (n / 20), 0);
    expect(chi2).toBeLessThan(43.8); // chi-square 19 df, 0.999 quantile
  });

  test('consecutive cases are not correlated (lag-1 correlation near 0)', () => {
    const d = new Draws();
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => d.at(5, i, 0).uniform());
    let sxy = 0;
    for (let i = 1; i < n; i++) sxy += (xs[i] - 0.5) * (xs[i - 1] - 0.5);
    const corr = sxy / (n - 1) / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(4 / Math.sqrt(n));
  });

  test('replication keys come from the seed and differ by replication; stream keys by name', () => {
    expect(replicationKey(1, 0)).toBe(replicationKey(1, 0));
    expect(replicationKey(1, 0)).not.toBe(replicationKey(1, 1));
    expect(replicationKey(1, 0)).not.toBe(replicationKey(2, 0));
    const k = replicationKey(1, 0);
    expect(streamKey(k, hashString('duration:f:a'))).not.toBe(streamKey(k, hashString('duration:f:b')));
  });
});
