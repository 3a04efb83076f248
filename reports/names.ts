// The names a report walks through, in the order of results.json: a variant's patch may add a
// flow or a team, so flows and teams are the union over the variants, baseline's first.
import type { Results } from '../engine/results/types.js';

/** The variants, baseline first. */
export function variantNames(results: Results): string[] {
  return Object.keys(results.variants);
}

export function flowNames(results: Results): string[] {
  return union(Object.values(results.variants).map((v) => Object.keys(v.flows)));
}

export function resourceNames(results: Results): string[] {
  return union(Object.values(results.variants).map((v) => Object.keys(v.resources)));
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
