// The log's names (its cases, activities, resources, roles and flow values) numbered in one
// order whatever order its file lists its rows in: by the earliest end among the entries that
// carry each, then by name (in UTF-16 code units); a name no entry carries comes last, by name.
// A reader numbers names as its rows bring them, and discovery lists what it finds in index
// order where nothing else orders it (a parallel block's branches, the concurrent pairs, the
// teams, branches of equal counts), so before session 41 the same log with its rows shuffled
// gave another scenario (test/discovery/row-order.test.ts).
// Invariant: the entries keep their order and rows; only the names' indices change.
import type { EventLog } from '../interchange/event-log.js';

/** The logs this module returned: numbered already, so a second caller (the fidelity command, then fidelity()) pays no scan or sort. */
const numbered = new WeakSet<EventLog>();

/** `log` with its names numbered by first-seen end, then name; `log` itself where they already are. */
export function numberedByFirstSeen(log: EventLog): EventLog {
  if (numbered.has(log)) return log;
  const result = renumberedLog(log);
  numbered.add(result);
  return result;
}

function renumberedLog(log: EventLog): EventLog {
  const cases = renumbered(log.cases, log.caseOf, log.end);
  const activities = renumbered(log.activities, log.activityOf, log.end);
  const resources = renumbered(log.resources, log.resourceOf, log.end);
  const roles = renumbered(log.roles, log.roleOf, log.end);
  const flows = renumbered(log.flows, log.flowOf, log.end);
  if (cases === null && activities === null && resources === null && roles === null && flows === null) return log;
  return {
    ...log,
    ...(cases === null ? {} : { cases: cases.names, caseOf: cases.of }),
    ...(activities === null ? {} : { activities: activities.names, activityOf: activities.of }),
    ...(resources === null ? {} : { resources: resources.names, resourceOf: resources.of }),
    ...(roles === null ? {} : { roles: roles.names, roleOf: roles.of }),
    ...(flows === null ? {} : { flows: flows.names, flowOf: flows.of }),
  };
}

/** The names in first-seen order and the entries' indices into them; null when the order is theirs already. */
function renumbered(names: readonly string[], of: Int32Array, end: Float64Array): { names: string[]; of: Int32Array } | null {
  const first = new Float64Array(names.length).fill(Number.POSITIVE_INFINITY);
  for (let e = 0; e < of.length; e++) {
    const v = of[e];
    if (v >= 0 && end[e] < first[v]) first[v] = end[e];
  }
  const order = names.map((_, i) => i);
  order.sort((a, b) => (first[a] < first[b] ? -1 : first[a] > first[b] ? 1 : names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
  if (order.every((old, i) => old === i)) return null;
  const index = new Int32Array(names.length);
  order.forEach((old, i) => {
    index[old] = i;
  });
  const to = new Int32Array(of.length);
  for (let e = 0; e < of.length; e++) to[e] = of[e] < 0 ? of[e] : index[of[e]];
  return { names: order.map((old) => names[old]), of: to };
}
