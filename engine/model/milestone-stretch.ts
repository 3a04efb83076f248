// The stretch of a flow a milestone times: the nodes a case may pass between entering its `from`
// (its arrival for `start`) and first leaving its `to`. A milestone is its from and to *in their
// places in the flow*: a variant that keeps both names but routes a kept step into or out of the
// stretch (another `next`, branch or start) times another stretch under the same name, which the
// `definition` warning reads here (s34e item 4). Invariant: by node names, so two models of one
// scenario (baseline and variant, each with its own ids) compare.
import { type ModelFlow, type ModelKpi, NODE_KIND, type Model, type ModelNode } from './model.js';

/** The names of the nodes on some path from the milestone's `from` to its `to`, both included (a fork's branches lead on to its join). */
export function milestoneStretch(model: Model, flow: ModelFlow, kpi: Pick<ModelKpi, 'from' | 'to'>): Set<string> {
  const first = kpi.from < 0 ? flow.start : kpi.from;
  const onward = (id: number): number[] => successors(model.nodes[id]);
  // past `to` nothing is timed: its first leaving ends the milestone
  const reach = (from: number): Set<number> => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === kpi.to) continue;
      for (const next of onward(id))
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    }
    return seen;
  };
  const out = new Set<string>();
  for (const id of reach(first)) if (id === kpi.to || reach(id).has(kpi.to)) out.add(model.nodes[id].name);
  return out;
}

function successors(node: ModelNode): number[] {
  if (node.kind === NODE_KIND.decision) return node.branchTo;
  if (node.kind === NODE_KIND.fork) return [...node.parallel, node.join];
  return node.next < 0 ? [] : [node.next];
}
