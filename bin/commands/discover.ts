// `etomsim discover LOG --out scenario.yaml`: a commented, valid scenario from an event log.
// The YAML is read back through the scenario validation before it is written: a discovered
// scenario that would not load is a bug, never a file left for the user to find out.
import { refuseOutputOverInput, writeFileAtomically } from '../../engine/io/atomic.js';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { type EventLog, LogError, type LogNote } from '../../engine/interchange/event-log.js';
import { oneLineText } from '../../engine/io/terminal-text.js';
import { entryRefusal } from '../../engine/interchange/entry-place.js';
import { LIMITS_VARIABLE, LogLimitsError, parseLogLimits } from '../../engine/interchange/log-limits.js';
import { readEventLog, type ReadLogOptions } from '../../engine/interchange/read-log.js';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { EXIT, LocatedInputError, UsageError } from '../errors.js';
import { counted } from '../../engine/plural.js';
import { fixedNumber, wholeNumber } from '../../engine/number-format.js';
import { MAX_RATE_PER_HOUR } from '../../engine/scenario/duration.js';

export interface DiscoverArgs {
  log: string;
  out: string;
  minShare: number;
  read: ReadLogOptions;
  quiet: boolean;
}

export async function discoverCommand(args: DiscoverArgs): Promise<number> {
  refuseOutputOverInput(args.out, args.log);
  const log = await readLogForCommand(args.log, args.read);
  if (log.cases.length < 2) {
    throw new LocatedInputError(
      await entryRefusal(
        args.log,
        log,
        log.row[0],
        `the log has a single case ('${log.cases[0]}'): arrivals, shares and capacities need many`,
        'case',
      ),
    );
  }
  const found = discover(log, { minShare: args.minShare });
  if (found.lastMs === found.firstMs) {
    // a rate over a period of no length: the scenario would run a day of arrivals at a guess
    throw new LocatedInputError(
      await entryRefusal(
        args.log,
        log,
        log.row[0],
        `every case arrives at the same instant (${new Date(found.firstMs).toISOString()}): the log has no period to measure the arrivals over`,
        'case',
      ),
    );
  }
  // a Poisson rate the scenario could not run (its validation's limit; a steady stream writes a gap):
  // the log's arrivals, not a bug of etomsim's
  const tooFast = found.flows.find((f) => f.arrivals.steady === null && f.arrivals.peakRatePerHour > MAX_RATE_PER_HOUR);
  if (tooFast !== undefined) {
    const a = tooFast.arrivals;
    throw new LocatedInputError(
      await entryRefusal(
        args.log,
        log,
        log.row[firstEntry(log)],
        `flow '${tooFast.name}': ${counted(a.cases, 'case')} from ${new Date(a.firstMs).toISOString()} to ${new Date(a.lastMs).toISOString()} arrive at ${wholeNumber(Math.round(a.peakRatePerHour))} an hour at their peak, more than the ${wholeNumber(MAX_RATE_PER_HOUR)} a scenario runs`,
        'case',
      ),
    );
  }
  const yaml = writeScenarioYaml(found, args.log);
  const loaded = loadScenarioText(yaml, args.out);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !loaded.set) {
    throw new Error(`the discovered scenario does not validate:\n${errors.map(formatDiagnostic).join('\n')}`);
  }
  writeFileAtomically(args.out, yaml);
  if (!args.quiet) {
    const steps = loaded.set.baseline.flows.reduce((s, f) => s + f.nodes.length, 0);
    process.stdout.write(
      `${args.log}: ${counted(log.size - found.duplicates, 'activity instance')}, ${counted(log.cases.length, 'case')}, ${counted(log.activities.length, 'activity', 'activities')}${found.startsEstimated ? ' (start times estimated)' : ''}\n`,
    );
    const paused = found.suspensions;
    if (paused.instances > 0)
      process.stdout.write(
        `  ${counted(paused.instances, 'instance')} suspended (${counted(paused.pauses, 'pause')}, ${fixedNumber(paused.hours, 1)} h): durations are their time at work\n`,
      );
    for (const line of noteLines(found.notes)) process.stdout.write(`${line}\n`);
    // said in the scenario's resources too: a console that showed only teams' count (0) left it unsaid
    if (found.teams.basis === 'none')
      process.stdout.write('  no resource or role column: every step is automated (no team, no queueing for people)\n');
    process.stdout.write(
      `wrote ${args.out}: ${counted(loaded.set.baseline.flows.length, 'flow')}, ${counted(steps, 'node')}, ${counted(loaded.set.baseline.resources.length, 'team')}\n`,
    );
  }
  return EXIT.ok;
}

/**
 * The console's lines of a log's notes, one each, indented: what was counted and how the command
 * handled it (`fidelity`: LogNote.compared where the note has one), one line whatever the log's
 * names in it hold (a lifecycle transition's, say).
 */
export function noteLines(notes: readonly LogNote[], command: 'discover' | 'fidelity' = 'discover'): string[] {
  return notes.map((n) =>
    oneLineText(`  ${counted(n.count, n.one, n.kind)}: ${command === 'fidelity' ? (n.compared ?? n.handling) : n.handling}`),
  );
}

/** Bad input in the log (a LogError) exits 2 with its row and column, said as a scenario's problems are; a bad ETOMSIM_LOG_LIMITS as a usage error. */
export async function readLogForCommand(file: string, options: ReadLogOptions) {
  try {
    return await readEventLog(file, { ...options, limits: parseLogLimits(process.env[LIMITS_VARIABLE]) });
  } catch (err) {
    if (err instanceof LogError) throw new LocatedInputError(err.message);
    if (err instanceof LogLimitsError) throw new UsageError(err.message);
    throw err;
  }
}

/** The log's earliest entry (by its start, or its end where it has none): where its period opens. */
function firstEntry(log: EventLog): number {
  let first = 0;
  let firstMs = Infinity;
  for (let e = 0; e < log.size; e++) {
    const ms = Number.isNaN(log.start[e]) ? log.end[e] : log.start[e];
    if (ms < firstMs) {
      firstMs = ms;
      first = e;
    }
  }
  return first;
}
