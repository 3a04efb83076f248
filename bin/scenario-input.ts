// Load a scenario for a command: print every diagnostic on stderr, one line each, and
// stop with exit 2 when any is an error. The scenario's warnings (engine/scenario/warnings.ts)
// join the file's own.
import { join } from 'node:path';
import type { OfferedLoads } from '../engine/model/offered-load.js';
import { type Diagnostic, formatDiagnostic, sortByPosition } from '../engine/scenario/diagnostics.js';
import { type LoadResult, loadScenarioFile, loadScenarioText } from '../engine/scenario/load.js';
import type { ScenarioSet } from '../engine/scenario/types.js';
import { scenarioWarnings } from '../engine/scenario/warnings.js';
import { InvalidScenario } from './errors.js';

/** The bundled scenario a command reads when given none (a path from this module's folder: no URL made, session 59). */
export const DEFAULT_SCENARIO = join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml');

/** What a command gives loadForCommand beside the file. */
export interface CommandInput {
  /** the file's content when the caller read it already (a shard keeps exactly the text it ran) */
  text?: string;
  /** the command's own problems of a valid scenario (results.json too large to write), told with the file's */
  check?: (loaded: LoadResult) => Diagnostic[];
  /** the command's OfferedLoads, for one that reads the offered load again (run's experiment) */
  loads?: OfferedLoads;
  /**
   * -q keeps the warning that a team is overloaded (Diagnostic.overload): for a command that measures no
   * instability of its own (`fidelity`), as `run -q` keeps the results' `unstable` (bin/run-summary.ts)
   */
  keepOverload?: boolean;
}

export function loadForCommand(file: string, quiet: boolean, input: CommandInput = {}): ScenarioSet {
  return loadWithPlaces(file, quiet, input).set!;
}

/** loadForCommand, keeping the loader's places: for a command that finds a problem later and tells it at its line. */
export function loadWithPlaces(file: string, quiet: boolean, { text, check, loads, keepOverload }: CommandInput = {}): LoadResult {
  // '-', a missing file, a folder...: an InputRefused, told as every command's input (engine/io/input-file.ts)
  const loaded = text === undefined ? loadScenarioFile(file) : loadScenarioText(text, file);
  const diagnostics = loaded.set
    ? sortByPosition([...loaded.diagnostics, ...scenarioWarnings(loaded, loads), ...(check?.(loaded) ?? [])])
    : loaded.diagnostics;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics)
    if (d.severity === 'error' || !quiet || (keepOverload && d.overload)) process.stderr.write(formatDiagnostic(d) + '\n');
  if (errors.length > 0 || !loaded.set) {
    throw new InvalidScenario(); // the lines above say it all: one per problem, as results-format.md asks
  }
  return loaded;
}
