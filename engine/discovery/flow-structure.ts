// The control flow of one process, discovered as nested chains: at each level, activities
// that run in parallel form a block (a fork and its join) whose branches are chains of their
// own, and everything else is a first-order chain of steps with the observed shares of what
// follows each (sequences, exclusive choices, rework loops). The parallel cut follows the
// inductive miner: the activities connected by the concurrency relation form a block, and
// its branches are the groups connected by the complement (activities that never run in
// parallel with each other). Invariant: every symbol of a chain reaches its end.
import { largest } from '../lists.js';
import { type FoldedPath, type KeptPath, keepLoopPasses } from './loop-passes.js';
import { visitSplit, type VisitSplit } from './visit-classes.js';

export const START = -1;
export const END = -2;

export type ChainSymbol = { kind: 'activity'; activity: number } | { kind: 'block'; block: Block };

export interface Chain {
  symbols: ChainSymbol[];
  /** from (symbol index or START) -> to (symbol index or END) -> count */
  transitions: Map<number, Map<number, number>>;
  /** transitions folded as rare: from, to, count */
  folded: FoldedPath[];
  /** rare transitions kept because folding them would lengthen a loop (loop-passes.ts), in the order kept */
  keptForLoops: KeptPath[];
  /** symbols left out because only folded transitions led to them */
  dropped: ChainSymbol[];
  occurrences: number; // sequences this chain was built from
  /**
   * from -> to -> exits by the pass of `from` they follow (index 0: the case's first pass of
   * it): what visit-classes.ts splits. Counted in the flow's own chain only, whose passes are
   * the case's; a parallel branch's chain sees one pass of its block at a time. Its counts add
   * up to `transitions`' for every exit kept there, but for the cases under way when the log
   * opened (StructureInput.entrySeen), whose passes before it are unknown: they are not counted.
   */
  byPass: Map<number, Map<number, number[]>>;
  /** from -> its exits split by pass (visit-classes.ts), where the split is kept: the split's columns are `targets`' */
  visitSplits: Map<number, { targets: number[]; split: VisitSplit }>;
}

export interface Block {
  id: number;
  branches: Chain[];
  activities: number[];
  /** pairs across branches that are not concurrent in the log: the cut is approximate */
  inexact: number;
}

export interface StructureInput {
  activityOf: (event: number) => number;
  concurrent: (a: number, b: number) => boolean;
  /** the activities `concurrent` pairs with `a` (concurrency.ts' partners): the blocks are found from them */
  partners: (a: number) => readonly number[];
  minShare: number;
  /**
   * false for an event too near the log's end for the log to show what followed it (the case
   * may be open): no transition out of it is counted, neither to a next step nor to the end,
   * unless its step would otherwise have none. Absent: every exit is seen.
   */
  exitSeen?: (event: number) => boolean;
  /**
   * false for a sequence whose beginning the log does not show (a case under way when the log
   * opened, log-start.ts; a branch's part of such a case's first block pass): its entry is not
   * counted as a transition from the start, unless the start would otherwise have none, and its
   * passes are unknown (not counted by pass). Absent: every entry is seen.
   */
  entrySeen?: (sequence: readonly number[]) => boolean;
  /**
   * false for a sequence whose end the log does not show, whatever exitSeen says of its last
   * event (a branch's part of the last block pass of a case the log's end cut: discoverChain
   * sets it for its branches): its exit to the end is not counted, unless its step would
   * otherwise have none. Absent: every end is seen as exitSeen says.
   */
  endSeen?: (sequence: readonly number[]) => boolean;
}

let blockSerial = 0;

export function discoverChain(activities: number[], sequences: number[][], input: StructureInput, depth = 0): Chain {
  if (depth === 0) blockSerial = 0;
  const blocks = parallelCuts(activities, input.concurrent, input.partners);
  const blockOf = new Map<number, { index: number; branch: number }>();
  blocks.forEach((b, index) => b.branches.forEach((branch, i) => branch.forEach((a) => blockOf.set(a, { index, branch: i }))));
  const symbols: ChainSymbol[] = [];
  const symbolOfActivity = new Map<number, number>();
  const symbolOfBlock = new Map<number, number>();
  const subsequences: number[][][][] = blocks.map((b) => b.branches.map(() => []));
  const blockObjects: Block[] = blocks.map((b) => ({ id: 0, branches: [], activities: b.branches.flat(), inexact: b.inexact }));
  const transitions = new Map<number, Map<number, number>>();
  /** transitions out of events whose exit the log cannot show: counted only where needed (below) */
  const unseen = new Map<number, Map<number, number>>();
  const count = (from: number, to: number, into = transitions) => {
    let m = into.get(from);
    if (!m) into.set(from, (m = new Map()));
    m.set(to, (m.get(to) ?? 0) + 1);
  };
  const byPass = new Map<number, Map<number, number[]>>();
  const unseenByPass = new Map<number, Map<number, number[]>>();
  const countPass = (from: number, to: number, pass: number, into: Map<number, Map<number, number[]>>) => {
    let m = into.get(from);
    if (!m) into.set(from, (m = new Map()));
    let row = m.get(to);
    if (!row) m.set(to, (row = []));
    while (row.length <= pass) row.push(0);
    row[pass]++;
  };
  const passes = new Map<number, number>(); // this case's passes of each symbol so far (the flow's own chain only)
  const exitSeen = input.exitSeen ?? (() => true);
  const entrySeen = input.entrySeen ?? (() => true);
  const endSeen = input.endSeen ?? (() => true);
  // A block's branch parts whose beginning or end the log does not show (the first block pass of
  // a case under way at the log's start, the last of a case the log's end cut): a branch whose
  // steps fell outside the window is seen empty, which is no path from the fork to the join
  // (fiber's windowed log: 6% of its cases went from reserving the port straight to the install).
  const cutEntry = new Set<readonly number[]>();
  const cutEnd = new Set<readonly number[]>();
  for (const seq of sequences) {
    const entered = entrySeen(seq);
    const ended = endSeen(seq);
    let previous = START;
    let previousSeen = entered;
    let previousPass = 0;
    passes.clear();
    let k = 0;
    while (k < seq.length) {
      const a = input.activityOf(seq[k]);
      const inBlock = blockOf.get(a);
      let symbol: number;
      if (inBlock === undefined) {
        symbol = symbolOfActivity.get(a) ?? -1;
        if (symbol < 0) {
          symbol = symbols.push({ kind: 'activity', activity: a }) - 1;
          symbolOfActivity.set(a, symbol);
        }
        k++;
      } else {
        symbol = symbolOfBlock.get(inBlock.index) ?? -1;
        if (symbol < 0) {
          symbol = symbols.push({ kind: 'block', block: blockObjects[inBlock.index] }) - 1;
          symbolOfBlock.set(inBlock.index, symbol);
        }
        // One run of the block's events is one pass through the fork and its join.
        const branches: number[][] = blocks[inBlock.index].branches.map(() => []);
        while (k < seq.length) {
          const at = blockOf.get(input.activityOf(seq[k]));
          if (at === undefined || at.index !== inBlock.index) break;
          branches[at.branch].push(seq[k]);
          k++;
        }
        const entryCut = previous === START && !entered;
        const endCut = k >= seq.length && (!ended || !exitSeen(seq[k - 1]));
        branches.forEach((events, i) => {
          subsequences[inBlock.index][i].push(events);
          if (entryCut) cutEntry.add(events);
          if (endCut) cutEnd.add(events);
        });
      }
      count(previous, symbol, previousSeen ? transitions : unseen);
      if (depth === 0 && entered) countPass(previous, symbol, previousPass, previousSeen ? byPass : unseenByPass);
      previous = symbol;
      previousSeen = exitSeen(seq[k - 1]);
      previousPass = passes.get(symbol) ?? 0;
      passes.set(symbol, previousPass + 1);
    }
    if (!ended) previousSeen = false;
    count(previous, END, previousSeen ? transitions : unseen);
    if (depth === 0 && entered) countPass(previous, END, previousPass, previousSeen ? byPass : unseenByPass);
  }
  const waiting = new Set(unseen.keys());
  countUnseenWhereNeeded(transitions, unseen);
  // the unseen exits a step took (countUnseenWhereNeeded) count by pass too
  for (const from of waiting) {
    if (unseen.has(from) || !unseenByPass.has(from)) continue;
    for (const [to, row] of unseenByPass.get(from)!)
      row.forEach((c, pass) => {
        for (let i = 0; i < c; i++) countPass(from, to, pass, byPass);
      });
  }
  blocks.forEach((b, index) => {
    const block = blockObjects[index];
    block.id = ++blockSerial;
    const branchInput: StructureInput = {
      ...input,
      entrySeen: (seq) => !cutEntry.has(seq),
      endSeen: (seq) => !cutEnd.has(seq),
    };
    block.branches = b.branches.map((branch, i) => discoverChain(branch, subsequences[index][i], branchInput, depth + 1));
  });
  const chain: Chain = {
    symbols,
    transitions,
    folded: [],
    keptForLoops: [],
    dropped: [],
    occurrences: sequences.length,
    byPass,
    visitSplits: new Map(),
  };
  foldRare(chain, input.minShare);
  splitByPass(chain);
  return chain;
}

/**
 * The pairs of activities a chain runs in parallel: in different branches of one of its blocks,
 * at any depth, as keys a * m + b (both orders) into `into`. The log's concurrency relation may
 * hold where no parallel cut exists (its activities then run as the sequence observed): what
 * the simulation enables a step after is this relation's, not the log's.
 */
export function parallelPairs(chain: Chain, m: number, into = new Set<number>()): Set<number> {
  for (const s of [...chain.symbols, ...chain.dropped]) {
    if (s.kind !== 'block') continue;
    const branches = s.block.branches.map(activitiesOf);
    for (let i = 0; i < branches.length; i++)
      for (let j = i + 1; j < branches.length; j++)
        for (const a of branches[i])
          for (const b of branches[j]) {
            into.add(a * m + b);
            into.add(b * m + a);
          }
    for (const branch of s.block.branches) parallelPairs(branch, m, into);
  }
  return into;
}

/** Every activity of a chain, its blocks' and its dropped steps' included. */
export function activitiesOf(chain: Chain): number[] {
  return [...chain.symbols, ...chain.dropped].flatMap((s) =>
    s.kind === 'activity' ? [s.activity] : s.block.branches.flatMap(activitiesOf),
  );
}

/**
 * A step whose counted exits do not reach the end (all its exits were too near the log's end,
 * say) takes its unseen ones too, until every step that has exits reaches the end.
 */
function countUnseenWhereNeeded(transitions: Map<number, Map<number, number>>, unseen: Map<number, Map<number, number>>): void {
  for (;;) {
    const reaching = reachesEnd(transitions);
    const needy = [...unseen.keys()].filter((from) => !reaching.has(from));
    if (needy.length === 0) return;
    for (const from of needy) {
      let m = transitions.get(from);
      if (!m) transitions.set(from, (m = new Map()));
      for (const [to, c] of unseen.get(from)!) m.set(to, (m.get(to) ?? 0) + c);
      unseen.delete(from);
    }
  }
}

/**
 * Concurrency components of at least two activities, split into branches by the complement.
 * Walked along the pairs that are concurrent (`partners`), never over every pair of activities:
 * the cost grows with the activities and their concurrent pairs (a log of 5,000 activities, a
 * few concurrent each, asked 25 million pairs).
 */
function parallelCuts(
  activities: number[],
  concurrent: (a: number, b: number) => boolean,
  partners: (a: number) => readonly number[],
): { branches: number[][]; inexact: number }[] {
  const cuts: { branches: number[][]; inexact: number }[] = [];
  for (const component of concurrentComponents(activities, partners)) {
    if (component.length < 2) continue;
    const branches = complementComponents(component, concurrent);
    if (branches.length < 2) continue; // no parallel cut: treated as a sequence (the order observed)
    // pairs across branches that are not concurrent: all pairs across, less the concurrent ones
    const branchOf = new Map<number, number>();
    branches.forEach((branch, i) => branch.forEach((a) => branchOf.set(a, i)));
    let across = component.length * component.length;
    for (const branch of branches) across -= branch.length * branch.length;
    let inexact = across / 2;
    for (const a of component)
      for (const b of partners(a)) {
        const other = branchOf.get(b);
        if (b > a && other !== undefined && other !== branchOf.get(a)) inexact--;
      }
    cuts.push({ branches, inexact });
  }
  return cuts;
}

/** The groups of `items` linked through `partners` (a pair's partners hold each other), each sorted, in the order of their first item. */
function concurrentComponents(items: number[], partners: (a: number) => readonly number[]): number[][] {
  const groups: number[][] = [];
  const member = new Set(items);
  const done = new Set<number>();
  for (const start of items) {
    if (done.has(start)) continue;
    const group = [start];
    done.add(start);
    for (let i = 0; i < group.length; i++) {
      for (const other of partners(group[i])) {
        if (member.has(other) && !done.has(other)) {
          done.add(other);
          group.push(other);
        }
      }
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/**
 * The groups of `items` linked through pairs that are not `concurrent`, each sorted, in the order
 * of their first item. Each group's items look among those left: each look either takes an item
 * or meets a concurrent pair, so the looks are the items and the concurrent pairs.
 */
function complementComponents(items: number[], concurrent: (a: number, b: number) => boolean): number[][] {
  const groups: number[][] = [];
  let left = items;
  while (left.length > 0) {
    const group = [left[0]];
    left = left.slice(1);
    for (let i = 0; i < group.length && left.length > 0; i++) {
      const kept: number[] = [];
      for (const other of left) {
        if (concurrent(group[i], other)) kept.push(other);
        else group.push(other);
      }
      left = kept;
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/**
 * Folds transitions taken less than `minShare` of the times their step is left, as long as
 * every step still reaches the end and no loop is gone round more than `minShare` more often
 * (loop-passes.ts); steps only rare transitions led to are dropped.
 */
function foldRare(chain: Chain, minShare: number): void {
  const unfolded = new Map([...chain.transitions].map(([from, targets]) => [from, new Map(targets)]));
  const removed: FoldedPath[] = [];
  for (const [from, targets] of chain.transitions) {
    let total = 0;
    for (const c of targets.values()) total += c;
    const best = largest(targets.values());
    for (const [to, c] of [...targets]) {
      if (c / total < minShare && c < best) {
        targets.delete(to);
        removed.push({ from, to, count: c, total });
      }
    }
  }
  // Restore, for a step that can no longer reach the end, what it lost.
  for (;;) {
    const reaching = reachesEnd(chain.transitions);
    const stuck = removed.find((r) => !reaching.has(r.from) && (r.to === END || reaching.has(r.to)));
    if (!stuck) break;
    chain.transitions.get(stuck.from)!.set(stuck.to, stuck.count);
    removed.splice(removed.indexOf(stuck), 1);
  }
  chain.keptForLoops = keepLoopPasses(chain.transitions, unfolded, removed, chain.symbols.length, minShare);
  chain.folded = removed;
  const reachable = new Set<number>();
  const stack = [START];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const to of chain.transitions.get(s)?.keys() ?? []) {
      if (to !== END && !reachable.has(to)) {
        reachable.add(to);
        stack.push(to);
      }
    }
  }
  chain.symbols.forEach((s, i) => {
    if (!reachable.has(i)) {
      chain.dropped.push(s);
      chain.transitions.delete(i);
    }
  });
}

/**
 * Each step's exits split by the case's pass of it, where the split is kept (visit-classes.ts).
 * A split step keeps its rare exits too: folded for being rare over all its passes, an exit
 * can be common on later ones (bpic2012: cancellations and declines make 8% of the exits after
 * the first pass of 'W_Completeren aanvraag' and 27% after the 14th), and folded there it would
 * leave the later passes going round again instead (0.96 against 0.70). Only exits to a step
 * still in the chain, or to the end, come back: each reaches the end.
 */
function splitByPass(chain: Chain): void {
  const foldedFrom = new Map<number, FoldedPath[]>();
  for (const r of chain.folded) {
    const list = foldedFrom.get(r.from);
    if (list === undefined) foldedFrom.set(r.from, [r]);
    else list.push(r);
  }
  const restored = new Set<FoldedPath>();
  for (const [from, rows] of chain.byPass) {
    const kept = chain.transitions.get(from);
    if (kept === undefined || from === START) continue;
    const restorable = (foldedFrom.get(from) ?? []).filter((r) => r.to === END || chain.transitions.has(r.to));
    const targets = [...kept.keys(), ...restorable.map((r) => r.to)];
    const split = visitSplit(targets.map((to) => rows.get(to) ?? []));
    if (split === null) continue;
    for (const r of restorable) {
      kept.set(r.to, r.count);
      restored.add(r);
    }
    chain.visitSplits.set(from, { targets, split });
  }
  if (restored.size > 0) chain.folded = chain.folded.filter((r) => !restored.has(r));
}

/** The steps (START included) from which some transition leads to END: walked back from END once, each transition once. */
function reachesEnd(transitions: Map<number, Map<number, number>>): Set<number> {
  const into = new Map<number, number[]>(); // step -> the steps with a transition to it
  const reach = new Set<number>();
  const stack: number[] = [];
  for (const [from, targets] of transitions)
    for (const to of targets.keys()) {
      if (to === END) {
        if (!reach.has(from)) {
          reach.add(from);
          stack.push(from);
        }
        continue;
      }
      const list = into.get(to);
      if (list === undefined) into.set(to, [from]);
      else list.push(from);
    }
  while (stack.length > 0)
    for (const from of into.get(stack.pop()!) ?? [])
      if (!reach.has(from)) {
        reach.add(from);
        stack.push(from);
      }
  return reach;
}
