// Reading a stat out of a results block by the dotted path the catalogue gives it
// (cycle_time.p90 inside a flow's block). Own keys only: a name a user typed is data.
import type { Stat } from '../stats/summary.js';

/** The stat at `stat` inside `block`; undefined when there is none (an SLA share without an SLA). */
export function statAt(block: object, stat: string): Stat | undefined {
  let node: unknown = block;
  for (const key of stat.split('.')) {
    node = node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node as Stat | undefined;
}
