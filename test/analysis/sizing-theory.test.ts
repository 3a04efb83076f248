// What `size` recommends for one M/M/c team, held to Erlang C's exact fewest agents for each kind of
// target a user sizes on: an SLA share (P(cycle time <= t)), a p90 cycle time and the share started
// within a wait target (P(wait <= t)), at several loads, each target placed between the closed form's
// values at c - 1 and c with a margin the replications resolve; and a target met exactly at the
// boundary c, which noise lets the search take, where the verification says `not_confirmed`.
import { describe, expect, it } from 'vitest';
import { sizeTeams, type SizingOptions } from '../../engine/analysis/sizing.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { mmc } from '../support/build.js';
import { mmcSojournSurvival, mmcWait, mmcWaitWithin, quantileOf } from '../support/queueing.js';

const base = { resources: null, maxCapacity: null, replications: 10, seed: 11, workers: 1 } satisfies Partial<SizingOptions>;
const run = { horizon: 3000, warmup: 100, replications: 10, seed: 11 };

/** M/M/c at `lambda` and `mu` with an SLA of `sla` hours on its one flow, 10 a unit-hour. */
function desk(lambda: number, mu: number, sla: number | null = null): Scenario {
  const s = mmc(lambda, mu, 1, run);
  return { ...s, resources: [{ ...s.resources[0], costPerHour: 10 }], flows: [{ ...s.flows[0], sla }] };
}

/** The same desk as a roster of one shift round the clock: its tasks' share started within the wait target is that shift's. */
function rosteredDesk(lambda: number, mu: number): Scenario {
  const s = desk(lambda, mu);
  return { ...s, resources: [{ ...s.resources[0], shifts: [{ periods: [{ start: 0, end: 168 }], capacity: 1 }] }] };
}

/** The fewest agents (above the load) whose closed-form value meets `meets`. */
function fewest(lambda: number, mu: number, meets: (c: number) => boolean): number {
  let c = Math.floor(lambda / mu) + 1;
  while (!meets(c)) c++;
  return c;
}

describe('size against Erlang C on M/M/c, by the kind of target', () => {
  const slaShare = (lambda: number, mu: number, c: number, t: number) => 1 - mmcSojournSurvival(lambda, mu, c, t);
  const p90 = (lambda: number, mu: number, c: number) => quantileOf((t) => mmcSojournSurvival(lambda, mu, c, t), 0.9);

  // P(T <= 1/mu) >= share: at 4 erlangs c = 6 gives 0.566, 7 gives 0.611; at 8 erlangs 10 gives 0.537, 11 gives 0.593
  for (const { lambda, mu, share } of [
    { lambda: 4, mu: 1, share: 0.59 },
    { lambda: 16, mu: 2, share: 0.57 },
  ]) {
    it(`an SLA share of ${share} within 1/mu at ${lambda / mu} erlangs: the fewest agents whose P(cycle time <= t) meets it`, async () => {
      const sla = 1 / mu;
      const c = fewest(lambda, mu, (k) => slaShare(lambda, mu, k, sla) >= share);
      expect(slaShare(lambda, mu, c, sla) - share).toBeGreaterThan(0.015); // margins the 10 replications resolve
      expect(share - slaShare(lambda, mu, c - 1, sla)).toBeGreaterThan(0.015);
      const result = await sizeTeams(desk(lambda, mu, sla), { ...base, targets: [`flows.calls.sla_attainment >= ${share * 100}%`] });
      expect(result.chosen?.capacities).toEqual({ agents: c });
      expect(result.verification?.outcome).toBe('confirmed');
      expect(result.candidates.find((x) => x.capacities.agents === c - 1)?.meets).toBe(false);
    });
  }

  // p90 of the time in system: at 6 erlangs c = 8 gives 1.725 h, 9 gives 1.597 h; at 4 erlangs 6 gives 2.535 h, 7 gives 2.367 h
  for (const { lambda, mu, bound } of [
    { lambda: 9, mu: 1.5, bound: 1.66 },
    { lambda: 4, mu: 1, bound: 2.45 },
  ]) {
    it(`a p90 cycle time of at most ${bound} h at ${lambda / mu} erlangs: the fewest agents whose sojourn quantile meets it`, async () => {
      const c = fewest(lambda, mu, (k) => p90(lambda, mu, k) <= bound);
      expect(p90(lambda, mu, c)).toBeLessThan(bound * 0.97);
      expect(p90(lambda, mu, c - 1)).toBeGreaterThan(bound * 1.03);
      const result = await sizeTeams(desk(lambda, mu), { ...base, targets: [`flows.calls.cycle_time.p90 <= ${bound}h`] });
      expect(result.chosen?.capacities).toEqual({ agents: c });
      expect(result.verification?.outcome).toBe('confirmed');
      expect(result.candidates.find((x) => x.capacities.agents === c - 1)?.meets).toBe(false);
    });
  }

  // P(W <= t) >= share with the wait target t: at 4 erlangs and t = 0.1 h, c = 7 starts 0.900 within it, 8 0.960
  // (the mean wait's own target, 0.1 h, asks only 7: 0.045 h); at 6 erlangs and t = 0.05 h, 9 gives 0.844, 10 0.925
  // (the mean wait asks 9: 0.044 h)
  for (const { lambda, mu, within, share } of [
    { lambda: 4, mu: 1, within: 0.1, share: 0.93 },
    { lambda: 9, mu: 1.5, within: 0.05, share: 0.88 },
  ]) {
    it(`${share * 100}% of tasks started within ${within} h at ${lambda / mu} erlangs: Erlang C's service level`, async () => {
      const c = fewest(lambda, mu, (k) => mmcWaitWithin(lambda, mu, k, within) >= share && mmcWait(lambda, mu, k) <= within);
      expect(mmcWaitWithin(lambda, mu, c, within) - share).toBeGreaterThan(0.025);
      expect(share - mmcWaitWithin(lambda, mu, c - 1, within)).toBeGreaterThan(0.025);
      expect(mmcWait(lambda, mu, c - 1)).toBeLessThan(within); // the service level, not the mean wait, decides
      const result = await sizeTeams(rosteredDesk(lambda, mu), {
        ...base,
        targets: [`resources.agents.wait <= ${within}h`, `resources.agents.shifts.0.within_target >= ${share * 100}%`],
      });
      expect(result.chosen?.capacities).toEqual({ agents: c });
      expect(result.verification?.outcome).toBe('confirmed');
      const short = result.candidates.find((x) => x.capacities.agents === c - 1);
      expect(short?.targets.map((t) => [t.path, t.met])).toEqual([
        ['resources.agents.wait', true],
        ['resources.agents.shifts.0.within_target', false],
      ]);
    });
  }
});

describe('a target met exactly at the boundary c', () => {
  // 4 erlangs, SLA 1 h: six agents start exactly this share within it in steady state (0.5659...), five none in
  // steady state, seven 0.611. The boundary staffing meets the target, but no finite sample can tell it does.
  const exact = 1 - mmcSojournSurvival(4, 1, 6, 1);
  const target = `flows.calls.sla_attainment >= ${exact}`;

  it('on enough replications the search passes over it and recommends the next staffing, confirmed', async () => {
    const result = await sizeTeams(desk(4, 1, 1), { ...base, targets: [target] });
    expect(result.candidates.find((c) => c.capacities.agents === 6)?.meets).toBe(false);
    expect(result.chosen?.capacities).toEqual({ agents: 7 });
    expect(result.verification?.outcome).toBe('confirmed');
  });

  it('where noise lets the search take it, the fresh replications say not_confirmed: nothing recommended, no wrong answer', async () => {
    // seed 8 on 3 replications: the search's interval at 6 agents lies above the truth (a 1-in-40 draw, found by trying
    // seeds 1 to 40); its fresh mean meets the target, as the truth does, but its interval's end misses it
    const result = await sizeTeams(desk(4, 1, 1), { ...base, replications: 3, seed: 8, targets: [target] });
    const searched = result.candidates.find((c) => c.capacities.agents === 6)!;
    expect(searched.meets).toBe(true);
    expect(result.verification?.outcome).toBe('not_confirmed');
    expect(result.verification?.meets).toBe(false);
    const [check] = result.verification!.targets;
    expect(check.met).toBe(false);
    expect(check.bound!).toBeLessThan(exact);
    expect(result.verification!.metrics!['flows.calls.sla_attainment'].mean).toBeGreaterThanOrEqual(exact);
    // neither the boundary staffing called verified nor a unit more tried as if it had been refuted
    expect(result.refuted?.map((r) => [r.capacities, r.verification.outcome])).toEqual([[{ agents: 6 }, 'not_confirmed']]);
    expect(result.candidates.some((c) => c.capacities.agents === 7)).toBe(false);
  });
});

describe('size --per-shift on office-hours shifts that overlap', () => {
  // Monday to Friday, an early shift 08:00-14:00 (6 h) and a late one 12:00-17:00 (5 h); calls at 6 an hour until
  // noon, 16 from noon to 14:00, 4 until 17:00, none otherwise, a quarter of an hour each. Each hour is its own
  // M/M/c in steady state (the stationary independent period approximation): a mean wait of at most 0.1 h asks 3
  // agents for 1.5 erlangs, 6 for 4 and 2 for 1. The early shift alone needs 3, the late alone 2, together 6:
  // (3, 3) costs 33 shift-hours a day, (4, 2) 34, so the late shift, the shorter, takes the third unit.
  const hours = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 12 ? 6 : h >= 12 && h < 14 ? 16 : h >= 14 && h < 17 ? 4 : 0));
  const weekdays = (from: number, to: number) => [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + from, end: d * 24 + to }));
  const office: Scenario = {
    ...desk(1, 4),
    run: { horizon: 168 * 11, warmup: 168, replications: 10, seed: 4 },
  };
  office.resources = [
    {
      ...office.resources[0],
      capacity: 1,
      shifts: [
        { periods: weekdays(8, 14), capacity: 1 },
        { periods: weekdays(12, 17), capacity: 1 },
      ],
    },
  ];
  office.arrivals = [{ ...office.arrivals[0], profile: { days: [1, 1, 1, 1, 1, 0, 0], hours } }];
  const required = (lambda: number) => fewest(lambda, 4, (c) => mmcWait(lambda, 4, c) <= 0.1);

  it('starts from the cheapest pattern covering each hour’s Erlang C staffing, and the simulation confirms it', async () => {
    expect([required(6), required(16), required(4)]).toEqual([3, 6, 2]); // the premise, from the closed form
    const result = await sizeTeams(office, { ...base, seed: 4, perShift: true, targets: ['resources.agents.wait <= 0.1h'] });
    const asked = (from: number) => result.erlang_c_intervals.agents.find((iv) => iv.start === from)?.required;
    expect([asked(8), asked(12), asked(13), asked(15)]).toEqual([3, 6, 6, 2]);
    expect(result.shifts.map((s) => s.erlang_c)).toEqual([3, 3]);
    expect(result.chosen?.shift_capacities).toEqual({ agents: [3, 3] });
    expect(result.chosen?.cost_per_week).toBeCloseTo(10 * 5 * (3 * 6 + 3 * 5), 9); // 10 a unit-hour, 5 days
    expect(result.chosen?.cost_per_hour).toBeCloseTo((10 * 5 * 33) / 168, 9); // the week's average hour
    expect(result.current.cost_per_week).toBeCloseTo(10 * 5 * (6 + 5), 9);
    expect(result.verification?.outcome).toBe('confirmed');
  });
});
