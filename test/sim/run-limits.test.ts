// The limits that stop a replication which cannot end well: work in progress past its cap,
// work in progress that fills the heap, and a clock that stands still. Exact, deterministic cases: when each stops, and what the
// message says, against the offered load worked by hand.
import v8 from 'node:v8';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { MEMORY_LOOK_FROM, OutOfMemory, ReplicationStopped, STANDSTILL_STEPS } from '../../engine/sim/run-limits.js';
import { replicationStopped } from '../../engine/failure.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, scenario, task, team } from '../support/build.js';

function stoppedBy(run: () => unknown): ReplicationStopped {
  try {
    run();
  } catch (err) {
    if (err instanceof ReplicationStopped) return err;
    throw err;
  }
  throw new Error('the replication was not stopped');
}

describe('work in progress', () => {
  // 10 cases an hour, one agent at 28 min a task: capacity 60/28 = 2.142857 an hour, load 466.7%
  const flood = scenario({
    run: { horizon: 2000 * 24, warmup: 0, replications: 1, seed: 1 },
    resources: [team('order_desk', 1), team('idle', 3)],
    arrivals: [every('orders', 0.1)],
    flows: [flow('orders', [task('take', constant(28 / 60), 'order_desk')])],
  });

  test('one case past the cap stops the run: when, how many wait, and the team offered 10 tasks/h against 2.1/h (467%)', () => {
    const err = stoppedBy(() => runReplication(compileModel(flood), 0, 1, 1000));
    expect(replicationStopped(err)).toBe(true);
    // arrival k at 0.1 k h; by then floor((0.1 k - 0.1) / (28/60)) + 1 tasks have started: the 1,001st case open at
    // once is arrival 1,274 at 127.4 h (day 5.3), with 273 served, one in service and 999 waiting
    expect(err.message).toBe(
      "more than 1,000 cases in progress at once at day 5.3 (the cap; --max-wip changes it): 999 of them wait for team 'order_desk'. " +
        "'order_desk' is offered 10 tasks/h against a capacity of 2.1/h (467%), so its queue grows without end; give it more capacity or less work",
    );
  });

  test('the counts agree with their nouns: "more than 1 case" at a cap of 1, "1 of them waits" at 2', () => {
    // arrivals at 0.1, 0.2, 0.3 h, each 28 min of work: the second opens a case past a cap of 1 before it joins the
    // queue; the third one past a cap of 2, the second waiting
    const model = compileModel(flood);
    expect(stoppedBy(() => runReplication(model, 0, 1, 1)).message).toMatch(
      /^more than 1 case in progress at once at hour 0\.2 \(the cap; --max-wip changes it\): no team has cases waiting/,
    );
    expect(stoppedBy(() => runReplication(model, 0, 1, 2)).message).toMatch(
      /^more than 2 cases in progress at once at hour 0\.3 \(the cap; --max-wip changes it\): 1 of them waits for team 'order_desk'\. /,
    );
  });

  test('a cap the run stays under changes no number', () => {
    const calm = { ...flood, run: { ...flood.run, horizon: 200 }, arrivals: [every('orders', 0.5)] };
    const model = compileModel(calm);
    const capped = runReplication(model, 0, 1, 2); // at most 2 cases at once: one in service, one arriving
    expect(Array.from(capped.metrics)).toEqual(Array.from(runReplication(model, 0, 1).metrics));
  });

  test('cases held in automated steps, not queues: said so, with the advice to raise the cap if that is expected', () => {
    const held = scenario({
      run: { horizon: 1000, warmup: 0, replications: 1, seed: 1 },
      resources: [],
      arrivals: [every('f', 1)],
      flows: [flow('f', [task('wait', constant(500), null)])],
    });
    expect(stoppedBy(() => runReplication(compileModel(held), 0, 1, 100)).message).toMatch(
      /^more than 100 cases in progress at once at day 4\.2 .*: no team has cases waiting, .*raise --max-wip$/,
    );
  });
});

describe('a clock that stands still', () => {
  test('decisions that send a case round and round at one instant: stopped, naming exactly the loop nodes', () => {
    const loop = scenario({
      run: { horizon: 100, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('f', 10)],
      flows: [
        flow('f', [
          task('first', exp(0.1), 'desk', 'ask'),
          { kind: 'decision', name: 'ask', etom: null, branch: [{ to: 'again', p: 1 }] },
          {
            kind: 'decision',
            name: 'again',
            etom: null,
            branch: [
              { to: 'ask', p: 1 - 1e-12 },
              { to: 'done', p: 1e-12 },
            ],
          },
          task('done', exp(0.1), 'desk'),
        ] as NodeSpec[]),
      ],
    });
    const err = stoppedBy(() => runReplication(compileModel(loop), 0, 1));
    expect(err.message).toMatch(
      new RegExp(
        `^the clock stood still at hour \\d+\\.\\d for more than ${STANDSTILL_STEPS.toLocaleString('en-US')} steps: ` +
          "cases go round nodes 'ask', 'again' of flow 'f' without time passing",
      ),
    );
  });

  test('a batch of more than a million cases at one instant, each done at once by a team, is no standstill: an arrival is no step of a loop', () => {
    // Every case arrives and ends at hour 10 (a batch: interarrival 0 with `cases`), through a team's task of no
    // time that is its flow's first and last: no routing step between, so nothing to take for a loop. Counting each
    // arrival as a step (as arrive did before session 52) stopped this run, "cases go round nodes 'take'".
    const n = STANDSTILL_STEPS + 200_000; // past the check that finds the clock unmoved and the 100,000 steps it then traces
    const batch = scenario({
      run: { horizon: 20, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [{ ...every('f', 0), interarrival: constant(0), after: 10, cases: n }],
      flows: [flow('f', [task('take', constant(0), 'desk')])],
    });
    // two events a case, its arrival and its task's end
    expect(runReplication(compileModel(batch), 0, 1).events).toBe(2 * n);
  });

  test('many steps that are not a loop are no standstill: 1,204,000 steps through 300 decisions a case, an hour apart', () => {
    // 301 steps at one instant, more than the first check's 256: the checks after the first
    // must come a million steps apart, or this case would be taken for a loop
    const names = Array.from({ length: 300 }, (_, i) => `d${i}`);
    const chain = names.map((name, i) => ({ kind: 'decision', name, etom: null, branch: [{ to: names[i + 1] ?? 'done', p: 1 }] }));
    const long = scenario({
      run: { horizon: 4_000, warmup: 0, replications: 1, seed: 1 },
      resources: [],
      arrivals: [every('f', 1)],
      flows: [flow('f', [...chain, task('done', constant(0.5), null)] as NodeSpec[])],
    });
    // arrivals at 1, 2, ..., 4,000 h, each done half an hour later but the last: 301 steps a case, 1,204,000 in all
    expect(runReplication(compileModel(long), 0, 1).events).toBe(2 * 4_000 - 1);
  });
});

describe('the look at the heap', () => {
  // Cases in progress at once are a flood's, not a bug's: the look stops a replication only from
  // MEMORY_LOOK_FROM cases at once on, while its first look (at the EARLY_LOOKS-th new id, for V8's
  // sake) must not, whatever the heap says. The heap is made to say "full" through the statistics
  // heapFull reads (node:v8, the module process.getBuiltinModule returns): no seam in the engine.
  afterEach(() => vi.restoreAllMocks());
  /** Every look from now on finds the old generation at the heap's limit; the looks are counted. */
  const heapSaysFull = () => {
    const limit = v8.getHeapStatistics().heap_size_limit;
    return vi
      .spyOn(v8, 'getHeapSpaceStatistics')
      .mockImplementation(() => [
        { space_name: 'old_space', space_size: limit, space_used_size: limit, space_available_size: 0, physical_space_size: limit },
      ]);
  };
  // arrivals every `gap` hours, each case held `hold` hours in an automated step: hold / gap cases in progress at once
  const held = (gap: number, hold: number, horizon: number) =>
    compileModel(
      scenario({
        run: { horizon, warmup: 0, replications: 1, seed: 1 },
        resources: [],
        arrivals: [every('f', gap)],
        flows: [flow('f', [task('wait', constant(hold), null)])],
      }),
    );

  test('below MEMORY_LOOK_FROM cases at once a full heap stops nothing: its one look (the 16th new id) finds it full and the run goes on, every number the same', () => {
    const model = held(0.01, 10, 40); // 1,000 cases at once, from hour 10 on
    const free = runReplication(model, 0, 1);
    const looks = heapSaysFull();
    const full = runReplication(model, 0, 1);
    expect(looks).toHaveBeenCalledTimes(1); // at new id EARLY_LOOKS - 1; the next is due at MEMORY_LOOK_FROM
    expect(Array.from(full.metrics)).toEqual(Array.from(free.metrics));
    expect(full.events).toBe(free.events);
  });

  test('at MEMORY_LOOK_FROM cases at once a full heap stops the run, out of memory: its second look', () => {
    const model = held(0.001, 20, 30); // 20,000 cases at once, more than MEMORY_LOOK_FROM
    expect(MEMORY_LOOK_FROM).toBeLessThan(20 / 0.001);
    const looks = heapSaysFull();
    expect(() => runReplication(model, 0, 1)).toThrow(OutOfMemory);
    expect(looks).toHaveBeenCalledTimes(2); // at new id EARLY_LOOKS - 1, and at MEMORY_LOOK_FROM, where it stopped
    expect(() => runReplication(model, 0, 1)).toThrow(/^the cases in progress fill the [\d,]+ MB heap: out of memory$/);
  });
});
