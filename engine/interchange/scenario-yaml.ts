// An imported scenario written as YAML: a header that says where it came from and what to
// supply, each placeholder value commented where it stands. Stable: the same document gives
// the same text (keys in the order the importer built them, numbers as JavaScript prints them,
// which reads back to the same double). Linear in the scenario's size: each comment's place is
// found through an index of its map's keys, where the yaml package's getIn scans the map's
// pairs (a BPMN file of 20,000 tasks took 8.9 s, of 100,000 more than a minute).
import { Document, isMap, isScalar, isSeq } from 'yaml';
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
    const node = nodeAt(doc, keys);
    if (isScalar(node)) node.comment = ` ${what}`;
    else {
      const parent = nodeAt(doc, keys.slice(0, -1)) as { commentBefore?: string } | undefined;
      if (parent && typeof parent === 'object') parent.commentBefore = ` ${what}`;
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Each map's pairs by key, built at its first look: a look is then a Map lookup, not a scan of the pairs. */
const keyIndexes = new WeakMap<object, Map<unknown, unknown>>();

/** The node at `keys` in `doc`, as doc.getIn(keys, true) finds it (undefined where there is none), in time linear in the path. */
export function nodeAt(doc: Document, keys: (string | number)[]): unknown {
  let node: unknown = doc.contents;
  for (const key of keys) {
    if (isMap(node)) {
      let index = keyIndexes.get(node);
      if (index === undefined) {
        index = new Map();
        // the first pair of a key wins, as in the yaml package's own lookup
        for (const pair of node.items) {
          const k = isScalar(pair.key) ? pair.key.value : pair.key;
          if (!index.has(k)) index.set(k, pair.value);
        }
        keyIndexes.set(node, index);
      }
      node = index.get(key);
    } else if (isSeq(node)) {
      const at = typeof key === 'string' && key !== '' ? Number(key) : key; // as the yaml package reads an index
      node = Number.isInteger(at) && (at as number) >= 0 ? node.items[at as number] : undefined;
    } else return undefined;
  }
  return node;
}
