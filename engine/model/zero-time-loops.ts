// Loops a case can go round without time passing: decisions, forks and tasks that take no
// time (a duration of 0, always or for some draws). The simulator handles each pass at the
// same instant, so a loop whose way out is unlikely stalls the run's clock. Here, per flow,
// the expected passes round each such loop, from the absorbing Markov chain of its nodes:
// with Q the zero-time routing weights inside the loop, the expected passes from each node
// before the case leaves it (or time moves) are x = (I - Q)⁻¹·1.
//
// Invariant: a task's edges are weighted by the share of its draws that are 0, so a loop with
// one step that always takes time has no zero-time loop at all.
import { zeroDrawShare } from '../scenario/distribution.js';
import type { FlowSpec } from '../scenario/types.js';
import { componentsInTopologicalOrder, readFlowRoutingEdges, routingEdges, solveComponent, type RoutingEdge } from './routing-chain.js';
import { largest } from '../lists.js';

/** Expected passes per entry above which a loop is worth a warning (a rework loop makes a few). */
export const ZERO_TIME_PASSES_WARNING = 1000;

export interface ZeroTimeLoop {
  /** the loop's nodes, in document order */
  nodes: string[];
  /** the expected passes round the loop from the node it is entered at, the largest over its nodes (any may be an entry: an upper bound); Infinity: no way out in zero time */
  expectedPasses: number;
}

/** Where a loop's problems are placed: its first decision in the flow's order (where the way out is chosen), else its first node. */
export function loopAnchor(flow: FlowSpec, loop: ZeroTimeLoop): string {
  return flow.nodes.find((n) => n.kind === 'decision' && loop.nodes.includes(n.name))?.name ?? loop.nodes[0];
}

/** The flow's zero-time loops whose expected passes reach `atLeast`. */
export function zeroTimeLoops(flow: FlowSpec, atLeast = ZERO_TIME_PASSES_WARNING): ZeroTimeLoop[] {
  return everyZeroTimeLoop(flow, routingEdges(flow)).filter((loop) => !(loop.expectedPasses < atLeast));
}

/**
 * Every zero-time loop of a flow as validation read it, found once: the flow's check refuses the
 * endless ones (graph-checks.ts) and its warnings tell the rest (warnings.ts), each filtering the
 * one search. Held by the flow object, which validation settles (settleVisitShares) before the
 * first search and never changes after; a flow whose node list was replaced is searched anew.
 */
export function readFlowZeroTimeLoops(flow: FlowSpec, atLeast = ZERO_TIME_PASSES_WARNING): ZeroTimeLoop[] {
  let held = searched.get(flow);
  if (held === undefined || held.nodes !== flow.nodes)
    searched.set(flow, (held = { nodes: flow.nodes, loops: everyZeroTimeLoop(flow, readFlowRoutingEdges(flow)) }));
  return held.loops.filter((loop) => !(loop.expectedPasses < atLeast));
}

const searched = new WeakMap<FlowSpec, { nodes: FlowSpec['nodes']; loops: readonly ZeroTimeLoop[] }>();

/** `edges`: routingEdges(flow), read here, not changed. */
function everyZeroTimeLoop(flow: FlowSpec, edges: readonly RoutingEdge[][]): ZeroTimeLoop[] {
  // A task on a case-age timer passes at once whenever the case is past its age: on a loop, every pass once the case is old enough.
  const zeroShare = flow.nodes.map((node) => (node.kind !== 'task' || node.until === 'case_age' ? 1 : zeroDrawShare(node.duration)));
  const out: RoutingEdge[][] = edges.map((from, i) => from.map((e) => ({ to: e.to, w: e.w * zeroShare[i] })).filter((e) => e.w > 0));
  const loops: ZeroTimeLoop[] = [];
  for (const component of componentsInTopologicalOrder(out)) {
    const looped = component.length > 1 || out[component[0]].some((e) => e.to === component[0]);
    if (!looped) continue;
    const passes = solveComponent(component, out, () => 1);
    // Every pass counts the node itself, so fewer than 1 means no solution: the loop cannot be left.
    const expectedPasses = passes.every((x) => Number.isFinite(x) && x >= 1) ? largest(passes) : Infinity;
    loops.push({ nodes: [...component].sort((a, b) => a - b).map((i) => flow.nodes[i].name), expectedPasses });
  }
  return loops;
}
