// A simulated event log of a scenario as CSV text (PM4Py's column names), for round trips:
// discovery's input whose true parameters are known. One replication, observed task by task.
import { compileModel } from '../../engine/model/compile.js';
import { NODE_KIND } from '../../engine/model/model.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';

const START = Date.UTC(2026, 0, 5); // a Monday

export function simulatedCsv(scenario: Scenario, replication = 0, seed = 1): string {
  const model = compileModel(scenario);
  const iso = (h: number) => new Date(START + h * 3_600_000).toISOString();
  const rows: string[] = ['case:concept:name,concept:name,org:group,enabled_timestamp,start_timestamp,time:timestamp,flow'];
  observeReplication(model, replication, seed, {
    taskStart() {},
    taskEnd(caseSerial, node, _team, enabled, start, end) {
      const n = model.nodes[node];
      if (n.kind !== NODE_KIND.task) return;
      const team = n.resource < 0 ? '' : model.resources[n.resource].name;
      rows.push(`${caseSerial},${n.name},${team},${iso(enabled)},${iso(start)},${iso(end)},${model.flows[n.flow].name}`);
    },
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd() {},
  });
  return `${rows.join('\n')}\n`;
}
