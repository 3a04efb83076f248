// A flow of one task a team serves: its cases' histories' service hours are that task's work, so the flow's
// breakdown.service is the node's service, exactly. Where a completion adds nothing else (no SLA, the window from 0,
// FlowCompletions.plain, a pool's task too) the recorder takes the flow's sum from the node's at the horizon
// (Recorder.soleTask); with a warm-up or an SLA, each completion adds it. Either way the two sums take the same
// additions in the same order: the same doubles, whichever path summed them.
//
// Such a task in a window from 0 without a pool takes its flow's completions as its visits (NodeTally.plain), and
// such a flow's completion its case's arrival from its token (FlowCompletions.plain): both checked against the event
// log, which counts each task's end and gives each case's arrival from the case table. Its waits are its tasks started,
// counted at the horizon (ended, cut by a cancellation, or in progress there, in service or paused: NodeTally.plain):
// checked against the log's task starts.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout, NODE } from '../../engine/model/metrics.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import type { NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { exp, flow, mmc, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const run = (warmup: number): Scenario['run'] => ({ horizon: 2000, warmup, replications: 3, seed: 7 });

/** breakdown.service and the node's service per replication, and the completions and visits. */
function sums(s: Scenario, f: string, node: string) {
  const r = replicate(s);
  return {
    history: r.values(`flows.${f}.breakdown.service`),
    node: r.values(`flows.${f}.nodes.${node}.service`),
    completed: r.values(`flows.${f}.completed`),
    visits: r.values(`flows.${f}.nodes.${node}.visits`),
  };
}

describe("a flow of one task: its history's service is its task's", () => {
  test.each([
    ['the window from 0, no SLA (taken from the node)', mmc(0.9, 1, 1, run(0))],
    ['a warm-up (added at each completion)', mmc(0.9, 1, 1, run(50))],
    [
      'an SLA (added at each completion)',
      { ...mmc(0.9, 1, 1, run(0)), flows: [flow('calls', [task('serve', exp(1), 'agents')], { sla: 4 })] },
    ],
  ])('%s', (_, s) => {
    const { history, node, completed, visits } = sums(s, 'calls', 'serve');
    expect(completed).toEqual(visits);
    for (const n of completed) expect(n).toBeGreaterThan(1000);
    expect(history).toEqual(node); // the same doubles, not just close
    for (const h of history) expect(h).toBeGreaterThan(0.8);
  });

  test('a pool of two teams (taken from the node, which counts each team apart too)', () => {
    const pooled = { ...task('serve', exp(1), 'a'), pool: ['a', 'b'] } as NodeSpec;
    const s = scenario({
      run: run(0),
      resources: [team('a', 1), team('b', 1)],
      arrivals: [{ flow: 'calls', ordinal: 0, interarrival: exp(1 / 1.6), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('calls', [pooled])],
    });
    const { history, node } = sums(s, 'calls', 'serve');
    expect(history).toEqual(node);
    for (const h of history) expect(h).toBeGreaterThan(0.8);
  });

  test('a flow of one automated task keeps its hours as automated, none as service', () => {
    const s = { ...mmc(0.9, 1, 1, run(0)), flows: [flow('calls', [task('serve', exp(1), null)])] };
    const r = replicate(s);
    expect(r.values('flows.calls.breakdown.service')).toEqual([0, 0, 0]);
    expect(r.values('flows.calls.breakdown.automated')).toEqual(r.values('flows.calls.nodes.serve.service'));
  });
});

describe("a flow of one task, the window from 0: its task's visits and its cycle times against the event log", () => {
  test.each([
    ['every case served', mmc(0.9, 1, 2, run(0))],
    [
      'cases cancelled in service and in the queue (cut: neither a visit nor a completion)',
      { ...mmc(1.4, 1, 1, run(0)), flows: [flow('calls', [task('serve', exp(1), 'agents')], { cancelAfter: 3 })] },
    ],
    [
      'a roster whose drop pauses tasks, the horizon off shift (tasks paused there)',
      {
        ...mmc(0.9, 1, 2, run(0)),
        resources: [
          team('agents', 2, {
            shifts: [{ periods: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ start: d * 24, end: d * 24 + 20 })), capacity: 2 }],
          }),
        ],
        run: { horizon: 24 * 83 + 22, warmup: 0, replications: 1, seed: 7 },
      },
    ],
  ])('%s', (_, s) => {
    const model = compileModel(s);
    const layout = metricLayout(model);
    const paths = layout.paths;
    let starts = 0;
    let ends = 0;
    let abandoned = 0;
    let suspended = 0;
    let completed = 0;
    let cycleSum = 0;
    const { metrics } = observeReplication(model, 0, 7, {
      taskStart: () => starts++,
      taskEnd: () => ends++,
      taskSuspend: () => suspended++,
      taskResume: () => {},
      taskAbandoned: () => abandoned++,
      caseEnd: (_c, _f, at, cancelled, arrival) => {
        if (cancelled) return;
        completed++;
        cycleSum += at - arrival; // in completion order, as the recorder sums
      },
    });
    const metric = (path: string) => metrics[paths.indexOf(path)];
    expect(completed).toBeGreaterThan(1000);
    expect(metric('flows.calls.nodes.serve.visits')).toBe(ends);
    expect(metric('flows.calls.completed')).toBe(completed);
    expect(ends).toBe(completed); // each end of the one task completes its case
    expect(metric('flows.calls.cycle_time.mean')).toBe(cycleSum / completed); // the same doubles
    expect(metrics[layout.nodeBase[0] + NODE.waits]).toBe(starts); // its slot, reported only for a flow with cancel_after
    if ((s.resources[0].shifts ?? null) === null) return;
    expect(suspended).toBeGreaterThan(10);
    expect(starts).toBeGreaterThan(ends); // tasks in progress at the horizon (paused, the team off shift)
    if (s.flows[0].cancelAfter === null) return;
    expect(abandoned).toBeGreaterThan(10);
    expect(metric('flows.calls.nodes.serve.cut_visits')).toBe(abandoned);
  });
});
