// A flow's routing as a chain: from each node, the expected tokens it sends to each next
// node, the graph's strongly connected components in topological order, and the dense
// solve of one component's linear system. Expected visits (offered-load.ts) and the
// expected passes round a loop that takes no time (zero-time-loops.ts) are both such systems.
//
// Invariant: a fork counts once to its join (its tokens' own arrivals there are not edges),
// so every node's expected visits are per case, as the simulation counts them.
import type { FlowSpec } from '../scenario/types.js';

export interface RoutingEdge {
  to: number;
  /** expected tokens moved per visit: a branch's probability, 1 for a task's next or a fork's branch */
  w: number;
}

/** Per node (by index in flow.nodes), where its tokens go next, with their weights. */
export function routingEdges(flow: FlowSpec): RoutingEdge[][] {
  const index = new Map(flow.nodes.map((node, i) => [node.name, i]));
  const out: RoutingEdge[][] = flow.nodes.map(() => []);
  const joinsOfForks = new Set(flow.nodes.flatMap((node) => (node.kind === 'fork' ? [node.join] : [])));
  const edge = (from: number, to: string, w: number) => out[from].push({ to: index.get(to)!, w });
  flow.nodes.forEach((node, i) => {
    if (node.kind === 'task' && node.next !== null) {
      if (!joinsOfForks.has(node.next) || !insideForkOf(flow, node.name, node.next)) edge(i, node.next, 1);
    } else if (node.kind === 'decision') {
      for (const b of node.branch) {
        if (!joinsOfForks.has(b.to) || !insideForkOf(flow, node.name, b.to)) edge(i, b.to, b.p);
      }
    } else if (node.kind === 'fork') {
      for (const child of node.parallel) if (child !== node.join) edge(i, child, 1);
      edge(i, node.join, 1);
    }
  });
  return out;
}

/**
 * x = b + Qx restricted to one component (Q: the weights of edges inside it), for the
 * component's nodes in its order; `b(node)` gives the right-hand side. A node alone with no
 * edge to itself needs no system.
 */
export function solveComponent(component: number[], out: RoutingEdge[][], b: (node: number) => number): number[] {
  const inside = new Map(component.map((node, k) => [node, k]));
  const k = component.length;
  if (k === 1 && !out[component[0]].some((e) => e.to === component[0])) return [b(component[0])];
  const a = Array.from({ length: k }, (_, r) =>
    Float64Array.from({ length: k + 1 }, (_, c) => (c === k ? b(component[r]) : r === c ? 1 : 0)),
  );
  for (const [c, from] of component.entries()) {
    for (const { to, w } of out[from]) {
      const r = inside.get(to);
      if (r !== undefined) a[r][c] -= w;
    }
  }
  return solve(a, k);
}

/** Tarjan's strongly connected components, without recursion; returned sources first. */
export function componentsInTopologicalOrder(out: { to: number }[][]): number[][] {
  const n = out.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]]; // node, next edge to look at
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [v, e] = top;
      if (e < out[v].length) {
        top[1]++;
        const w = out[v][e].to;
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components.reverse(); // Tarjan finds sinks first
}

/** Is `from` inside the region of a fork whose join is `join` (reachable from its branches before the join)? */
function insideForkOf(flow: FlowSpec, from: string, join: string): boolean {
  return flow.nodes.some((f) => f.kind === 'fork' && f.join === join && regionOf(flow, f.parallel, join).has(from));
}

function regionOf(flow: FlowSpec, starts: string[], join: string): Set<string> {
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const stack = starts.filter((s) => s !== join);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = byName.get(name)!;
    const next =
      node.kind === 'task'
        ? node.next
          ? [node.next]
          : []
        : node.kind === 'decision'
          ? node.branch.filter((b) => b.p > 0).map((b) => b.to)
          : [node.join];
    for (const t of next) if (t !== join) stack.push(t);
  }
  return seen;
}

/**
 * Gauss-Jordan elimination with partial pivoting on an augmented n x (n+1) matrix. A pivot
 * below 1e-12 is a loop with no way out (validation reports it): its unknowns come out 0.
 */
function solve(a: Float64Array[], n: number): number[] {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / p;
      if (f !== 0) for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return Array.from({ length: n }, (_, i) => (Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][n] / a[i][i]));
}
