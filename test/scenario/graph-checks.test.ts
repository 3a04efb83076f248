import { describe, expect, it } from 'vitest';
import { diagnose, onlyProblem, where, yaml } from './diagnose.js';

/** A scenario around the given `flows:` section, which starts at line 4. */
const withFlows = (flows: string) =>
  yaml`
    name: t
    run: { horizon: 10d }
    resources: {}
  ` +
  flows +
  'arrivals: [{ flow: f, rate: 1/h }]\n';

describe('flow graph', () => {
  it('accepts rework loops, p = 0 branches to reachable nodes and nested forks', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: outer
          nodes:
            outer: { parallel: [inner, solo], join: check }
            inner: { parallel: [a, b], join: inner_done }
            a: { duration: 1h, next: inner_done }
            b: { branch: [{ to: b2, p: 0.9 }, { to: a, p: 0.1 }] }
            b2: { duration: 1h, next: inner_done }
            inner_done: { duration: 1h, next: check }
            solo: { duration: 1h, next: check }
            check: { branch: [{ to: outer, p: 0.2 }, { to: done, p: 0.8 }, { to: solo, p: 0 }] }
            done: { duration: 1h }
    `);
    expect(diagnose(text)).toEqual([]);
  });

  it('reports a node that is never reached from the start, counting no p = 0 branch', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a: { branch: [{ to: b, p: 1 }, { to: c, p: 0 }] }
            b: { duration: 1h }
            c: { duration: 1h }
    `);
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'c: {'),
      path: 'flows.f.nodes.c',
      message: "node 'c' is never reached from start 'a'; lead to it with next, branch or parallel, or remove it",
    });
  });

  it("names the reached node an unreached one's name is a misspelling of", () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: capture_order
          nodes:
            capture_order: { duration: 1h, next: design }
            design: { duration: 1h }
            capture_ordr: { duration: 2m }
            archive: { duration: 1h }
    `);
    expect(diagnose(text).map((d) => d.message)).toEqual([
      "node 'capture_ordr' is never reached from start 'capture_order'; lead to it with next, branch or parallel, or remove it; did you mean 'capture_order'?",
      "node 'archive' is never reached from start 'capture_order'; lead to it with next, branch or parallel, or remove it",
    ]);
  });

  it('reports a flow with no end at its nodes', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a: { duration: 1h, next: b }
            b: { duration: 1h, next: a }
    `);
    expect(onlyProblem(text)).toEqual({
      at: '7:5',
      path: 'flows.f.nodes',
      message: "flow 'f' has no end: every task has a next; leave next out of the task that finishes a case",
    });
  });

  it('reports each node of a loop with no way out', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a: { branch: [{ to: b, p: 0.5 }, { to: done, p: 0.5 }] }
            b: { duration: 1h, next: c }
            c: { branch: [{ to: b, p: 1 }, { to: done, p: 0 }] }
            done: { duration: 1h }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'b: {'),
        path: 'flows.f.nodes.b',
        message: "node 'b' is in a loop with no way out (no path from it reaches an end)",
      },
      {
        at: where(text, 'c: {'),
        path: 'flows.f.nodes.c',
        message: "node 'c' is in a loop with no way out (no path from it reaches an end)",
      },
    ]);
  });

  it('reports a token of a fork that can end before the join, at the node where it ends', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: split
          nodes:
            split: { parallel: [a, b], join: j }
            a: { duration: 1h, next: j }
            b: { branch: [{ to: j, p: 0.5 }, { to: lost, p: 0.5 }] }
            lost: { duration: 1h }
            j: { duration: 1h }
    `);
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'lost: {'),
      path: 'flows.f.nodes.lost',
      message: "a token from fork 'split' can end at 'lost' before reaching its join 'j'; lead 'lost' on to 'j' with next",
    });
  });

  it('reports a branch of a fork that never reaches its join, at the branch', () => {
    // Without an end on the way, a branch can only miss its join by going round for ever.
    const text = withFlows(yaml`
      flows:
        f:
          start: split
          nodes:
            split: { parallel: [a, b], join: j }
            a: { duration: 1h, next: j }
            b: { duration: 1h, next: c }
            c: { duration: 1h, next: b }
            j: { duration: 1h }
    `);
    expect(diagnose(text)).toEqual([
      { at: where(text, 'b]'), path: 'flows.f.nodes.split.parallel.1', message: "fork 'split': branch 'b' never reaches join 'j'" },
      {
        at: where(text, 'b: {'),
        path: 'flows.f.nodes.b',
        message: "node 'b' is in a loop with no way out (no path from it reaches an end)",
      },
      {
        at: where(text, 'c: {'),
        path: 'flows.f.nodes.c',
        message: "node 'c' is in a loop with no way out (no path from it reaches an end)",
      },
    ]);
  });

  it('reports a branch that leads back to its own fork before the join, and a fork that lists itself', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: split
          nodes:
            split: { parallel: [work, other], join: done }
            work: { duration: 1h, next: redo }
            redo: { branch: [{ to: split, p: 0.1 }, { to: done, p: 0.9 }] }
            other: { duration: 1h, next: done }
            done: { duration: 1h, next: again }
            again: { parallel: [again, x], join: end }
            x: { duration: 1h, next: end }
            end: { duration: 1h }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'work, other'),
        path: 'flows.f.nodes.split.parallel.0',
        message:
          "fork 'split': branch 'work' leads back to 'split' before reaching join 'done'; a branch must reach the join first (put rework inside the branch, or after the join)",
      },
      {
        at: where(text, 'again, x'),
        path: 'flows.f.nodes.again.parallel.0',
        message:
          "fork 'again': branch 'again' leads back to 'again' before reaching join 'end'; a branch must reach the join first (put rework inside the branch, or after the join)",
      },
    ]);
  });

  it('accepts nested forks that share their join', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: outer
          nodes:
            outer: { parallel: [inner, slow], join: done }
            inner: { parallel: [c, d], join: done }
            c: { duration: 1h, next: done }
            d: { duration: 2h, next: done }
            slow: { duration: 10h, next: done }
            done: { duration: 0 }
    `);
    expect(diagnose(text)).toEqual([]);
  });

  it('crosses a nested fork in one step to its own join', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: split
          nodes:
            split: { parallel: [inner, c], join: j }
            inner: { parallel: [a, b], join: k }
            a: { duration: 1h, next: k }
            b: { duration: 1h, next: k }
            k: { duration: 1h }
            c: { duration: 1h, next: j }
            j: { duration: 1h }
    `);
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'k: {'),
      path: 'flows.f.nodes.k',
      message: "a token from fork 'split' can end at 'k' before reaching its join 'j'; lead 'k' on to 'j' with next",
    });
  });

  it('leaves the graph alone while a link names no node, so one typo is one problem', () => {
    const text = withFlows(yaml`
      flows:
        f:
          start: a
          nodes:
            a: { duration: 1h, next: bb }
            b: { duration: 1h }
    `);
    expect(diagnose(text).map((d) => d.path)).toEqual(['flows.f.nodes.a.next']);
  });
});
