// An automated task's `until: case_age`: loaded, carried to the model and to results' inputs,
// removed or added by a variant's patch, and refused with every problem at once where it cannot mean anything.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { zeroTimeLoops } from '../../engine/model/zero-time-loops.js';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from './diagnose.js';

describe('until: case_age on an automated task', () => {
  const text = yaml`
    name: t
    run: { horizon: 10d }
    calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" } }
    resources: { desk: { capacity: 1 } }
    arrivals: [{ flow: f, rate: 1/h }]
    flows: { f: { start: a, nodes: { a: { resource: desk, duration: 5m, next: b }, b: { until: case_age, duration: 31d } } } }
    variants:
      plain_delay: { patch: { flows: { f: { nodes: { b: { until: null } } } } } }
      office_age: { patch: { flows: { f: { nodes: { b: { calendar: office } } } } } }
  `;

  it('loads it, compiles it, and a variant may remove it or count the age in a calendar', () => {
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const set = loaded.set!;
    expect(set.baseline.flows[0].nodes[1]).toMatchObject({ kind: 'task', resource: null, until: 'case_age' });
    const nodes = compileModel(set.baseline).nodes;
    expect(nodes.map((n) => [n.untilAge, n.outOfLine, n.calendar])).toEqual([
      [false, false, -1],
      [true, true, -1],
    ]);
    const [plain, office] = set.variants.map((v) => v.scenario);
    expect(compileModel(plain).nodes[1]).toMatchObject({ untilAge: false, outOfLine: false });
    expect(compileModel(office).nodes[1]).toMatchObject({ untilAge: true, outOfLine: true, calendar: 0 });
    // results' inputs carry it, and a variant's change of it is listed
    expect(variantInputs(set.baseline, set.baseline).flows.f.nodes.b).toMatchObject({ until: 'case_age' });
    expect('until' in variantInputs(set.baseline, set.baseline).flows.f.nodes.a).toBe(false);
    expect(variantInputs(set.baseline, plain).changes).toEqual([{ path: 'flows.f.nodes.b.until', baseline: 'case_age', variant: null }]);
  });

  it('reports every problem at once, each at its place, with a did-you-mean', () => {
    const bad = yaml`
      name: t
      run: { horizon: 10d }
      resources: { desk: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { until: caseage, duration: 1h, next: b }
            b: { resource: desk, until: case_age, duration: 1h, next: c }
            c: { until: [case_age], duration: 1h, next: d }
            d: { untill: case_age, duration: 1h }
    `;
    expect(diagnose(bad)).toEqual([
      {
        at: where(bad, 'caseage'),
        path: 'flows.f.nodes.a.until',
        message:
          "until must be case_age (the task's duration is then the case's age at which it ends); found 'caseage'; did you mean 'case_age'?",
      },
      {
        at: where(bad, 'until: case_age, duration: 1h, next: c'),
        path: 'flows.f.nodes.b.until',
        message:
          "task 'b' has a resource, whose unit ends it when the work is done: until is for an automated task (no resource), a timer on the case's age; remove until, or make it a task of its own without resource",
      },
      {
        at: where(bad, '[case_age]'),
        path: 'flows.f.nodes.c.until',
        message: "until must be case_age (the task's duration is then the case's age at which it ends); found a list",
      },
      {
        at: where(bad, 'untill'),
        path: 'flows.f.nodes.d.untill',
        message: expect.stringMatching(/^unknown key 'untill'; expected one of .*until.*; did you mean 'until'\?$/),
      },
    ]);
  });

  it('a loop through a timer alone is a zero-time loop: once the case is past its age, every pass is instant', () => {
    const looped = loadScenarioText(
      yaml`
        name: t
        run: { horizon: 10d }
        resources: {}
        arrivals: [{ flow: f, rate: 1/h }]
        flows: { f: { start: t, nodes: { t: { until: case_age, duration: 1h, next: d }, d: { branch: [{ to: t, p: 0.9999 }, { to: e, p: 0.0001 }] }, e: { duration: 1h } } } }
      `,
      'test.yaml',
    ).set!.baseline;
    expect(zeroTimeLoops(looped.flows[0]).map((l) => l.nodes)).toEqual([['t', 'd']]);
    const plain = { ...looped.flows[0], nodes: looped.flows[0].nodes.map((n) => (n.kind === 'task' ? { ...n, until: null } : n)) };
    expect(zeroTimeLoops(plain)).toEqual([]);
  });
});
