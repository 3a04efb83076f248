// import-bpmn on forks nested thousands deep (generated files): each fork's join is found by a walk
// that passes the blocks nested in its branches in one step (bpmn-implicit.ts, joinsOf), and where a
// flow leads through a chain of joins is read once; the scenario is the one each fork's whole walk gives.
import { describe, expect, test } from 'vitest';
import { importBpmn } from '../../engine/interchange/bpmn-import.js';
import { flowOf, importedCycleTime, nestedForks } from '../support/bpmn-model.js';

/** The flow nestedForks(depth) imports to, worked by hand: G{i} splits into A{i} and G{i+1} (each branch led on to the join's next) and joins at C{i}, which leads to C{i-1}. */
function expectedNest(depth: number) {
  const nodes: Record<string, Record<string, unknown>> = {};
  for (let i = 1; i <= depth; i++) {
    nodes[`G${i}`] = { parallel: [`A${i}`, i < depth ? `G${i + 1}` : 'B'], join: `C${i}` };
    nodes[`A${i}`] = { duration: 1, next: `C${i}` };
    nodes[`C${i}`] = { duration: 1, ...(i > 1 ? { next: `C${i - 1}` } : {}) };
  }
  nodes.B = { duration: 1, next: `C${depth}` };
  return nodes;
}

describe('forks nested deep', () => {
  test.each([50, 300])('%i levels: each fork joins at its own level, the join leading to the level around it', async (depth) => {
    const imported = await importBpmn(nestedForks(depth));
    const flow = flowOf(imported);
    expect(flow.start).toBe('G1');
    expect(flow.nodes).toEqual(expectedNest(depth));
  });

  test("50 levels run as worked by hand: the deepest branch (B, 2 h) then each level's C (0.5 h) in turn", async () => {
    const hours: Record<string, number> = { B: 2 };
    for (let i = 1; i <= 50; i++) Object.assign(hours, { [`A${i}`]: 1, [`C${i}`]: 0.5 });
    expect(await importedCycleTime(nestedForks(50), hours)).toBeCloseTo(2 + 50 * 0.5, 9);
  });

  test('5,000 levels import (each fork walked through its own level, not its whole inner block)', async () => {
    const imported = await importBpmn(nestedForks(5000));
    expect(flowOf(imported).nodes).toEqual(expectedNest(5000));
  });

  test('a flow into a nested block from outside it: no block is passed whole, and the split is told as before', async () => {
    // A1's second flow enters J300, inside G2's block: A1 splits (a fork after it) into branches that never meet as blocks
    await expect(importBpmn(nestedForks(300, 'A1>J300'))).rejects.toThrow(
      "the 2 outgoing sequence flows of task 'A1' (a parallel split) never meet at one converging parallel gateway",
    );
  });
});
