// A flow as a graph laid out left to right: one start event, the flow's nodes, a join
// gateway where a fork's branches meet, one end event; every node and edge with its
// position, computed by elkjs's layered algorithm (Sugiyama-style, rework loops drawn
// backwards). No file format here: the report's process map (SVG) and the BPMN export
// (BPMNDI) both draw from this one layout.
// Invariant: the same flow and sizes give the same positions (elkjs's layered algorithm is
// deterministic), and node names are data: they never become object keys.
import { wholeNumber } from '../number-format.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { largest } from '../lists.js';

/** What a layout needs of a flow's node; both the scenario's nodes and results.json's inputs fit it. */
export type FlowStructureNode =
  | { name: string; kind: 'task'; next: string | null }
  | { name: string; kind: 'decision'; branch: { to: string; p: number }[] }
  | { name: string; kind: 'fork'; parallel: string[]; join: string };

export interface FlowStructure {
  start: string;
  /** in the scenario's order */
  nodes: FlowStructureNode[];
}

export type FlowGraphNodeKind = 'start' | 'end' | 'task' | 'decision' | 'fork' | 'join';

export interface FlowGraphNode {
  /** unique in the graph: `start`, `end`, `node:NAME`, `join:FORK` */
  id: string;
  kind: FlowGraphNodeKind;
  /** the scenario node it draws (for a join gateway: its fork); null for start and end */
  node: string | null;
}

export interface FlowGraphEdge {
  id: string;
  from: string;
  to: string;
  /** a decision's branch probability */
  p: number | null;
}

export interface FlowGraph {
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutNode extends FlowGraphNode, Box {
  /** where the node's outside label goes (above it), when it has one; absolute */
  label: Box | null;
}

export interface LaidOutEdge extends FlowGraphEdge {
  /** start, bend points, end */
  points: Point[];
  /** where the edge's label goes, when it has one */
  label: Box | null;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

export interface LayoutSizes {
  node(node: FlowGraphNode): { width: number; height: number };
  /** the size of an edge's label, or null for none */
  label?(edge: FlowGraphEdge): { width: number; height: number } | null;
  /** the size of a label drawn above a node (a gateway's name), room for which the layout keeps free */
  nodeLabel?(node: FlowGraphNode): { width: number; height: number } | null;
}

const nodeId = (name: string) => `node:${name}`;

/** The nodes reachable from `from` without passing `stop` (a fork's branches up to its join). */
function reachable(from: string[], stop: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const todo = from.filter((n) => n !== stop);
  while (todo.length > 0) {
    const n = todo.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of next.get(n) ?? []) if (m !== stop && !seen.has(m)) todo.push(m);
  }
  return seen;
}

function successors(n: FlowStructureNode): string[] {
  if (n.kind === 'task') return n.next === null ? [] : [n.next];
  if (n.kind === 'decision') return n.branch.map((b) => b.to);
  return n.parallel;
}

/**
 * The flow's graph: the start event leads to the start node; a task without `next` to the end
 * event; a fork's branches end at a join gateway in front of its join node, so that a reader
 * sees where the case waits for all of them.
 */
export function flowGraph(flow: FlowStructure): FlowGraph {
  const next = new Map(flow.nodes.map((n) => [n.name, successors(n)]));
  // the branch nodes of each fork whose edges into the join go through its gateway
  const gatewayOf = new Map<string, { fork: string; inside: Set<string> }[]>();
  for (const n of flow.nodes) {
    if (n.kind !== 'fork') continue;
    const list = gatewayOf.get(n.join) ?? [];
    list.push({ fork: n.name, inside: reachable(n.parallel, n.join, next) });
    gatewayOf.set(n.join, list);
  }
  const nodes: FlowGraphNode[] = [{ id: 'start', kind: 'start', node: null }];
  const edges: FlowGraphEdge[] = [];
  const edge = (from: string, to: string, p: number | null = null) => edges.push({ id: `edge:${edges.length}`, from, to, p });
  edge('start', nodeId(flow.start));
  let ends = false;
  for (const n of flow.nodes) {
    // a gateway comes before its join node, as it does along the flow (the model order matters to the layout)
    for (const g of gatewayOf.get(n.name) ?? []) nodes.push({ id: `join:${g.fork}`, kind: 'join', node: g.fork });
    nodes.push({ id: nodeId(n.name), kind: n.kind, node: n.name });
  }
  /** an edge into a join node goes through the gateway of the fork whose branch it ends */
  const target = (from: string, to: string) => {
    const g = (gatewayOf.get(to) ?? []).find((x) => x.inside.has(from));
    return g ? `join:${g.fork}` : nodeId(to);
  };
  for (const n of flow.nodes) {
    const from = nodeId(n.name);
    if (n.kind === 'task') {
      if (n.next === null) {
        edge(from, 'end');
        ends = true;
      } else edge(from, target(n.name, n.next));
    } else if (n.kind === 'decision') {
      for (const b of n.branch) edge(from, target(n.name, b.to), b.p);
    } else {
      for (const to of n.parallel) edge(from, to === n.join ? `join:${n.name}` : target(n.name, to));
    }
  }
  for (const n of flow.nodes) for (const g of gatewayOf.get(n.name) ?? []) edge(`join:${g.fork}`, nodeId(n.name));
  if (ends) nodes.push({ id: 'end', kind: 'end', node: null });
  return { nodes, edges };
}

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // the scenario's order of nodes is the reading order its author chose: a rework loop's edge
  // back to an earlier node is the one drawn backwards
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '14',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

/** The graph's positions; sizes come from the drawing (a map's boxes fit its text, BPMN has standard sizes). */
export async function layoutFlowGraph(graph: FlowGraph, sizes: LayoutSizes): Promise<FlowLayout> {
  refuseTooWide(graph);
  const labels = new Map(graph.edges.map((e) => [e.id, sizes.label?.(e) ?? null]));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.nodes.map((n): ElkNode => {
      const label = sizes.nodeLabel?.(n) ?? null;
      return {
        id: n.id,
        ...sizes.node(n),
        labels: label ? [{ id: `${n.id}:label`, text: ' ', ...label }] : [],
        layoutOptions: label ? { 'elk.nodeLabels.placement': 'OUTSIDE V_TOP H_CENTER' } : {},
      };
    }),
    edges: graph.edges.map((e): ElkExtendedEdge => {
      const label = labels.get(e.id);
      return { id: e.id, sources: [e.from], targets: [e.to], labels: label ? [{ id: `${e.id}:label`, text: ' ', ...label }] : [] };
    }),
  };
  // elkjs loads at the first layout, not with this module (engine/layout/elk.ts); a report lays
  // out its maps while its charts are drawn on threads of their own (reports/svg-thread.ts)
  const { Elk } = await loadLayout();
  const laid = await new Elk().layout(root);
  const byId = new Map((laid.children ?? []).map((c) => [c.id, c]));
  const edgeById = new Map((laid.edges ?? []).map((e) => [e.id, e]));
  const nodes = graph.nodes.map((n): LaidOutNode => {
    const c = byId.get(n.id);
    const x = c?.x ?? 0;
    const y = c?.y ?? 0;
    const l = c?.labels?.[0];
    // elkjs gives a node label's position relative to its node
    const label = l ? { x: x + (l.x ?? 0), y: y + (l.y ?? 0), width: l.width ?? 0, height: l.height ?? 0 } : null;
    return { ...n, x, y, width: c?.width ?? 0, height: c?.height ?? 0, label };
  });
  const edges = graph.edges.map((e): LaidOutEdge => {
    const laidEdge = edgeById.get(e.id);
    const section = laidEdge?.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y })) : [];
    const l = laidEdge?.labels?.[0];
    return { ...e, points, label: l && labels.get(e.id) ? { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 } : null };
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}

/**
 * The most sequence flows into or out of one node that a layout draws. elk's layered algorithm
 * orders each layer's nodes against crossings, and its time grows faster than the square of a
 * layer's width (one-off, shared machine: a decision of 200 branches to as many tasks laid out
 * in 2.8 s, of 400 in 12 s; 1,000 branches to one task took 180 s and 4,000 ran out of memory).
 */
export const MAX_FAN = 200;

/**
 * The most steps of one flow a layout draws. elkjs recurses along a flow's paths, so a long
 * flow overflows the stack (RangeError, which the report met after the whole simulation). One-off,
 * session 32, a process of its own on the shared machine, the report's box sizes left aside: on
 * Node's default stack (984 KB) a chain of 4,300 tasks laid out and one of 4,600 overflowed; a
 * chain of 2,000 laid out on 500 KB and a chain of 2,000 with a rework loop every second step
 * overflowed 450 KB but not the default, so 2,000 keeps about twice the room the deepest flows
 * measured need (flows of forks, 4,000 steps, laid out on the default stack). Time too: a chain of
 * 2,000 took 8.5 s (its map 312,000 pixels wide, for no reader).
 */
export const MAX_STEPS = 2000;

/** A step with more paths into or out of it than a layout draws, or a flow of more steps than it draws. */
export interface TooWide {
  /** the scenario node it draws (for a join gateway, its fork when the graph says so); null for the start and end events, and for a flow too long */
  node: string | null;
  /** 'flow': the flow has more than MAX_STEPS steps */
  kind: FlowGraphNodeKind | 'flow';
  /** names the step and says why, for a person */
  message: string;
}

/** A flow too wide (or too long) to draw; its message names the node and says why, for a person. */
export class LayoutTooWide extends Error {
  constructor(
    message: string,
    readonly wide: TooWide,
    /** the flow, once a caller that knows it has said */
    readonly flow: string | null = null,
  ) {
    super(message);
  }
}

/**
 * Whether two flows make the same graph but its edges' p: flowGraph reads only the start, and each
 * node's name, kind and links (a task's next, a decision's branches' targets, a fork's parallel
 * and join), so a variant's flow that patches durations, teams or probabilities draws, and is
 * too wide, as the baseline's does (validate's warnings skip its flowGraph: issue 18).
 */
export function sameLinks(a: FlowStructure, b: FlowStructure): boolean {
  if (a.start !== b.start || a.nodes.length !== b.nodes.length) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.nodes.every((m, i) => {
    const n = b.nodes[i];
    if (m.name !== n.name || m.kind !== n.kind) return false;
    if (m.kind === 'task') return n.kind === 'task' && m.next === n.next;
    if (m.kind === 'decision')
      return (
        n.kind === 'decision' &&
        same(
          m.branch.map((x) => x.to),
          n.branch.map((x) => x.to),
        )
      );
    return n.kind === 'fork' && m.join === n.join && same(m.parallel, n.parallel);
  });
}

/** A flow of more than MAX_STEPS steps, or its first step (in the graph's order) with more than MAX_FAN paths in or out, or null; no layout is run. */
export function tooWide(graph: FlowGraph): TooWide | null {
  let steps = 0;
  for (const n of graph.nodes) if (n.node !== null && n.kind !== 'join') steps++;
  if (steps > MAX_STEPS)
    return {
      node: null,
      kind: 'flow',
      message: `the flow has ${wholeNumber(steps)} steps; a flow diagram draws at most ${wholeNumber(MAX_STEPS)}`,
    };
  const out = new Map<string, number>();
  const into = new Map<string, number>();
  for (const e of graph.edges) {
    out.set(e.from, (out.get(e.from) ?? 0) + 1);
    into.set(e.to, (into.get(e.to) ?? 0) + 1);
  }
  for (const n of graph.nodes) {
    const fan = Math.max(out.get(n.id) ?? 0, into.get(n.id) ?? 0);
    if (fan <= MAX_FAN) continue;
    const what = n.node === null ? `the ${n.kind} event` : n.kind === 'join' ? `the join of fork '${n.node}'` : `${n.kind} '${n.node}'`;
    const flows = (out.get(n.id) ?? 0) >= (into.get(n.id) ?? 0) ? `${wholeNumber(fan)} paths out` : `${wholeNumber(fan)} paths in`;
    return { node: n.node, kind: n.kind, message: `${what} has ${flows}; a flow diagram draws at most ${MAX_FAN} into or out of one step` };
  }
  return null;
}

function refuseTooWide(graph: FlowGraph): void {
  const wide = tooWide(graph);
  if (wide !== null) throw new LayoutTooWide(wide.message, wide);
}

/** flowGraph then layoutFlowGraph. */
export async function layoutFlow(flow: FlowStructure, sizes: LayoutSizes): Promise<FlowLayout> {
  return layoutFlowGraph(flowGraph(flow), sizes);
}

// ---- swimlanes ------------------------------------------------------------------------------

export interface Lane {
  /** the lane's name; null: the band of nodes in no lane (automated steps), drawn last */
  lane: string | null;
  y: number;
  height: number;
}

export interface LanedLayout {
  width: number;
  height: number;
  /** the same nodes, moved into their lane's band (x kept: the columns stay) */
  nodes: LaidOutNode[];
  /** re-routed as orthogonal polylines between the moved nodes; a backward edge loops under the lanes */
  edges: LaidOutEdge[];
  lanes: Lane[];
}

export const LANE = { header: 30, padding: 15, minHeight: 110, loopGap: 12 } as const;

/**
 * A laid-out flow in horizontal swimlanes (teams), in `lanes` order: each node goes into its
 * lane's band, stacked in rows where nodes of one band would overlap in x (in the order elk
 * placed them top to bottom); x positions stay elk's, so the reading order is unchanged.
 */
export function inLanes(layout: FlowLayout, laneOf: (node: FlowGraphNode) => string | null, lanes: readonly string[]): LanedLayout {
  const bands: (string | null)[] = [...lanes];
  if (layout.nodes.some((n) => laneOf(n) === null)) bands.push(null);
  const nodes = layout.nodes.map((n) => ({ ...n, x: n.x + LANE.header, label: null }));
  const placed: Lane[] = [];
  let top = 0;
  for (const band of bands) {
    const inBand = nodes.filter((n) => laneOf(n) === band).sort((a, b) => a.y - b.y || a.x - b.x);
    const rows: LaidOutNode[][] = [];
    for (const n of inBand) {
      const free = rows.find((row) => row.every((m) => n.x + n.width + LANE.padding <= m.x || m.x + m.width + LANE.padding <= n.x));
      if (free) free.push(n);
      else rows.push([n]);
    }
    const rowHeight =
      largest(
        inBand.map((n) => n.height),
        0,
      ) +
      2 * LANE.padding;
    const height = Math.max(LANE.minHeight, rows.length * rowHeight);
    const offset = (height - rows.length * rowHeight) / 2;
    rows.forEach((row, i) => row.forEach((n) => (n.y = top + offset + i * rowHeight + (rowHeight - n.height) / 2)));
    placed.push({ lane: band, y: top, height });
    top += height;
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = layout.edges.map((e, i) => ({
    ...e,
    label: null,
    points: route(byId.get(e.from)!, byId.get(e.to)!, top + LANE.loopGap * (1 + (i % 3))),
  }));
  const width =
    largest(
      nodes.map((n) => n.x + n.width),
      LANE.header,
    ) + LANE.padding;
  return { width, height: top + LANE.loopGap * 4, nodes, edges, lanes: placed };
}

/** Right side of the source to the left side of the target; a backward edge runs under everything. */
function route(from: Box, to: Box, under: number): Point[] {
  const sy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  const sx = from.x + from.width;
  if (to.x >= sx) {
    if (Math.abs(sy - ty) < 0.5)
      return [
        { x: sx, y: sy },
        { x: to.x, y: ty },
      ];
    const mid = sx + (to.x - sx) / 2;
    return [
      { x: sx, y: sy },
      { x: mid, y: sy },
      { x: mid, y: ty },
      { x: to.x, y: ty },
    ];
  }
  const fx = from.x + from.width / 2;
  const tx = to.x + to.width / 2;
  return [
    { x: fx, y: from.y + from.height },
    { x: fx, y: under },
    { x: tx, y: under },
    { x: tx, y: to.y + to.height },
  ];
}

/**
 * elkjs, loaded (its script, with the script's code cache: bin/load-elk.js) without laying
 * anything out: a report loads it before its first map, so that it knows when it has loaded
 * every script it takes a code cache for (reports/index.ts).
 */
export function loadLayout(): Promise<typeof import('./elk.js')> {
  return import('./elk.js');
}
