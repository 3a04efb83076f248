// etomsim's own event logs of a scenario, for tests that read them back (OCEL, XES, CSV, SQLite):
// written as `run --event-log` writes them, flat in one folder.
import { join } from 'node:path';
import { type LogFormat, writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';

/**
 * etomsim's own event logs (writeEventLogs, as `run --event-log` writes them) of the baseline of
 * a scenario's YAML, in `formats`, written flat into `dir` (baseline.csv, baseline.ocel.json:
 * without the events/ folder): the names writeEventLogs returns, and the paths they were written to.
 */
export async function ownLogs(
  text: string,
  dir: string,
  formats: readonly LogFormat[],
  seed: number,
  replications = 1,
): Promise<{ names: string[]; paths: string[] }> {
  const scenario = loadScenarioText(text, 'own.yaml').set!.baseline;
  const flat = (name: string) => join(dir, name.replace('events/', ''));
  const names = await writeEventLogs({ variants: [{ name: 'baseline', scenario }], formats, replications, seed, target: flat });
  return { names, paths: names.map(flat) };
}
