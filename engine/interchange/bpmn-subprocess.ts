// Embedded BPMN sub-processes inlined into the flow that holds them: the flows into a
// sub-process lead to what its start event leads to, and the flows into its end events lead
// to what the sub-process leads to, so a case runs start -> ... -> end of the sub-process in
// line, as BPMN runs it (a sub-process completes when its flow does; etomsim has no
// nesting to keep). A sub-process that holds nothing (collapsed, its content not modelled) is
// kept as one step, read as a task. What cannot be inlined without changing what is simulated is refused
// at its element: an event sub-process (it starts on an event, beside the flow), a
// multi-instance or looping one (it runs several times), a transaction or ad-hoc
// sub-process, a call activity (its process is elsewhere), a sub-process with more than one
// start event, and an end event inside one that throws (error,
// escalation, terminate: what catches it is not modelled). One without a start event starts,
// a fork in one whose branches end apart ends, and several flows out of one (or of a node in
// it) split, as BPMN implies (bpmn-implicit.ts); an
// activity in one without a flow out leads to what follows it (BPMN's implicit end).
//
// Invariant: sequence flows are rewired, and what a sub-process holds marked `heldBy` it, on the
// parsed model only (import-bpmn's own copy);
// every element kept is one the flow reaches as before, and a sub-process, its start event,
// the flow out of that start and (when the sub-process has a flow out) its end events are
// left out of the returned elements.
import type { ModdleElement } from './bpmn-import.js';
import { BPMN_ARTIFACTS } from './bpmn-names.js';
import {
  connect,
  type ImplicitStart,
  implicitEnd,
  implicitSplits,
  implicitStart,
  isActivity,
  sequenceFlows,
  soleStarts,
  thrownBy,
} from './bpmn-implicit.js';

/**
 * The flow's elements with every embedded sub-process inlined (nested ones too), each inlined
 * element's sub-process (for its lane: a lane lists a sub-process, seldom what is in it; a
 * sub-process's own entry comes before those of the elements it holds), and
 * the sub-processes that hold nothing (collapsed: kept, to be read as one task each). `problem`
 * is told each sub-process that cannot be inlined, at its id.
 */
export function inlineSubProcesses(
  elements: ModdleElement[],
  problem: (id: string, message: string) => void,
  warn: (message: string) => void,
): {
  elements: ModdleElement[];
  within: Map<ModdleElement, ModdleElement>;
  collapsed: Set<ModdleElement>;
  implied: Map<ModdleElement, string>;
} {
  const out: ModdleElement[] = [];
  const within = new Map<ModdleElement, ModdleElement>();
  const collapsed = new Set<ModdleElement>();
  const implied = new Map<ModdleElement, string>();
  const work = [...elements];
  const dropped = new Set<ModdleElement>();
  // sub-processes that start at their one node, told in one warning (soleStarts)
  const sole: { holder: ModdleElement; start: ImplicitStart }[] = [];
  for (let i = 0; i < work.length; i++) {
    const e = work[i];
    const what = refusal(e);
    if (what !== null) {
      problem(e.id!, what);
      continue;
    }
    if (e.$type !== 'bpmn:SubProcess') {
      out.push(e);
      continue;
    }
    let inner = ((e.flowElements as ModdleElement[] | undefined) ?? []).filter((x) => !BPMN_ARTIFACTS.has(x.$type));
    if (inner.length === 0) {
      // collapsed, its content not modelled (Signavio writes a step so): one step of work, as a task
      collapsed.add(e);
      out.push(e);
      continue;
    }
    const holder = `sub-process '${e.id}'`;
    // what the sub-process holds, and what is made for it below, is `heldBy` it: a fork outside it passes its made end (joinOf)
    const hold = (xs: ModdleElement[]) => {
      for (const x of xs) x.heldBy = e;
    };
    hold(inner);
    const splits = implicitSplits(holder, inner);
    if (splits.problems.length > 0) {
      for (const p of splits.problems) problem(p.id, p.message);
      continue;
    }
    if (splits.warning !== null) warn(splits.warning);
    inner = splits.elements;
    hold(inner);
    let starts = inner.filter((x) => x.$type === 'bpmn:StartEvent');
    if (starts.length === 0) {
      const implicit = implicitStart(e, holder, inner);
      if ('message' in implicit) {
        problem(implicit.id, implicit.message);
        continue;
      }
      if (implicit.sole === null) warn(implicit.warning);
      else sole.push({ holder: e, start: implicit });
      inner = [...implicit.before, ...inner, ...implicit.after];
      hold(inner);
      for (const x of implicit.made) implied.set(x, holder);
      starts = [implicit.start];
    }
    // a fork whose branches end apart joins before what follows the sub-process: BPMN goes on when all its paths have ended
    const ended = starts.length === 1 ? implicitEnd(e, holder, inner) : null;
    if (ended !== null && 'message' in ended) {
      problem(ended.id, ended.message);
      continue;
    }
    if (ended !== null) {
      if (ended.warning !== '') warn(ended.warning);
      inner = ended.elements;
      hold(inner);
      for (const x of ended.made) implied.set(x, holder);
    }
    if (starts.length > 1) {
      problem(e.id!, `sub-process '${e.id}' has ${starts.length} start events; etomsim inlines a sub-process from its one start event`);
      continue;
    }
    // at most one flow out of the start event and of the sub-process: several were made a fork after it (implicitSplits, above and in what holds it)
    const exits = sequenceFlows(e.outgoing);
    const start = starts[0];
    const first = sequenceFlows(start.outgoing);
    if (first.length === 0) {
      problem(start.id!, `start event '${start.id}' of sub-process '${e.id}' has no outgoing sequence flow`);
      continue;
    }
    const ends = inner.filter((x) => x.$type === 'bpmn:EndEvent');
    const thrower = ends.find((x) => thrownBy(x) !== null);
    if (thrower) {
      problem(
        thrower.id!,
        `end event '${thrower.id}' of sub-process '${e.id}' throws (${thrownBy(thrower)}); etomsim inlines a sub-process whose end events only end it`,
      );
      continue;
    }
    // the flows into the sub-process go to what its start event leads to
    const entry = first[0].targetRef as ModdleElement;
    replaceIncoming(entry, [first[0]], sequenceFlows(e.incoming));
    for (const f of sequenceFlows(e.incoming)) f.targetRef = entry;
    dropped.add(start);
    dropped.add(first[0]);
    if (exits.length === 1) {
      const after = exits[0].targetRef as ModdleElement;
      // an activity without a flow out ends its path, and the sub-process goes on when its paths have (BPMN's implicit end), not the case
      for (const x of inner)
        if (isActivity(x) && sequenceFlows(x.outgoing).length === 0) {
          connect(x, after, e);
          // said where it changes what runs: a sub-process followed by an end event ended the case there before as now
          if (after.$type !== 'bpmn:EndEvent')
            warn(
              `${x.$type.replace(/^bpmn:/, '')} '${x.id}' of ${holder} has no outgoing sequence flow: its path ends there and, as BPMN completes a sub-process when its paths have ended, the case goes on to what follows '${e.id}'`,
            );
        }
      // the flows into its end events go to what the sub-process leads to
      const into = ends.flatMap((end) => sequenceFlows(end.incoming));
      replaceIncoming(after, [exits[0]], into);
      for (const g of into) g.targetRef = after;
      for (const end of ends) dropped.add(end);
    }
    for (const x of inner) {
      if (dropped.has(x)) continue;
      within.set(x, e);
      work.push(x);
    }
  }
  const started = soleStarts(sole);
  if (started !== null) warn(started);
  return { elements: out.filter((x) => !dropped.has(x)), within, collapsed, implied };
}

/** The element's incoming sequence flows with `gone` taken out and `added` put in. */
function replaceIncoming(target: ModdleElement, gone: ModdleElement[], added: ModdleElement[]): void {
  const kept = ((target.incoming as ModdleElement[] | undefined) ?? []).filter((f) => !gone.includes(f));
  target.incoming = [...kept, ...added];
}

/** Why a sub-process-like element cannot be inlined; null for any other element and for an embedded sub-process that can. */
function refusal(e: ModdleElement): string | null {
  switch (e.$type) {
    case 'bpmn:CallActivity':
      return `call activity '${e.id}' is not supported: etomsim does not inline the process it calls; model its steps in this flow`;
    case 'bpmn:Transaction':
      return `transaction sub-process '${e.id}' is not supported (its cancel and compensation are not modelled); an embedded sub-process is inlined`;
    case 'bpmn:AdHocSubProcess':
      return `ad-hoc sub-process '${e.id}' is not supported (its activities run in any order); an embedded sub-process is inlined`;
    case 'bpmn:SubProcess':
      if (e.triggeredByEvent === true)
        return `event sub-process '${e.id}' is not supported: it starts on an event beside the flow, which etomsim does not model`;
      if (e.loopCharacteristics) {
        const multi = (e.loopCharacteristics as ModdleElement).$type === 'bpmn:MultiInstanceLoopCharacteristics';
        return `sub-process '${e.id}' ${multi ? 'is multi-instance' : 'loops'}: etomsim inlines a sub-process that runs once per case; model the ${multi ? 'instances as a parallel block' : 'loop with a decision back to its start'}`;
      }
      return null;
    default:
      return null;
  }
}
