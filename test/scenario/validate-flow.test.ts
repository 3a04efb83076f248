import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, onlyProblem, where, yaml } from './diagnose.js';

/** A scenario around the given `flows:` section, which starts at line 5. */
const withFlows = (flows: string) =>
  yaml`
    name: t
    run: { horizon: 10d }
    resources: { desk: { capacity: 2 } }
    arrivals: [{ flow: f, rate: 1/h }]
  ` + flows;

describe('nodes', () => {
  it('reads tasks, decisions and forks in document order', () => {
    const text = withFlows(yaml`
      flows:
        f:
          etom: "1.1.1.5"
          sla: 2d
          cancel_after: 1w
          description: the order flow
          start: take
          nodes:
            take: { resource: desk, duration: 30, next: check, etom: "1.1.1.5.1", description: first }
            check: { branch: [{ to: split, p: 0.75 }, { to: take, p: 0.25 }] }
            split: { parallel: [left, right], join: done }
            left: { duration: { exponential: { mean: 1h } }, next: done }
            right: { duration: 2h, next: done }
            done: { duration: 0 }
          kpis:
            to_split: { from: start, to: split, sla: 4h }
            waiting: { from: take, to: done }
    `);
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.flows).toEqual([
      {
        name: 'f',
        etom: '1.1.1.5',
        sla: 48,
        start: 'take',
        cancelAfter: 168,
        kpis: [
          { name: 'to_split', from: 'start', to: 'split', sla: 4 },
          { name: 'waiting', from: 'take', to: 'done', sla: null },
        ],
        description: 'the order flow', // descriptions are kept for the reports; a node without one has no key
        nodes: [
          {
            kind: 'task',
            name: 'take',
            etom: '1.1.1.5.1',
            duration: { kind: 'constant', value: 30 },
            resource: 'desk',
            next: 'check',
            description: 'first',
          },
          {
            kind: 'decision',
            name: 'check',
            etom: null,
            branch: [
              { to: 'split', p: 0.75 },
              { to: 'take', p: 0.25 },
            ],
          },
          { kind: 'fork', name: 'split', etom: null, parallel: ['left', 'right'], join: 'done' },
          { kind: 'task', name: 'left', etom: null, duration: { kind: 'exponential', mean: 1 }, resource: null, next: 'done' },
          { kind: 'task', name: 'right', etom: null, duration: { kind: 'constant', value: 2 }, resource: null, next: 'done' },
          { kind: 'task', name: 'done', etom: null, duration: { kind: 'constant', value: 0 }, resource: null, next: null },
        ],
      },
    ]);
  });

  it('says what a node must be when it mixes kinds, or is none', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a: { duration: 1h, branch: [{ to: b, p: 1 }] }
            b: { duraton: 1h }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: '9:7',
        path: 'flows.f.nodes.a',
        message:
          "node 'a' must be exactly one of a task (duration, with optional resource and next), a decision (branch) or a fork (parallel and join); it mixes a task (duration) and a decision (branch)",
      },
      {
        at: '10:7',
        path: 'flows.f.nodes.b',
        message:
          "node 'b' must be exactly one of a task (duration, with optional resource and next), a decision (branch) or a fork (parallel and join)",
      },
      {
        at: '10:12',
        path: 'flows.f.nodes.b.duraton',
        message:
          "unknown key 'duraton'; expected one of duration, resource, calendar, until, next, activity, branch, parallel, join, etom, description; did you mean 'duration'?",
      },
    ]);
  });

  it('rejects keys of no node kind, such as p on a task', () => {
    const text = withFlows(yaml`
      flows:
        f: { start: a, nodes: { a: { duration: 1h, p: 1 } } }
    `);
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'p: 1'),
      path: 'flows.f.nodes.a.p',
      message: "unknown key 'p'; expected one of duration, resource, calendar, until, next, activity, etom, description",
    });
  });

  it('requires a task duration, at the node', () => {
    const text = withFlows(yaml`
      flows:
        f: { start: a, nodes: { a: { resource: desk } } }
    `);
    // A missing key is shown at the map that should hold it.
    expect(onlyProblem(text)).toMatchObject({
      at: where(text, '{ resource'),
      path: 'flows.f.nodes.a.duration',
      message: expect.stringMatching(/^task 'a' needs a duration/),
    });
  });

  it('reports a negative duration at its value', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a:
              duration: -5m
    `);
    expect(onlyProblem(text)).toEqual({
      at: '10:19',
      path: 'flows.f.nodes.a.duration',
      message: "the duration of task 'a' cannot be negative; found '-5m'",
    });
  });

  it('reports a next, a branch target and a start that name no node of the flow', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: begin
          nodes:
            a: { duration: 1h, next: chek }
            check: { branch: [{ to: a, p: 0.5 }, { to: zzz, p: 0.5 }] }
    `);
    expect(diagnose(text)).toEqual([
      { at: where(text, 'begin'), path: 'flows.f.start', message: "node 'begin' is not defined in flow 'f' (known: a, check)" },
      {
        at: where(text, 'chek'),
        path: 'flows.f.nodes.a.next',
        message: "node 'chek' is not defined in flow 'f'; did you mean 'check'? (known: a, check)",
      },
      {
        at: where(text, 'zzz'),
        path: 'flows.f.nodes.check.branch.1.to',
        message: "node 'zzz' is not defined in flow 'f' (known: a, check)",
      },
    ]);
  });

  it('reports a resource that is not defined', () => {
    const text = withFlows(yaml`
      flows:
        f: { start: a, nodes: { a: { duration: 1h, resource: dsk } } }
    `);
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'dsk'),
      path: 'flows.f.nodes.a.resource',
      message: "resource 'dsk' is not defined under resources; did you mean 'desk'? (known: desk)",
    });
  });

  it('wants branch probabilities between 0 and 1 that add up to 1 (within 1e-9)', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: d
          nodes:
            d:
              branch:
                - { to: a, p: 0.5 }
                - { to: a, p: 0.4 }
            a: { duration: 1h }
            e: { branch: [{ to: a, p: 1.5 }] }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, '- { to: a, p: 0.5 }'),
        path: 'flows.f.nodes.d.branch',
        message: "the probabilities p of decision 'd' add up to 0.9; they must add up to 1",
      },
      {
        at: where(text, '1.5'),
        path: 'flows.f.nodes.e.branch.0.p',
        message: 'p must be a probability between 0 and 1, like 0.85, or one per visit, like [0.3, 0.1, 0]; found 1.5',
      },
    ]);
    const thirds = withFlows(yaml`
      flows:
        f: { start: d, nodes: { d: { branch: [{ to: a, p: 0.3333333333 }, { to: a, p: 0.3333333333 }, { to: a, p: 0.3333333334 }] }, a: { duration: 1h } } }
    `);
    expect(diagnose(thirds)).toEqual([]);
  });

  it('reports a fork without a join at the fork, and a join among its own branches', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: s
          nodes:
            s: { parallel: [a, b] }
            t: { parallel: [a, b], join: b }
            a: { duration: 1h }
            b: { duration: 1h }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, '{ parallel'),
        path: 'flows.f.nodes.s.join',
        message: "fork 's' needs a join: the node where its parallel branches meet again",
      },
      {
        at: where(text, 'b }'),
        path: 'flows.f.nodes.t.join',
        message: "join 'b' of fork 't' is also one of its parallel branches; the join must be the node after them",
      },
    ]);
  });

  it('asks for the eTOM id as quoted text, so that 1.10 stays 1.10', () => {
    const text = withFlows(yaml`
      flows:
        f: { etom: 1.10, start: a, nodes: { a: { duration: 1h } } }
    `);
    expect(onlyProblem(text)).toEqual({
      at: '6:14',
      path: 'flows.f.etom',
      message: 'etom (the eTOM process id) must be text; found 1.1 (put it in quotes)',
    });
  });

  it('checks KPIs: from a node or start, to a node, with an optional SLA above 0', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes: { a: { duration: 1h } }
          kpis:
            k1: { from: begin, to: a }
            k2: { to: b, sla: 0 }
    `);
    expect(diagnose(text)).toEqual([
      { at: where(text, 'begin'), path: 'flows.f.kpis.k1.from', message: "node 'begin' is not defined in flow 'f' (known: start, a)" },
      {
        at: where(text, '{ to: b'),
        path: 'flows.f.kpis.k2.from',
        message: "KPI 'k2' needs from: a node of the flow, or start for the case's arrival",
      },
      { at: where(text, 'b, sla'), path: 'flows.f.kpis.k2.to', message: "node 'b' is not defined in flow 'f' (known: a)" },
      { at: where(text, '0 }', 1), path: 'flows.f.kpis.k2.sla', message: 'sla must be longer than 0; found 0' },
    ]);
  });

  it('requires at least one flow with nodes', () => {
    expect(diagnose(withFlows('flows: {}\n'))).toEqual([
      { at: '4:20', path: 'arrivals.0.flow', message: "flow 'f' is not defined under flows (there is no flow yet)" },
      { at: '5:8', path: 'flows', message: 'flows must define at least one flow, with a start and its nodes' },
    ]);
    const noNodes = withFlows('flows: { f: { start: a, nodes: {} } }\n');
    expect(onlyProblem(noNodes)).toMatchObject({ at: where(noNodes, '{} }'), path: 'flows.f.nodes' });
  });
});
