// A flow's routing as a chain: from each node, the expected tokens it sends to each next
// node, the graph's strongly connected components in topological order, and the dense
// solve of one component's linear system. Expected visits (offered-load.ts) and the
// expected passes round a loop that takes no time (zero-time-loops.ts) are both such systems.
//
// Invariant: a fork counts once to its join (its tokens' own arrivals there are not edges),
// so every node's expected visits are per case, as the simulation counts them.
import type { FlowSpec, NodeSpec } from '../scenario/types.js';
import { everTaken } from '../scenario/visit-shares.js';

export interface RoutingEdge {
  to: number;
  /** expected tokens moved per visit: a branch's probability, 1 for a task's next or a fork's branch */
  w: number;
}

/**
 * A flow's routing solved for its expected visits (offered-load.ts' flowRouting), kept whole for
 * what reads the same graph after: the arrivals' variability (arrival-variability.ts).
 */
export interface FlowRouting {
  /** routingEdges(flow) */
  edges: RoutingEdge[][];
  /** its strongly connected components, sources first (componentsInTopologicalOrder(edges)) */
  components: number[][];
  /** per node, expected visits per case */
  visits: number[];
}

/** Per node (by index in flow.nodes), where its tokens go next, with their weights. */
export function routingEdges(flow: FlowSpec): RoutingEdge[][] {
  const index = new Map(flow.nodes.map((node, i) => [node.name, i]));
  const out: RoutingEdge[][] = flow.nodes.map(() => []);
  const insideForkOf = forkRegionsByJoin(flow);
  const edge = (from: number, to: string, w: number) => out[from].push({ to: index.get(to)!, w });
  const toJoinFromInside = (from: string, to: string) => insideForkOf.get(to)?.has(from) === true;
  flow.nodes.forEach((node, i) => {
    if (node.kind === 'task' && node.next !== null) {
      if (!toJoinFromInside(node.name, node.next)) edge(i, node.next, 1);
    } else if (node.kind === 'decision') {
      for (const b of node.branch) {
        if (!toJoinFromInside(node.name, b.to)) edge(i, b.to, b.p);
      }
    } else if (node.kind === 'fork') {
      for (const child of node.parallel) if (child !== node.join) edge(i, child, 1);
      edge(i, node.join, 1);
    }
  });
  return out;
}

/**
 * routingEdges of a flow as validation read it, made once: the zero-time loops' search
 * (zero-time-loops.ts, during validation) and the offered load's routing (offered-load.ts, in
 * the warnings) read the same edges of the same flow, each of which made them itself (some 70 KB
 * a flow). Held by the flow object, which validation settles (settleVisitShares) before the
 * first read and never changes after; a flow whose node list was replaced is read anew. The
 * lists are shared: their readers only read them. offeredLoad reads them on the run's path too
 * (compileModel, sizing): code that changed a node's routing in place (a branch's `p` or `to`)
 * after settleVisitShares would read stale edges here; it must give the flow a new node list.
 */
export function readFlowRoutingEdges(flow: FlowSpec): RoutingEdge[][] {
  let held = heldEdges.get(flow);
  if (held === undefined || held.nodes !== flow.nodes) heldEdges.set(flow, (held = { nodes: flow.nodes, edges: routingEdges(flow) }));
  return held.edges;
}

const heldEdges = new WeakMap<FlowSpec, { nodes: FlowSpec['nodes']; edges: RoutingEdge[][] }>();

/**
 * x = b + Qx restricted to one component (Q: the weights of edges inside it), for the
 * component's nodes in its order; `b(node)` gives the right-hand side. A node alone with no
 * edge to itself needs no system. `denseUpTo` lets the tests solve a small component both ways.
 */
export function solveComponent(component: number[], out: RoutingEdge[][], b: (node: number) => number, denseUpTo = DENSE_UP_TO): number[] {
  const inside = new Map(component.map((node, k) => [node, k]));
  const k = component.length;
  if (k === 1 && !out[component[0]].some((e) => e.to === component[0])) return [b(component[0])];
  if (k > denseUpTo) return solveSparse(component, inside, out, b);
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

/**
 * Per node of a component (in its order), the expected visits of a case that reaches the node,
 * that visit counted: the diagonal of (I - Q)⁻¹, Q the weights inside the component, which is
 * 1 / (1 - the chance of coming back to the node). The passes round a loop as a case doing one
 * of its steps makes them, whatever share of the cases gets there. Dense (one inversion) up to
 * `denseUpTo` nodes, else one sparse solve per node. A node with no way out comes out Infinity.
 */
export function visitsOnceReached(component: number[], out: RoutingEdge[][], denseUpTo = DENSE_UP_TO): number[] {
  const k = component.length;
  if (k > denseUpTo)
    return component.map((node, i) => {
      const x = solveComponent(component, out, (n) => (n === node ? 1 : 0), denseUpTo)[i];
      return x > 0 ? x : Number.POSITIVE_INFINITY;
    });
  const inside = new Map(component.map((node, r) => [node, r]));
  // [I - Q | I], inverted in place by Gauss-Jordan with partial pivoting
  const a = Array.from({ length: k }, (_, r) => Float64Array.from({ length: 2 * k }, (_, c) => (c === r || c === k + r ? 1 : 0)));
  for (const [r, from] of component.entries()) {
    for (const { to, w } of out[from]) {
      const c = inside.get(to);
      if (c !== undefined) a[r][c] -= w;
    }
  }
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    if (Math.abs(p) < 1e-12) return component.map(() => Number.POSITIVE_INFINITY);
    for (let c = col; c < 2 * k; c++) a[col][c] /= p;
    for (let r = 0; r < k; r++) {
      const f = a[r][col];
      if (r !== col && f !== 0) for (let c = col; c < 2 * k; c++) a[r][c] -= f * a[col][c];
    }
  }
  return component.map((_, i) => a[i][k + i]);
}

/**
 * Components up to this size are solved densely (k² memory, k³ time: 8 M steps at 200);
 * larger ones, a long rework loop of thousands of steps, by sparse elimination: a dense
 * solve of 2,000 nodes took 7 s and of 10,000 would take 800 MB.
 */
export const DENSE_UP_TO = 200;

/**
 * x = b + Qx by eliminating one node at a time (x_v = (b_v + Σ Q_wv x_w) / (1 - Q_vv), its
 * visits from its predecessors', substituted into its successors' equations), then
 * substituting back in reverse. The node with the fewest predecessor-successor pairs goes first, which keeps a loop's or a star's fill-in
 * linear in its edges. A node whose self-weight leaves no way out (1 - Q_vv < 1e-12) comes
 * out 0, as in the dense solve.
 */
function solveSparse(component: number[], inside: Map<number, number>, out: RoutingEdge[][], b: (node: number) => number): number[] {
  const k = component.length;
  const terms: Map<number, number>[] = []; // per node: the unknowns of its equation and their weights
  const usedBy: Set<number>[] = []; // per node: the equations its unknown appears in
  const self = new Float64Array(k);
  const rhs = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    terms.push(new Map());
    usedBy.push(new Set());
  }
  for (let r = 0; r < k; r++) {
    rhs[r] = b(component[r]);
    for (const { to, w } of out[component[r]]) {
      const c = inside.get(to);
      if (c === undefined) continue;
      if (c === r) self[r] += w;
      else {
        terms[c].set(r, (terms[c].get(r) ?? 0) + w); // the tokens r sends to c enter c's equation
        usedBy[r].add(c);
      }
    }
  }
  const cost = (r: number) => usedBy[r].size * terms[r].size;
  const queue = new MinQueue();
  for (let r = 0; r < k; r++) queue.push(cost(r), r);
  const done = new Uint8Array(k);
  const order: number[] = [];
  const scale = new Float64Array(k); // 1 / (1 - Q_vv) at elimination, 0 for no way out
  while (order.length < k) {
    const [key, v] = queue.pop();
    if (done[v] || key !== cost(v)) continue; // eliminated, or its cost changed since: a later entry holds it
    done[v] = 1;
    order.push(v);
    const pivot = 1 - self[v];
    const f = Math.abs(pivot) < 1e-12 ? 0 : 1 / pivot;
    scale[v] = f;
    for (const w of terms[v].keys()) usedBy[w].delete(v);
    for (const u of usedBy[v]) {
      const c = terms[u].get(v)! * f;
      terms[u].delete(v);
      rhs[u] += c * rhs[v];
      for (const [w, q] of terms[v]) {
        if (w === u) self[u] += c * q;
        else {
          terms[u].set(w, (terms[u].get(w) ?? 0) + c * q);
          usedBy[w].add(u);
        }
      }
    }
    for (const u of usedBy[v]) queue.push(cost(u), u);
    for (const w of terms[v].keys()) queue.push(cost(w), w);
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    const v = order[i];
    let sum = rhs[v];
    for (const [w, q] of terms[v]) sum += q * x[w]; // every w left in terms[v] was eliminated later: solved
    x[v] = sum * scale[v];
  }
  return x;
}

/** A binary heap of (key, node), smallest key first, ties by node. */
class MinQueue {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  push(key: number, node: number): void {
    let i = this.keys.length;
    this.keys.push(key);
    this.nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.nodes[0]];
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.keys.pop();
    this.nodes.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.nodes[a] < this.nodes[b]);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.nodes[a], this.nodes[b]] = [this.nodes[b], this.nodes[a]];
  }
}

/** Per node, 1 where a path of `successors` leads from it back to it: Tarjan's strongly connected components, without recursion (flows may be long). */
export function onCycles(successors: readonly number[][]): Uint8Array {
  const n = successors.length;
  const cyclic = new Uint8Array(n);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component: number[] = [];
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    // the search's path: each node with the position of the next successor to try
    const path: [node: number, edge: number][] = [[root, 0]];
    index[root] = low[root] = next++;
    component.push(root);
    onStack[root] = 1;
    while (path.length > 0) {
      const top = path[path.length - 1];
      const v = top[0];
      if (top[1] < successors[v].length) {
        const w = successors[v][top[1]++];
        if (w === v) cyclic[v] = 1; // a node that leads to itself
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          component.push(w);
          onStack[w] = 1;
          path.push([w, 0]);
        } else if (onStack[w] === 1) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      path.pop();
      if (path.length > 0) {
        const u = path[path.length - 1][0];
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] !== index[v]) continue;
      // v roots a component: its nodes are on a cycle when it has more than one
      const from = component.lastIndexOf(v);
      for (let k = from; k < component.length; k++) {
        onStack[component[k]] = 0;
        if (component.length - from > 1) cyclic[component[k]] = 1;
      }
      component.length = from;
    }
  }
  return cyclic;
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

/**
 * Per join of one or more forks: the nodes inside those forks' regions (reachable from their
 * branches before the join). One walk per join from all its forks' branches at once, the
 * union of each fork's region: a walk per edge into a join made a fork of n branches cost n²
 * (4,000 branches validated in 8 s of CPU).
 */
function forkRegionsByJoin(flow: FlowSpec): Map<string, Set<string>> {
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  const startsByJoin = new Map<string, string[]>();
  for (const node of flow.nodes) {
    if (node.kind !== 'fork') continue;
    let starts = startsByJoin.get(node.join);
    if (!starts) startsByJoin.set(node.join, (starts = []));
    for (const s of node.parallel) starts.push(s);
  }
  const regions = new Map<string, Set<string>>();
  for (const [join, starts] of startsByJoin) regions.set(join, regionOf(byName, starts, join));
  return regions;
}

/** The nodes (by name) a fork's branch starting at `start` passes before its join (a nested fork's region not, its join yes). */
export function branchRegion(flow: FlowSpec, start: string, join: string): Set<string> {
  return regionOf(new Map(flow.nodes.map((n) => [n.name, n])), [start], join);
}

function regionOf(byName: Map<string, NodeSpec>, starts: string[], join: string): Set<string> {
  const seen = new Set<string>();
  const stack = starts.filter((s) => s !== join);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = byName.get(name)!;
    if (node.kind === 'task') {
      if (node.next && node.next !== join) stack.push(node.next);
    } else if (node.kind === 'decision') {
      for (const b of node.branch) if (everTaken(b) && b.to !== join) stack.push(b.to);
    } else if (node.join !== join) stack.push(node.join);
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
