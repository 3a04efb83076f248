// A flow drawn left to right: elkjs's layered algorithm orders the nodes in columns (the
// direction work moves), then each node is placed in its lane's band (teams as horizontal
// swimlanes), stacked inside the band where columns would overlap, and edges are routed as
// orthogonal polylines (rework loops go back underneath). Only geometry: no file format
// here; BPMN diagram interchange and the report's process map both draw from it.
//
// Invariant: the same graph gives the same layout (elk's layered algorithm is deterministic
// for a given input order, and everything after it is plain arithmetic).
import ELK from 'elkjs/lib/elk.bundled.js';

export interface FlowGraphNode {
  id: string;
  width: number;
  height: number;
  /** the swimlane it belongs to; null: the band of automated steps, under the lanes */
  lane: string | null;
}

export interface FlowGraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface FlowGraph {
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
  /** lane order, top to bottom (lanes no node uses are still drawn) */
  lanes: string[];
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends FlowGraphNode, Point {}

export interface PlacedEdge extends FlowGraphEdge {
  points: Point[];
}

export interface PlacedLane {
  lane: string | null;
  y: number;
  height: number;
}

export interface FlowLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  lanes: PlacedLane[];
  width: number;
  height: number;
}

/** Space around and between things, in the diagram's units (BPMN tools draw a task 100 x 80). */
export const SPACING = { margin: 30, column: 50, row: 30, laneLabel: 30 } as const;

type ElkInstance = { layout(graph: unknown): Promise<{ children?: { id: string; x?: number; y?: number }[] }> };

export async function layoutFlow(graph: FlowGraph): Promise<FlowLayout> {
  const elk = new (ELK as unknown as new () => ElkInstance)();
  const laid = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.column),
      'elk.spacing.nodeNode': String(SPACING.row),
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const elkPos = new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));

  // Bands: each lane, then the automated band (if used), top to bottom.
  const bands: (string | null)[] = [...graph.lanes];
  if (graph.nodes.some((n) => n.lane === null)) bands.push(null);
  const placed: PlacedNode[] = graph.nodes.map((n) => ({ ...n, x: SPACING.margin + SPACING.laneLabel + elkPos.get(n.id)!.x, y: 0 }));
  const lanes: PlacedLane[] = [];
  let top = SPACING.margin;
  for (const band of bands) {
    const inBand = placed.filter((n) => n.lane === band).sort((a, b) => elkPos.get(a.id)!.y - elkPos.get(b.id)!.y || a.x - b.x);
    const rows: PlacedNode[][] = [];
    for (const n of inBand) {
      const free = rows.find((row) => row.every((m) => n.x + n.width + SPACING.row / 2 <= m.x || m.x + m.width + SPACING.row / 2 <= n.x));
      if (free) free.push(n);
      else rows.push([n]);
    }
    const rowHeight = Math.max(80, ...inBand.map((n) => n.height)) + SPACING.row;
    rows.forEach((row, i) => row.forEach((n) => (n.y = top + SPACING.row / 2 + i * rowHeight + (rowHeight - SPACING.row - n.height) / 2)));
    const height = Math.max(1, rows.length) * rowHeight;
    lanes.push({ lane: band, y: top, height });
    top += height;
  }
  const width = Math.max(...placed.map((n) => n.x + n.width), SPACING.margin + SPACING.laneLabel) + SPACING.margin;
  const byId = new Map(placed.map((n) => [n.id, n]));
  const bottom = top;
  const edges = graph.edges.map((e, i) => ({ ...e, points: route(byId.get(e.source)!, byId.get(e.target)!, bottom + 10 + (i % 5) * 4) }));
  return { nodes: placed, edges, lanes, width, height: bottom + SPACING.margin };
}

/** Right side of the source to the left side of the target; a backward edge loops under everything. */
function route(from: PlacedNode, to: PlacedNode, under: number): Point[] {
  const sy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  const sx = from.x + from.width;
  if (to.x >= sx) {
    if (Math.abs(sy - ty) < 0.5) return [{ x: sx, y: sy }, { x: to.x, y: ty }];
    const mid = sx + (to.x - sx) / 2;
    return [{ x: sx, y: sy }, { x: mid, y: sy }, { x: mid, y: ty }, { x: to.x, y: ty }];
  }
  const fx = from.x + from.width / 2;
  const tx = to.x + to.width / 2;
  return [{ x: fx, y: from.y + from.height }, { x: fx, y: under }, { x: tx, y: under }, { x: tx, y: to.y + to.height }];
}
