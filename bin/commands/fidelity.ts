// `etomsim fidelity SCENARIO LOG --out DIR`: simulate the scenario over the log's period and
// compare; writes fidelity.json and fidelity.html together, or nothing.
import { fidelity } from '../../engine/fidelity/fidelity.js';
import type { ReadLogOptions } from '../../engine/interchange/read-log.js';
import { writeAtomically } from '../../engine/io/atomic.js';
import { fidelityCharts, renderFidelityHtml } from '../../reports/fidelity-html.js';
import { EXIT } from '../errors.js';
import { loadForCommand } from '../scenario-input.js';
import { readLogForCommand } from './discover.js';

export interface FidelityArgs {
  scenario: string;
  log: string;
  out: string;
  replications?: number;
  seed?: number;
  slaHours: number | null;
  read: ReadLogOptions;
  quiet: boolean;
}

export async function fidelityCommand(args: FidelityArgs): Promise<number> {
  const set = loadForCommand(args.scenario, args.quiet);
  const log = await readLogForCommand(args.log, args.read);
  const scenario = set.baseline;
  const f = fidelity(scenario, scenario.name, log, {
    replications: args.replications ?? scenario.run.replications,
    seed: args.seed ?? scenario.run.seed,
    slaHours: args.slaHours,
  });
  const json = JSON.stringify(f, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  writeAtomically(
    args.out,
    new Map([
      ['fidelity.json', `${json}\n`],
      ['fidelity.html', renderFidelityHtml(f, fidelityCharts(f))],
    ]),
  );
  if (!args.quiet) {
    const c = f.cycle_time;
    const s = (x: { mean: number | null; ci95: [number, number] | null }, d = 2) =>
      x.mean === null ? '–' : `${x.mean.toFixed(d)}${x.ci95 ? ` [${x.ci95[0].toFixed(d)}, ${x.ci95[1].toFixed(d)}]` : ''}`;
    process.stdout.write(
      [
        `${args.log} against ${args.scenario}: ${f.log.cases} cases, ${f.replications} replications`,
        `cycle time mean: log ${c.log.mean.toFixed(2)} h, simulation ${s(c.simulation.mean)} h`,
        `cycle time p90:  log ${c.log.p90.toFixed(2)} h, simulation ${s(c.simulation.p90)} h`,
        `cycle time EMD ${s(c.emd_hours)} h, KS D ${s(c.ks, 3)}`,
        `arrivals by hour of week: EMD ${s(f.arrivals_by_hour_of_week.emd_hours)} hours; paths: total variation ${s(f.paths.total_variation, 3)}`,
        `SLA ${f.sla.hours.toFixed(1)} h (${f.sla.source}): log ${(f.sla.log * 100).toFixed(1)}%, simulation ${s({ mean: f.sla.simulation.mean === null ? null : f.sla.simulation.mean * 100, ci95: f.sla.simulation.ci95 ? [f.sla.simulation.ci95[0] * 100, f.sla.simulation.ci95[1] * 100] : null }, 1)}%`,
        `wrote ${args.out}/fidelity.json and ${args.out}/fidelity.html`,
        '',
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
