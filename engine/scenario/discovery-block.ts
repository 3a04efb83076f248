// A flow's `discovery:` block (etomsim addition): what `etomsim discover` says of the flow as
// data, so that a later command reads it from the model rather than from the file's comments.
// Today it holds `left_out`, the log's activities discover wrote no task for and why; fidelity
// reads it to say that the log's activity missing from the scenario is discover's fold.
// Invariant: the simulation never reads it; a file without the block means what it meant.

import { checkKeys, describeValue, isPlainMap, readList, readSettings, requireKey, type PlainMap } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';
import { LEFT_OUT_REASONS, type LeftOutActivity, type LeftOutReason } from './types.js';

const DISCOVERY_KEYS = ['left_out'];
const LEFT_OUT_KEYS = ['activity', 'why'];
const EXAMPLE = '[{ activity: "Escalate", why: rare_paths }]';

/** The flow's `discovery: { left_out: [...] }`, each entry read; undefined when the flow has none. */
export function readDiscoveryBlock(flow: PlainMap, path: KeyPath, problems: Problems): LeftOutActivity[] | undefined {
  if (!Object.hasOwn(flow, 'discovery')) return undefined;
  const at = [...path, 'discovery'];
  const block = readSettings(flow.discovery, at, problems, 'discovery', `{ left_out: ${EXAMPLE} }`);
  if (!block) return undefined;
  checkKeys(block, at, DISCOVERY_KEYS, problems);
  const list = readList(block.left_out, [...at, 'left_out'], problems, 'left_out', EXAMPLE);
  if (!list) return undefined;
  const seen = new Set<string>(); // the log's text: a Set, whatever it spells
  return list.flatMap((raw, i) => {
    const { activity, why } = readLeftOut(raw, [...at, 'left_out', i], problems);
    if (activity !== undefined && seen.has(activity)) {
      problems.atValue([...at, 'left_out', i, 'activity'], `activity ${describeValue(activity)} is listed twice in left_out`);
      return [];
    }
    if (activity !== undefined) seen.add(activity);
    return activity !== undefined && why !== undefined ? [{ activity, why }] : [];
  });
}

/** One entry's activity and why, each undefined where it is not given or not valid (reported). */
function readLeftOut(raw: unknown, path: KeyPath, problems: Problems): Partial<LeftOutActivity> {
  if (!isPlainMap(raw)) {
    problems.atValue(
      path,
      `an entry of left_out must be a map like { activity: "Escalate", why: rare_paths }; found ${describeValue(raw)}`,
    );
    return {};
  }
  checkKeys(raw, path, LEFT_OUT_KEYS, problems);
  const activity = requireKey(
    raw,
    'activity',
    path,
    problems,
    "an entry of left_out needs activity: the log's activity, as the log spells it (in quotes)",
  );
  const why = requireKey(raw, 'why', path, problems, `an entry of left_out needs why: ${LEFT_OUT_REASONS.join(' or ')}`);
  const text = typeof activity === 'string' && activity !== '' ? activity : undefined;
  if (activity !== undefined && text === undefined)
    problems.atValue(
      [...path, 'activity'],
      `activity must be the log's activity as text; found ${describeValue(activity)} (put it in quotes)`,
    );
  const reason = isReason(why) ? why : undefined;
  if (why !== undefined && reason === undefined)
    problems.atValue(
      [...path, 'why'],
      `why must be rare_paths (only paths rarer than discover's --min-share led to the activity); found ${describeValue(why)}${typeof why === 'string' ? didYouMean(why, LEFT_OUT_REASONS) : ''}`,
    );
  return { activity: text, why: reason };
}

const isReason = (x: unknown): x is LeftOutReason => (LEFT_OUT_REASONS as readonly unknown[]).includes(x);
