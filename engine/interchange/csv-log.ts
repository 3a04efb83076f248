// The event log as CSV, one row per task completed inside the horizon, in the column names
// PM4Py and the process-mining tools read without mapping (case:concept:name, concept:name,
// org:resource, org:group, start_timestamp, time:timestamp). Text cells are neutralised
// against formula injection like every CSV etomsim writes.
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
] as const;

export class CsvLogWriter implements EventLogWriter {
  private readonly sink: FileSink;
  private replication = 0;

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
    if (e.lifecycle !== 'complete') return; // a row holds the whole task: its start is a column
    const at = (instant: number) => isoInstant(this.context.start, instant);
    const row = [
      e.caseId,
      e.activity,
      e.unit,
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
    ];
    this.sink.write(row.map(csvField).join(',') + '\n');
  }

  caseEnd(): void {}

  endReplication(): void {}

  close(): void {
    this.sink.close();
  }
}
