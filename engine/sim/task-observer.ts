// What an observer of a replication sees: each task's start and end, a task given up by a
// cancelled case, and each case's end. Times are simulation hours; cases are identified by
// their serial (unique within the replication, in arrival order), nodes and teams by model
// ids (the team is the one that serves: of a skill pool, the member that took the task).
// The simulation calls an observer only when one is given (event logs); without one, each
// task costs a single field test. Nothing here knows about file formats.

export interface TaskObserver {
  /** Team `team` (-1: automated) started a task: `enabled` is when the token reached the node (it queued from then). */
  taskStart(caseSerial: number, node: number, team: number, enabled: number, start: number): void;
  /** A task ended at `end`, having started at `start`; `work` is its duration in working hours (without pauses). */
  taskEnd(caseSerial: number, node: number, team: number, enabled: number, start: number, end: number, work: number): void;
  /** A rostered team's capacity dropped at `at` below its busy units: the task pauses, its unit is free (see rosters). */
  taskSuspend(caseSerial: number, node: number, team: number, enabled: number, start: number, at: number): void;
  /**
   * A calendar team's task, or an automated task on a calendar, that started at `start` will
   * pause off shift over `closed` ([from, to, ...] hours, in order, within its span; known at its
   * start, as its end is): what a one-shift roster's task shows as a taskSuspend and a
   * taskResume at each, told now (etomsim addition: event logs write the same pairs).
   */
  taskOffShift?(caseSerial: number, node: number, team: number, enabled: number, start: number, closed: readonly number[]): void;
  /** The paused task took a unit again at `at`, keeping the work it had left. */
  taskResume(caseSerial: number, node: number, team: number, enabled: number, start: number, at: number): void;
  /** A task in progress (or paused) was given up at `at`: its case was cancelled (the unit is free from now). */
  taskAbandoned(caseSerial: number, node: number, team: number, at: number): void;
  /** The case ended: completed, or cancelled. */
  caseEnd(caseSerial: number, flow: number, at: number, cancelled: boolean): void;
}
