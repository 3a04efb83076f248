// An automated task's `calendar: NAME`: loaded, carried to the model and to results' inputs,
// removed by a variant's null, and refused with every problem at once when it cannot mean anything.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from './diagnose.js';

describe('calendar on an automated task', () => {
  const text = yaml`
    name: t
    run: { horizon: 10d }
    calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" }, night: { days: [sun], hours: "22:00-06:00" } }
    resources: { desk: { capacity: 1, calendar: office } }
    arrivals: [{ flow: f, rate: 1/h }]
    flows: { f: { start: a, nodes: { a: { calendar: office, duration: 10h, next: b }, b: { resource: desk, duration: 5m } } } }
    variants:
      around_the_clock: { patch: { flows: { f: { nodes: { a: { calendar: null } } } } } }
      at_night: { patch: { flows: { f: { nodes: { a: { calendar: night } } } } } }
  `;

  it('loads it, compiles it to the calendar index, and a variant may remove or change it', () => {
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const set = loaded.set!;
    expect(set.baseline.flows[0].nodes[0]).toMatchObject({ kind: 'task', resource: null, calendar: 'office' });
    expect(compileModel(set.baseline).nodes.map((n) => n.calendar)).toEqual([0, -1]);
    const [clock, night] = set.variants.map((v) => v.scenario);
    expect(compileModel(clock).nodes[0].calendar).toBe(-1);
    expect(compileModel(night).nodes[0].calendar).toBe(1);
    // results' inputs carry it, and a variant's change of it is listed
    expect(variantInputs(set.baseline, set.baseline).flows.f.nodes.a).toMatchObject({ calendar: 'office' });
    expect('calendar' in variantInputs(set.baseline, clock).flows.f.nodes.b).toBe(false);
    expect(variantInputs(set.baseline, clock).changes).toEqual([{ path: 'flows.f.nodes.a.calendar', baseline: 'office', variant: null }]);
    expect(variantInputs(set.baseline, night).changes).toEqual([
      { path: 'flows.f.nodes.a.calendar', baseline: 'office', variant: 'night' },
    ]);
  });

  it('reports every problem at once, each at its place, with a did-you-mean', () => {
    const bad = yaml`
      name: t
      run: { horizon: 10d }
      calendars: { office: { days: [mon], hours: "09:00-17:00" } }
      resources: { desk: { capacity: 1, calendar: office } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { calendar: ofice, duration: 1h, next: b }
            b: { resource: desk, calendar: office, duration: 1h, next: c }
            c: { calendar: [office], duration: 1h, next: d }
            d: { calendar: office }
            e: { calendar: office, branch: [{ to: a, p: 1 }] }
    `;
    expect(diagnose(bad)).toEqual([
      {
        at: where(bad, 'ofice'),
        path: 'flows.f.nodes.a.calendar',
        message: "calendar 'ofice' is not defined under calendars; did you mean 'office'? (known: office)",
      },
      {
        at: where(bad, 'calendar: office, duration: 1h, next: c'),
        path: 'flows.f.nodes.b.calendar',
        message:
          "task 'b' has a resource, whose hours it works in (the team's calendar or shifts): calendar is for an automated task (no resource); remove calendar, or give the team the calendar",
      },
      {
        at: where(bad, '[office]'),
        path: 'flows.f.nodes.c.calendar',
        message: 'calendar must be the name of a calendar; found a list',
      },
      {
        at: where(bad, '{ calendar: office }'),
        path: 'flows.f.nodes.d.duration',
        message: "task 'd' needs a duration, like duration: 30m or duration: { exponential: { mean: 2h } }",
      },
      {
        at: where(bad, 'e: { calendar'),
        path: 'flows.f.nodes.e',
        message:
          "node 'e' must be exactly one of a task (duration, with optional resource and next), a decision (branch) or a fork (parallel and join); it mixes a task (calendar) and a decision (branch)",
      },
    ]);
  });

  it('a calendar that never opens cannot be written: one without days or hours is refused', () => {
    const never = yaml`
      name: t
      run: { horizon: 10d }
      calendars: { closed: { days: [], hours: "09:00-17:00" }, instant: { days: [mon], hours: "09:00-09:00" } }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { calendar: closed, duration: 1h, next: b }, b: { calendar: instant, duration: 1h } } } }
    `;
    expect(diagnose(never).map((d) => d.path)).toEqual(['calendars.closed.days', 'calendars.instant.hours']);
  });
});
