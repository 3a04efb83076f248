// The rules of one flow and of its nodes: each node is exactly one of a task, a decision
// or a fork, and every name it refers to exists. The shape of the graph as a whole (reach,
// ends, loops, forks that join) is checked afterwards by graph-checks.ts.
//
// Extensions to the spec (version 1): a flow may carry `description`, `cancel_after` (a
// duration > 0 after which an open case is abandoned) and `kpis` (named partial cycle
// times `{ from: NODE | start, to: NODE, sla?: DURATION }`); any node may carry `description`;
// a task's `resource` may be a skill pool `{ any: [TEAM, ...] }`; an automated task may name a
// `calendar`, whose open hours alone its duration elapses in, and `until: case_age`, which reads
// its duration as the case's age at which it ends; a task may name the event log's `activity` it
// stands for (fidelity matches it exactly); `discovery` holds what discover says of the
// flow as data (discovery-block.ts), which the simulation never reads.

import { readDiscoveryBlock } from './discovery-block.js';
import { readDistribution } from './distribution.js';
import { readDuration, type TimeUnit } from './duration.js';
import {
  checkKeys,
  describeValue,
  given,
  isPlainMap,
  optionalDescription,
  optionalText,
  readEntries,
  readInteger,
  readList,
  requireKey,
  type PlainMap,
} from './fields.js';
import { checkFlowGraph, checkMilestoneReach } from './graph-checks.js';
import { checkName } from './names.js';
import type { KeyPath, Problems } from './problems.js';
import type { ReadOnce } from './read-once.js';
import { readReference, type Referenced } from './references.js';
import { didYouMean } from './suggest.js';
import { type BranchSpec, type FlowSpec, FROM_ARRIVAL, type KpiSpec, type NodeSpec, type WorkingDaysSla } from './types.js';
import { MAX_VISIT_CLASSES, pAtVisit, settleVisitShares, visitClasses } from './visit-shares.js';
import { significant } from '../number-format.js';

const FLOW_KEYS = ['etom', 'sla', 'start', 'nodes', 'cancel_after', 'kpis', 'description', 'discovery'];
const KPI_KEYS = ['from', 'to', 'sla'];
const POOL_KEYS = ['any'];
/** The keys that make a node a task, a decision or a fork. */
const KIND_KEYS = {
  task: ['duration', 'resource', 'calendar', 'until', 'next', 'activity'],
  decision: ['branch'],
  fork: ['parallel', 'join'],
} as const;
type NodeKind = keyof typeof KIND_KEYS;
const COMMON_NODE_KEYS = ['etom', 'description'];
const ALL_NODE_KEYS = [...Object.values(KIND_KEYS).flat(), ...COMMON_NODE_KEYS];
const NODE_FORMS = 'a task (duration, with optional resource and next), a decision (branch) or a fork (parallel and join)';
const PROBABILITY_TOLERANCE = 1e-9;

interface FlowContext {
  timeUnit: TimeUnit;
  resources: readonly string[];
  /** the calendars defined (their names), which an automated task's `calendar` may name */
  calendars: readonly string[];
  /**
   * What the baseline of the same file read, for a variant's: a variant's patched document holds
   * the baseline's very map for every flow and node its patch leaves alone (merge-patch.ts copies
   * only what a patch changes), which it takes read (read-once.ts): a flow it leaves alone is the
   * baseline's FlowSpec, the same object, which its warnings and inputs then recognise as the
   * baseline's (engine/scenario/warnings.ts, engine/results/inputs.ts).
   */
  read: ReadOnce;
}

/** What a node of one flow needs to know to be read. */
interface NodeContext extends FlowContext {
  nodes: Referenced;
}

export function readFlows(doc: PlainMap, problems: Problems, context: FlowContext): FlowSpec[] {
  if (!Object.hasOwn(doc, 'flows')) {
    problems.missing(['flows'], 'the scenario needs flows, at least one, each with a start and its nodes');
    return [];
  }
  const entries = readEntries(doc.flows, ['flows'], problems, '{ order_to_activation: { start: capture, nodes: { ... } } }');
  if (!entries) return [];
  if (Object.keys(entries).length === 0) {
    problems.atValue(['flows'], 'flows must define at least one flow, with a start and its nodes');
    return [];
  }
  return Object.entries(entries).flatMap(([name, raw]) => readFlowOnce(name, raw, problems, context) ?? []);
}

/** readFlow, or the FlowSpec read from the same map under the same name, teams, calendars and unit (read-once.ts). */
function readFlowOnce(name: string, raw: unknown, problems: Problems, context: FlowContext): FlowSpec | undefined {
  const { read, resources, calendars, timeUnit } = context;
  return read.read('flow', raw, [name, resources, calendars, timeUnit], problems, () => readFlow(name, raw, problems, context));
}

/**
 * readNode, or the NodeSpec read from the same map under the same name, flow, node names, teams,
 * calendars and unit. A decision with p per visit is read again: settleVisitShares sets its
 * long-run shares from its flow's loops.
 */
function readNodeOnce(name: string, raw: unknown, path: KeyPath, problems: Problems, context: NodeContext): NodeSpec | undefined {
  const { read, resources, calendars, timeUnit, nodes } = context;
  return read.read(
    'node',
    raw,
    [path[1], name, nodes.known, resources, calendars, timeUnit],
    problems,
    () => readNode(name, raw, path, problems, context),
    (node) => node === undefined || node.kind !== 'decision' || node.branch.every((b) => b.byVisit === undefined),
  );
}

function readFlow(name: string, raw: unknown, problems: Problems, context: FlowContext): FlowSpec | undefined {
  const path = ['flows', name];
  checkName(name, path, problems, 'flow');
  if (!isPlainMap(raw)) {
    problems.atValue(
      path,
      `flow '${name}' must be a map with a start and its nodes, like { start: capture, nodes: { ... } }; found ${describeValue(raw)}`,
    );
    return undefined;
  }
  checkKeys(raw, path, FLOW_KEYS, problems);
  const description = optionalDescription(raw, path, problems);
  const durationIfGiven = (key: string, what: string) =>
    given(raw, key) ? (readDuration(raw[key], [...path, key], problems, what, context.timeUnit, true) ?? null) : null;
  const sla = readSla(raw, path, problems, context);
  const flow: FlowSpec = {
    name,
    etom: optionalText(raw, 'etom', path, problems, 'etom (the eTOM process id)'),
    sla: sla.sla,
    ...(sla.slaWorkingDays ? { slaWorkingDays: sla.slaWorkingDays } : {}),
    start: '',
    cancelAfter: durationIfGiven('cancel_after', 'cancel_after'),
    kpis: [],
    nodes: [],
  };
  const nodeMap = readNodeMap(raw, path, problems);
  const nodes: Referenced = { kind: 'node', known: Object.keys(nodeMap ?? {}), where: `in flow '${name}'` };
  const nodeContext: NodeContext = { ...context, nodes };
  flow.nodes = Object.entries(nodeMap ?? {}).flatMap(
    ([node, value]) => readNodeOnce(node, value, [...path, 'nodes', node], problems, nodeContext) ?? [],
  );
  const start = requireKey(raw, 'start', path, problems, `flow '${name}' needs a start: the name of the node where each case begins`);
  if (start !== undefined && nodeMap) flow.start = readReference(start, [...path, 'start'], problems, nodes) ?? '';
  // The graph is judged only once its links are sound, so that one typo does not also
  // show up as an unreachable node or a loop.
  const sound = nodeMap !== undefined && nodeMap !== null && flow.nodes.length === nodes.known.length && linksAreSound(flow);
  if (sound) {
    settleVisitShares(flow);
    checkFlowGraph(flow, path, problems);
  }
  flow.kpis = readKpis(raw, path, problems, nodeContext);
  if (sound) checkMilestoneReach(flow, path, problems);
  if (description !== null) flow.description = description;
  const leftOut = readDiscoveryBlock(raw, path, problems);
  if (leftOut !== undefined) flow.leftOut = leftOut;
  return flow;
}

/** Whether the start and every link between nodes name a node, with a valid probability. */
function linksAreSound(flow: FlowSpec): boolean {
  return (
    flow.start !== '' &&
    flow.nodes.every((node) => {
      switch (node.kind) {
        case 'task':
          return node.next !== '';
        case 'decision':
          return node.branch.every((b) => b.to !== '' && Number.isFinite(b.p));
        case 'fork':
          return node.parallel.every((child) => child !== '');
      }
    })
  );
}

function readNodeMap(flow: PlainMap, path: KeyPath, problems: Problems): PlainMap | undefined {
  if (!Object.hasOwn(flow, 'nodes')) {
    problems.missing([...path, 'nodes'], 'a flow needs nodes: its tasks, decisions and forks');
    return undefined;
  }
  const entries = readEntries(flow.nodes, [...path, 'nodes'], problems, '{ capture: { duration: 25m } }');
  if (entries && Object.keys(entries).length === 0) {
    problems.atValue([...path, 'nodes'], 'nodes must define at least one node');
    return undefined;
  }
  return entries;
}

function readNode(name: string, raw: unknown, path: KeyPath, problems: Problems, context: NodeContext): NodeSpec | undefined {
  checkName(name, path, problems, 'node');
  if (!isPlainMap(raw)) {
    problems.atValue(path, `node '${name}' must be ${NODE_FORMS}, written as a map; found ${describeValue(raw)}`);
    return undefined;
  }
  const kinds = (Object.keys(KIND_KEYS) as NodeKind[]).filter((kind) => KIND_KEYS[kind].some((key) => Object.hasOwn(raw, key)));
  if (kinds.length !== 1) {
    checkKeys(raw, path, ALL_NODE_KEYS, problems);
    const found = kinds.map((kind) => `${kind} (${KIND_KEYS[kind].filter((key) => Object.hasOwn(raw, key)).join(', ')})`);
    const mixed = kinds.length === 0 ? '' : `; it mixes a ${found.join(' and a ')}`;
    problems.atKey(path, `node '${name}' must be exactly one of ${NODE_FORMS}${mixed}`);
    return undefined;
  }
  const kind = kinds[0];
  checkKeys(raw, path, [...KIND_KEYS[kind], ...COMMON_NODE_KEYS], problems);
  const description = optionalDescription(raw, path, problems);
  const etom = optionalText(raw, 'etom', path, problems, 'etom (the eTOM process id)');
  const node =
    kind === 'task'
      ? readTask(name, etom, raw, path, problems, context)
      : kind === 'decision'
        ? readDecision(name, etom, raw, path, problems, context)
        : readFork(name, etom, raw, path, problems, context);
  if (node !== undefined && description !== null) node.description = description;
  return node;
}

function readTask(name: string, etom: string | null, raw: PlainMap, path: KeyPath, problems: Problems, context: NodeContext): NodeSpec {
  const rawDuration = requireKey(
    raw,
    'duration',
    path,
    problems,
    `task '${name}' needs a duration, like duration: 30m or duration: { exponential: { mean: 2h } }`,
  );
  const duration =
    rawDuration === undefined
      ? undefined
      : readDistribution(rawDuration, [...path, 'duration'], problems, `the duration of task '${name}'`, context.timeUnit);
  const pool = given(raw, 'resource') ? readTaskResource(raw.resource, [...path, 'resource'], problems, context) : [];
  const next = given(raw, 'next') ? (readReference(raw.next, [...path, 'next'], problems, context.nodes) ?? '') : null;
  // A placeholder duration is never seen: a scenario with a problem is not returned.
  const task: NodeSpec = {
    kind: 'task',
    name,
    etom,
    duration: duration ?? { kind: 'constant', value: 0 },
    resource: pool[0] ?? null,
    next,
  };
  if (pool.length > 1 || isPlainMap(raw.resource)) task.pool = pool;
  if (given(raw, 'calendar')) task.calendar = readTaskCalendar(name, raw, path, problems, context);
  if (given(raw, 'until')) task.until = readTaskUntil(name, raw, path, problems);
  const activity = optionalText(raw, 'activity', path, problems, "activity (the event log's activity the task stands for)");
  if (activity === '') problems.atValue([...path, 'activity'], "activity must be the event log's activity the task stands for; found ''");
  else if (activity !== null) task.activity = activity;
  return task;
}

/** What `until` may say: the one reading of a duration other than its length. */
const UNTIL_VALUES = ['case_age'];

/**
 * An automated task's `until: case_age`: its drawn duration is the case's age at which it ends
 * (a timer set at the case's arrival: auto-close N days after opening). A team's task ends when
 * its unit has done the work, so there it is refused rather than left meaning nothing.
 */
function readTaskUntil(name: string, raw: PlainMap, path: KeyPath, problems: Problems): 'case_age' | null {
  const at = [...path, 'until'];
  if (given(raw, 'resource')) {
    problems.atKey(
      at,
      `task '${name}' has a resource, whose unit ends it when the work is done: until is for an automated task (no resource), a timer on the case's age; remove until, or make it a task of its own without resource`,
    );
    return null;
  }
  const value = raw.until;
  if (value === 'case_age') return value;
  const hint = typeof value === 'string' ? didYouMean(value, UNTIL_VALUES) : '';
  problems.atValue(
    at,
    `until must be case_age (the task's duration is then the case's age at which it ends); found ${describeValue(value)}${hint}`,
  );
  return null;
}

/**
 * An automated task's `calendar`: its duration elapses only in the calendar's open hours (a
 * calendar always has some: calendar-spec.ts refuses one without days or hours). A team's task
 * already works in its team's hours, so there it is refused rather than left meaning nothing.
 */
function readTaskCalendar(name: string, raw: PlainMap, path: KeyPath, problems: Problems, context: NodeContext): string | null {
  const at = [...path, 'calendar'];
  if (given(raw, 'resource')) {
    problems.atKey(
      at,
      `task '${name}' has a resource, whose hours it works in (the team's calendar or shifts): calendar is for an automated task (no resource); remove calendar, or give the team the calendar`,
    );
    return null;
  }
  return readReference(raw.calendar, at, problems, { kind: 'calendar', known: context.calendars, where: 'under calendars' }) ?? null;
}

/**
 * A task's team, or a skill pool `{ any: [tier1, tier2] }`: the teams that may serve it, in
 * preference order. Returns the teams read ([] when none could be).
 */
function readTaskResource(raw: unknown, path: KeyPath, problems: Problems, context: NodeContext): string[] {
  const resources: Referenced = { kind: 'resource', known: context.resources, where: 'under resources' };
  if (!isPlainMap(raw)) {
    if (typeof raw !== 'string') {
      problems.atValue(
        path,
        `resource must be the name of a resource, or a pool like { any: [tier1, tier2] }; found ${describeValue(raw)}`,
      );
      return [];
    }
    const one = readReference(raw, path, problems, resources);
    return one === undefined ? [] : [one];
  }
  checkKeys(raw, path, POOL_KEYS, problems);
  const anyPath = [...path, 'any'];
  if (!Object.hasOwn(raw, 'any')) {
    problems.missing(
      anyPath,
      'a pool of teams needs any, the teams that may serve the task in order of preference, like { any: [tier1, tier2] }',
    );
    return [];
  }
  const list = raw.any;
  if (!Array.isArray(list) || list.length === 0) {
    problems.atValue(anyPath, `any must list at least one team, like any: [tier1, tier2]; found ${describeValue(list)}`);
    return [];
  }
  const teams: string[] = [];
  list.forEach((item, i) => {
    const team = readReference(item, [...anyPath, i], problems, resources);
    if (team === undefined) return;
    if (teams.includes(team)) problems.atValue([...anyPath, i], `'${team}' is listed twice in the pool; list each team once`);
    else teams.push(team);
  });
  return teams.length === list.length ? teams : [];
}

function readDecision(
  name: string,
  etom: string | null,
  raw: PlainMap,
  path: KeyPath,
  problems: Problems,
  context: NodeContext,
): NodeSpec | undefined {
  const branchPath = [...path, 'branch'];
  const example = '[{ to: design, p: 0.85 }, { to: capture_order, p: 0.15 }]';
  const list = readList(raw.branch, branchPath, problems, 'branch', example);
  if (!list) return undefined;
  if (list.length === 0) {
    problems.atValue(branchPath, `decision '${name}' needs at least one branch, like branch: ${example}`);
    return undefined;
  }
  const branch = list.map((entry, i) => readBranch(entry, [...branchPath, i], problems, context));
  const classes = visitClasses(branch);
  const off: string[] = [];
  for (let k = 0; k < classes; k++) {
    const sum = significant(
      branch.reduce((total, b) => total + pAtVisit(b, k), 0),
      12,
    );
    if (Number.isFinite(sum) && Math.abs(sum - 1) > PROBABILITY_TOLERANCE)
      off.push(classes === 1 ? String(sum) : `${sum} on ${visitLabel(k, classes)}`);
  }
  if (off.length > 0 && classes === 1)
    problems.atValue(branchPath, `the probabilities p of decision '${name}' add up to ${off[0]}; they must add up to 1`);
  else if (off.length > 0)
    problems.atValue(
      branchPath,
      `the probabilities p of decision '${name}' must add up to 1 on every visit; they add up to ${off.join(', ')} (a branch's last entry holds for the visits after it)`,
    );
  return { kind: 'decision', name, etom, branch };
}

function readBranch(entry: unknown, path: KeyPath, problems: Problems, context: NodeContext): BranchSpec {
  const branch: BranchSpec = { to: '', p: NaN }; // '' and NaN mark what could not be read
  if (!isPlainMap(entry)) {
    problems.atValue(path, `a branch must be a map like { to: design, p: 0.85 }; found ${describeValue(entry)}`);
    return branch;
  }
  checkKeys(entry, path, ['to', 'p'], problems);
  const to = requireKey(entry, 'to', path, problems, 'a branch needs to: the node it leads to, like { to: design, p: 0.85 }');
  if (to !== undefined) branch.to = readReference(to, [...path, 'to'], problems, context.nodes) ?? '';
  const p = requireKey(entry, 'p', path, problems, 'a branch needs p: its probability between 0 and 1, like { to: design, p: 0.85 }');
  if (p === undefined) return branch;
  if (Array.isArray(p)) return readVisitList(p, branch, [...path, 'p'], problems);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    problems.atValue(
      [...path, 'p'],
      `p must be a probability between 0 and 1, like 0.85, or one per visit, like [0.3, 0.1, 0]; found ${describeValue(p)}`,
    );
  } else branch.p = p;
  return branch;
}

/** `p: [visit 1, visit 2, ..., visit k and later]` (visit-shares.ts): each entry a probability. */
function readVisitList(list: unknown[], branch: BranchSpec, path: KeyPath, problems: Problems): BranchSpec {
  if (list.length === 0) {
    problems.atValue(path, 'p per visit must list at least one probability, like [0.3, 0.1, 0] (visit 1, visit 2, visit 3 and later)');
    return branch;
  }
  if (list.length > MAX_VISIT_CLASSES) {
    problems.atValue(
      path,
      `p per visit lists ${list.length} visits; at most ${MAX_VISIT_CLASSES} (the last entry holds for every visit after it)`,
    );
    return branch;
  }
  let sound = true;
  list.forEach((p, k) => {
    if (typeof p === 'number' && p >= 0 && p <= 1) return;
    problems.atValue([...path, k], `p of visit ${k + 1} must be a probability between 0 and 1, like 0.3; found ${describeValue(p)}`);
    sound = false;
  });
  if (!sound) return branch;
  branch.byVisit = list as number[];
  branch.p = branch.byVisit[0]; // its long-run share once the flow is read (settleVisitShares)
  return branch;
}

/** "visit 2", or "visit 3 and later" for the last class. */
function visitLabel(k: number, classes: number): string {
  return k === classes - 1 ? `visit ${k + 1}${k > 0 ? ' and later' : ''}` : `visit ${k + 1}`;
}

function readFork(
  name: string,
  etom: string | null,
  raw: PlainMap,
  path: KeyPath,
  problems: Problems,
  context: NodeContext,
): NodeSpec | undefined {
  const parallelPath = [...path, 'parallel'];
  const example = '[configure_service, book_visit]';
  const rawParallel = requireKey(
    raw,
    'parallel',
    path,
    problems,
    `fork '${name}' needs parallel: the nodes that start at the same time, like parallel: ${example}`,
  );
  const list = rawParallel === undefined ? undefined : readList(rawParallel, parallelPath, problems, 'parallel', example);
  if (list && list.length === 0)
    problems.atValue(parallelPath, `fork '${name}' needs at least one node in parallel, like parallel: ${example}`);
  const parallel = (list ?? []).map((child, i) => readReference(child, [...parallelPath, i], problems, context.nodes) ?? '');
  const rawJoin = requireKey(raw, 'join', path, problems, `fork '${name}' needs a join: the node where its parallel branches meet again`);
  const join = rawJoin === undefined ? undefined : readReference(rawJoin, [...path, 'join'], problems, context.nodes);
  if (join === name) {
    problems.atValue([...path, 'join'], `fork '${name}' cannot join at itself; name the node where its branches meet`);
    return undefined;
  }
  if (join !== undefined && parallel.includes(join)) {
    problems.atValue(
      [...path, 'join'],
      `join '${join}' of fork '${name}' is also one of its parallel branches; the join must be the node after them`,
    );
    return undefined;
  }
  if (!list || list.length === 0 || join === undefined) return undefined;
  return { kind: 'fork', name, etom, parallel, join };
}

function readKpis(flow: PlainMap, path: KeyPath, problems: Problems, context: NodeContext): KpiSpec[] {
  const kpisPath = [...path, 'kpis'];
  const entries = readEntries(flow.kpis, kpisPath, problems, '{ time_to_design: { from: start, to: design, sla: 1d } }');
  return Object.entries(entries ?? {}).flatMap(([name, raw]) => readKpi(name, raw, [...kpisPath, name], problems, context) ?? []);
}

function readKpi(name: string, raw: unknown, path: KeyPath, problems: Problems, context: NodeContext): KpiSpec | undefined {
  checkName(name, path, problems, 'KPI');
  if (!isPlainMap(raw)) {
    problems.atValue(path, `KPI '${name}' must be a map like { from: start, to: design, sla: 1d }; found ${describeValue(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, KPI_KEYS, problems);
  const from = requireKey(raw, 'from', path, problems, `KPI '${name}' needs from: a node of the flow, or start for the case's arrival`);
  const to = requireKey(raw, 'to', path, problems, `KPI '${name}' needs to: the node where the measured time ends`);
  const startOrNode: Referenced = { ...context.nodes, known: [FROM_ARRIVAL, ...context.nodes.known] };
  return {
    name,
    from: from === undefined ? '' : (readReference(from, [...path, 'from'], problems, startOrNode) ?? ''),
    to: to === undefined ? '' : (readReference(to, [...path, 'to'], problems, context.nodes) ?? ''),
    ...readSla(raw, path, problems, context),
  };
}

/** The most working days an SLA may count: a year's. */
const MAX_WORKING_DAYS = 366;

/**
 * A flow's or milestone's `sla`: a duration on the clock, or (etomsim addition) `{ working_days: N, calendar: NAME }`,
 * N working days of a calendar the scenario names (types.ts, WorkingDaysSla).
 */
function readSla(
  raw: PlainMap,
  path: KeyPath,
  problems: Problems,
  context: FlowContext,
): { sla: number | null; slaWorkingDays?: WorkingDaysSla } {
  if (!given(raw, 'sla')) return { sla: null };
  const at = [...path, 'sla'];
  if (!isPlainMap(raw.sla)) return { sla: readDuration(raw.sla, at, problems, 'sla', context.timeUnit, true) ?? null };
  const map = raw.sla;
  checkKeys(map, at, ['working_days', 'calendar'], problems);
  const example = 'like { working_days: 2, calendar: office }';
  const days = requireKey(map, 'working_days', at, problems, `an sla in working days needs working_days: how many, ${example}`);
  const calendar = requireKey(
    map,
    'calendar',
    at,
    problems,
    `an sla in working days needs calendar: the calendar whose open days count, ${example}`,
  );
  const n =
    days === undefined
      ? undefined
      : readInteger(days, [...at, 'working_days'], problems, 'working_days', 1, { max: MAX_WORKING_DAYS, why: "a year's" });
  const name =
    calendar === undefined
      ? undefined
      : readReference(calendar, [...at, 'calendar'], problems, { kind: 'calendar', known: context.calendars, where: 'under calendars' });
  return n === undefined || name === undefined || name === null
    ? { sla: null }
    : { sla: null, slaWorkingDays: { days: n, calendar: name } };
}
