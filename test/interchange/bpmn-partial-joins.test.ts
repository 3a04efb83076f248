// import-bpmn on forks whose branches partly meet (some join at a converging gateway, others
// end apart, session 44): BPMN's join there waits for the branches that reach it alone, and the
// case ends when every branch has ended. Models written with test/support/bpmn-model.ts; each
// checked by its scenario, a cycle time from durations set by hand, and a round trip.
import { describe, expect, test } from 'vitest';
import { importBpmn, InvalidBpmn, type BpmnProblem, type ModdleElement } from '../../engine/interchange/bpmn-import.js';
import { connect, implicitEnd } from '../../engine/interchange/bpmn-implicit.js';
import {
  bpmnProcess,
  end,
  expectRoundTrip,
  exclusive,
  flowOf,
  flows,
  importedCycleTime,
  lanes,
  parallel,
  start,
  subProcess,
  task,
} from '../support/bpmn-model.js';

async function problemsOf(xml: string): Promise<BpmnProblem[]> {
  try {
    await importBpmn(xml);
  } catch (err) {
    if (err instanceof InvalidBpmn) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const END_OF_P = {
  duration: 0,
  description: "the end of process 'P': no work (added by import-bpmn: its paths end apart, and BPMN ends it when all have)",
};

describe('a parallel split whose branches partly meet', () => {
  // G into A, B and C: A and B meet at J, then D; C ends at an end event of its own
  const partly = bpmnProcess(
    start('S'),
    parallel('G'),
    task('A'),
    task('B'),
    task('C'),
    parallel('J'),
    task('D'),
    end('E1'),
    end('E2'),
    flows('S>G>A>J>D>E1', 'G>B>J', 'G>C>E2'),
  );

  test('the branches that meet are a fork of their own joined where they meet, the rest joined where every path ends', async () => {
    const imported = await importBpmn(partly);
    expect(flowOf(imported)).toEqual({
      start: 'G',
      nodes: {
        G: { parallel: ['G_to_J', 'C'], join: 'end_of_P' },
        G_to_J: { parallel: ['A', 'B'], join: 'D' },
        A: { duration: 1, next: 'D' },
        B: { duration: 1, next: 'D' },
        C: { duration: 1, next: 'end_of_P' },
        D: { duration: 1, next: 'end_of_P' },
        end_of_P: END_OF_P,
      },
    });
    expect(imported.warnings[0]).toBe(
      "parallel gateway 'G' of process 'P' splits into branches that do not all meet at one converging parallel gateway: as BPMN ends process 'P' when all its paths have ended, every path's end leads to one step of no work, added, where they join; the branches of a split that meet before the others end ('A', 'B' at 'J') are split by a fork of their own, added, joined where they meet",
    );
    // a message about the made fork names the split it comes from
    expect(imported.elements.get('flows.P.nodes.G_to_J')?.id).toBe('G');
    await expectRoundTrip(partly);
    // D runs when A and B have both ended; the case ends when D and C have
    expect(await importedCycleTime(partly, { A: 1, B: 3, C: 2, D: 1 })).toBe(4);
    expect(await importedCycleTime(partly, { A: 1, B: 3, C: 6, D: 1 })).toBe(6);
  });

  test('nested: two meet, then meet a third, and a fourth ends apart', async () => {
    const xml = bpmnProcess(
      start('S'),
      parallel('G'),
      task('A'),
      task('B'),
      task('C'),
      task('K'),
      parallel('J1'),
      task('X'),
      parallel('J2'),
      task('Y'),
      end('E1'),
      end('E2'),
      flows('S>G>A>J1>X>J2>Y>E1', 'G>B>J1', 'G>C>J2', 'G>K>E2'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'G',
      nodes: {
        G: { parallel: ['G_to_J2', 'K'], join: 'end_of_P' },
        G_to_J2: { parallel: ['G_to_J1', 'C'], join: 'Y' },
        G_to_J1: { parallel: ['A', 'B'], join: 'X' },
        A: { duration: 1, next: 'X' },
        B: { duration: 1, next: 'X' },
        C: { duration: 1, next: 'Y' },
        K: { duration: 1, next: 'end_of_P' },
        X: { duration: 1, next: 'Y' },
        Y: { duration: 1, next: 'end_of_P' },
        end_of_P: END_OF_P,
      },
    });
    expect(imported.warnings[0]).toContain("('A', 'B' at 'J1'; 'A', 'B', 'C' at 'J2')");
    await expectRoundTrip(xml);
    // max(max(A, B) + X, C) + Y beside K
    expect(await importedCycleTime(xml, { A: 1, B: 2, X: 1, C: 4, Y: 1, K: 1 })).toBe(5);
    expect(await importedCycleTime(xml, { A: 1, B: 2, X: 1, C: 1, Y: 1, K: 7 })).toBe(7);
  });

  test("a process's implicit starts, two meeting and one ending apart, and the same inside a sub-process before what follows it", async () => {
    // no start event: A, B and C start at once; A and B meet at J
    const starts = bpmnProcess(
      task('A'),
      task('B'),
      task('C'),
      parallel('J'),
      task('D'),
      end('E1'),
      end('E2'),
      flows('A>J>D>E1', 'B>J', 'C>E2'),
    );
    const imported = await importBpmn(starts);
    expect(flowOf(imported)).toEqual({
      start: 'start_of_P',
      nodes: {
        start_of_P: { parallel: ['start_of_P_to_J', 'C'], join: 'end_of_P' },
        start_of_P_to_J: { parallel: ['A', 'B'], join: 'D' },
        A: { duration: 1, next: 'D' },
        B: { duration: 1, next: 'D' },
        C: { duration: 1, next: 'end_of_P' },
        D: { duration: 1, next: 'end_of_P' },
        end_of_P: END_OF_P,
      },
    });
    // one warning for the starts and their end, one for the branches that meet (the end is not made twice)
    expect(imported.warnings.slice(0, 2)).toEqual([
      "process 'P' has no start event: a case starts at each of the 3 nodes no sequence flow enters ('A', 'B', 'C') at once, as BPMN starts them: a fork into them whose paths end apart, joined at a step of no work after which the case ends, as BPMN ends it when all have",
      "the branches of a split that meet before the others end ('A', 'B' at 'J') are split by a fork of their own, added, joined where they meet",
    ]);
    await expectRoundTrip(starts);
    expect(await importedCycleTime(starts, { A: 2, B: 1, C: 1, D: 2 })).toBe(4);
    // in a sub-process: the branches join before Z, which runs once, when all have ended
    const inner = bpmnProcess(
      start('S'),
      subProcess('SP', [
        start('SS'),
        parallel('G'),
        task('A'),
        task('B'),
        task('C'),
        parallel('J'),
        task('D'),
        end('SE1'),
        end('SE2'),
        flows('SS>G>A>J>D>SE1', 'G>B>J', 'G>C>SE2'),
      ]),
      task('Z'),
      end('E'),
      flows('S>SP>Z>E'),
    );
    const sub = await importBpmn(inner);
    expect(flowOf(sub)).toEqual({
      start: 'G',
      nodes: {
        Z: { duration: 1 },
        G: { parallel: ['G_to_J', 'C'], join: 'Z' },
        G_to_J: { parallel: ['A', 'B'], join: 'D' },
        A: { duration: 1, next: 'D' },
        B: { duration: 1, next: 'D' },
        C: { duration: 1, next: 'Z' },
        D: { duration: 1, next: 'Z' },
      },
    });
    await expectRoundTrip(inner);
    expect(await importedCycleTime(inner, { A: 1, B: 1, C: 5, D: 1, Z: 2 })).toBe(7);
  });

  test('what cannot be read as blocks is still refused at the split, once: a branch that may miss the join, a join a flow from outside enters', async () => {
    // A's decision goes to J or ends: J may wait for ever
    const missing = await problemsOf(
      bpmnProcess(
        start('S'),
        parallel('G'),
        task('A'),
        exclusive('X'),
        task('B'),
        task('C'),
        parallel('J'),
        end('E1'),
        end('E2'),
        end('E3'),
        flows('S>G>A>X>J>E1', 'X>E3', 'G>B>J', 'G>C>E2'),
      ),
    );
    expect(missing.map((p) => [p.id, p.message])).toEqual([
      ['G', "parallel gateway 'G' splits, but its branches never meet at a converging parallel gateway"],
    ]);
    // J waits for three flows, two from G's branches and one from the start's other branch
    const outside = await problemsOf(
      bpmnProcess(
        start('S'),
        parallel('G0'),
        parallel('G'),
        task('A'),
        task('B'),
        task('C'),
        task('Q'),
        parallel('J'),
        end('E1'),
        end('E2'),
        flows('S>G0>G>A>J>E1', 'G>B>J', 'G>C>E2', 'G0>Q>J'),
      ),
    );
    expect(outside.map((p) => p.id)).toEqual(['G']);
  });
});

test('a gateway with no flow out is told once, not again as a split whose branches never meet', async () => {
  const problems = await problemsOf(
    bpmnProcess(start('S'), parallel('G'), task('A'), task('B'), parallel('J'), exclusive('X'), end('E'), flows('S>G>A>J>E', 'G>B>X')),
  );
  expect(problems.map((p) => [p.id, p.message])).toEqual([['X', "gateway 'X' has no outgoing sequence flow"]]);
});

test('a split whose branches never meet is told beside a gateway with no flow out that a path reaches only past a join', async () => {
  // G's branches stop at J1 and J2 (they never meet); X, with no flow out, comes after J1: no branch of G ends there
  const problems = await problemsOf(
    bpmnProcess(
      start('S'),
      parallel('G'),
      task('A'),
      task('B'),
      task('T'),
      parallel('J1'),
      parallel('J2'),
      exclusive('X'),
      end('E'),
      flows('S>G>A>J1>T>X', 'G>B>J2>E'),
    ),
  );
  expect(problems.map((p) => [p.id, p.message])).toEqual([
    ['X', "gateway 'X' has no outgoing sequence flow"],
    ['G', "parallel gateway 'G' splits, but its branches never meet at a converging parallel gateway"],
  ]);
});

test("a sub-process's own lanes (a laneSet in it) give its tasks their teams, the innermost lane first", async () => {
  const xml = bpmnProcess(
    lanes('LS', ['Outer', 'Front desk', ['S', 'SP', 'Z', 'W']]),
    start('S'),
    subProcess('SP', [
      lanes('SLS', ['Checks', 'Checkers', ['X']], ['Signs', 'Signers', ['W']]),
      start('SS'),
      task('X'),
      task('W'),
      task('V'),
      end('SE'),
      flows('SS>X>W>V>SE'),
    ]),
    task('Z'),
    end('E'),
    flows('S>SP>Z>E'),
  );
  const imported = await importBpmn(xml);
  const nodes = flowOf(imported).nodes;
  // X and W by the sub-process's lanes (W though the outer lane lists it too); V, in none of them, by the lane that lists the sub-process; Z by its own
  expect([nodes.X.resource, nodes.W.resource, nodes.V.resource, nodes.Z.resource]).toEqual([
    'Checkers',
    'Signers',
    'Front_desk',
    'Front_desk',
  ]);
  expect(imported.elements.get('resources.Signers')?.id).toBe('Signs');
  await expectRoundTrip(xml);
  // a lane of the sub-process's with neither id nor name is told at the sub-process, as its tasks would be
  const anonymous = await problemsOf(xml.replace('<bpmn:lane id="Signs" name="Signers">', '<bpmn:lane>'));
  expect(anonymous.map((p) => [p.id, p.message])).toEqual([
    ['SP', "a Lane in sub-process 'SP' of process 'P' has no id, which BPMN requires of it and etomsim places its team's messages by"],
  ]);
});

test("an end event of the file named as the end made for a sub-process keeps its name, and a KPI naming it means it (the made one's came first)", async () => {
  // SP1, named Review, ends the case and its branches end apart: an end made for it, "end of Review"; SP2's decision ends at the file's own "end of Review"
  const xml = bpmnProcess(
    '<bpmn:extensionElements><etomsim:kpi name="k" from="start" to="end of Review"/></bpmn:extensionElements>',
    start('S'),
    exclusive('X'),
    subProcess(
      'SP1',
      [start('SS1'), parallel('G'), task('A'), task('B'), end('SE1'), end('SE2'), flows('SS1>G>A>SE1', 'G>B>SE2')],
      'Review',
    ),
    subProcess('SP2', [start('SS2'), exclusive('D'), task('T'), end('EN', { name: 'end of Review' }), flows('SS2>D>T', 'D>EN')]),
    flows('S>X>SP1', 'X>SP2'),
  ).replace('<bpmn:definitions ', '<bpmn:definitions xmlns:etomsim="https://github.com/etomsim/etomsim/bpmn/1" ');
  const imported = await importBpmn(xml);
  const flow = flowOf(imported);
  expect(flow.nodes.D.branch).toEqual([
    { to: 'T', p: 0.5 },
    { to: 'end_of_Review', p: 0.5 },
  ]);
  expect(flow.nodes.G).toEqual({ parallel: ['A', 'B'], join: 'end_of_Review_2' });
  expect(imported.elements.get('flows.P.nodes.end_of_Review')?.id).toBe('EN');
  expect(imported.elements.get('flows.P.nodes.end_of_Review_2')?.id).toBe('SP1');
  expect((flow as { kpis?: unknown }).kpis).toEqual({ k: { from: 'start', to: 'end_of_Review' } });
  await expectRoundTrip(xml);
});

test("a sub-process's start event with no flow out is refused at the start event (several flows out of it, or of the sub-process, are a fork)", async () => {
  const problems = await problemsOf(
    bpmnProcess(start('S'), subProcess('SP', [start('SS'), task('X'), end('SE'), flows('X>SE')]), end('E'), flows('S>SP>E')),
  );
  expect(problems.map((p) => [p.id, p.message])).toEqual([['SS', "start event 'SS' of sub-process 'SP' has no outgoing sequence flow"]]);
  // the start event's two flows and the sub-process's two: forks after each, joined where they meet
  const xml = bpmnProcess(
    start('S'),
    subProcess('SP', [start('SS'), task('X'), task('Y'), parallel('SJ'), end('SE'), flows('SS>X>SJ>SE', 'SS>Y>SJ')]),
    task('Z1'),
    task('Z2'),
    parallel('J'),
    end('E'),
    flows('S>SP>Z1>J>E', 'SP>Z2>J'),
  );
  await expectRoundTrip(xml);
  expect(await importedCycleTime(xml, { X: 1, Y: 2, Z1: 4, Z2: 1 })).toBe(6);
});

test("a sub-process's made end does not stand for the process's: a split after it whose branches end apart still joins where the process's paths end", async () => {
  // SP has no start event: X and Y start at once and end apart (SP's own made end); after SP, G's branches end apart
  const xml = bpmnProcess(
    start('S'),
    subProcess('SP', [task('X'), task('Y')]),
    parallel('G'),
    task('A'),
    task('B'),
    end('E1'),
    end('E2'),
    flows('S>SP>G>A>E1', 'G>B>E2'),
  );
  const imported = await importBpmn(xml);
  expect(flowOf(imported).nodes.G).toEqual({ parallel: ['A', 'B'], join: 'end_of_P' });
  await expectRoundTrip(xml);
  expect(await importedCycleTime(xml, { X: 1, Y: 2, A: 3, B: 1 })).toBe(5);
});

test("a parallel branch through a sub-process whose paths end apart passes the sub-process's made end and joins where the split's branches meet (it never met)", async () => {
  // SP without a start event (X and Y start at once), and SP with a split whose branches end apart: both in G's branch beside B, joined at J
  const around = (inner: string[]) =>
    bpmnProcess(
      start('S'),
      parallel('G'),
      subProcess('SP', inner),
      task('B'),
      parallel('J'),
      task('K'),
      end('E'),
      flows('S>G>SP>J>K>E', 'G>B>J'),
    );
  const lone = around([task('X'), task('Y')]);
  const split = around([start('SS'), parallel('SG'), task('X'), task('Y'), end('SE1'), end('SE2'), flows('SS>SG>X>SE1', 'SG>Y>SE2')]);
  expect(flowOf(await importBpmn(lone)).nodes.G).toEqual({ parallel: ['start_of_SP', 'B'], join: 'K' });
  expect(flowOf(await importBpmn(split)).nodes.G).toEqual({ parallel: ['SG', 'B'], join: 'K' });
  for (const xml of [lone, split]) {
    await expectRoundTrip(xml);
    // K after the longest of X, Y and B
    expect(await importedCycleTime(xml, { X: 1, Y: 4, B: 2, K: 1 })).toBe(5);
    expect(await importedCycleTime(xml, { X: 1, Y: 2, B: 6, K: 1 })).toBe(7);
  }
});

test('the warning of how forks ending apart are joined tells only the forks that then join: one still refused is not in it', () => {
  // G0 into G and Q; G into A, B and C; J waits for A, B and Q (a flow from outside G): neither G0 nor G joins, both are refused
  const P: ModdleElement = { $type: 'bpmn:Process', id: 'P' };
  const node = ($type: string, id: string): ModdleElement => ({ $type: `bpmn:${$type}`, id, incoming: [], outgoing: [] });
  const crossing = ['StartEvent S', 'ParallelGateway G0', 'ParallelGateway G', 'Task A', 'Task B', 'Task C', 'Task Q'];
  const nodes = new Map(
    [...crossing, 'ParallelGateway J', 'EndEvent E1', 'EndEvent E2'].map((t) => {
      const [type, id] = t.split(' ');
      return [id, node(type, id)];
    }),
  );
  const link = (...chain: string[]) => chain.slice(1).forEach((to, i) => connect(nodes.get(chain[i])!, nodes.get(to)!, P));
  link('S', 'G0', 'G', 'A', 'J', 'E1');
  link('G', 'B', 'J');
  link('G', 'C', 'E2');
  link('G0', 'Q', 'J');
  const ended = implicitEnd(P, "process 'P'", [...nodes.values()]);
  expect(ended !== null && 'warning' in ended ? ended.warning : ended).toBe('');
  // with Q's flow to an end of its own, G0 joins at the end made and G's A and B meet at J: both told
  const apart = new Map(
    [...crossing, 'ParallelGateway J', 'EndEvent E1', 'EndEvent E2', 'EndEvent E3'].map((t) => {
      const [type, id] = t.split(' ');
      return [id, node(type, id)];
    }),
  );
  nodes.clear();
  for (const [id, e] of apart) nodes.set(id, e);
  link('S', 'G0', 'G', 'A', 'J', 'E1');
  link('G', 'B', 'J');
  link('G', 'C', 'E2');
  link('G0', 'Q', 'E3');
  const joined = implicitEnd(P, "process 'P'", [...nodes.values()]);
  expect(joined !== null && 'warning' in joined ? joined.warning : joined).toBe(
    "parallel gateways 'G0', 'G' of process 'P' split into branches that do not all meet at one converging parallel gateway: as BPMN ends process 'P' when all its paths have ended, every path's end leads to one step of no work, added, where they join; the branches of a split that meet before the others end ('A', 'B' at 'J') are split by a fork of their own, added, joined where they meet",
  );
});
