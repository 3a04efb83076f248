// A milestone (flow `kpis`) runs from a case's first entry into `from` to its first leaving of
// `to` (engine/sim/milestones.ts): one that the flow's graph lets no case measure is refused at
// validation (s31x F8: `from: design, to: check` with check always before design ran empty,
// silently); one some case can measure, a fork's other branch included, is accepted.
import { describe, expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { replicate } from '../support/simulate.js';
import { diagnose, where, yaml } from './diagnose.js';

const flow = (kpis: string) => yaml`
  name: t
  run: { horizon: 10d }
  resources: {}
  arrivals: [{ flow: f, rate: 0.1/h }]
  flows:
    f:
      start: capture
      kpis: ${kpis}
      nodes:
        capture: { duration: 30m, next: check }
        check: { branch: [{ to: design, p: 0.85 }, { to: capture, p: 0.15 }] }
        design: { parallel: [configure, visit], join: activate }
        configure: { duration: 1h, next: activate }
        visit: { duration: 2h, next: activate }
        activate: { duration: 5m }
`;

describe('a milestone the flow graph lets no case measure', () => {
  test("refused at from when every path to from leaves to first (to comes before from, a loop back to it after from's entry not counting)", () => {
    const text = flow('{ late: { from: design, to: check } }');
    const found = diagnose(text);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('flows.f.kpis.late.from');
    expect(found[0].at).toBe(where(text, 'design, to'));
    expect(found[0].message).toBe(
      "milestone 'late' of flow 'f' can measure no case: every path to 'design' passes 'check' first, and the milestone ends the first time a case leaves 'check'; swap from and to, or pick other nodes",
    );
    // check -> capture is a loop back, but a case has left capture (its first time) before it reaches check
    expect(diagnose(flow('{ back: { from: check, to: capture } }')).map((d) => d.path)).toEqual(['flows.f.kpis.back.from']);
  });

  test('refused at to when no path leads from from to to', () => {
    const text = flow('{ after: { from: configure, to: design } }');
    expect(diagnose(text).map((d) => d.path)).toEqual(['flows.f.kpis.after.from']);
    const dead = diagnose(flow('{ d: { from: activate, to: configure } }'));
    expect(dead.map((d) => [d.path, d.message])).toEqual([
      [
        'flows.f.kpis.d.to',
        "milestone 'd' of flow 'f' can measure no case: no path leads from 'activate' to 'configure'; swap from and to, or pick other nodes",
      ],
    ]);
  });

  test('a from or to no path reaches: only the unreachable node is told, no vacuous "every path passes" (s32x F16)', () => {
    // check sends every case straight to activate: design and its branches are never reached
    const unreached = (kpis: string) =>
      diagnose(flow(kpis).replace('{ to: design, p: 0.85 }', '{ to: activate, p: 0.85 }')).map((d) => [d.path, d.message]);
    const nodeErrors = unreached('{}');
    expect(nodeErrors.map(([path]) => path)).toEqual(['flows.f.nodes.design', 'flows.f.nodes.configure', 'flows.f.nodes.visit']);
    expect(unreached('{ m: { from: design, to: activate } }')).toEqual(nodeErrors);
    expect(unreached('{ m: { from: capture, to: visit } }')).toEqual(nodeErrors);
  });

  test('accepted: a path from from to to, from = to, start, or two branches of one fork', () => {
    for (const kpis of [
      '{ k: { from: capture, to: activate } }',
      '{ k: { from: start, to: check } }',
      '{ k: { from: visit, to: visit } }',
      '{ k: { from: visit, to: configure } }',
      '{ k: { from: configure, to: visit } }',
    ])
      expect(diagnose(flow(kpis)), kpis).toEqual([]);
  });
});

describe('from: start beside a node named start', () => {
  /** Cases every 2 h through capture (30m), a node named `start` (1h) and activate (5m), no teams: no case waits. */
  const named = (begins: string, kpis: string) => yaml`
    name: t
    run: { horizon: 200h, warmup: 0h, replications: 2, seed: 1 }
    resources: {}
    arrivals: [{ flow: f, interarrival: 2h }]
    flows:
      f:
        start: ${begins}
        kpis: ${kpis}
        nodes:
          capture: { duration: 30m, next: start }
          start: { duration: 1h, next: activate }
          activate: { duration: 5m }
  `;
  const warned = (text: string) => {
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    return scenarioWarnings(loaded).map((d) => ({ at: `${d.line}:${d.col}`, path: d.path, message: d.message }));
  };

  test('warned at the milestone: start is the arrival, which wins, and the milestone measures from it', () => {
    const text = named('capture', '{ k: { from: start, to: activate } }');
    expect(warned(text)).toEqual([
      {
        at: where(text, 'from: start'), // a warning stands at its key
        path: 'flows.f.kpis.k.from',
        message:
          "milestone 'k' of flow 'f' runs from: start, which means each case's arrival (at 'capture'), not the flow's node 'start'; to measure from that node, rename it (say 'start_step') and give the new name as from",
      },
    ]);
    // the arrival wins: capture's 30 min, start's hour and activate's 5 min, not the 65 min from the node
    const loaded = loadScenarioText(text, 'test.yaml');
    const run = replicate(loaded.set!.baseline);
    for (const mean of run.values('flows.f.kpis.k.mean')) expect(mean).toBeCloseTo(95 / 60, 12);
  });

  test('no warning where the node named start is where cases begin (one instant), for a milestone from another node, or for a node named end', () => {
    const begins = named('start', '{ k: { from: start, to: activate } }')
      .replace('capture: { duration: 30m, next: start }', 'capture: { duration: 30m, next: activate }')
      .replace('start: { duration: 1h, next: activate }', 'start: { duration: 1h, next: capture }');
    expect(warned(begins)).toEqual([]);
    expect(warned(named('capture', '{ k: { from: capture, to: start } }'))).toEqual([]);
    const end = named('capture', '{ k: { from: start, to: end } }').replaceAll('activate', 'end');
    expect(warned(end).map((d) => d.path)).toEqual(['flows.f.kpis.k.from']); // the start node only: `to` is always a node
    expect(warned(end.replace('{ k: { from: start, to: end } }', '{ k: { from: capture, to: end } }'))).toEqual([]);
  });
});
