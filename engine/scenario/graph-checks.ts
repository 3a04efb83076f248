// The shape of a flow's graph: every node is reached from the start, the flow can end,
// no case gets trapped in a loop, and every token of a fork arrives at its join. These run
// on a flow whose links all name existing nodes (validate-flow.ts makes sure of that).

import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';
import { type FlowSpec, FROM_ARRIVAL, type NodeSpec } from './types.js';
import { everTaken } from './visit-shares.js';
import { loopAnchor, readFlowZeroTimeLoops } from '../model/zero-time-loops.js';

type Nodes = ReadonlyMap<string, NodeSpec>;

export function checkFlowGraph(flow: FlowSpec, flowPath: KeyPath, problems: Problems): void {
  const found = problems.count;
  const nodes: Nodes = new Map(flow.nodes.map((node) => [node.name, node]));
  const at = (name: string): KeyPath => [...flowPath, 'nodes', name];
  const reached = reachable([flow.start], (name) => entered(nodes.get(name)!));
  // A node never reached whose name is a reached one's, misspelt, is most likely that node meant:
  // a variant's patch that misspells the node it changes adds a node of its own instead.
  let reachedNames: string[] | null = null; // listed only when a node is not reached
  for (const node of flow.nodes) {
    if (!reached.has(node.name)) {
      reachedNames ??= [...reached];
      problems.atKey(
        at(node.name),
        `node '${node.name}' is never reached from start '${flow.start}'; lead to it with next, branch or parallel, or remove it${didYouMean(node.name, reachedNames)}`,
      );
    }
  }
  const ends = flow.nodes.filter(isEnd).map((node) => node.name);
  if (ends.length === 0) {
    problems.atKey(
      [...flowPath, 'nodes'],
      `flow '${flow.name}' has no end: every task has a next; leave next out of the task that finishes a case`,
    );
  } else {
    const canEnd = reachable(ends, predecessorsOf(flow.nodes));
    for (const node of flow.nodes) {
      if (reached.has(node.name) && !canEnd.has(node.name)) {
        problems.atKey(at(node.name), `node '${node.name}' is in a loop with no way out (no path from it reaches an end)`);
      }
    }
  }
  for (const node of flow.nodes) {
    if (node.kind === 'fork') checkFork(node, nodes, flowPath, problems);
  }
  // on a graph otherwise sound: a trap or a fork's branch looping back is told as such alone
  if (problems.count === found) checkEndlessZeroTimeLoops(flow, flowPath, problems);
}

/**
 * A loop of steps that may take no time whose way out has probability 0 from some visit on (`p`
 * per visit ending in 0): a case that comes round it that often passes through it without end at
 * one instant, certainly (an `until: case_age` step takes no time once the case is past its
 * age), and the run stops with an error after a million steps (s32x F20). Known before any
 * simulation, so refused here; a way out that is merely unlikely is a warning (warnings.ts).
 */
function checkEndlessZeroTimeLoops(flow: FlowSpec, flowPath: KeyPath, problems: Problems): void {
  for (const loop of readFlowZeroTimeLoops(flow, Number.POSITIVE_INFINITY)) {
    const first = loopAnchor(flow, loop);
    const aged = flow.nodes
      .filter((n) => n.kind === 'task' && n.until === 'case_age' && loop.nodes.includes(n.name))
      .map((n) => `'${n.name}'`);
    problems.atKey(
      [...flowPath, 'nodes', first],
      `nodes ${loop.nodes.map((n) => `'${n}'`).join(', ')} of flow '${flow.name}' form a loop that may take no time${aged.length === 0 ? '' : ` (${aged.join(', ')} ${aged.length === 1 ? 'waits' : 'wait'} for the case's age, and ${aged.length === 1 ? 'takes' : 'take'} no time once the case is past it)`}, ` +
        `and its way out has probability 0 from some visit on: a case that comes round it that often passes through it without end, all at one instant, and the run stops with an error. ` +
        'Give the way out a probability above 0 at every visit, or a step of the loop a duration',
    );
  }
}

/**
 * A milestone (`kpis`) no case can measure: it runs from a case's first entry into `from` to its
 * first leaving of `to` (engine/sim/milestones.ts), so a case is measured only if it can enter
 * `from` before it first leaves `to`, and leave `to` after that. When the flow's graph rules
 * either out for every case, the milestone would be empty in every replication, silently (s31x
 * F8): refused at its `from` or `to`. Over-approximated where tokens run in parallel (a `to` in
 * another branch of a fork than `from` counts as reachable), so only a sure case is refused. A
 * `from` or `to` no path reaches is left to the unreachable node's own error.
 */
export function checkMilestoneReach(flow: FlowSpec, flowPath: KeyPath, problems: Problems): void {
  const nodes: Nodes = new Map(flow.nodes.map((node) => [node.name, node]));
  const step = (name: string) => entered(nodes.get(name)!);
  const reached = reachable([flow.start], step);
  for (const kpi of flow.kpis) {
    if (!nodes.has(kpi.to) || (kpi.from !== FROM_ARRIVAL && !nodes.has(kpi.from))) continue; // refused already
    const at = [...flowPath, 'kpis', kpi.name];
    const from = kpi.from === FROM_ARRIVAL ? flow.start : kpi.from;
    // a node no path reaches is refused as such (checkFlowGraph, which runs on the same flow): of
    // it, "every path to it passes `to` first" held only because there is no path at all (s32x F16)
    if (!reached.has(from) || !reached.has(kpi.to)) continue;
    // where a case can be before it first leaves `to`: nothing after `to` is walked
    const before = reachable([flow.start], (name) => (name === kpi.to ? [] : step(name)));
    if (!before.has(from)) {
      problems.atValue(
        [...at, 'from'],
        `milestone '${kpi.name}' of flow '${flow.name}' can measure no case: every path to '${kpi.from}' passes '${kpi.to}' first, and the milestone ends the first time a case leaves '${kpi.to}'; swap from and to, or pick other nodes`,
      );
      continue;
    }
    if (kpi.to === from || reachable([from], step).has(kpi.to) || inParallel(from, kpi.to, flow.nodes, nodes)) continue;
    problems.atValue(
      [...at, 'to'],
      `milestone '${kpi.name}' of flow '${flow.name}' can measure no case: no path leads from '${kpi.from}' to '${kpi.to}'; swap from and to, or pick other nodes`,
    );
  }
}

/** Whether `a` and `b` lie on different parallel branches of one fork (before its join): their order is the tokens' timing, not the graph's. */
function inParallel(a: string, b: string, list: readonly NodeSpec[], nodes: Nodes): boolean {
  for (const fork of list) {
    if (fork.kind !== 'fork') continue;
    const branches = fork.parallel.map((child) => {
      const walked = reachable([child], (name) => (name === fork.join ? [] : entered(nodes.get(name)!)));
      walked.delete(fork.join); // after the join the tokens are one again
      return walked;
    });
    if (branches.some((x, i) => x.has(a) && branches.some((y, j) => j !== i && y.has(b)))) return true;
  }
  return false;
}

/** A task without next: a case (or a token) finishes there. */
function isEnd(node: NodeSpec): boolean {
  return node.kind === 'task' && node.next === null;
}

/** Nodes a case can enter right after `node`: branches with p = 0 are never taken. */
function entered(node: NodeSpec): string[] {
  switch (node.kind) {
    case 'task':
      return node.next === null ? [] : [node.next];
    case 'decision':
      return taken(node);
    case 'fork':
      return [...node.parallel, node.join];
  }
}

/** Where a case goes on after `node` when a fork counts as one step to its join. */
function onward(node: NodeSpec): string[] {
  switch (node.kind) {
    case 'task':
      return node.next === null ? [] : [node.next];
    case 'decision':
      return taken(node);
    case 'fork':
      return [node.join];
  }
}

function taken(node: Extract<NodeSpec, { kind: 'decision' }>): string[] {
  return node.branch.filter(everTaken).map((b) => b.to);
}

function predecessorsOf(nodes: readonly NodeSpec[]): (name: string) => string[] {
  const before = new Map<string, string[]>(nodes.map((node) => [node.name, []]));
  for (const node of nodes) {
    for (const next of onward(node)) before.get(next)!.push(node.name);
  }
  return (name) => before.get(name)!;
}

/** Every node reachable from `from` (included) through `step`. */
function reachable(from: readonly string[], step: (name: string) => readonly string[]): Set<string> {
  const seen = new Set(from);
  const stack = [...from];
  while (stack.length > 0) {
    for (const next of step(stack.pop()!)) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * Walks each parallel branch until the join: an end met on the way means a token that
 * never arrives (the join would wait for ever), and so does a branch that cannot get there.
 * Nested forks are crossed in one step to their own join, which they check themselves.
 */
function checkFork(fork: Extract<NodeSpec, { kind: 'fork' }>, nodes: Nodes, flowPath: KeyPath, problems: Problems): void {
  const reported = new Set<string>();
  fork.parallel.forEach((child, i) => {
    const walked = reachable([child], (name) => (name === fork.join ? [] : onward(nodes.get(name)!)));
    const ends = [...walked].filter((name) => name !== fork.join && isEnd(nodes.get(name)!));
    for (const name of ends.filter((end) => !reported.has(end))) {
      reported.add(name);
      problems.atKey(
        [...flowPath, 'nodes', name],
        `a token from fork '${fork.name}' can end at '${name}' before reaching its join '${fork.join}'; lead '${name}' on to '${fork.join}' with next`,
      );
    }
    // Forking again from inside its own branch would start tokens that no join record counts.
    if (walked.has(fork.name)) {
      problems.atValue(
        [...flowPath, 'nodes', fork.name, 'parallel', i],
        `fork '${fork.name}': branch '${child}' leads back to '${fork.name}' before reaching join '${fork.join}'; ` +
          `a branch must reach the join first (put rework inside the branch, or after the join)`,
      );
      return;
    }
    // A branch that ends early has been reported above: saying it also misses the join adds nothing.
    if (ends.length === 0 && !walked.has(fork.join)) {
      problems.atValue(
        [...flowPath, 'nodes', fork.name, 'parallel', i],
        `fork '${fork.name}': branch '${child}' never reaches join '${fork.join}'`,
      );
    }
  });
}
