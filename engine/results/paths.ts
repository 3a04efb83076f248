// Reading a stat out of a results block by a dotted path (cycle_time.p90 inside a flow's
// block, or flows.order.cycle_time.p90 inside a variant's). Own keys only: names are data.
import type { Stat } from '../stats/summary.js';

/** The stat at `path` inside `block`; null when there is none there (an SLA share without an SLA, a path to a group of stats). */
export function statAt(block: object, path: string): Stat | null {
  let node: unknown = block;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return isStat(node) ? node : null;
}

function isStat(x: unknown): x is Stat {
  return typeof x === 'object' && x !== null && 'mean' in x && 'n' in x && 'ci95' in x;
}
