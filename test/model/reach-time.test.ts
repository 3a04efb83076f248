// When a flow's steps are reached after a case's arrival (engine/model/reach-time.ts), and the
// hourly offered load it places there: exact moments of a delay, of a retry loop (geometric
// visits, worked by hand) and of a fork; the hour kernel's exact shift and its even spread; and
// a team reached days after its orders no longer held to the orders' hours (s36f F2).
import { describe, expect, it } from 'vitest';
import { joinDelays, reachedHours, reachKernel, reachTimes } from '../../engine/model/reach-time.js';
import { hourlyLoad } from '../../engine/model/offered-load.js';
import { shiftStaffing } from '../../engine/analysis/shift-staffing.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { normalCdf } from '../../engine/stats/normal-tail.js';
import { constant, exp, flow, OFFICE, scenario, task, team } from '../support/build.js';

const retry = (p: number): NodeSpec => ({
  kind: 'decision',
  name: 'again',
  etom: null,
  branch: [
    { to: 'work', p },
    { to: 'done', p: 1 - p },
  ],
});

describe('reachTimes', () => {
  it('a first task at arrival; after a delay, its mean and sd', () => {
    const f = flow('f', [
      task('wait', exp(0.5), null, 'gamma'),
      task('gamma', { kind: 'gamma', mean: 200, sd: 72 }, null, 'work'),
      task('work', constant(1), 'desk'),
    ]);
    const [first, second, third] = reachTimes(f);
    expect(first).toEqual({ mean: 0, sd: 0 });
    expect(second?.mean).toBeCloseTo(0.5, 12);
    expect(second?.sd).toBeCloseTo(0.5, 12);
    expect(third?.mean).toBeCloseTo(200.5, 9);
    expect(third?.sd).toBeCloseTo(Math.sqrt(72 * 72 + 0.25), 9);
  });

  it('a retry loop: every visit counted at its own time (geometric visits)', () => {
    // 1 h of work, redone with probability 1/2: visit k (from 0) at k hours, reached with probability 2^-k.
    // Over the visits: mean sum k 2^-k / 2 = 1, second moment sum k^2 2^-k / 2 = 3, variance 2.
    const f = flow('f', [task('work', constant(1), 'desk', 'again'), retry(0.5), task('done', constant(0), null)]);
    const reach = reachTimes(f);
    expect(reach[0]?.mean).toBeCloseTo(1, 12);
    expect(reach[0]?.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(reach[2]?.mean).toBeCloseTo(2, 12); // leaves after 1 + (geometric number of redos) hours: mean 2
  });

  it('a parallel branch: each child from its fork', () => {
    const f = flow('f', [
      task('start', constant(3), null, 'split'),
      { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
      task('a', constant(2), 'desk', 'end'),
      task('b', constant(5), null, 'end'),
      task('end', constant(0), null),
    ]);
    const reach = reachTimes(f);
    expect([reach[2]?.mean, reach[3]?.mean]).toEqual([3, 3]);
    // the join when the slower branch is done: 3 + max(2, 5) = 8 exactly (until session 39, from the fork: 3)
    expect(reach[4]).toEqual({ mean: 8, sd: 0 });
    expect(joinDelays(f)).toEqual(new Map([[1, { mean: 5, variance: 0 }]]));
  });

  it("a join after two normal branches: Clark's moments of their maximum", () => {
    // two independent branches of mean 2 h and sd 1 h: E[max] = 2 + 1 / sqrt(pi), E[max^2] = 4 + 1 + 2 * 2 / sqrt(pi)
    // (for iid normals, Clark's alpha is 0: E = mu + sqrt(2) sigma phi(0), E2 = mu^2 + sigma^2 + 2 mu sqrt(2) sigma phi(0))
    const branch = { kind: 'gamma' as const, mean: 2, sd: 1 };
    const f = flow('f', [
      { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
      task('a', branch, null, 'end'),
      task('b', branch, null, 'end'),
      task('end', constant(1), 'desk'),
    ]);
    const end = reachTimes(f)[3]!;
    const mean = 2 + 1 / Math.sqrt(Math.PI);
    expect(end.mean).toBeCloseTo(mean, 12);
    expect(end.sd).toBeCloseTo(Math.sqrt(5 + 4 / Math.sqrt(Math.PI) - mean * mean), 12);
    // one branch far longer than the other decides alone (alpha -48: Phi's other side below 1e-300)
    const longer = flow('f', [
      { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
      task('a', branch, null, 'end'),
      task('b', constant(50), null, 'end'),
      task('end', constant(1), 'desk'),
    ]);
    expect(reachTimes(longer)[3]!.mean).toBeCloseTo(50, 12);
  });
});

describe('reachKernel', () => {
  it('exactly the arrival hour for a step reached at arrival; a whole-hour delay moves it whole', () => {
    const at = reachKernel({ mean: 0, sd: 0 });
    expect(at[0]).toBe(1);
    expect(at.reduce((s, p) => s + p, 0)).toBe(1);
    const later = reachKernel({ mean: 5, sd: 0 });
    expect(later[5]).toBeCloseTo(1, 12);
    // half an hour: the half of the hour's arrivals after its middle reach the next hour
    const half = reachKernel({ mean: 0.5, sd: 0 });
    expect([half[0], half[1]]).toEqual([0.5, 0.5]);
    // a day before the week's end wraps to its start
    expect(reachKernel({ mean: 170, sd: 0 })[2]).toBeCloseTo(1, 12);
  });

  it('a spread of days leaves no rhythm within the day, and damps the week’s', () => {
    const k = reachKernel({ mean: 200, sd: 72 });
    expect(k.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // each hour of the day gets a seventh: its harmonics damped by exp(-2 pi^2 n^2 sd^2 / 24^2), below 1e-70
    for (let h = 0; h < 24; h++) expect([0, 1, 2, 3, 4, 5, 6].reduce((s, d) => s + k[d * 24 + h], 0)).toBeCloseTo(1 / 24, 10);
    // the week's slowest harmonic by exp(-2 pi^2 72^2 / 168^2) = 0.027: each hour within twice that of even
    for (const p of k) expect(Math.abs(p * 168 - 1)).toBeLessThan(2 * Math.exp((-2 * Math.PI ** 2 * 72 ** 2) / 168 ** 2));
    // beyond a week's spread, even
    for (const p of reachKernel({ mean: 10, sd: 168 })) expect(p).toBe(1 / 168);
  });
});

describe('hourlyLoad counts a task in the hours its cases reach it', () => {
  /** Orders only 08:00-18:00, 2 an hour; an install booked 200 h (sd 72 h) later, 3 h on site. */
  const installs = scenario({
    resources: [team('engineers', 4)],
    arrivals: [
      {
        flow: 'order',
        ordinal: 0,
        interarrival: exp(0.5),
        fromRate: true,
        profile: { days: [1, 1, 1, 1, 1, 1, 1], hours: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1 : 0)) },
        priority: 0,
      },
    ],
    flows: [
      flow('order', [task('lead', { kind: 'gamma', mean: 200, sd: 72 }, null, 'install'), task('install', constant(3), 'engineers')]),
    ],
  });

  it('the week’s average in every hour, the orders’ hours no more than the night’s', () => {
    const [load] = hourlyLoad(installs);
    const average = (7 * 10 * 2 * 3) / 168; // 140 orders a week, 3 h each, over 168 h: 2.5 erlangs
    for (const a of load.work) expect(a).toBeCloseTo(average, 5);
    expect(load.visits.reduce((s, v) => s + v, 0)).toBeCloseTo(140, 9);
  });

  it('a task right after arrival keeps its orders’ hours', () => {
    const direct = { ...installs, flows: [flow('order', [task('install', constant(3), 'engineers')])] };
    const [load] = hourlyLoad(direct);
    expect(load.work[9]).toBe(6);
    expect(load.work[3]).toBe(0);
  });
});

// s37b F1: a step after an office-hours team was placed at arrival + work, as if the team worked its nights.
describe('a step after a team with closed hours is reached in its open hours', () => {
  /** A case an hour round the clock; a desk open Monday to Friday 09:00-17:00 does 1 h, then techs (every hour) 1 h. */
  const chain = (desk: Partial<Parameters<typeof team>[2]> = { calendar: 'office' }) =>
    scenario({
      calendars: [OFFICE],
      resources: [team('desk', 3, desk), team('techs', 2)],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: constant(1), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('f', [task('a', constant(1), 'desk', 'b'), task('b', constant(1), 'techs')])],
    });

  it('the hour each case reaches the techs, in closed form', () => {
    // Without queueing: a case arriving while the desk is shut starts at 09:00 and reaches the techs at 10:00
    // (16 a weekday night, 64 over the weekend); one arriving in [h - 1, h) from 09:00 to 16:00 reaches
    // them in [h, h + 1); one arriving in [16:00, 17:00) is paused at 17:00 and done in [09:00, 10:00) of
    // the next weekday (Friday's on Monday). So a weekday's hours 9..16 get 1, 17 (65 on Monday), 1, 1, 1, 1, 1, 1.
    const expected = new Float64Array(168);
    for (let d = 0; d < 5; d++) {
      expected[d * 24 + 9] = 1;
      expected[d * 24 + 10] = (d === 0 ? 64 : 16) + 1;
      for (let h = 11; h <= 16; h++) expected[d * 24 + h] = 1;
    }
    const [desk, techs] = hourlyLoad(chain());
    for (let h = 0; h < 168; h++) expect(techs.visits[h], `hour ${h}`).toBeCloseTo(expected[h], 9);
    for (let h = 0; h < 168; h++) expect(techs.work[h], `hour ${h}`).toBeCloseTo(expected[h], 9);
    // the desk's own tasks join when their cases arrive: every hour
    for (const v of desk.visits) expect(v).toBeCloseTo(1, 12);
  });

  it('the same for a roster with those hours, and a desk on every hour changes nothing', () => {
    const shifts = [{ periods: OFFICE.periods, capacity: 3 }];
    const [, rostered] = hourlyLoad(chain({ shifts }));
    const [, office] = hourlyLoad(chain());
    for (let h = 0; h < 168; h++) expect(rostered.visits[h]).toBeCloseTo(office.visits[h], 9);
    // no closed hours: reachTimes' kernel places the techs an hour after arrival, and reachedHours is not used
    const always = chain({});
    expect(reachedHours(always, always.flows[0], new Float64Array(168).fill(1))).toBeNull();
    for (const v of hourlyLoad(always)[1].visits) expect(v).toBeCloseTo(1, 12);
  });

  it('a desk redoing its work (a loop through it): every case reaches the techs, and only an hour the desk works ends in', () => {
    const looped = chain();
    looped.flows = [
      flow('f', [
        task('a', constant(1), 'desk', 'again'),
        {
          kind: 'decision',
          name: 'again',
          etom: null,
          branch: [
            { to: 'a', p: 0.5 },
            { to: 'b', p: 0.5 },
          ],
        },
        task('b', constant(1), 'techs'),
      ]),
    ];
    const [desk, techs] = hourlyLoad(looped);
    expect(techs.visits.reduce((sum, v) => sum + v, 0)).toBeCloseTo(168, 9);
    expect(desk.visits.reduce((sum, v) => sum + v, 0)).toBeCloseTo(2 * 168, 9); // 2 visits a case
    // the desk's work ends within its hours, [09:00, 17:00] on weekdays: the techs' visits start in hours 9..16
    // (elsewhere only the rounds' last 1e-12, spread evenly)
    techs.visits.forEach((v, h) => {
      if (Math.floor(h / 24) > 4 || h % 24 < 9 || h % 24 > 16) expect(v, `hour ${h}`).toBeLessThan(1e-9);
    });
  });

  it('a night’s cases start at the desk’s opening itself: the hours after it in closed form', () => {
    // Cases arriving Monday 02:00-03:00 wait for 09:00 and take 4 h (sd 30 min) there: the techs are reached in
    // [09:00 + k, 09:00 + k + 1) with probability Phi(2k - 6) - Phi(2k - 8), 09:00-12:00 together Phi(-2), 2.28%.
    // Until session 46 they started spread over 09:00-09:15, 7.5 min late on average: 09:00-12:00 got 1.30%
    const night = chain();
    night.arrivals = [
      {
        flow: 'f',
        ordinal: 0,
        interarrival: exp(1),
        fromRate: true,
        profile: { days: [1, 0, 0, 0, 0, 0, 0], hours: Array.from({ length: 24 }, (_, h) => (h === 2 ? 1 : 0)) },
        priority: 0,
      },
    ];
    night.flows = [flow('f', [task('a', { kind: 'normal', mean: 4, sd: 0.5 }, 'desk', 'b'), task('b', constant(1), 'techs')])];
    const [, techs] = hourlyLoad(night);
    expect(techs.visits[9] + techs.visits[10] + techs.visits[11]).toBeCloseTo(normalCdf(-2), 12);
    for (let k = 3; k < 8; k++) expect(techs.visits[9 + k], `hour ${9 + k}`).toBeCloseTo(normalCdf(2 * k - 6) - normalCdf(2 * k - 8), 12);
  });

  it('a long loop through the desk past the propagation’s budget: its visits all counted, what is left spread evenly', () => {
    // 1,000 desk steps in a ring left with p = 0.25 after the last: each visited 4 times a case; some 100 rounds to
    // follow them to 1e-12, more cell moves than reachedHours makes, so the last rounds' visits are spread evenly
    const steps = Array.from({ length: 1000 }, (_, k) => task(`s${k}`, constant(0.25), 'desk', k < 999 ? `s${k + 1}` : 'again'));
    const ring = chain();
    ring.flows = [
      flow('f', [
        ...steps,
        {
          kind: 'decision',
          name: 'again',
          etom: null,
          branch: [
            { to: 's0', p: 0.75 },
            { to: 'b', p: 0.25 },
          ],
        },
        task('b', constant(1), 'techs'),
      ]),
    ];
    const [desk, techs] = hourlyLoad(ring);
    expect(desk.visits.reduce((sum, v) => sum + v, 0)).toBeCloseTo(4000 * 168, 6);
    expect(techs.visits.reduce((sum, v) => sum + v, 0)).toBeCloseTo(168, 9);
  });
});

describe('a join after a team with closed hours', () => {
  it('is reached when its slower branch is done, in the hours the desk lets the fork start', () => {
    // cases from 09:00 to 10:00 on weekdays; the office desk's hour of work ends in [10:00, 11:00), then two automated
    // branches of 2 h and 5 h: the techs after the join get every visit in [15:00, 16:00) of that weekday
    const weekdaysAtNine = {
      days: [1, 1, 1, 1, 1, 0, 0],
      hours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0)),
    };
    const s = scenario({
      calendars: [OFFICE],
      resources: [team('desk', 3, { calendar: 'office' }), team('techs', 2)],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(0.5), fromRate: true, profile: weekdaysAtNine, priority: 0 }],
      flows: [
        flow('f', [
          task('take', constant(1), 'desk', 'split'),
          { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
          task('a', constant(2), null, 'end'),
          task('b', constant(5), null, 'end'),
          task('end', constant(1), 'techs'),
        ]),
      ],
    });
    const techs = hourlyLoad(s)[1].visits;
    for (let h = 0; h < 168; h++) expect(techs[h], `hour ${h}`).toBeCloseTo(h % 24 === 15 && h < 120 ? 2 : 0, 9);
  });
});

describe('forks that share their branches’ steps, as discover writes a block that opens the case', () => {
  // which branch opens the case is decided first (30% a, 70% b); each fork starts the opener at once and the other
  // after a wait of its own (4 h for b where a opens, 6 h for a where b opens), the branches' steps and the join shared
  const opening = (waitB: number, waitA: number, pA: number) =>
    flow('f', [
      {
        kind: 'decision',
        name: 'opening',
        etom: null,
        branch: [
          { to: 'when_a_opens', p: pA },
          { to: 'when_b_opens', p: 1 - pA },
        ],
      },
      { kind: 'fork', name: 'when_a_opens', etom: null, parallel: ['a', 'wait_b'], join: 'c' },
      { kind: 'fork', name: 'when_b_opens', etom: null, parallel: ['b', 'wait_a'], join: 'c' },
      task('wait_b', constant(waitB), null, 'b'),
      task('wait_a', constant(waitA), null, 'a'),
      task('a', constant(0.1), null, 'c'),
      task('b', constant(0.1), null, 'c'),
      task('c', constant(0.5), 'back'),
    ]);

  it('each fork’s join from its own cases’ branches: exactly the slower branch of each', () => {
    const f = opening(4, 6, 0.3);
    // a and b themselves pool both forks' cases: a at 0 (30%) or 6 h (70%)
    expect(reachTimes(f)[5]!.mean).toBeCloseTo(0.7 * 6, 12);
    // but where a opens, the join waits for b: 4.1 h; where b opens, for a: 6.1 h (pooled over both
    // forks' cases, until session 43, each 4.63 h, sd 2.39 h)
    const delays = joinDelays(f);
    expect(delays.get(1)!.mean).toBeCloseTo(4.1, 12);
    expect(delays.get(2)!.mean).toBeCloseTo(6.1, 12);
    expect(delays.get(1)!.variance).toBeCloseTo(0, 12);
    expect(delays.get(2)!.variance).toBeCloseTo(0, 12);
    // c: 4.1 h in 30% of the cases, 6.1 h in 70%: mean 5.5, variance 0.3 x 0.7 x 2^2 = 0.84
    const c = reachTimes(f)[7]!;
    expect(c.mean).toBeCloseTo(5.5, 12);
    expect(c.sd).toBeCloseTo(Math.sqrt(0.84), 6);
  });

  it('the team after the join gets no load before the slower branch is done, so its morning shift asks no unit', () => {
    // 4 cases an hour from 08:00 to 09:00, a branch of 4 h before either join: c reached 12:06 to 13:06, 0.9 of its
    // visits in 12:00-13:00 (1.8 erlangs of 0.5 h: Erlang C's steady state 2) and 0.1 in 13:00-14:00 (0.2: 1); pooled,
    // the join was placed 3.2 h after the arrival (sd 1.7 h), the load spread from 06:00 to 17:00 at most 0.47 erlangs:
    // a unit on the morning shift no case reaches, and one on the afternoon's for its 1.8 erlangs
    const eight = { days: [1, 1, 1, 1, 1, 1, 1], hours: Array.from({ length: 24 }, (_, h) => (h === 8 ? 1 : 0)) };
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
    const shifts = [
      { periods: days.map((d) => ({ start: d + 6, end: d + 12 })), capacity: 1 },
      { periods: days.map((d) => ({ start: d + 12, end: d + 22 })), capacity: 1 },
    ];
    const s = scenario({
      resources: [team('back', 1, { shifts })],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(0.25), fromRate: true, profile: eight, priority: 0 }],
      flows: [opening(4, 4, 0.5)],
    });
    const load = hourlyLoad(s)[0];
    for (let h = 0; h < 168; h++) expect(load.work[h], `hour ${h}`).toBeCloseTo(h % 24 === 12 ? 1.8 : h % 24 === 13 ? 0.2 : 0, 9);
    const staffing = shiftStaffing(shifts, load, { maxWait: null, maxUtilization: null }, { from: 0, to: 1000 });
    expect(staffing.covering).toEqual([0, 2]);
  });
});
