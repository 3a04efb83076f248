// A flow's `discovery: left_out` (etomsim addition): the log's activities discover wrote no task
// for, read into the model as data (fidelity reads it; the simulation never does), names kept
// as the log spells them, and refused with every problem at once, each at its place.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from './diagnose.js';

const HEAD = yaml`
  name: t
  run: { horizon: 10d }
  resources: { desk: { capacity: 1 } }
  arrivals: [{ flow: f, rate: 1/h }]
`;

describe('a flow’s discovery: left_out', () => {
  it('is read as the log spells the names, absent without it, and changes nothing the simulation reads', () => {
    const text = `${HEAD}${yaml`
      flows:
        f:
          start: a
          discovery:
            left_out:
              - { activity: "Escalate: to \\"2nd\\" line", why: rare_paths }
              - { activity: "__proto__", why: rare_paths }
          nodes: { a: { resource: desk, duration: 5m } }
        g:
          start: b
          discovery:
          nodes: { b: { duration: 5m } }
    `}`;
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const [f, g] = loaded.set!.baseline.flows;
    expect(f.leftOut).toEqual([
      { activity: 'Escalate: to "2nd" line', why: 'rare_paths' },
      { activity: '__proto__', why: 'rare_paths' },
    ]);
    expect(g.leftOut).toEqual([]);
    // the same model as without it
    const without = loadScenarioText(text.replace(/ {4}discovery:\n( {6}.*\n)*/, ''), 'test.yaml');
    expect(without.diagnostics).toEqual([]);
    expect(without.set!.baseline.flows[0].leftOut).toBeUndefined();
    expect(JSON.stringify(compileModel(without.set!.baseline))).toBe(JSON.stringify(compileModel(loaded.set!.baseline)));
  });

  it('reports every problem at once, each at its place, with a did-you-mean', () => {
    const bad = `${HEAD}${yaml`
      flows:
        f:
          start: a
          discovery:
            leftout: []
            left_out:
              - { activity: Escalate, why: rare_path }
              - { activity: Escalate, why: rare_paths }
              - { why: rare_paths }
              - { activity: 12, why: rare_paths, note: x }
              - Escalate
          nodes: { a: { resource: desk, duration: 5m } }
        g:
          start: b
          discovery: { left_out: Escalate }
          nodes: { b: { duration: 5m } }
    `}`;
    expect(diagnose(bad)).toEqual([
      {
        at: where(bad, 'leftout'),
        path: 'flows.f.discovery.leftout',
        message: "unknown key 'leftout'; expected one of left_out; did you mean 'left_out'?",
      },
      {
        at: where(bad, 'rare_path }'),
        path: 'flows.f.discovery.left_out.0.why',
        message:
          "why must be rare_paths (only paths rarer than discover's --min-share led to the activity); found 'rare_path'; did you mean 'rare_paths'?",
      },
      {
        at: where(bad, 'Escalate', 2),
        path: 'flows.f.discovery.left_out.1.activity',
        message: "activity 'Escalate' is listed twice in left_out",
      },
      {
        at: where(bad, '{ why: rare_paths }'),
        path: 'flows.f.discovery.left_out.2.activity',
        message: "an entry of left_out needs activity: the log's activity, as the log spells it (in quotes)",
      },
      {
        at: where(bad, '12'),
        path: 'flows.f.discovery.left_out.3.activity',
        message: "activity must be the log's activity as text; found 12 (put it in quotes)",
      },
      {
        at: where(bad, 'note'),
        path: 'flows.f.discovery.left_out.3.note',
        message: "unknown key 'note'; expected one of activity, why",
      },
      {
        at: where(bad, 'Escalate', 3),
        path: 'flows.f.discovery.left_out.4',
        message: 'an entry of left_out must be a map like { activity: "Escalate", why: rare_paths }; found \'Escalate\'',
      },
      {
        at: where(bad, 'Escalate', 4),
        path: 'flows.g.discovery.left_out',
        message: 'left_out must be a list, like [{ activity: "Escalate", why: rare_paths }]; found \'Escalate\'',
      },
    ]);
  });
});
