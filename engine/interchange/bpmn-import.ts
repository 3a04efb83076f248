// BPMN 2.0 from a modelling tool (Camunda Modeler, bpmn.io, Signavio, Bizagi...) read into
// a scenario: each process a flow, tasks as nodes, exclusive gateways as decisions, a
// diverging parallel gateway and the converging one its branches meet at as a fork and its
// join; lanes (or a task's performer) as teams; BPSim 2.0 parameters where present, and
// etomsim's own extension attributes (written by export-bpmn) before them, and BIMP's (QBP)
// parameters where neither gives a value (qbp.ts); embedded sub-processes inlined into their
// flow (bpmn-subprocess.ts); a process without a start event, or a fork whose branches end
// apart, started and ended as BPMN implies (bpmn-implicit.ts). What the file does not say is
// filled with placeholders, each listed as a warning. An end event where etomsim names a node
// (a decision's branch, a join's next) becomes a step of no work.
//
// Invariant: the file is data. It is parsed by bpmn-moddle (saxen, which expands no entity
// and loads nothing), and a DOCTYPE is refused before parsing, so no external entity is ever
// resolved. Problems are collected, not thrown one by one: all of them are reported at once (the
// first PROBLEMS_TOLD, then one line for the rest: placed-line.ts' toldProblems).
import { TextPlaces } from './text-places.js';
import type { Position } from '../scenario/diagnostics.js';
import { BPMN_ARTIFACTS, BPSIM_TIME_UNIT_HOURS, NS } from './bpmn-names.js';
import { type DistSpec, type WeeklyPeriod, WEEKDAYS } from '../scenario/types.js';
import { append } from '../lists.js';
import { distMean } from '../random/distributions.js';
import { inlineSubProcesses } from './bpmn-subprocess.js';
import { branchReaches, forksRead, implicitEnd, implicitSplits, implicitStart, kindOf, toldApart } from './bpmn-implicit.js';
import { calendarDay } from '../scenario/run-start.js';
import { clockOfDay } from '../scenario/calendar-spec.js';
import { type QbpElement, qbpChild, qbpChildren, qbpDistribution, qbpTimetable, readQbp } from './qbp.js';
import { elementIndexes, elementSpans, typedElementIndexes } from './element-places.js';
import { record } from '../records.js';
import { isName, scenarioNameFrom } from '../scenario/names.js';
import { DISTRIBUTION, type JsonShape, PERIODS, PROFILE, readEtomsimJson, SHIFTS, TEAMS } from './etomsim-json.js';
import { HOURS_PER_WEEK } from '../week.js';
import { budgetedReader, type ModdleWarning, WARNING_BUDGET, type WarningBudget, WarningsPast } from './moddle-warnings.js';
import { boundPast } from './xml-elements.js';
import { wholeNumber } from '../number-format.js';
import { toldProblems } from '../io/placed-line.js';

/** One problem of the file: the element's id where there is one, and the line and column where known. */
export interface BpmnProblem {
  line: number;
  col: number;
  id: string | null;
  message: string;
}

export class InvalidBpmn extends Error {
  constructor(readonly problems: BpmnProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

/** The scenario as plain data in the shape of scenario-format.md (durations in hours), and what was guessed. */
export interface ImportedScenario {
  doc: ScenarioDoc;
  warnings: string[];
  /** dotted paths (into doc) of placeholder values, with what to supply */
  placeholders: Map<string, string>;
  /** dotted paths (into doc) of values read but not given as such by the file, with what they mean (a comment where they stand) */
  notes?: Map<string, string>;
  /** dotted paths (into doc) of what came from an element of the file: the element's id and place */
  elements: Map<string, ElementPlace>;
}

/** Where in the BPMN file an element is. */
export interface ElementPlace {
  id: string;
  line: number;
  col: number;
}

/**
 * The element of the file that the value at a dotted path of the imported scenario came from:
 * the one of the longest path that is the path or holds it (a branch's flow before its
 * decision, a node before its process); null when none did (run settings, a calendar etomsim wrote).
 */
export function elementOf(imported: ImportedScenario, path: string): ElementPlace | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const place = imported.elements.get(parts.slice(0, n).join('.'));
    if (place) return place;
  }
  return null;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type ScenarioDoc = { [key: string]: Json };

export interface ModdleElement {
  $type: string;
  $attrs?: Record<string, string>;
  $children?: ModdleElement[];
  $body?: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

interface Moddle {
  fromXML(xml: string, options: object): Promise<{ rootElement: ModdleElement; warnings: (ModdleWarning & { element?: ModdleElement })[] }>;
}

/** The most elements a problem lists by name; the rest are counted. */
const LISTED = 5;

const SUPPORTED = new Set([
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:SequenceFlow',
]);
const AUTOMATED = new Set(['bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask', 'bpmn:ReceiveTask']);
const TASKS = new Set([...SUPPORTED].filter((t) => t.endsWith('Task')));
/**
 * The most elements import-bpmn reads of a file (engine/interchange/xml-elements.ts): bpmn-moddle
 * took 1.9 CPU s and 188 MB for 100,000 of them (one-off, a loaded host); the Camunda example of the tests has 159.
 */
export const MAX_ELEMENTS = 100_000;
/**
 * The most attributes import-bpmn reads of a file, in all (xml-elements.ts): bpmn-moddle held a
 * million unknown ones in one tag in 540 MB, and the import with a problem for each 1.6 GB and
 * 10 CPU s; 200,000 took 290 MB and 2.3 CPU s in all (one-off, load ~20), as MAX_ELEMENTS' elements
 * do. A model's tags hold a few each (the Camunda example of the tests 1.6 an element).
 */
export const MAX_ATTRIBUTES = 200_000;
export async function importBpmn(xml: string, budget: WarningBudget = WARNING_BUDGET): Promise<ImportedScenario> {
  // bpmn-moddle said 'unparsable content detected: missing start tag'
  if (/^\s*$/.test(xml))
    throw new InvalidBpmn([{ line: 1, col: 1, id: null, message: 'the file is empty: a BPMN model is an XML document' }]);
  const places = new TextPlaces(xml);
  const at = (id: string | null) => places.ofId(id);
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (doctype) {
    const { line, col } = places.of(doctype.index);
    throw new InvalidBpmn([
      {
        line,
        col,
        id: null,
        message: 'a DOCTYPE or entity declaration is not allowed in a BPMN file (external entities are never resolved)',
      },
    ]);
  }
  const past = boundPast(xml, MAX_ELEMENTS, MAX_ATTRIBUTES);
  if (past !== null) {
    const { line, col } = places.of(past.index);
    const id = /^<[^>]*?\sid\s*=\s*(["'])([^"'<>]*)\1/.exec(xml.slice(past.element, past.element + 4096))?.[2] ?? null;
    const what = past.attribute ? `${wholeNumber(MAX_ATTRIBUTES)} attributes` : `${wholeNumber(MAX_ELEMENTS)} elements`;
    throw new InvalidBpmn([
      {
        line,
        col,
        id,
        message: `the file has more than ${what}, the most etomsim reads in a BPMN file (each takes memory as it is read): is it a process model?`,
      },
    ]);
  }
  const { BpmnModdle } = (await import('bpmn-moddle')) as unknown as { BpmnModdle: new () => Moddle };
  let parsed: Awaited<ReturnType<Moddle['fromXML']>>;
  try {
    parsed = await new BpmnModdle().fromXML(xml, budgetedReader(budget));
  } catch (err) {
    if (err instanceof WarningsPast) throw new InvalidBpmn(warningsPast(places, err));
    throw new InvalidBpmn([parserProblem(places, err instanceof Error ? err.message : String(err))]);
  }
  const problems: BpmnProblem[] = [];
  const warnings: string[] = [];
  // wherever the file declares it (BIMP does on <definitions> and on its element), in either quotes XML allows
  const qbp = new Set([...xml.matchAll(/xmlns:([\w.-]+)\s*=\s*(["'])http:\/\/www\.qbp-simulator\.com\/Schema201212\2/g)].map((m) => m[1]));
  // or as the default namespace of its element (xmlns="..." on <processSimulationInfo>), unprefixed
  const qbpDefault = /\sxmlns\s*=\s*(["'])http:\/\/www\.qbp-simulator\.com\/Schema201212\1/.test(xml);
  // BIMP's parameters, read from the text (bpmn-moddle drops them as an unknown element)
  const qbpInfos = qbp.size > 0 || qbpDefault ? readQbp(xml) : [];
  // references to an id the file does not hold, by that id: bpmn-moddle tells each one with no place
  const unresolved = new Map<string, { element: ModdleElement; property: string }[]>();
  // what bpmn-moddle could not read inside the diagram (BPMNDI), which nothing simulated reads: one warning, not a refusal
  const inDiagram: BpmnProblem[] = [];
  let diagrams: { start: Position; end: Position }[] | null = null;
  const withinDiagram = (p: Position) => {
    diagrams ??= elementSpans(xml, NS.bpmndi, 'BPMNDiagram').map(({ start, end }) => ({ start: places.of(start), end: places.of(end) }));
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.col < b.col);
    return diagrams.some(({ start, end }) => !before(p, start) && before(p, end));
  };
  for (const w of parsed.warnings) {
    if (w.message.startsWith('unresolved reference <') && typeof w.value === 'string' && w.element) {
      const refs = unresolved.get(w.value) ?? [];
      unresolved.set(w.value, refs);
      refs.push({ element: w.element, property: String(w.property ?? 'reference').replace(/^[\w.-]+:/, '') });
      continue;
    }
    // the text reached here as UTF-8 (a byte that is not was refused); bpmn-moddle reads UTF-8 alone
    const encoding = /^unsupported document encoding <([^>]*)>/.exec(w.message)?.[1];
    if (encoding !== undefined) {
      const other = xml.search(/[^ -~\t\n\r]/);
      if (other < 0) warnings.push(`the file declares encoding ${encoding}; its text is ASCII, the same in UTF-8, and is read as such`);
      else
        problems.push({
          ...places.of(other),
          id: null,
          message: `the file declares encoding ${encoding} but its text is UTF-8 from here on; etomsim reads UTF-8 alone: save it as UTF-8 (its declaration too)`,
        });
      continue;
    }
    // bpmn-moddle places an unknown attribute nowhere: its element's id is the place
    const p =
      w.message.startsWith('unknown attribute <') && typeof w.element?.id === 'string'
        ? {
            ...places.ofId(w.element.id),
            id: w.element.id,
            message: `${w.message} on ${w.element.$type.replace(/^bpmn:/, '')} '${w.element.id}'`,
          }
        : parserProblem(places, w.message);
    // an unknown attribute's place is its element's id (when it has one): its element's type says; the rest are placed by the parser
    const diagramOnly = w.message.startsWith('unknown attribute <')
      ? w.element !== undefined && /^(bpmndi|dc|di):/.test(w.element.$type)
      : withinDiagram(p);
    if (diagramOnly) {
      inDiagram.push(p);
      continue;
    }
    const foreign = qbp.size > 0 || qbpDefault ? foreignSimulation(p, places, qbp, qbpDefault, qbpInfos.length > 0) : null;
    if (foreign === null) problems.push(p);
    else if (foreign !== '') warnings.push(foreign);
  }
  if (inDiagram.length > 0) {
    const first = inDiagram[0];
    const count = inDiagram.length === 1 ? 'one thing' : `${inDiagram.length} things`;
    warnings.push(
      `the diagram (BPMNDI) holds ${count} that cannot be read (the first at ${first.line}:${first.col}: ${first.message}): the diagram is not read, the import goes on`,
    );
  }
  // told once per id, at the first element that names it (a duplicate id, dropped by the parser, leaves several)
  for (const [target, refs] of unresolved) {
    // a reference only the diagram makes (a shape's element, a label's style) changes nothing simulated
    if (refs.every((r) => r.element.$type.startsWith('bpmndi:'))) {
      const named = refs.slice(0, LISTED).map((r) => `${r.property} of ${r.element.id ?? r.element.$type}`);
      if (refs.length > LISTED) named.push(`${refs.length - LISTED} more`);
      warnings.push(
        `the diagram (BPMNDI) names <${target}>, which no element of the file has (${named.join(', ')}): the diagram is not read, the import goes on`,
      );
      continue;
    }
    const at = refs.find((r) => typeof r.element.id === 'string')?.element.id ?? null;
    const named = refs.slice(0, LISTED).map((r) => `${r.property} of ${r.element.id ?? r.element.$type}`);
    if (refs.length > LISTED) named.push(`${refs.length - LISTED} more`);
    problems.push({
      ...places.ofId(at),
      id: at,
      message: `unresolved reference <${target}>: no element of the file has this id (named by ${named.join(', ')})`,
    });
  }
  const defs = parsed.rootElement;
  // a <definitions> with no process, collaboration or other root element has none of the list (bpmn-moddle leaves it out)
  defs.rootElements ??= [];
  // the tree walked once for what every file is searched for (its sequence flows, BPSim's scenarios, etomsim's): each
  // walk visits every element's every property, and a file of thousands of elements was walked three times
  const everyElement = findAll(defs, () => true);
  linkFlowNodes(everyElement);
  const prefixes = namespacePrefixes(defs);
  const ext = (e: ModdleElement, name: string) => (prefixes.etomsim ? e.$attrs?.[`${prefixes.etomsim}:${name}`] : undefined);
  const isType = (e: ModdleElement, ns: 'bpsim' | 'etomsim', local: string) =>
    prefixes[ns] !== undefined && e.$type === `${prefixes[ns]}:${local}`;
  const problem = (id: string | null, message: string) => problems.push({ ...at(id), id, message });
  // where each BPSim or etomsim element stands, by namespace: found at the first problem with one
  const indexes: { bpsim?: Map<ModdleElement, number>; etomsim?: Map<ModdleElement, number> } = {};
  /**
   * A problem with element `e` of namespace `ns` (a BPSim parameter, a distribution, the
   * ScenarioParameters; an etomsim:arrival, an etomsim:calendar), told at its own line and
   * column; at element `id`, the one it is for, when its place is not known.
   */
  const placedProblem = (ns: 'bpsim' | 'etomsim', e: ModdleElement | null | undefined, id: string | null, message: string) => {
    const prefix = prefixes[ns];
    if (e && prefix !== undefined) {
      indexes[ns] ??= elementIndexes(
        xml,
        prefix,
        findAll(defs, (x) => x.$type.startsWith(`${prefix}:`)),
      );
      const index = indexes[ns].get(e);
      if (index !== undefined) {
        problems.push({ ...places.of(index), id, message });
        return;
      }
    }
    problem(id, message);
  };
  const bpsimProblem = (e: ModdleElement | null | undefined, id: string | null, message: string) => placedProblem('bpsim', e, id, message);
  /** etomsim's JSON in an attribute, its shape checked (etomsim-json.ts); a problem told by `report` where it is not. */
  const etomsimJson = <T>(text: unknown, attribute: string, shape: JsonShape<T>, report: (message: string) => void): T | undefined =>
    readEtomsimJson(typeof text === 'string' ? text : undefined, attribute, shape, report);

  const placeholders = new Map<string, string>();
  const notes = new Map<string, string>();
  const elements = new Map<string, ElementPlace>();
  /** The value at `path` comes from element `id` (found in the text: an id the file does not hold is not recorded). */
  const cameFrom = (path: string, id: string | undefined) => {
    if (id !== undefined && places.hasId(id)) elements.set(path, { id, ...at(id) });
  };
  const placeholder = (path: string, what: string) => {
    placeholders.set(path, what);
    warnings.push(`${path}: ${what}`);
  };

  // ---- BPSim and etomsim data at the document level
  const bpsimScenarios = everyElement.filter((e) => isType(e, 'bpsim', 'Scenario'));
  const bpsimScenario = bpsimScenarios[0] ?? null;
  const scenarioLabel = (sc: ModdleElement) => `'${String(sc.name ?? sc.id ?? '')}'`;
  if (bpsimScenarios.length > 1)
    warnings.push(
      `BPSim: the file holds ${bpsimScenarios.length} scenarios (${bpsimScenarios.map(scenarioLabel).join(', ')}); etomsim reads the first, ${scenarioLabel(bpsimScenario!)}, and leaves the others out`,
    );
  if (typeof bpsimScenario?.inherits === 'string')
    warnings.push(
      `BPSim: scenario ${scenarioLabel(bpsimScenario)} inherits from '${bpsimScenario.inherits}', whose parameters etomsim does not read: only what ${scenarioLabel(bpsimScenario)} itself gives is imported`,
    );
  const etomsimScenario = everyElement.find((e) => isType(e, 'etomsim', 'scenario')) ?? null;
  const params = new Map<string, ModdleElement>();
  let unit = BPSIM_TIME_UNIT_HOURS.ms; // BPSim's default base time unit
  let scenarioParams: ModdleElement | null = null;
  if (bpsimScenario) {
    for (const c of bpsimScenario.$children ?? []) {
      if (isType(c, 'bpsim', 'ElementParameters') && typeof c.elementRef === 'string') params.set(c.elementRef, c);
      if (isType(c, 'bpsim', 'ScenarioParameters')) scenarioParams = c;
    }
    const base = scenarioParams?.baseTimeUnit;
    if (typeof base === 'string') {
      if (BPSIM_TIME_UNIT_HOURS[base] === undefined)
        bpsimProblem(scenarioParams, null, `BPSim baseTimeUnit '${base}' is not one of ${Object.keys(BPSIM_TIME_UNIT_HOURS).join(', ')}`);
      else unit = BPSIM_TIME_UNIT_HOURS[base];
    }
  }
  // every BPSim parameter the import looks at, read or superseded by etomsim's own: the rest is told (unreadBpsimWarnings)
  const looked = new Set<ModdleElement>();
  const child = (e: ModdleElement | undefined | null, ...path: string[]): ModdleElement | undefined => {
    let cur = e ?? undefined;
    for (const local of path) cur = cur?.$children?.find((c) => isType(c, 'bpsim', local));
    if (cur) looked.add(cur);
    return cur;
  };
  /**
   * The value of the parameter at `path` under `holder` (an ElementParameters or the
   * ScenarioParameters): its first child that is not a ResultRequest (a request for output).
   * BPSim lets a parameter hold one value per period (`validFor` a calendar); etomsim reads
   * the first and says so.
   */
  const parameterValue = (holder: ModdleElement | undefined | null, ...path: string[]): ModdleElement | undefined => {
    const values = (child(holder, ...path)?.$children ?? []).filter((c) => !isType(c, 'bpsim', 'ResultRequest'));
    if (values.length > 1) {
      const name = isType(holder!, 'bpsim', 'ScenarioParameters') ? `ScenarioParameters/${path.join('/')}` : path.join('/');
      const of = typeof holder?.elementRef === 'string' ? ` of '${holder.elementRef}'` : '';
      warnings.push(`BPSim ${name}${of} has ${values.length} values (each for its own period); only the first is read`);
    }
    return values[0];
  };
  /**
   * The attribute `key` of BPSim element `e` (a parameter's value, the ScenarioParameters'
   * replication) as a number, or undefined without one; a value that is no finite number ('abc',
   * '', 'NaN', 'INF') is a problem at `e`, about element `id` (it was read as none, or as 0 for
   * ''), as QBP's numbers are. `what` names the parameter in the message.
   */
  const bpsimNumber = (
    e: ModdleElement | null | undefined,
    key: string,
    what: string,
    id: string | null,
    meaning: string,
  ): number | undefined => {
    const value = e?.[key];
    if (typeof value !== 'string') return undefined;
    const v = xsdDouble(value);
    if (Number.isFinite(v)) return v;
    bpsimProblem(e, id, `BPSim ${what}${id === null ? '' : ` of '${id}'`} '${value}' is not a number (${meaning})`);
    return undefined;
  };
  /**
   * A BPSim count (a start event's TriggerCount, a resource's Quantity) as a number, or undefined
   * without one. BPSim gives both as a NumericParameter, whose value its schema types as a whole
   * number (xsd:long), and each counts something (tokens, units): a value that is no whole number
   * of 0 or more (2.5, -1) is a problem at the parameter `e`, as one that is no number is.
   */
  const bpsimCount = (e: ModdleElement | undefined, what: string, id: string, meaning: string): number | undefined => {
    const v = bpsimNumber(e, 'value', what, id, meaning);
    if (v === undefined || (Number.isSafeInteger(v) && v >= 0)) return v;
    bpsimProblem(e, id, `BPSim ${what} of '${id}' '${String(e?.value)}' is not a whole number of 0 or more (${meaning})`);
    return undefined;
  };
  const distribution = (d: ModdleElement | undefined, id: string): DistSpec | undefined => {
    if (!d) return undefined;
    const read = bpsimDistribution(d, prefixes.bpsim ?? 'bpsim', unit, id, (note) => warnings.push(note));
    if (typeof read === 'string') bpsimProblem(d, id, read);
    return typeof read === 'string' ? undefined : read;
  };

  // ---- teams: resources (performers) and lanes
  const resources = new Map<
    string,
    { name: string; id: string; calendar: string | null; shifts: string | null; maxCapacity: string | null; description: string | null }
  >(); // by element id
  const teamNames = new Names();
  for (const r of defs.rootElements as ModdleElement[]) {
    if (r.$type === 'bpmn:Resource') {
      resources.set(r.id!, {
        name: teamNames.of(r.name || r.id!),
        id: r.id!,
        calendar: ext(r, 'calendar') ?? null, // a calendar's name as written: through calendarNames where used
        shifts: ext(r, 'shifts') ?? null,
        maxCapacity: ext(r, 'maxCapacity') ?? null,
        description: ext(r, 'description') ?? null,
      });
    }
  }
  const teams = new Map<string, { capacity: number | null; cost: number | null; calendar: string | null; ref: string }>();
  const addTeam = (name: string, ref: string, calendar: string | null) => {
    if (!teams.has(name)) teams.set(name, { capacity: null, cost: null, calendar, ref });
  };
  // every declared resource is a team, in document order, even one no task uses (it is still reported)
  for (const r of resources.values()) addTeam(r.name, r.id, r.calendar);

  // ---- BIMP's (QBP) parameters, by the BPMN element each is for (read where etomsim's and BPSim's give nothing)
  const qbpElements = new Map<string, QbpElement>(); // task id -> its qbp:element
  const qbpFlows = new Map<string, QbpElement>(); // sequence flow id -> its qbp:sequenceFlow
  const qbpResources = new Map<string, QbpElement>(); // qbp:resource id -> it
  const qbpTimetables = new Map<string, QbpElement>(); // qbp:timetable id -> it
  for (const info of qbpInfos) {
    for (const e of qbpChildren(qbpChild(info, 'elements'), 'element')) if (e.attrs.elementId) qbpElements.set(e.attrs.elementId, e);
    for (const f of qbpChildren(qbpChild(info, 'sequenceFlows'), 'sequenceFlow')) if (f.attrs.elementId) qbpFlows.set(f.attrs.elementId, f);
    for (const r of qbpChildren(qbpChild(info, 'resources'), 'resource')) if (r.attrs.id) qbpResources.set(r.attrs.id, r);
    for (const t of qbpChildren(qbpChild(info, 'timetables'), 'timetable')) if (t.attrs.id) qbpTimetables.set(t.attrs.id, t);
  }
  const qbpRead = new Set<QbpElement>(); // the qbp:element and qbp:sequenceFlow entries read: the rest are told
  /** A problem at a QBP element's place, for the BPMN element `id` it is about. */
  const qbpProblem = (e: QbpElement, id: string | null, message: string) => {
    // at the element's '<' (the parser tells where its start tag ends) when the tag is on one line
    const lt = places.lineText(e.line).lastIndexOf('<', e.col - 1);
    problems.push({ line: e.line, col: lt >= 0 ? lt + 1 : e.col, id, message });
  };
  const qbpDist = (d: QbpElement | undefined, id: string, of: string): DistSpec | undefined => {
    if (!d) return undefined;
    const read = qbpDistribution(d, of);
    if (typeof read === 'string') qbpProblem(d, id, read);
    return typeof read === 'string' ? undefined : read;
  };
  // every QBP resource is a team, in document order, even one no task uses (as BIMP reports it)
  const qbpTeam = new Map<string, string>(); // qbp:resource id -> team name
  for (const r of qbpResources.values()) {
    const team = teamNames.of(r.attrs.name || r.attrs.id);
    qbpTeam.set(r.attrs.id, team);
    addTeam(team, r.attrs.id, null);
  }
  // the process each processSimulationInfo's arrivals are for: its processId, else the first process
  const qbpInfoOf = new Map<ModdleElement, QbpElement>();
  {
    const procs = (defs.rootElements as ModdleElement[]).filter((r) => r.$type === 'bpmn:Process');
    // without a processId, the first with steps: an empty pool (a partner's) before it is left out
    const first =
      procs.find((p) => ((p.flowElements as ModdleElement[] | undefined) ?? []).some((e) => !BPMN_ARTIFACTS.has(e.$type))) ?? procs[0];
    for (const info of qbpInfos) {
      const pid = info.attrs.processId;
      const proc = pid ? procs.find((p) => p.id === pid) : first;
      if (proc === undefined)
        warnings.push(
          `QBP processSimulationInfo '${info.attrs.id ?? ''}' is for process '${pid}', which the file does not have: its arrivals are not read`,
        );
      else if (!qbpInfoOf.has(proc)) qbpInfoOf.set(proc, info);
      if (!pid && procs.length > 1)
        warnings.push(
          `QBP processSimulationInfo '${info.attrs.id ?? ''}' names no processId: its arrivals are read for the first process with a flow element, '${first.id}'`,
        );
    }
  }

  // ---- calendars: etomsim's own, else BPSim's (iCalendar events repeating weekly)
  // (before the flows and teams, whose references to calendars go through calendarNames)
  const calendars = record<Json>();
  const calendarNames = new Names();
  for (const c of etomsimScenario?.$children?.filter((x) => isType(x, 'etomsim', 'calendar')) ?? []) {
    const report = (message: string) => placedProblem('etomsim', c, null, message);
    const periods = etomsimJson(c.periods, `periods of etomsim:calendar '${c.name}'`, PERIODS, report);
    if (periods === undefined) continue;
    const doc = calendarDoc(periods);
    if (doc === null) report(`calendar '${c.name}' cannot be written as days and hours`);
    else calendars[calendarNames.of(String(c.name))] = doc;
  }
  const bpsimCalendars = new Map<string, string>(); // BPSim calendar id -> scenario calendar name
  for (const c of bpsimScenario?.$children?.filter((x) => isType(x, 'bpsim', 'Calendar')) ?? []) {
    const id = String(c.id ?? c.name);
    const own = String(c.name ?? c.id);
    if (calendarNames.known(own)) {
      bpsimCalendars.set(id, calendarNames.ref(own)); // etomsim's own, written beside it
      continue;
    }
    const periods = iCalendarPeriods(c.$body ?? '');
    const doc = periods === null ? null : calendarDoc(periods);
    if (doc === null) {
      warnings.push(
        `BPSim calendar '${own}' is not read (only weekly iCalendar events with the same hours on each of their days are): the teams on it work around the clock`,
      );
      continue;
    }
    const name = calendarNames.of(own);
    calendars[name] = doc;
    cameFrom(`calendars.${name}`, typeof c.id === 'string' ? c.id : undefined);
    bpsimCalendars.set(id, name);
  }

  // ---- flows
  const flows = record<Json>();
  const arrivals: Json[] = [];
  const qbpArrivals = new Map<QbpElement, DistSpec>(); // each processSimulationInfo's interarrival, as read
  // each processSimulationInfo's stream: its index in arrivals, and its processInstances (`cases`; null: none)
  const qbpStreams = new Map<QbpElement, { index: number; cases: number | null }>();
  const flowNames = new Names();
  const processes = (defs.rootElements as ModdleElement[]).filter((r) => r.$type === 'bpmn:Process');
  if (processes.length === 0) {
    // told at a pool (a participant that names no process: a collaboration drawn without one), else at the file's root
    const pool = findAll(defs, (e) => e.$type === 'bpmn:Participant' && typeof e.id === 'string')[0];
    const at = pool ?? (typeof defs.id === 'string' ? defs : null);
    problem(
      at?.id ?? null,
      pool === undefined
        ? 'the file has no process: nothing to simulate'
        : `the file has no process: nothing to simulate (pool '${pool.name || pool.id}', participant '${pool.id}', holds none)`,
    );
  }
  const flowElementsOf = (proc: ModdleElement) =>
    ((proc.flowElements as ModdleElement[] | undefined) ?? []).filter((e) => !BPMN_ARTIFACTS.has(e.$type));
  const idlessOf = new Map(processes.map((proc) => [proc, idless(proc, flowElementsOf)]));
  // each element without an id told at its own line and column (the id named is the nearest holder's);
  // at the holder's where the text and the tree do not pair. The text read once, and only for such a file
  const idlessTypes = new Set([...idlessOf.values()].flatMap((found) => found.map((held) => held.element.$type)));
  const ownPlaces =
    idlessTypes.size === 0
      ? new Map<ModdleElement, number>()
      : typedElementIndexes(
          xml,
          NS.bpmn,
          findAll(defs, (x) => idlessTypes.has(x.$type)),
        );
  for (const proc of processes) {
    // BPMN requires an id of each; etomsim names steps and places messages by it (without, a message said
    // 'undefined'), one inside a sub-process (inlined, its steps the flow's) as much as one beside it
    const anonymous = idlessOf.get(proc)!;
    if (anonymous.length > 0) {
      const where = hasId(proc) ? proc.id! : null;
      const process = where === null ? 'that process' : `process '${where}'`;
      for (const { element: e, within, place } of anonymous) {
        const unnamed = within !== null && !hasId(within) ? ` in a ${kind(within)} without id` : '';
        const holder = e === proc ? '' : `${unnamed} in ${place === null ? '' : `sub-process '${place}' of `}${process}`;
        const by = e.$type === 'bpmn:Lane' ? "places its team's messages" : 'names its steps';
        const message = `a ${kind(e)}${holder} has no id, which BPMN requires of it and etomsim ${by} by`;
        const own = ownPlaces.get(e);
        if (own === undefined) problem(place ?? where, message);
        else problems.push({ ...places.of(own), id: place ?? where, message });
      }
      continue;
    }
    // a pool drawn empty (a partner's, or a process the modeller made for a participant) holds nothing to run
    if (flowElementsOf(proc).length === 0 && processes.some((other) => other !== proc && flowElementsOf(other).length > 0)) {
      warnings.push(`process '${proc.id}' holds no flow element (an empty pool): it has nothing to simulate and is left out`);
      const info = qbpInfoOf.get(proc);
      if (info !== undefined)
        warnings.push(
          `QBP processSimulationInfo '${info.attrs.id ?? ''}' is for process '${proc.id}', an empty pool left out: its arrivals are not read`,
        );
      continue;
    }
    const flowName = flowNames.of(proc.name || proc.id!);
    // several flows out of a task or start event: a parallel split (or an inclusive one, refused)
    const splits = implicitSplits(`process '${proc.id}'`, flowElementsOf(proc));
    if (splits.problems.length > 0) {
      for (const { id, message } of splits.problems) problem(id, message);
      continue;
    }
    if (splits.warning !== null) warnings.push(splits.warning);
    const inlined = inlineSubProcesses(
      splits.elements,
      (id, message) => problem(id, message),
      (warning) => warnings.push(warning),
    );
    let elements = inlined.elements;
    // what import-bpmn made where BPMN implies a start or an end (bpmn-implicit.ts), by what it is for: "process 'P'"
    const implied = inlined.implied;
    // a task, or a collapsed sub-process (nothing inside: its work is one step)
    const isTask = (e: ModdleElement) => TASKS.has(e.$type) || inlined.collapsed.has(e);
    for (const e of inlined.collapsed)
      warnings.push(
        `sub-process '${e.id}' holds no flow (a collapsed sub-process): imported as one task, its processing time that of the whole`,
      );
    for (const e of elements) {
      if (e.$type === 'bpmn:InclusiveGateway')
        problem(
          e.id!,
          `inclusive gateway '${e.id}' is not supported: etomsim has exclusive decisions and parallel forks; model it as one of them`,
        );
      else if (!SUPPORTED.has(e.$type) && !inlined.collapsed.has(e))
        problem(
          e.id!,
          `${e.$type.replace('bpmn:', '')} '${e.id}' is not supported (etomsim reads tasks, exclusive and parallel gateways, embedded sub-processes, one start event and end events)`,
        );
    }
    let starts = elements.filter((e) => e.$type === 'bpmn:StartEvent');
    const what = `process '${proc.id}'`;
    if (starts.length === 0) {
      const implicit = implicitStart(proc, what, elements);
      if ('message' in implicit) {
        problem(implicit.id, implicit.message);
        continue;
      }
      warnings.push(implicit.warning);
      elements = [...implicit.before, ...elements, ...implicit.after];
      for (const e of implicit.made) implied.set(e, what);
      starts = [implicit.start];
    }
    if (starts.length === 1) {
      const ended = implicitEnd(proc, what, elements);
      if (ended !== null && 'message' in ended) {
        problem(ended.id, ended.message);
        continue;
      }
      if (ended !== null) {
        if (ended.warning !== '') warnings.push(ended.warning);
        elements = ended.elements;
        for (const e of ended.made) implied.set(e, what);
      }
    }
    if (starts.length !== 1) {
      problem(
        starts[1].id!,
        `process '${proc.id}' has ${starts.length} start events (${starts.map((s) => s.id).join(', ')}); etomsim needs exactly one per process`,
      );
      continue;
    }
    const outgoing = (e: ModdleElement) =>
      ((e.outgoing as ModdleElement[] | undefined) ?? []).filter((f) => f.$type === 'bpmn:SequenceFlow');
    const incoming = (e: ModdleElement) =>
      ((e.incoming as ModdleElement[] | undefined) ?? []).filter((f) => f.$type === 'bpmn:SequenceFlow');
    // told once: a fork whose branch reaches one is not told again as a fork whose branches never meet
    const deadEnds = new Set<ModdleElement>();
    for (const e of elements) {
      if ((e.$type === 'bpmn:ExclusiveGateway' || e.$type === 'bpmn:ParallelGateway') && outgoing(e).length === 0) {
        problem(e.id!, `gateway '${e.id}' has no outgoing sequence flow`);
        deadEnds.add(e);
      }
    }
    // node names, in document order (the file's own first, below)
    const nodeNames = new Names();
    const isJoin = (e: ModdleElement) => e.$type === 'bpmn:ParallelGateway' && outgoing(e).length === 1;
    const isMerge = (e: ModdleElement) => e.$type === 'bpmn:ExclusiveGateway' && outgoing(e).length === 1;
    const asNode = (e: ModdleElement) =>
      isTask(e) ||
      (e.$type === 'bpmn:ExclusiveGateway' && outgoing(e).length > 1) ||
      (e.$type === 'bpmn:ParallelGateway' && outgoing(e).length > 1);
    const name = new Map<ModdleElement, string>();
    // fresh, not by text: two tasks of one name (Signavio allows it) are two nodes. The file's own
    // first, then the forks made (bpmn-implicit.ts): a task named "start of P" keeps its name, and a KPI naming it means it
    const isMade = (e: ModdleElement) => implied.has(e) || e.follows !== undefined;
    for (const own of [true, false])
      for (const e of elements) if (asNode(e) && isMade(e) !== own) name.set(e, nodeNames.fresh(e.name || e.id!));
    // Where a flow leads through merges and joins is one path, the same from each element on it
    // (a circle of them leads nowhere from anywhere on it): each element's answer kept, so a chain
    // of joins thousands long (forks nested that deep) is walked once, not once per fork (s45f2).
    const through = (e: ModdleElement) => outgoing(e)[0].targetRef as ModdleElement | undefined;
    const resolved = new Map<ModdleElement, string | null>();
    /** Where a sequence flow leads, as a node name: through merges and joins; null at an end event. */
    const resolve = (flow: ModdleElement): string | null => {
      const path: ModdleElement[] = [];
      const seen = new Set<ModdleElement>();
      let target = flow.targetRef as ModdleElement | undefined;
      let to: string | null = null;
      for (; target && !seen.has(target); target = through(target)) {
        const known = resolved.get(target);
        if (known !== undefined || resolved.has(target)) {
          to = known ?? null;
          break;
        }
        seen.add(target);
        path.push(target);
        if (target.$type === 'bpmn:EndEvent') break;
        if (!(isJoin(target) || isMerge(target))) {
          to = name.get(target) ?? null;
          break;
        }
      }
      for (const e of path) resolved.set(e, to);
      return to;
    };
    // A task's own flow to an end event needs no node (the case ends after the task), unless
    // it passes a join: a parallel branch must name the node its fork joins at.
    const ended = [new Map<ModdleElement, ModdleElement | null>(), new Map<ModdleElement, ModdleElement | null>()];
    const endEventOf = (flow: ModdleElement, needJoin: boolean): ModdleElement | null => {
      const path: [ModdleElement, boolean][] = [];
      const seen = new Set<ModdleElement>();
      let target = flow.targetRef as ModdleElement | undefined;
      let to: ModdleElement | null = null;
      for (; target && !seen.has(target); target = through(target)) {
        const known = ended[Number(needJoin)];
        if (known.has(target)) {
          to = known.get(target)!;
          break;
        }
        seen.add(target);
        path.push([target, needJoin]);
        if (target.$type === 'bpmn:EndEvent') {
          to = needJoin ? null : target;
          break;
        }
        if (isJoin(target)) needJoin = false;
        else if (!isMerge(target)) break;
      }
      for (const [e, need] of path) ended[Number(need)].set(e, to);
      return to;
    };
    // Where each flow a node names leads (a task's next, a decision's branches, the next of a fork's
    // join): a node's name, else the end event it ends at, which becomes a step of no work after which
    // the case ends (etomsim's branches and joins name a node); null for neither. Read once here, in
    // the order the nodes below name them, and by them through leadsTo: one rule for both.
    // (what the branches of one that never meets pass, kept from the same walks: the refusals below read it)
    const forks = forksRead(
      elements.filter((e) => name.has(e) && e.$type === 'bpmn:ParallelGateway'),
      true,
    );
    const joins = new Map([...forks].map(([e, read]) => [e, read.join]));
    const leads = new Map<ModdleElement, string | ModdleElement | null>();
    const lead = (flow: ModdleElement, onlyThroughJoin: boolean) => leads.set(flow, resolve(flow) ?? endEventOf(flow, onlyThroughJoin));
    for (const e of elements) {
      if (!name.has(e)) continue;
      if (isTask(e)) {
        const out = outgoing(e)[0];
        if (out !== undefined) lead(out, true);
      } else if (e.$type === 'bpmn:ExclusiveGateway') for (const f of outgoing(e)) lead(f, false);
      else {
        const join = joins.get(e)!;
        if (join !== null) lead(outgoing(join)[0], false);
      }
    }
    // forks whose branches never meet, each told once: not where a branch ends at a gateway with no flow out (told there), nor
    // where it passes such a fork nested in it (told at that one)
    const passed = (e: ModdleElement) => forks.get(e)!.passed!;
    const apart = toldApart(
      [...joins].filter(([e, join]) => join === null && !branchReaches(passed(e), deadEnds)).map(([e]) => e),
      passed,
    );
    // the end events that become steps, named before any node names one: the file's own first, then those made
    // (bpmn-implicit.ts), as nodes are; an end event "end of SP" keeps its name beside the end made for sub-process SP
    const stepEnds = new Set([...leads.values()].filter((to): to is ModdleElement => to !== null && typeof to !== 'string'));
    const stepNames = new Map<ModdleElement, string>();
    for (const own of [true, false])
      for (const end of stepEnds) if (isMade(end) !== own) stepNames.set(end, nodeNames.fresh(end.name || end.id!));
    // each in the order a node first names it
    const endSteps = new Map<ModdleElement, string>();
    for (const end of stepEnds) endSteps.set(end, stepNames.get(end)!);
    /** The node a flow named above leads to: a node's name, an end step's, or null. */
    const leadsTo = (flow: ModdleElement): string | null => {
      const to = leads.get(flow) ?? null;
      return to === null || typeof to === 'string' ? to : endSteps.get(to)!;
    };
    const nodes = record<Json>();
    const lanes = new Map<ModdleElement, string>();
    // a lane inside a lane (its childLaneSet), or in a sub-process (its own laneSet), comes after it: the innermost lane that lists a node is its team
    // each team's lane by its name, the first of that name (read once: a file nests sub-processes thousands deep)
    const laneIds = new Map<string, string>();
    for (const { lane } of lanesOf(proc)) {
      const laneName = (lane.name as string) || lane.id!;
      if (!laneIds.has(laneName)) laneIds.set(laneName, lane.id!);
      for (const ref of (lane.flowNodeRef as ModdleElement[] | undefined) ?? []) lanes.set(ref, laneName);
    }
    // an inlined sub-process's element is in the lane that lists it, else in its sub-process's
    // (`within` has a sub-process's own entry before those of what it holds: one pass, however deep)
    for (const [x, sub] of inlined.within) {
      const lane = lanes.get(sub);
      if (lane !== undefined && !lanes.has(x)) lanes.set(x, lane);
    }
    for (const e of elements) {
      const nodeName = name.get(e);
      if (nodeName === undefined) continue;
      const path = `flows.${flowName}.nodes.${nodeName}`;
      const node: ScenarioDoc = {};
      const etom = ext(e, 'etom');
      if (etom) node.etom = etom;
      const description = ext(e, 'description');
      if (description) node.description = description;
      if (isTask(e)) {
        const performer = ((e.resources as ModdleElement[] | undefined) ?? [])[0];
        const resource = performer ? resources.get((performer.resourceRef as ModdleElement | undefined)?.id ?? '') : undefined;
        const lane = lanes.get(e);
        const q = qbpElements.get(e.id!);
        if (q) qbpRead.add(q);
        // the log's activity it stands for, which fidelity matches exactly (etomsim's own attribute: another
        // tool's task name is its name, which fidelity matches as such)
        const activity = ext(e, 'activity');
        if (activity) node.activity = activity;
        const qbpIds = qbpChildren(qbpChild(q, 'resourceIds'), 'resourceId').map((x) => x.text.trim());
        const qbpTeamName = qbpIds.length > 0 ? qbpTeam.get(qbpIds[0]) : undefined;
        if (q && qbpIds.length > 0 && qbpTeamName === undefined)
          qbpProblem(q, e.id!, `QBP parameters of task '${e.id}' name resource '${qbpIds[0]}', which its qbp:resources does not declare`);
        if (qbpIds.length > 1)
          warnings.push(`${path}: QBP gives task '${e.id}' ${qbpIds.length} resources; etomsim reads the first, '${qbpIds[0]}'`);
        // a task that runs several times per case (BPMN's loop or multi-instance marker): etomsim runs it once, said
        if (e.loopCharacteristics) {
          const multi = (e.loopCharacteristics as ModdleElement).$type === 'bpmn:MultiInstanceLoopCharacteristics';
          warnings.push(
            `${path}: task '${e.id}' ${multi ? 'is multi-instance' : 'loops'}: imported as one run per case (its duration is that of all its ${multi ? 'instances' : 'rounds'}; or model them as a parallel block or a decision back to it)`,
          );
        }
        const fixedCost = Number(q?.attrs.fixedCost ?? 0);
        if (fixedCost !== 0)
          warnings.push(
            `${path}: QBP fixedCost ${q?.attrs.fixedCost} of task '${e.id}' is not read: etomsim's costs are its teams' hours (cost_per_hour)`,
          );
        const pool = ext(e, 'pool');
        if (pool) {
          const teamsOf = etomsimJson(pool, 'etomsim:pool', TEAMS, (message) => problem(e.id!, message)) ?? [];
          node.resource = { any: teamsOf.map((team) => teamNames.ref(team)) };
          if (resource) addTeam(resource.name, resource.id, resource.calendar);
        } else if (qbpTeamName !== undefined) {
          node.resource = qbpTeamName; // the team BIMP's author gave it
        } else if (resource) {
          node.resource = resource.name;
          addTeam(resource.name, resource.id, resource.calendar);
        } else if (lane !== undefined && !AUTOMATED.has(e.$type)) {
          const team = teamNames.of(lane);
          node.resource = team;
          const laneElement = laneIds.get(lane) ?? null;
          addTeam(team, laneElement ?? lane, null);
        } else if (!AUTOMATED.has(e.$type)) {
          warnings.push(`${path}: task '${e.id}' has no lane or performer: imported as automated (no team, no queue)`);
        }
        const hours = ext(e, 'calendar'); // an automated task's hours, which BPSim has no place for
        if (hours && node.resource === undefined) node.calendar = calendarNames.ref(hours);
        const until = ext(e, 'until'); // a timer on the case's age (until: case_age), which BPSim has no place for; validated as the scenario's
        if (until && node.resource === undefined) node.until = until;
        const exact = ext(e, 'duration');
        if (exact) child(params.get(e.id!), 'TimeParameters', 'ProcessingTime'); // etomsim's exact one supersedes BPSim's
        const duration = exact
          ? etomsimJson(exact, 'etomsim:duration', DISTRIBUTION, (message) => problem(e.id!, message))
          : (distribution(parameterValue(params.get(e.id!), 'TimeParameters', 'ProcessingTime'), e.id!) ??
            qbpDist(qbpChild(q, 'durationDistribution'), e.id!, `task '${e.id}'`));
        if (duration) node.duration = distributionDoc(duration);
        else {
          node.duration = 1;
          placeholder(`${path}.duration`, `PLACEHOLDER: no processing time for '${e.id}'; 1 hour assumed, supply the real one`);
        }
        const out = outgoing(e)[0];
        const next = out ? leadsTo(out) : null;
        if (next !== null) node.next = next;
      } else if (e.$type === 'bpmn:ExclusiveGateway') {
        const outs = outgoing(e);
        const given = outs.map((f) => {
          const p = parameterValue(params.get(f.id!), 'ControlParameters', 'Probability');
          if (p && typeof p.value === 'string')
            return bpsimNumber(p, 'value', 'ControlParameters/Probability', f.id!, 'a probability, between 0 and 1') ?? Number.NaN;
          const qf = qbpFlows.get(f.id!);
          if (qf) qbpRead.add(qf);
          const written = qf?.attrs.executionProbability?.trim();
          if (!written) return null;
          const probability = Number(written);
          // one the validation would place at the flow tells its number; one that is no number is told here (it was read as none)
          if (!Number.isFinite(probability))
            qbpProblem(
              qf!,
              f.id!,
              `QBP executionProbability '${written}' of sequence flow '${f.id}' is not a number; a probability is between 0 and 1`,
            );
          return probability;
        });
        // a flow without a probability (often the gateway's default flow) takes what the others leave, shared
        // equally; only when they leave nothing to share, or none is given, is every flow given an equal share
        const unknown = outs.filter((_, i) => given[i] === null || !Number.isFinite(given[i]));
        const missing = unknown.length > 0;
        const givenSum = given.reduce<number>((sum, p) => (p !== null && Number.isFinite(p) ? sum + p : sum), 0);
        const rest = missing && unknown.length < outs.length && givenSum < 1 ? (1 - givenSum) / unknown.length : null;
        if (rest !== null) {
          placeholder(
            `${path}.branch`,
            `PLACEHOLDER: gateway '${e.id}' gives no probability for ${unknown.map((f) => `'${f.id}'`).join(', ')}; what the others leave, ${rest}${unknown.length > 1 ? ' each' : ''}, assumed, supply it`,
          );
          outs.forEach((f, i) => {
            if (unknown.includes(f)) given[i] = rest;
          });
        } else if (missing)
          placeholder(
            `${path}.branch`,
            `PLACEHOLDER: gateway '${e.id}' gives no probability for every outgoing flow; equal shares assumed, supply them`,
          );
        outs.forEach((f, i) => cameFrom(`${path}.branch.${i}`, f.id));
        node.branch = outs.map((f, i) => {
          const to = leadsTo(f);
          if (to === null) problem(f.id!, `sequence flow '${f.id}' from decision '${e.id}' leads to no task, gateway or end event`);
          return { to: to ?? '', p: missing && rest === null ? 1 / outs.length : given[i]! };
        });
      } else {
        const outs = outgoing(e);
        node.parallel = outs.map((f) => resolve(f) ?? '');
        const join = joins.get(e)!;
        if (join === null) {
          if (apart.has(e))
            problem(
              e.id!,
              e.follows !== undefined
                ? `the ${outs.length} outgoing sequence flows of ${kindOf(e.follows as ModdleElement)} '${e.id}' (a parallel split) never meet at one converging parallel gateway`
                : implied.has(e)
                  ? `${implied.get(e)} starts at several nodes at once (it has no start event), but their paths never meet at one converging parallel gateway`
                  : `parallel gateway '${e.id}' splits, but its branches never meet at a converging parallel gateway`,
            );
        } else {
          const after = leadsTo(outgoing(join)[0]);
          if (after === null) problem(join.id!, `converging gateway '${join.id}' leads to no task, gateway or end event`);
          node.join = after ?? '';
        }
      }
      void incoming;
      nodes[nodeName] = node;
      cameFrom(path, e.id);
    }
    for (const [end, step] of endSteps) {
      const holder = implied.get(end);
      nodes[step] = {
        duration: 0,
        description:
          holder === undefined
            ? `end event '${end.id}': no work (added by import-bpmn: a decision's branch or a join names a node)`
            : `the end of ${holder}: no work (added by import-bpmn: its paths end apart, and BPMN ends it when all have)`,
      };
      cameFrom(`flows.${flowName}.nodes.${step}`, end.id);
    }
    const start = starts[0];
    const first = outgoing(start)[0];
    const flow: ScenarioDoc = {};
    const etom = ext(proc, 'etom');
    if (etom) flow.etom = etom;
    const sla = ext(proc, 'sla');
    if (sla) flow.sla = numberOrText(sla);
    // an sla in working days of a calendar (etomsim addition): its two attributes, read back as the scenario's map
    const slaDays = ext(proc, 'slaWorkingDays');
    if (slaDays) flow.sla = { working_days: numberOrText(slaDays), calendar: ext(proc, 'slaCalendar') ?? null };
    const cancelAfter = ext(proc, 'cancelAfter');
    if (cancelAfter) flow.cancel_after = numberOrText(cancelAfter);
    const flowDescription = ext(proc, 'description');
    if (flowDescription) flow.description = flowDescription;
    // a KPI's from/to: a node's name as written (through nodeNames), or `start` (the case's arrival) where no node has that name
    const milestone = (written: string) => nodeNames.ref(written);
    const kpiElements =
      ((proc.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined)?.filter((v) =>
        isType(v, 'etomsim', 'kpi'),
      ) ?? [];
    if (kpiElements.length > 0) {
      flow.kpis = Object.fromEntries(
        kpiElements.map((k) => [
          String(k.name),
          {
            from: milestone(String(k.from)),
            to: milestone(String(k.to)),
            ...(k.sla !== undefined ? { sla: numberOrText(String(k.sla)) } : {}),
            ...(k.slaWorkingDays !== undefined
              ? {
                  sla: {
                    working_days: numberOrText(String(k.slaWorkingDays)),
                    calendar: k.slaCalendar === undefined ? null : String(k.slaCalendar),
                  },
                }
              : {}),
          },
        ]),
      );
    }
    const startNode = first ? resolve(first) : null;
    flow.start = startNode ?? '';
    if (!first) problem(start.id!, `start event '${start.id}' has no outgoing sequence flow`);
    // a start event straight into an end event (through merges or joins at most): told here, not as the scenario's empty flow or start ''
    else if (startNode === null && endEventOf(first, false) !== null)
      problem(
        start.id!,
        `start event '${start.id}' of process '${proc.id}' leads to no task or gateway: a case would end as it starts, nothing to simulate`,
      );
    flow.nodes = nodes;
    flows[flowName] = flow;
    cameFrom(`flows.${flowName}`, proc.id);
    const arrivalsBefore = arrivals.length;
    // arrivals: etomsim's own, else BPSim's timer on the start event, else a placeholder
    const own =
      ((start.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined)?.filter((v) =>
        isType(v, 'etomsim', 'arrival'),
      ) ?? [];
    if (own.length > 0) {
      child(params.get(start.id!), 'ControlParameters', 'InterTriggerTimer'); // etomsim's own arrivals supersede BPSim's timer
      child(params.get(start.id!), 'ControlParameters', 'TriggerCount'); // and its count
      for (const x of own) {
        const report = (message: string) => placedProblem('etomsim', x, start.id!, message);
        const doc = arrivalDoc(
          flowName,
          x,
          (calendar) => calendarNames.ref(calendar),
          (text, attribute, shape) => etomsimJson(text, `${attribute} of etomsim:arrival`, shape, report),
          report,
        );
        if (doc !== null) arrivals.push(doc);
      }
    } else {
      const info = qbpInfoOf.get(proc);
      const bpsimTimer = distribution(parameterValue(params.get(start.id!), 'ControlParameters', 'InterTriggerTimer'), start.id!);
      const qbpTimer = bpsimTimer
        ? undefined
        : qbpDist(qbpChild(info, 'arrivalRateDistribution'), start.id!, `the arrivals of process '${proc.id}'`);
      if (qbpTimer && info) qbpArrivals.set(info, qbpTimer);
      const timer = bpsimTimer ?? qbpTimer;
      if (timer) {
        arrivals.push({ flow: flowName, interarrival: distributionDoc(timer) });
        // BPSim's TriggerCount (how many times the start event fires) or BIMP's processInstances: the stream's cases
        const bpsimCountParam = bpsimTimer ? parameterValue(params.get(start.id!), 'ControlParameters', 'TriggerCount') : undefined;
        // undefined: none given, or one that is no count (a problem)
        const cases = bpsimTimer
          ? bpsimCount(bpsimCountParam, 'ControlParameters/TriggerCount', start.id!, 'how many cases the start event brings')
          : Number(info?.attrs.processInstances);
        const counted = cases !== undefined && Number.isSafeInteger(cases) && cases > 0;
        if (qbpTimer && info) qbpStreams.set(info, { index: arrivals.length - 1, cases: counted ? cases : null });
        if (counted) (arrivals[arrivals.length - 1] as ScenarioDoc).cases = cases;
        else if (bpsimTimer && cases === 0)
          // BPSim's, but a stream's `cases` is 1 or more; left out with a warning, the stream would
          // carry a full load where the model meant none
          bpsimProblem(
            bpsimCountParam,
            start.id!,
            `BPSim ControlParameters/TriggerCount of '${start.id}' is 0, a start event that never fires, which etomsim has no equivalent for (a stream brings 1 case or more): remove the start event's timer, or give 1 or more`,
          );
      } else {
        arrivals.push({ flow: flowName, rate: '1/h' });
        placeholder(
          `arrivals.${arrivals.length - 1}.rate`,
          `PLACEHOLDER: no arrival timer on '${start.id}'; 1 case an hour assumed, supply the real rate`,
        );
      }
    }
    for (let i = arrivalsBefore; i < arrivals.length; i++) cameFrom(`arrivals.${i}`, start.id);
  }

  // ---- BIMP's timetables, as the teams on them use them: a calendar, a roster when the days differ in hours, none around the clock
  const qbpHoursOf = new Map<string, { calendar?: string; shifts?: { days: string[]; hours: string }[] }>();
  const qbpHours = (id: string, resource: QbpElement) => {
    const known = qbpHoursOf.get(id);
    if (known) return known;
    const t = qbpTimetables.get(id);
    const hours: { calendar?: string; shifts?: { days: string[]; hours: string }[] } = {};
    qbpHoursOf.set(id, hours);
    if (t === undefined) {
      qbpProblem(
        resource,
        resource.attrs.id,
        `QBP resource '${resource.attrs.name ?? resource.attrs.id}' names timetable '${id}', which its qbp:timetables does not declare`,
      );
      return hours;
    }
    const read = qbpTimetable(t);
    if (typeof read === 'string') {
      qbpProblem(t, t.attrs.id, read);
      return hours;
    }
    const label = t.attrs.name || t.attrs.id;
    if (read.rounded) warnings.push(`QBP timetable '${label}': times off the minute are rounded to it (etomsim's calendars count minutes)`);
    let covered = 0;
    let overlaps = false;
    read.periods.forEach((p, i) => {
      covered += p.end - p.start;
      if (i > 0 && p.start < read.periods[i - 1].end) overlaps = true;
    });
    if (overlaps) {
      qbpProblem(t, t.attrs.id, `QBP timetable '${label}': its rules overlap; etomsim needs each moment of the week in one rule at most`);
      return hours;
    }
    if (covered >= HOURS_PER_WEEK - 1e-9) return hours; // around the clock: no calendar
    const doc = calendarDoc(read.periods);
    if (doc !== null) {
      const name = calendarNames.of(label);
      calendars[name] = doc;
      cameFrom(`calendars.${name}`, t.attrs.id);
      hours.calendar = name;
    } else {
      hours.shifts = read.rules.map((rule) => ({
        days: rule.days.map((d) => WEEKDAYS[d]),
        hours: `${clockOfDay(rule.from)}-${clockOfDay(rule.to)}`,
      }));
    }
    return hours;
  };

  // ---- team sizes, costs, calendars
  const resourcesDoc = record<Json>();
  for (const [teamName, t] of teams) {
    cameFrom(`resources.${teamName}`, t.ref);
    const p = params.get(t.ref);
    const quantityParam = parameterValue(p, 'ResourceParameters', 'Quantity');
    const quantity = quantityParam?.value;
    const quantityRead = bpsimCount(quantityParam, 'ResourceParameters/Quantity', t.ref, 'a team size, in units');
    const costRead = bpsimNumber(
      parameterValue(p, 'CostParameters', 'UnitCost'),
      'value',
      'CostParameters/UnitCost',
      t.ref,
      'a cost per base time unit, 0 or more',
    );
    const r: ScenarioDoc = {};
    const declared = [...resources.values()].find((x) => x.name === teamName);
    if (declared?.shifts) {
      // a roster: shifts give the capacity and the hours
      const report = (message: string) => problem(declared.id, message);
      const shifts = (etomsimJson(declared.shifts, 'etomsim:shifts', SHIFTS, report) ?? []).map((shift, i) => {
        const hours = calendarDoc(shift.periods);
        if (hours === null) report(`shift ${i + 1} of etomsim:shifts cannot be written as days and hours`);
        return {
          ...hours,
          capacity: shift.capacity,
          ...(typeof shift.description === 'string' ? { description: shift.description } : {}),
        };
      });
      if (costRead !== undefined) r.cost_per_hour = costRead / unit;
      if (declared.maxCapacity) r.max_capacity = numberOrText(String(declared.maxCapacity));
      r.shifts = shifts;
      if (declared?.description) r.description = declared.description;
      resourcesDoc[teamName] = r;
      continue;
    }
    const qr = qbpResources.get(t.ref);
    if (qr !== undefined && quantity === undefined) {
      // BIMP's resource: totalAmount units, costPerHour, and its timetable's hours
      const amount = Number(qr.attrs.totalAmount);
      if (!(Number.isInteger(amount) && amount >= 0))
        qbpProblem(
          qr,
          qr.attrs.id,
          `QBP resource '${qr.attrs.name ?? qr.attrs.id}': totalAmount '${qr.attrs.totalAmount ?? ''}' is not a whole number of units`,
        );
      const perHour = Number(qr.attrs.costPerHour);
      const hours = qr.attrs.timetableId ? qbpHours(qr.attrs.timetableId, qr) : null;
      if (hours?.shifts) r.shifts = hours.shifts.map((sh) => ({ ...sh, capacity: amount }));
      else r.capacity = amount;
      if (qr.attrs.costPerHour !== undefined && qr.attrs.costPerHour.trim() !== '') {
        if (Number.isFinite(perHour)) r.cost_per_hour = perHour;
        else
          qbpProblem(
            qr,
            qr.attrs.id,
            `QBP resource '${qr.attrs.name ?? qr.attrs.id}': costPerHour '${qr.attrs.costPerHour}' is not a number (a cost per hour, 0 or more)`,
          );
      }
      if (hours?.calendar) r.calendar = hours.calendar;
      if (declared?.maxCapacity) r.max_capacity = numberOrText(String(declared.maxCapacity));
      if (declared?.description) r.description = declared.description;
      resourcesDoc[teamName] = r;
      continue;
    }
    if (quantityRead !== undefined) r.capacity = quantityRead;
    else if (typeof quantity === 'string') {
      r.capacity = 1; // for the rest of the import: the file is refused (bpsimCount)
    } else {
      r.capacity = 1;
      placeholder(`resources.${teamName}.capacity`, `PLACEHOLDER: no team size for '${teamName}'; 1 assumed, supply the real one`);
    }
    if (costRead !== undefined) r.cost_per_hour = costRead / unit; // BPSim's unit cost is per base time unit
    // BPSim says when a resource is available by a calendar on its Availability parameter
    const available = parameterValue(p, 'ResourceParameters', 'Availability')?.calendar;
    const calendar =
      t.calendar !== null ? calendarNames.ref(t.calendar) : typeof available === 'string' ? bpsimCalendars.get(available) : undefined;
    if (calendar) r.calendar = calendar;
    if (declared?.maxCapacity) r.max_capacity = numberOrText(String(declared.maxCapacity));
    if (declared?.description) r.description = declared.description;
    resourcesDoc[teamName] = r;
  }
  // ---- the run
  const run: ScenarioDoc = {};
  const firstQbp = qbpInfos[0] as QbpElement | undefined;
  const scenarioId = typeof bpsimScenario?.id === 'string' ? bpsimScenario.id : null; // where a scenario parameter's problem is placed
  const durationParam = (local: string) => {
    const p = parameterValue(scenarioParams, local);
    if (!p || typeof p.value !== 'string') return undefined;
    if (!isType(p, 'bpsim', 'DurationParameter'))
      return (bpsimNumber(p, 'value', `ScenarioParameters/${local}`, scenarioId, 'a length of time in the base time unit') ?? 0) * unit;
    const hours = isoDurationHours(p.value);
    if (Number.isNaN(hours)) bpsimProblem(p, null, `BPSim ScenarioParameters/${local}: ${notIsoDuration(p.value)}`);
    return hours;
  };
  const horizon = durationParam('Duration');
  const bpsimStart = parameterValue(scenarioParams, 'Start')?.value;
  // time 0 is the Monday before the first process's startDateTime (below), whose cases arrive from it:
  // its stream's `after`, hours from that Monday
  const qbpStart = typeof bpsimStart !== 'string' && firstQbp?.attrs.startDateTime ? mondayBefore(firstQbp.attrs.startDateTime) : null;
  const qbpAfter = (info: QbpElement) => (info === firstQbp && qbpStart !== null ? qbpStart.hoursAfter : 0);
  for (const [info, stream] of qbpStreams) {
    const after = qbpAfter(info);
    if (after > 0) {
      const { cases, ...rest } = arrivals[stream.index] as ScenarioDoc; // `after` before `cases`, as the format lists them
      arrivals[stream.index] = { ...rest, after, ...(cases === undefined ? {} : { cases }) };
    }
  }
  // BIMP simulates processInstances cases, each until it ends; etomsim a length of time, at the
  // end of which open cases have no cycle time: from the cases' start, the time they take to
  // arrive on average, then as long again or a week, whichever is longer, for the last of them
  // to arrive and end (past a weekend's closed hours). N exponential gaps exceed twice their
  // mean in 0.5% of replications for N = 10, 0.0003% for N = 30.
  const longest = [...qbpStreams].flatMap(([info, stream]) => {
    const mean = distMean(qbpArrivals.get(info)!);
    if (stream.cases === null || !(mean > 0)) return [];
    const arriving = stream.cases * mean;
    return [{ info, index: stream.index, cases: stream.cases, mean, end: qbpAfter(info) + arriving + Math.max(arriving, HOURS_PER_WEEK) }];
  });
  const widest = longest.sort((a, b) => b.end - a.end)[0];
  if (horizon !== undefined && Number.isFinite(horizon)) run.horizon = horizon;
  else if (widest !== undefined) {
    const { mean, info, cases, index } = widest;
    const after = qbpAfter(info);
    const arriving = cases * mean;
    run.horizon = widest.end;
    cameFrom('run.horizon', info.attrs.id);
    const from = after > 0 ? `${Math.round(after * 100) / 100} h (from time 0 to the startDateTime) + ` : '';
    const room = arriving >= HOURS_PER_WEEK ? `${arriving} h again` : 'a week (168 h)';
    warnings.push(
      `run.horizon: QBP processInstances ${cases}: the stream brings at most ${cases} cases (arrivals.${index}.cases), which BIMP simulates each until it ends; etomsim simulates a length of time, here ${from}${cases} x the mean interarrival ${mean} h (the time ${cases} cases take to arrive on average) + ${room} for the last to arrive and end = ${run.horizon} h (cases still open at the end are not in the cycle times: results.json counts them in open_at_horizon; lengthen the horizon if there are some)`,
    );
    notes.set(
      'run.horizon',
      `${after > 0 ? 'from the startDateTime, ' : ''}the time the ${cases} cases of QBP processInstances take to arrive on average, then ${arriving >= HOURS_PER_WEEK ? 'as long again' : 'a week'} for the last to arrive and end`,
    );
    notes.set(`arrivals.${index}.cases`, 'QBP processInstances: the most cases the stream brings');
  } else {
    run.horizon = 30 * 24;
    placeholder('run.horizon', 'PLACEHOLDER: no simulation length (BPSim Duration); 30 days assumed');
  }
  const warmup = durationParam('Warmup');
  if (warmup !== undefined && Number.isFinite(warmup) && warmup > 0) run.warmup = warmup;
  const replications = bpsimNumber(scenarioParams, 'replication', 'ScenarioParameters replication', scenarioId, 'a count of replications');
  if (replications !== undefined) run.replications = replications;
  const seed = bpsimNumber(scenarioParams, 'seed', 'ScenarioParameters seed', scenarioId, 'a whole number');
  if (seed !== undefined) run.seed = seed;
  if (typeof bpsimStart === 'string') run.start = bpsimStart;
  else if (firstQbp?.attrs.startDateTime) {
    const monday = mondayBefore(firstQbp.attrs.startDateTime);
    if (monday === null)
      qbpProblem(
        firstQbp,
        firstQbp.attrs.id ?? null,
        `QBP startDateTime '${firstQbp.attrs.startDateTime}' is not a date and time (xs:dateTime)`,
      );
    else {
      run.start = monday.start;
      cameFrom('run.start', firstQbp.attrs.id);
      const stream = qbpStreams.get(firstQbp);
      if (monday.hoursAfter > 0)
        warnings.push(
          `QBP startDateTime '${firstQbp.attrs.startDateTime}' is ${Math.round(monday.hoursAfter * 100) / 100} h after a Monday 00:00: the scenario's time 0 is that Monday (run.start ${monday.start}), where its calendars' weeks begin, ${stream === undefined ? "so its arrivals begin that much earlier than BIMP's" : `and its arrivals begin that much after it (arrivals.${stream.index}.after), as BIMP's begin at the startDateTime`}`,
        );
    }
  }

  for (const [id, t] of qbpTimetables)
    if (!qbpHoursOf.has(id))
      warnings.push(`QBP timetable '${t.attrs.name || id}' is not read: no resource works on it (etomsim's arrivals follow no calendar)`);
  for (const [id, q] of qbpElements)
    if (!qbpRead.has(q) && qbpChild(q, 'durationDistribution'))
      warnings.push(`QBP parameters of '${id}' are not read: it is not a task etomsim simulates`);
  for (const [id, f] of qbpFlows)
    if (!qbpRead.has(f) && Number(f.attrs.executionProbability) !== 1)
      warnings.push(
        `QBP executionProbability ${f.attrs.executionProbability} of sequence flow '${id}' is not read: the flow does not leave an exclusive decision`,
      );
  if (bpsimScenario)
    append(
      warnings,
      unreadBpsimWarnings(bpsimScenario, looked, (e, local) => isType(e, 'bpsim', local)),
    );
  if (problems.length > 0) throw new InvalidBpmn(toldProblems(problems));
  const named =
    (etomsimScenario?.name as string | undefined) ?? (bpsimScenario?.name as string | undefined) ?? (defs.name as string | undefined) ?? '';
  const name = scenarioNameFrom(named) || 'Imported BPMN'; // a modeller's name on two lines is one line here
  const doc: ScenarioDoc = { name };
  const description = etomsimScenario?.description;
  if (typeof description === 'string') doc.description = description;
  doc.time_unit = 'hours';
  const currency = scenarioParams?.baseCurrencyUnit;
  const qbpCurrency = firstQbp?.attrs.currency?.trim();
  if (typeof currency === 'string') doc.currency = currency;
  else if (qbpCurrency) {
    if (Intl.supportedValuesOf('currency').includes(qbpCurrency)) doc.currency = qbpCurrency;
    else warnings.push(`QBP currency '${qbpCurrency}' is not an ISO 4217 code etomsim knows: left out (costs are in cost units)`);
  }
  doc.run = run;
  if (Object.keys(calendars).length > 0) doc.calendars = calendars;
  doc.resources = resourcesDoc;
  doc.arrivals = arrivals;
  doc.flows = flows;
  return { doc, warnings, placeholders, notes, elements };
}

const hasId = (e: ModdleElement) => typeof e.id === 'string' && e.id !== '';
const kind = (e: ModdleElement) => e.$type.replace(/^bpmn:/, '');

type Held = { element: ModdleElement; within: ModdleElement | null; place: string | null };

/**
 * The process's elements without an id: the process, its flow elements and those of each
 * sub-process in it (nested ones too) in document order, then its lanes with neither id nor name (a
 * lane's name names its team, as files without lane ids imported before); each with the sub-process
 * that holds it (null: the process does) and the id of the nearest sub-process holding it that
 * has one (null: none has), where it is told.
 */
function idless(proc: ModdleElement, flowElementsOf: (e: ModdleElement) => ModdleElement[]): Held[] {
  const found: Held[] = [];
  if (!hasId(proc)) found.push({ element: proc, within: null, place: null });
  // a stack, not recursion: sub-processes nest as deep as the file does
  const stack: Held[] = [];
  // per element, the place told of what it holds (its lanes among them)
  const placeOf = new Map<ModdleElement, string | null>([[proc, null]]);
  const pushAll = (holder: ModdleElement, within: ModdleElement | null, place: string | null) => {
    const elements = flowElementsOf(holder);
    for (let i = elements.length - 1; i >= 0; i--) stack.push({ element: elements[i], within, place });
  };
  pushAll(proc, null, null);
  while (stack.length > 0) {
    const held = stack.pop()!;
    if (!hasId(held.element)) found.push(held);
    const place = hasId(held.element) ? held.element.id! : held.place;
    placeOf.set(held.element, place);
    pushAll(held.element, held.element, place);
  }
  for (const { lane, holder } of lanesOf(proc))
    if (!hasId(lane) && !lane.name)
      // a named one is its team's name
      found.push({ element: lane, within: holder === proc ? null : holder, place: placeOf.get(holder) ?? null });
  return found;
}

/**
 * The process's lanes, each before the lanes of its childLaneSet (BPMN's lanes within a lane), in
 * document order, then those of each sub-process (its own laneSet), an outer one's before those of
 * the sub-processes it holds: a lane comes after every lane it lies within, so the last lane that
 * lists a node is the innermost. Each with its holder: the process or sub-process whose laneSet it lies in. Stacks, not recursion: lanes and sub-processes nest as deep as a file writes them.
 */
function lanesOf(proc: ModdleElement): { lane: ModdleElement; holder: ModdleElement }[] {
  const found: { lane: ModdleElement; holder: ModdleElement }[] = [];
  const setLanes = (set: ModdleElement | undefined) => (set?.lanes as ModdleElement[] | undefined) ?? [];
  const holders: ModdleElement[] = [];
  const inside = [proc];
  while (inside.length > 0) {
    const holder = inside.pop()!;
    holders.push(holder);
    const held = (holder.flowElements as ModdleElement[] | undefined) ?? [];
    for (let i = held.length - 1; i >= 0; i--) if (Array.isArray(held[i].flowElements)) inside.push(held[i]);
  }
  for (const holder of holders) {
    const stack = ((holder.laneSets as ModdleElement[] | undefined) ?? []).flatMap(setLanes).reverse();
    while (stack.length > 0) {
      const lane = stack.pop()!;
      found.push({ lane, holder });
      const inner = setLanes(lane.childLaneSet as ModdleElement | undefined);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
  }
  return found;
}

/**
 * An etomsim:arrival as a stream of the scenario; null when its interarrival is not read (`json`
 * reads an attribute's JSON and tells the problem where it is not etomsim's; `report` tells one of
 * an exponential rate="true" whose mean makes no rate).
 */
function arrivalDoc(
  flow: string,
  x: ModdleElement,
  calendarName: (written: string) => string,
  json: <T>(text: unknown, attribute: string, shape: JsonShape<T>) => T | undefined,
  report: (message: string) => void,
): ScenarioDoc | null {
  const interarrival = json(x.interarrival, 'interarrival', DISTRIBUTION);
  const profile = x.profile === undefined ? undefined : json(x.profile, 'profile', PROFILE);
  if (interarrival === undefined) return null;
  const doc: ScenarioDoc = { flow };
  // a rate is an unshifted exponential's: a shifted one is kept as an interarrival, its shift with it
  const asRate = x.rate === 'true' && interarrival.kind === 'exponential' && interarrival.shift === undefined;
  // told as written: as a rate, a mean of -5 was "found '-0.2/h'", a value the file never gave
  if (asRate && !(interarrival.mean > 0)) {
    report(
      `interarrival of etomsim:arrival with rate="true": its exponential mean (hours) must be above 0 to give a rate; found ${interarrival.mean}`,
    );
    return null;
  }
  // said in the file's words: the scenario's own advice ("write rate: N/h") names YAML the file does not hold (s39e)
  if (profile !== undefined && !asRate) {
    const written = [
      x.rate === 'true' ? null : x.rate === undefined ? 'no rate attribute' : `rate="${String(x.rate)}"`,
      interarrival.kind !== 'exponential' ? `a ${interarrival.kind} interarrival` : interarrival.shift === undefined ? null : 'a shift',
    ].filter((w) => w !== null);
    report(
      `profile of etomsim:arrival scales a rate over the week, so it needs rate="true" and an exponential interarrival (its mean in hours); found ${written.join(' and ')}: write those, or remove profile`,
    );
    return null;
  }
  if (asRate) doc.rate = `${1 / interarrival.mean}/h`;
  else doc.interarrival = distributionDoc(interarrival);
  if (profile !== undefined) {
    doc.profile = {
      days: Object.fromEntries(WEEKDAYS.map((d, i) => [d, profile.days[i]])),
      hours: profile.hours,
    };
  }
  if (x.calendar !== undefined) doc.calendar = calendarName(String(x.calendar));
  if (x.priority !== undefined && numberOrText(String(x.priority)) !== 0) doc.priority = numberOrText(String(x.priority));
  if (x.after !== undefined) doc.after = numberOrText(String(x.after));
  if (x.cases !== undefined) doc.cases = numberOrText(String(x.cases));
  return doc;
}

/** A distribution in the scenario format's words (hours as bare numbers). */
export function distributionDoc(d: DistSpec): Json {
  const family = familyDoc(d);
  return 'shift' in d && d.shift !== undefined ? { ...(family as Record<string, Json>), shift: d.shift } : family;
}

function familyDoc(d: DistSpec): Json {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'exponential':
      return { exponential: { mean: d.mean } };
    case 'uniform':
      return { uniform: { min: d.min, max: d.max } };
    case 'triangular':
      return { triangular: { min: d.min, mode: d.mode, max: d.max } };
    case 'normal':
      return { normal: { mean: d.mean, sd: d.sd } };
    case 'lognormal':
      return { lognormal: { mean: d.mean, sd: d.sd } };
    case 'gamma':
      return { gamma: { mean: d.mean, sd: d.sd } };
    case 'erlang':
      return { erlang: { k: d.k, mean: d.mean } };
    case 'weibull':
      return { weibull: { shape: d.shape, scale: d.scale } };
    case 'empirical':
      return { empirical: d.values };
  }
}

/**
 * A BPSim distribution or parameter element, in hours; a message when it is not one etomsim
 * has or lacks a number it needs. `note` is told what the reading leaves out (a truncated
 * normal's bounds).
 */
function bpsimDistribution(e: ModdleElement, prefix: string, unit: number, id: string, note: (text: string) => void): DistSpec | string {
  const local = e.$type.startsWith(`${prefix}:`) ? e.$type.slice(prefix.length + 1) : e.$type;
  const missing: string[] = [];
  /** An attribute as a number (XML Schema's INF and -INF included), in hours when `scaled`. */
  const number = (key: string, scaled = true) => {
    const v = xsdDouble(e[key]);
    if (!Number.isFinite(v)) missing.push(key);
    return scaled ? v * unit : v;
  };
  const read = (): DistSpec | string => {
    switch (local) {
      case 'FloatingParameter':
      case 'NumericParameter':
        return { kind: 'constant', value: number('value') };
      case 'DurationParameter': {
        const value = isoDurationHours(String(e.value));
        return Number.isNaN(value) ? `BPSim DurationParameter of '${id}': ${notIsoDuration(String(e.value))}` : { kind: 'constant', value };
      }
      case 'NegativeExponentialDistribution': // BPSim's name
      case 'ExponentialDistribution': // what etomsim's export-bpmn wrote before it used BPSim's name
        return { kind: 'exponential', mean: number('mean') };
      case 'UniformDistribution':
        return { kind: 'uniform', min: number('min'), max: number('max') };
      case 'TriangularDistribution':
        return { kind: 'triangular', min: number('min'), mode: number('mode'), max: number('max') };
      case 'TruncatedNormalDistribution': {
        // etomsim's normal is truncated at 0 (resampled while negative); other bounds are said, not silently dropped
        const min = xsdDouble(e.min);
        const max = xsdDouble(e.max);
        const bounds = [min > 0 ? `min ${e.min}` : null, max < Infinity ? `max ${e.max}` : null].filter((b) => b !== null);
        if (bounds.length > 0)
          note(
            `BPSim TruncatedNormalDistribution of '${id}': its bounds (${bounds.join(', ')}) are not modelled; etomsim's normal is resampled while negative only`,
          );
        return { kind: 'normal', mean: number('mean'), sd: number('standardDeviation') };
      }
      case 'NormalDistribution':
        return { kind: 'normal', mean: number('mean'), sd: number('standardDeviation') };
      case 'LogNormalDistribution':
        return { kind: 'lognormal', mean: number('mean'), sd: number('standardDeviation') };
      case 'GammaDistribution': {
        const shape = number('shape', false);
        const scale = number('scale');
        return { kind: 'gamma', mean: shape * scale, sd: Math.sqrt(shape) * scale };
      }
      case 'ErlangDistribution':
        return { kind: 'erlang', k: number('k', false), mean: number('mean') };
      case 'WeibullDistribution':
        return { kind: 'weibull', shape: number('shape', false), scale: number('scale') };
      case 'EnumParameter': {
        const values = (e.$children ?? []).map((c) => xsdDouble(c.value) * unit);
        if (!values.every(Number.isFinite)) missing.push('value');
        return { kind: 'empirical', values };
      }
      case 'UserDistribution':
        return userDistribution(e, unit, id);
      default:
        return `BPSim ${local} is not a distribution etomsim has`;
    }
  };
  const spec = read();
  if (typeof spec !== 'string' && missing.length > 0) return `BPSim ${local} of '${id}' has no ${missing[0]} (a number is needed)`;
  return spec;
}

/** The most repeats of a value an empirical list gets for a UserDistribution's weights. */
const MOST_REPEATS = 1000;

/**
 * A discrete UserDistribution (points, each a probability and a value) as etomsim's empirical
 * choice, which is uniform among its values: each value repeated m x its probability times, for
 * the least m up to MOST_REPEATS that makes every count whole (the same law, exactly); a message
 * when it is continuous or no such m exists.
 */
function userDistribution(e: ModdleElement, unit: number, id: string): DistSpec | string {
  if (String(e.discrete).trim() !== 'true')
    return `BPSim UserDistribution of '${id}' is continuous (discrete is not true): etomsim has no piecewise distribution`;
  const points = (e.$children ?? []).filter((c) => c.$type.endsWith(':UserDistributionDataPoint'));
  const weights = points.map((p) => xsdDouble(p.probability));
  const values = points.map((p) => xsdDouble(p.$children?.find((c) => !c.$type.endsWith(':ResultRequest'))?.value) * unit);
  if (points.length === 0 || !weights.every((w) => w >= 0 && Number.isFinite(w)) || !values.every(Number.isFinite))
    return `BPSim UserDistribution of '${id}' needs points, each with a probability and a number`;
  const total = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) return `BPSim UserDistribution of '${id}': its probabilities add up to ${total}; they must add up to 1`;
  for (let m = 1; m <= MOST_REPEATS; m++) {
    const counts = weights.map((w) => Math.round(w * m));
    if (!counts.every((c, i) => Math.abs(c - weights[i] * m) <= 1e-9 * m)) continue;
    const list: number[] = [];
    counts.forEach((c, i) => {
      for (let k = 0; k < c; k++) list.push(values[i]);
    });
    return { kind: 'empirical', values: list };
  }
  return `BPSim UserDistribution of '${id}': its probabilities are not whole multiples of 1/m for any m up to ${MOST_REPEATS} (finer than 1/${MOST_REPEATS}); etomsim's empirical choice is uniform among the values it lists`;
}

/**
 * An etomsim attribute's number, or its text where it is none (or not finite): the scenario's
 * validation then quotes what the file says ("found 'abc'"), where Number() gave it NaN or
 * Infinity to quote ("found NaN" for after="abc", "found Infinity" for cases="1e999": s34y F14).
 */
function numberOrText(text: string): number | string {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : text;
}

/** xs:double's lexical form of a finite number (XML Schema 1.1, 3.3.5): what Number() also reads as 0x10, 0b11, 0o7 or Infinity is not one. */
const XSD_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** An xs:double attribute (whitespace collapsed): a number, INF, -INF; NaN for anything else or nothing. */
function xsdDouble(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const t = text.trim();
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  return XSD_DECIMAL.test(t) ? Number(t) : NaN;
}

function notIsoDuration(text: string): string {
  return `'${text}' is not an ISO 8601 duration in weeks, days, hours, minutes and seconds (months and years vary in length)`;
}

/**
 * Every BPSim parameter the import did not look at, in document order, as a warning naming it
 * and its element: a set-up time, a trigger count, a queue limit... change results elsewhere,
 * and etomsim has no place for them.
 */
function unreadBpsimWarnings(
  scenario: ModdleElement,
  looked: Set<ModdleElement>,
  isBpsim: (e: ModdleElement, local: string) => boolean,
): string[] {
  const out: string[] = [];
  const localName = (e: ModdleElement) => e.$type.slice(e.$type.indexOf(':') + 1);
  // a parameter holding only ResultRequests asks for output: it changes nothing etomsim would simulate
  const unread = (e: ModdleElement) =>
    e.$type.includes(':') && !looked.has(e) && (e.$children ?? []).some((c) => !isBpsim(c, 'ResultRequest'));
  for (const holder of scenario.$children ?? []) {
    if (isBpsim(holder, 'ScenarioParameters')) {
      for (const p of (holder.$children ?? []).filter(unread))
        out.push(`BPSim ScenarioParameters/${localName(p)} is not read: etomsim has no equivalent, the scenario leaves it out`);
    } else if (isBpsim(holder, 'ElementParameters')) {
      for (const group of holder.$children ?? [])
        for (const p of (group.$children ?? []).filter(unread))
          out.push(
            `BPSim ${localName(group)}/${localName(p)} of '${String(holder.elementRef)}' is not read: etomsim has no equivalent, the scenario leaves it out`,
          );
    }
  }
  return out;
}

const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Weekly periods from iCalendar events (RFC 5545) that repeat every week: DTSTART and DTEND
 * give the hours, RRULE:FREQ=WEEKLY its BYDAY the days (else DTSTART's own). Null when an
 * event is anything else.
 */
function iCalendarPeriods(text: string): WeeklyPeriod[] | null {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const events = unfolded.split(/BEGIN:VEVENT/).slice(1);
  if (events.length === 0) return null;
  const periods: WeeklyPeriod[] = [];
  for (const event of events) {
    const field = (name: string) => new RegExp(`^${name}(?:;[^:\\n]*)?:(.*)$`, 'm').exec(event)?.[1]?.trim();
    const start = icalTime(field('DTSTART'));
    const end = icalTime(field('DTEND'));
    const rule = field('RRULE');
    if (start === null || end === null || end <= start || !rule || !/FREQ=WEEKLY/.test(rule)) return null;
    const byDay = /BYDAY=([A-Z,]+)/.exec(rule)?.[1].split(',') ?? [ICAL_DAYS[(new Date(start).getUTCDay() + 6) % 7]];
    const hour = (new Date(start).getUTCHours() * 60 + new Date(start).getUTCMinutes()) / 60;
    const length = (end - start) / 3_600_000;
    for (const day of byDay) {
      const d = ICAL_DAYS.indexOf(day);
      if (d < 0 || length > 24) return null;
      periods.push({ start: d * 24 + hour, end: d * 24 + hour + length });
    }
  }
  // days outermost, as a calendar's periods are listed
  return periods.sort((a, b) => Math.floor(a.start / 24) - Math.floor(b.start / 24) || a.start - b.start);
}

/**
 * 20260105T080000Z or 20260105T080000 (read as written: a shift's wall-clock time) in ms; null
 * when no such day or time (20260230, 25:00; a second of 60 is RFC 5545's leap second): the day
 * by calendarDay, as Date.UTC rolled 30 February into March and read years 0000-0099 as
 * 1900-1999, whose weekdays are others.
 */
function icalTime(text: string | undefined): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/.exec(text ?? '');
  const day = m ? calendarDay(+m[1], +m[2], +m[3]) : null;
  if (m === null || day === null || +m[4] > 23 || +m[5] > 59 || +m[6] > 60) return null;
  return day + ((+m[4] * 60 + +m[5]) * 60 + +m[6]) * 1000;
}

/** ISO 8601 durations (PT30M, P1DT2H) in hours. */
function isoDurationHours(text: string): number {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    text.trim(),
  );
  if (!m) return NaN;
  const [, w = '0', d = '0', h = '0', mi = '0', s = '0'] = m;
  return Number(w) * HOURS_PER_WEEK + Number(d) * 24 + Number(h) + Number(mi) / 60 + Number(s) / 3600;
}

/** Weekly periods back to `days` and `hours`: every day has the same ranges (how calendars are written). */
function calendarDoc(periods: WeeklyPeriod[]): ScenarioDoc | null {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const clock = (h: number) => clockOfDay(((h % 24) + 24) % 24);
  // an end at midnight is "24:00": "00:00-00:00" is refused (a whole day is "00:00-24:00"), and "16:00-00:00" reads as a night
  const end = (h: number) => (clock(h) === '00:00' ? '24:00' : clock(h));
  const dayOf = periods.map((p) => Math.floor(p.start / 24));
  const used = [...new Set(dayOf)];
  const ranges = periods.filter((_, i) => dayOf[i] === used[0]).map((p) => `${clock(p.start)}-${end(p.end)}`);
  const rebuilt = used.flatMap((d) => ranges.map((r) => `${d}:${r}`));
  const actual = periods.map((p, i) => `${dayOf[i]}:${clock(p.start)}-${end(p.end)}`);
  if (rebuilt.join() !== actual.join()) return null;
  return { days: used.map((d) => days[d]), hours: ranges.length === 1 ? ranges[0] : ranges };
}

/**
 * Unique scenario names from what people write ("Check order" -> check_order), and the one map
 * from what was written to the name given, through which every reference to a name goes (a
 * team's calendar, a pool's teams, a KPI's from and to). A text that is already a scenario name
 * (`_ops`, `__proto__`, etomsim's own export) is kept as it is, unless another took it: the
 * round trip of etomsim's files gives back their names, where stripping underscores renamed
 * `_ops` to `ops` and `__proto__` to `proto` and left the references to them dangling (s32x
 * finding 6).
 */
class Names {
  private readonly taken = new Set<string>();
  /** what was written -> the name given it (the first, for a text given twice) */
  private readonly given = new Map<string, string>();

  of(text: string): string {
    return this.given.get(text) ?? this.fresh(text);
  }

  /** A name from `text` that no other takes, even one from the same text. */
  fresh(text: string): string {
    let base = isName(text)
      ? text
      : text
          .trim()
          .replace(/[^A-Za-z0-9_-]+/g, '_')
          .replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    if (base === '_' || base === 'baseline') base = `${base}_`;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    if (!this.given.has(text)) this.given.set(text, name);
    return name;
  }

  /** Whether some name was given for `text`. */
  known(text: string): boolean {
    return this.given.has(text);
  }

  /** The name a reference written as `text` means: the one given for that text; the text itself for none (validation then tells it). */
  ref(text: string): string {
    return this.given.get(text) ?? text;
  }
}

/** BPSim 1.0 (jBPM and the Eclipse BPMN2 Modeler write it): the elements and attributes etomsim reads are the same as 2.0's. */
const BPSIM_1_NS = 'http://www.bpsim.org/schemas/1.0';

function namespacePrefixes(defs: ModdleElement): { bpsim?: string; etomsim?: string } {
  const out: { bpsim?: string; etomsim?: string } = {};
  for (const [key, value] of Object.entries(defs.$attrs ?? {})) {
    if (!key.startsWith('xmlns:')) continue;
    if (value === NS.bpsim || value === BPSIM_1_NS) out.bpsim = key.slice(6);
    if (value === NS.etomsim) out.etomsim = key.slice(6);
  }
  return out;
}

/**
 * Each sequence flow listed among its source's outgoing and its target's incoming flows, where
 * the file leaves it out: BPMN 2.0's XML makes a flow node's <incoming> and <outgoing> optional
 * (a sequence flow's sourceRef and targetRef say the same, and are required), and a file written
 * without them (valid, from a tool or a script that writes none) was refused as a start event
 * with no outgoing sequence flow. A flow already listed is not listed twice; order is the file's,
 * then the document's for those added. `elements`: the file's, in document order (findAll), which
 * the lists added leave as they are (findAll walks no incoming or outgoing).
 */
function linkFlowNodes(elements: readonly ModdleElement[]): void {
  // each node's list and the flows in it, made once a node and side: a gateway into 20,000 tasks was
  // 20,000 copies of a growing list (28 s of CPU at 20,000 flows from one node, s45f)
  const lists = new Map<ModdleElement, { outgoing?: Set<ModdleElement>; incoming?: Set<ModdleElement> }>();
  const link = (node: unknown, side: 'outgoing' | 'incoming', flow: ModdleElement) => {
    if (typeof node !== 'object' || node === null) return; // an unresolved reference: told as such
    const e = node as ModdleElement;
    let sides = lists.get(e);
    if (sides === undefined) lists.set(e, (sides = {}));
    let listed = sides[side];
    if (listed === undefined) {
      e[side] = Array.isArray(e[side]) ? [...(e[side] as ModdleElement[])] : [];
      listed = sides[side] = new Set(e[side] as ModdleElement[]);
    }
    if (listed.has(flow)) return;
    listed.add(flow);
    (e[side] as ModdleElement[]).push(flow);
  };
  for (const flow of elements) {
    if (flow.$type !== 'bpmn:SequenceFlow') continue;
    link(flow.sourceRef, 'outgoing', flow);
    link(flow.targetRef, 'incoming', flow);
  }
}

/**
 * Every element below `root` that passes `test`, in document order (depth first, each once).
 * A stack of its own, not recursion: sub-processes nest as deep as a file writes them, and
 * thousands of levels would overflow the call stack.
 */
function findAll(root: ModdleElement, test: (e: ModdleElement) => boolean): ModdleElement[] {
  const out: ModdleElement[] = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const children: unknown[] = Array.isArray(value) ? value : [];
    if (!Array.isArray(value)) {
      const e = value as ModdleElement;
      if (typeof e.$type === 'string' && test(e)) out.push(e);
      for (const [k, v] of Object.entries(e))
        if (k !== '$parent' && !k.endsWith('Ref') && k !== 'flowNodeRef' && k !== 'incoming' && k !== 'outgoing') children.push(v);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]); // the first child is taken next
  }
  return out;
}

/**
 * A parser problem, in a file that declares BIMP's (QBP) namespace (`qbp`: its prefixes;
 * `asDefault`: as an element's default namespace, which bpmn-moddle names by a prefix of its own,
 * ns0, so the element is told by its unprefixed tag in the text), that
 * is BIMP's simulation parameters: its qbp:processSimulationInfo, which bpmn-moddle does not
 * know ('' when import-bpmn reads it itself, `read`; else a warning that it is not read), and
 * the <documentation> it writes with an id that is not an XML ID (its JSON copy of them, a
 * warning). Null for any other problem.
 */
function foreignSimulation(p: BpmnProblem, places: TextPlaces, qbp: Set<string>, asDefault: boolean, read: boolean): string | null {
  const element = /unrecognized element <([\w.-]+):processSimulationInfo>/.exec(p.message);
  const unprefixed = element !== null && asDefault && /<processSimulationInfo\b/.test(places.lineText(p.line));
  if (element !== null && (qbp.has(element[1]) || unprefixed))
    return read
      ? ''
      : `line ${p.line}: ${unprefixed ? '' : `${element[1]}:`}processSimulationInfo, BIMP's (QBP) simulation parameters, is not read: the processing times, probabilities, arrivals and teams it gives are placeholders here; supply them, or give them as BPSim`;
  if (
    /^unparsable content <(\w+:)?documentation> detected: illegal ID </.test(p.message) &&
    /<(\w+:)?documentation\b/.test(places.lineText(p.line))
  )
    return `line ${p.line}: a <documentation> with an id that is not an XML ID (BIMP's JSON copy of its simulation parameters) is not read`;
  return null;
}

/** The places the parser could not read up to where it stopped, and that one, the file refused there. */
function warningsPast(places: TextPlaces, past: WarningsPast): BpmnProblem[] {
  // those before told as any problems are (the budget may place more than PROBLEMS_TOLD); the stop always
  const problems = toldProblems(past.warnings.filter((w) => /\bline: \d/.test(w.message)).map((w) => parserProblem(places, w.message)));
  const last = parserProblem(places, past.last.message);
  const { warnings, lines } = past.budget;
  problems.push({
    ...last,
    message: `${last.message}; etomsim stops reading the file here: it has more than ${wholeNumber(warnings)} places the parser cannot read, or they lie on more than ${wholeNumber(lines)} lines in all (the parser counts the lines from the start of the file to place each one, which for many takes minutes)`,
  });
  return problems;
}

/** The parser's message (line and column are 0-based in it) as a problem, with the element's id when the text has one there. */
function parserProblem(places: TextPlaces, message: string): BpmnProblem {
  const line = /line: (\d+)/.exec(message);
  const col = /column: (\d+)/.exec(message);
  const first = message.split('\n')[0];
  const nested = /nested error: (.*)/.exec(message)?.[1];
  const l = line ? Number(line[1]) + 1 : 1;
  const c = col ? Number(col[1]) + 1 : 1;
  const text = places.lineText(l);
  const id = /id="([^"]*)"/.exec(text.slice(Math.max(0, c - 1)))?.[1] ?? null;
  const what = first.startsWith('failed to parse document as <bpmn:Definitions>')
    ? 'not a BPMN 2.0 document (its root is not bpmn:definitions in the BPMN 2.0 namespace)'
    : `${first}${nested ? `: ${nested}` : ''}`;
  return { line: l, col: c, id, message: what };
}

/**
 * The Monday 00:00 on or before an xs:dateTime, in its own offset (run.start's form), and how
 * many hours the date is after it; null when the text is not one.
 */
function mondayBefore(text: string): { start: string; hoursAfter: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) >= 60) return null;
  const back = (new Date(day).getUTCDay() + 6) % 7; // days since Monday
  const monday = new Date(day - back * 86_400_000).toISOString().slice(0, 10);
  const offset = !m[7] || m[7] === '+00:00' || m[7] === '-00:00' ? 'Z' : m[7];
  const hoursAfter = back * 24 + Number(m[4]) + Number(m[5]) / 60 + Number(m[6] ?? 0) / 3600;
  return { start: `${monday}T00:00:00${offset}`, hoursAfter };
}
