// A parallel block's node is named `parallel_<id>` unless a name already took it: a step the log
// calls 'Parallel 1' (task names are taken first), or another flow's block (ids restart in each
// flow). Before session 42 the writer reserved a unique name and then wrote the literal one: the
// block and the step, or the two flows' blocks, both `parallel_1`, a key twice in one map, and
// discover stopped on its own scenario not validating.
// The logs: test/support/generated-logs.ts' stepNamedLikeBlockLog and nestedBlockNamedLikeStepLog.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { reached } from '../support/discovered.js';
import type { FlowSpec, NodeSpec } from '../../engine/scenario/types.js';
import { NESTED_FOLLOW, nestedBlockNamedLikeStepLog, stepNamedLikeBlockLog } from '../support/generated-logs.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-block-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function discovered(shape: Parameters<typeof stepNamedLikeBlockLog>[1] | 'nested'): Promise<FlowSpec[]> {
  const path = join(dir, `${shape}.csv`);
  writeFileSync(path, shape === 'nested' ? nestedBlockNamedLikeStepLog(300) : stepNamedLikeBlockLog(300, shape));
  const log = await readEventLog(path, shape === 'two-flows' ? { columns: { flow: 'kind' } } : {});
  const loaded = loadScenarioText(writeScenarioYaml(discover(log, { minShare: 0.05 }), path), `${shape}.yaml`);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const flows = loaded.set!.baseline.flows;
  // every node name once in the whole scenario (discover names them all from one set)
  const names = flows.flatMap((f) => f.nodes.map((n) => n.name));
  expect(new Set(names).size).toBe(names.length);
  return flows;
}

const node = (flow: FlowSpec, name: string): NodeSpec | undefined => flow.nodes.find((n) => n.name === name);
const fork = (flow: FlowSpec, name: string) => {
  const n = node(flow, name);
  return n?.kind === 'fork' ? n : undefined;
};

test("a step named 'Parallel 1' before the block: the step keeps parallel_1, the block's forks are named from parallel_1_2", async () => {
  const [flow] = await discovered('step-first');
  const step = node(flow, 'parallel_1');
  expect(step?.kind === 'task' && step.activity).toBe('Parallel 1');
  expect(flow.start).toBe('parallel_1');
  // the block, entered after the step with A or B starting first after a wait, is written by its
  // leading branch (session 43): a decision and a fork per leading step, named from the block's name
  expect(step?.kind === 'task' && step.next).toBe('lead_of_parallel_1_2');
  const forks = [...reached(flow, 'lead_of_parallel_1_2')].sort();
  expect(forks).toEqual(['parallel_1_2_when_a_leads', 'parallel_1_2_when_b_leads']);
  for (const name of forks)
    expect(
      fork(flow, name)
        ?.parallel.flatMap((entry) => [...reached(flow, entry)])
        .sort(),
      name,
    ).toEqual(['a', 'b']);
});

test("the block opens every case from one branch, then 'Parallel 1': the fork the case starts at is parallel_1_2", async () => {
  const [flow] = await discovered('block-first');
  expect(flow.start).toBe('parallel_1_2');
  const forked = fork(flow, 'parallel_1_2');
  // B starts 5 min after A where A leads: on extraneous-delays.ts' floor, written (session 51: before, by floating point)
  expect(forked?.parallel.flatMap((entry) => [...reached(flow, entry)]).sort()).toEqual(['a', 'b']);
  expect([...reached(flow, forked!.join)]).toEqual(['parallel_1']);
  const step = node(flow, 'parallel_1');
  expect(step?.kind === 'task' && step.activity).toBe('Parallel 1');
});

test("two flows' blocks, both block 1 of their flow: the second's fork and the names made from it take the next free name", async () => {
  const [x, y] = await discovered('two-flows');
  expect([x.name, y.name]).toEqual(['x', 'y']);
  for (const name of reached(x, 'lead_of_parallel_1_2'))
    expect(
      fork(x, name)
        ?.parallel.flatMap((entry) => [...reached(x, entry)])
        .sort(),
      name,
    ).toEqual(['a', 'b']);
  // flow y's block opens its cases from either branch: a decision among a fork per opening step, named from the block's name
  expect(y.start).toBe('opening_of_parallel_1_3');
  const opening = node(y, 'opening_of_parallel_1_3');
  expect(opening?.kind === 'decision' && opening.branch.map((b) => b.to).sort()).toEqual([
    'parallel_1_3_when_c_opens',
    'parallel_1_3_when_d_opens',
  ]);
  for (const opener of ['c', 'd']) expect(fork(y, `parallel_1_3_when_${opener}_opens`)?.parallel, opener).toContain(opener);
});

test("a block inside the branch of a block that opens the case, then 'Parallel 2': the opening forks start that branch at the inner block's copies, named from parallel_2_2", async () => {
  const [flow] = await discovered('nested');
  // the inner block's branches are lanes of the outer one (session 44): A, C or D opens the case
  const opening = node(flow, 'opening_of_parallel_1');
  const forks = opening?.kind === 'decision' ? opening.branch.map((b) => b.to).sort() : [];
  expect(forks).toEqual(['parallel_1_when_a_opens', 'parallel_1_when_c_opens', 'parallel_1_when_d_opens']);
  // where A opens, C or D leads the inner block (by halves, 10 min after A): a copy per leader, named from its copy's name
  const copies = {
    a: ['parallel_2_2_when_a_opens_when_c_leads', 'parallel_2_2_when_a_opens_when_d_leads'],
    c: ['parallel_2_2_when_c_opens'],
    d: ['parallel_2_2_when_d_opens'],
  };
  for (const [opener, names] of Object.entries(copies)) {
    const outer = fork(flow, `parallel_1_when_${opener}_opens`);
    expect(outer?.parallel.flatMap((entry) => [...reached(flow, entry)]).sort(), opener).toEqual(['a', ...names]);
    for (const copy of names) {
      const inner = fork(flow, copy);
      expect(inner?.parallel.flatMap((entry) => [...reached(flow, entry)]).sort(), copy).toEqual(['c', 'd']);
      expect([...reached(flow, inner!.join)], copy).toEqual(['b']); // B may wait after the later of C and D
    }
  }
  // the inner block's own fork is not written: only the copies enter it
  expect(node(flow, 'parallel_2_2')).toBeUndefined();
  const step = node(flow, 'parallel_2');
  expect(step?.kind === 'task' && step.activity).toBe('Parallel 2');
});

test("the nested block's second step waits its generator's delay after the first, in every fork (seeds 44, 1-4)", async () => {
  // on the rounded draws of seed 44 C or D followed 3 min after the other (below the 5 min an instance a delay step
  // is written for), and the inner leaders' 5 min after A sat on that floor: written or not by floating point
  const mean = (NESTED_FOLLOW.min + NESTED_FOLLOW.mean) / 60;
  const sd = NESTED_FOLLOW.mean / 60; // an exponential's standard deviation is its mean
  for (const seed of [44, 1, 2, 3, 4]) {
    const path = join(dir, `nested-${seed}.csv`);
    writeFileSync(path, nestedBlockNamedLikeStepLog(300, seed));
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    const step = (x: string) => found.log.activities.indexOf(x);
    const [outer] = [...found.openings.values()];
    const follower = (x: string) => (x === 'C' ? 'D' : 'C');
    const readings: [string, { meanWait: number; fit: { n: number } } | null | undefined][] = [];
    // C or D opened the case: the other waits from the arrival
    for (const x of ['C', 'D']) {
      const k = outer.opener.indexOf(step(x));
      readings.push([`${x} opens`, outer.delays[k].get(step(follower(x)))]);
    }
    // A opened it: the inner block read as entered at A's start, its leader 10 min after, the other from the leader's start
    const kA = outer.opener.indexOf(step('A'));
    const [inner] = [...(outer.inner?.get(kA)?.values() ?? [])];
    expect(inner, `seed ${seed}: the inner block read where A opens`).toBeDefined();
    for (const x of ['C', 'D']) {
      const l = inner.opener.indexOf(step(x));
      expect(inner.lead?.[l]?.meanWait, `seed ${seed}: ${x} leading where A opens`).toBeCloseTo(10 / 60, 2);
      readings.push([`${x} leads where A opens`, inner.delays[l].get(step(follower(x)))]);
    }
    for (const [where, delay] of readings) {
      const n = delay?.fit.n ?? 0;
      expect(n, `seed ${seed}: ${where}`).toBeGreaterThan(40);
      // within the 99.9% interval of the mean of n draws
      expect(Math.abs(delay!.meanWait - mean), `seed ${seed}: ${where}: ${delay!.meanWait} h`).toBeLessThan((3.29 * sd) / Math.sqrt(n));
    }
  }
});
