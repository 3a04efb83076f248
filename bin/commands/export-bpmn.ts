// `etomsim export-bpmn`: one version of a scenario as a BPMN 2.0 file, laid out, with its
// simulation parameters (BPSim 2.0 and etomsim extensions), written atomically.
import { exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { writeFileAtomically } from '../../engine/io/atomic.js';
import { LayoutTooWide } from '../../engine/layout/flow-layout.js';
import { EXIT } from '../errors.js';
import { loadForCommand } from '../scenario-input.js';
import { VERSION } from '../version.js';
import { chosenScenario } from './chosen-variant.js';
import { counted } from '../../engine/plural.js';

export async function exportBpmnCommand(args: { scenario: string; variant?: string; out: string; quiet: boolean }): Promise<number> {
  const set = loadForCommand(args.scenario, args.quiet);
  const { name, scenario } = chosenScenario(set, args.variant);
  let xml: string;
  try {
    xml = await exportBpmn(scenario, name, VERSION);
  } catch (err) {
    if (!(err instanceof LayoutTooWide)) throw err;
    process.stderr.write(`${args.scenario}: ${err.message}; nothing written\n`);
    return EXIT.invalid;
  }
  writeFileAtomically(args.out, xml);
  if (!args.quiet) process.stdout.write(`wrote ${args.out}: ${counted(scenario.flows.length, 'process', 'processes')} (${name})\n`);
  return EXIT.ok;
}
