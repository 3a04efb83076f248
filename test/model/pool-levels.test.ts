// The max-flow density decomposition of skill pools (pool-levels.ts) against brute force: every
// subset of teams enumerated, on random pools of up to 8 teams with whole-number work and
// unit-hours (so that ties, which decide blocks, are exact in both).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type PoolLevel, type PoolTask, poolLevels } from '../../engine/model/pool-levels.js';

/** The decomposition by enumeration: the union of the densest subsets of the teams left (less teams with no unit-hours that no task within it ties to it), taken out with its tasks, again. */
function bruteForce(supply: readonly number[], tasks: readonly PoolTask[]): PoolLevel[] {
  const n = supply.length;
  const out = new Array<PoolLevel>(n);
  const left = new Array<boolean>(n).fill(true);
  for (let block = 0; left.some((x) => x); block++) {
    const live = tasks
      .map((t) => ({ teams: t.teams.filter((i) => left[i]), hours: t.hours }))
      .filter((t) => t.teams.length > 0 && t.hours > 0);
    const within = (mask: number) => live.filter((t) => t.teams.every((i) => mask & (1 << i))).reduce((s, t) => s + t.hours, 0);
    const units = (mask: number) => supply.reduce((s, u, i) => (mask & (1 << i) ? s + u : s), 0);
    // a / b against c / d, exactly: Infinity for work without unit-hours, 0 for neither
    const compare = (d1: number, u1: number, d2: number, u2: number) => {
      const inf1 = u1 === 0 && d1 > 0;
      const inf2 = u2 === 0 && d2 > 0;
      if (inf1 || inf2) return inf1 === inf2 ? 0 : inf1 ? 1 : -1;
      const r1 = u1 === 0 ? [0, 1] : [d1, u1];
      const r2 = u2 === 0 ? [0, 1] : [d2, u2];
      return Math.sign(r1[0] * r2[1] - r2[0] * r1[1]);
    };
    const leftMask = left.reduce((m, x, i) => (x ? m | (1 << i) : m), 0);
    let best: [number, number] | null = null;
    let union = 0;
    for (let mask = leftMask; mask > 0; mask = (mask - 1) & leftMask) {
      const [d, u] = [within(mask), units(mask)];
      const c = best === null ? 1 : compare(d, u, best[0], best[1]);
      if (c > 0) [best, union] = [[d, u], mask];
      else if (c === 0) union |= mask;
    }
    // teams with no unit-hours and no task within the union are no part of it
    let members = [...Array(n).keys()].filter(
      (i) => union & (1 << i) && (supply[i] > 0 || live.some((t) => t.teams.includes(i) && t.teams.every((j) => union & (1 << j)))),
    );
    if (members.length === 0) members = [...Array(n).keys()].filter((i) => left[i]);
    // pieces: members joined by tasks within them
    const inSet = new Set(members);
    const piece = new Map(members.map((i) => [i, new Set([i])]));
    for (const t of live)
      if (t.teams.every((i) => inSet.has(i))) {
        const merged = new Set(t.teams.flatMap((i) => [...piece.get(i)!]));
        for (const i of merged) piece.set(i, merged);
      }
    for (const i of members) {
      const p = [...piece.get(i)!].sort((a, b) => a - b);
      const demand = live.filter((t) => t.teams.every((j) => p.includes(j))).reduce((s, t) => s + t.hours, 0);
      const unitHours = p.reduce((s, j) => s + supply[j], 0);
      out[i] = { level: unitHours > 0 ? demand / unitHours : demand > 0 ? Infinity : 0, block, piece: p, demand, supply: unitHours };
    }
    for (const i of members) left[i] = false;
  }
  return out;
}

/** Random pools: up to 8 teams (some without unit-hours), tasks each open to 1-4 of them. */
const pools = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    supply: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: n, maxLength: n }),
    tasks: fc.array(
      fc.record({
        teams: fc
          .uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) })
          .map((t) => t.sort((a, b) => a - b)),
        hours: fc.integer({ min: 0, max: 60 }),
      }),
      { maxLength: 10 },
    ),
  }),
);

const rounded = (levels: PoolLevel[]) =>
  levels.map((l) => ({
    ...l,
    level: Number.isFinite(l.level) ? Number(l.level.toFixed(9)) : l.level,
    demand: Number(l.demand.toFixed(9)),
  }));

describe('the density decomposition of skill pools', () => {
  test('its max-flows find what enumerating every subset finds: levels, blocks and pieces', () => {
    fc.assert(
      fc.property(pools, ({ supply, tasks }) => {
        expect(rounded(poolLevels(supply, tasks))).toEqual(rounded(bruteForce(supply, tasks)));
      }),
      { numRuns: 1000, seed: 34 },
    );
  });

  test("some team is at or above 100% exactly when some set of teams is offered at least its unit-hours of work only it can take (Hall's condition)", () => {
    fc.assert(
      fc.property(pools, ({ supply, tasks }) => {
        const n = supply.length;
        let hall = false;
        for (let mask = 1; mask < 1 << n; mask++) {
          const d = tasks.filter((t) => t.teams.every((i) => mask & (1 << i))).reduce((s, t) => s + t.hours, 0);
          const u = supply.reduce((s, x, i) => (mask & (1 << i) ? s + x : s), 0);
          if (d > 0 && d >= u) hall = true;
        }
        expect(poolLevels(supply, tasks).some((l) => l.level >= 1 && l.demand > 0)).toBe(hall);
      }),
      { numRuns: 1000, seed: 35 },
    );
  });

  test('a team that takes none of an overloaded pair’s work is not in its block; one that must take more than it has is', () => {
    // 0 and 1 share 30 h against 10 each; 2 shares a light pool with 1 (5 h, 10 unit-hours)
    const light = poolLevels(
      [10, 10, 10],
      [
        { teams: [0, 1], hours: 30 },
        { teams: [1, 2], hours: 5 },
      ],
    );
    expect(light.map((l) => [l.level, l.piece])).toEqual([
      [1.5, [0, 1]],
      [1.5, [0, 1]],
      [0.5, [2]],
    ]);
    // with 2's pool at 12 h it cannot be done by 2 alone while 0 and 1 are full: 2 is over 100% too
    const heavy = poolLevels(
      [10, 10, 10],
      [
        { teams: [0, 1], hours: 30 },
        { teams: [1, 2], hours: 12 },
      ],
    );
    expect(heavy.map((l) => [l.level, l.block])).toEqual([
      [1.5, 0],
      [1.5, 0],
      [1.2, 1],
    ]);
  });
});
