// `etomsim fidelity SCENARIO LOG --out DIR`: simulate the scenario over the log's period and
// compare; writes fidelity.json and fidelity.html together, or nothing.
import { activityMatch, arrivalWindow, type Fidelity, fidelity, HANDOVERS_UNAVAILABLE, quoted } from '../../engine/fidelity/fidelity.js';
import { Progress } from '../progress.js';
import { whileStoppable } from '../stop-signals.js';
import { swappedFidelityFiles } from '../../engine/io/file-kind.js';
import type { ReadLogOptions } from '../../engine/interchange/read-log.js';
import { entryRefusal } from '../../engine/interchange/entry-place.js';
import { writeAtomically } from '../../engine/io/atomic.js';
import { fidelityCharts, renderFidelityHtml } from '../../reports/fidelity-html.js';
import { EXIT, LocatedInputError } from '../errors.js';
import { fixed, fixedInterval, oneLogReading, pct } from '../../reports/format.js';
import { fidelityAsShown } from '../../reports/shown-intervals.js';
import { loadForCommand } from '../scenario-input.js';
import { noteLines, readLogForCommand } from './discover.js';
import { restoreV8ForCodeCaches } from '../v8-flags.js';
import { counted } from '../../engine/plural.js';
import { numberedByFirstSeen } from '../../engine/discovery/first-seen.js';
import { fixedNonZero, wholeNumber } from '../../engine/number-format.js';
import { terminalText } from '../../engine/io/terminal-text.js';
import { placedLine, WHOLE_FILE } from '../../engine/io/placed-line.js';

export interface FidelityArgs {
  scenario: string;
  log: string;
  out: string;
  replications?: number;
  seed?: number;
  slaHours: number | null;
  read: ReadLogOptions;
  quiet: boolean;
  /** cases in progress at once at which a replication stops (--max-wip) */
  maxWip?: number;
  /** --min-share: discover's, by which cases under way when the log opens are left out */
  minShare?: number;
}

export async function fidelityCommand(args: FidelityArgs): Promise<number> {
  // the log first and the scenario second: said as such, at the first, before either is read as the other
  const swapped = swappedFidelityFiles(args.scenario, args.log);
  if (swapped !== null) throw new LocatedInputError(placedLine(args.scenario, 1, 1, swapped, WHOLE_FILE));
  // -q keeps an overloaded team's warning: fidelity measures no instability of its own, as run does (its `unstable`)
  const set = loadForCommand(args.scenario, args.quiet, { keepOverload: true });
  // numbered as fidelity() and discover number it (first-seen.ts): the warnings list its activities in one order whatever its rows' order
  const log = numberedByFirstSeen(await readLogForCommand(args.log, args.read));
  const window = arrivalWindow(log);
  if (window.first === window.last)
    // no arrivals to simulate: every measure would be '–' (as discover, which refuses such a log too)
    throw new LocatedInputError(
      await entryRefusal(
        args.log,
        log,
        log.row[0],
        `${log.cases.length === 1 ? `the log has a single case ('${log.cases[0]}')` : `every case arrives at the same instant (${new Date(window.first).toISOString()})`}: fidelity simulates the cases arriving from the log's first case to its last, a period of no length here`,
        'case',
      ),
    );
  const scenario = set.baseline;
  const match = activityMatch(scenario, log);
  if (match.matched.length === 0)
    throw new LocatedInputError(
      await entryRefusal(
        args.log,
        log,
        log.row[0],
        `none of the log's ${counted(log.activities.length, 'activity', 'activities')} is a task of ${args.scenario} (log: ${quoted(log.activities)}; scenario: ${quoted(match.tasks)}): fidelity compares the log's activities with the scenario's tasks that name them (activity), else of the same name (or the name discover gives them); is this the scenario discovered from this log?`,
        'activity',
      ),
    );
  // its replications simulate in this thread under the inlining limit bin/etomsim.cjs lowered as the process started (bin/v8-flags.ts), set back before the page is built
  const progress = new Progress(!args.quiet && process.stderr.isTTY === true);
  // in slices, between which a stop signal is answered: nothing is written yet, and the process exits (bin/stop-signals.ts)
  const stoppable = whileStoppable((signal) => {
    progress.clear();
    // SIGHUP: the terminal is gone, with nothing to read the line; -q: nothing but errors (README, Command line)
    if (signal !== 'SIGHUP' && !args.quiet) process.stderr.write('interrupted: no output written\n');
  });
  let f: Fidelity;
  try {
    f = await fidelity(scenario, scenario.name, log, {
      replications: args.replications ?? scenario.run.replications,
      seed: args.seed ?? scenario.run.seed,
      slaHours: args.slaHours,
      maxWip: args.maxWip,
      minShare: args.minShare,
      match,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.clear(); // before any warning or error message, which would otherwise land on the progress line
    await stoppable(); // let go before the busy stretch of the comparison's files, which a signal then ends at once
    restoreV8ForCodeCaches();
  }
  const json = JSON.stringify(f, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  const shown = fidelityAsShown(f); // the file keeps its intervals as computed
  writeAtomically(
    args.out,
    new Map([
      ['fidelity.json', `${json}\n`],
      ['fidelity.html', renderFidelityHtml(shown, fidelityCharts(shown))],
    ]),
    'fidelity',
  );
  // both directions of the match (engine/fidelity/fidelity.ts' matchWarnings), as fidelity.json holds them
  if (!args.quiet) for (const w of f.warnings) process.stderr.write(`${terminalText(`warning: ${w.message}`)}\n`);
  if (!args.quiet) {
    const c = shown.cycle_time;
    // "[a, b]: fits" -> ", one log [a, b] h: fits"; nothing without the interval
    const oneLog = (reading: string, unit = '') => (reading === '' ? '' : `, one log ${reading.replace(']:', `]${unit}:`)}`);
    process.stdout.write(
      [
        `${args.log} against ${args.scenario}: ${counted(f.log.cases, 'case')}, ${counted(f.replications, 'replication')}`,
        // what the reading saw (mixed clocks, a daylight-saving hour...), and how the comparison takes it where discover's words speak for its fits
        ...noteLines(log.notes, 'fidelity'),
        `cases arriving in the log's window: log ${wholeNumber(f.cases.log)}, simulation ${fixedInterval(shown.cases.simulation, 1)}${oneLog(oneLogReading(f.cases.log, shown.cases.simulation, 1))}`,
        `cases arrived (any event) and cancelled: log ${wholeNumber(f.cases_arrived.log)} and ${wholeNumber(f.cases_cancelled.log)}, simulation ${fixedInterval(shown.cases_arrived.simulation, 1)} and ${fixedInterval(shown.cases_cancelled.simulation, 1)}`,
        `cycle time mean: log ${fixed(c.log.mean)} h, simulation ${fixedInterval(c.simulation.mean)} h${oneLog(oneLogReading(c.log.mean, c.simulation.mean), ' h')}`,
        `cycle time p90:  log ${fixed(c.log.p90)} h, simulation ${fixedInterval(c.simulation.p90)} h${oneLog(oneLogReading(c.log.p90, c.simulation.p90), ' h')}`,
        `cycle time EMD ${fixedInterval(c.emd_hours)} h, KS D ${fixedInterval(c.ks, 3)}`,
        `arrivals by hour of week: EMD ${fixedInterval(shown.arrivals_by_hour_of_week.emd_hours)} hours; paths: total variation ${fixedInterval(shown.paths.total_variation, 3)}`,
        `SLA ${fixedNonZero(f.sla.hours, 1)} h (${f.sla.source}): log ${pct(f.sla.log)}, simulation ${fixedInterval(shown.sla.simulation, 1, 100)}%${oneLog(oneLogReading(f.sla.log, shown.sla.simulation, 1, 100), '%')}`,
        handoverLine(f, shown, oneLog),
        "(intervals: where the simulation's mean lies; one log: where one log of the scenario lies, the reading of fit)",
        `wrote ${args.out}/fidelity.json and ${args.out}/fidelity.html`,
        '',
      ].join('\n'),
    );
  }
  return EXIT.ok;
}

/** The console's line of handovers per case: the log's and the simulation's, or why there is none to compare. */
function handoverLine(f: Fidelity, shown: Fidelity, oneLog: (reading: string, unit?: string) => string): string {
  const h = shown.handovers.per_case;
  if (h === null) return `handovers per case: not available (${HANDOVERS_UNAVAILABLE})`;
  return `handovers per case (changes of team, teams by ${f.handovers.basis}): log ${fixed(h.log)}, simulation ${fixedInterval(h.simulation)}${oneLog(oneLogReading(h.log, h.simulation))}`;
}
