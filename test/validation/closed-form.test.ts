// The simulator against queueing theory. Each case runs enough replications that the 99.9%
// interval of the mean is a few percent wide, then requires the closed form inside it.
import { describe, expect, test } from 'vitest';
import type { DistSpec } from '../../engine/scenario/types.js';
import { constant, exp, flow, mmc, scenario, task, team } from '../support/build.js';
import { mg1Wait, mmcWait, priorityWaits } from '../support/queueing.js';
import { expectWithinInterval, replicate } from '../support/simulate.js';

const arrivals = (flowName: string, mean: number, priority = 0, ordinal = 0) => ({
  flow: flowName,
  ordinal,
  interarrival: exp(mean),
  fromRate: true,
  profile: null,
  priority,
});

describe('single queues', () => {
  test('M/M/1 at 80% load: wait, cycle time, queue length and utilisation', () => {
    const r = replicate(mmc(0.8, 1, 1, { horizon: 40_000, warmup: 500, replications: 10, seed: 11 }));
    const wq = 0.8 / (1 - 0.8); // rho / (mu - lambda)
    expectWithinInterval(r, 'resources.agents.wait', wq, 0.1);
    expectWithinInterval(r, 'flows.calls.cycle_time.mean', wq + 1, 0.1);
    expectWithinInterval(r, 'resources.agents.queue_length', 0.8 * wq, 0.1); // Little: Lq = lambda Wq
    expectWithinInterval(r, 'resources.agents.utilization', 0.8, 0.02);
    // cycle time of M/M/1 is exponential with rate mu - lambda: p90 = ln(10) / 0.2
    expectWithinInterval(r, 'flows.calls.cycle_time.p90', Math.log(10) / 0.2, 0.08);
  });

  test('M/M/5 at 90% load, 10 replications of 50,000 h: mean wait within 5% of Erlang C', () => {
    const r = replicate(mmc(4.5, 1, 5, { horizon: 50_000, warmup: 500, replications: 10, seed: 5 }));
    const theory = mmcWait(4.5, 1, 5); // 1.5250 h
    expect(theory).toBeCloseTo(1.525, 3);
    expect(Math.abs(r.mean('resources.agents.wait') / theory - 1)).toBeLessThan(0.05);
    expectWithinInterval(r, 'resources.agents.wait', theory, 0.1);
    expectWithinInterval(r, 'resources.agents.utilization', 0.9, 0.01);
  });

  test('M/G/1 with lognormal service (cv 1.5) against Pollaczek-Khinchine', () => {
    const service: DistSpec = { kind: 'lognormal', mean: 0.7, sd: 1.05 };
    const s = scenario({
      // Waits behind a heavy-tailed service vary a lot between replications: 20 give the test its power.
      run: { horizon: 60_000, warmup: 1000, replications: 20, seed: 3 },
      resources: [team('desk', 1)],
      arrivals: [arrivals('orders', 1)],
      flows: [flow('orders', [task('capture', service, 'desk')])],
    });
    const r = replicate(s);
    expectWithinInterval(r, 'flows.orders.nodes.capture.wait', mg1Wait(1, 0.7, 1.05 ** 2), 0.1);
    expectWithinInterval(r, 'flows.orders.nodes.capture.service', 0.7, 0.02);
  });
});

describe('a shifted service (scenario `shift`)', () => {
  test('M/G/1 with service 15 min + exponential of mean 20 min against Pollaczek-Khinchine (mean 35 min, variance of the exponential)', () => {
    // a service with a floor: the shift moves the mean (rho 0.583), not the variance (1/9 h^2), so
    // PK's wait is 0.542 h. A sampler that dropped the shift serves in 0.333 h and waits 0.167 h; one
    // that also scaled the variance by it waits longer: each misses the 99.9% interval by far.
    const service: DistSpec = { kind: 'exponential', mean: 1 / 3, shift: 0.25 };
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 13 },
      resources: [team('desk', 1)],
      arrivals: [arrivals('orders', 1)],
      flows: [flow('orders', [task('capture', service, 'desk')])],
    });
    const r = replicate(s);
    expectWithinInterval(r, 'flows.orders.nodes.capture.wait', mg1Wait(1, 0.25 + 1 / 3, 1 / 9), 0.1);
    expectWithinInterval(r, 'flows.orders.nodes.capture.service', 0.25 + 1 / 3, 0.02);
    expectWithinInterval(r, 'resources.desk.utilization', 0.25 + 1 / 3, 0.02);
  });

  test('arrivals with a floor: a shifted exponential interarrival brings 1 / (shift + mean) cases an hour', () => {
    const s = scenario({
      run: { horizon: 20_000, warmup: 100, replications: 6, seed: 17 },
      resources: [team('desk', 4)],
      arrivals: [{ ...arrivals('orders', 0.5), interarrival: { kind: 'exponential', mean: 0.5, shift: 0.5 }, fromRate: false }],
      flows: [flow('orders', [task('capture', exp(1), 'desk')])],
    });
    const r = replicate(s);
    // 1 case an hour at 1 h of work on 4 units: 25%; a dropped shift would give 2 an hour, 50%
    expectWithinInterval(r, 'resources.desk.utilization', 0.25, 0.05);
  });
});

describe('networks', () => {
  test('a tandem line of two M/M/1 stations (Jackson): cycle time is the sum of the stations', () => {
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 7 },
      resources: [team('a', 1), team('b', 1)],
      arrivals: [arrivals('line', 1 / 0.6)],
      flows: [flow('line', [task('first', exp(1), 'a', 'second'), task('second', exp(1 / 1.5), 'b')])],
    });
    const r = replicate(s);
    const w = 1 / (1 - 0.6) + 1 / (1.5 - 0.6);
    expectWithinInterval(r, 'flows.line.cycle_time.mean', w, 0.05);
    expectWithinInterval(r, 'resources.b.utilization', 0.6 / 1.5, 0.02);
  });

  test('a rework loop (Bernoulli feedback, p = 0.25) matches the Jackson network', () => {
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 9 },
      resources: [team('desk', 1)],
      arrivals: [arrivals('orders', 1 / 0.5)],
      flows: [
        flow('orders', [
          task('work', exp(0.5), 'desk', 'check'),
          {
            kind: 'decision',
            name: 'check',
            etom: null,
            branch: [
              { to: 'work', p: 0.25 },
              { to: 'done', p: 0.75 },
            ],
          },
          task('done', constant(0), null),
        ]),
      ],
    });
    const r = replicate(s);
    const rho = (0.5 / 0.75) * 0.5; // effective arrival rate lambda/(1-p) times the mean service
    const L = rho / (1 - rho);
    expectWithinInterval(r, 'flows.orders.cycle_time.mean', L / 0.5, 0.06); // Little: W = L / lambda
    expectWithinInterval(r, 'flows.orders.nodes.work.visits', (0.5 / 0.75) * (40_000 - 500), 0.02);
    expectWithinInterval(r, 'resources.desk.utilization', rho, 0.02);
  });

  test("Little's law holds for work in progress: L = throughput x W", () => {
    const r = replicate(mmc(3, 1, 4, { horizon: 30_000, warmup: 500, replications: 8, seed: 21 }));
    const perRep = r.reps.map((_, i) => {
      const wip = r.values('flows.calls.wip')[i];
      const lw = (r.values('flows.calls.throughput_per_day')[i] / 24) * r.values('flows.calls.cycle_time.mean')[i];
      return wip / lw;
    });
    for (const ratio of perRep) expect(Math.abs(ratio - 1)).toBeLessThan(0.01);
  });
});

describe('priorities', () => {
  test('non-preemptive priority classes on one M/M/1 server match Cobham', () => {
    const s = scenario({
      run: { horizon: 60_000, warmup: 1000, replications: 10, seed: 13 },
      resources: [team('techs', 1)],
      arrivals: [arrivals('urgent', 1 / 0.3, 2), arrivals('normal', 1 / 0.5, 0)],
      flows: [flow('urgent', [task('fix', exp(1), 'techs')]), flow('normal', [task('fix', exp(1), 'techs')])],
    });
    const r = replicate(s);
    const [high, low] = priorityWaits([
      { lambda: 0.3, mean: 1, second: 2 },
      { lambda: 0.5, mean: 1, second: 2 },
    ]);
    expectWithinInterval(r, 'flows.urgent.nodes.fix.wait', high, 0.05);
    expectWithinInterval(r, 'flows.normal.nodes.fix.wait', low, 0.08);
  });
});
