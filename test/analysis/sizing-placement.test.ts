// size --per-shift places each interval's load after the queue waits of the staffing it
// recommends, not the current one's (s39b reviewer: the recommendation changes the staffing, and
// with it the queues before a team): a front desk sized from 1 unit (M/M/1, rho 0.8: Wq 4 h) to
// 2 places the next team's load after M/M/2's Erlang C wait, 0.19 h; a morning burst's intervals
// equal the load placed after the recommended staffing's own run; the staffings a first search ran that
// fall short of the final placement's intervals are marked so (`other_placement`); and a staffing so near
// saturation that its queue cannot settle within the window gives no waits at all (set aside):
// the current one's, or the search's choice's, which then leaves the placement unsettled. A unit more recommended
// after a refutation is checked against the placement its own waits ask (`unit_more`).
import { describe, expect, it } from 'vitest';
import { runSideBySide } from '../../engine/analysis/side-by-side.js';
import { measuredWaits, sizeTeams } from '../../engine/analysis/sizing.js';
import { type HourlyLoad, hourlyLoad, placeReach } from '../../engine/model/offered-load.js';
import { largest } from '../../engine/lists.js';
import { ReplicationValues } from '../../engine/results/per-replication.js';
import { type Scenario, type Weekday, WEEKDAYS } from '../../engine/scenario/types.js';
import { type SizingCandidate, type SizingResult, type StaffingUnits, staffingKey, unitsText } from '../../engine/results/sizing.js';
import { sizingProblems } from '../../engine/results/readable.js';
import { otherPlacementNote, placementNote } from '../../reports/sizing-tables.js';
import { constant, exp, flow, morningBurst, scenario, task, team } from '../support/build.js';

const DAYS = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
/** A roster of a day shift (08:00-20:00) and a night shift, one unit each, 40 an hour. */
const back = team('back', 1, {
  costPerHour: 40,
  shifts: [
    { periods: DAYS.map((d) => ({ start: d + 8, end: d + 20 })), capacity: 1 },
    { periods: DAYS.map((d) => ({ start: d + 20, end: d + 32 })), capacity: 1 },
  ],
});

/** The same team on three shifts a day: 06:00-10:00, 10:00-20:00 and a night shift, one unit each. */
const earlyLateNight = team('back', 1, {
  costPerHour: 40,
  shifts: [
    { periods: DAYS.map((d) => ({ start: d + 6, end: d + 10 })), capacity: 1 },
    { periods: DAYS.map((d) => ({ start: d + 10, end: d + 20 })), capacity: 1 },
    { periods: DAYS.map((d) => ({ start: d + 20, end: d + 30 })), capacity: 1 },
  ],
});
/** The same team on 06:00-12:00 and 12:00-20:00, 2 units each, and a night shift of 1, 50 an hour. */
const morningAfternoonNight = team('back', 1, {
  costPerHour: 50,
  shifts: [
    { periods: DAYS.map((d) => ({ start: d + 6, end: d + 12 })), capacity: 2 },
    { periods: DAYS.map((d) => ({ start: d + 12, end: d + 20 })), capacity: 2 },
    { periods: DAYS.map((d) => ({ start: d + 20, end: d + 30 })), capacity: 1 },
  ],
});
const HOURS_8_TO_10 = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 10 ? 1 : 0));

/** Erlang C's probability of waiting, M/M/c at a erlangs (written out here, apart from engine/model/erlang-c.ts). */
function waitProbability(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

/** The replications' 99.9% half-width around a mean, from its 95% interval: t(0.9995, n - 1) over t(0.975, n - 1). */
function half999(ci95: [number, number], n: number): number {
  const t975: Record<number, number> = { 4: 2.776, 9: 2.262 };
  const t9995: Record<number, number> = { 4: 8.61, 9: 4.781 };
  return ((ci95[1] - ci95[0]) / 2) * (t9995[n - 1] / t975[n - 1]);
}

describe('size --per-shift places the loads after the queues of the staffing it recommends', () => {
  it("a front desk sized from M/M/1 to M/M/2: the back's load placed after Erlang C's wait at 2, not M/M/1's at 1", async () => {
    // lambda 0.8/h, 1 h a task: 1 unit waits rho / (mu - lambda) = 4 h, 2 units C(2, 0.8) / (2 - 0.8) = 0.190 h
    const s = scenario({
      run: { horizon: 5000, warmup: 500, replications: 5, seed: 11 },
      resources: [team('front', 1, { costPerHour: 30 }), back],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(1.25), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('f', [task('a', exp(1), 'front', 'b'), task('b', constant(0.25), 'back')])],
    });
    const result = await sizeTeams(s, {
      targets: ['resources.front.wait <= 0.5', 'resources.back.wait <= 0.5'],
      resources: null,
      maxCapacity: null,
      replications: 5,
      seed: 11,
      workers: 1,
      perShift: true,
    });
    expect(result.chosen?.capacities.front).toBe(2);
    const placement = result.queue_placement!;
    expect(placement.measured_on?.capacities.front).toBe(2);
    expect(placement.consistent).toBe(true);
    expect(placement.set_aside).toEqual([]);
    const mm2 = waitProbability(2, 0.8) / (2 - 0.8);
    expect(mm2).toBeCloseTo(0.1905, 4);
    const placed = placement.waits.f.a;
    const chosenWait = result.chosen!.metrics['resources.front.wait'];
    expect(Math.abs(placed - mm2)).toBeLessThan(half999(chosenWait.ci95!, 5));
    // the current staffing's own, which placed the first search's loads, is M/M/1's (rho / (mu - lambda) = 4 h)
    const currentWait = result.current.metrics['resources.front.wait'];
    expect(Math.abs(currentWait.mean! - 4)).toBeLessThan(half999(currentWait.ci95!, 5));
    // arrivals the same every hour: the back's load is the same every hour wherever it is placed, so the
    // choice's own waits ask the requirements it was chosen under, and one search was enough
    expect(placement.searches).toBe(1);
    // the back team's own wait is placed too, and nothing follows it
    expect(placement.waits.f.b).toBeGreaterThan(0);
  });

  it("a morning burst: the back's Erlang C intervals are the load placed after the recommended staffing's run", async () => {
    // 2 an hour from 08:00 to 12:00; a front of 2 at 45 min a task (75% busy then) queues ~0.5 h; the target
    // on its wait takes it to 3 or more, whose queue is short: the back's load comes earlier in the morning
    const s: Scenario = scenario({
      run: { horizon: 2000, warmup: 168, replications: 3, seed: 5 },
      resources: [team('front', 2, { costPerHour: 30 }), back],
      arrivals: [morningBurst('f', 0.5)],
      flows: [flow('f', [task('a', exp(0.75), 'front', 'b'), task('b', constant(0.5), 'back')])],
    });
    const options = { resources: null, maxCapacity: null, replications: 3, seed: 5, workers: 1, perShift: true };
    const result = await sizeTeams(s, { ...options, targets: ['resources.front.wait <= 0.1', 'resources.back.wait <= 0.5'] });
    const front = result.chosen!.capacities.front;
    expect(front).toBeGreaterThan(2);
    const placement = result.queue_placement!;
    expect(placement.measured_on?.capacities).toEqual(result.chosen!.capacities);
    expect(placement.consistent).toBe(true);
    // the first search, on the current front's long queue, placed the load later in the morning (below) and so asked
    // other hours' requirements than its choice's own short queue, but as much of each shift: one search (until
    // session 44, compared hour by hour, a second search, which could only choose it again)
    expect(placement.searches).toBe(1);
    // the recommended staffing run on its own, on the same replications (common random numbers)
    const recommended: Scenario = {
      ...s,
      resources: [
        team('front', front, { costPerHour: 30 }),
        { ...back, shifts: back.shifts!.map((sh, j) => ({ ...sh, capacity: result.chosen!.shift_capacities!.back[j] })) },
      ],
    };
    const [run] = await runSideBySide([{ name: 'recommended', scenario: recommended }], options);
    const waits = measuredWaits(recommended, new ReplicationValues(run));
    expect(waits.get('f')![0]).toBeCloseTo(placement.waits.f.a, 12);
    const [currentRun] = await runSideBySide([{ name: 'current', scenario: s }], options);
    const currentWaits = measuredWaits(s, new ReplicationValues(currentRun));
    expect(currentWaits.get('f')![0]).toBeGreaterThan(3 * waits.get('f')![0]); // the current front queues far longer
    const placed = hourlyLoad(s, 'shared', placeReach(s, waits))[1].work;
    const placedByCurrent = hourlyLoad(s, 'shared', placeReach(s, currentWaits))[1].work;
    const intervals = result.erlang_c_intervals.back;
    for (const iv of intervals) expect(iv.offered_load, `hour ${iv.start}`).toBeCloseTo(placed[iv.start], 12);
    // and not after the current staffing's queue: its load came later in the morning
    const meanHour = (work: ArrayLike<number>) => {
      let [sum, weight] = [0, 0];
      for (let h = 0; h < 24; h++) [sum, weight] = [sum + work[h] * (h + 0.5), weight + work[h]];
      return sum / weight;
    };
    expect(meanHour(placedByCurrent) - meanHour(placed)).toBeCloseTo(currentWaits.get('f')![0] - waits.get('f')![0], 6);
  });

  it("a first search's staffings short of the final placement's intervals are marked, each with the placement it was run under", async () => {
    const result = await sizedBurst();
    const placement = result.queue_placement!;
    expect(placement.searches).toBeGreaterThanOrEqual(2);
    expect(placement.consistent).toBe(true);
    // the final placement's intervals, read from the file: a staffing covers one when the shifts on add up to its requirement
    const intervals = result.erlang_c_intervals.back;
    const short = (c: SizingCandidate) =>
      intervals.find((iv) => iv.required > iv.shifts.reduce((sum, j) => sum + c.shift_capacities!.back[j], 0)) ?? null;
    const tried = result.candidates.filter((c) => staffingKey(c) !== staffingKey(result.current));
    for (const c of tried) expect(c.other_placement !== undefined, unitsText(c)).toBe(short(c) !== null);
    const marked = tried.filter((c) => c.other_placement !== undefined);
    expect(marked.length).toBeGreaterThan(0);
    for (const c of marked) {
      // run in the first search, whose loads the current staffing's queues placed; the reason names an interval it is short of
      expect(c.other_placement!.placed_after).toEqual({
        capacities: result.current.capacities,
        shift_capacities: result.current.shift_capacities,
      });
      const [, units, from, required] =
        /^'back' has (\d+) units? on from (\w+ \d\d:\d\d) to \w+ \d\d:\d\d, where Erlang C requires (\d+)$/.exec(
          c.other_placement!.reason,
        )!;
      const iv = intervals.find((x) => x.start === 24 * WEEKDAYS.indexOf(from.slice(0, 3) as Weekday) + Number(from.slice(4, 6)))!;
      expect(Number(required)).toBe(iv.required);
      expect(Number(units)).toBe(iv.shifts.reduce((sum, j) => sum + c.shift_capacities!.back[j], 0));
      expect(Number(units)).toBeLessThan(iv.required);
    }
    // the first search's choice met every target under its placement: listed unmarked, it read as another answer
    expect(marked.some((c) => c.meets)).toBe(true);
    expect(result.chosen!.other_placement).toBeUndefined();
    expect(short(result.chosen!)).toBeNull();
    // what the console and sizing.html say of them, from the file read back
    const file = JSON.parse(JSON.stringify(result)) as SizingResult;
    expect(sizingProblems(file)).toEqual([]);
    expect(otherPlacementNote(file)).toMatch(
      new RegExp(
        `^${marked.length} staffings? tried while the intervals' loads were placed after other queue waits falls? short of what the final placement asks`,
      ),
    );
  });

  it("held to one search: the first choice stays, placed after the current staffing's queues, not settled, nothing marked", async () => {
    const [bounded, free] = await Promise.all([sizedBurst(1), sizedBurst()]);
    const placement = bounded.queue_placement!;
    expect(placement.searches).toBe(1);
    expect(placement.consistent).toBe(false);
    expect(placement.measured_on).toEqual({ capacities: bounded.current.capacities, shift_capacities: bounded.current.shift_capacities });
    expect(placementNote(bounded)).toMatch(
      /the current staffing, front 1, back 1\/1\/1: the choice, placed after its own waits, would ask other intervals than it was chosen under \(not settled in 1 search\)\.$/,
    );
    // every staffing run under the one placement there is: none marked
    expect(bounded.candidates.filter((c) => c.other_placement !== undefined)).toEqual([]);
    // the first search is the same with or without the bound (common random numbers): its choice, which the second
    // search's placement rules out, met every target there
    const first = free.candidates.find((c) => staffingKey(c) === staffingKey(bounded.chosen!))!;
    expect(first.meets).toBe(true);
    expect(first.other_placement?.placed_after).toEqual(placement.measured_on);
    expect(free.queue_placement!.searches).toBeGreaterThan(1);
  });

  it("a front unit more recommended after a refutation: its own shorter queue asks 2 back units at 09:00 where the choice's asked 1, and no more of any shift", async () => {
    // 3 cases an hour from 08:00 to 12:00 at a front of 3 (1 h each) before a back (0.55 h a task) on 06-12/12-20/20-06,
    // the target a mean cycle time: Erlang C asks only more agents than erlangs, floor(a) + 1 in an hour offered a > 0
    // erlangs. Seed 1: the search's choice is refuted on fresh replications and one front unit more is confirmed, whose
    // shorter front queue brings more of the back's morning work into 09:00 (held to the choice's placement: README)
    const s: Scenario = scenario({
      run: { horizon: 1000, warmup: 168, replications: 2, seed: 1 },
      resources: [team('front', 3, { costPerHour: 30 }), morningAfternoonNight],
      arrivals: [morningBurst('f', 1 / 3)],
      flows: [flow('f', [task('a', exp(1), 'front', 'b'), task('b', exp(0.55), 'back')])],
    });
    const options = { resources: null, maxCapacity: null, replications: 2, seed: 1, workers: 1, perShift: true };
    const result = await sizeTeams(s, { ...options, targets: ['flows.f.cycle_time.mean <= 2'] });
    const [choice] = result.refuted!;
    expect(result.verification?.outcome).toBe('confirmed');
    expect(result.chosen!.capacities.front).toBe(choice.capacities.front + 1);
    expect(result.chosen!.shift_capacities).toEqual(choice.shift_capacities);
    // the back's offered load hour by hour after each staffing's own waits
    const staffed = (c: StaffingUnits): Scenario => ({
      ...s,
      resources: [
        team('front', c.capacities.front, { costPerHour: 30 }),
        {
          ...morningAfternoonNight,
          shifts: morningAfternoonNight.shifts!.map((sh, j) => ({ ...sh, capacity: c.shift_capacities!.back[j] })),
        },
      ],
    });
    const loads = async (c: StaffingUnits, runs = options) => {
      const [run] = await runSideBySide([{ name: 'staffing', scenario: staffed(c) }], runs);
      return hourlyLoad(s, 'shared', placeReach(s, measuredWaits(s, new ReplicationValues(run))))[1];
    };
    // a shift whose hours expect under -ln 0.95 visits in a replication's window (168 h to 1000 h: weeks 1 to 4 whole, and
    // week 5's first 160 hours) asks no unit, no task joining then in 95% of replications (shift-staffing.ts' NO_LOAD_VISITS)
    const shiftOf = (h: number) => (h % 24 >= 6 && h % 24 < 12 ? 0 : h % 24 >= 12 && h % 24 < 20 ? 1 : 2);
    const asks = ({ visits, work }: HourlyLoad) => {
      const expected = [0, 0, 0];
      visits.forEach((v, h) => {
        expected[shiftOf(h)] += v * (h < 160 ? 5 : 4);
      });
      return Array.from(work, (a, h) => (a > 0 && expected[shiftOf(h)] >= -Math.log(0.95) ? Math.floor(a) + 1 : 0));
    };
    // the choice's placement, from its run on the search's replications; the unit more's own, from its verification's
    const { seed, replications } = result.verification!;
    const [heldLoad, ownLoad] = [await loads(choice), await loads(result.chosen!, { ...options, seed, replications })];
    const [held, own] = [heldLoad.work, ownLoad.work];
    // the file's intervals (one an hour) are the choice's own placement, by the rule above
    const intervals = result.erlang_c_intervals.back;
    expect(intervals.map((iv) => iv.start)).toEqual(asks(heldLoad).map((_, h) => h));
    expect(intervals.map((iv) => iv.required)).toEqual(asks(heldLoad));
    // Monday 09:00: under 1 erlang after the choice's waits, over 1 after the unit more's own: 2 units asked for 1
    expect(held[9]).toBeLessThan(1);
    expect(own[9]).toBeGreaterThan(1);
    // the recommendation's morning shift has 3 on: it covers every hour its own waits ask
    for (const iv of intervals) {
      const on = iv.shifts.reduce((sum, j) => sum + result.chosen!.shift_capacities!.back[j], 0);
      expect(on, `hour ${iv.start}`).toBeGreaterThanOrEqual(asks(ownLoad)[iv.start]);
    }
    // but each shift's busiest hour asks as much under both placements: the same of every staffing, so the unit more
    // asks the requirements it is held to (until session 44, compared hour by hour: other ones, which it covers)
    const busiest = (asked: number[]) => [0, 1, 2].map((j) => largest(asked.filter((_, h) => shiftOf(h) === j)));
    expect(busiest(asks(ownLoad))).toEqual(busiest(asks(heldLoad)));
    expect(result.queue_placement!.unit_more).toEqual({
      capacities: result.chosen!.capacities,
      shift_capacities: result.chosen!.shift_capacities,
      consistent: true,
      ruled_out: null,
      unread: null,
    });
    // the whole note: the placement the choice's waits made, settled, and no sentence on the unit more
    expect(result.queue_placement!.searches).toBe(1);
    expect(placementNote(result)).toBe(
      `Erlang C intervals: each one's load placed after the queue waits of the search's choice before the verification's unit more, ${unitsText(choice)}: placed after its own waits, it asks the intervals it was chosen under (1 search).`,
    );
  });

  it('the same unit more with 09:00-10:00 a shift of its own: the 2 units its own queue asks there are more than the 1 its choice asked, so not consistent', async () => {
    // the test above's desk, the back's morning cut at 09:00 and 10:00: the hour its own shorter queue asks 2 back units
    // in, where the choice's asked 1, is now a shift alone, whose busiest hour it is: the unit more asks another
    // requirement than its choice was chosen under (one it covers: that shift has 2 on).
    // Why seed 1, as above: a unit more is recommended only after a refutation, and a refutation is chance by design:
    // the search's replications and the fresh ones are draws of the same staffing, so no scenario makes the first meet
    // a target the second miss for every seed (one whose choice always misses is never chosen). The seed picks that
    // path; the sizing is a function of it (the same on any number of workers), and the test asserts the path first
    // (the choice refuted, a front unit more confirmed), so another seed fails there, never passes on nothing
    const cuts = [6, 9, 10, 12, 20];
    const back = team('back', 1, {
      costPerHour: 50,
      shifts: cuts.map((c, k) => ({ periods: DAYS.map((d) => ({ start: d + c, end: d + (cuts[k + 1] ?? 30) })), capacity: 2 })),
    });
    const s: Scenario = scenario({
      run: { horizon: 1000, warmup: 168, replications: 2, seed: 1 },
      resources: [team('front', 3, { costPerHour: 30 }), back],
      arrivals: [morningBurst('f', 1 / 3)],
      flows: [flow('f', [task('a', exp(1), 'front', 'b'), task('b', exp(0.55), 'back')])],
    });
    const options = { resources: null, maxCapacity: null, replications: 2, seed: 1, workers: 1, perShift: true };
    const result = await sizeTeams(s, { ...options, targets: ['flows.f.cycle_time.mean <= 2'] });
    const [choice] = result.refuted!;
    expect(result.verification?.outcome).toBe('confirmed');
    expect(result.chosen!.capacities.front).toBe(choice.capacities.front + 1);
    expect(result.chosen!.shift_capacities).toEqual(choice.shift_capacities);
    const at9 = async (c: StaffingUnits, runs = options) => {
      const staffed: Scenario = {
        ...s,
        resources: [
          team('front', c.capacities.front, { costPerHour: 30 }),
          { ...back, shifts: back.shifts!.map((sh, j) => ({ ...sh, capacity: c.shift_capacities!.back[j] })) },
        ],
      };
      const [run] = await runSideBySide([{ name: 'staffing', scenario: staffed }], runs);
      return hourlyLoad(s, 'shared', placeReach(s, measuredWaits(s, new ReplicationValues(run))))[1].work[9];
    };
    // Monday 09:00: under 1 erlang after the choice's waits (1 unit asked), over 1 after the unit more's own (2 asked)
    const { seed, replications } = result.verification!;
    expect(await at9(choice)).toBeLessThan(1);
    expect(await at9(result.chosen!, { ...options, seed, replications })).toBeGreaterThan(1);
    expect(result.chosen!.shift_capacities!.back[1]).toBeGreaterThanOrEqual(2);
    expect(result.queue_placement!.unit_more).toEqual({
      capacities: result.chosen!.capacities,
      shift_capacities: result.chosen!.shift_capacities,
      consistent: false,
      ruled_out: null,
      unread: null,
    });
    expect(placementNote(result)).toBe(
      `Erlang C intervals: each one's load placed after the queue waits of the search's choice before the verification's unit more, ${unitsText(choice)}: placed after its own waits, it asks the intervals it was chosen under (1 search). The recommendation, ${unitsText(result.chosen!)}, made after the verification refuted the search's choice, is held to the placement that choice was made under; placed after its own queue waits, it would ask other intervals' requirements, which it covers.`,
    );
  });

  it('a current staffing too near saturation to settle within the window: its waits set aside, the choice places the loads', async () => {
    // lambda 0.97/h at 1 unit of 1 h a task: offered 97% (validate's rule passes it), but M/M/1's relaxation time,
    // 1 / (mu (1 - sqrt(rho))^2) = 4,380 h, passes a quarter of the 2,000 h window: its measured waits read low
    const result = await sizedDesk97(1, 'resources.front.wait <= 1');
    const placement = result.queue_placement!;
    expect(placement.set_aside).toHaveLength(1);
    expect(placement.set_aside[0].capacities).toEqual(result.current.capacities);
    expect(placement.set_aside[0].reason).toMatch(/'front' is offered 9\d(\.\d)?% of capacity, so near saturation/);
    expect(result.chosen!.capacities.front).toBeGreaterThanOrEqual(2);
    expect(placement.measured_on?.capacities).toEqual(result.chosen!.capacities);
    expect(placement.consistent).toBe(true);
  });

  it("a choice too near saturation to settle: its waits set aside, the loads stay after the current staffing's, not settled", async () => {
    // the same 97% desk, now staffed with 2 (48.5%, settled) and a target any staffing meets: the search starts at
    // the offered-load lower bound, 1 unit, and chooses it; its own waits (M/M/1 at 97%) would be the run length's
    const result = await sizedDesk97(2, 'resources.front.wait <= 1000');
    const placement = result.queue_placement!;
    expect(placement.measured_on?.capacities).toEqual(result.current.capacities);
    expect(placement.set_aside).toHaveLength(1);
    expect(placement.set_aside[0].capacities.front).toBe(1);
    expect(placement.set_aside[0].reason).toMatch(/'front' is offered 9\d(\.\d)?% of capacity, so near saturation/);
    expect(placement.consistent).toBe(false);
    expect(placement.searches).toBe(1);
  });
});

/**
 * 4 cases an hour from 08:00 to 10:00 at a front of 1 at 0.4 h a task (160% of it meanwhile): its queue carries the
 * back's load past 10:00, into the back's shift from 10:00, where the first search places it; a front wait of 0.1 h
 * takes the front to 3 or more, whose cases reach the back by 10:00, in its shift from 06:00, of which the placement
 * after that choice's own queues asks more. `searches`: the bound on the placement's searches (SizingOptions).
 */
function sizedBurst(searches?: number) {
  const s: Scenario = scenario({
    run: { horizon: 2000, warmup: 168, replications: 3, seed: 5 },
    resources: [team('front', 1, { costPerHour: 30 }), earlyLateNight],
    arrivals: [{ ...morningBurst('f', 0.25), profile: { days: [1, 1, 1, 1, 1, 1, 1], hours: HOURS_8_TO_10 } }],
    flows: [flow('f', [task('a', exp(0.4), 'front', 'b'), task('b', constant(0.5), 'back')])],
  });
  return sizeTeams(s, {
    targets: ['resources.front.wait <= 0.1', 'resources.back.wait <= 0.25'],
    resources: null,
    maxCapacity: null,
    replications: 3,
    seed: 5,
    workers: 1,
    perShift: true,
    ...(searches === undefined ? {} : { placementSearches: searches }),
  });
}

/**
 * A front desk offered 0.97 cases an hour of 1 h each (97% of one unit: validate's rule passes it, but M/M/1's
 * relaxation time passes a quarter of the 2,000 h window) with `units`, before a back team, sized per shift on
 * `frontTarget` and the back team's wait.
 */
function sizedDesk97(units: number, frontTarget: string) {
  const s = scenario({
    run: { horizon: 2200, warmup: 200, replications: 3, seed: 3 },
    resources: [team('front', units, { costPerHour: 30 }), back],
    arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(1 / 0.97), fromRate: true, profile: null, priority: 0 }],
    flows: [flow('f', [task('a', exp(1), 'front', 'b'), task('b', constant(0.25), 'back')])],
  });
  return sizeTeams(s, {
    targets: [frontTarget, 'resources.back.wait <= 0.5'],
    resources: null,
    maxCapacity: null,
    replications: 3,
    seed: 3,
    workers: 1,
    perShift: true,
  });
}
