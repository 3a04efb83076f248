// The `variants` section: named redesigns, each an RFC 7386 merge patch of the baseline
// document. Only the section's own shape, and the names its patch aims at, are checked here;
// each patched document is then validated as a whole scenario by the loader.
//
// A merge patch takes any name: a flow misspelt in it (`ordr_handling: { nodes: ... }`) made a
// new flow, refused as one ("needs a start") without the name meant, and a misspelt name given
// null deleted nothing, silently. So the names a patch aims at are resolved against the
// baseline's here (unresolvedTargets), with the did-you-mean the validator gives every name.

import { checkKeys, describeValue, isPlainMap, optionalDescription, readEntries, requireKey, type PlainMap } from './fields.js';
import { mergePatch } from './merge-patch.js';
import { BASELINE, checkName } from './names.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';

const VARIANT_KEYS = ['description', 'patch'];

/**
 * Keys a patch cannot change, with why. The run's costs are added up and compared in one
 * currency: a variant's own was ignored (its EUR costs added to the baseline's GBP and labelled
 * GBP). time_unit is how every bare number of the document reads: a variant's re-read the
 * baseline's durations, horizon and SLAs that its patch never named (a task of `duration: 2`
 * went from 2 hours to 2 minutes).
 */
const FIXED_KEYS = [
  ['currency', "a patch cannot change currency: every cost of a run is added up and compared in the baseline's one currency"],
  [
    'time_unit',
    'a patch cannot change time_unit: it would re-read every bare number of the baseline (durations, horizon, SLAs) in the new unit; write the changed durations with their units (45m, 2h) instead',
  ],
] as const;
const PATCH_EXAMPLE = '{ resources: { field_techs: { capacity: 14 } } }';

export interface VariantEntry {
  name: string;
  description: string | null;
  /** The patched document, ready to be validated: without the flows that unresolved leaves out. */
  document: unknown;
  /**
   * The names the patch aims at that the baseline lacks and that cannot be meant as additions,
   * each at its path in the patched scenario (where the loader places it, inside the patch).
   */
  unresolved: Unresolved[];
}

type Unresolved = { path: KeyPath; message: string };

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
  } else if (name.toLowerCase() === BASELINE) {
    // its files (events/Baseline.csv beside events/baseline.csv: one file on macOS and Windows) and its rows beside the baseline's
    problems.atKey(
      path,
      `variant '${name}' differs from the reserved '${BASELINE}' (the scenario without changes) only in case: its files and rows could not be told from the baseline's; give this variant another name`,
    );
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
  for (const [key, why] of FIXED_KEYS) if (Object.hasOwn(patch, key)) problems.atKey([...path, 'patch', key], why);
  const changes = withoutVariants(patch);
  const { unresolved, patched } = unresolvedTargets(baseline, changes);
  // a flow refused here is left out, so that its other problems (no start, say) do not bury its name
  const flows = unresolved.filter((u) => u.path.length === 2 && u.path[0] === 'flows').map((u) => String(u.path[1]));
  if (flows.length === 0) return { name, description, document: patched ?? mergePatch(baseline, changes), unresolved };
  const kept = mergePatch(changes, { flows: Object.fromEntries(flows.map((f) => [f, null])) });
  return { name, description, document: mergePatch(baseline, kept), unresolved };
}

/**
 * The names `patch` aims at that `baseline` has not: a flow the patch adds that no arrival
 * stream of the patched scenario feeds (it would run no case: almost always a misspelt flow of
 * the baseline's, to which steps were being added), and a flow, node of a baseline flow, team
 * or calendar the patch deletes (null) that the baseline does not have (it deletes nothing).
 * Teams and calendars a patch adds are checked once the variant is read (usage.ts), by what uses them.
 * Also the patched document where finding the fed flows made it (a patch that changes flows),
 * which readVariant keeps when nothing is left out: one merge per variant, not two.
 */
function unresolvedTargets(baseline: PlainMap, patch: PlainMap): { unresolved: Unresolved[]; patched: PlainMap | null } {
  const unresolved: Unresolved[] = [];
  const namesOf = (map: unknown): string[] => (isPlainMap(map) ? Object.keys(map) : []);
  const deleted = (section: PlainMap, path: KeyPath, known: string[], what: string, of = '') => {
    for (const [key, value] of Object.entries(section))
      if (value === null && !known.includes(key))
        unresolved.push({
          path: [...path, key],
          message: `the patch deletes ${what} '${key}'${of}, which the baseline does not have: it deletes nothing${didYouMean(key, known)}`,
        });
  };
  for (const [section, what] of [
    ['resources', 'team'],
    ['calendars', 'calendar'],
  ] as const)
    if (isPlainMap(patch[section])) deleted(patch[section], [section], namesOf(baseline[section]), what);
  if (!isPlainMap(patch.flows)) return { unresolved, patched: null };
  const flows = namesOf(baseline.flows);
  deleted(patch.flows, ['flows'], flows, 'flow');
  const patched = mergePatch(baseline, patch) as PlainMap;
  const fed = new Set(Array.isArray(patched.arrivals) ? patched.arrivals.map((a) => (isPlainMap(a) ? a.flow : undefined)) : []);
  for (const [key, value] of Object.entries(patch.flows)) {
    if (value === null) continue;
    if (flows.includes(key)) {
      const flow = (baseline.flows as PlainMap)[key];
      if (isPlainMap(value) && isPlainMap(value.nodes) && isPlainMap(flow))
        deleted(value.nodes, ['flows', key, 'nodes'], namesOf(flow.nodes), 'node', ` of flow '${key}'`);
    } else if (!fed.has(key))
      unresolved.push({
        path: ['flows', key],
        message: `flow '${key}' is not a flow of the baseline, so this patch adds it, and no arrival stream feeds it: it would run no case${didYouMean(key, flows) || '; to add a flow, also give it an arrival stream in arrivals'}`,
      });
  }
  return { unresolved, patched };
}

/** A copy of a document without its `variants` key. */
function withoutVariants(doc: PlainMap): PlainMap {
  return mergePatch(doc, { variants: null }) as PlainMap;
}
