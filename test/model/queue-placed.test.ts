// The queue waits a simulation measured, placed before the steps after them (s38c: reach-time.ts
// counted the steps' work and closed hours, not their queues, so a downstream team's load came
// too early in the week): exact shifts of the hourly load by a given wait, a closed step's wait
// for its opening not counted twice, and an M/M/1 desk's measured wait (closed form
// Wq = rho / (mu - lambda)) moving the step after it.
import { describe, expect, it } from 'vitest';
import { runSideBySide } from '../../engine/analysis/side-by-side.js';
import { measuredWaits, sizeTeams } from '../../engine/analysis/sizing.js';
import { hourlyLoad, placeReach } from '../../engine/model/offered-load.js';
import { reachTimes } from '../../engine/model/reach-time.js';
import { ReplicationValues } from '../../engine/results/per-replication.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { constant, exp, flow, morningBurst, OFFICE, scenario, task, team } from '../support/build.js';

/** The techs' visits (task b of flow f) by hour of the week, as the per-shift sizing places them. */
function techsByHour(s: Scenario, waits: number[] | null): Float64Array {
  const placed = placeReach(s, waits === null ? null : new Map([['f', waits]]));
  return hourlyLoad(s, 'shared', placed).find((l) => l.resource === 'techs')!.visits;
}

describe('a measured queue wait moves the load of the steps after it', () => {
  /** Cases only from 09:00 to 10:00, every day; a desk's hour of work, then the techs'. */
  const nine = { days: [1, 1, 1, 1, 1, 1, 1], hours: Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0)) };
  const chain = scenario({
    resources: [team('desk', 3), team('techs', 3)],
    arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(0.5), fromRate: true, profile: nine, priority: 0 }],
    flows: [flow('f', [task('a', constant(1), 'desk', 'b'), task('b', constant(1), 'techs')])],
  });

  it('by exactly the wait: the techs reached half an hour later, the desk where it was', () => {
    // the desk's hour of work: the techs' visits are a day's hour 10 (mean of the hours' middles 10.5); with a
    // 0.5 h wait at the desk (sd 0.5 h, StepWaits' exponential spread) their mean is 11.0, the spread within the day
    const meanHour = (visits: Float64Array) => {
      let [sum, weight] = [0, 0];
      visits.forEach((v, h) => {
        sum += v * ((h % 24) + 0.5);
        weight += v;
      });
      return sum / weight;
    };
    expect(meanHour(techsByHour(chain, null))).toBeCloseTo(10.5, 9);
    expect(meanHour(techsByHour(chain, [0.5, 0]))).toBeCloseTo(11.0, 9);
    // 14 cases a week either way (2 an hour, an hour a day)
    expect(techsByHour(chain, [0.5, 0]).reduce((a, b) => a + b, 0)).toBeCloseTo(14, 9);
    const [, techs] = reachTimes(chain.flows[0], [0.5, 0]);
    expect(techs!.mean).toBeCloseTo(1.5, 12);
    expect(techs!.sd).toBeCloseTo(0.5, 12);
    // the desk's own visits are its cases' arrivals, whatever it makes them wait
    const desk = (w: number[] | null) => hourlyLoad(chain, 'shared', placeReach(chain, w && new Map([['f', w]])))[0].visits;
    expect(Array.from(desk([0.5, 0]))).toEqual(Array.from(desk(null)));
  });

  it("a closed desk's wait for its opening is placed once: only the rest is queueing, in its open hours", () => {
    // a case an hour round the clock (Poisson: each uniform within its hour); the desk open Monday to Friday
    // 09:00-17:00. A case arriving in a closed stretch of L hours waits L / 2 for the opening on average: four
    // weekday nights of 16 h and a weekend of 64 h, (4 x 16^2 / 2 + 64^2 / 2) / 168 = 2560 / 168 = 15.24 h a case.
    // Until session 47 the wait was read from each closed quarter hour's start, 7.5 min before its cases on
    // average: 15.33 h, and so the measured wait's 0.5 h of queue placed as 0.40 h
    const gap = 2560 / 168;
    const office = (desk: ReturnType<typeof task>) =>
      scenario({
        calendars: [OFFICE],
        resources: [team('desk', 3, { calendar: 'office' }), team('techs', 2)],
        arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(1), fromRate: true, profile: null, priority: 0 }],
        flows: [flow('f', [desk, task('b', constant(1), 'techs')])],
      });
    const hourOfWork = office(task('a', constant(1), 'desk', 'b'));
    // measured: the wait for the opening and half an hour of queue; placed as a desk whose work has the mean and
    // variance of the hour and the half hour's exponential (1.5 h, sd 0.5 h) and no queue
    const slower = office(task('a', { kind: 'gamma', mean: 1.5, sd: 0.5 }, 'desk', 'b'));
    const queued = techsByHour(hourOfWork, [gap + 0.5, 0]);
    const worked = techsByHour(slower, null);
    for (let h = 0; h < 168; h++) expect(queued[h], `hour ${h}`).toBeCloseTo(worked[h], 9);
    // a measured wait no longer than the wait for the opening: no queueing, the placement without waits
    const none = techsByHour(hourOfWork, null);
    const within = techsByHour(hourOfWork, [0.9 * gap, 0]);
    for (let h = 0; h < 168; h++) expect(within[h], `hour ${h}`).toBeCloseTo(none[h], 12);
  });
});

describe("an M/M/1 desk's measured wait", () => {
  it('is its closed form, and the step after it is reached that much later', async () => {
    // lambda 0.5/h, mu 1/h: Wq = rho / (mu - lambda) = 0.5 / 0.5 = 1 h; the techs after an hour's work and that wait
    const s = scenario({
      run: { horizon: 20_000, warmup: 2_000, replications: 10, seed: 7 },
      resources: [team('desk', 1), team('techs', 20)],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(2), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('f', [task('a', exp(1), 'desk', 'b'), task('b', constant(1), 'techs')])],
    });
    const [run] = await runSideBySide([{ name: 'mm1', scenario: s }], { replications: 10, seed: 7, workers: 1 });
    const values = new ReplicationValues(run);
    const wait = values.stat('flows.f.nodes.a.wait')!;
    // the replications' 99.9% interval: t(0.9995, 9) = 4.781 standard errors
    const half = (4.781 * wait.sd!) / Math.sqrt(wait.n);
    const [measured, techs] = measuredWaits(s, values).get('f')!;
    expect(techs).toBe(0);
    expect(Math.abs(measured - 1)).toBeLessThan(half);
    // without the wait the techs are reached an hour after arrival (the desk's work); with it, 1 + Wq
    expect(reachTimes(s.flows[0])[1]!.mean).toBeCloseTo(1, 12);
    const reached = reachTimes(s.flows[0], [measured, techs])[1]!;
    expect(reached.mean).toBeCloseTo(1 + measured, 12);
    expect(Math.abs(reached.mean - 2)).toBeLessThan(half);
    // its spread: the desk's exponential work (sd 1) and the wait's (sd = its mean)
    expect(reached.sd).toBeCloseTo(Math.sqrt(1 + measured ** 2), 12);
  });
});

describe('size --per-shift places each interval after the queues a staffing measured', () => {
  it("the techs' Erlang C intervals take the load placed after the desk's measured waits", async () => {
    // orders 2 an hour from 08:00 to 12:00; a desk of 2 at 45 min a task (75% busy then: it queues), then the techs,
    // on a day shift and a night shift, 30 min a task
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
    const s = scenario({
      run: { horizon: 2000, warmup: 168, replications: 3, seed: 5 },
      resources: [
        team('desk', 2),
        team('techs', 3, {
          costPerHour: 40,
          shifts: [
            { periods: days.map((d) => ({ start: d, end: d + 12 })), capacity: 3 },
            { periods: days.map((d) => ({ start: d + 12, end: d + 24 })), capacity: 1 },
          ],
        }),
      ],
      arrivals: [morningBurst('f', 0.5)],
      flows: [flow('f', [task('a', exp(0.75), 'desk', 'b'), task('b', constant(0.5), 'techs')])],
    });
    const options = { resources: ['techs'], maxCapacity: null, replications: 3, seed: 5, workers: 1, perShift: true };
    const result = await sizeTeams(s, { ...options, targets: ['resources.techs.wait <= 0.5'] });
    // the scenario's own staffing, on the same replications as size ran it first (common random numbers); the desk
    // is not sized, so its queue is the same at any staffing of the techs, the recommendation's too
    // (test/analysis/sizing-placement.test.ts sizes the team before)
    const [run] = await runSideBySide([{ name: 'current', scenario: s }], options);
    const waits = measuredWaits(s, new ReplicationValues(run));
    expect(waits.get('f')![0]).toBeGreaterThan(0.1); // the desk queues
    const placed = hourlyLoad(s, 'shared', placeReach(s, waits))[1].work;
    const unplaced = hourlyLoad(s)[1].work;
    const intervals = result.erlang_c_intervals.techs;
    expect(intervals).toHaveLength(168);
    for (const iv of intervals) expect(iv.offered_load, `hour ${iv.start}`).toBeCloseTo(placed[iv.start], 12);
    // and not where no queue was counted: the load comes later in the morning
    const morning = (work: ArrayLike<number>) => [9, 10, 11, 12, 13, 14].map((h) => work[h]);
    expect(morning(placed)).not.toEqual(morning(unplaced));
    const meanHour = (work: ArrayLike<number>) => {
      let [sum, weight] = [0, 0];
      for (let h = 0; h < 24; h++) [sum, weight] = [sum + work[h] * (h + 0.5), weight + work[h]];
      return sum / weight;
    };
    expect(meanHour(placed) - meanHour(unplaced)).toBeCloseTo(waits.get('f')![0], 6);
  });
});
