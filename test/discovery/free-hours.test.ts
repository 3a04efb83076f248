// A wait's free open hours (extraneous-delays.ts): read from FreeHours, a team list's stretches walked once with running
// sums (a wait two sums' difference, its first and last stretches walked), they are what the wait's own stretches add
// up to, stretch by stretch (walkStretches into FreeStretches, as every wait was read until session 61), to the
// rounding of a sum: for one team always open, one with office hours, a roster and a pool of the last two, over waits
// that start before, inside and after the team's change points. And one worked by hand.
import { expect, test } from 'vitest';
import { busyChanges, FreeHours, FreeStretches, type TeamLoad, walkStretches } from '../../engine/discovery/extraneous-delays.js';
import { WorkCalendar } from '../../engine/sim/calendar.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';
import { seededDraws } from '../support/seeded-draws.js';

const OFFICE = new WorkCalendar(
  [0, 1, 2, 3, 4].flatMap((d) => [
    { start: d * 24 + 8, end: d * 24 + 12 },
    { start: d * 24 + 13, end: d * 24 + 17 },
  ]),
);
/** 3 units 06:00-22:00, 1 at night. */
const ROSTER = Int32Array.from({ length: HOURS_PER_WEEK }, (_, h) => (h % 24 >= 6 && h % 24 < 22 ? 3 : 1));

/** A team's load from `n` tasks arriving every 0.4 h on average, each 1.2 h on average (hours of the week clock). */
function load(seed: number, n: number, capacity: number, calendar: WorkCalendar, units: Int32Array | null): TeamLoad {
  const { exponential } = seededDraws(seed);
  const takes: number[] = [];
  const frees: number[] = [];
  for (let i = 0, t = 3.3; i < n; i++) {
    t += exponential(0.4);
    takes.push(t);
    frees.push(t + exponential(1.2));
  }
  return { ...busyChanges(Float64Array.from(takes).sort(), Float64Array.from(frees).sort()), capacity, units, calendar };
}

function walked(teams: readonly TeamLoad[], from: number, to: number) {
  const walk = new FreeStretches();
  walkStretches(teams, from, to, walk);
  return walk.result();
}

/** The number of `times`' values strictly between `from` and `to`. */
function changesWithin(times: Float64Array, from: number, to: number): number {
  const below = (x: number, strict: boolean) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? times[mid] < x : times[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, below(to, true) - below(from, false));
}

test.each([
  ['one team always open', [load(1, 2000, 3, WorkCalendar.ALWAYS, null)]],
  ['one team in office hours', [load(2, 2000, 2, OFFICE, null)]],
  ['a roster', [load(3, 2000, 0, WorkCalendar.ALWAYS, ROSTER)]],
  ['a pool of an office team and a roster', [load(4, 2000, 2, OFFICE, null), load(5, 2000, 0, WorkCalendar.ALWAYS, ROSTER)]],
])('%s: each wait read from the sums as its stretches add up', (_, teams) => {
  const index = new FreeHours(teams);
  const span = teams[0].times[teams[0].times.length - 1];
  const { random } = seededDraws(7);
  const wrong: string[] = [];
  let crossing = 0;
  for (let q = 0; q < 2000; q++) {
    const from = random() * (span + 20) - 10;
    const to = from + random() * (q % 3 === 0 ? 200 : 5);
    const want = walked(teams, from, to);
    const got = index.between(from, to);
    if (
      Math.abs(got.free - want.free) > 1e-14 * want.free ||
      Math.abs(got.last.wall - want.last.wall) > 1e-14 * want.last.wall ||
      !Object.is(got.last.from, want.last.from) ||
      !Object.is(got.last.to, want.last.to)
    )
      wrong.push(`${from} to ${to}: ${JSON.stringify(got)}, walked ${JSON.stringify(want)}`);
    if (changesWithin(teams[0].times, from, to) > 1) crossing++;
  }
  expect(wrong).toEqual([]);
  expect(crossing).toBeGreaterThan(1000); // most waits cross two change points or more: a stretch read from the sums
});

test('by hand: one unit busy 2-3 h and 5-7 h, a wait from 1 h to 8 h has 4 free hours, its last free stretch 7-8 h', () => {
  const team = { ...busyChanges(Float64Array.of(2, 5), Float64Array.of(3, 7)), capacity: 1, units: null, calendar: WorkCalendar.ALWAYS };
  // free 1-2, 3-5 and 7-8; the clock's hours to 7 h less the 3 busy ones: 3
  expect(new FreeHours([team]).between(1, 8)).toEqual({ free: 4, last: { from: 7, to: 8, wall: 3 } });
  // within one busy stretch: none free
  expect(new FreeHours([team]).between(5.5, 6.5).free).toBe(0);
});
