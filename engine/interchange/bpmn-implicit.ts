// BPMN's implicit starts and ends (BPMN 2.0.2, 10.5.2 and 10.5.3), made explicit on the parsed
// model. A process or sub-process without a start event starts, when it is instantiated, at
// every flow node no sequence flow enters; an activity without an outgoing sequence flow ends
// its path, and the process or sub-process completes when all its paths have ended.
// import-bpmn reads explicit starts, splits and joins, so this adds what BPMN implies: a start
// event into that one node, or, for several, a start event into a diverging parallel gateway
// to each of them (BPMN starts them at once) and, where their paths meet at no converging
// parallel gateway, a converging one that every path's end leads to, then an end event. A
// diverging parallel gateway whose branches meet at no converging one ends the same way. Such
// paths ending at an end event that throws (terminate ends them all at once) are refused there. An
// activity or start event with several flows out and no condition on them splits in parallel
// (10.5.1, uncontrolled flow): a diverging parallel gateway after it. Where some branches of a
// fork meet at a converging gateway and others end apart, the ones that meet are a fork of their
// own, joined there (BPMN's join waits for them alone), inside the fork that ends with the rest.
// The join a split's branches meet at (joinOf) is here too: whether implicit starts meet is
// the same question as where a fork joins. Its walks pass the forks nested in a branch that are
// blocks in one step (Block); a fork that a flow from outside crosses into is walked by each fork
// around it, and why no summary of it serves them all is said at Walks.
//
// Invariant: only what BPMN implies is added; every element made here (but a sequence flow
// and a split's fork, which `follows` its node) is in `made`, and each, flows too, carries the id of the process or sub-process it is for
// (a fork after a node's several flows out, and the flow into it, carry that node's id; a fork
// for branches that meet, the id of the fork they leave), so a message about one names an element the file has.
import type { ModdleElement } from './bpmn-import.js';
import { largest, smallest } from '../lists.js';

/** The sequence flows of a list of flows in or out of an element (message flows and associations left out). */
export const sequenceFlows = (list: unknown): ModdleElement[] =>
  ((list as ModdleElement[] | undefined) ?? []).filter((f) => f.$type === 'bpmn:SequenceFlow');

/** An activity, which BPMN lets end its path without an outgoing sequence flow (a gateway or event may not). */
export const isActivity = (e: ModdleElement) => e.$type.endsWith('Task') || e.$type === 'bpmn:SubProcess';

/** A sequence flow from `from` to `to`, made for `holder`. */
export function connect(from: ModdleElement, to: ModdleElement, holder: ModdleElement): ModdleElement {
  const flow: ModdleElement = { $type: 'bpmn:SequenceFlow', id: holder.id, sourceRef: from, targetRef: to };
  flowsOf(from, 'outgoing').push(flow); // in place: a fork into thousands of nodes is made in time linear in them
  flowsOf(to, 'incoming').push(flow);
  return flow;
}

/** The element's list of flows out or in (the parsed model's own), made empty where it has none. */
function flowsOf(e: ModdleElement, key: 'incoming' | 'outgoing'): ModdleElement[] {
  if (!Array.isArray(e[key])) e[key] = [];
  return e[key] as ModdleElement[];
}

/** What import-bpmn refuses, at the element of that id. */
export interface Refusal {
  id: string;
  message: string;
}

/** The kind of event an end event throws (its first event definition: "TerminateEventDefinition"); null for one that only ends its path. */
export const thrownBy = (end: ModdleElement): string | null =>
  ((end.eventDefinitions as ModdleElement[] | undefined) ?? [])[0]?.$type.replace('bpmn:', '') ?? null;

/** How a holder without a start event was made to start: what was added before and after its own elements, and what to say. */
export interface ImplicitStart {
  /** the start event made, the first of `before` */
  start: ModdleElement;
  /** elements made to stand before the holder's own (the start event, a diverging gateway) and after them (a converging gateway, an end event) */
  before: ModdleElement[];
  after: ModdleElement[];
  /** the elements made, each with the id of its holder */
  made: Set<ModdleElement>;
  warning: string;
  /** the one node the case starts at, when nothing else is said (soleStarts tells many such in one warning); else null */
  sole: ModdleElement | null;
}

/** The most elements a message lists by id; the rest are counted. */
const LISTED = 5;
// a fork made after a node's several flows out has that node's id: told as the node's flows out
const listed = (elements: ModdleElement[]) =>
  elements
    .slice(0, LISTED)
    .map((e) => (e.follows === undefined ? `'${e.id}'` : `the flows out of '${e.id}'`))
    .join(', ') + (elements.length > LISTED ? ` and ${elements.length - LISTED} more` : '');

/**
 * `holder` (a process or a sub-process, told as `what`: "process 'P'") has no start event:
 * its start made explicit among `elements` (its flow elements, sequence flows among them), or
 * why it cannot start, at its id: no node at all, or every node entered by a flow (a cycle no
 * flow enters), or nodes no start reaches; or, where its paths end apart, at an end event that
 * throws (endTogether).
 */
export function implicitStart(holder: ModdleElement, what: string, elements: ModdleElement[]): ImplicitStart | Refusal {
  // what the holder's start starts: not an event sub-process, a boundary event or a compensation activity (each started by an event)
  const nodes = elements.filter(
    (e) =>
      e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent' && e.triggeredByEvent !== true && e.isForCompensation !== true,
  );
  const unentered = nodes.filter((e) => sequenceFlows(e.incoming).length === 0);
  // an end event no flow enters ends its path where it starts: nothing to run
  const idle = new Set(unentered.filter((e) => e.$type === 'bpmn:EndEvent'));
  const entries = unentered.filter((e) => e.$type !== 'bpmn:EndEvent');
  if (entries.length === 0)
    return {
      id: holder.id!,
      message:
        nodes.length === idle.size
          ? `${what} has no start event and no task or gateway: nothing to simulate`
          : `${what} has no start event, and a sequence flow enters each of its nodes (a cycle that no flow enters): no case starts anywhere; add a start event`,
    };
  // reached from the starts, or from what an event starts (a boundary event's flow out: refused as such, not as a cycle)
  const isNode = new Set(nodes);
  const evented = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !isNode.has(e));
  const reached = new Set<ModdleElement>([...entries, ...evented]);
  const stack = [...entries, ...evented];
  while (stack.length > 0)
    for (const f of sequenceFlows(stack.pop()!.outgoing)) {
      const to = f.targetRef as ModdleElement | undefined;
      if (to && !reached.has(to)) {
        reached.add(to);
        stack.push(to);
      }
    }
  const stranded = nodes.filter((e) => !reached.has(e) && !idle.has(e));
  if (stranded.length > 0)
    return {
      id: holder.id!,
      message: `${what} has no start event: a case starts at each node no sequence flow enters (${listed(entries)}), and none of them leads to ${listed(stranded)} (on or after a cycle that no flow enters); add a start event`,
    };
  const made = new Set<ModdleElement>();
  const make = (type: string, name: string): ModdleElement => {
    const e: ModdleElement = { $type: type, id: holder.id, name, incoming: [], outgoing: [] };
    made.add(e);
    return e;
  };
  const label = (holder.name as string | undefined) || holder.id!;
  const start = make('bpmn:StartEvent', `start of ${label}`);
  const many = idle.size > 1;
  const idleNote =
    idle.size > 0
      ? `; end event${many ? 's' : ''} ${listed([...idle])}, which no flow enters, end${many ? '' : 's'} at once and ${many ? 'are' : 'is'} left out`
      : '';
  if (entries.length === 1) {
    connect(start, entries[0], holder);
    return {
      start,
      before: [start],
      after: [],
      made,
      warning: `${what} has no start event: a case starts at '${entries[0].id}', the one node no sequence flow enters, as BPMN starts it${idleNote}`,
      sole: idle.size === 0 ? entries[0] : null,
    };
  }
  const fork = make('bpmn:ParallelGateway', `start of ${label}`);
  connect(start, fork, holder);
  for (const e of entries) connect(fork, e, holder);
  const before = [start, fork];
  const meet = joinOf(fork);
  if (meet !== null)
    return {
      start,
      before,
      after: [],
      made,
      warning: `${what} has no start event: a case starts at each of the ${entries.length} nodes no sequence flow enters (${listed(entries)}) at once, as BPMN starts them: a fork into them, joined where their paths meet, '${meet.id}'${idleNote}`,
      sole: null,
    };
  const after = endTogether(holder, what, nodes, made);
  if (!Array.isArray(after)) return after;
  return {
    start,
    before,
    after,
    made,
    warning: `${what} has no start event: a case starts at each of the ${entries.length} nodes no sequence flow enters (${listed(entries)}) at once, as BPMN starts them: a fork into them whose paths end apart, joined at a step of no work after which the case ends, as BPMN ends it when all have${idleNote}`,
    sole: null,
  };
}

/**
 * The warnings of sub-processes that start at their one node (`sole`), in one: a model nesting
 * thousands of them (each holding the next) told them one by one. null when there are none.
 */
export function soleStarts(started: { holder: ModdleElement; start: ImplicitStart }[]): string | null {
  if (started.length <= 1) return started.length === 0 ? null : started[0].start.warning;
  return `${started.length} sub-processes have no start event (${listed(started.map((s) => s.holder))}): a case starts in each at the one node in it no sequence flow enters (${listed(started.map((s) => s.start.sole!))}), as BPMN starts it`;
}

/**
 * Every path's end among `nodes` (an end event a flow enters, an activity without a flow out)
 * led to one converging parallel gateway made for `holder`, then an end event: a fork whose
 * branches end apart joins there, and the case ends when all its paths have, as BPMN ends it.
 * The two elements made, added to `made`. An end event that throws (terminate, error, ...) does
 * more than end its path (terminate ends every path at once): led to the join it would wait for
 * the others, so it is refused at its id, before anything is changed.
 */
function endTogether(holder: ModdleElement, what: string, nodes: ModdleElement[], made: Set<ModdleElement>): ModdleElement[] | Refusal {
  const thrower = nodes.find((e) => e.$type === 'bpmn:EndEvent' && sequenceFlows(e.incoming).length > 0 && thrownBy(e) !== null);
  if (thrower !== undefined)
    return {
      id: thrower.id!,
      message: `end event '${thrower.id}' of ${what} throws (${thrownBy(thrower)}); etomsim ends ${what}, whose paths end apart, when all have, which BPMN does only where each end event just ends its path`,
    };
  const label = (holder.name as string | undefined) || holder.id!;
  // `endsAll`: the join of every fork here whose branches end apart, however nested (joinOf stops at it); `endOf`: the holder it ends
  const join: ModdleElement = {
    $type: 'bpmn:ParallelGateway',
    id: holder.id,
    name: `end of ${label}`,
    incoming: [],
    outgoing: [],
    endsAll: true,
    endOf: holder,
  };
  const end: ModdleElement = { $type: 'bpmn:EndEvent', id: holder.id, name: `end of ${label}`, incoming: [], outgoing: [] };
  made.add(join);
  made.add(end);
  connect(join, end, holder);
  for (const e of pathEnds(nodes)) {
    if (e.$type === 'bpmn:EndEvent') {
      for (const f of sequenceFlows(e.incoming)) {
        f.targetRef = join;
        flowsOf(join, 'incoming').push(f);
      }
      e.incoming = [];
    } else connect(e, join, holder);
  }
  return [join, end];
}

/** Where paths end among `nodes`, each led to the join endTogether makes: an end event a flow enters, an activity without a flow out. */
const pathEnds = (nodes: ModdleElement[]) =>
  nodes.filter((e) =>
    e.$type === 'bpmn:EndEvent' ? sequenceFlows(e.incoming).length > 0 : isActivity(e) && sequenceFlows(e.outgoing).length === 0,
  );

/** How the paths of forks whose branches end apart were made to end together, and what to say; null when no fork's do. */
export interface ImplicitEnd {
  /** the holder's elements with what was made: a fork for branches that meet after the fork they leave, the converging gateway and end event last */
  elements: ModdleElement[];
  made: Set<ModdleElement>;
  /** '' when every fork it was made for is still refused (its branches never meet as blocks) */
  warning: string;
}

const isFork = (e: ModdleElement) => e.$type === 'bpmn:ParallelGateway' && sequenceFlows(e.outgoing).length > 1;

/**
 * The diverging parallel gateways among `elements` (the flow elements of `holder`, told as
 * `what`) whose branches never meet at a converging one: BPMN ends each branch where it ends,
 * and the process (or sub-process) when all have. Their paths' ends made to meet (endTogether),
 * unless implicitStart made them meet already; where some branches of a fork meet and others end
 * apart, the ones that meet split by a fork of their own, joined where they meet (meetWhereTheyMeet).
 * null when every fork joins; refused where an end event a path ends at throws.
 */
export function implicitEnd(holder: ModdleElement, what: string, elements: ModdleElement[]): ImplicitEnd | Refusal | null {
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
  // implicitStart's join: the holder's starts end apart, and every path's end in it leads there already (a sub-process's made join is its own)
  const joined = nodes.some((e) => e.endOf === holder);
  // The forks are read once, before the end is made (s47d: they were read again after it, every fork twice). The made
  // end changes no walk but where a path ends: a branch that passes a path's end (`ends`) reaches the made join there,
  // which stops the walk of a fork in the holder (a sub-process's: of a fork `heldBy` it), and it meets nothing else
  // otherwise. So a fork whose branches met nowhere joins there if all its branches pass a path's end, else nowhere still,
  // and its branches' first joins are those read, the made join added to each that passes an end. Not where an end
  // event has a flow out (a walk went on past it, and misses it once its flows in lead to the made join): read again.
  const ends = pathEnds(nodes);
  const ending = joined || ends.some((e) => e.$type === 'bpmn:EndEvent' && sequenceFlows(e.outgoing).length > 0) ? null : new Set(ends);
  const forks = forksRead(elements.filter(isFork), false, ending);
  const apart = [...forks].filter(([, read]) => read.join === null).map(([e]) => e);
  if (apart.length === 0) return null;
  const made = new Set<ModdleElement>();
  let after: ModdleElement[] = [];
  // each fork's join now that its paths end together (its branches' first joins are meetWhereTheyMeet's first look at them)
  let joins: Map<ModdleElement, { join: ModdleElement | null; reach: Reached[] }> | null = forks;
  if (!joined) {
    const ended = endTogether(holder, what, nodes, made);
    if (!Array.isArray(ended)) return ended;
    after = ended;
    const [end] = ended;
    const stops = (fork: ModdleElement) => holder.$type !== 'bpmn:SubProcess' || isWithin(fork, holder);
    joins =
      ending === null
        ? forksRead(apart, false)
        : new Map(
            apart.map((fork) => {
              const read = forks.get(fork)!;
              if (!stops(fork)) return [fork, read];
              const reach = read.reach.map((r, k) => (read.ends[k] ? new Set([...r.keys(), end]) : r));
              return [fork, { join: read.ends.every((e) => e) ? end : null, reach }];
            }),
          );
  }
  const groups = new Map<ModdleElement, Meeting[]>();
  // a fork made for branches that meet changes what a walk through it finds, so each fork after one is walked alone
  for (const fork of apart) {
    const read = joins?.get(fork);
    const met = meetWhereTheyMeet(fork, holder, made, read === undefined ? joinOf(fork) : read.join, read?.reach ?? null);
    if (met.length > 0) {
      groups.set(fork, met);
      joins = null;
    }
  }
  const joinedAt = joins === null ? joinsOf(apart) : new Map([...joins].map(([e, r]) => [e, r.join]));
  const out: ModdleElement[] = [];
  for (const e of elements) {
    out.push(e);
    for (const m of groups.get(e) ?? []) out.push(m.fork);
  }
  // told of the forks that now join: one that still does not is refused as such, and a warning of how it joins would be wrong
  const joining = apart.filter((e) => joinedAt.get(e) !== null);
  const ended =
    joined || joining.length === 0
      ? ''
      : `${joining.some((e) => e.follows !== undefined) ? `parallel split${joining.length > 1 ? 's' : ''} (${listed(joining)})` : `parallel gateway${joining.length > 1 ? 's' : ''} ${listed(joining)}`} of ${what} ${joining.length > 1 ? 'split' : 'splits'} into branches that ${joining.some((e) => groups.has(e)) ? 'do not all meet at one' : 'meet at no'} converging parallel gateway: as BPMN ends ${what} when all its paths have ended, every path's end leads to one step of no work, added, where they join`;
  const met = joining.flatMap((e) => groups.get(e) ?? []);
  const meeting =
    met.length === 0
      ? ''
      : `the branches of a split that meet before the others end (${met
          .slice(0, LISTED)
          .map((m) => `${listed(m.branches)} at '${m.join.id}'`)
          .join(
            '; ',
          )}${met.length > LISTED ? ` and ${met.length - LISTED} more` : ''}) are split by a fork of their own, added, joined where they meet`;
  return { elements: [...out, ...after], made, warning: [ended, meeting].filter((w) => w !== '').join('; ') };
}

/** A branch's first joins (firstJoins' keys), as meetWhereTheyMeet reads them. */
type Reached = Pick<ReadonlySet<ModdleElement>, 'size' | 'has' | 'keys'>;

/** Branches of a fork that meet at a converging gateway its other branches do not reach: the fork made for them, where it joins, and the nodes they start at. */
interface Meeting {
  fork: ModdleElement;
  join: ModdleElement;
  branches: ModdleElement[];
}

/**
 * A fork (a diverging parallel gateway) some of whose branches meet at a converging gateway
 * that the others do not reach (they end apart, or meet elsewhere): BPMN's join there waits for
 * those alone. Each such group of branches split by a fork of its own, made for `holder` with
 * the fork's id and put in the fork's place, which joins where they meet; again, until the
 * fork's branches meet at one join (the made end, endTogether's) or no group is left (then
 * the fork is refused as one whose branches never meet). A group is taken only where each of
 * its branches reaches that join and no other, and the join waits for just them (as many flows
 * enter it as they are): a branch that may miss it, or a join a flow from outside enters, is
 * no block etomsim can write. `joined`: the fork's join as the model stands (joinOf); `reached`, its
 * branches' first joins so (firstJoins), where read already.
 */
function meetWhereTheyMeet(
  fork: ModdleElement,
  holder: ModdleElement,
  made: Set<ModdleElement>,
  joined: ModdleElement | null,
  reached: Reached[] | null,
): Meeting[] {
  const meetings: Meeting[] = [];
  for (let at = joined, known = reached; at === null; at = joinOf(fork), known = null) {
    const outs = sequenceFlows(fork.outgoing);
    const reach = known ?? firstJoins(fork);
    let group: ModdleElement[] = [];
    let join: ModdleElement | null = null;
    for (const r of reach) {
      if (r.size !== 1) continue;
      const [j] = r.keys();
      if (j.endsAll === true) continue;
      const meet = outs.filter((_, k) => reach[k].size === 1 && reach[k].has(j));
      if (meet.length > 1 && meet.length === sequenceFlows(j.incoming).length) {
        [group, join] = [meet, j];
        break;
      }
    }
    if (join === null) break;
    const label = (fork.name as string | undefined) || fork.id!;
    const inner: ModdleElement = {
      $type: 'bpmn:ParallelGateway',
      id: fork.id,
      name: `${label} to ${(join.name as string | undefined) || join.id!}`,
      incoming: [],
      outgoing: [],
    };
    made.add(inner);
    const moved = new Set(group);
    for (const f of group) {
      f.sourceRef = inner;
      flowsOf(inner, 'outgoing').push(f);
    }
    // the flow into the made fork in the first grouped branch's place: the fork's branches keep the file's order
    const into = connect(fork, inner, holder);
    fork.outgoing = flowsOf(fork, 'outgoing').flatMap((f) => (f === group[0] ? [into] : moved.has(f) || f === into ? [] : [f]));
    // a branch into a fork made before is told as the branches it joins: 'A', 'B', 'C' at 'J2' when A and B met at J1 first
    const starts = group.flatMap((f) => meetings.find((m) => m.fork === f.targetRef)?.branches ?? [f.targetRef as ModdleElement]);
    meetings.push({ fork: inner, join, branches: starts });
  }
  return meetings;
}

/** The converging parallel gateway every branch of a fork reaches first, past the joins of the blocks nested in a branch; null when none. */
export function joinOf(fork: ModdleElement): ModdleElement | null {
  return joinFrom(firstJoins(fork));
}

/** Whether `e` lies in sub-process `holder`, however deep (its `heldBy`, set as sub-processes are inlined). */
const isWithin = (e: ModdleElement, holder: ModdleElement) => {
  for (let x = e.heldBy as ModdleElement | undefined; x !== undefined; x = x.heldBy as ModdleElement | undefined)
    if (x === holder) return true;
  return false;
};

/** The forks a branch has entered and not left, the last first. */
type Open = { fork: ModdleElement; below: Open | null } | null;

/** Every element a branch of `fork` passes, walked as joinOf walks it (up to the first joins it meets): not a path on past a join. */
export function passedBy(fork: ModdleElement): Set<ModdleElement> {
  const passed = new Set<ModdleElement>();
  firstJoins(fork, passed);
  return passed;
}

/** Whether a fork's branches, which pass `passed` (passedBy), reach one of `targets`: a branch ending there. */
export function branchReaches(passed: ReadonlySet<ModdleElement>, targets: ReadonlySet<ModdleElement>): boolean {
  for (const t of targets) if (passed.has(t)) return true;
  return false;
}

/**
 * Of forks whose branches never meet (`apart`), those to refuse, each once: a fork whose branch
 * passes another of them (one whose own branches do not pass it back: nested in its branch) meets
 * nowhere because that one does not, and is told by it. A split into a branch whose inner split's
 * branches cross into another branch (a join there that a flow from outside enters) was refused at
 * both. A fork that only a circle of such forks passes is told too: none is left untold. `passed`:
 * what each fork's branches pass (passedBy).
 */
export function toldApart(
  apart: ModdleElement[],
  passed: (fork: ModdleElement) => ReadonlySet<ModdleElement> = passedBy,
): Set<ModdleElement> {
  const isApart = new Set(apart);
  const passes = new Map<ModdleElement, Set<ModdleElement>>();
  for (const fork of apart) {
    const its = new Set<ModdleElement>();
    for (const g of passed(fork)) if (g !== fork && isApart.has(g)) its.add(g);
    passes.set(fork, its);
  }
  // the forks each explains (one nested in their branch), read once: a set each, not a list searched (cubic in such forks)
  const explains = new Map<ModdleElement, ModdleElement[]>();
  const told = new Set<ModdleElement>();
  for (const fork of apart) {
    let inner = 0;
    for (const g of passes.get(fork)!)
      if (!passes.get(g)!.has(fork)) {
        inner++;
        const its = explains.get(g);
        if (its === undefined) explains.set(g, [fork]);
        else its.push(fork);
      }
    if (inner === 0) told.add(fork);
  }
  // explained: a fork an explained one is nested in (the fixed point, found from the told ones outwards)
  const explained = new Set(told);
  const stack = [...told];
  while (stack.length > 0)
    for (const fork of explains.get(stack.pop()!) ?? [])
      if (!explained.has(fork)) {
        explained.add(fork);
        stack.push(fork);
      }
  for (const fork of apart) if (!explained.has(fork)) told.add(fork);
  return told;
}

/**
 * For each branch of a fork, the converging parallel gateways it reaches first (past the joins of the blocks nested in it), each
 * with its distance in elements; every element a branch passes added to `passed`.
 */
export function firstJoins(fork: ModdleElement, passed: Set<ModdleElement> | null = null): Map<ModdleElement, number>[] {
  return walk(fork, passed, false, new Walks(null)).map((b) => b.dist);
}

/** What a walk reads of an element: a parallel gateway with one flow out (a join), with several (a fork), or else. */
const OTHER = 0;
const JOIN = 1;
const FORK = 2;

/**
 * An element as the walks of a model that nothing changes meanwhile read it, each once: its kind,
 * its sequence flows out and their targets, whether it is one of `ending`, its block (Block, where
 * forksRead found it), and the last branch walk that met it (a number each walk takes, not a set
 * each fills). s47d: the walks went element to element through the parsed model's objects (their
 * many shapes make each property read a generic one), a set and a map each; a fork crossed into
 * at every level of a nest walks every level below it (Walks' header), so what a step costs is what
 * such a nest costs.
 */
class WalkNode {
  readonly kind: number;
  readonly endOf: ModdleElement | undefined;
  readonly flows: ModdleElement[];
  /** the flows' targets (null for a flow to nothing), read when a walk first goes on from here */
  outs: (WalkNode | null)[] | null = null;
  /** the sources of its sequence flows in (null for a flow from nothing), read when blockOf first asks */
  sources: (WalkNode | null)[] | null = null;
  seen = 0;
  /** the last block (blockOf) that found it among its inner elements */
  inner = 0;
  block: Block | null = null;
  constructor(
    readonly e: ModdleElement,
    readonly ending: boolean,
  ) {
    this.flows = sequenceFlows(e.outgoing);
    this.kind = e.$type !== 'bpmn:ParallelGateway' || this.flows.length === 0 ? OTHER : this.flows.length === 1 ? JOIN : FORK;
    this.endOf = e.endOf as ModdleElement | undefined;
  }
}

/**
 * The elements the walks of one read meet (WalkNode), and the queue they share, emptied for each
 * branch. Why a walk does not read what the forks it meets reach from their own walks where they
 * are no blocks (s47d looked for such a summary, computed once per fork, and found none that
 * holds): a branch meets each element first by its shortest path from the branch's start (first
 * come), with the forks open on that path, and stops at a join only where none of its own is open.
 * Where a flow from outside enters what a fork's branches pass, each element there is met first
 * through the fork or through that flow by which is nearer the start of the walk around it, and
 * so with one set of forks open or the other: the joins it stops at, and what it passes on to,
 * depend on the walk's distances to both entries and on the forks it has open at each, not on
 * the fork alone. A summary would be one per such pair of distances and open forks; a nest crossed
 * at every level (nestedForks(D, 'A{i}>J{i+1}', ...)) has each fork's walk go through every level
 * below it (quadratic in D), and what is cut is the cost of a step: WalkNode.
 */
class Walks {
  private readonly nodes = new Map<ModdleElement, WalkNode>();
  private stamp = 0;
  readonly queue: (WalkNode | null)[] = [];
  readonly dists: number[] = [];
  readonly opens: Open[] = [];
  readonly waits: number[] = [];
  /** what the branches of the last fork walked met, each branch's in turn (Branch); its elements' nodes */
  readonly met: WalkNode[] = [];
  constructor(private readonly ending: ReadonlySet<ModdleElement> | null) {}
  node(e: ModdleElement): WalkNode {
    let n = this.nodes.get(e);
    if (n === undefined) this.nodes.set(e, (n = new WalkNode(e, this.ending?.has(e) ?? false)));
    return n;
  }
  outsOf(n: WalkNode): (WalkNode | null)[] {
    if (n.outs === null) n.outs = n.flows.map((f) => (f.targetRef ? this.node(f.targetRef as ModdleElement) : null));
    return n.outs;
  }
  sourcesOf(n: WalkNode): (WalkNode | null)[] {
    if (n.sources === null)
      n.sources = sequenceFlows(n.e.incoming).map((f) => (f.sourceRef ? this.node(f.sourceRef as ModdleElement) : null));
    return n.sources;
  }
  /** A number no branch walk has taken yet: an element whose `seen` is it was met by this walk. */
  nextWalk(): number {
    return ++this.stamp;
  }
}

/**
 * A fork's block that a walk passes in one step: every element its branches pass (its inner
 * elements) is entered only from the fork or another of them, in one branch only, and left only
 * into `join`, which each branch reaches first and no flow from outside enters. A walk that meets
 * the fork meets each inner element only through it, so it reaches the join first after
 * `shortest` steps (its shortest branch), every fork opened inside closed, and nothing else on
 * the way: a queue entry that waits that many steps in the fork's place (each step where the
 * block's elements of that distance stood) reaches the join at the same distance and in the same
 * order among the walk's other elements, with the same forks open. No inner element is a join
 * made where a holder's paths end apart (`endOf`), which closes forks by what holds them.
 *
 * Two kinds of fork whose branches never meet are passed so too (s46d: a nest of them thousands
 * deep was walked once a level, each walk through every level below). Where no branch reaches a
 * join at all (`join` null: each ends on its own), a walk that meets the fork meets nothing
 * through it but its inner elements, which nothing outside is entered from: the walk passes it
 * by. Where every branch reaches only such a made end (the join is that end, which flows from
 * everywhere enter), a walk that stops there too reaches it after `shortest` steps, as it would
 * an ordinary block's join, and stops there; a walk that passes it (a fork outside the
 * sub-process it ends) walks the block.
 */
interface Block {
  join: WalkNode | null;
  shortest: number;
  /** whether an inner element is one of the walk's `ending` (forksRead) */
  ends: boolean;
}

/** One branch's walk: the first joins and their distances, what it met, each once, in the order met (a block passed counts its fork and join), the joins of blocks passed, whether it passed any block (`met` is then not all it passes), and whether it passes one of the read's `ending` (a passed block's inner elements counted). */
interface Branch {
  dist: Map<ModdleElement, number>;
  /** `met` is walks.met from `metFrom` to `metTo`: one list the branches of a fork share, not one each */
  metFrom: number;
  metTo: number;
  landed: Set<ModdleElement>;
  whole: boolean;
  ends: boolean;
}

/** firstJoins' walk of each branch, passing the blocks `walks` holds where `blocks` (none when `passed` is asked: it holds each element). */
function walk(fork: ModdleElement, passed: Set<ModdleElement> | null, blocks: boolean, walks: Walks): Branch[] {
  const root = walks.node(fork);
  // the queue: each entry an element, its distance, the forks open there, and how many steps it still waits (a passed block's join), -1 for none
  const { queue, dists, opens, waits, met } = walks;
  met.length = 0;
  // a join the branch stops at: one that closes no fork opened within it, or the made end of the holder the fork is in
  const stopsAt = (n: WalkNode, open: Open) =>
    n.endOf === undefined ? open === null : n.endOf.$type !== 'bpmn:SubProcess' || isWithin(fork, n.endOf);
  const enqueue = (n: WalkNode | null, d: number, open: Open, wait: number) => {
    queue.push(n);
    dists.push(d);
    opens.push(open);
    waits.push(wait);
  };
  return walks.outsOf(root).map((first) => {
    // A branch stops at the first join it meets that does not close a fork opened within it
    // (`open`): a nested block's join is passed. The join made where a holder's paths end apart
    // (endTogether's, `endOf` it) closes every fork in the holder: a fork there stops at it, and a
    // branch from outside a sub-process passes it, every fork it opened in the sub-process closed.
    const seen = walks.nextWalk();
    const metFrom = met.length;
    const landed = new Set<ModdleElement>();
    const dist = new Map<ModdleElement, number>();
    let whole = true;
    let ends = false;
    queue.length = dists.length = opens.length = waits.length = 0;
    enqueue(first, 1, null, -1);
    // read by an index, not shift(): shift moves the whole queue, which a wide nested fork fills
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head];
      const d = dists[head];
      const wait = waits[head];
      if (wait > 0) {
        enqueue(n, d + 1, opens[head], wait - 1);
        continue;
      }
      if (n === null || n.seen === seen) continue;
      n.seen = seen;
      met.push(n);
      passed?.add(n.e);
      if (n.ending) ends = true;
      let open = opens[head];
      // a passed block's join: the fork it closes was never opened (a made end reached so is met as any walk meets it, below)
      if (wait === 0 && n.endOf === undefined) landed.add(n.e);
      else if (n.kind === JOIN) {
        if (stopsAt(n, open)) {
          dist.set(n.e, d);
          continue;
        }
        if (n.endOf === undefined) open = open!.below;
        else while (open !== null && isWithin(open.fork, n.endOf)) open = open.below;
      } else if (n.kind === FORK) {
        const block = n === root || !blocks ? null : n.block;
        if (block !== null) whole = false;
        if (block !== null && block.join === null) {
          if (block.ends) ends = true;
          continue; // nothing in it reaches a join
        }
        // its join met already: the walk entered the block from inside (a cycle), and walks it; a made end this walk passes: walks it
        if (
          block !== null &&
          block.join !== null &&
          block.join.seen !== seen &&
          (block.join.endOf === undefined || stopsAt(block.join, open))
        ) {
          enqueue(block.join, d + 1, open, block.shortest - 1);
          if (block.ends) ends = true;
          continue;
        }
        open = { fork: n.e, below: open };
      }
      for (const o of walks.outsOf(n)) enqueue(o, d + 1, open, -1);
    }
    return { dist, metFrom, metTo: met.length, landed, whole, ends };
  });
}

/** The join most near each of a fork's branches that they all reach first (joinOf), from their walks. */
function joinFrom(reach: Map<ModdleElement, number>[]): ModdleElement | null {
  let best: ModdleElement | null = null;
  let bestDistance = Infinity;
  for (const [e] of reach[0] ?? []) {
    if (!reach.every((r) => r.has(e))) continue;
    const d = largest(reach.map((r) => r.get(e)!));
    if (d < bestDistance) [best, bestDistance] = [e, d];
  }
  return best;
}

/** `fork`'s block, from its branches' walks; null where it is none (a branch reaching another join, an element met from outside or by two branches, a made end passed). */
function blockOf(fork: ModdleElement, branches: Branch[], walks: Walks): Block | null {
  let join: ModdleElement | null = null;
  if (!branches.every((b) => b.dist.size === 0)) {
    const only = branches[0]?.dist.size === 1 ? [...branches[0].dist.keys()][0] : undefined;
    if (only === undefined || !branches.every((b) => b.dist.size === 1 && b.dist.has(only))) return null;
    join = only;
  }
  // the inner elements, each stamped with a number of this block's (`inner`), not gathered into a set (s47d: a fork crossed
  // into is checked so by each fork around it)
  const inner = walks.nextWalk();
  const root = walks.node(fork);
  for (const b of branches)
    for (let i = b.metFrom; i < b.metTo; i++) {
      const n = walks.met[i];
      if (n.e === join) continue;
      if (n === root || n.endOf !== undefined || n.inner === inner) return null;
      n.inner = inner;
    }
  const enteredWithin = (n: WalkNode) => walks.sourcesOf(n).every((from) => from === root || (from !== null && from.inner === inner));
  // a made end is entered from everywhere: what matters is that the block is left only into it
  if (join !== null && join.endOf === undefined && !enteredWithin(walks.node(join))) return null;
  // a passed block's join is entered from its own inner elements, checked when it was found
  for (const b of branches)
    for (let i = b.metFrom; i < b.metTo; i++) {
      const n = walks.met[i];
      if (n.e !== join && !b.landed.has(n.e) && !enteredWithin(n)) return null;
    }
  return {
    join: join === null ? null : walks.node(join),
    shortest: join === null ? 0 : smallest(branches.map((b) => b.dist.get(join)!)),
    ends: branches.some((b) => b.ends),
  };
}

/**
 * joinOf of each of `forks`, asked of a model nothing changes meanwhile. Each fork's walk passes
 * the blocks nested in it in one step (Block), found first: forks nested thousands deep were each
 * walked through the whole of their inner block (2,000 levels 21 s of CPU, s45f2), now each
 * through its own level. Where a node lists a flow that does not leave it as its flow out, no
 * block is passed (what enters an element is read from its flows in).
 */
export function joinsOf(forks: ModdleElement[]): Map<ModdleElement, ModdleElement | null> {
  return new Map([...forksRead(forks, false)].map(([fork, read]) => [fork, read.join]));
}

/** What forksRead reads of a fork: its join (joinOf), its branches' first joins (firstJoins), what they pass (passedBy) where asked, else null, and whether each branch passes one of `ending`. */
export interface ForkRead {
  join: ModdleElement | null;
  reach: Map<ModdleElement, number>[];
  passed: Set<ModdleElement> | null;
  ends: boolean[];
}

/**
 * joinsOf, with each fork's branches' first joins and, where `passedApart` and its branches never
 * meet, what they pass (taken from its walk where that passed no block: one walk, not three, s46d2);
 * and whether each branch passes one of `ending` (implicitEnd's path ends: what a made end would join).
 */
export function forksRead(
  forks: ModdleElement[],
  passedApart: boolean,
  ending: ReadonlySet<ModdleElement> | null = null,
): Map<ModdleElement, ForkRead> {
  const walks = new Walks(ending);
  const outgoing = (e: ModdleElement) => walks.node(e).flows;
  // every fork the given ones reach, each after the forks its branches reach (a depth-first post-order): nested blocks first
  const order: ModdleElement[] = [];
  const state = new Map<ModdleElement, 'open' | 'done'>();
  let consistent = true;
  for (const root of forks) {
    if (state.has(root)) continue;
    state.set(root, 'open');
    const stack: { e: ModdleElement; outs: ModdleElement[]; next: number }[] = [{ e: root, outs: outgoing(root), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.outs.length) {
        const flow = top.outs[top.next++];
        if (flow.sourceRef !== top.e) consistent = false;
        const to = flow.targetRef as ModdleElement | undefined;
        if (to && !state.has(to)) {
          state.set(to, 'open');
          stack.push({ e: to, outs: outgoing(to), next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.e, 'done');
      if (top.e.$type === 'bpmn:ParallelGateway' && top.outs.length > 1) order.push(top.e); // isFork, its flows read once
    }
  }
  const reads = new Map<ModdleElement, ForkRead>();
  const keep = (fork: ModdleElement, branches: Branch[]) => {
    const reach = branches.map((b) => b.dist);
    const join = joinFrom(reach);
    let passed: Set<ModdleElement> | null = null;
    if (passedApart && join === null) {
      if (branches.every((b) => b.whole)) {
        passed = new Set<ModdleElement>();
        for (const b of branches) for (let i = b.metFrom; i < b.metTo; i++) passed.add(walks.met[i].e);
      } else passed = passedBy(fork);
    }
    reads.set(fork, { join, reach, passed, ends: branches.map((b) => b.ends) });
  };
  for (const fork of order) {
    const branches = walk(fork, null, consistent, walks);
    keep(fork, branches);
    if (consistent) walks.node(fork).block = blockOf(fork, branches, walks);
  }
  for (const fork of forks) if (!reads.has(fork)) keep(fork, walk(fork, null, false, walks));
  return new Map(forks.map((fork) => [fork, reads.get(fork)!]));
}

/** How the several flows out of tasks and start events were made forks, and what to say; or what cannot be, by element. */
export interface ImplicitSplits {
  /** the elements, each fork made placed after the node it follows (its `follows`) */
  elements: ModdleElement[];
  /** null when no node has several flows out */
  warning: string | null;
  problems: { id: string; message: string }[];
}

/** How a message names a node that may split: a task (of any kind), a sub-process or a start event. */
export const kindOf = (e: ModdleElement) =>
  e.$type === 'bpmn:StartEvent' ? 'start event' : e.$type === 'bpmn:SubProcess' ? 'sub-process' : 'task';

/**
 * An activity or start event among `elements` (a process's or sub-process's, told as `what`) with several
 * outgoing sequence flows: BPMN takes every one without a condition at once (uncontrolled
 * flow, 10.5.1: a parallel split), so a diverging parallel gateway made for it, with its id,
 * takes them. A flow with a condition, or a default flow, makes the split inclusive (each flow
 * whose condition holds), which etomsim has no node for: refused at the node.
 */
export function implicitSplits(what: string, elements: ModdleElement[]): ImplicitSplits {
  const problems: { id: string; message: string }[] = [];
  const split: ModdleElement[] = [];
  const out: ModdleElement[] = [];
  for (const e of elements) {
    out.push(e);
    const outs = sequenceFlows(e.outgoing);
    if (outs.length < 2 || !(isActivity(e) || e.$type === 'bpmn:StartEvent')) continue;
    const conditioned = outs.filter((f) => f.conditionExpression !== undefined || f === e.default);
    if (conditioned.length > 0) {
      problems.push({
        id: e.id!,
        message: `${kindOf(e)} '${e.id}' has ${outs.length} outgoing sequence flows, ${listed(conditioned)} with a condition or the default: BPMN takes each whose condition holds (an inclusive split), and etomsim has no inclusive gateway; put an exclusive or a parallel gateway after it`,
      });
      continue;
    }
    const label = (e.name as string | undefined) || e.id!;
    const fork: ModdleElement = { $type: 'bpmn:ParallelGateway', id: e.id, name: `after ${label}`, incoming: [], outgoing: [], follows: e };
    const moved = new Set(outs);
    e.outgoing = flowsOf(e, 'outgoing').filter((f) => !moved.has(f));
    for (const f of outs) {
      f.sourceRef = fork;
      flowsOf(fork, 'outgoing').push(f);
    }
    connect(e, fork, e);
    out.push(fork);
    split.push(e);
  }
  const warning =
    split.length === 0
      ? null
      : `${split.length > 1 ? `${split.length} nodes of ${what} (${listed(split)}) each have` : `${kindOf(split[0])} '${split[0].id}' of ${what} has`} several outgoing sequence flows without a condition: BPMN takes them all at once (a parallel split), so a fork after ${split.length > 1 ? 'each' : 'it'}, added, takes them`;
  return { elements: out, warning, problems };
}
