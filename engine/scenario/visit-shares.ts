// A decision's branch probabilities by visit (`p: [0.3, 0.1, 0]`): the k-th entry is the
// probability on the case's k-th visit of the decision, the last entry also every visit after.
// Rework that a case does once or twice and then stops is not geometric, and a single p (a
// first-order chain) can only make it geometric.
//
// Invariant: a decision whose branches all have a single p means what it meant in the core
// format; per visit class each decision's probabilities add up to 1 (validated), and a branch's
// `p` after settleVisitShares is its long-run share of the decision's passes, so every reader
// of `p` (routing chain, offered load, process map, reports) keeps reading a share.
import { append } from '../lists.js';
import type { BranchSpec, FlowSpec, NodeSpec } from './types.js';

type Decision = Extract<NodeSpec, { kind: 'decision' }>;

/** Visit classes a branch's p may list: a rework that still changes after this many visits is rare, and each class is a table in the compiled model. */
export const MAX_VISIT_CLASSES = 100;

/** How many visit classes the decision has: 1 unless a branch gives p per visit. */
export function visitClasses(branch: readonly BranchSpec[]): number {
  let classes = 1;
  for (const b of branch) if (b.byVisit !== undefined && b.byVisit.length > classes) classes = b.byVisit.length;
  return classes;
}

/** The branch's probability on visit class k (0: the first visit): its list's entry, its last for a later class. */
export function pAtVisit(b: BranchSpec, k: number): number {
  const list = b.byVisit;
  if (list === undefined) return b.p;
  return list[k < list.length ? k : list.length - 1];
}

/** Whether the branch is ever taken: some visit's probability is above 0. */
export function everTaken(b: BranchSpec): boolean {
  return b.byVisit === undefined ? b.p > 0 : b.byVisit.some((p) => p > 0);
}

/**
 * Each by-visit branch's `p` set to its long-run share of the decision's passes. The case
 * comes back to the decision through the branches that lead back to it (a path of branches
 * ever taken); taking them as certain to return, it reaches visit k+1 with probability
 * reach(k+1) = reach(k) x (their probabilities at visit k), the last class repeating
 * geometrically, and a branch's share is its probabilities weighted by reach. Exact for a
 * loop that only that decision closes (a rework loop: the expected visits of the routing chain are
 * then the simulation's); otherwise an approximation, which only the routing chain's figures read
 * (offered load, the arrivals' variability, the process map's labels), never the simulation.
 */
export function settleVisitShares(flow: FlowSpec): void {
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  for (const node of flow.nodes) {
    if (node.kind !== 'decision' || visitClasses(node.branch) === 1) continue;
    const back = node.branch.map((b) => everTaken(b) && reaches(byName, b.to, node.name));
    const shares = longRunShares(node, back);
    node.branch.forEach((b, i) => {
      b.p = shares[i];
    });
  }
}

function longRunShares(node: Decision, back: readonly boolean[]): number[] {
  const classes = visitClasses(node.branch);
  const weight = new Float64Array(node.branch.length);
  let total = 0;
  let reach = 1;
  for (let k = 0; k < classes && reach > 0; k++) {
    let again = 0;
    node.branch.forEach((b, i) => {
      if (back[i]) again += pAtVisit(b, k);
    });
    // The last class repeats: its visits sum to reach / (1 - again); a class that always comes back weighs alone.
    const last = k === classes - 1;
    const visits = !last ? reach : again < 1 ? reach / (1 - again) : Number.POSITIVE_INFINITY;
    if (visits === Number.POSITIVE_INFINITY) return node.branch.map((b) => pAtVisit(b, k));
    node.branch.forEach((b, i) => {
      weight[i] += visits * pAtVisit(b, k);
    });
    total += visits;
    reach *= again;
  }
  return Array.from(weight, (w) => w / total);
}

/**
 * The decisions with `p` per visit that no case can pass twice, which only ever draw from
 * their lists' first entries: no path of branches ever taken leads back to the decision, and
 * no fork has two branches that reach it before their join (each token would be a visit).
 */
export function singleVisitDecisions(flow: FlowSpec): Decision[] {
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  const listed = flow.nodes.filter((n): n is Decision => n.kind === 'decision' && visitClasses(n.branch) > 1);
  if (listed.length === 0) return [];
  const looped = (d: Decision) => d.branch.some((b) => everTaken(b) && reaches(byName, b.to, d.name));
  const forks = flow.nodes.filter((n) => n.kind === 'fork');
  const twoTokens = (d: Decision) =>
    forks.some((fork) => fork.parallel.filter((child) => child !== fork.join && reaches(byName, child, d.name, fork.join)).length > 1);
  return listed.filter((d) => !looped(d) && !twoTokens(d));
}

/** Whether `from` leads to `target` along steps, branches ever taken and forks' branches and joins (not past `stop`). */
function reaches(byName: Map<string, NodeSpec>, from: string, target: string, stop: string | null = null): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (name === stop) continue; // the tokens are one again there
    if (name === target) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = byName.get(name);
    if (node === undefined) continue;
    if (node.kind === 'task') {
      if (node.next !== null) stack.push(node.next);
    } else if (node.kind === 'decision') {
      for (const b of node.branch) if (everTaken(b)) stack.push(b.to);
    } else {
      append(stack, node.parallel); // a fork may have thousands of branches: no spread (lists.ts)
      stack.push(node.join);
    }
  }
  return false;
}
