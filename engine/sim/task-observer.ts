// What an observer of a replication sees: each task's start and end, a task given up by a
// cancelled case, and each case's end. Times are simulation hours; cases are identified by
// their serial (unique within the replication, in arrival order), nodes and teams by model
// ids. The simulation calls an observer only when one is given (event logs); without one,
// each task costs a single field test. Nothing here knows about file formats.

export interface TaskObserver {
  /** A task started: `enabled` is when the token reached the node (it queued from then). */
  taskStart(caseSerial: number, node: number, enabled: number, start: number): void;
  /** A task ended at `end`, having started at `start`. */
  taskEnd(caseSerial: number, node: number, enabled: number, start: number, end: number): void;
  /** A task in progress was given up at `at`: its case was cancelled (the unit is free from now). */
  taskAbandoned(caseSerial: number, node: number, at: number): void;
  /** The case ended: completed, or cancelled. */
  caseEnd(caseSerial: number, flow: number, at: number, cancelled: boolean): void;
}
