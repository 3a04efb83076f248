// What size says when it cannot search: a maximum below what the offered load alone needs (only the
// scenario's own staffing runs), and a target no staffing meets, refused before anything runs.
import { describe, expect, it } from 'vitest';
import { sizeTeams, SizingError, type SizingOptions } from '../../engine/analysis/sizing.js';
import { closingAdvice } from '../../bin/commands/size.js';
import { constant, decision, every, exp, flow, mmc, task, team } from '../support/build.js';
import type { Scenario } from '../../engine/scenario/types.js';

const base = { resources: null, maxCapacity: null, replications: 4, seed: 3, workers: 1 } satisfies Partial<SizingOptions>;
const run = { horizon: 1000, warmup: 50, replications: 4, seed: 3 };

/**
 * What size says of one target where the offered load alone needs `needs` agents above the maximum `most`: that line
 * alone limits it (not also a team "at" the maximum: the staffing that ran is the scenario's own), and the closing
 * advice is only to raise the maximum (no team to add with --resources, no calendar to lengthen).
 */
function expectTheLoadAlone(result: Awaited<ReturnType<typeof sizeTeams>>, needs: number, most: number): void {
  expect(result.chosen).toBeNull();
  expect(result.diagnosis.map((d) => [d.causes, d.limits])).toEqual([
    [
      ['maximum'],
      [
        `the offered load alone needs ${needs} units of 'agents' (its lower bound), above its maximum of ${most}: raise --max-capacity or the team's max_capacity`,
      ],
    ],
  ]);
  expect(closingAdvice(result)).toBe('Raise --max-capacity or max_capacity, or relax the targets.');
}

describe('a maximum below the lower bound', () => {
  it('is named as what limits every target, and the advice is only to raise it (before: no limit, and every remedy)', async () => {
    // 4 erlangs need 5 agents to keep up; at most 3: nothing but the scenario's 1 agent runs
    const result = await sizeTeams(mmc(4, 1, 1, run), { ...base, maxCapacity: 3, targets: ['resources.agents.wait <= 1m'] });
    expect(result.candidates.map((c) => c.capacities)).toEqual([{ agents: 1 }]);
    expectTheLoadAlone(result, 5, 3);
  });

  it("where the scenario's own staffing, above the maximum, meets the target, its interval's width is not blamed", async () => {
    // 2 erlangs on 6 agents: 33% busy, well within 60% on every replication; at most 2 agents, below the 3 that keep up
    const result = await sizeTeams(mmc(2, 1, 6, run), { ...base, maxCapacity: 2, targets: ['resources.agents.utilization <= 60%'] });
    expect(result.current.ineligible).toBe("'agents' has 6, above its maximum of 2");
    expect(result.current.targets[0].met).toBe(true);
    expectTheLoadAlone(result, 3, 2); // no `interval` cause; nor "at the maximum capacity (agents at 2)" of a staffing of 6
  });

  it('whose own staffing lies between the maximum and the lower bound names the load alone, not a team "at" the maximum', async () => {
    // 4 erlangs need 5 agents; the scenario's 4 are above the maximum of 3, so they alone run
    const result = await sizeTeams(mmc(4, 1, 4, run), { ...base, maxCapacity: 3, targets: ['resources.agents.wait <= 1m'] });
    expect(result.candidates.map((c) => c.capacities)).toEqual([{ agents: 4 }]);
    expectTheLoadAlone(result, 5, 3);
  });
});

describe('a utilisation of 0', () => {
  it('is refused before anything runs for a team with work only it can do, named or reached by a *', async () => {
    const scenario = mmc(4, 1, 1, run);
    for (const target of ['resources.agents.utilization <= 0', 'resources.*.utilization <= 0%']) {
      // a maximum, so that the search ends should the refusal fail: before, it climbed to any maximum given
      const sized = sizeTeams(scenario, { ...base, maxCapacity: 8, targets: [target] });
      await expect(sized).rejects.toThrow(SizingError);
      await expect(sized).rejects.toThrow(
        `target '${target}': 'agents' has work only it can do, which keeps it busy some of the time with any number of units, so a utilisation of 0 is met by no staffing; give a positive share, e.g. <= 85%`,
      );
    }
  });
});

describe('a mean wait of 0', () => {
  const refusal = (target: string, where: string, why: string) =>
    `target '${target}': a mean wait of 0 asks that no task ever waits ${where}, and ${why}: every staffing leaves some wait (Erlang C's chance of waiting is above 0 with any number of agents), and the replications would meet it only where their busiest moment fit the units, which fresh ones exceed; give a positive wait, e.g. <= 5m`;

  it('is refused before anything runs where Poisson arrivals or an unbounded duration make some wait certain', async () => {
    // before: M/M/c at 4 erlangs climbed to the first staffing with no wait on its replications, then fresh ones refuted it
    for (const target of ['resources.agents.wait <= 0', 'resources.*.wait <= 0h']) {
      const sized = sizeTeams(mmc(4, 1, 1, run), { ...base, maxCapacity: 30, targets: [target] });
      await expect(sized).rejects.toThrow(SizingError);
      await expect(sized).rejects.toThrow(
        refusal(
          target,
          "at 'agents'",
          "flow 'calls' brings its cases at intervals with no least above 0 (exponential), so any number may come within any time",
        ),
      );
    }
    // a case every hour, but an exponential hour's work: tasks pile up however rarely
    const steady = { ...mmc(4, 1, 1, run), arrivals: [every('calls', 1)] };
    const target = 'flows.calls.nodes.serve.wait <= 0';
    await expect(sizeTeams(steady, { ...base, maxCapacity: 30, targets: [target] })).rejects.toThrow(
      refusal(
        target,
        "at step 'serve' of 'calls'",
        "step 'serve' of 'calls' takes a duration with no most (exponential), so any number of tasks may be in hand at once",
      ),
    );
  });

  it('with arrivals and durations bounded, means no task ever waits, and is sized', async () => {
    // a case every hour taking 2.5 h: three at once at most, so 3 agents and no wait
    const bounded = { ...mmc(1, 1, 1, run), arrivals: [every('calls', 1)] };
    bounded.flows = [flow('calls', [task('serve', constant(2.5), 'agents')])];
    const result = await sizeTeams(bounded, { ...base, targets: ['resources.agents.wait <= 0'] });
    expect(result.chosen?.capacities).toEqual({ agents: 3 });
    expect(result.verification?.outcome).toBe('confirmed');
  });

  it("is not refused for Poisson arrivals another team's queue spaces out before the team's step; still refused where only automated steps come between", async () => {
    // a one-person intake of a constant half hour lets a case through every half hour at most, and the agents' step
    // takes 0.4 h: one agent, and no case ever waits for it (before: refused on the Poisson stream's account)
    const spaced = { ...mmc(1, 1, 1, run), resources: [team('agents', 1), team('intake', 1)] };
    spaced.flows = [flow('calls', [task('intake', constant(0.5), 'intake', 'serve'), task('serve', constant(0.4), 'agents')])];
    const result = await sizeTeams(spaced, { ...base, resources: ['agents'], targets: ['resources.agents.wait <= 0'] });
    expect(result.chosen?.capacities).toEqual({ agents: 1 });
    expect(result.verification?.outcome).toBe('confirmed');
    // an automated triage of any length keeps the stream's bunching: refused as the stream's
    const bunched = { ...mmc(1, 1, 1, run) };
    bunched.flows = [flow('calls', [task('triage', exp(0.2), null, 'serve'), task('serve', constant(0.4), 'agents')])];
    await expect(sizeTeams(bunched, { ...base, targets: ['resources.agents.wait <= 0'] })).rejects.toThrow(
      refusal(
        'resources.agents.wait <= 0',
        "at 'agents'",
        "flow 'calls' brings its cases at intervals with no least above 0 (exponential), so any number may come within any time",
      ),
    );
  });

  it("is refused where a step before the team's lets any number through at once: another team's with no least and no most, an automated one with no most", async () => {
    // before session 63 a team's step before the agents' ended the walk: none of these was refused, and the search
    // climbed to the first staffing with no wait on its replications (M/M/c's departures are Poisson: Burke)
    const refusedFor = async (s: ReturnType<typeof mmc>, why: string) =>
      expect(sizeTeams(s, { ...base, resources: ['agents'], targets: ['resources.agents.wait <= 0'] })).rejects.toThrow(
        refusal('resources.agents.wait <= 0', "at 'agents'", why),
      );
    const withIntake = (arrivals: ReturnType<typeof every>[], intake: ReturnType<typeof exp>, between: ReturnType<typeof exp> | null) => {
      const s = { ...mmc(1, 1, 1, run), resources: [team('agents', 1), team('intake', 2)] };
      if (arrivals.length > 0) s.arrivals = arrivals;
      s.flows = [
        flow('calls', [
          task('intake', intake, 'intake', between === null ? 'serve' : 'route'),
          ...(between === null ? [] : [task('route', between, null, 'serve')]),
          task('serve', constant(0.4), 'agents'),
        ]),
      ];
      return s;
    };
    // Poisson arrivals through an exponential intake: still Poisson, named as the stream's
    await refusedFor(
      withIntake([], exp(0.2), null),
      "flow 'calls' brings its cases at intervals with no least above 0 (exponential), so any number may come within any time",
    );
    // a case an hour, but an exponential intake: its backlog goes on at once
    await refusedFor(
      withIntake([every('calls', 1)], exp(0.2), null),
      "step 'intake' of 'calls', before the team's, takes a duration with no least above 0 and no most (exponential), so its queue may hold any number of cases and let them all on within any time",
    );
    // a constant intake spaces the cases, an exponential automated step after it bunches them again
    await refusedFor(
      withIntake([every('calls', 1)], constant(0.5), exp(1)),
      "automated step 'route' of 'calls', before the team's, takes a duration with no most (exponential), so any number of cases may leave it within any time",
    );
  });

  it("names the team's own step with no most as such, also where a rework loop brings its cases back to it", async () => {
    // a case an hour, an exponential 0.4 h's work, a fifth of the cases served again: the walk passed the agents' own
    // step, took its end as a bunching step "before the team's" and came back to it (session 63's review)
    const loop = { ...mmc(1, 1, 1, run), arrivals: [every('calls', 1)] };
    loop.flows = [
      flow('calls', [
        task('serve', exp(0.4), 'agents', 'check'),
        decision('check', [
          { to: 'serve', p: 0.2 },
          { to: 'done', p: 0.8 },
        ]),
        task('done', constant(0), null),
      ]),
    ];
    await expect(sizeTeams(loop, { ...base, targets: ['resources.agents.wait <= 0'] })).rejects.toThrow(
      refusal(
        'resources.agents.wait <= 0',
        "at 'agents'",
        "step 'serve' of 'calls' takes a duration with no most (exponential), so any number of tasks may be in hand at once",
      ),
    );
  });

  it("is not refused for another team's unbounded step after the team's", async () => {
    // the agents' constant 2.5 h, then the researchers' exponential hour: no agent's task waits with 3 agents
    const bounded = { ...mmc(1, 1, 1, run), arrivals: [every('calls', 1)] };
    bounded.resources = [...bounded.resources, team('researchers', 10)];
    bounded.flows = [flow('calls', [task('serve', constant(2.5), 'agents', 'research'), task('research', exp(1), 'researchers')])];
    const result = await sizeTeams(bounded, { ...base, resources: ['agents'], targets: ['resources.agents.wait <= 0'] });
    expect(result.chosen?.capacities).toEqual({ agents: 3 });
    expect(result.verification?.outcome).toBe('confirmed');
  });
});

describe('a mean wait of 0 at a team keeping a calendar', () => {
  // the agents work weekdays 08:00-18:00; a case every hour, or every 0.5-1.5 h, each 0.4 h of work
  const office = { name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) };
  const atOffice = (arrival: Scenario['arrivals'][number]): Scenario => {
    const s = { ...mmc(1, 1, 1, run), arrivals: [arrival], calendars: [office] };
    s.resources = [team('agents', 1, { calendar: 'office' })];
    s.flows = [flow('calls', [task('serve', constant(0.4), 'agents')])];
    return s;
  };
  const refused = (s: Scenario, closed: string) =>
    expect(sizeTeams(s, { ...base, maxCapacity: 4, targets: ['resources.agents.wait <= 0'] })).rejects.toThrow(
      `target 'resources.agents.wait <= 0': a mean wait of 0 asks that no task ever waits at 'agents', and 'agents' keeps calendar 'office', and flow 'calls' brings cases to its step 'serve' ${closed}: such a task waits for the opening whatever the team's size, so no staffing meets it; give a positive wait, e.g. <= 5m, or bring the cases in its open hours only`,
    );

  it('is refused where the cases come while it is closed (before: the search climbed to its maximum, none met)', async () => {
    // the warm-up's 50 h count Tuesday's 18:00 case the first: Monday night's waits end at 08:00, hour 32
    await refused(atOffice(every('calls', 1)), 'while it is closed (a case every 1.00 h, one at tue 18:00 (hour 42 of the run))');
    await refused(
      atOffice({ ...every('calls', 1), interarrival: { kind: 'uniform', min: 0.5, max: 1.5 } }),
      'at any hour (gaps of uniform), so also while it is closed (as at mon 04:00)',
    );
  });

  it("is refused for a constant stream on the team's own calendar, whose gap ends as it closes; sized for gaps of some spread", async () => {
    // the engine brings a gap that ends at a period's end at that instant (calendar.ts' END_SNAP), when the team is
    // closed: the tenth case of a day at 18:00 waits for the next day's opening
    await refused(
      atOffice({ ...every('calls', 1), calendar: 'office' }),
      "while it is closed (a case every 1.00 h of calendar 'office', one at tue 18:00 (hour 42 of the run), its gaps elapsing in those hours too: one that ends as they close brings its case then)",
    );
    // gaps of 0.5-1.5 open hours end at a closing with chance 0, and the 0.4 h tasks elapse in the same hours: one
    // agent never keeps a case waiting
    const spread = atOffice({ ...every('calls', 1), interarrival: { kind: 'uniform', min: 0.5, max: 1.5 }, calendar: 'office' });
    const result = await sizeTeams(spread, { ...base, maxCapacity: 4, targets: ['resources.agents.wait <= 0'] });
    expect(result.chosen?.capacities).toEqual({ agents: 1 });
    expect(result.verification?.outcome).toBe('confirmed');
  });
});
