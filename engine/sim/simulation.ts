// One replication of a compiled model: the event loop and the process logic (arrivals,
// routing through tasks, decisions, forks and joins, resources with calendars and
// priority queues, cancellations). Statistics go to the Recorder; randomness comes from
// counter-based draws keyed by (node, case, visit), which is what makes variants comparable.
import { largest } from '../lists.js';
import type { MetricLayout } from '../model/metrics.js';
import { NODE_KIND, type Model, type ModelArrival, type ModelNode } from '../model/model.js';
import { DIST, sampleAt } from '../random/distributions.js';
import { combineInt32 } from '../random/hash.js';
import { Draws, firstHash, streamKey } from '../random/stream.js';
import { alwaysOnFlags, WorkCalendar } from './calendar.js';
import { CLOCK } from './clock-rounding.js';
import { Clock } from './clock.js';
import { CaseTable, type NewIdWatch } from './cases.js';
import { type JoinRecord, newJoinRecord, newToken, Pool, type Token, type TokenPool, TOKEN_STATE } from './entities.js';
import { EVENT_KINDS, EventQueue } from './event-queue.js';
import { Fifo } from './fifo.js';
import { Milestones } from './milestones.js';
import type { NodeTally } from './node-tally.js';
import { Recorder } from './recorder.js';
import { type ReplicationStats, summariseReplication } from './replication-summary.js';
import { type UnderLoweredBudget, warmUpHorizon, warmUpThread } from './thread-warm-ups.js';
import { REHEARSAL_EVENTS, RehearsalProgress, claimRehearsal } from './window-rehearsal.js';
import { ResourceQueue, type EntryCheck } from './resource-queue.js';
import type { TaskObserver } from './task-observer.js';
import { Rosters } from './rosters.js';
import type { TimeAverage } from './time-average.js';
import {
  DEFAULT_MAX_WIP,
  EARLY_LOOKS,
  heapFull,
  MEMORY_LOOK_EVERY,
  MEMORY_LOOK_FROM,
  overloaded,
  ReplicationStopped,
  StandstillWatch,
} from './run-limits.js';
import { coverage } from '../scenario/roster.js';

// At most EVENT_KINDS (8) kinds, numbered from 0 by TypeScript, `count` last: EventQueue packs the
// kind in an event's low 3 bits, so a 9th would corrupt every subject without any test failing until
// results change. A const enum, each use its number in the built code (TOKEN_STATE says why).
// biome-ignore lint/suspicious/noConstEnum: this module's own, never exported
const enum EVENT {
  arrival,
  taskEnd,
  shiftStart,
  cancelCheck,
  capacityChange,
  rosteredTaskEnd,
  /** not a kind: how many there are (one past the last), for the check below; a new kind goes before it */
  count,
}
if ((EVENT.count as number) > EVENT_KINDS)
  throw new Error('simulation.ts: an event kind outside 0..7 does not fit beside its subject in the event queue');

export class Simulation implements NewIdWatch {
  private readonly clock = new Clock();
  private events = 0;
  private readonly queue: EventQueue;
  private readonly draws = new Draws();
  private readonly recorder: Recorder;
  private readonly milestones: Milestones;

  // Keys and hashes as int32s, the bits the hashes read: an int32 crosses a call unboxed (hot path: CONTRIBUTING.md, rule 2).
  private readonly durationKey: Int32Array; // per node, this replication's stream keys
  private readonly branchKey: Int32Array;
  /** per arrival stream: what an arrival reads and counts, as one object's fields (StreamState) */
  private readonly streams: StreamState[];

  private readonly calendars: WorkCalendar[]; // per calendar of the model: automated tasks' and arrival streams' hours (ModelNode.calendar, ModelArrival.calendar)
  private readonly calendar: WorkCalendar[]; // per resource: when its units work (always, for a rostered team)
  private readonly onShift: WorkCalendar[]; // per resource: when any unit works, which splits a wait from time off shift
  /** per resource: 1 when `onShift` is around the clock, whose working time is plain arithmetic (hot path: CONTRIBUTING.md, rule 3) */
  private readonly alwaysOnShift: Uint8Array;
  /**
   * per resource: what the loop reads and changes at each request, start and freed unit, as one object's fields (TeamState),
   * where a typed array a field cost each access its length's and data's loads and a bounds check (mm5 1M: 45 M instructions
   * fewer, 38 M of them dispatch's; docs/performance-notes.md, session 58; hot path: CONTRIBUTING.md, rule 4).
   */
  private readonly teams: TeamState[];
  private ticket = 0;
  private readonly released: number[] = []; // scratch: resources freed by a cancellation
  private readonly rosters: Rosters;
  /** event logs: the task a cancellation is told against (chooseAbortedTask) */
  private readonly abortedTask = { node: -1, team: -1, enabled: 0 };

  private readonly cases: CaseTable;
  private readonly tokens: TokenPool;
  private readonly joins: Pool<JoinRecord, null>;
  private caseSerial = 0;
  /** per flow with cancel_after: open cases in arrival order, i.e. in deadline order */
  private readonly cancelLine: Fifo[]; // (case id, serial)
  /** per flow: cases may be cancelled, so their live tokens must be findable */
  private readonly cancellable: Uint8Array;
  /**
   * Milestones' flags of the flows whose KPIs start at a case's arrival (milestones.ts), held here too so that the loop
   * tests them without a load through the milestones (hot path: CONTRIBUTING.md, rule 3). Where KPIs start and end at a
   * node is the node's own `kpiFrom` and `kpiTo` (ModelNode).
   */
  private readonly kpiFromArrival: Uint8Array;
  /**
   * Whether the model has a milestone (KPI) starting at a case's arrival, any flow with cancel_after, any rostered team: at an arrival and a freed
   * unit, a model without pays one field test for each instead of a typed array's load and bounds check (mm5 1M: 39 M
   * instructions fewer; docs/performance-notes.md, session 40; hot path: CONTRIBUTING.md, rule 3).
   */
  private readonly anyKpiAtArrival: boolean;
  private readonly anyCancel: boolean;
  private readonly anyRoster: boolean;
  private readonly queueEntries: WaitingTokens;
  private readonly standstill: StandstillWatch;
  private readonly layout: MetricLayout;
  /** The replication's key (a uint32) as the int32 of its bits, for the rehearsal (rehearse; docs/performance-notes.md, session 58). */
  private readonly repKeyBits: number; // Hot path: CONTRIBUTING.md, rule 1 (a uint32 above 2^31 is no small integer)

  constructor(
    private readonly model: Model,
    layout: MetricLayout,
    private readonly replication: number,
    repKey: number,
    /** event logs only; null otherwise, and then each task pays one field test (hot path: CONTRIBUTING.md, rule 3) */
    private readonly observer: TaskObserver | null = null,
    /** cases in progress at once beyond which the replication stops (run-limits.ts) */
    private readonly maxWip: number = DEFAULT_MAX_WIP,
    /** a rehearsal's (window-rehearsal.ts): where its statistics' window opens; NaN for a replication, whose window opens at the model's warm-up */
    rehearsalWindow: number = Number.NaN,
  ) {
    const rehearsal = !Number.isNaN(rehearsalWindow);
    this.layout = layout;
    this.repKeyBits = repKey | 0;
    const calendars = model.calendars.map((periods) => new WorkCalendar(periods));
    this.calendars = calendars;
    this.calendar = model.resources.map((r) => (r.calendar < 0 ? WorkCalendar.ALWAYS : calendars[r.calendar]));
    this.onShift = model.resources.map((r, i) => (r.roster ? new WorkCalendar(coverage(r.roster)) : this.calendar[i]));
    const alwaysOn = alwaysOnFlags(this.calendar);
    this.alwaysOnShift = alwaysOnFlags(this.onShift);
    const continuous = Uint8Array.from(model.resources, (res, r) =>
      alwaysOn[r] === 1 && this.alwaysOnShift[r] === 1 && !res.roster ? 1 : 0,
    );
    const nodesPerFlow = largest(
      model.flows.map((f) => (f.nodes.some((id) => model.nodes[id].revisits) ? f.nodes.length : 0)),
      0,
    );
    const kpisPerFlow = largest(
      model.flows.map((f) => f.kpis.length),
      0,
    );
    this.cases = new CaseTable(nodesPerFlow, kpisPerFlow, undefined, this);
    // Hours off shift come only from a team that is not around the clock, at joins only after a fork, automated only from a task without a team.
    const historyBeyondWork =
      continuous.includes(0) || model.nodes.some((n) => n.kind === NODE_KIND.fork || (n.kind === NODE_KIND.task && n.resource < 0));
    this.recorder = new Recorder(
      model,
      layout,
      this.clock,
      this.calendar,
      alwaysOn,
      this.cases,
      historyBeyondWork,
      rehearsal ? rehearsalWindow : model.warmup,
      rehearsal,
    );
    this.milestones = new Milestones(model, this.clock, this.recorder, this.cases);
    this.queue = new EventQueue(model.horizon);
    this.durationKey = Int32Array.from(model.nodes, (n) => streamKey(repKey, n.durationHash));
    this.branchKey = Int32Array.from(model.nodes, (n) => streamKey(repKey, n.branchHash));
    this.streams = model.arrivals.map((a) => {
      const start = model.flows[a.flow].start;
      return newStreamState(a, model.nodes[start], this.recorder.nodes[start], streamKey(repKey, a.hash));
    });
    this.teams = model.resources.map((res, r) =>
      newTeamState(
        res.roster ? res.roster.capacity[0] : res.capacity,
        new ResourceQueue(model.priorities.length),
        this.recorder.queueLength[r],
        alwaysOn[r],
        continuous[r],
        this.recorder.busyFromService[r],
      ),
    );
    this.tokens = new Pool(newToken, model.nodes[0]); // a token's first task: any of the model's nodes, read only once set
    this.queueEntries = new WaitingTokens(this.tokens);
    this.joins = new Pool(newJoinRecord, null);
    this.cancelLine = model.flows.map(() => new Fifo());
    this.cancellable = Uint8Array.from(model.flows, (f) => (f.cancelAfter === Infinity ? 0 : 1));
    this.kpiFromArrival = this.milestones.startAtArrival;
    this.anyKpiAtArrival = this.kpiFromArrival.includes(1);
    this.anyCancel = this.cancellable.includes(1);
    this.rosters = new Rosters(model);
    this.anyRoster = this.rosters.rostered.includes(1);
    this.standstill = new StandstillWatch(this.clock, model);
  }

  /** The whole replication at once. */
  run(): ReplicationStats {
    this.start();
    this.advance(Number.POSITIVE_INFINITY);
    return this.finish();
  }

  /**
   * The first events: each stream's first arrival, each team's first shift and roster step (and, before a thread's
   * first replication that reaches them, the loop's rare statistics and the horizon's warmed up: thread-warm-ups.ts,
   * the horizon's left to the caller with `horizonWarmUpLater`, warmUpHorizon; before a thread's first with a
   * warm-up, its window rehearsed: window-rehearsal.ts).
   */
  start(horizonWarmUpLater = false): void {
    warmUpThread(this.model, horizonWarmUpLater);
    const opens = claimRehearsal(this.model, this.observer !== null);
    if (!Number.isNaN(opens)) this.rehearse(opens, horizonWarmUpLater);
    this.model.arrivals.forEach((a, s) => (a.after > 0 ? this.scheduleOtherArrival(s, a.after) : this.scheduleArrival(s)));
    this.model.resources.forEach((_, r) => this.scheduleShiftStart(r, 0));
    this.model.resources.forEach((res, r) => res.roster && this.scheduleCapacityChange(r));
  }

  /**
   * The horizon's statistics warmed up now, if the thread has not yet and the model expects many completions: what
   * `start(true)` left (thread-warm-ups.ts, warmUpHorizon; under `underLowered`'s budget where it can). No number changes.
   */
  warmUpHorizon(underLowered: UnderLoweredBudget | null = null): void {
    warmUpHorizon(this.model, underLowered);
  }

  /** A scratch simulation of this replication whose window opens at `opens`, its statistics dropped (window-rehearsal.ts). */
  private rehearse(opens: number, horizonWarmUpLater: boolean): void {
    const rehearsal = new Simulation(this.model, this.layout, this.replication, this.repKeyBits >>> 0, null, this.maxWip, opens);
    // Its first slice's cases enter their flows through enter, not arrive's shortcut for a plain start, and the later
    // slices' through the shortcut, which the replication takes: arrive has type feedback for both ways before V8
    // optimises it, and a later replication of a variant whose start is not plain (the fiber scenario's zero_touch)
    // runs it without deoptimising. The shortcut's own stores had none when the whole rehearsal went through enter: a
    // pool thread's advance, optimised in the rehearsal, deoptimised at its replication's first arrival (mm5-variant,
    // `-w 2`). A model none of whose flows starts at a plain task sends the first case after that slice to a plain task
    // of its flow instead, where it has one, through the shortcut: a pool thread whose first task was such a variant
    // deoptimised arrive at its first replication of another (the fiber scenario, `-w 2`; docs/performance-notes.md,
    // session 59). One case: the others go their own way, as in the replication, and their feedback with them (a
    // second slice so sent left the milestones' ends, which its cases reach late, to deoptimise instead). The flags
    // are the model's own, set back after: a copy of its nodes would be a second shape for the loop's loads (hot path:
    // CONTRIBUTING.md, rules 1 and 9). The case's start is the rehearsal's own (its streams: throughShortcut).
    const { flows, nodes } = this.model;
    const starts = flows.map((f) => f.start);
    const plainStarts = starts.map((id) => nodes[id]).filter((n) => n.plainTask);
    const plainInstead = flows.map((f) => f.nodes.find((id) => nodes[id].plainTask) ?? f.start);
    const viaShortcut = plainStarts.length === 0 && plainInstead.some((id, f) => id !== starts[f]);
    for (const n of plainStarts) n.plainTask = false;
    try {
      rehearsal.start(horizonWarmUpLater);
      const progress = new RehearsalProgress();
      for (let slice = 1; rehearsal.events < REHEARSAL_EVENTS; slice++) {
        progress.record(rehearsal.recorder.completionTally());
        if (progress.reached() || rehearsal.advance(256)) break;
        for (const n of plainStarts) n.plainTask = true;
        if (slice === 1 && viaShortcut && rehearsal.throughShortcut(plainInstead)) break;
      }
      rehearsal.finish(); // the horizon's statistics on its few cases: their code has its type feedback too
    } catch (error) {
      // What stops the model's run (too many cases in progress, a standstill) stops the replication too, which
      // reports it; anything else is a fault of the rehearsal, which must not pass unseen.
      if (!(error instanceof ReplicationStopped)) throw error;
      rehearsal.recorder.releaseStores();
    } finally {
      for (const n of plainStarts) n.plainTask = true;
    }
  }

  /**
   * A rehearsal's next case sent to `plainStarts[f]` for its flow f (arrive's shortcut, where that is a plain task); true
   * once the horizon is reached (rehearse). arrive reads a case's start from its stream's state (StreamState.start, made
   * with this Simulation), not from the model: each stream's state is stood in for by one of the same shape
   * (newStreamState) starting there, its counts carried over and back, so that no field of the model nor of a
   * StreamState is written after it was made (V8 compiles a field never written since as a constant, and throws that
   * code away at its first write; hot path: CONTRIBUTING.md, rule 9).
   */
  private throughShortcut(plainStarts: readonly number[]): boolean {
    const streams = this.streams;
    const own = streams.slice();
    own.forEach((st, s) => {
      const start = plainStarts[st.arrival.flow];
      const instead = newStreamState(st.arrival, this.model.nodes[start], this.recorder.nodes[start], st.key);
      instead.count = st.count;
      instead.candidates = st.candidates;
      streams[s] = instead;
    });
    const serial = this.caseSerial;
    let ended = false;
    try {
      while (this.caseSerial === serial && !ended) ended = this.advance(1);
    } finally {
      own.forEach((st, s) => {
        st.count = streams[s].count;
        st.candidates = streams[s].candidates;
        streams[s] = st;
      });
    }
    return ended;
  }

  /**
   * The next `budget` events at most; true once the horizon is reached. A thread that must
   * also answer (Ctrl-C in the command line's own thread) runs a replication in slices
   * (replicate.ts); slicing changes no event, so no number.
   */
  advance(budget: number): boolean {
    const queue = this.queue;
    const stop = this.events + budget;
    while (queue.hasDue()) {
      if (this.events >= stop) return false;
      queue.pop();
      this.clock.now = queue.poppedTime;
      this.events++;
      const subject = queue.poppedSubject;
      switch (queue.poppedKind) {
        case EVENT.arrival:
          this.arrive(subject);
          break;
        case EVENT.taskEnd:
          this.endTask(this.tokens.items[subject]);
          break;
        case EVENT.shiftStart:
          this.dispatch(subject);
          this.scheduleShiftStart(subject, this.clock.now);
          break;
        case EVENT.cancelCheck:
          this.cancelDue(subject);
          break;
        case EVENT.capacityChange:
          this.changeCapacity(subject);
          break;
        case EVENT.rosteredTaskEnd:
          this.endRosteredTask(subject);
          break;
      }
    }
    return true;
  }

  /** The bytes the completion stores reserve (Recorder.reservedBytes: what store-shelf.ts's stockShelf writes ahead). */
  reservedStoreBytes(): number[] {
    return this.recorder.reservedBytes();
  }

  /** Which completion stores' reservations (reservedStoreBytes' order) are being written ahead: each that is grows to a part of it meanwhile (Recorder.awaitReservations). No number changes. */
  awaitStoreReservations(stocked: readonly boolean[]): void {
    this.recorder.awaitReservations(stocked);
  }

  /** Between two `advance` calls: the completion stores onto the shelf's buffers that hold them (Recorder.rehomeStores). No number changes. */
  rehomeStores(): void {
    this.recorder.rehomeStores();
  }

  /** At the horizon: what is still under way is booked up to it, and the statistics assembled. */
  finish(): ReplicationStats {
    this.clock.now = this.model.horizon;
    for (const st of this.streams) this.recorder.countStreamArrivals(st.arrival.flow, st.count);
    this.closeBusyTime();
    this.countTasksInProgress();
    this.recordOpenCases();
    const stats = summariseReplication(this.recorder.closeAtHorizon(), this.replication, this.events);
    this.recorder.releaseStores();
    return stats;
  }

  // ---- arrivals -------------------------------------------------------------------------

  /**
   * The stream's next arrival after now: the k-th interarrival draw, or thinning under a weekly
   * profile. Like `drawWork`, it stores the time where it goes instead of returning it. An
   * exponential gap without a profile is drawn here with sampleAt's arithmetic written out, as
   * drawWork draws a task's; any other out of line: sampleAt's 140 bytes of bytecode left arrive
   * no inlining budget for firstHash, whose call then cost more than its hash (hot path:
   * CONTRIBUTING.md, rule 3). A stream with a count of `cases` goes out of line too, so that its
   * count costs the others no test.
   */
  private scheduleArrival(stream: number): void {
    const st = this.streams[stream];
    const a = st.arrival;
    const s = a.interarrival;
    if (a.outOfLine) {
      this.scheduleOtherArrival(stream, this.clock.now);
      return;
    }
    const queue = this.queue;
    // 2 ** -32 written out, here and in choose and drawWork: stream.ts' TWO_POW_MINUS_32 is a load in the bundle (hot path: CONTRIBUTING.md, rule 3)
    queue.at = this.clock.now - s.a * Math.log(((firstHash(st.key, st.count, 0) >>> 0) + 0.5) * 2 ** -32);
    if (queue.at <= a.until) queue.push(EVENT.arrival, stream);
  }

  /**
   * scheduleArrival's rest: the stream's next arrival after `from` (now, or its `after` for its
   * first), unless it has brought its `cases`; a gap of any distribution (in its calendar's open
   * hours when it has one), or a weekly profile's thinning. The draws are keyed by the count of
   * cases as in the line, so `after`, `cases` and `calendar` move or cut the stream's arrivals
   * without changing them.
   */
  private scheduleOtherArrival(stream: number, from: number): void {
    const st = this.streams[stream];
    const a = st.arrival;
    if (st.count >= a.cases) return;
    const queue = this.queue;
    if (a.profile === null) {
      sampleAt(a.interarrival, this.draws, st.key, st.count, 0);
      queue.at = a.calendar < 0 ? from + this.draws.value : this.calendars[a.calendar].addWorkingTime(from, this.draws.value);
    } else this.profiledArrivalAfter(stream, from);
    if (queue.at <= a.until) queue.push(EVENT.arrival, stream);
  }

  /** Lewis-Shedler thinning from `from`: candidates at the peak rate, each kept with the profile's relative rate. The arrival's time into `queue.at`. */
  private profiledArrivalAfter(stream: number, from: number): void {
    const st = this.streams[stream];
    const a = st.arrival;
    const key = st.key;
    const profile = a.profile!;
    const meanGap = a.interarrival.a / a.profileMax; // exponential at the peak rate
    const u = this.draws;
    let t = from;
    while (t <= a.until) {
      u.at(key, st.candidates++, 1);
      t -= meanGap * Math.log(u.uniform());
      const factor = profile[Math.floor(t % 168)];
      if (u.uniform() * a.profileMax < factor) break;
    }
    this.queue.at = t;
  }

  /**
   * The case table made new case id `c` (ids are reused, so that many cases are in progress at
   * once), from its `watchFrom` on: the cap on cases in progress, then a look at the heap
   * (run-limits.ts heapFull), which stops the replication from MEMORY_LOOK_FROM cases on. The
   * first EARLY_LOOKS new ids all come here; the next look is due at MEMORY_LOOK_FROM, then
   * MEMORY_LOOK_EVERY new ids on, or at the cap.
   */
  newCaseId(c: number): void {
    if (c >= this.maxWip) throw overloaded(this.model, this.clock.now, this.maxWip, (r) => this.teams[r].queue.waiting);
    if (c + 1 < EARLY_LOOKS) return;
    const full = heapFull(this.model, (r) => this.teams[r].queue.waiting);
    if (full !== null && c >= MEMORY_LOOK_FROM) throw full;
    this.cases.watchFrom = Math.min(this.maxWip, Math.max(MEMORY_LOOK_FROM, c + MEMORY_LOOK_EVERY));
  }

  private arrive(stream: number): void {
    const st = this.streams[stream];
    const a = st.arrival;
    const cases = this.cases;
    const c = cases.acquire(); // a new id past the cap or the next look at the heap comes to newCaseId
    cases.flow[c] = a.flow;
    cases.serial[c] = this.caseSerial++;
    cases.arrival[c] = this.clock.now;
    const key = combineInt32(st.hash, st.count++);
    this.scheduleArrival(stream);

    this.recorder.countArrival(a.flow);
    if (this.anyKpiAtArrival && this.kpiFromArrival[a.flow] === 1) this.milestones.enter(c, -1);
    const token = this.newCaseToken(c, a.flow, key, a.priorityLevel);
    if (this.anyCancel && this.cancellable[a.flow] === 1) this.registerCancellation(c, token); // Hot path: CONTRIBUTING.md, rule 3
    const node = st.start;
    // `=== true`: V8 compiles a bare boolean field's test as any value's truthiness, some ten instructions when true (hot path: CONTRIBUTING.md, rule 3)
    if (node.plainTask === true) {
      // enter's steps for a plain task (ModelNode.plainTask; a new case's token is in no fork), written here: enter is too
      // large to inline, and a shortcut in it that V8 inlined weighed on every caller's budget (hot path: CONTRIBUTING.md, rule 3).
      // Not counted as a routing step (run-limits.ts StandstillWatch): an arrival is no step of a zero-time loop, whose
      // steps are enter's, and a stream brings finitely many cases at an instant (validate-arrivals.ts).
      token.task = node;
      token.tally = st.startTally;
      token.visit = 0;
      this.request(token, node, node.resource);
    } else this.enter(token, node.id);
  }

  // ---- routing --------------------------------------------------------------------------

  /** Move a token into a node and on through decisions and forks until it waits or works. */
  private enter(token: Token, nodeId: number): void {
    const nodes = this.model.nodes;
    const c = token.caseId;
    const standstill = this.standstill;
    for (;;) {
      if (++standstill.steps >= standstill.limit) standstill.check(nodeId); // zero-time loops (run-limits.ts); hot path: CONTRIBUTING.md, rule 3
      if (token.join >= 0 && !this.passJoins(token, nodeId)) return; // Hot path: CONTRIBUTING.md, rule 3
      const node = nodes[nodeId];
      const visit = node.revisits ? this.cases.visit(c, node.local) : 0;
      if (node.kpiFrom) this.milestones.enter(c, nodeId);
      if (node.kind === NODE_KIND.task) {
        token.task = node;
        token.tally = this.recorder.nodes[nodeId];
        token.visit = visit;
        if (node.resource < 0) this.startTask(token, node, -1);
        else if (node.pool === null) this.request(token, node, node.resource);
        else this.requestPool(token, node.pool);
        return;
      }
      this.recorder.countPass(nodeId);
      if (node.kpiTo) this.milestones.leave(c, nodeId);
      nodeId = node.kind === NODE_KIND.decision ? this.choose(node, token.caseKey, visit) : this.fork(token, node);
    }
  }

  /**
   * A token of a fork reached node `nodeId`: when that is its join (nested forks may share one), it
   * merges there; the last one in goes on, into the outer fork's join too. False: the token stopped.
   */
  private passJoins(token: Token, nodeId: number): boolean {
    while (token.join >= 0 && this.joins.items[token.join].node === nodeId) {
      if (!this.arriveAtJoin(token)) return false;
    }
    return true;
  }

  /**
   * The branch of the case's visit `visit` (0: its first): the same uniform for the same (node, case,
   * visit) in every variant, whichever probabilities it is compared with. A decision with p per
   * visit reads its visit's class (a null test on the others; hot path: CONTRIBUTING.md, rule 3).
   */
  private choose(node: ModelNode, caseKey: number, visit: number): number {
    const u = ((firstHash(this.branchKey[node.id], caseKey, visit) >>> 0) + 0.5) * 2 ** -32; // Hot path: CONTRIBUTING.md, rule 2
    const cum = node.visitCum === null ? node.branchCum : visitClass(node.visitCum, visit);
    if (cum.length > 8) return node.branchTo[firstAbove(cum, u)];
    let i = 0;
    while (u >= cum[i] && i < cum.length - 1) i++;
    return node.branchTo[i];
  }

  /**
   * Start one token per parallel branch. The branches ask for their teams in the order listed
   * (a tie for a unit goes to the earlier branch, as in other simulators): new tokens enter all but
   * the last, and the calling token, whose loop goes on after this returns, takes the last.
   */
  private fork(token: Token, node: ModelNode): number {
    const record = this.joins.acquire();
    const last = node.parallel.length - 1;
    record.remaining = node.parallel.length;
    record.node = node.join;
    record.parent = token.join;
    record.firstArrival = NaN;
    token.join = record.id;
    for (let i = 0; i < last; i++) {
      this.enter(this.branchToken(token, record.id), node.parallel[i]);
    }
    return node.parallel[last];
  }

  /** True when this token is the last one in: it carries the case on past the join. */
  private arriveAtJoin(token: Token): boolean {
    const record = this.joins.items[token.join];
    if (Number.isNaN(record.firstArrival)) record.firstArrival = this.clock.now;
    if (--record.remaining > 0) {
      this.retireToken(token);
      return false;
    }
    // The last branch in is the critical one: its history becomes the case's.
    token.joinHours += this.clock.now - record.firstArrival;
    token.join = record.parent;
    record.node = -1;
    this.joins.release(record);
    return true;
  }

  // ---- resources and tasks ----------------------------------------------------------------

  /**
   * The token asks team r for a unit. Its team's fields read through `this.teams[r]` each time, not a local: at 225 bytes
   * of bytecode V8 inlined request into arrive, whose budget then left the pools' acquire, the queue's push and the queue
   * length's increment out of line (mm5 1M: arrive and those 23 M instructions more than arrive and request; hot path:
   * CONTRIBUTING.md, rule 3).
   */
  private request(token: Token, node: ModelNode, r: number): void {
    token.enqueued = this.clock.now;
    const queue = this.teams[r].queue;
    if (
      queue.waiting === 0 &&
      this.teams[r].busy < this.teams[r].capacity &&
      (this.teams[r].alwaysOn === 1 || this.calendar[r].isWorking(this.clock.now))
    ) {
      this.startTask(token, node, r);
      this.updateSaturation(r);
    } else {
      token.state = TOKEN_STATE.waiting;
      token.ticket = ++this.ticket;
      queue.push(token.priorityLevel, token.id, token.ticket);
      this.teams[r].queueLength.increment();
      if (this.teams[r].saturated === 0) this.setSaturated(r, 1); // a case waits: saturated, whatever else holds
    }
  }

  /**
   * A task of a skill pool: the first listed team with a free unit on shift takes it; when
   * none has one, the token waits in every listed team's queue under one ticket, and the
   * first team to free a unit for it takes it (the other entries then go stale).
   */
  private requestPool(token: Token, pool: number[]): void {
    const now = this.clock.now;
    token.enqueued = now;
    for (const r of pool) {
      const team = this.teams[r];
      if (team.queue.waiting === 0 && team.busy < team.capacity && this.calendar[r].isWorking(now)) {
        this.startTask(token, token.task, r);
        this.updateSaturation(r);
        return;
      }
    }
    token.state = TOKEN_STATE.waiting;
    token.ticket = ++this.ticket;
    const level = token.priorityLevel;
    for (const r of pool) {
      const team = this.teams[r];
      team.queue.push(level, token.id, token.ticket);
      team.queueLength.increment();
      this.updateSaturation(r);
    }
  }

  /** Team `taken` took a pooled token: it leaves the other teams' queues (their entries are stale now). */
  private leavePool(pool: number[], taken: number): void {
    for (const r of pool) {
      if (r === taken) continue;
      const team = this.teams[r];
      team.queue.forget(this.queueEntries);
      team.queueLength.decrement();
      this.updateSaturation(r);
    }
  }

  /** The shifting-bottleneck method's "active" periods: a team is saturated while all its units are busy or cases wait. */
  private updateSaturation(r: number): void {
    const team = this.teams[r];
    const capacity = team.capacity;
    const saturated =
      team.queue.waiting > 0 || (this.anyRoster && this.rosters.pausedCount[r] > 0) || (capacity > 0 && team.busy >= capacity) ? 1 : 0;
    if (saturated !== team.saturated) this.setSaturated(r, saturated);
  }

  /** Out of line: called at few of the updates (hot path: CONTRIBUTING.md, rule 3). */
  private setSaturated(r: number, saturated: number): void {
    this.teams[r].saturated = saturated;
    this.recorder.markSaturated(r, saturated === 1);
  }

  /**
   * Hand free units of resource r to waiting tokens, if r is working now; then r's saturation
   * is brought up to date. Every caller needs that next: done here, it weighs on this method's
   * inlining budget only, not on the loop's (endTask's) (hot path: CONTRIBUTING.md, rule 3).
   */
  private dispatch(r: number): void {
    if (this.anyRoster && this.rosters.pausedCount[r] > 0) this.resumePaused(r); // paused work goes before any waiting case
    const team = this.teams[r];
    const queue = team.queue;
    const capacity = team.capacity;
    if (queue.waiting > 0 && (team.alwaysOn === 1 || this.calendar[r].isWorking(this.clock.now))) {
      while (team.busy < capacity && queue.waiting > 0) {
        const token = this.tokens.items[queue.pop(this.queueEntries)];
        team.queueLength.decrement();
        const node = token.task;
        this.startTask(token, node, r);
        if (node.pool !== null) this.leavePool(node.pool, r);
      }
    }
    this.updateSaturation(r);
  }

  /** Team r (-1: none, automated) starts the token's task now. */
  private startTask(token: Token, node: ModelNode, r: number): void {
    const now = this.clock.now;
    this.drawWork(token, node);
    token.state = TOKEN_STATE.inTask;
    token.start = now;
    token.team = r;
    this.recorder.endWait(r, token);
    if (this.observer !== null) this.observeStart(token, node);
    if (r < 0) {
      if (node.outOfLine) {
        if (node.untilAge)
          this.startUntilAge(token, node.calendar); // Hot path: CONTRIBUTING.md, rule 3
        else this.startInHours(token, node.calendar);
        return;
      }
      this.queue.at = now + token.work;
    } else if (this.teams[r].continuous === 1) {
      this.teams[r].busy++;
      token.since = now;
      // Around the clock a wait is all working time; its off-shift part, 0, is not added (no history holds -0).
      if (now > token.enqueued) token.waitHours += now - token.enqueued;
      this.queue.at = now + token.work;
    } else {
      this.startOnShift(token, r); // Hot path: CONTRIBUTING.md, rule 3
      return;
    }
    this.queue.push(EVENT.taskEnd, token.id);
  }

  /**
   * startTask's rest for an automated task with a calendar: its work elapses in the calendar's
   * open hours only, from the next opening when it starts in a closed hour. The hours it spends
   * closed are off shift, booked now: its end is known, and a task cut short (its case cancelled)
   * leaves no history.
   */
  private startInHours(token: Token, calendar: number): void {
    const now = this.clock.now;
    const end = this.calendars[calendar].addWorkingTime(now, token.work);
    if (end !== now + token.work) token.offShiftHours += end - now - token.work;
    this.queue.at = end;
    this.queue.push(EVENT.taskEnd, token.id);
  }

  /**
   * startTask's rest for an automated task with `until: case_age`: the drawn duration (its key and
   * draw as any task's: common random numbers) is the case's age at which the task ends, from the
   * case's arrival, in the calendar's open hours when it has one (-1: hours of the clock); a case
   * already that old passes at once. Its work becomes the time it takes, so the breakdown adds up
   * (with a calendar: the open hours it spans, the closed ones off shift).
   */
  private startUntilAge(token: Token, calendar: number): void {
    const now = this.clock.now;
    const arrival = this.cases.arrival[token.caseId];
    const end = calendar < 0 ? arrival + token.work : this.calendars[calendar].addWorkingTime(arrival, token.work);
    if (end > now) {
      const open = calendar < 0 ? end - now : this.calendars[calendar].workingBetween(now, end);
      if (open !== end - now) token.offShiftHours += end - now - open;
      token.work = open;
      this.queue.at = end;
    } else {
      token.work = 0;
      this.queue.at = now;
    }
    this.queue.push(EVENT.taskEnd, token.id);
  }

  /** startTask's rest for a team with a calendar or a roster: its wait splits into working time and time off shift. */
  private startOnShift(token: Token, r: number): void {
    const now = this.clock.now;
    this.teams[r].busy++;
    token.since = now;
    const enqueued = token.enqueued;
    const onShift = this.alwaysOnShift[r] === 1 ? (now > enqueued ? now - enqueued : 0) : this.onShift[r].workingBetween(enqueued, now);
    token.waitHours += onShift;
    token.offShiftHours += now - enqueued - onShift;
    if (this.rosters.rostered[r] === 1) this.rosterStart(token, r);
    else {
      this.queue.at = this.teams[r].alwaysOn === 1 ? now + token.work : this.calendar[r].addWorkingTime(now, token.work);
      this.queue.push(EVENT.taskEnd, token.id);
    }
  }

  /**
   * The task's duration, keyed by (node, case, visit); stored, not returned (hot path: CONTRIBUTING.md, rule 2).
   * An exponential is drawn here with sampleAt's own arithmetic (distributions.ts), written out: one
   * out-of-line call less per task (probe.js mm5 600000: 3,219 -> 3,193 M instructions; the same line
   * behind a shared function measured no gain; hot path: CONTRIBUTING.md, rule 3).
   */
  private drawWork(token: Token, node: ModelNode): void {
    const s = node.duration!;
    const key = this.durationKey[node.id];
    if (s.kind === DIST.exponential) token.work = -s.a * Math.log(((firstHash(key, token.caseKey, token.visit) >>> 0) + 0.5) * 2 ** -32);
    else {
      sampleAt(s, this.draws, key, token.caseKey, token.visit);
      token.work = this.draws.value;
    }
  }

  private endTask(token: Token): void {
    if (token.state === TOKEN_STATE.cancelled) {
      this.freeToken(token); // its case was cancelled mid-task: the event outlived it
      return;
    }
    const node = token.task;
    const c = token.caseId;
    this.recorder.endService(token);
    if (this.observer !== null)
      this.observer.taskEnd(
        this.cases.serial[c],
        node.id,
        token.team,
        this.enabledAt(token, node),
        token.start,
        this.clock.now,
        token.work,
      );
    if (node.kpiTo) this.milestones.leave(c, node.id);
    const r = token.team;
    const next = node.next; // read before dispatch's call, after which V8 would check the node's map again (hot path: CONTRIBUTING.md, rule 3)
    this.addTaskTime(r, token);
    token.state = TOKEN_STATE.routing;
    if (r >= 0) {
      this.freeUnitAndBookBusyTime(token, r);
      this.dispatch(r); // those already waiting go first, even if this token comes back
    }
    if (next >= 0) this.enter(token, next);
    else this.finishToken(token, c);
  }

  /**
   * Kept out of startTask: only event logs need it. A task that a calendar (its team's, or an
   * automated task's own) will pause is told its closed stretches now, as its end is known: the
   * end startTask computes next, computed here the same way.
   */
  private observeStart(token: Token, node: ModelNode): void {
    const observer = this.observer!;
    const serial = this.cases.serial[token.caseId];
    const now = this.clock.now;
    const enabled = this.enabledAt(token, node);
    observer.taskStart(serial, node.id, token.team, enabled, now);
    if (observer.taskOffShift === undefined) return;
    const r = token.team;
    const calendar =
      r >= 0 ? (this.teams[r].alwaysOn === 1 ? null : this.calendar[r]) : node.calendar >= 0 ? this.calendars[node.calendar] : null;
    if (calendar === null) return; // around the clock, or a roster (whose pauses are told as they come)
    // startUntilAge's end: the case's age in the calendar's hours, from its arrival; startInHours' and startOnShift's: the work from now
    const end = node.untilAge
      ? calendar.addWorkingTime(this.cases.arrival[token.caseId], token.work)
      : calendar.addWorkingTime(now, token.work);
    const closed = calendar.closedBetween(now, end);
    if (closed.length > 0) observer.taskOffShift(serial, node.id, r, enabled, now, closed);
  }

  /** A team's task was enabled when its token queued; an automated one starts as it is enabled. */
  private enabledAt(token: Token, node: ModelNode): number {
    return node.resource < 0 ? token.start : token.enqueued;
  }

  /**
   * A team's task is service plus any pause off shift; an automated one is just itself. A task
   * that ended when it would have without a pause (always, around the clock) paused for exactly
   * 0 hours: `now - start - work` would leave the rounding of `start + work`, a few 1e-15 h either side.
   */
  private addTaskTime(r: number, token: Token): void {
    if (r < 0) token.automatedHours += token.work;
    else {
      token.serviceHours += token.work;
      if (this.teams[r].continuous === 0) this.addPause(token); // around the clock a task ends at start + work exactly: no pause
    }
  }

  /** A calendar or roster team's task: the time it spent paused off shift. */
  private addPause(token: Token): void {
    const now = this.clock.now;
    if (now !== token.start + token.work) token.offShiftHours += now - token.start - token.work;
  }

  /**
   * The unit of r that held the token is free again; the hours it worked for the token are booked. The flow is read
   * where it is booked, not by endTask at every task's end (hot path: CONTRIBUTING.md, rule 3).
   */
  private freeUnitAndBookBusyTime(token: Token, r: number): void {
    const team = this.teams[r];
    team.busy--;
    if (this.anyRoster && this.rosters.rostered[r] === 1) this.rosters.leave(r, token.id);
    if (team.busyFromService === 0) this.recorder.bookBusyTime(r, token.flow, token); // else booked at the horizon (Recorder.busyFromService)
  }

  private scheduleShiftStart(r: number, after: number): void {
    const cal = this.calendar[r];
    if (cal.alwaysOn) return;
    const t = cal.nextPeriodStart(after);
    if (t <= this.model.horizon) {
      this.queue.at = t;
      this.queue.push(EVENT.shiftStart, r);
    }
  }

  // ---- rosters: capacity that varies over the week ----------------------------------------

  /** A rostered task runs on continuous time: a capacity drop pauses it explicitly. */
  private rosterStart(token: Token, r: number): void {
    this.recorder.endRosteredWait(r, token);
    token.left = token.work;
    this.rosters.take(r, token.id);
    this.scheduleRosteredEnd(token);
  }

  private scheduleRosteredEnd(token: Token): void {
    token.slot = this.rosters.slotFor(token.id);
    this.queue.at = this.clock.now + token.left;
    this.queue.push(EVENT.rosteredTaskEnd, token.slot);
  }

  /** A pending end stands while its token still holds that slot: a pause or a cancellation let it go. */
  private endRosteredTask(slot: number): void {
    const token = this.tokens.items[this.rosters.releaseSlot(slot)];
    if (token.slot !== slot) return; // paused since (its new end has another slot), or cancelled while paused
    token.slot = -1;
    this.endTask(token);
  }

  private scheduleCapacityChange(r: number): void {
    const t = this.rosters.nextStep(r);
    if (t <= this.model.horizon) {
      this.queue.at = t;
      this.queue.push(EVENT.capacityChange, r);
    }
  }

  /**
   * A step of team r's roster. When capacity drops below the units busy, the tasks that took
   * their units most recently pause, keeping their remaining work; they resume before any
   * waiting case, in the order they paused, as soon as capacity allows (dispatch).
   */
  private changeCapacity(r: number): void {
    const capacity = this.rosters.upcomingCapacity(r);
    this.teams[r].capacity = capacity;
    if (this.teams[r].busy > capacity) {
      const paused = this.rosters.pauseLatest(r, this.teams[r].busy - capacity, this.tokens, this.clock.now);
      for (const id of paused) this.pause(this.tokens.items[id], r);
      this.updateSaturation(r);
    } else {
      this.dispatch(r);
    }
    this.scheduleCapacityChange(r);
  }

  private pause(token: Token, r: number): void {
    this.recorder.bookBusyTime(r, token.flow, token); // it worked until now (a roster's team: never busyFromService's)
    this.teams[r].busy--;
    token.left -= this.clock.now - token.since;
    token.state = TOKEN_STATE.paused;
    token.slot = -1;
    if (this.observer !== null) this.observePause(token, r);
  }

  /** Kept out of pause and resumePaused: only event logs need it. */
  private observePause(token: Token, r: number): void {
    const node = token.task;
    this.observer!.taskSuspend(this.cases.serial[token.caseId], node.id, r, this.enabledAt(token, node), token.start, this.clock.now);
  }

  private observeResume(token: Token, r: number): void {
    const node = token.task;
    this.observer!.taskResume(this.cases.serial[token.caseId], node.id, r, this.enabledAt(token, node), token.start, this.clock.now);
  }

  private resumePaused(r: number): void {
    while (this.teams[r].busy < this.teams[r].capacity) {
      const id = this.rosters.nextPaused(r, this.tokens);
      if (id < 0) return;
      const token = this.tokens.items[id];
      token.state = TOKEN_STATE.inTask;
      token.since = this.clock.now;
      this.teams[r].busy++;
      this.rosters.take(r, id);
      this.scheduleRosteredEnd(token);
      if (this.observer !== null) this.observeResume(token, r);
    }
  }

  // ---- tokens and cases -------------------------------------------------------------------

  /** A new token of case c (of `flow`, with its random key and priority level), its history still to be written (a new case's is empty, a fork's branch's its parent's). */
  private newToken(c: number, flow: number, key: number, priorityLevel: number, join: number): Token {
    const token = this.tokens.acquire();
    token.caseId = c;
    token.flow = flow;
    token.caseKey = key;
    token.priorityLevel = priorityLevel;
    token.join = join;
    token.state = TOKEN_STATE.routing;
    return token;
  }

  /** A new case's first token, its only live one: no history yet. */
  private newCaseToken(c: number, flow: number, key: number, priorityLevel: number): Token {
    const token = this.newToken(c, flow, key, priorityLevel, -1);
    token.serviceHours = 0;
    token.waitHours = 0;
    token.offShiftHours = 0;
    token.joinHours = 0;
    token.automatedHours = 0;
    this.cases.liveTokens[c] = 1;
    return token;
  }

  /** A fork's branch starts with the history of the token that forked. */
  private branchToken(parent: Token, join: number): Token {
    const c = parent.caseId;
    const token = this.newToken(c, parent.flow, parent.caseKey, parent.priorityLevel, join);
    token.serviceHours = parent.serviceHours;
    token.waitHours = parent.waitHours;
    token.offShiftHours = parent.offShiftHours;
    token.joinHours = parent.joinHours;
    token.automatedHours = parent.automatedHours;
    this.cases.liveTokens[c]++;
    if (this.cancellable[token.flow] === 1) this.linkToCase(token, c);
    return token;
  }

  /** Cases that may be cancelled list their live tokens (a list linked through the tokens). */
  private linkToCase(token: Token, c: number): void {
    const first = this.cases.firstToken[c];
    token.prevOfCase = -1;
    token.nextOfCase = first;
    if (first >= 0) this.tokens.items[first].prevOfCase = token.id;
    this.cases.firstToken[c] = token.id;
  }

  private unlinkFromCase(token: Token, c: number): void {
    if (token.prevOfCase >= 0) this.tokens.items[token.prevOfCase].nextOfCase = token.nextOfCase;
    else this.cases.firstToken[c] = token.nextOfCase;
    if (token.nextOfCase >= 0) this.tokens.items[token.nextOfCase].prevOfCase = token.prevOfCase;
  }

  /** The token is done (merged into a join, or its case ended or was cancelled). */
  private retireToken(token: Token): void {
    const c = token.caseId;
    this.cases.liveTokens[c]--;
    if (this.anyCancel && this.cancellable[token.flow] === 1) this.unlinkFromCase(token, c);
    this.freeToken(token);
  }

  private freeToken(token: Token): void {
    token.state = TOKEN_STATE.free;
    this.tokens.release(token);
  }

  /** A token reached an end; when it was the case's last, the case is complete. */
  private finishToken(token: Token, c: number): void {
    const last = this.cases.liveTokens[c] === 1;
    this.retireToken(token);
    if (!last) return;
    if (this.observer !== null) this.observeCaseEnd(c); // Hot path: CONTRIBUTING.md, rule 3
    this.cases.release(c);
    // The recorder's call last, where nothing follows it: after a call V8 checks the maps of what it reads again (hot
    // path: CONTRIBUTING.md, rule 3). The token and the case's arrival are still as they were: released, not reused yet.
    this.recorder.completeCase(c, token);
  }

  /**
   * Kept out of finishToken: only event logs need it, and its 65 bytes of bytecode weighed on endTask's inlining budget,
   * where completeCase then did not fit when V8 had optimised it first (docs/performance-notes.md, session 62).
   */
  private observeCaseEnd(c: number): void {
    this.observer!.caseEnd(this.cases.serial[c], this.cases.flow[c], this.clock.now, false, this.cases.arrival[c]);
  }

  // ---- cancellations -------------------------------------------------------------------------

  /** A case that may be cancelled lists its live tokens, the first one `token`, and waits for its deadline. */
  private registerCancellation(c: number, token: Token): void {
    const flow = this.cases.flow[c];
    const after = this.model.flows[flow].cancelAfter;
    const line = this.cancelLine[flow];
    this.cases.firstToken[c] = -1;
    this.linkToCase(token, c);
    line.push(c, this.cases.serial[c]);
    if (line.length === 1) {
      this.queue.at = this.clock.now + after;
      this.queue.push(EVENT.cancelCheck, flow);
    }
  }

  /**
   * Cancel every case of the flow whose deadline has come; wake again at the next deadline.
   * At a tie the case's own end wins: the check goes after every other event of this instant, those
   * they bring at it included (a step that takes no time, a case's end after it), so a case that
   * completes at its deadline's instant completes (docs/scenario-format.md, cancel_after). Other
   * flows' checks excepted: two would otherwise put each other off for ever. An event within the
   * clock's rounding after a due case's deadline is at its instant too (clock-rounding.ts: steps of
   * 0.1 h and 0.2 h end 0.30000000000000004 h after the arrival, `cancel_after: 0.3h` cancelled half
   * such cases): the check goes to its time, and there after every other event as at the deadline.
   */
  private cancelDue(flow: number): void {
    const now = this.clock.now;
    // the first look constant-time; the walk of the instant's events only at a tie
    if (this.queue.dueAtPoppedTime() && this.queue.dueAtPoppedTimeBut(EVENT.cancelCheck)) {
      this.queue.at = now;
      this.queue.push(EVENT.cancelCheck, flow);
      return;
    }
    const after = this.model.flows[flow].cancelAfter;
    const line = this.cancelLine[flow];
    const cases = this.cases;
    while (line.length > 0) {
      const c = line.headId();
      if (cases.serial[c] === line.headTicket()) {
        const deadline = cases.arrival[c] + after;
        if (deadline > now) {
          this.queue.at = deadline;
          this.queue.push(EVENT.cancelCheck, flow);
          return;
        }
        const next = this.queue.earliestIn(now, deadline + deadline * CLOCK.rounding);
        if (next !== Number.POSITIVE_INFINITY) {
          this.queue.at = next;
          this.queue.push(EVENT.cancelCheck, flow);
          return;
        }
        this.cancelCase(c);
      }
      line.shift(); // cancelled now, or completed already
    }
  }

  private cancelCase(c: number): void {
    const released = this.released;
    released.length = 0;
    const flow = this.cases.flow[c];
    const items = this.tokens.items;
    if (this.observer !== null) this.chooseAbortedTask(c);
    for (let id = this.cases.firstToken[c]; id >= 0; id = items[id].nextOfCase) this.abandon(items[id], released);
    for (let id = this.cases.firstToken[c]; id >= 0; ) {
      const token = items[id];
      id = token.nextOfCase; // read first: freeing the token may hand it out again
      this.releaseJoins(token.join);
      if (token.state !== TOKEN_STATE.cancelled) this.freeToken(token);
    }
    this.cases.firstToken[c] = -1;
    this.cases.liveTokens[c] = 0;
    this.recorder.countCancellation(c, flow);
    if (this.observer !== null) {
      const aborted = this.abortedTask;
      this.observer.caseAborted?.(this.cases.serial[c], aborted.node, aborted.team, aborted.enabled, this.clock.now);
      this.observer.caseEnd(this.cases.serial[c], flow, this.clock.now, true, this.cases.arrival[c]);
    }
    this.cases.release(c);
    // Only now, so that a freed unit cannot go to another token of the same case.
    for (const r of released) {
      this.dispatch(r);
    }
  }

  /**
   * Event logs only: the task case c's cancellation is told against (TaskObserver.caseAborted),
   * read before its tokens are given up: the first of its tokens that waits for a task, else the
   * first at work or paused; its flow's start, enabled at its arrival, should it have neither.
   */
  private chooseAbortedTask(c: number): void {
    const items = this.tokens.items;
    const chosen = this.abortedTask;
    chosen.node = this.model.flows[this.cases.flow[c]].start;
    chosen.team = -1;
    chosen.enabled = this.cases.arrival[c];
    let working = -1;
    for (let id = this.cases.firstToken[c]; id >= 0; id = items[id].nextOfCase) {
      const token = items[id];
      if (token.state === TOKEN_STATE.waiting) {
        const node = token.task;
        chosen.node = node.id;
        chosen.team = node.pool === null ? node.resource : -1;
        chosen.enabled = token.enqueued;
        return;
      }
      if (working < 0 && (token.state === TOKEN_STATE.inTask || token.state === TOKEN_STATE.paused)) working = id;
    }
    if (working >= 0) {
      const token = items[working];
      const node = token.task;
      chosen.node = node.id;
      chosen.team = token.team;
      chosen.enabled = this.enabledAt(token, node);
    }
  }

  /** Give up a queue place or a unit. A token mid-task stays allocated until its end event. */
  private abandon(token: Token, released: number[]): void {
    const r = token.team;
    if (token.state === TOKEN_STATE.waiting) {
      this.recorder.cutWait(token);
      token.state = TOKEN_STATE.routing; // its queue entries are now stale
      const node = token.task;
      for (const q of node.pool ?? [node.resource]) {
        this.teams[q].queue.forget(this.queueEntries);
        this.teams[q].queueLength.decrement();
        released.push(q);
      }
    } else if (token.state === TOKEN_STATE.paused) {
      this.recorder.cutService(token, token.work - token.left); // paused: its remaining work is `left`
      token.state = TOKEN_STATE.routing; // no end event stands for it, so it is freed with its case; its paused entry goes stale
      this.rosters.forgetPaused(r);
      if (this.observer !== null) this.observeAbandon(token);
      released.push(r);
    } else if (token.state === TOKEN_STATE.inTask) {
      this.recorder.cutService(token, this.workDone(token, r));
      token.state = TOKEN_STATE.cancelled;
      if (this.observer !== null) this.observeAbandon(token);
      if (r >= 0) {
        this.freeUnitAndBookBusyTime(token, r);
        released.push(r);
      }
    }
  }

  /**
   * The working hours a task in service has had so far, as its team's busy hours book them (bookBusyTime): a rostered
   * team's since its last resume plus those before its pauses; a team's or an automated task's calendar's open hours
   * since it started.
   */
  private workDone(token: Token, r: number): number {
    const now = this.clock.now;
    if (r >= 0 && this.rosters.rostered[r] === 1) return token.work - token.left + (now - token.since);
    if (r >= 0) return this.teams[r].alwaysOn === 1 ? now - token.since : this.calendar[r].workingBetween(token.since, now);
    const calendar = token.task.calendar;
    return calendar < 0 ? now - token.start : this.calendars[calendar].workingBetween(token.start, now);
  }

  private observeAbandon(token: Token): void {
    const node = token.task;
    this.observer!.taskAbandoned(
      this.cases.serial[token.caseId],
      node.id,
      token.team,
      this.clock.now,
      this.enabledAt(token, node),
      token.start,
    );
  }

  private releaseJoins(join: number): void {
    for (let j = join; j >= 0; ) {
      const record = this.joins.items[j];
      if (record.node < 0) return; // released already through a sibling token
      j = record.parent;
      record.node = -1;
      this.joins.release(record);
    }
  }

  /** At the horizon: cases not completed nor cancelled are censored (a released case's serial is -1). */
  private recordOpenCases(): void {
    const cases = this.cases;
    for (let c = 0; c < cases.size; c++) if (cases.serial[c] >= 0) this.recorder.countOpenCase(cases.flow[c], cases.arrival[c]);
    if (this.observer?.caseOpen !== undefined) this.observeOpenCases();
  }

  /** Event logs: the cases open at the horizon, in arrival order (case ids are reused, so not theirs). */
  private observeOpenCases(): void {
    const cases = this.cases;
    const open: number[] = [];
    for (let c = 0; c < cases.size; c++) if (cases.serial[c] >= 0) open.push(c);
    open.sort((a, b) => cases.serial[a] - cases.serial[b]);
    for (const c of open) this.observer!.caseOpen!(cases.serial[c], cases.flow[c], cases.arrival[c]);
  }

  /** At the horizon: the tasks started and neither ended nor cut, in service or paused (Recorder.countTaskInProgress). */
  private countTasksInProgress(): void {
    for (const token of this.tokens.items)
      if (token.state === TOKEN_STATE.inTask || token.state === TOKEN_STATE.paused) this.recorder.countTaskInProgress(token);
  }

  /** At the horizon: working hours of tasks still in progress count up to the horizon. */
  private closeBusyTime(): void {
    for (const token of this.tokens.items) {
      if (token.state !== TOKEN_STATE.inTask) continue;
      if (token.team >= 0) this.recorder.bookBusyTime(token.team, token.flow, token);
    }
  }
}

/** A queue entry stands while its token still waits under the ticket it was queued with. */
class WaitingTokens implements EntryCheck {
  constructor(private readonly tokens: TokenPool) {}

  isLive(token: number, ticket: number): boolean {
    const t = this.tokens.items[token];
    return t.state === TOKEN_STATE.waiting && t.ticket === ticket;
  }
}

/** A decision's cumulative probabilities on visit `visit` (0: the first): its class, the last one for every later visit. */
function visitClass(visitCum: number[][], visit: number): number[] {
  return visitCum[visit < visitCum.length ? visit : visitCum.length - 1];
}

/**
 * The first index whose cumulative probability exceeds u (the last index when none does),
 * by bisection: what the linear scan in `choose` finds, in log time for wide decisions.
 */
function firstAbove(cum: number[], u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u >= cum[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A team's state in the loop (Simulation.teams): its units in use and on hand, its queue and the queue length's time
 * average, and its constant flags (1 or 0): its calendar around the clock, around the clock at a fixed capacity
 * (no calendar, no roster: a wait is all working time, a task ends at start + work), its busy hours booked at the
 * horizon (Recorder.busyFromService). `saturated`: all units busy or cases waiting. Made by newTeamState, an object
 * literal, every field a small integer or an object from the start (hot path: CONTRIBUTING.md, rules 1 and 4).
 */
interface TeamState {
  busy: number;
  capacity: number;
  saturated: number;
  readonly queue: ResourceQueue;
  readonly queueLength: TimeAverage;
  readonly alwaysOn: number;
  readonly continuous: number;
  readonly busyFromService: number;
}

/**
 * An arrival stream in the loop (Simulation.streams): the model's arrival and its flow's start node with that node's
 * tally in this replication (Token.tally), this replication's stream key and the stream name's hash (which keys its
 * cases), and the cases it brought and thinning candidates it drew so far, as one object's fields, where four typed
 * arrays by stream cost each access its length's and data's loads and a bounds check (as TeamState), and the start node
 * two arrays' loads and checks (the model's flows and nodes). Made by
 * newStreamState, an object literal, the counts doubles from the start (hot path: CONTRIBUTING.md, rules 1 and 4).
 */
interface StreamState {
  readonly arrival: ModelArrival;
  readonly start: ModelNode;
  readonly startTally: NodeTally;
  readonly key: number;
  readonly hash: number;
  count: number;
  candidates: number;
}

/** The stream's key and hash as int32s, the bits the hashes read (as the Int32Arrays they were: hot path: CONTRIBUTING.md, rule 2). */
function newStreamState(arrival: ModelArrival, start: ModelNode, startTally: NodeTally, key: number): StreamState {
  return { arrival, start, startTally, key: key | 0, hash: arrival.hash | 0, count: -0, candidates: -0 }; // -0: a double from the start, counted as 0
}

function newTeamState(
  capacity: number,
  queue: ResourceQueue,
  queueLength: TimeAverage,
  alwaysOn: number,
  continuous: number,
  busyFromService: number,
): TeamState {
  return { busy: 0, capacity, saturated: 0, queue, queueLength, alwaysOn, continuous, busyFromService };
}
