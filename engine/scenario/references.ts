// References by name from one part of a scenario to another (a task's resource, a
// resource's calendar, an arrival's flow, a next node): they must name something defined.

import { describeValue } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';

export interface Referenced {
  kind: string; // singular, e.g. "resource"
  known: readonly string[]; // every name defined for that kind
  where: string; // where they are defined, e.g. "under resources" or "in flow 'f'"
}

/** Longer lists are cut: a message should point the way, not dump the model. */
const LISTED = 12;

export function readReference(value: unknown, path: KeyPath, problems: Problems, target: Referenced): string | undefined {
  if (typeof value !== 'string') {
    problems.atValue(path, `${String(path[path.length - 1])} must be the name of a ${target.kind}; found ${describeValue(value)}`);
    return undefined;
  }
  if (knownSet(target.known).has(value)) return value;
  problems.atValue(path, `${target.kind} '${value}' is not defined ${target.where}${didYouMean(value, target.known)}${listing(target)}`);
  return undefined;
}

/** One set per list of names, made at its first lookup: a scan per reference would make validation quadratic. */
const sets = new WeakMap<readonly string[], Set<string>>();

function knownSet(known: readonly string[]): Set<string> {
  let set = sets.get(known);
  if (!set) sets.set(known, (set = new Set(known)));
  return set;
}

function listing({ kind, known }: Referenced): string {
  if (known.length === 0) return ` (there is no ${kind} yet)`;
  const shown = known.slice(0, LISTED).join(', ');
  return ` (known: ${shown}${known.length > LISTED ? ', ...' : ''})`;
}
