// The event log as XES (IEEE 1849): one <trace> per case, with a `start` and a `complete`
// event per task, the concept, lifecycle, org, time and cost extensions declared. Traces are
// written as cases end (and, at the horizon, the cases still open, in order of their first
// event), so memory holds only the open cases' events. Dates are in UTC, as the standard
// requires.
import type { EventLogWriter, LogContext, LogEvent } from './log-events.js';
import { FileSink } from './file-sink.js';
import { isoInstant } from './log-dates.js';
import { xmlText } from './xml-text.js';

const EXTENSIONS = [
  ['Concept', 'concept'],
  ['Lifecycle', 'lifecycle'],
  ['Organizational', 'org'],
  ['Time', 'time'],
  ['Cost', 'cost'],
] as const;

const attr = (type: string, key: string, value: string) => `<${type} key="${key}" value="${xmlText(value)}"/>`;

export class XesLogWriter implements EventLogWriter {
  private readonly sink: FileSink;
  private replication = 0;
  /** the open cases' events, by case name, in arrival order of their first event (at the horizon, those that never started a task after them); arrival NaN until told */
  private readonly open = new Map<string, { flow: string; events: string[]; arrival: number }>();

  constructor(
    path: string,
    private readonly context: LogContext,
    scenarioName: string,
  ) {
    this.sink = new FileSink(path);
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
      ...EXTENSIONS.map(
        ([name, prefix]) => `  <extension name="${name}" prefix="${prefix}" uri="http://www.xes-standard.org/${prefix}.xesext"/>`,
      ),
      '  <global scope="trace">',
      `    ${attr('string', 'concept:name', 'UNKNOWN')}`,
      '  </global>',
      '  <global scope="event">',
      `    ${attr('string', 'concept:name', 'UNKNOWN')}`,
      `    ${attr('string', 'lifecycle:transition', 'complete')}`,
      `    ${attr('date', 'time:timestamp', '1970-01-01T00:00:00.000Z')}`,
      '  </global>',
      '  <classifier name="Activity" keys="concept:name"/>',
      '  <classifier name="Activity_lifecycle" keys="concept:name lifecycle:transition"/>',
      `  ${attr('string', 'concept:name', `${scenarioName} (${context.variant})`)}`,
      `  ${attr('string', 'lifecycle:model', 'standard')}`,
      `  ${attr('string', 'variant', context.variant)}`,
      `  ${attr('date', 'run_start', isoInstant(context.start, context.start.epochMs, true))}`,
    ];
    this.sink.write(lines.join('\n') + '\n');
  }

  beginReplication(replication: number): void {
    this.replication = replication;
  }

  event(e: LogEvent): void {
    let trace = this.open.get(e.caseId);
    if (trace === undefined) this.open.set(e.caseId, (trace = { flow: e.flow, events: [], arrival: Number.NaN }));
    const at = (instant: number) => isoInstant(this.context.start, instant, true);
    const parts = [
      attr('string', 'concept:name', e.activity),
      attr('string', 'lifecycle:transition', e.lifecycle),
      attr('date', 'time:timestamp', at(e.time)),
    ];
    if (e.unit !== null) parts.push(attr('string', 'org:resource', e.unit));
    if (e.team !== null) parts.push(attr('string', 'org:group', e.team));
    if (e.etom !== null) parts.push(attr('string', 'etom', e.etom));
    parts.push(attr('date', 'enabled_timestamp', at(e.enabled)));
    if (e.cost !== null) parts.push(attr('float', 'cost:total', String(e.cost)));
    parts.push(attr('boolean', 'warmup', String(e.warmup)));
    trace.events.push(`    <event>\n      ${parts.join('\n      ')}\n    </event>\n`);
  }

  caseEnd(caseId: string, _flow: string, _time: number, cancelled: boolean, arrival: number): void {
    const trace = this.open.get(caseId);
    if (trace !== undefined) trace.arrival = arrival;
    this.writeTrace(caseId, cancelled ? 'cancelled' : 'completed');
  }

  /** A case open at the horizon: its trace is written at endReplication, with no event if it never started a task. */
  caseOpen(caseId: string, flow: string, arrival: number): void {
    const trace = this.open.get(caseId);
    if (trace === undefined) this.open.set(caseId, { flow, events: [], arrival });
    else trace.arrival = arrival;
  }

  endReplication(): void {
    for (const caseId of [...this.open.keys()]) this.writeTrace(caseId, 'open');
  }

  close(): void {
    this.sink.write('</log>\n');
    this.sink.close();
  }

  private writeTrace(caseId: string, status: string): void {
    const trace = this.open.get(caseId);
    if (trace === undefined) return; // a case that ended without a task in the log
    this.open.delete(caseId);
    const head = [
      attr('string', 'concept:name', caseId),
      attr('string', 'flow', trace.flow),
      attr('int', 'replication', String(this.replication + 1)),
      attr('string', 'status', status),
    ];
    if (!Number.isNaN(trace.arrival)) head.push(attr('date', 'arrival', isoInstant(this.context.start, trace.arrival, true)));
    this.sink.write(`  <trace>\n    ${head.join('\n    ')}\n${trace.events.join('')}  </trace>\n`);
  }
}
