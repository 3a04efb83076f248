// The simulated event logs of a run: for each variant, its first replications replayed in
// this thread with a TaskObserver (a replication is a pure function of model, replication
// and seed, so these are exactly the experiment's replications 1..N), written in each
// format asked for as one file per variant. Files are written under the names the caller
// gives (temporary ones, renamed into place with the rest of the output). sql.js is loaded
// only when OCEL SQLite is asked for.
import { compileModel } from '../model/compile.js';
import { runReplicationInSlices, yieldToEventLoop } from '../sim/replicate.js';
import { DEFAULT_MAX_WIP } from '../sim/run-limits.js';
import { DEFAULT_RUN_START } from '../scenario/run-start.js';
import type { Scenario } from '../scenario/types.js';
import { CsvLogWriter } from './csv-log.js';
import { EventLogObserver, type EventLogWriter, type LogContext } from './log-events.js';
import { LOG_FORMATS, type LogFormat } from './log-formats.js';
import { LOG_LIMITS } from './log-limits.js';
import { OcelLogWriter } from './ocel-log.js';
import { OcelSqliteLogWriter } from './ocel-sqlite.js';
import { sqlite } from './sqlite.js';
import { XesLogWriter } from './xes-log.js';
import { eventLogStem } from '../scenario/output-files.js';

/** `ocel` is OCEL 2.0 JSON; `ocel-sqlite` its SQLite form. */
export { LOG_FORMATS, type LogFormat };

/** Each format's file extension. */
const EXTENSION: Record<LogFormat, string> = { csv: 'csv', xes: 'xes', ocel: 'ocel.json', 'ocel-sqlite': 'ocel.sqlite' };

/** The file of a variant's log in a format, relative to the output folder. */
export function logFileName(variant: string, format: LogFormat): string {
  return `${eventLogStem(variant)}.${EXTENSION[format]}`;
}

export interface EventLogRequest {
  variants: { name: string; scenario: Scenario }[];
  formats: readonly LogFormat[];
  replications: number;
  seed: number;
  /** the experiment's work-in-progress cap (engine/sim/run-limits.ts): the replay stops where the run would have */
  maxWip?: number;
  /** where to write each file, and the scratch files of the OCEL writer: (relative name) -> a path to write it to */
  target: (name: string) => string;
  /** the largest OCEL SQLite log written (LOG_LIMITS.sqliteBytes unless lowered) */
  maxSqliteBytes?: number;
}

/** Writes every log; returns the relative names written, in order. */
export async function writeEventLogs(request: EventLogRequest): Promise<string[]> {
  const SQL = request.formats.includes('ocel-sqlite') ? await sqlite() : null;
  const written: string[] = [];
  for (const { name, scenario } of request.variants) {
    const model = compileModel(scenario);
    const context: LogContext = { model, start: scenario.run.start ?? DEFAULT_RUN_START, variant: name };
    const writers: EventLogWriter[] = request.formats.map((format) => {
      const file = logFileName(name, format);
      written.push(file);
      const path = request.target(file);
      if (format === 'csv') return new CsvLogWriter(path, context);
      if (format === 'xes') return new XesLogWriter(path, context, scenario.name);
      if (format === 'ocel-sqlite')
        return new OcelSqliteLogWriter(SQL!, path, context, request.maxSqliteBytes ?? LOG_LIMITS.sqliteBytes, file);
      return new OcelLogWriter(path, context, [request.target(`${file}.events-part`), request.target(`${file}.objects-part`)]);
    });
    for (let r = 0; r < request.replications; r++) {
      for (const w of writers) w.beginReplication(r);
      // in slices, between which the thread answers a stop signal: a long log is not written to its end first
      const observer = new EventLogObserver(context, r, writers);
      await runReplicationInSlices(model, r, request.seed, request.maxWip ?? DEFAULT_MAX_WIP, yieldToEventLoop, { observer });
      observer.endAt(model.horizon);
      for (const w of writers) w.endReplication();
    }
    for (const w of writers) w.close();
  }
  return written;
}
