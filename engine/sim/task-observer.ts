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
  /**
   * A task in progress (or paused) was given up at `at`: its case was cancelled (the unit is free
   * from now); `enabled` and `start` as the task's other calls give them.
   */
  taskAbandoned(caseSerial: number, node: number, team: number, at: number, enabled: number, start: number): void;
  /**
   * The case was cancelled at `at` (cancel_after), told once, after its tasks given up and before
   * its caseEnd: `node` is the task it waited for (the first of its tokens that waited; else the
   * first given up), `team` that task's team (-1: automated, or a skill pool's task waiting in
   * several teams' queues), `enabled` when the token reached it (etomsim addition: event logs'
   * `pi_abort`, so that a case cancelled before any task started is in them).
   */
  caseAborted?(caseSerial: number, node: number, team: number, enabled: number, at: number): void;
  /** The case ended: completed, or cancelled; `arrival` is when it arrived. */
  caseEnd(caseSerial: number, flow: number, at: number, cancelled: boolean, arrival: number): void;
  /** At the horizon, each case still open (in arrival order), with when it arrived: event logs write those that never started a task too. */
  caseOpen?(caseSerial: number, flow: number, arrival: number): void;
}
