// A step reached by ways of very different delays (a decision whose branches take 1 h and 72 h,
// a loop back two days later, a decision inside a fork's branch, and from session 45 the join after
// such a branch, its ways paired with the other branches' by Clark's maximum) is placed at each way's own hours
// (reach-time.ts' reachMixtures), as the engine's own runs reach it: the hours its tasks join
// their queue, from every arrival's hour on Monday 09:00-10:00. One normal of the pooled moments
// (the placement until session 44) spread that load over days nobody arrives in, and so asked
// units of a night shift no case reaches while leaving the real peak a unit short.
import { describe, expect, it } from 'vitest';
import { shiftStaffing } from '../../engine/analysis/shift-staffing.js';
import { largest } from '../../engine/lists.js';
import { compileModel } from '../../engine/model/compile.js';
import { NODE_KIND } from '../../engine/model/model.js';
import { hourlyLoad } from '../../engine/model/offered-load.js';
import { joinDelays, reachKernel, reachMixtures, reachTimes } from '../../engine/model/reach-time.js';
import type { NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { constant, exp, flow, OFFICE, scenario, task, team } from '../support/build.js';

const WEEKS = 200;
/** 4 cases an hour, Mondays 09:00-10:00 only: 4 a week, every one of them reaching its steps at a known hour. */
const mondayNine = {
  flow: 'f',
  ordinal: 0,
  interarrival: exp(0.25),
  fromRate: true,
  profile: { days: [1, 0, 0, 0, 0, 0, 0], hours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0)) },
  priority: 0,
};

const decision = (name: string, branch: [string, number][]): NodeSpec => ({
  kind: 'decision',
  name,
  etom: null,
  branch: branch.map(([to, p]) => ({ to, p })),
});

/** A crew of 50 (no queue delays a case) does `nodes`' tasks; the cases of mondayNine, WEEKS weeks. */
const model = (nodes: NodeSpec[]): Scenario =>
  scenario({
    run: { horizon: WEEKS * 168, warmup: 0, replications: 1, seed: 7 },
    resources: [team('crew', 50)],
    arrivals: [mondayNine],
    flows: [flow('f', nodes)],
  });

/** Of `node`'s tasks in one run, the share that joined their queue in each hour of the week. */
function simulatedShares(s: Scenario, node: string): Float64Array {
  const compiled = compileModel(s);
  const out = new Float64Array(168);
  observeReplication(compiled, 0, s.run.seed, {
    taskStart() {},
    taskEnd(_case, n, _team, enabled) {
      const spec = compiled.nodes[n];
      if (spec.kind === NODE_KIND.task && spec.name === node) out[Math.floor(enabled % 168)] += 1;
    },
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd() {},
  });
  return normalized(out);
}

function normalized(xs: Float64Array): Float64Array {
  const total = xs.reduce((sum, x) => sum + x, 0);
  return xs.map((x) => x / total);
}

/** Half the sum of the absolute differences of two distributions over the week's hours: 0 equal, 1 disjoint. */
function apart(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let h = 0; h < 168; h++) sum += Math.abs(a[h] - b[h]);
  return sum / 2;
}

/** The share of `node`'s visits (the crew's only task) placed in each hour of the week: by hourlyLoad, and by one normal of the pooled moments. */
function placedShares(s: Scenario, node: string): { mixture: Float64Array; pooled: Float64Array } {
  const f = s.flows[0];
  const i = f.nodes.findIndex((n) => n.name === node);
  const kernel = reachKernel(reachTimes(f)[i]!);
  const pooled = new Float64Array(168);
  for (let k = 0; k < 168; k++) pooled[(9 + k) % 168] += kernel[k];
  return { mixture: normalized(hourlyLoad(s)[0].visits), pooled };
}

describe('a step reached by ways of very different delays is placed at each', () => {
  // half the cases reach x 1 h after they arrive, half 72 h after: Monday 10:00-11:00 and Thursday 09:00-10:00
  const twoWays = model([
    decision('route', [
      ['fast', 0.5],
      ['slow', 0.5],
    ]),
    task('fast', constant(1), null, 'x'),
    task('slow', constant(72), null, 'x'),
    task('x', constant(1), 'crew'),
  ]);

  it('a decision whose branches take 1 h and 72 h: two components, of the pooled mean and sd together', () => {
    const x = reachMixtures(twoWays.flows[0])[3]!;
    expect(x.map((c) => [c.share, c.mean, c.sd])).toEqual([
      [0.5, 1, 0],
      [0.5, 72, 0],
    ]);
    // the same visits at the same mean as reachTimes' one normal: 36.5 h, sd 35.5 h
    const pooled = reachTimes(twoWays.flows[0])[3]!;
    expect(pooled.mean).toBeCloseTo(36.5, 12);
    expect(pooled.sd).toBeCloseTo(35.5, 12);
  });

  it('the hours placed are the hours the engine reaches x in; one normal put under 2% of them there', () => {
    const simulated = simulatedShares(twoWays, 'x');
    // the run itself: every task of x joins at 10:00-11:00 Monday or 09:00-10:00 Thursday
    expect(simulated[10] + simulated[81]).toBe(1);
    const { mixture, pooled } = placedShares(twoWays, 'x');
    expect(mixture[10]).toBeCloseTo(0.5, 12);
    expect(mixture[81]).toBeCloseTo(0.5, 12);
    // 800 cases split 50/50: the run's share within 4 sd (0.018 each) of the placed one
    expect(apart(simulated, mixture)).toBeLessThan(0.07);
    expect(pooled[10] + pooled[81]).toBeLessThan(0.02);
    expect(apart(simulated, pooled)).toBeGreaterThan(0.98);
  });

  it('a roster over it: Erlang C asks the day shift for the 2 erlangs of those two hours, and no night unit', () => {
    // 4 cases a week, 2 of them at each of the two hours, 1 h of work each: 2 erlangs, steady with 3 units
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
    const shifts = [
      { periods: days.map((d) => ({ start: d + 8, end: d + 20 })), capacity: 1 },
      {
        periods: days.flatMap((d) => [
          { start: d, end: d + 8 },
          { start: d + 20, end: d + 24 },
        ]),
        capacity: 1,
      },
    ];
    const rostered = { ...twoWays, resources: [team('crew', 1, { shifts })] };
    const load = hourlyLoad(rostered)[0];
    expect(load.work[10]).toBeCloseTo(2, 12);
    expect(load.work[81]).toBeCloseTo(2, 12);
    const window = { from: 0, to: rostered.run.horizon };
    const steady = { maxWait: null, maxUtilization: null };
    expect(shiftStaffing(shifts, load, steady, window).covering).toEqual([3, 0]);
    // one normal of the pooled moments: at most 0.07 erlangs in any hour, the peak's 2 erlangs nowhere
    const { pooled } = placedShares(twoWays, 'x');
    const smeared = { ...load, work: pooled.map((p) => 4 * p), visits: pooled.map((p) => 4 * p) };
    expect(largest(smeared.work)).toBeLessThan(0.07);
    expect(shiftStaffing(shifts, smeared, steady, window).covering[0]).toBeLessThan(3);
  });

  it('a loop back two days later: each round at its own hours', () => {
    // x, then half the cases check again 47 h after its 1 h: x reached at 0, 48, 96, ... h, each round half as often
    const loop = model([
      task('x', constant(1), 'crew', 'again'),
      decision('again', [
        ['recheck', 0.5],
        ['done', 0.5],
      ]),
      task('recheck', constant(47), null, 'x'),
      task('done', constant(0), null),
    ]);
    const { mixture, pooled } = placedShares(loop, 'x');
    // of x's 2 visits a case, round k's 2^-(k+1): Monday 09:00, Wednesday 09:00, Friday 09:00, Sunday 09:00, Tuesday 09:00...
    const truth = new Float64Array(168);
    for (let k = 0; k < 60; k++) truth[(9 + 48 * k) % 168] += 2 ** -(k + 1);
    // exact but for the rounds past a node's 32 sharp components, merged by their moments: under 2^-12 of the visits
    expect(apart(mixture, truth)).toBeLessThan(2 ** -12);
    for (const k of [0, 1, 2, 3]) expect(Math.abs(mixture[9 + 48 * k] - truth[9 + 48 * k])).toBeLessThan(2 ** -12);
    const simulated = simulatedShares(loop, 'x');
    expect(apart(simulated, mixture)).toBeLessThan(0.07);
    expect(apart(simulated, pooled)).toBeGreaterThan(0.5);
    // the mixture's moments are reachTimes' (what the rounds left by its moments, but for under 1e-9 of the visits)
    const components = reachMixtures(loop.flows[0])[0]!;
    const mean = components.reduce((sum, c) => sum + c.share * c.mean, 0);
    const square = components.reduce((sum, c) => sum + c.share * (c.sd * c.sd + c.mean * c.mean), 0);
    const { mean: m, sd } = reachTimes(loop.flows[0])[0]!;
    expect(mean).toBeCloseTo(m, 6);
    expect(Math.sqrt(square - mean * mean)).toBeCloseTo(sd, 6);
  });

  it('a loop of constant steps: its rounds at their own hours, not merged between them', () => {
    // x's hour, then 90% of the cases rework 4 h and come back: x reached at 0, 5, 10, ... h, round k 0.1 x 0.9^k of
    // its visits (some 20 rounds' reach: 0.9^20 = 12% of the cases go round 20 times). Until session 47 a node's
    // components past 16 were merged by Ward's rule (least spread added), which merged the heaviest rounds two and
    // three at a time (at 7.4 h, 17.4 h, ..., sd 2.5 h each) and placed 69% of x's visits in hours no round reaches
    const p = 0.9;
    const loop = model([
      task('x', constant(1), 'crew', 'again'),
      decision('again', [
        ['rework', p],
        ['done', 1 - p],
      ]),
      task('rework', constant(4), null, 'x'),
      task('done', constant(0), null),
    ]);
    const components = reachMixtures(loop.flows[0])[0]!;
    // the first 31 rounds sharp, each its own component (MOST_SHARP_PARTS), what is left one of their moments
    expect(components.length).toBe(32);
    components.slice(0, 31).forEach((c, k) => {
      expect(c.mean, `round ${k}`).toBeCloseTo(5 * k, 9);
      expect(c.sd).toBe(0);
      expect(c.share).toBeCloseTo((1 - p) * p ** k, 9);
    });
    const truth = new Float64Array(168);
    for (let k = 0; k < 2_000; k++) truth[(9 + 5 * k) % 168] += (1 - p) * p ** k;
    const { mixture } = placedShares(loop, 'x');
    // off only by the rounds past the 31st (0.9^31 = 3.8% of the visits, placed by their moments): 0.0295
    expect(apart(mixture, truth)).toBeLessThan(0.035);
    // a run of 800 cases is 0.017-0.030 from the exact rounds (seeds 1-6), and so within 0.1 of the placed ones
    const simulated = simulatedShares(loop, 'x');
    expect(apart(simulated, mixture)).toBeLessThan(0.1);
    // the mixture's moments are reachTimes' (but for the rounds past the 200th, 0.9^200 = 7e-10 of the visits, dropped)
    const mean = components.reduce((sum, c) => sum + c.share * c.mean, 0);
    const square = components.reduce((sum, c) => sum + c.share * (c.sd * c.sd + c.mean * c.mean), 0);
    const { mean: m, sd } = reachTimes(loop.flows[0])[0]!;
    expect(mean).toBeCloseTo(m, 5);
    expect(Math.sqrt(square - mean * mean)).toBeCloseTo(sd, 4);
  });

  it('that loop on one path, a long rework ring on the other: its rounds followed whichever way the decision lists first', () => {
    // half the cases go to x's loop (x 1 h, then half of them 48 h later again: 0, 49, 98, 147 h); the other half round
    // a ring of 20 half-hour steps after a 1 h or 7 h one, 97% of them again: its 16 to 32 components a step, hundreds a
    // round, follow it past the flow's budget. Until session 46 the loop solved first took the whole budget: with the
    // ring listed second (and solved first) x was one normal, mean 49 h, sd 69 h
    const ring = Array.from({ length: 20 }, (_, k) => task(`r${k}`, constant(0.5), null, k < 19 ? `r${k + 1}` : 'back'));
    for (const ways of [
      ['x', 'ring'],
      ['ring', 'x'],
    ]) {
      const f = model([
        decision(
          'route',
          ways.map((to) => [to, 0.5]),
        ),
        decision('ring', [
          ['short', 0.5],
          ['long', 0.5],
        ]),
        task('short', constant(1), null, 'r0'),
        task('long', constant(7), null, 'r0'),
        ...ring,
        decision('back', [
          ['ring', 0.97],
          ['done', 0.03],
        ]),
        task('x', constant(1), 'crew', 'again'),
        decision('again', [
          ['wait', 0.5],
          ['done', 0.5],
        ]),
        task('wait', constant(48), null, 'x'),
        task('done', constant(0), null),
      ]).flows[0];
      const x = reachMixtures(f)[f.nodes.findIndex((n) => n.name === 'x')]!;
      expect(x.slice(0, 4).map((c) => [c.mean, c.sd])).toEqual([
        [0, 0],
        [49, 0],
        [98, 0],
        [147, 0],
      ]);
      x.slice(0, 4).forEach((c, k) => {
        expect(c.share, `${ways} round ${k}`).toBeCloseTo(2 ** -(k + 1), 9);
      });
      // the ring itself: its first rounds at their own hours (1 h or 7 h to it, 10 h round it, 1 h or 7 h again: 12 h
      // for half the rounds' visits after 1 h, 18 h for all of them), each sharp; until session 47 Ward's merging of
      // its constant steps' rounds placed its first component at 22.3 h, sd 14.8 h, none of them sharp
      const r0 = reachMixtures(f)[f.nodes.findIndex((n) => n.name === 'r0')]!;
      [1, 7, 12, 18].forEach((hours, k) => {
        expect(r0[k].mean, `${ways} r0 ${k}`).toBeCloseTo(hours, 9);
        expect(r0[k].sd).toBe(0);
      });
      expect(r0[1].share / r0[0].share).toBeCloseTo(1, 9);
      expect(r0[2].share / r0[0].share).toBeCloseTo(0.97 / 2, 9);
      expect(r0[3].share / r0[0].share).toBeCloseTo(0.97, 9);
    }
  });

  it('a decision inside a fork’s branch: the branch’s step at both of its hours', () => {
    const forked = model([
      { kind: 'fork', name: 'split', etom: null, parallel: ['route', 'other'], join: 'end' },
      decision('route', [
        ['fast', 0.25],
        ['slow', 0.75],
      ]),
      task('fast', constant(1), null, 'x'),
      task('slow', constant(72), null, 'x'),
      task('x', constant(1), 'crew', 'end'),
      task('other', constant(2), null, 'end'),
      task('end', constant(0), null),
    ]);
    const { mixture } = placedShares(forked, 'x');
    expect([mixture[10], mixture[81]].map((p) => Math.round(p * 1e12) / 1e12)).toEqual([0.25, 0.75]);
    expect(apart(simulatedShares(forked, 'x'), mixture)).toBeLessThan(0.07);
  });
});

describe('a join after a fork whose branch is reached by ways of very different delays is placed at each', () => {
  const fork = (parallel: string[]): NodeSpec => ({ kind: 'fork', name: 'split', etom: null, parallel, join: 'x' });
  /** A fork of a branch through `route` (its ways `ways`: [task, duration, share]) and one of `other`'s duration; the crew's x at the join. */
  const forked = (ways: [string, NodeSpec, number][], other: NodeSpec) =>
    model([
      fork(['route', 'other']),
      decision(
        'route',
        ways.map(([to, , p]) => [to, p]),
      ),
      ...ways.map(([, node]) => node),
      other,
      task('x', constant(1), 'crew'),
    ]);
  // the join waits for the slower branch: 2 h where route took 1 h (25%), 72 h where it took 72 h (75%)
  const oneSlowWay = forked(
    [
      ['fast', task('fast', constant(1), null, 'x'), 0.25],
      ['slow', task('slow', constant(72), null, 'x'), 0.75],
    ],
    task('other', constant(2), null, 'x'),
  );

  it('the larger of the branches per way: 2 h a quarter of the time, 72 h the rest, of the mixture’s moments', () => {
    const f = oneSlowWay.flows[0];
    const x = reachMixtures(f)[5]!;
    expect(x.map((c) => [c.share, c.mean, c.sd])).toEqual([
      [0.25, 2, 0],
      [0.75, 72, 0],
    ]);
    // the delay's moments, which reachTimes places by: mean 0.25 x 2 + 0.75 x 72 = 54.5, variance 0.25 x 4 + 0.75 x 5184 - 54.5^2
    const delay = joinDelays(f).get(0)!;
    expect(delay.mean).toBeCloseTo(54.5, 12);
    expect(delay.variance).toBeCloseTo(918.75, 9);
    const pooled = reachTimes(f)[5]!;
    expect(pooled.mean).toBeCloseTo(54.5, 12);
    expect(pooled.sd).toBeCloseTo(Math.sqrt(918.75), 9);
  });

  it('the hours placed are the hours the engine reaches the join in; Clark’s one normal put under 2% of them there', () => {
    const simulated = simulatedShares(oneSlowWay, 'x');
    // the run: x joins its queue at 11:00-12:00 Monday or 09:00-10:00 Thursday
    expect(simulated[11] + simulated[81]).toBe(1);
    const { mixture } = placedShares(oneSlowWay, 'x');
    expect(mixture[11]).toBeCloseTo(0.25, 12);
    expect(mixture[81]).toBeCloseTo(0.75, 12);
    // 800 cases split 25/75: the run's share within 4 sd (0.015 each) of the placed one
    expect(apart(simulated, mixture)).toBeLessThan(0.07);
    // until session 45 the branch was one normal (mean 54.25 h, sd 30.7 h) and so its join: over the days between
    const kernel = reachKernel({ mean: 54.25, sd: Math.sqrt(0.25 + 0.75 * 72 * 72 - 54.25 * 54.25) });
    const smeared = new Float64Array(168);
    for (let k = 0; k < 168; k++) smeared[(9 + k) % 168] += kernel[k];
    expect(smeared[11] + smeared[81]).toBeLessThan(0.02);
    expect(apart(simulated, smeared)).toBeGreaterThan(0.98);
  });

  it('a step with closed hours after the join: the quarter hours followed from both of its times', () => {
    // x on office hours (Monday 11:00 and Thursday 09:00 both open) and a step after it: reachedHours places x
    const s = { ...oneSlowWay, calendars: [OFFICE], resources: [team('crew', 50, { calendar: 'office' })] };
    s.flows = [
      {
        ...s.flows[0],
        nodes: [...s.flows[0].nodes.slice(0, 5), task('x', constant(1), 'crew', 'after'), task('after', constant(1), null)],
      },
    ];
    const placed = normalized(hourlyLoad(s)[0].visits);
    expect(placed[11]).toBeCloseTo(0.25, 12);
    expect(placed[81]).toBeCloseTo(0.75, 12);
    expect(apart(simulatedShares(s, 'x'), placed)).toBeLessThan(0.07);
  });

  it('both branches of two ways: one component per pair of ways, the pairs that end together as one', () => {
    // route 1 h or 72 h, other 2 h or 80 h, each half the time: max 2 h, 80 h, 72 h, 80 h, a quarter each
    const f = model([
      fork(['route', 'other']),
      decision('route', [
        ['r1', 0.5],
        ['r72', 0.5],
      ]),
      task('r1', constant(1), null, 'x'),
      task('r72', constant(72), null, 'x'),
      decision('other', [
        ['o2', 0.5],
        ['o80', 0.5],
      ]),
      task('o2', constant(2), null, 'x'),
      task('o80', constant(80), null, 'x'),
      task('x', constant(1), 'crew'),
    ]).flows[0];
    expect(reachMixtures(f)[7]!.map((c) => [c.share, c.mean, c.sd])).toEqual([
      [0.25, 2, 0],
      [0.25, 72, 0],
      [0.5, 80, 0],
    ]);
  });

  it('normal components: each pair by Clark’s moments, exact for two normals', () => {
    // route: a gamma of mean 2 h, sd 1 h (half), or 72 h; other: the same gamma. The pair of gammas' larger
    // by Clark (alpha 0): mean 2 + 1 / sqrt(pi), second moment 5 + 4 / sqrt(pi); against 72 h the gamma's
    // normal is 70 sd below: 72 exactly
    const gamma = { kind: 'gamma' as const, mean: 2, sd: 1 };
    const f = forked(
      [
        ['near', task('near', gamma, null, 'x'), 0.5],
        ['far', task('far', constant(72), null, 'x'), 0.5],
      ],
      task('other', gamma, null, 'x'),
    ).flows[0];
    const [near, far] = reachMixtures(f)[5]!;
    const mean = 2 + 1 / Math.sqrt(Math.PI);
    expect(near.share).toBe(0.5);
    expect(near.mean).toBeCloseTo(mean, 12);
    expect(near.sd).toBeCloseTo(Math.sqrt(5 + 4 / Math.sqrt(Math.PI) - mean * mean), 12);
    expect([far.share, far.mean, far.sd]).toEqual([0.5, 72, 0]);
  });

  it('a nested fork’s join in a branch: its ways carried to the outer join', () => {
    // the inner fork's join (in the outer's first branch) at 2 h or 72 h, as above, then 1 h more; the outer's other branch 10 h
    const f = model([
      { kind: 'fork', name: 'outer', etom: null, parallel: ['split', 'long'], join: 'x' },
      { kind: 'fork', name: 'split', etom: null, parallel: ['route', 'other'], join: 'inner' },
      decision('route', [
        ['fast', 0.25],
        ['slow', 0.75],
      ]),
      task('fast', constant(1), null, 'inner'),
      task('slow', constant(72), null, 'inner'),
      task('other', constant(2), null, 'inner'),
      task('inner', constant(1), null, 'x'),
      task('long', constant(10), null, 'x'),
      task('x', constant(1), 'crew'),
    ]);
    expect(reachMixtures(f.flows[0])[8]!.map((c) => [c.share, c.mean, c.sd])).toEqual([
      [0.25, 10, 0],
      [0.75, 73, 0],
    ]);
    const { mixture } = placedShares(f, 'x');
    expect(apart(simulatedShares(f, 'x'), mixture)).toBeLessThan(0.07);
  });
});
