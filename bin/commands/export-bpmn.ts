// `etomsim export-bpmn`: one version of a scenario as a BPMN 2.0 file, laid out, with its
// simulation parameters (BPSim 2.0 and etomsim extensions), written atomically.
import { bpsimGaps, exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { refuseOutputOverInput, writeFileAtomically } from '../../engine/io/atomic.js';
import { LayoutTooWide } from '../../engine/layout/flow-layout.js';
import { EXIT } from '../errors.js';
import { loadWithPlaces } from '../scenario-input.js';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { tooWidePath } from '../../engine/scenario/warnings.js';
import { VERSION } from '../version.js';
import { optimiseReportLater, restoreV8ForCodeCaches } from '../v8-flags.js';
import { chosenScenario } from './chosen-variant.js';
import { counted } from '../../engine/plural.js';

export async function exportBpmnCommand(args: { scenario: string; variant?: string; out: string; quiet: boolean }): Promise<number> {
  refuseOutputOverInput(args.out, args.scenario);
  const loaded = loadWithPlaces(args.scenario, args.quiet);
  const set = loaded.set!;
  const { name, scenario } = chosenScenario(set, args.variant);
  let xml: string;
  optimiseReportLater(); // before the layout's script loads: it takes its code cache under it (bin/v8-flags.ts)
  try {
    xml = await exportBpmn(scenario, name, VERSION);
  } catch (err) {
    if (!(err instanceof LayoutTooWide) || err.flow === null) throw err;
    // bad input, told as the loader tells it: at the step's place in the file (in the variant's patch when it sets it)
    const path = tooWidePath(err.flow, err.wide);
    const at = loaded.locate(path, name === 'baseline' ? null : name);
    const message = `${err.message}; nothing written`;
    process.stderr.write(`${formatDiagnostic({ severity: 'error', file: set.file, line: at.line, col: at.col, path, message })}\n`);
    return EXIT.invalid;
  } finally {
    restoreV8ForCodeCaches();
  }
  writeFileAtomically(args.out, xml);
  if (!args.quiet) {
    for (const gap of bpsimGaps(scenario)) {
      const at = loaded.locate(gap.path, name === 'baseline' ? null : name);
      const d = { severity: 'warning' as const, file: set.file, line: at.line, col: at.col, path: gap.path, message: gap.message };
      process.stderr.write(`${formatDiagnostic(d)}\n`);
    }
  }
  if (!args.quiet) process.stdout.write(`wrote ${args.out}: ${counted(scenario.flows.length, 'process', 'processes')} (${name})\n`);
  return EXIT.ok;
}
