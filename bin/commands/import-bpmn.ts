// `etomsim import-bpmn`: a BPMN 2.0 file as a scenario YAML, validated before it is written;
// problems of the file are reported as FILE:LINE:COL: MESSAGE (at element ID), every one,
// and nothing is written (exit 2). Placeholders are listed on stderr and in the file.
import { MAX_BYTES, readTextFile } from '../../engine/io/read-text.js';
import { basename } from 'node:path';
import { importBpmn, InvalidBpmn, type ImportedScenario } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { writeFileAtomically } from '../../engine/io/atomic.js';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { EXIT, UsageError } from '../errors.js';
import { counted } from '../../engine/plural.js';

export async function importBpmnCommand(args: { file: string; out: string; quiet: boolean }): Promise<number> {
  let xml: string;
  try {
    xml = readTextFile(args.file, MAX_BYTES.bpmn, 'a BPMN file');
  } catch (err) {
    throw new UsageError(`cannot read '${args.file}' (${err instanceof Error ? err.message : String(err)})`);
  }
  let imported: ImportedScenario;
  try {
    imported = await importBpmn(xml);
  } catch (err) {
    if (!(err instanceof InvalidBpmn)) throw err;
    for (const p of err.problems)
      process.stderr.write(`${args.file}:${p.line}:${p.col}: ${p.message}${p.id === null ? '' : ` (at element ${p.id})`}\n`);
    return EXIT.invalid;
  }
  const yaml = scenarioYaml(imported, basename(args.file));
  const loaded = loadScenarioText(yaml, args.out);
  if (!loaded.set) {
    // what the BPMN file says does not make a valid scenario (a reference to a missing node...)
    for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`etomsim: ${args.file} does not give a valid scenario; nothing written\n`);
    return EXIT.invalid;
  }
  writeFileAtomically(args.out, yaml);
  if (!args.quiet) {
    for (const w of imported.warnings) process.stderr.write(`warning: ${w}\n`);
    const s = loaded.set.baseline;
    process.stdout.write(
      `wrote ${args.out}: ${counted(s.flows.length, 'flow')}, ${counted(
        s.flows.reduce((n, f) => n + f.nodes.length, 0),
        'node',
      )}, ${counted(s.resources.length, 'team')}, ${counted(imported.placeholders.size, 'placeholder')}\n`,
    );
  }
  return EXIT.ok;
}
