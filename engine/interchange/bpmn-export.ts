// A scenario (one variant) as BPMN 2.0: one process per flow (a pool), its teams as lanes,
// tasks (a team's) and service tasks (automated), exclusive gateways for decisions (the
// probabilities on their sequence flows), a diverging and a converging parallel gateway for
// each fork and its join, a start event (the arrivals) and an end event. Simulation
// parameters go where BPSim 2.0 has them (processing times, probabilities, arrival timers,
// team sizes and costs, run length and warm-up); what BPSim has no place for (SLAs, milestone
// KPIs, cancellations, weekly profiles, priorities, shift calendars, an automated task's
// calendar, eTOM ids) goes in
// etomsim extension attributes and elements. Diagram interchange (BPMNDI) places every
// shape by engine/layout/flow-layout, left to right.
//
// Invariant: import-bpmn of this document gives back a scenario that compiles to the same
// model (test/interchange/bpmn-round-trip.test.ts); the output is the same for the same input.
import {
  inLanes,
  LANE,
  LayoutTooWide,
  layoutFlowGraph,
  type FlowGraph,
  type FlowGraphNodeKind,
  type FlowLayout,
  type LanedLayout,
} from '../layout/flow-layout.js';
import { distMean, distVariance } from '../random/distributions.js';
import { DEFAULT_RUN_START } from '../scenario/run-start.js';
import {
  type CalendarSpec,
  type DistSpec,
  type FlowSpec,
  type NodeSpec,
  type RunStart,
  type Scenario,
  shiftOf,
} from '../scenario/types.js';
import { NS } from './bpmn-names.js';
import { xmlText } from './xml-text.js';
import { append } from '../lists.js';

const SIZE = { task: [100, 80], gateway: [50, 50], event: [36, 36] } as const;

type Kind = 'start' | 'end' | 'task' | 'serviceTask' | 'exclusive' | 'parallel' | 'join';

interface Element {
  id: string;
  kind: Kind;
  name: string;
  node: NodeSpec | null;
  lane: string | null;
}

interface Edge {
  id: string;
  source: string;
  target: string;
  probability: number | null;
}

const a = (name: string, value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : ` ${name}="${xmlText(String(value))}"`;
const json = (value: unknown) => JSON.stringify(value);

/**
 * What BPSim cannot say, in the scenario's own terms: an automated task's calendar and its
 * `until: case_age` (BPSim's processing time is a duration from the task's start), an arrival
 * stream's (BPSim gives hours to resources only), and an arrival stream's `after` (BPSim's start
 * event has a timer and a TriggerCount, which `cases` becomes, but no start of its own).
 * export-bpmn writes them as etomsim attributes, which import-bpmn reads back, and warns at their
 * place in the file, since a tool that reads BPSim alone runs the task and brings the stream's
 * cases at every hour, and starts the stream at time 0.
 */
export function bpsimGaps(scenario: Scenario): { path: string; message: string }[] {
  const streams = scenario.arrivals.flatMap((x, i) => [
    ...(x.calendar
      ? [
          {
            path: `arrivals.${i}.calendar`,
            message: `BPSim has no place for an arrival stream's hours: the stream of '${x.flow}' is written with its calendar '${x.calendar}' on etomsim:arrival, which import-bpmn reads back; a tool that reads BPSim alone brings its cases at every hour`,
          },
        ]
      : []),
    ...(x.after === undefined
      ? []
      : [
          {
            path: `arrivals.${i}.after`,
            message: `BPSim has no place for an arrival stream's start: the stream of '${x.flow}' is written with after ${x.after} h as an etomsim:arrival attribute, which import-bpmn reads back; a tool that reads BPSim alone starts it at time 0`,
          },
        ]),
  ]);
  const shiftedStreams = scenario.flows.flatMap((flow) => {
    const i = scenario.arrivals.findIndex((x) => x.flow === flow.name); // the stream BPSim's start event holds
    const shift = i < 0 ? undefined : shiftAbove0(scenario.arrivals[i].interarrival);
    return shift === undefined
      ? []
      : [
          {
            path: `arrivals.${i}.interarrival.shift`,
            message: `BPSim has no shift on a distribution: the interarrival of '${flow.name}' (shifted by ${shift} h) is written for BPSim as a gamma of the same mean and sd, and exactly on etomsim:arrival, which import-bpmn reads back; a tool that reads BPSim alone draws gaps shorter than ${shift} h`,
          },
        ];
  });
  return [...tasksGaps(scenario), ...streams, ...shiftedStreams];
}

/** A distribution's shift above 0, or undefined (BPSim has no place for one). */
function shiftAbove0(d: DistSpec): number | undefined {
  const shift = shiftOf(d);
  return shift > 0 ? shift : undefined;
}

function tasksGaps(scenario: Scenario): { path: string; message: string }[] {
  return scenario.flows.flatMap((flow) =>
    flow.nodes.flatMap((node) => [
      ...(node.kind === 'task' && node.calendar
        ? [
            {
              path: `flows.${flow.name}.nodes.${node.name}.calendar`,
              message: `BPSim has no place for an automated task's hours: '${node.name}' is written with its calendar '${node.calendar}' as etomsim:calendar, which import-bpmn reads back; a tool that reads BPSim alone runs it at every hour`,
            },
          ]
        : []),
      ...(node.kind === 'task' && shiftAbove0(node.duration) !== undefined
        ? [
            {
              path: `flows.${flow.name}.nodes.${node.name}.duration.shift`,
              message: `BPSim has no shift on a distribution: the duration of '${node.name}' (shifted by ${shiftAbove0(node.duration)} h) is written for BPSim as a gamma of the same mean and sd, and exactly as etomsim:duration, which import-bpmn reads back; a tool that reads BPSim alone draws durations shorter than ${shiftAbove0(node.duration)} h`,
            },
          ]
        : []),
      ...(node.kind === 'task' && node.until === 'case_age'
        ? [
            {
              path: `flows.${flow.name}.nodes.${node.name}.until`,
              message: `BPSim has no place for a timer on the case's age: '${node.name}' is written with etomsim:until="case_age" (and a note in its documentation), which import-bpmn reads back; a tool that reads BPSim alone runs its duration from the task's start, so the case waits that long again however old it is`,
            },
          ]
        : []),
    ]),
  );
}

export async function exportBpmn(scenario: Scenario, variant: string, version: string): Promise<string> {
  const flows = scenario.flows.map((flow) => flowGraph(flow, scenario));
  const layouts = await Promise.all(flows.map(layout));
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<bpmn:definitions xmlns:bpmn="${NS.bpmn}" xmlns:bpmndi="${NS.bpmndi}" xmlns:dc="${NS.dc}" xmlns:di="${NS.di}" xmlns:bpsim="${NS.bpsim}" xmlns:etomsim="${NS.etomsim}" id="Definitions_etomsim" targetNamespace="${NS.etomsim}/scenario" exporter="etomsim" exporterVersion="${xmlText(version)}">`,
  );
  for (const r of scenario.resources) {
    const roster = r.shifts ? a('etomsim:shifts', json(r.shifts)) : '';
    out.push(
      `  <bpmn:resource id="${resourceId(r.name)}" name="${xmlText(r.name)}"${a('etomsim:calendar', r.calendar)}${roster}${a('etomsim:maxCapacity', r.maxCapacity)}${a('etomsim:description', r.description)}/>`,
    );
  }
  out.push('  <bpmn:collaboration id="Collaboration_etomsim">');
  for (const f of scenario.flows)
    out.push(`    <bpmn:participant id="${participantId(f.name)}" name="${xmlText(f.name)}" processRef="${processId(f.name)}"/>`);
  out.push('  </bpmn:collaboration>');
  flows.forEach((f, i) => writeProcess(out, scenario, scenario.flows[i], f));
  writeDiagram(out, scenario, flows, layouts);
  writeSimulationData(out, scenario, variant, flows);
  out.push('</bpmn:definitions>');
  return out.join('\n') + '\n';
}

// ---- the graph of one flow ------------------------------------------------------------------

interface FlowGraphOut {
  flow: FlowSpec;
  elements: Element[];
  edges: Edge[];
  lanes: string[];
}

function flowGraph(flow: FlowSpec, scenario: Scenario): FlowGraphOut {
  const id = (node: string) => ids.node(flow.name, node);
  const [start, end] = [ids.start(flow.name), ids.end(flow.name)];
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  const elements: Element[] = [{ id: start, kind: 'start', name: `${flow.name} start`, node: null, lane: null }];
  const edges: Edge[] = [];
  const edge = (source: string, target: string, probability: number | null = null) =>
    edges.push({ id: ids.edge(flow.name, edges.length + 1), source, target, probability });
  // Which fork's join each edge into a join node belongs to: the innermost fork whose branches hold its source.
  const forks = flow.nodes.filter((n): n is Extract<NodeSpec, { kind: 'fork' }> => n.kind === 'fork');
  const regions = new Map(forks.map((f) => [f.name, region(f, byName)]));
  const innermost = (source: string, join: string) => {
    let best: string | null = null;
    for (const f of forks) {
      if (f.join !== join || !regions.get(f.name)!.has(source)) continue;
      if (best === null || regions.get(f.name)!.size < regions.get(best)!.size) best = f.name;
    }
    return best;
  };
  const targetOf = (source: string, to: string) => {
    const fork = innermost(source, to);
    return fork === null ? id(to) : ids.join(flow.name, fork);
  };
  let ends = false;
  edge(start, id(flow.start));
  for (const n of flow.nodes) {
    if (n.kind === 'task') {
      elements.push({ id: id(n.name), kind: n.resource === null ? 'serviceTask' : 'task', name: n.name, node: n, lane: n.resource });
      if (n.next === null) {
        edge(id(n.name), end);
        ends = true;
      } else edge(id(n.name), targetOf(n.name, n.next));
    } else if (n.kind === 'decision') {
      elements.push({ id: id(n.name), kind: 'exclusive', name: n.name, node: n, lane: null });
      for (const b of n.branch) edge(id(n.name), targetOf(n.name, b.to), b.p);
    } else {
      elements.push({ id: id(n.name), kind: 'parallel', name: n.name, node: n, lane: null });
      elements.push({ id: ids.join(flow.name, n.name), kind: 'join', name: '', node: null, lane: null });
      for (const p of n.parallel) edge(id(n.name), id(p));
      // a fork nested in another with the same join merges into the outer one's gateway
      const outer = forks
        .filter((f) => f.name !== n.name && f.join === n.join && regions.get(f.name)!.has(n.name))
        .sort((x, y) => regions.get(x.name)!.size - regions.get(y.name)!.size)[0];
      edge(ids.join(flow.name, n.name), outer ? ids.join(flow.name, outer.name) : id(n.join));
    }
  }
  if (ends) elements.push({ id: end, kind: 'end', name: `${flow.name} end`, node: null, lane: null });
  // gateways and events sit in the lane of the task before them, so that lanes read as teams' work
  const laneOf = new Map(elements.map((e) => [e.id, e.lane]));
  for (let pass = 0; pass < 3; pass++) {
    for (const e of edges) if (laneOf.get(e.target) === null && laneOf.get(e.source) !== null) laneOf.set(e.target, laneOf.get(e.source)!);
  }
  for (const e of elements) if (e.kind !== 'task' && e.kind !== 'serviceTask') e.lane = laneOf.get(e.id) ?? null;
  const used = new Set(flow.nodes.flatMap((n) => (n.kind === 'task' && n.resource !== null ? [n.resource] : [])));
  const lanes = scenario.resources.map((r) => r.name).filter((r) => used.has(r));
  return { flow, elements, edges, lanes };
}

/** The nodes a fork's branches run through before they reach its join. */
function region(fork: Extract<NodeSpec, { kind: 'fork' }>, byName: Map<string, NodeSpec>): Set<string> {
  const seen = new Set<string>();
  const stack = [...fork.parallel];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (name === fork.join || seen.has(name)) continue;
    seen.add(name);
    const n = byName.get(name);
    if (!n) continue;
    if (n.kind === 'task' && n.next !== null) stack.push(n.next);
    else if (n.kind === 'decision') for (const b of n.branch) stack.push(b.to);
    else if (n.kind === 'fork') append(stack, n.parallel).push(n.join);
  }
  return seen;
}

const GRAPH_KIND: Record<Kind, FlowGraphNodeKind> = {
  start: 'start',
  end: 'end',
  task: 'task',
  serviceTask: 'task',
  exclusive: 'decision',
  parallel: 'fork',
  join: 'join',
};

/** The shared flow layout (elk, left to right) on this graph, BPMN's standard sizes, then the teams' lanes. */
async function layout(g: FlowGraphOut): Promise<LanedLayout> {
  const graph: FlowGraph = {
    nodes: g.elements.map((e) => ({ id: e.id, kind: GRAPH_KIND[e.kind], node: e.node?.name ?? null })),
    edges: g.edges.map((e) => ({ id: e.id, from: e.source, to: e.target, p: e.probability })),
  };
  const size = (kind: FlowGraphNodeKind) => {
    const [width, height] = kind === 'task' ? SIZE.task : kind === 'start' || kind === 'end' ? SIZE.event : SIZE.gateway;
    return { width, height };
  };
  let laid: FlowLayout;
  try {
    laid = await layoutFlowGraph(graph, { node: (n) => size(n.kind) });
  } catch (err) {
    if (err instanceof LayoutTooWide) throw new LayoutTooWide(`flow '${g.flow.name}': ${err.message}`, err.wide, g.flow.name);
    throw err;
  }
  const laneOf = new Map(g.elements.map((e) => [e.id, e.lane]));
  return inLanes(laid, (n) => laneOf.get(n.id) ?? null, g.lanes);
}

// ---- the process ---------------------------------------------------------------------------

function writeProcess(out: string[], scenario: Scenario, flow: FlowSpec, g: FlowGraphOut): void {
  out.push(
    `  <bpmn:process id="${processId(flow.name)}" name="${xmlText(flow.name)}" isExecutable="false"${a('etomsim:etom', flow.etom)}${a('etomsim:sla', flow.sla)}${a('etomsim:slaWorkingDays', flow.slaWorkingDays?.days)}${a('etomsim:slaCalendar', flow.slaWorkingDays?.calendar)}${a('etomsim:cancelAfter', flow.cancelAfter)}${a('etomsim:description', flow.description)}>`,
  );
  if (flow.kpis.length > 0) {
    out.push('    <bpmn:extensionElements>');
    for (const k of flow.kpis)
      out.push(
        `      <etomsim:kpi${a('name', k.name)}${a('from', k.from)}${a('to', k.to)}${a('sla', k.sla)}${a('slaWorkingDays', k.slaWorkingDays?.days)}${a('slaCalendar', k.slaWorkingDays?.calendar)}/>`,
      );
    out.push('    </bpmn:extensionElements>');
  }
  if (g.lanes.length > 0) {
    out.push(`    <bpmn:laneSet id="${ids.lanes(flow.name)}">`);
    for (const lane of g.lanes) {
      out.push(`      <bpmn:lane id="${laneId(flow.name, lane)}" name="${xmlText(lane)}">`);
      for (const e of g.elements) if (e.lane === lane) out.push(`        <bpmn:flowNodeRef>${e.id}</bpmn:flowNodeRef>`);
      out.push('      </bpmn:lane>');
    }
    out.push('    </bpmn:laneSet>');
  }
  const incoming = (id: string) => g.edges.filter((e) => e.target === id).map((e) => `      <bpmn:incoming>${e.id}</bpmn:incoming>`);
  const outgoing = (id: string) => g.edges.filter((e) => e.source === id).map((e) => `      <bpmn:outgoing>${e.id}</bpmn:outgoing>`);
  for (const e of g.elements) {
    const tag = {
      start: 'startEvent',
      end: 'endEvent',
      task: 'task',
      serviceTask: 'serviceTask',
      exclusive: 'exclusiveGateway',
      parallel: 'parallelGateway',
      join: 'parallelGateway',
    }[e.kind];
    const node = e.node;
    const etom = node?.etom ?? null;
    const extra =
      node?.kind === 'task'
        ? a('etomsim:duration', json(node.duration)) +
          (node.pool ? a('etomsim:pool', json(node.pool)) : '') +
          a('etomsim:calendar', node.calendar) +
          a('etomsim:until', node.until) +
          a('etomsim:activity', node.activity)
        : e.kind === 'exclusive' || e.kind === 'parallel'
          ? ' gatewayDirection="Diverging"'
          : e.kind === 'join'
            ? ' gatewayDirection="Converging"'
            : '';
    out.push(
      `    <bpmn:${tag} id="${e.id}"${a('name', e.name)}${a('etomsim:etom', etom)}${extra}${a('etomsim:description', node?.description)}>`,
    );
    if (etom !== null) out.push(`      <bpmn:documentation>eTOM ${xmlText(etom)}</bpmn:documentation>`);
    if (node?.kind === 'task' && node.until === 'case_age')
      out.push(
        "      <bpmn:documentation>etomsim: a timer on the case: it ends when the case is as old as its duration says (from the case's start), at once when the case is older (etomsim:until)</bpmn:documentation>",
      );
    if (e.kind === 'start') {
      const arrivals = scenario.arrivals.filter((x) => x.flow === flow.name);
      if (arrivals.length > 0) {
        out.push('      <bpmn:extensionElements>');
        for (const x of arrivals) {
          out.push(
            `        <etomsim:arrival${a('interarrival', json(x.interarrival))}${a('rate', String(x.fromRate))}${a('priority', x.priority)}${a('profile', x.profile ? json(x.profile) : null)}${a('calendar', x.calendar)}${a('after', x.after ?? null)}${a('cases', x.cases ?? null)}/>`,
          );
        }
        out.push('      </bpmn:extensionElements>');
      }
    }
    append(append(out, incoming(e.id)), outgoing(e.id));
    if (node?.kind === 'task' && node.resource !== null) {
      out.push(
        `      <bpmn:humanPerformer id="${ids.performer(e.id)}"><bpmn:resourceRef>${resourceId(node.resource)}</bpmn:resourceRef></bpmn:humanPerformer>`,
      );
    }
    out.push(`    </bpmn:${tag}>`);
  }
  for (const e of g.edges) out.push(`    <bpmn:sequenceFlow id="${e.id}" sourceRef="${e.source}" targetRef="${e.target}"/>`);
  out.push('  </bpmn:process>');
}

// ---- diagram interchange ---------------------------------------------------------------------

function writeDiagram(out: string[], scenario: Scenario, flows: FlowGraphOut[], layouts: LanedLayout[]): void {
  out.push('  <bpmndi:BPMNDiagram id="Diagram_etomsim">');
  out.push('    <bpmndi:BPMNPlane id="Plane_etomsim" bpmnElement="Collaboration_etomsim">');
  const n = (v: number) => String(Math.round(v));
  let top = 0;
  flows.forEach((g, i) => {
    const layout = layouts[i];
    const poolX = 0;
    out.push(
      `      <bpmndi:BPMNShape id="${ids.diagram(participantId(g.flow.name))}" bpmnElement="${participantId(g.flow.name)}" isHorizontal="true">`,
    );
    out.push(`        <dc:Bounds x="${poolX}" y="${n(top)}" width="${n(layout.width)}" height="${n(layout.height)}"/>`);
    out.push('      </bpmndi:BPMNShape>');
    for (const lane of layout.lanes) {
      if (lane.lane === null) continue;
      const id = laneId(g.flow.name, lane.lane);
      out.push(`      <bpmndi:BPMNShape id="${ids.diagram(id)}" bpmnElement="${id}" isHorizontal="true">`);
      out.push(
        `        <dc:Bounds x="${LANE.header}" y="${n(top + lane.y)}" width="${n(layout.width - LANE.header)}" height="${n(lane.height)}"/>`,
      );
      out.push('      </bpmndi:BPMNShape>');
    }
    for (const node of layout.nodes) {
      const marker = g.elements.find((e) => e.id === node.id)!.kind === 'exclusive' ? ' isMarkerVisible="true"' : '';
      out.push(`      <bpmndi:BPMNShape id="${ids.diagram(node.id)}" bpmnElement="${node.id}"${marker}>`);
      out.push(`        <dc:Bounds x="${n(node.x)}" y="${n(top + node.y)}" width="${node.width}" height="${node.height}"/>`);
      out.push('      </bpmndi:BPMNShape>');
    }
    for (const edge of layout.edges) {
      out.push(`      <bpmndi:BPMNEdge id="${ids.diagram(edge.id)}" bpmnElement="${edge.id}">`);
      for (const p of edge.points) out.push(`        <di:waypoint x="${n(p.x)}" y="${n(top + p.y)}"/>`);
      out.push('      </bpmndi:BPMNEdge>');
    }
    top += layout.height + 40;
  });
  void scenario;
  out.push('    </bpmndi:BPMNPlane>');
  out.push('  </bpmndi:BPMNDiagram>');
}

// ---- simulation parameters: BPSim 2.0, and etomsim's own ----------------------------------------

function writeSimulationData(out: string[], scenario: Scenario, variant: string, flows: FlowGraphOut[]): void {
  const first = processId(scenario.flows[0]?.name ?? 'none');
  const start = scenario.run.start ?? DEFAULT_RUN_START;
  out.push('  <bpmn:relationship type="BPSimData">');
  out.push('    <bpmn:extensionElements>');
  out.push('      <bpsim:BPSimData>');
  out.push(
    `        <bpsim:Scenario id="Scenario_${xmlText(variant)}" name="${xmlText(scenario.name)}"${a('description', scenario.description)}>`,
  );
  out.push(
    `          <bpsim:ScenarioParameters replication="${scenario.run.replications}" seed="${scenario.run.seed}" baseTimeUnit="hour"${a('baseCurrencyUnit', scenario.currency)}>`,
  );
  out.push(`            <bpsim:Start><bpsim:DateTimeParameter value="${start.text}"/></bpsim:Start>`);
  out.push(`            <bpsim:Duration><bpsim:FloatingParameter value="${scenario.run.horizon}"/></bpsim:Duration>`);
  out.push(`            <bpsim:Warmup><bpsim:FloatingParameter value="${scenario.run.warmup}"/></bpsim:Warmup>`);
  out.push('          </bpsim:ScenarioParameters>');
  for (const g of flows) {
    const firstArrival = scenario.arrivals.find((x) => x.flow === g.flow.name);
    if (firstArrival) {
      out.push(`          <bpsim:ElementParameters elementRef="${ids.start(g.flow.name)}">`);
      out.push(
        `            <bpsim:ControlParameters><bpsim:InterTriggerTimer>${bpsimDistribution(firstArrival.interarrival)}</bpsim:InterTriggerTimer>${firstArrival.cases === undefined ? '' : `<bpsim:TriggerCount><bpsim:NumericParameter value="${firstArrival.cases}"/></bpsim:TriggerCount>`}</bpsim:ControlParameters>`,
      );
      out.push('          </bpsim:ElementParameters>');
    }
    for (const e of g.elements) {
      if (e.node?.kind !== 'task') continue;
      out.push(`          <bpsim:ElementParameters elementRef="${e.id}">`);
      out.push(
        `            <bpsim:TimeParameters><bpsim:ProcessingTime>${bpsimDistribution(e.node.duration)}</bpsim:ProcessingTime></bpsim:TimeParameters>`,
      );
      out.push('          </bpsim:ElementParameters>');
    }
    for (const edge of g.edges) {
      if (edge.probability === null) continue;
      out.push(`          <bpsim:ElementParameters elementRef="${edge.id}">`);
      out.push(
        `            <bpsim:ControlParameters><bpsim:Probability><bpsim:FloatingParameter value="${edge.probability}"/></bpsim:Probability></bpsim:ControlParameters>`,
      );
      out.push('          </bpsim:ElementParameters>');
    }
  }
  for (const r of scenario.resources) {
    out.push(`          <bpsim:ElementParameters elementRef="${resourceId(r.name)}">`);
    const availability =
      r.calendar === null
        ? ''
        : `<bpsim:Availability><bpsim:BooleanParameter value="true" calendar="${ids.calendar(r.calendar)}"/></bpsim:Availability>`;
    out.push(
      `            <bpsim:ResourceParameters><bpsim:Quantity><bpsim:NumericParameter value="${r.capacity}"/></bpsim:Quantity>${availability}</bpsim:ResourceParameters>`,
    );
    // a team without cost_per_hour has no UnitCost (not 0): import-bpmn then gives it none, as the scenario did
    if (r.costGiven !== false)
      out.push(
        `            <bpsim:CostParameters><bpsim:UnitCost><bpsim:FloatingParameter value="${r.costPerHour}"/></bpsim:UnitCost></bpsim:CostParameters>`,
      );
    out.push('          </bpsim:ElementParameters>');
  }
  for (const c of scenario.calendars)
    out.push(
      `          <bpsim:Calendar id="${ids.calendar(c.name)}" name="${xmlText(c.name)}">${xmlText(iCalendar(c, start))}</bpsim:Calendar>`,
    );
  out.push('        </bpsim:Scenario>');
  out.push('      </bpsim:BPSimData>');
  out.push(`      <etomsim:scenario${a('name', scenario.name)}${a('description', scenario.description)}${a('variant', variant)}>`);
  for (const c of scenario.calendars) out.push(`        <etomsim:calendar${a('name', c.name)}${a('periods', json(c.periods))}/>`);
  out.push('      </etomsim:scenario>');
  out.push('    </bpmn:extensionElements>');
  out.push(`    <bpmn:source>${first}</bpmn:source>`);
  out.push(`    <bpmn:target>${first}</bpmn:target>`);
  out.push('  </bpmn:relationship>');
}

/** A distribution as BPSim writes it (values in hours, the scenario's baseTimeUnit). */
function bpsimDistribution(d: DistSpec): string {
  return shiftAbove0(d) === undefined ? bpsimFamily(d) : bpsimSameMoments(d);
}

/**
 * A shifted distribution for BPSim, which has no shift: a gamma with the draw's mean and sd (a
 * constant where the sd is 0), so that a tool reading BPSim alone offers the same load and a
 * queue of the same spread, though below the shift (bpsimGaps warns).
 */
function bpsimSameMoments(d: DistSpec): string {
  const mean = distMean(d);
  const variance = distVariance(d);
  return variance > 0
    ? `<bpsim:GammaDistribution shape="${(mean * mean) / variance}" scale="${variance / mean}"/>`
    : `<bpsim:FloatingParameter value="${mean}"/>`;
}

function bpsimFamily(d: DistSpec): string {
  switch (d.kind) {
    case 'constant':
      return `<bpsim:FloatingParameter value="${d.value}"/>`;
    case 'exponential':
      return `<bpsim:NegativeExponentialDistribution mean="${d.mean}"/>`; // BPSim's name for the exponential
    case 'uniform':
      return `<bpsim:UniformDistribution min="${d.min}" max="${d.max}"/>`;
    case 'triangular':
      return `<bpsim:TriangularDistribution min="${d.min}" mode="${d.mode}" max="${d.max}"/>`;
    case 'normal':
      return `<bpsim:TruncatedNormalDistribution mean="${d.mean}" standardDeviation="${d.sd}" min="0" max="INF"/>`;
    case 'lognormal':
      return `<bpsim:LogNormalDistribution mean="${d.mean}" standardDeviation="${d.sd}"/>`;
    case 'gamma': // BPSim's gamma takes shape and scale
      return `<bpsim:GammaDistribution shape="${(d.mean * d.mean) / (d.sd * d.sd)}" scale="${(d.sd * d.sd) / d.mean}"/>`;
    case 'erlang':
      return `<bpsim:ErlangDistribution k="${d.k}" mean="${d.mean}"/>`;
    case 'weibull':
      return `<bpsim:WeibullDistribution shape="${d.shape}" scale="${d.scale}"/>`;
    case 'empirical':
      return `<bpsim:EnumParameter>${d.values.map((v) => `<bpsim:FloatingParameter value="${v}"/>`).join('')}</bpsim:EnumParameter>`;
  }
}

/** A weekly calendar as iCalendar events that repeat every week (BPSim's calendar format), in wall-clock time from run.start's Monday. */
function iCalendar(c: CalendarSpec, start: RunStart): string {
  const monday = start.epochMs + start.offsetMinutes * 60_000;
  const stamp = (hours: number) =>
    new Date(monday + hours * 3_600_000)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//etomsim//BPMN export//EN'];
  c.periods.forEach((p, i) =>
    lines.push(
      'BEGIN:VEVENT',
      `UID:${c.name}-${i + 1}`,
      `DTSTART:${stamp(p.start)}`,
      `DTEND:${stamp(p.end)}`,
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
    ),
  );
  lines.push('END:VCALENDAR');
  return lines.join('\n');
}

/**
 * Element ids: a kind and the names the element is of, joined by '.', which no scenario name
 * holds (engine/scenario/names.ts) and an xsd:ID may: so no two elements get one id, where
 * `${flow}__${node}` gave a node named `start` or `end` its flow's start or end event's id, and
 * flow `a`'s node `b__c` flow `a__b`'s node `c`'s (s32x finding 6). Unique by construction, so
 * not checked on every export: test/interchange/bpmn-round-trip.test.ts checks them on every
 * bundled scenario and variant and on the names that once clashed.
 */
const ids = {
  start: (flow: string) => `Start.${flow}`,
  end: (flow: string) => `End.${flow}`,
  node: (flow: string, node: string) => `Node.${flow}.${node}`,
  join: (flow: string, fork: string) => `Join.${flow}.${fork}`,
  edge: (flow: string, n: number) => `Flow.${flow}.${n}`,
  lanes: (flow: string) => `Lanes.${flow}`,
  performer: (element: string) => `${element}.performer`,
  calendar: (calendar: string) => `Calendar.${calendar}`,
  diagram: (element: string) => `${element}.di`,
};
const processId = (flow: string) => `Process.${flow}`;
const participantId = (flow: string) => `Participant.${flow}`;
const laneId = (flow: string, team: string) => `Lane.${flow}.${team}`;
const resourceId = (team: string) => `Resource.${team}`;
