// The stretch of a flow a milestone times: the nodes a case may pass between entering its `from`
// (its arrival for `start`) and first leaving its `to`. A milestone is its from and to *in their
// places in the flow*: a variant that keeps both names but routes a kept step into or out of the
// stretch (another `next`, branch or start) times another stretch under the same name, which the
// `definition` warning reads here (s34e item 4). Invariant: by node names, so two models of one
// scenario (baseline and variant, each with its own ids) compare.
import { type ModelFlow, type ModelKpi, NODE_KIND, type Model, type ModelNode } from './model.js';

/**
 * The names of the nodes on some path from the milestone's `from` to its `to`, both included (a fork's branches lead on
 * to its join): those a walk from `from` reaches without passing `to`, and from which a walk back from `to` comes; two
 * walks over the flow's nodes, so linear in them (the percentile warning reads every milestone's of every run).
 */
export function milestoneStretch(
  model: Pick<Model, 'nodes'>,
  flow: Pick<ModelFlow, 'start' | 'nodes'>,
  kpi: Pick<ModelKpi, 'from' | 'to'>,
): Set<string> {
  const first = kpi.from < 0 ? flow.start : kpi.from;
  const before = new Map<number, number[]>(flow.nodes.map((id) => [id, []]));
  for (const id of flow.nodes) for (const next of successors(model.nodes[id])) before.get(next)?.push(id);
  // past `to` nothing is timed: its first leaving ends the milestone
  const forward = walk(first, (id) => (id === kpi.to ? [] : successors(model.nodes[id])));
  // a node some path leads from to `to` (its first reaching of it ends the path)
  const back = walk(kpi.to, (id) => before.get(id) ?? []);
  const out = new Set<string>();
  for (const id of forward) if (back.has(id)) out.add(model.nodes[id].name);
  return out;
}

/** The ids a walk from `from` along `onward` reaches, `from` included. */
function walk(from: number, onward: (id: number) => readonly number[]): Set<number> {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0)
    for (const next of onward(stack.pop()!))
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  return seen;
}

function successors(node: ModelNode): number[] {
  if (node.kind === NODE_KIND.decision) return node.branchTo;
  if (node.kind === NODE_KIND.fork) return [...node.parallel, node.join];
  return node.next < 0 ? [] : [node.next];
}
