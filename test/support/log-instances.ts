// A log's activity instances as text, sorted: what two reads of one log must agree on whatever
// the format's order of events (OCEL 2.0 JSON against CSV, OCEL 1.0 against 2.0): each
// instance's case, activity, resource, team, start, end and time suspended.
import type { EventLog } from '../../engine/interchange/event-log.js';

export function logInstances(log: EventLog): string[] {
  return Array.from({ length: log.size }, (_, e) =>
    [
      log.cases[log.caseOf[e]],
      log.activities[log.activityOf[e]],
      log.resources[log.resourceOf[e]] ?? '',
      log.roles[log.roleOf[e]] ?? '',
      log.start[e],
      log.end[e],
      log.suspended[e],
    ].join(' '),
  ).sort();
}
