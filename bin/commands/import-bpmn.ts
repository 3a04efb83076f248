// `etomsim import-bpmn`: a BPMN 2.0 file as a scenario YAML, validated before it is written;
// problems of the file are reported as FILE:LINE:COL: MESSAGE (at element ID), all at once (past
// PROBLEMS_TOLD, one line for the rest: placed-line.ts), or (at file) where no element is there
// to name (the XML itself is broken), and nothing is written (exit 2); a model whose values the
// scenario refuses ends with a line that sums them up, `etomsim: FILE: ...` (no problem,
// placed-line.ts' summaryLine). Placeholders are listed on stderr and in the file.
import { readBytesFile, textOfBytes, UndecodableText } from '../../engine/io/read-text.js';
import { BPMN_FILE } from '../../engine/io/input-file.js';
import { basename } from 'node:path';
import { elementOf, importBpmn, InvalidBpmn, type ImportedScenario } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { refuseOutputOverInput, writeFileAtomically } from '../../engine/io/atomic.js';
import { BPMN_INPUT, HEAD_BYTES, sniffBytes, wrongKind } from '../../engine/io/file-kind.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { EXIT } from '../errors.js';
import { counted } from '../../engine/plural.js';
import { terminalText } from '../../engine/io/terminal-text.js';
import { placedLine, summaryLine, WHOLE_FILE } from '../../engine/io/placed-line.js';

export async function importBpmnCommand(args: { file: string; out: string; quiet: boolean }): Promise<number> {
  refuseOutputOverInput(args.out, args.file);
  const bytes = readBytesFile(args.file, BPMN_FILE);
  // a scenario, an event log, a workbook... named as such (their text read as XML said 'missing start tag', or quoted binary);
  // told from the bytes read, once: a pipe (<(cat f.bpmn), /dev/stdin) gives them once (s34y F2)
  const other = wrongKind(sniffBytes(bytes.subarray(0, HEAD_BYTES), args.file), BPMN_INPUT, args.file);
  if (other !== null) {
    process.stderr.write(`${terminalText(placedLine(args.file, 1, 1, other, WHOLE_FILE))}\n`);
    return EXIT.invalid;
  }
  let xml: string;
  try {
    xml = textOfBytes(bytes);
  } catch (err) {
    if (err instanceof UndecodableText) {
      process.stderr.write(`${terminalText(placedLine(args.file, err.line, err.col, err.message, WHOLE_FILE))}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  let imported: ImportedScenario;
  try {
    imported = await importBpmn(xml);
  } catch (err) {
    if (!(err instanceof InvalidBpmn)) throw err;
    for (const p of err.problems)
      process.stderr.write(
        `${terminalText(placedLine(args.file, p.line, p.col, p.message, p.id === null ? WHOLE_FILE : `element ${p.id}`))}\n`,
      );
    return EXIT.invalid;
  }
  const yaml = scenarioYaml(imported, basename(args.file));
  const loaded = loadScenarioText(yaml, args.out);
  if (!loaded.set) {
    // what the BPMN file says does not make a valid scenario (probabilities that do not add up, a
    // uniform's bounds the wrong way round...): told at the element the value came from, since
    // the YAML is never written; a value from no element (run settings) at the file's start
    for (const d of loaded.diagnostics) {
      const element = elementOf(imported, d.path);
      const message = d.severity === 'warning' ? `warning: ${d.message}` : d.message;
      process.stderr.write(
        terminalText(
          `${
            element === null
              ? placedLine(args.file, 1, 1, message, d.path === '' ? 'the imported scenario' : `${d.path} of the imported scenario`)
              : placedLine(args.file, element.line, element.col, message, `element ${element.id}`)
          }\n`,
        ),
      );
    }
    // the conclusion, no problem itself: not in the problems' form, so that a problem matcher does not count it (placed-line.ts)
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(
      `${terminalText(summaryLine(args.file, `the BPMN model does not give a valid scenario (${counted(errors, 'problem')} above); nothing written`))}\n`,
    );
    return EXIT.invalid;
  }
  writeFileAtomically(args.out, yaml);
  if (!args.quiet) {
    for (const w of imported.warnings) process.stderr.write(`warning: ${terminalText(w)}\n`);
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
