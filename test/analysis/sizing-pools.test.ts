// Sizing teams that share a skill pool. A pool of teams serves a pooled task as one team of
// their summed capacity (test/sim/pools.test.ts: the same sample path), so the wait depends on
// the sum only and the cheapest staffing puts every unit the pool needs on the cheapest team.
import { describe, expect, it } from 'vitest';
import { sizeTeams, type SizingOptions } from '../../engine/analysis/sizing.js';
import type { NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { exp, flow, scenario, task, team } from '../support/build.js';
import { mmcWait } from '../support/queueing.js';

const options = { resources: null, maxCapacity: null, replications: 6, seed: 7, workers: 1 } satisfies Partial<SizingOptions>;

/** Calls at `lambda` an hour, an hour's work each, served by seniors (60 an hour) or juniors (30 an hour), seniors preferred. */
function pooledDesk(lambda: number, seniors: number, juniors: number): Scenario {
  return scenario({
    run: { horizon: 2000, warmup: 100, replications: 6, seed: 7 },
    resources: [team('seniors', seniors, { costPerHour: 60 }), team('juniors', juniors, { costPerHour: 30 })],
    arrivals: [{ flow: 'calls', ordinal: 0, interarrival: exp(1 / lambda), fromRate: true, profile: null, priority: 0 }],
    flows: [flow('calls', [{ ...task('serve', exp(1), 'seniors'), pool: ['seniors', 'juniors'] } as NodeSpec])],
  });
}

describe('sizing a skill pool', () => {
  it('puts the pooled work on the cheaper team, whatever the current split: Erlang C units in all', async () => {
    const lambda = 4;
    const target = 0.08;
    let erlang = Math.floor(lambda) + 1;
    while (mmcWait(lambda, 1, erlang) > target) erlang++;
    // the answer is clear of the target on both sides, so the simulation's noise cannot move it
    expect(mmcWait(lambda, 1, erlang)).toBeLessThan(target / 1.5);
    expect(mmcWait(lambda, 1, erlang - 1)).toBeGreaterThan(target * 1.5);

    // today the expensive seniors carry the pool: the weekly allocation gives them all its work
    const result = await sizeTeams(pooledDesk(lambda, 8, 1), { ...options, targets: [`flows.calls.nodes.serve.wait <= ${target}`] });
    expect(result.chosen?.capacities).toEqual({ seniors: 0, juniors: erlang });
    // neither team has work of its own: the search may take either to 0, starting where the allocation put the work
    expect(result.min_capacity).toEqual({ seniors: 0, juniors: 0 });
    // the search starts the pool's teams on their shares of its work in the most even split (4 erlangs over 8 and
    // 1 units: 3.56 and 0.44), 5 units in all, the pool's own need as one team of their summed units; the
    // preference order gave the seniors all of it, and started them at 5 and the juniors at 1: 6 units for 4 erlangs
    expect(result.lower_bounds).toEqual({ seniors: 4, juniors: 1 });
    expect(result.lower_bounds.seniors + result.lower_bounds.juniors).toBe(Math.floor(lambda) + 1);
    expect(result.verification?.meets).toBe(true);
  });
});

describe('sizing a skill pool shift by shift', () => {
  const everyDay = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
  /** The desk above with the seniors on a day shift (07:00-19:00) and a night shift (19:00-07:00). */
  function rostered(lambda: number, day: number, night: number): Scenario {
    const base = pooledDesk(lambda, Math.max(day, night), 1);
    const shifts = [
      { periods: everyDay.map((d) => ({ start: d + 7, end: d + 19 })), capacity: day },
      { periods: everyDay.map((d) => ({ start: d + 19, end: d + 31 })), capacity: night },
    ];
    return { ...base, resources: [{ ...base.resources[0], shifts }, base.resources[1]] };
  }

  it('the Erlang C floor of a pool member counts only the work no other team can take', async () => {
    const lambda = 4;
    const target = 0.08;
    let erlang = Math.floor(lambda) + 1;
    while (mmcWait(lambda, 1, erlang) > target) erlang++;
    const result = await sizeTeams(rostered(lambda, 8, 8), {
      ...options,
      perShift: true,
      targets: [`flows.calls.nodes.serve.wait <= ${target}`],
    });
    // Today the seniors carry the pool, and Erlang C on the work the allocation gives them asks 7
    // a shift. But the juniors, on around the clock at half the seniors' cost, replace one senior
    // on each shift for half the price: the pool is cheapest all juniors. (A senior shift-unit,
    // 84 h at 60, costs what a junior's 168 h at 30 does: no single swap is cheaper, one rota is.)
    expect(result.chosen?.shift_capacities).toEqual({ seniors: [0, 0] });
    expect(result.chosen?.capacities).toEqual({ seniors: 0, juniors: erlang });
    expect(result.shifts.map((s) => s.lower_bound)).toEqual([0, 0]);
  });
});

describe('a target on every team reaches no team the staffing empties', () => {
  it('`resources.*.utilization` holds no team of a pool at a unit it does not need (s36f)', async () => {
    // the first case above with a utilisation cap on every team: the seniors at 0 units have no
    // utilisation, which read as a missed target and kept one senior (60 an hour) for nobody's work
    const lambda = 4;
    const target = 0.08;
    let erlang = Math.floor(lambda) + 1;
    while (mmcWait(lambda, 1, erlang) > target) erlang++;
    // the juniors' utilisation at that staffing, lambda / erlang, is clear of the cap
    expect(lambda / erlang).toBeLessThan(0.95 - 0.1);
    const result = await sizeTeams(pooledDesk(lambda, 8, 1), {
      ...options,
      targets: [`flows.calls.nodes.serve.wait <= ${target}`, 'resources.*.utilization <= 0.95'],
    });
    expect(result.chosen?.capacities).toEqual({ seniors: 0, juniors: erlang });
    expect(result.verification?.meets).toBe(true);
    // a team named in a target keeps it: at 0 units it has no utilisation to meet it with
    const named = await sizeTeams(pooledDesk(lambda, 8, 1), {
      ...options,
      targets: [`flows.calls.nodes.serve.wait <= ${target}`, 'resources.seniors.utilization <= 0.95'],
    });
    expect(named.chosen?.capacities.seniors).toBeGreaterThan(0);
  });
});
