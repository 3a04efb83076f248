// The `variants` section: named redesigns, each an RFC 7386 merge patch of the baseline
// document. Only the section's own shape is checked here; each patched document is then
// validated as a whole scenario by the loader.

import { checkKeys, describeValue, isPlainMap, optionalDescription, readEntries, requireKey, type PlainMap } from './fields.js';
import { mergePatch } from './merge-patch.js';
import { BASELINE, checkName } from './names.js';
import type { Problems } from './problems.js';

const VARIANT_KEYS = ['description', 'patch'];
const PATCH_EXAMPLE = '{ resources: { field_techs: { capacity: 14 } } }';

export interface VariantEntry {
  name: string;
  description: string | null;
  /** The patched document, ready to be validated. */
  document: unknown;
}

/** Every variant whose section is well formed, in document order. */
export function readVariants(doc: unknown, problems: Problems): VariantEntry[] {
  if (!isPlainMap(doc)) return [];
  const entries = readEntries(doc.variants, ['variants'], problems, `{ redesign: { patch: ${PATCH_EXAMPLE} } }`);
  const baseline = withoutVariants(doc);
  return Object.entries(entries ?? {}).flatMap(([name, raw]) => readVariant(name, raw, baseline, problems) ?? []);
}

function readVariant(name: string, raw: unknown, baseline: PlainMap, problems: Problems): VariantEntry | undefined {
  const path = ['variants', name];
  checkName(name, path, problems, 'variant');
  if (name === BASELINE) {
    problems.atKey(path, `'${BASELINE}' is the name of the scenario without changes; give this variant another name`);
  }
  if (!isPlainMap(raw)) {
    problems.atValue(
      path,
      `variant '${name}' must be a map with a patch, like { description: ..., patch: ${PATCH_EXAMPLE} }; found ${describeValue(raw)}`,
    );
    return undefined;
  }
  checkKeys(raw, path, VARIANT_KEYS, problems);
  const description = optionalDescription(raw, path, problems);
  const patch = requireKey(
    raw,
    'patch',
    path,
    problems,
    `variant '${name}' needs a patch: the changes to the baseline, like patch: ${PATCH_EXAMPLE}`,
  );
  if (patch === undefined) return undefined;
  if (!isPlainMap(patch)) {
    problems.atValue(
      [...path, 'patch'],
      `the patch of variant '${name}' must be a map of changes to the scenario, like ${PATCH_EXAMPLE}; found ${describeValue(patch)}`,
    );
    return undefined;
  }
  if (Object.hasOwn(patch, 'variants')) {
    problems.atKey([...path, 'patch', 'variants'], 'a patch cannot change variants: each variant is a change of the baseline alone');
  }
  return { name, description, document: mergePatch(baseline, withoutVariants(patch)) };
}

/** A copy of a document without its `variants` key. */
function withoutVariants(doc: PlainMap): PlainMap {
  return mergePatch(doc, { variants: null }) as PlainMap;
}
