// A node's tallies in a replication's window (NodeTally): what its tasks' waits and ends, its cut
// visits and its passes add up to. One object per node, which the recorder keeps (Tallies.nodes) and
// a token holds while in the node's task (Token.tally): the loop reaches it from the token it has in
// hand, not by the node's index (an array's map, bounds and element checks: hot path: CONTRIBUTING.md,
// rule 4). Invariant: a tally only ever accumulates, until the horizon (recorder.ts).

/**
 * One node's tasks in the window: fields of one object rather than slots of per-node typed
 * arrays (hot path: CONTRIBUTING.md, rule 4), summed from +0 as a typed array's slot starts
 * (doubles from the start: rule 1). summariseReplication places them in their metric slots.
 */
export class NodeTally {
  visits = Number.NaN; // tasks ended, decisions or forks passed
  waitHours = Number.NaN;
  serviceHours = Number.NaN;
  waits = Number.NaN; // waits ended
  cutVisits = Number.NaN; // tasks a cancellation cut short in service (cutService)
  cutServiceHours = Number.NaN;
  cutWaits = Number.NaN; // tasks a cancellation took out of the queue (cutWait)
  cutWaitHours = Number.NaN;
  /** of the tasks ended or cut in the window, the hours before the window of those that started before it (Recorder.busyFromService) */
  preWindowServiceHours = Number.NaN;

  constructor(
    /** 1 when a skill pool serves it: its teams' visits are counted too (Recorder.served) */
    readonly pooled: number,
    /**
     * 1 when its waits are added to its team's tally too. A team that serves one node alone, without a pool, takes
     * the same additions as that node's tally in the same order: those nodes' are 0, and the team's tally is that
     * node's, copied at the horizon (Tallies.soleNode): `probe.js mm5 600000` 11 M instructions fewer
     * (docs/performance-notes.md, session 26). A field of the tally endWait loads anyway, not a typed array's slot
     * (hot path: CONTRIBUTING.md, rule 4).
     */
    readonly waitsToTeam: number,
    /**
     * 1 when a task's end adds nothing but its service: the window opens at 0 (no task started before it), no pool
     * serves it (`pooled` 0), and it is its flow's one task (Tallies.soleTask), each of whose ends in the window is a
     * completion there: its visits are its flow's completions, copied at the horizon (Recorder.closeAtHorizon), and its
     * waits its tasks started: those visits, its cut visits and its tasks in progress at the horizon, in service or
     * paused (Recorder.countTaskInProgress), counted there in whole numbers, the same doubles as one at each start.
     * endService then makes one comparison where it made two and an increment, and endWait one where it made one and
     * an increment (hot path: CONTRIBUTING.md, rule 3).
     */
    readonly plain: number,
  ) {
    this.visits = 0;
    this.waitHours = 0;
    this.serviceHours = 0;
    this.waits = 0;
    this.cutVisits = 0;
    this.cutServiceHours = 0;
    this.cutWaits = 0;
    this.cutWaitHours = 0;
    this.preWindowServiceHours = 0;
  }
}

/** A token's tally before it first enters a task (Token.tally): never added to. */
export const NO_NODE_TALLY = new NodeTally(0, 0, 0);
