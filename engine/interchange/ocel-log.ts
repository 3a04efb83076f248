// The event log as OCEL 2.0 JSON: object-centric, the case (an order, a ticket: its type is
// the flow), the team and the unit are objects; every task start and completion is an
// event related to its case ("case"), its team ("team") and its unit ("performed by"); each
// unit is related to its team ("member of"). Events and case objects are streamed to part
// files as they come and joined into the one JSON document at the end, so memory holds
// neither; team and unit objects (a few per team) are written last.
import { rmSync } from 'node:fs';
import type { EventLogWriter, LogContext, LogEvent } from './log-events.js';
import { FileSink } from './file-sink.js';
import { isoInstant } from './log-dates.js';

/** The object types of a team and of a unit; an object's id is its type, a colon and its name. */
export const TEAM = 'team';
export const UNIT = 'unit';
/**
 * How an event relates to its case, team and unit, and a unit to its team: etomsim writes these
 * and reads them back (ocel-log-reader.ts), so they are said once.
 */
export const QUALIFIER = { case: 'case', team: 'team', unit: 'performed by', memberOf: 'member of' } as const;
/** The event attribute that holds when its task was enabled (written and read back). */
export const ENABLED = 'enabled';

export class OcelLogWriter implements EventLogWriter {
  private readonly events: FileSink;
  private readonly cases: FileSink;
  private eventCount = 0;
  private caseCount = 0;
  private readonly seenCases = new Set<string>(); // the open cases: a case object is written at its first event
  private readonly units = new Map<string, string>(); // unit -> team, in order of first use
  private replication = 0;

  /** `parts`: two scratch paths for the events and the case objects until close() */
  constructor(
    private readonly path: string,
    private readonly context: LogContext,
    parts: [events: string, objects: string],
  ) {
    this.events = new FileSink(parts[0]);
    this.cases = new FileSink(parts[1]);
  }

  beginReplication(replication: number): void {
    this.replication = replication;
  }

  event(e: LogEvent): void {
    if (!this.seenCases.has(e.caseId)) this.writeCase(e.caseId, e.flow, e.time);
    const relationships: { objectId: string; qualifier: string }[] = [{ objectId: e.caseId, qualifier: QUALIFIER.case }];
    if (e.team !== null) relationships.push({ objectId: `${TEAM}:${e.team}`, qualifier: QUALIFIER.team });
    if (e.unit !== null) {
      relationships.push({ objectId: `${UNIT}:${e.unit}`, qualifier: QUALIFIER.unit });
      if (!this.units.has(e.unit)) this.units.set(e.unit, e.team!);
    }
    const attributes: { name: string; value: string | number | boolean }[] = [
      { name: 'lifecycle', value: e.lifecycle },
      { name: ENABLED, value: this.iso(e.enabled) },
      { name: 'warmup', value: e.warmup },
    ];
    if (e.etom !== null) attributes.push({ name: 'etom', value: e.etom });
    if (e.cost !== null) attributes.push({ name: 'cost', value: e.cost });
    const event = { id: `e${++this.eventCount}`, type: e.activity, time: this.iso(e.time), attributes, relationships };
    this.events.write((this.eventCount === 1 ? '' : ',\n') + '    ' + JSON.stringify(event));
  }

  caseEnd(caseId: string): void {
    this.seenCases.delete(caseId);
  }

  /** A case open at the horizon that never started a task is an object too, with no event. */
  caseOpen(caseId: string, flow: string, arrival: number): void {
    if (!this.seenCases.has(caseId)) this.writeCase(caseId, flow, arrival);
  }

  /** The case's object, at its first event (or, without one, its arrival). */
  private writeCase(caseId: string, flow: string, time: number): void {
    this.seenCases.add(caseId);
    const object = { id: caseId, type: flow, attributes: [{ name: 'replication', value: this.replication + 1, time: this.iso(time) }] };
    this.cases.write((this.caseCount++ === 0 ? '' : ',\n') + '    ' + JSON.stringify(object));
  }

  endReplication(): void {
    this.seenCases.clear();
  }

  close(): void {
    this.events.close();
    this.cases.close();
    const { model } = this.context;
    const out = new FileSink(this.path);
    const attribute = (name: string, type: string) => ({ name, type });
    const eventAttributes = [
      attribute('lifecycle', 'string'),
      attribute(ENABLED, 'time'),
      attribute('warmup', 'boolean'),
      attribute('etom', 'string'),
      attribute('cost', 'float'),
    ];
    const activities = [...new Set(model.nodes.filter((n) => n.duration !== null).map((n) => n.name))];
    const objectTypes = [
      ...model.flows.map((f) => ({ name: f.name, attributes: [attribute('replication', 'integer')] })),
      { name: TEAM, attributes: [] },
      { name: UNIT, attributes: [] },
    ];
    const line = (value: unknown) => '    ' + JSON.stringify(value);
    out.write('{\n  "objectTypes": [\n' + objectTypes.map(line).join(',\n') + '\n  ],\n');
    out.write('  "eventTypes": [\n' + activities.map((name) => line({ name, attributes: eventAttributes })).join(',\n') + '\n  ],\n');
    const fixed = [
      ...model.resources.map((r) => ({ id: `${TEAM}:${r.name}`, type: TEAM, attributes: [] })),
      ...[...this.units].map(([unit, team]) => ({
        id: `${UNIT}:${unit}`,
        type: UNIT,
        attributes: [],
        relationships: [{ objectId: `${TEAM}:${team}`, qualifier: QUALIFIER.memberOf }],
      })),
    ];
    out.write('  "objects": [\n' + fixed.map(line).join(',\n') + (this.caseCount > 0 && fixed.length > 0 ? ',\n' : ''));
    out.append(this.cases.path);
    out.write('\n  ],\n  "events": [\n');
    out.append(this.events.path);
    out.write('\n  ]\n}\n');
    out.close();
    rmSync(this.events.path);
    rmSync(this.cases.path);
  }

  private iso(instant: number): string {
    return isoInstant(this.context.start, instant);
  }
}
