// A join whose fork is inside a loop (a rework loop around a fork/join block): sizing's placement
// of the join's load and of the load after it (offered-load.ts' hourlyLoad, by reachMixtures where
// no step keeps closed hours, by reachedHours' quarter hours where the rework waits for office
// hours) against the hours a simulation of the same scenario enables those tasks in, window by
// window of the week, each within the replications' interval. Each round of the loop passes the
// fork again and waits for its slower branch again, so the join is reached at one time per
// combination of the rounds' ways: the first round's 6 h and 31 h, then 61, 86 and 111 h, and on.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { NODE_KIND } from '../../engine/model/model.js';
import { hourlyLoad } from '../../engine/model/offered-load.js';
import { joinDelays, reachKernel, reachMixtures, reachTimes } from '../../engine/model/reach-time.js';
import type { DistSpec, NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { summarize } from '../../engine/stats/summary.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { constant, exp, flow, OFFICE, scenario, task, team } from '../support/build.js';

const WEEKS = 200;
const REPLICATIONS = 40;
/** Hours a window of the week holds: 42 windows. */
const WINDOW = 4;
const WINDOWS = 168 / WINDOW;
/** A window is checked alone where the placement puts this many visits a week in it; the rest of the week as one. */
const CHECKED = 0.1;

const normal = (mean: number, sd: number): DistSpec => ({ kind: 'normal', mean, sd });
const decision = (name: string, branch: [string, number][]): NodeSpec => ({
  kind: 'decision',
  name,
  etom: null,
  branch: branch.map(([to, p]) => ({ to, p })),
});

/**
 * 4 cases an hour on Mondays 09:00-10:00: an intake, then a fork of a branch of 5 h (sd 1 h) and one
 * of 1 h or 30 h (half each, sd a quarter and 3 h), joined at x (1 h); 30% of the cases are reworked
 * (`redo`) and go round again from the intake, the rest end with `after` (1 h). Normal durations,
 * their sums normal again, and the branches apart enough that the larger of a pair is all but one
 * of them: the placement's normals are the run's, up to the few ways it merges (16 a node).
 * Teams of 50 (no queue) do the intake, x and `after`, one team each.
 */
const reworked = (redo: NodeSpec): Scenario =>
  scenario({
    run: { horizon: WEEKS * 168, warmup: 0, replications: REPLICATIONS, seed: 7 },
    calendars: [OFFICE],
    resources: [team('intake_team', 50), team('join_team', 50), team('after_team', 50)],
    arrivals: [
      {
        flow: 'f',
        ordinal: 0,
        interarrival: exp(0.25),
        fromRate: true,
        profile: { days: [1, 0, 0, 0, 0, 0, 0], hours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0)) },
        priority: 0,
      },
    ],
    flows: [
      flow('f', [
        task('intake', constant(1), 'intake_team', 'split'),
        { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'route'], join: 'x' },
        task('a', normal(5, 1), null, 'x'),
        decision('route', [
          ['fast', 0.5],
          ['slow', 0.5],
        ]),
        task('fast', normal(1, 0.25), null, 'x'),
        task('slow', normal(30, 3), null, 'x'),
        task('x', constant(1), 'join_team', 'check'),
        decision('check', [
          ['redo', 0.3],
          ['after', 0.7],
        ]),
        redo,
        task('after', constant(1), 'after_team'),
      ]),
    ],
  });

/** Per task named, per replication, its visits a week (its tasks enabled) in each window of the week: one run for them all. */
function simulatedWindows(s: Scenario, names: readonly string[]): Map<string, Float64Array[]> {
  const compiled = compileModel(s);
  const nameOf = new Map(names.map((name) => [compiled.nodes.findIndex((n) => n.kind === NODE_KIND.task && n.name === name), name]));
  const out = new Map(names.map((name) => [name, [] as Float64Array[]]));
  for (let r = 0; r < s.run.replications; r++) {
    const windows = new Map(names.map((name) => [name, new Float64Array(WINDOWS)]));
    observeReplication(compiled, r, s.run.seed, {
      taskStart() {},
      taskEnd(_case, n, _team, enabled) {
        const name = nameOf.get(n);
        if (name !== undefined) windows.get(name)![Math.floor((enabled % 168) / WINDOW)] += 1 / WEEKS;
      },
      taskSuspend() {},
      taskResume() {},
      taskAbandoned() {},
      caseEnd() {},
    });
    for (const name of names) out.get(name)!.push(windows.get(name)!);
  }
  return out;
}

/** Hourly visits a week summed into the windows. */
function windowsOf(hourly: ArrayLike<number>): Float64Array {
  const out = new Float64Array(WINDOWS);
  for (let h = 0; h < 168; h++) out[Math.floor(h / WINDOW)] += hourly[h];
  return out;
}

/**
 * The windows a placement is checked in: each the placement puts CHECKED visits a week in, alone,
 * the rest together; per check the run's mean, the half-width of its interval (99.9% jointly over
 * the checks: Bonferroni), and the placement's figure.
 */
function checks(runs: Float64Array[], placed: Float64Array, alone = [...placed.keys()].filter((w) => placed[w] >= CHECKED)) {
  const rest = (xs: Float64Array) => xs.reduce((sum, x, w) => (alone.includes(w) ? sum : sum + x), 0);
  const groups = [
    ...alone.map((w) => ({ what: `hours ${w * WINDOW}-${(w + 1) * WINDOW}`, of: (xs: Float64Array) => xs[w] })),
    { what: 'the rest', of: rest },
  ];
  const t = tQuantile(1 - 0.001 / 2 / groups.length, runs.length - 1);
  return groups.map(({ what, of }) => {
    const s = summarize(runs.map(of));
    return { what, mean: s.mean!, half: (t * s.sd!) / Math.sqrt(s.n), placed: of(placed) };
  });
}

describe('a join whose fork is inside a rework loop: its load and the load after it placed where a run reaches them', () => {
  const cases = [
    // the rework takes 2 days (sd 4 h) at every hour: reachMixtures' components
    { by: 'the mixtures', s: reworked(task('redo', normal(48, 4), null, 'intake')) },
    // the rework takes 4 h (sd 1 h) of office hours: reachedHours' quarter hours, a night's visits starting at 09:00
    {
      by: 'the quarter hours',
      s: reworked({ kind: 'task', name: 'redo', etom: null, duration: normal(4, 1), resource: null, next: 'intake', calendar: 'office' }),
    },
  ];
  for (const { by, s } of cases) {
    it(`placed by ${by}: every window of the join's and of the next team's visits within the run's interval`, () => {
      const loads = hourlyLoad(s);
      const simulated = simulatedWindows(s, ['x', 'after']);
      for (const [name, teamName] of [
        ['x', 'join_team'],
        ['after', 'after_team'],
      ]) {
        const placed = windowsOf(loads.find((l) => l.resource === teamName)!.visits);
        const runs = simulated.get(name)!;
        const alone = [...placed.keys()].filter((w) => placed[w] >= CHECKED);
        const found = checks(runs, placed, alone);
        // every visit a week placed somewhere: 4 cases, 1 / 0.7 passes of x each, one of `after`
        expect(placed.reduce((sum, x) => sum + x, 0)).toBeCloseTo(name === 'x' ? 4 / 0.7 : 4, 9);
        // the first two rounds' ways and more: the windows hold the loop's rounds apart
        expect(found.length).toBeGreaterThanOrEqual(8);
        for (const c of found) {
          // power: an interval within 20% of the window's placed visits
          expect(c.half, `${name} ${c.what}`).toBeLessThan(0.2 * c.placed);
          expect(Math.abs(c.mean - c.placed), `${name} ${c.what}: run ${c.mean} ± ${c.half}, placed ${c.placed}`).toBeLessThanOrEqual(
            c.half,
          );
        }
        // one normal of the pooled moments (the placement until session 44) is outside the interval in most of the windows
        const i = s.flows[0].nodes.findIndex((n) => n.name === name);
        const kernel = reachKernel(reachTimes(s.flows[0])[i]!);
        const pooled = windowsOf(Array.from({ length: 168 }, (_, h) => 4 * kernel[(h - 9 + 168) % 168]));
        const outside = checks(runs, pooled, alone).filter((c) => Math.abs(c.mean - c.placed) > c.half);
        expect(outside.length / found.length, name).toBeGreaterThan(0.5);
      }
    });
  }
});

describe('the same loop with constant durations: the join’s delay exact, as worked by hand', () => {
  const f = flow('f', [
    task('intake', constant(1), 'intake_team', 'split'),
    { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'route'], join: 'x' },
    task('a', constant(2), null, 'x'),
    decision('route', [
      ['fast', 0.5],
      ['slow', 0.5],
    ]),
    task('fast', constant(1), null, 'x'),
    task('slow', constant(30), null, 'x'),
    task('x', constant(1), 'join_team', 'check'),
    decision('check', [
      ['redo', 0.3],
      ['after', 0.7],
    ]),
    task('redo', constant(48), null, 'intake'),
    task('after', constant(1), 'after_team'),
  ]);

  it('each round waits 2 h or 30 h at the join, half the time each: mean 16 h, variance 196, to the last bit', () => {
    // until session 46 the branch of one way was read off the loop's moments less the fork's: 15.999999999999998 h
    expect(joinDelays(f)).toEqual(new Map([[1, { mean: 16, variance: 196 }]]));
    // the first round reaches x 1 + 2 h or 1 + 30 h after the arrival, 35% of its visits each (1 / 0.7 a case);
    // the second 52 h on (x 1 h, the rework 48 h, the intake 1 h, the fork's 2 h or 30 h): 55 h, and 83 h both ways
    const x = reachMixtures(f)[6]!;
    expect(x.slice(0, 4).map((c) => [c.mean, c.sd])).toEqual([
      [3, 0],
      [31, 0],
      [55, 0],
      [83, 0],
    ]);
    expect(x.slice(0, 4).map((c) => c.share)).toEqual([0.35, 0.35, 0.0525, 0.105].map((share) => expect.closeTo(share, 12)));
  });
});
