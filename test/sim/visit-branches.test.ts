// A decision's p per visit (scenario-format.md): a rework loop whose rework probability is
// [0.5, 0] goes round at most once, exactly, and 1.5 visits a case on average; a single p stays
// geometric; the n-th visit draws the same uniform in every variant, so with the same seeds a
// case of [0.5, 0] visits min(its visits under p 0.5, 2) times. The routing chain's expected
// visits are the simulation's, and validation refuses what cannot mean anything, every problem at once.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { expectedVisits } from '../../engine/model/offered-load.js';
import { variantInputs } from '../../engine/results/inputs.js';
import { changeText } from '../../reports/assumptions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { expectSampleWithinInterval } from '../support/simulate.js';
import { diagnose, where, yaml } from '../scenario/diagnose.js';

const REWORK = yaml`
  name: rework
  run: { horizon: 2000h, replications: 20, seed: 7 }
  resources: {}
  arrivals: [{ flow: f, rate: 1/h }]
  flows:
    f:
      start: work
      nodes:
        work: { duration: 1h, next: check }
        check:
          branch:
            - { to: work, p: [0.5, 0] }
            - { to: done, p: [0.5, 1] }
        done: { duration: 0 }
  variants:
    geometric: { patch: { flows: { f: { nodes: { check: { branch: [{ to: work, p: 0.5 }, { to: done, p: 0.5 }] } } } } } }
`;

function load(text: string): { baseline: Scenario; variants: Scenario[] } {
  const loaded = loadScenarioText(text, 'test.yaml');
  expect(loaded.diagnostics).toEqual([]);
  return { baseline: loaded.set!.baseline, variants: loaded.set!.variants.map((v) => v.scenario) };
}

/** Per completed case (by serial), how many times it did `work`. */
function workVisits(scenario: Scenario, replication: number): Map<number, number> {
  const model = compileModel(scenario);
  const work = model.nodes.find((n) => n.name === 'work')!.id;
  const visits = new Map<number, number>();
  const ended = new Set<number>();
  observeReplication(model, replication, scenario.run.seed, {
    taskStart() {},
    taskEnd(serial, node) {
      if (node === work) visits.set(serial, (visits.get(serial) ?? 0) + 1);
    },
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd(serial, _flow, _at, cancelled) {
      if (!cancelled) ended.add(serial);
    },
  });
  for (const serial of [...visits.keys()]) if (!ended.has(serial)) visits.delete(serial);
  return visits;
}

const mean = (m: Map<number, number>) => [...m.values()].reduce((s, v) => s + v, 0) / m.size;

describe("a decision's p per visit", () => {
  const { baseline, variants } = load(REWORK);
  const [geometric] = variants;
  const replications = Array.from({ length: baseline.run.replications }, (_, r) => r);

  it('rework [0.5, 0]: at most 2 visits a case, exactly, and 1.5 on average within the interval', () => {
    const runs = replications.map((r) => workVisits(baseline, r));
    expect(Math.max(...runs.flatMap((m) => [...m.values()]))).toBe(2);
    expectSampleWithinInterval('visits a case', runs.map(mean), 1.5, 0.02);
  });

  it('a single p 0.5 stays geometric: 2 visits on average, some cases 4 or more', () => {
    const runs = replications.map((r) => workVisits(geometric, r));
    expectSampleWithinInterval('visits a case', runs.map(mean), 2, 0.02);
    // P(N >= 4) = 1/8: of some 2,000 cases a replication, hundreds
    expect(runs[0].size).toBeGreaterThan(1900);
    expect([...runs[0].values()].filter((v) => v >= 4).length).toBeGreaterThan(150);
  });

  it('the n-th visit draws the same uniform in both: each case visits min(its geometric visits, 2) times', () => {
    for (const r of [0, 1]) {
      const capped = workVisits(baseline, r);
      const free = workVisits(geometric, r);
      expect(capped.size).toBe(free.size);
      for (const [serial, v] of free) expect(capped.get(serial)).toBe(Math.min(v, 2));
    }
  });

  it("the routing chain's long-run share is 1/3, so its expected visits are the simulation's 1.5", () => {
    const flow = baseline.flows[0];
    const check = flow.nodes.find((n) => n.name === 'check')!;
    expect(check.kind === 'decision' && check.branch.map((b) => b.p)).toEqual([1 / 3, 2 / 3]);
    expect(expectedVisits(flow)[0]).toBeCloseTo(1.5, 12);
    expect(expectedVisits(geometric.flows[0])[0]).toBeCloseTo(2, 12);
    // results' inputs: the share as p, the list as written
    expect(variantInputs(baseline, baseline).flows.f.nodes.check).toMatchObject({
      branch: [
        { to: 'work', p: 1 / 3, p_by_visit: [0.5, 0] },
        { to: 'done', p: 2 / 3, p_by_visit: [0.5, 1] },
      ],
    });
    const [change] = variantInputs(baseline, geometric).changes;
    expect(change.path).toBe('flows.f.nodes.check.branch');
    // the report's assumptions say it with the share first
    expect(changeText(change)).toBe(
      'check: branches work 33.33% (by visit 50% / 0%), done 66.67% (by visit 50% / 100%) -> work 50%, done 50%',
    );
  });

  it('p: [x] means p: x, and a list shorter than another holds its last entry', () => {
    const one = load(REWORK.replace('p: [0.5, 0] }', 'p: [0.5] }').replace('p: [0.5, 1] }', 'p: 0.5 }'));
    const model = compileModel(one.baseline);
    expect(model.nodes.find((n) => n.name === 'check')).toMatchObject({ visitCum: null, branchCum: [0.5, 1] });
    const mixed = load(REWORK.replace('p: [0.5, 1] }', 'p: [0.5, 0.9, 1] }').replace('p: [0.5, 0] }', 'p: [0.5, 0.1, 0] }'));
    expect(compileModel(mixed.baseline).nodes.find((n) => n.name === 'check')!.visitCum).toEqual([
      [0.5, 1],
      [0.1, 1],
      [0, 1],
    ]);
    // a core-format decision keeps its single table
    expect(compileModel(geometric).nodes.find((n) => n.name === 'check')!.visitCum).toBeNull();
  });

  it('refuses sums off 1 on any visit, entries that are not probabilities and empty lists, every problem at once', () => {
    const bad = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { duration: 1h, next: c }
            c:
              branch:
                - { to: a, p: [0.5, 0.2, 0.3] }
                - { to: d, p: [0.5, 0.9] }
            d: { duration: 1h, next: e }
            e:
              branch:
                - { to: d, p: [0.5, 2, x] }
                - { to: g, p: [] }
            g: { duration: 1h }
    `;
    expect(diagnose(bad)).toEqual([
      {
        at: where(bad, '- { to: a'),
        path: 'flows.f.nodes.c.branch',
        message:
          "the probabilities p of decision 'c' must add up to 1 on every visit; they add up to 1.1 on visit 2, 1.2 on visit 3 and later (a branch's last entry holds for the visits after it)",
      },
      {
        at: where(bad, '2, x'),
        path: 'flows.f.nodes.e.branch.0.p.1',
        message: 'p of visit 2 must be a probability between 0 and 1, like 0.3; found 2',
      },
      {
        at: where(bad, 'x]'),
        path: 'flows.f.nodes.e.branch.0.p.2',
        message: "p of visit 3 must be a probability between 0 and 1, like 0.3; found 'x'",
      },
      {
        at: where(bad, '[]'),
        path: 'flows.f.nodes.e.branch.1.p',
        message: 'p per visit must list at least one probability, like [0.3, 0.1, 0] (visit 1, visit 2, visit 3 and later)',
      },
    ]);
  });

  it('warns of p per visit on a decision no case can pass twice (only the first entries are used), not where a loop or two parallel branches lead to it', () => {
    const once = yaml`
      name: once
      run: { horizon: 100h }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: work
          nodes:
            work: { duration: 1h, next: check }
            check:
              branch:
                - { to: done, p: [0.5, 1] }
                - { to: again, p: [0.5, 0] }
            again: { duration: 1h }
            done: { duration: 0 }
    `;
    const loaded = loadScenarioText(once, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(
      scenarioWarnings(loaded).map((d) => ({ severity: d.severity, at: `${d.line}:${d.col}`, path: d.path, message: d.message })),
    ).toEqual([
      {
        severity: 'warning',
        at: where(once, 'p: [0.5, 1]'),
        path: 'flows.f.nodes.check.branch.0.p',
        message:
          "decision 'check' of flow 'f' gives p per visit, but no case can pass it twice (no loop leads back to it and no two parallel branches reach it), so only each list's first entry is ever used; give each branch that p alone, or close the loop meant to lead back",
      },
    ]);
    // reached by two parallel branches of a fork, each token a visit: no warning
    const twice = yaml`
      name: twice
      run: { horizon: 100h }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: split
          nodes:
            split: { parallel: [a, b], join: joined }
            a: { duration: 1h, next: check }
            b: { duration: 2h, next: check }
            check:
              branch:
                - { to: joined, p: [0.5, 1] }
                - { to: extra, p: [0.5, 0] }
            extra: { duration: 1h, next: joined }
            joined: { duration: 0 }
    `;
    const warnings = (text: string) => {
      const read = loadScenarioText(text, 'test.yaml');
      expect(read.diagnostics).toEqual([]);
      return scenarioWarnings(read);
    };
    expect(warnings(twice)).toEqual([]);
    // the rework loop of REWORK leads back to its decision
    expect(warnings(REWORK)).toEqual([]);
  });
});
