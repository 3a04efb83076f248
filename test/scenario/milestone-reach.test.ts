// A milestone (flow `kpis`) runs from a case's first entry into `from` to its first leaving of
// `to` (engine/sim/milestones.ts): one that the flow's graph lets no case measure is refused at
// validation (s31x F8: `from: design, to: check` with check always before design ran empty,
// silently); one some case can measure, a fork's other branch included, is accepted.
import { describe, expect, test } from 'vitest';
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
