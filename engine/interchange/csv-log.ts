// The event log as CSV, one row per task completed inside the horizon, in the column names
// PM4Py and the process-mining tools read without mapping (case:concept:name, concept:name,
// org:resource, org:group, start_timestamp, time:timestamp). A row holds its task's roster
// (or calendar) pauses in `suspensions` (the XES log's suspend and resume events, as ISO 8601
// intervals), so its working time is known from the row alone, and in `units` the unit of each
// working stretch (a task a roster paused may resume on another unit, the one free then): its
// org:resource stays the unit it ended on, as XES's complete event and as the column always
// said, and `units` tells which unit did each stretch. One row per stretch would make the row a stretch, not the task that the
// columns (enabled_timestamp, cost:total) and the readers take it for. Text cells are neutralised against
// formula injection like every CSV etomsim writes. Invariant: memory holds the pauses of the
// tasks in progress only.
import { csvField } from '../io/cells.js';
import { isoInstant } from './log-dates.js';
import type { EventLogWriter, LogContext, LogEvent } from './log-events.js';
import { FileSink } from './file-sink.js';

export const CSV_LOG_COLUMNS = [
  'case:concept:name',
  'concept:name',
  'org:resource',
  'org:group',
  'enabled_timestamp',
  'start_timestamp',
  'time:timestamp',
  'lifecycle:transition',
  'etom',
  'flow',
  'variant',
  'replication',
  'warmup',
  'cost:total',
  'suspensions',
  'units',
] as const;

/** Columns of CSV_LOG_COLUMNS that an older etomsim's CSV log lacks: its header is etomsim's without them (csv-log-reader.ts). */
export const LATER_CSV_LOG_COLUMNS: ReadonlySet<string> = new Set(['units']);

export class CsvLogWriter implements EventLogWriter {
  private readonly sink: FileSink;
  private replication = 0;
  /** per task in progress (case and activity): its pauses so far, as `FROM/TO` texts, the one it is in, and the unit of each stretch before a pause */
  private readonly paused = new Map<string, { done: string[]; since: number; units: string[] }>();

  constructor(
    path: string,
    private readonly context: LogContext,
  ) {
    this.sink = new FileSink(path);
    this.sink.write(CSV_LOG_COLUMNS.join(',') + '\n');
  }

  beginReplication(replication: number): void {
    this.replication = replication;
  }

  event(e: LogEvent): void {
    const at = (instant: number) => isoInstant(this.context.start, instant);
    const key = `${e.caseId}\u0000${e.activity}`;
    if (e.lifecycle === 'suspend') {
      const p = this.paused.get(key);
      if (p) {
        p.since = e.time;
        p.units.push(e.unit ?? '');
      } else this.paused.set(key, { done: [], since: e.time, units: [e.unit ?? ''] });
      return;
    }
    if (e.lifecycle === 'resume') {
      const p = this.paused.get(key);
      if (p) p.done.push(`${at(p.since)}/${at(e.time)}`);
      return;
    }
    if (e.lifecycle !== 'complete') return; // a row holds the whole task: its start is a column
    const pauses = this.paused.get(key);
    if (pauses) this.paused.delete(key);
    const row = [
      e.caseId,
      e.activity,
      e.unit, // the unit it ended on, as XES's complete event (the column's meaning since it was written: `units` has every one)
      e.team,
      at(e.enabled),
      at(e.start),
      at(e.time),
      'complete',
      e.etom,
      e.flow,
      this.context.variant,
      this.replication + 1,
      e.warmup,
      e.cost,
      pauses ? pauses.done.join(';') : '',
      pauses && e.team !== null ? [...pauses.units, e.unit ?? ''].join(';') : '', // an automated task on a calendar pauses with no unit
    ];
    this.sink.write(row.map(csvField).join(',') + '\n');
  }

  caseEnd(caseId: string): void {
    // a cancelled case's paused task never completes
    if (this.paused.size > 0) for (const key of this.paused.keys()) if (key.startsWith(`${caseId}\u0000`)) this.paused.delete(key);
  }

  caseOpen(): void {} // rows are completed tasks

  endReplication(): void {
    this.paused.clear(); // tasks in progress at the horizon have no row
  }

  close(): void {
    this.sink.close();
  }
}
