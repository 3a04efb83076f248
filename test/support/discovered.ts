// discover's scenario of a CSV event log given as text, as `etomsim discover` writes it, for tests that
// generate a log (generated-logs.ts) and read what discovery makes of it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { type Fidelity, fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { FlowSpec } from '../../engine/scenario/types.js';

/**
 * A writer of discovered scenarios: each call writes `csv` to `file` in `dir` and returns the YAML discover
 * (min share 0.05) writes of it, naming `source` as its log, one name for every call, so that two logs
 * that differ only in their rows' order give the same text.
 */
export function discoveredYaml(dir: string, source: string): (csv: string, file: string) => Promise<string> {
  return async (csv, file) => {
    const path = join(dir, file);
    writeFileSync(path, csv);
    return writeScenarioYaml(discover(await readEventLog(path), { minShare: 0.05 }), source);
  };
}

/**
 * `csv` written to `file` in `dir`, discovered (min share 0.05) and the scenario compared with that
 * log by fidelity (`replications`, seed 1, the log's p90 as the SLA).
 */
export async function fidelityOfDiscovered(dir: string, file: string, csv: string, replications: number): Promise<Fidelity> {
  const path = join(dir, file);
  writeFileSync(path, csv);
  const log = await readEventLog(path);
  const scenario = loadScenarioText(writeScenarioYaml(discover(log, { minShare: 0.05 }), path), file).set!.baseline;
  return fidelity(scenario, file, log, { replications, seed: 1, slaHours: null });
}

/** The nodes a case reaches from `name` through decisions and delay steps (tasks without an activity): the steps it may do next. */
export function reached(flow: FlowSpec, name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  const n = flow.nodes.find((x) => x.name === name);
  if (n?.kind === 'decision') for (const b of n.branch) reached(flow, b.to, seen);
  else if (n?.kind === 'task' && n.activity === undefined && n.next !== null) reached(flow, n.next, seen);
  else seen.add(name);
  return seen;
}
