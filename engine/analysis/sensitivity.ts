// What one more unit of each team buys: every team's +1 runs beside the base scenario as a
// variant of one experiment (common random numbers, so the paired intervals are narrow),
// and the teams are ranked by how much the +1 cuts a flow's 90th-percentile cycle time.
import type { VariantRun } from '../experiment/experiment.js';
import { type OfferedLoads, offeredLoadCache } from '../model/offered-load.js';
import { comparePaired, ReplicationValues } from '../results/per-replication.js';
import type { ResourceSensitivity } from '../results/types.js';
import { withUnitsAdded } from '../scenario/roster.js';
import type { Scenario } from '../scenario/types.js';
import type { IntervalMethod } from '../stats/summary.js';
import { runSideBySide, type SideBySideOptions } from './side-by-side.js';
import { recordFrom } from '../records.js';

export type { ResourceSensitivity };

export interface SensitivityAnalysis {
  /** the base's replications, under its name */
  base: VariantRun;
  /** largest relative reduction of a flow's p90 cycle time first */
  ranking: ResourceSensitivity[];
}

export function plusOne(resource: string): string {
  return `+1 ${resource}`;
}

/** `interval` 'johnson': each comparison also has Johnson's interval (ci95_johnson), as the run's own comparisons. */
export async function sensitivity(
  base: { name: string; scenario: Scenario },
  options: SideBySideOptions,
  interval: IntervalMethod = 't',
): Promise<SensitivityAnalysis> {
  const { scenario } = base;
  const versions = [
    base,
    ...scenario.resources.map((r) => ({
      name: plusOne(r.name),
      scenario: { ...scenario, resources: scenario.resources.map((x) => (x === r ? withUnitsAdded(x, 1) : x)) },
    })),
  ];
  // the base's offered load once: its run and the ranking's added costs read it, as may the command's warnings
  const offeredLoads = options.offeredLoads ?? offeredLoadCache();
  const runs = await runSideBySide(versions, { ...options, offeredLoads });
  return { base: runs[0], ranking: rankSensitivity(runs, scenario, interval, offeredLoads) };
}

/** The teams ranked from the base's run followed by one `plusOne` run per team, paired over replications. */
function rankSensitivity(runs: VariantRun[], scenario: Scenario, interval: IntervalMethod, offered: OfferedLoads): ResourceSensitivity[] {
  const loads = offered.of(scenario);
  const base = new ReplicationValues(runs[0]);
  const entries = scenario.resources.map((r, i): ResourceSensitivity => {
    const plus = new ReplicationValues(runs[i + 1]);
    const find = (metric: string) => comparePaired(base, plus, metric, interval);
    const flows = recordFrom(
      scenario.flows.map((f) => [f.name, { mean: find(`flows.${f.name}.cycle_time.mean`), p90: find(`flows.${f.name}.cycle_time.p90`) }]),
    );
    return {
      resource: r.name,
      capacity: r.capacity,
      added_cost_per_week: r.costPerHour * loads[i].hoursPerAddedUnit,
      ...(r.costGiven === false ? { cost_given: false as const } : {}),
      flows,
      key_flow: keyFlow(flows),
    };
  });
  return entries.sort((a, b) => p90Change(a) - p90Change(b));
}

function keyFlow(flows: ResourceSensitivity['flows']): string | null {
  let best: string | null = null;
  let bestChange = Infinity;
  for (const [name, { p90 }] of Object.entries(flows)) {
    const change = p90?.delta_pct ?? null;
    if (change !== null && change < bestChange) {
      best = name;
      bestChange = change;
    }
  }
  return best;
}

/** The key flow's relative p90 change; teams without one rank last. */
export function p90Change(entry: ResourceSensitivity): number {
  const change = entry.key_flow === null ? null : entry.flows[entry.key_flow].p90?.delta_pct;
  return change ?? Infinity;
}
