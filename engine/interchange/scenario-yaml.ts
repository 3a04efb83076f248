// An imported scenario written as YAML: a header that says where it came from and what to
// supply, each placeholder value commented where it stands. Stable: the same document gives
// the same text (keys in the order the importer built them, numbers as JavaScript prints them,
// which reads back to the same double).
import { Document, isScalar } from 'yaml';
import type { ImportedScenario } from './bpmn-import.js';

export function scenarioYaml(imported: ImportedScenario, source: string): string {
  const doc = new Document(imported.doc);
  const header = [`Imported from ${source} by etomsim import-bpmn. Durations are in hours (time_unit: hours).`];
  if (imported.warnings.length > 0) {
    header.push('', 'To check before trusting the results:');
    for (const w of imported.warnings) header.push(`  - ${w}`);
  } else {
    header.push('Every parameter came from the file: nothing was guessed.');
  }
  doc.commentBefore = header.map((l) => ` ${l}`.trimEnd()).join('\n');
  for (const [path, what] of [...imported.placeholders, ...(imported.notes ?? [])]) {
    const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const node = doc.getIn(keys, true);
    if (isScalar(node)) node.comment = ` ${what}`;
    else {
      const parent = doc.getIn(keys.slice(0, -1), true) as { commentBefore?: string } | undefined;
      if (parent && typeof parent === 'object') parent.commentBefore = ` ${what}`;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
