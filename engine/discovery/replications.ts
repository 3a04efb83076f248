// etomsim's own event log of several replications (`run --event-log-replications N`): each
// replication simulates the same dates from the same run start, so read as one period the log
// holds N times the arrivals of its period (the rate N times the scenario's), N cases of each
// team at work at once on units of the same names, and waits no busy team explains. Such a log
// is told by its case ids, `rK-M` (replication K, its M-th arrival: log-events.ts' caseName),
// every case's, with at least two replications; discover and fidelity read its first
// replication alone, as one period, and say so (a note; fidelity's warning
// `replications_left_out`). Invariant: a log whose case ids are not all
// etomsim's, or of one replication, is read whole.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import type { FarCases } from './far-dates.js';
import { withoutCases } from './far-dates.js';
import { counted } from '../plural.js';

const CASE_ID = /^r([1-9][0-9]*)-[1-9][0-9]*$/;

export interface Replications {
  /** the replications the log holds (1 for any other log) */
  count: number;
  /** the one read (its number in the ids); 0 when the log is read whole */
  kept: number;
  /** the others, left out, in increasing order; and their cases' ids */
  left: number[];
  ids: Set<string>;
  /** the note's words for them, '' when the log is read whole */
  said: string;
  /** the log less the other replications' cases */
  log: EventLog;
}

/** The log's first replication, when it is etomsim's log of several; pushes a note saying so. */
export function firstReplication(log: EventLog, notes: LogNote[]): Replications {
  const ids = [
    ...log.cases,
    ...log.unfinished.map((u) => u.caseId),
    ...log.aborts.map((a) => a.caseId),
    ...log.waiting.map((w) => w.caseId),
  ];
  const numbers = new Set<number>();
  for (const id of ids) {
    const m = CASE_ID.exec(id);
    if (m === null) return whole(log);
    numbers.add(Number(m[1]));
  }
  if (numbers.size < 2) return whole(log);
  let kept = Number.POSITIVE_INFINITY;
  for (const k of numbers) if (k < kept) kept = k;
  const replicationOf = (id: string) => Number(CASE_ID.exec(id)![1]);
  const out: FarCases = { cases: new Set(), ids: new Set(), said: '', named: '' };
  for (const id of ids) if (replicationOf(id) !== kept) out.ids.add(id);
  log.cases.forEach((id, c) => {
    if (out.ids.has(id)) out.cases.add(c);
  });
  const reduced = withoutCases(log, out);
  const kind = `replications of etomsim's own log (case ids rK-M) beside replication ${kept}`;
  const one = `replication of etomsim's own log (case ids rK-M) beside replication ${kept}`;
  notes.push({
    kind,
    one,
    count: numbers.size - 1,
    handling: `left out (${counted(out.ids.size, 'case')}): the replications simulate the same dates, so read together the log would hold ${numbers.size} times the arrivals of its period, and up to ${numbers.size} cases at work at once on each unit; replication ${kept} is read alone (a log of disjoint periods of one system, each with its own ids, is read whole)`,
    example: '',
  });
  return {
    count: numbers.size,
    kept,
    left: [...numbers].filter((k) => k !== kept).sort((a, b) => a - b),
    ids: out.ids,
    said: `${counted(numbers.size - 1, one, kind)} (${counted(out.ids.size, 'case')})`,
    log: { ...reduced, waiting: reduced.waiting.filter((w) => !out.ids.has(w.caseId)) },
  };
}

function whole(log: EventLog): Replications {
  return { count: 1, kept: 0, left: [], ids: new Set(), said: '', log };
}
