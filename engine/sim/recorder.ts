// What the simulation reports as it happens, kept as running tallies: the recorder applies the
// warm-up rule and keeps sums and counts (plus one number per completed case for the
// percentiles). Its methods are verbs the loop calls (but for the queue lengths: the loop raises and
// lowers their TimeAverage itself, one call less on its dearest path, simulation.ts); turning the tallies into a
// replication's metric vector is replication-summary.ts's job, once, at the horizon.
// Invariant: a tally only ever accumulates, until the horizon; no slot changes meaning during the
// run. (At the horizon a team that serves one task alone takes that task's wait tally, which holds
// the same additions: NodeTally.waitsToTeam; a team whose tasks are all of one flow gives that
// flow's busyByFlow slot its busy hours, likewise: TeamTally.byFlow; a plain flow of one task takes
// that task's service tally as its histories' service sum: FlowCompletions.plain; such a task, in a window
// from 0 without a pool, takes its flow's completions as its visits, and those with its cut visits and its tasks in
// progress as its waits: NodeTally.plain; Tallies.soleTask; and a
// window from 0 takes each flow's arrivals from its streams' counts: Recorder.countsEachArrival.)
import type { MetricLayout } from '../model/metrics.js';
import { FLOW, SERVED, SHIFT } from '../model/metrics.js';
import { type Model, NODE_KIND } from '../model/model.js';
import { type BottleneckShares, ShiftingBottleneckSweep, type SpellSink } from '../stats/shifting-bottleneck.js';
import type { WorkCalendar } from './calendar.js';
import { CLOCK } from './clock-rounding.js';
import type { Clock } from './clock.js';
import type { CaseTable } from './cases.js';
import type { Token } from './entities.js';
import { awaitedGrowth, float32, float64, GrowableArray, grownCopy, nextSize } from './growable.js';
import { HOURS_PER_WEEK } from '../week.js';
import { float32Store, moveOntoShelf, shelve } from './store-shelf.js';
import { NodeTally } from './node-tally.js';
import { lengthInside, meanOver, TimeAverage } from './time-average.js';
import { WorkingDays } from './working-days.js';
import type { CompletionTally } from './window-rehearsal.js';

/** MSER-5 works on batches of five completions. */
export const BATCH = 5;

/**
 * The most values a per-completion store reserves at its first growth (growable.ts): 32 MB of
 * address space for cycle times. A run expecting more grows by doubling beyond it.
 */
const MAX_RESERVE = 1 << 23;

/**
 * The values a per-completion store of a flow expecting `arrivals` cases reserves room for:
 * the expected count with a margin of 1% and four standard deviations of a Poisson count, so
 * that a run seldom outgrows it (at most one value per case). Pages never written cost
 * nothing (growable.ts); 0 (no reservation: doubling alone) when the model gives no figure.
 */
export function reservation(arrivals: number): number {
  if (!(arrivals > 0)) return 0;
  return Math.min(MAX_RESERVE, Math.ceil(1.01 * arrivals + 4 * Math.sqrt(arrivals)) + 16);
}

/** Completions of a flow that locate their series bin by a division whatever the clock (Recorder.locateCompletionBin). */
const EARLY_LOCATES = 256;

/**
 * Completions of a flow that each go to Recorder.checkCompletions: V8 gives a function its type feedback only after
 * some calls (`--lazy-feedback-allocation`), and the store's first growth (at CYCLES_FIRST_SIZE) must come after, or
 * the loop, optimised without feedback for it, deoptimises at a later replication's (the fiber scenario's second: hot
 * path: CONTRIBUTING.md, rule 9).
 */
const EARLY_CHECKS = 64;

/**
 * The cycle times' first size: where their first growth comes (FlowCompletions.growCycles), at a call of
 * checkCompletions that has its feedback vector. Node 20 gives checkCompletions (135 bytes of bytecode in the bundle)
 * its vector between its 16th and 20th call: at 16, M/M/5's first replication grew the store before, and its second
 * deoptimised completeCase at its own growth (docs/performance-notes.md, session 54). Half EARLY_CHECKS: the growth
 * comes among the checks of each completion, well after the vector.
 */
const CYCLES_FIRST_SIZE = EARLY_CHECKS / 2;

/**
 * A time before which every time t at or after the start of bin `bin` (of `width` hours) has
 * floor(t / width) === bin: where the bin ends less a relative 2^-50. Each of the three roundings
 * (the product, the factor's, t / width) is within a relative 2^-53, so t / width stays below bin + 1.
 */
export function timeInsideBin(bin: number, width: number): number {
  return (bin + 1) * width * (1 - 2 ** -50);
}

/**
 * What the recorder tallies as the run goes, declared once: the input of
 * `summariseReplication`. Recorder adds the verbs that fill it.
 */
export class Tallies {
  /** per resource: its queue length, which the simulation raises and lowers as cases join and leave (its TeamState.queueLength) */
  readonly queueLength: TimeAverage[];
  /** per resource: its queue length's area per hour of the week, over the window */
  readonly queueByHourOfWeek: Float64Array[];
  /**
   * per flow: the window's hours of its cases cancelled in the window or open at the horizon, each case's
   * [arrival, end) clipped to the window; with its completions' (FlowCompletions.cycleSum less preWindowHours),
   * the window's integral of its work in progress (Tallies.wipMean)
   */
  readonly unfinishedHours: Float64Array;
  /** counts and sums recorded straight into their slots (cancellations, a pool's teams' visits and hours, open cases) */
  readonly metrics: Float64Array;
  /**
   * Per flow its arrivals in an array of their own rather than in its metric slot: an index
   * rather than a layout's base plus a catalogue's offset (hot path: CONTRIBUTING.md, rule 3);
   * per node and per team what each task's wait and end add, fields of one object each
   * (NodeTally, TeamTally). summariseReplication puts them in their slots (the same sums: the
   * slots took no other additions).
   */
  readonly arrived: Float64Array; // per flow
  readonly nodes: NodeTally[];
  readonly teams: TeamTally[];
  /** per series bin: completions, queue-length areas, bottleneck hours, cycle-time sums (see replication-summary.ts) */
  readonly series: Float64Array;
  /** per flow: its completions' cycle times and sums */
  readonly completions: FlowCompletions[];
  readonly kpiValues: GrowableArray<Float32Array>[][];
  readonly kpiSum: Float64Array[]; // per flow, per kpi
  readonly kpiWithinSla: Float64Array[];
  /** per flow, per kpi: its sla in working days, null for none (its `sla` is then NaN) */
  readonly kpiWorkingDays: (WorkingDays | null)[][];
  readonly busyByFlow: Float64Array; // resources x flows
  readonly openAgeSum: Float64Array; // per flow: ages at the horizon of the cases still open
  /** per resource, per line of layout.shiftBase: the waits that ended within the team's wait target (empty without a roster) */
  readonly shiftWithinTarget: Float64Array[];
  /** per resource: the one node whose waits are its own (NodeTally.waitsToTeam), or -1 */
  protected readonly soleNode: Int32Array;
  /**
   * per flow: its one node, when that is a task a team serves (a pool or one team) and the case ends after it, else
   * -1. Each end of that task completes a case, in the window as the task's end is: the node's visits are the flow's
   * completions (NodeTally.plain). Its cases' histories' service hours are that node's service hours: each ends as
   * the task does, its service the task's work alone (Simulation.addTaskTime). Such a flow's history's service sum
   * takes the same additions as the node's in the same order (FlowCompletions.plain). Both are copied at the horizon
   * (Recorder.closeAtHorizon), as TeamTally.byFlow's and NodeTally.waitsToTeam's are.
   */
  protected readonly soleTask: Int32Array;
  /** the shifting-bottleneck shares: null until the run is closed at the horizon */
  bottleneckShares: BottleneckShares | null = null;
  /** doubles, whatever number the scenario gives (hot path: CONTRIBUTING.md, rule 1) */
  readonly warmup: number = Number.NaN;
  readonly horizon: number = Number.NaN;

  constructor(
    readonly model: Model,
    readonly layout: MetricLayout,
    /** per resource: its working calendar, for the busy working hours inside the window */
    readonly calendars: WorkCalendar[],
    clock: Clock,
    /** where the window opens: the model's warm-up, but for a rehearsal's (window-rehearsal.ts) */
    warmup: number,
    /**
     * A rehearsal's tallies: every task's waits are added to its team's tally as they end, a team's sole node's too
     * (NodeTally.waitsToTeam), the same additions in the same order as the copy at the horizon gives. So endWait's
     * addition to the team has its type feedback whatever the model rehearsed: a pool thread whose first task was
     * a variant in which every team serves one task (the bundled fiber scenario's zero_touch) deoptimised startTask
     * at its first task of a shared team in another variant (docs/performance-notes.md, session 59; hot path:
     * CONTRIBUTING.md, rule 9).
     */
    everyWaitToTeam = false,
  ) {
    const { horizon, seriesBins, seriesBinHours } = model;
    this.warmup = warmup;
    this.horizon = horizon;
    this.metrics = new Float64Array(layout.paths.length);
    const nf = model.flows.length;
    const nr = model.resources.length;
    this.series = new Float64Array((2 * nf + 2 * nr) * seriesBins);
    const bins = (i: number) => this.series.subarray(i * seriesBins, (i + 1) * seriesBins);
    this.queueByHourOfWeek = model.resources.map(() => new Float64Array(HOURS_PER_WEEK));
    this.queueLength = model.resources.map(
      (_, r) => new TimeAverage(clock, warmup, horizon, bins(nf + r), seriesBinHours, this.queueByHourOfWeek[r]),
    );
    this.unfinishedHours = new Float64Array(nf);
    this.completions = model.flows.map((f) => new FlowCompletions(f.sla, reservation(f.expectedArrivals), workingDaysOf(model, f)));
    this.kpiWorkingDays = model.flows.map((f) => f.kpis.map((k) => workingDaysOf(model, k)));
    this.kpiValues = model.flows.map((f) => f.kpis.map(() => new GrowableArray(float32, reservation(f.expectedArrivals))));
    this.kpiSum = model.flows.map((f) => new Float64Array(f.kpis.length));
    this.kpiWithinSla = model.flows.map((f) => new Float64Array(f.kpis.length));
    this.arrived = new Float64Array(nf);
    this.soleNode = soleNodes(model);
    this.soleTask = soleTasks(model);
    this.nodes = model.nodes.map((n) => {
      const pooled = layout.servedBase[n.id].length > 0 ? 1 : 0;
      return new NodeTally(
        pooled,
        n.kind === NODE_KIND.task && (n.pool !== null || (n.resource >= 0 && (everyWaitToTeam || this.soleNode[n.resource] !== n.id)))
          ? 1
          : 0,
        warmup <= 0 && pooled === 0 && this.soleTask[n.flow] === n.id ? 1 : 0,
      );
    });
    this.teams = Array.from(soleFlows(model), (f) => new TeamTally(f < 0));
    this.busyByFlow = new Float64Array(nr * nf);
    this.openAgeSum = new Float64Array(nf);
    this.shiftWithinTarget = layout.shiftBase.map((lines) => new Float64Array(lines.length));
  }

  /**
   * The flow's mean work in progress over the window, after the horizon: the window's integral of its cases in
   * progress is the sum over its cases of the window's part of [arrival, end) (Little's identity), booked as each
   * case ends rather than at each arrival and end: a completion's cycle time, which completeCase adds anyway,
   * less the hours before the window of one that arrived before it; a cancellation's and an open case's hours
   * (unfinishedHours). The same estimator as integrating the level, summed in another order.
   */
  wipMean(f: number): number {
    const done = this.completions[f];
    return meanOver(done.cycleSum - done.preWindowHours + this.unfinishedHours[f], this.warmup, this.horizon);
  }
}

/** One team's waits and busy working hours in the window, as NodeTally is a node's. */
export class TeamTally {
  waitHours = Number.NaN;
  waits = Number.NaN;
  busyHours = Number.NaN;

  constructor(
    /**
     * Whether its busy hours go to Tallies.busyByFlow too, as they are booked: false for a team whose tasks are
     * all of one flow, whose slot there takes the same additions as `busyHours` (copied at the horizon:
     * Recorder.closeAtHorizon), a field test where the slot costs a typed array's index, load and store (mm5 1M
     * 13 M instructions fewer: docs/performance-notes.md, session 43; hot path: CONTRIBUTING.md, rule 3).
     */
    readonly byFlow = true,
  ) {
    this.waitHours = 0;
    this.waits = 0;
    this.busyHours = 0;
  }
}

/**
 * One flow's completions: the tallies each completion adds to, fields of one object rather than
 * slots of per-flow typed arrays, each of which cost a completion a header load and a bounds
 * check (hot path: CONTRIBUTING.md, rule 4). Sums are over the window, from +0 as a typed
 * array's slot starts (doubles from the start: hot path: CONTRIBUTING.md, rule 1).
 */
export class FlowCompletions {
  cycleSum = Number.NaN;
  /** of the completions in the window, the hours before the window of those that arrived before it (Tallies.wipMean) */
  preWindowHours = Number.NaN;
  withinSla = Number.NaN; // completions within the SLA (never, with NaN: no SLA)
  /**
   * the completed cases' histories (their last tokens' `...Hours`), summed part by part in BREAKDOWN's order; a plain
   * flow's `serviceHours` stays 0 until the horizon, where it is copied from its task's node (Tallies.soleTask)
   */
  serviceHours = Number.NaN;
  waitHours = Number.NaN;
  offShiftHours = Number.NaN;
  joinHours = Number.NaN;
  automatedHours = Number.NaN;
  /** completions before the window: the first of `cycles()` that the window's statistics leave out */
  beforeWindow = 0;
  /**
   * 1 when a completion in the window adds nothing but its cycle time and its history's wait: the window opens at 0
   * (no case arrived before it), the flow has no SLA, no case's history holds more than work, and its one task,
   * served by a team, is where its history's service comes from (Tallies.soleTask). completeCase then makes one
   * comparison where it made those tests and that sum, and takes a case's arrival from its token: a case of such a
   * flow joins its task's queue as it arrives (Simulation.request, requestPool), its `enqueued` that time, where the
   * case table's is a typed array's load (hot path: CONTRIBUTING.md, rule 3).
   */
  plain = 0;
  /** the `cycleCount` at which the next MSER-5 batch ends: a comparison, not a remainder (an integer division costs more than the rest of completeCase) */
  nextBatchEnd = BATCH;
  /**
   * The `cycleCount` at which the next completion needs more than its fields (Recorder.checkCompletions): a batch
   * ends, or `cycleTimes` is full. At most the smaller of the two, so that one comparison a completion covers both;
   * each of the first EARLY_CHECKS. So between completions `cycleCount < cycleTimes.length`: completeCase stores a
   * cycle time without a bounds check (a Float32Array drops a write past its end without a word).
   */
  nextCheck = 1;
  /**
   * The series bin of its completions while the clock is below `binEnd`, and that bin's running
   * tallies: its cycle-time sum, and the `cycleCount` its count starts from (Recorder.locateCompletionBin).
   */
  bin = 0;
  binEnd = Number.NEGATIVE_INFINITY;
  binCycleSum = Number.NaN;
  binStart = 0;
  earlyLocates = EARLY_LOCATES;
  /**
   * Cycle times in completion order from time 0, for MSER-5 and the percentiles: the first
   * `cycleCount` of `cycleTimes`, grown as a GrowableArray grows (to `reserve`, then by
   * doubling). Stored as 32-bit floats: half the memory, and 16-bit digits for the selection
   * of percentiles (engine/stats/order-statistics.ts), for percentiles within 6e-8 of their
   * double value; the mean and the SLA share are summed exactly in doubles.
   */
  cycleTimes: Float32Array = new Float32Array(CYCLES_FIRST_SIZE); // hot path: CONTRIBUTING.md, rule 9
  cycleCount = 0;
  /** what `cycleTimes` grows to while smaller: `reserve`, or a part of it while the reservation awaits it on the shelf (awaitReservations) */
  private cyclesFirstGrowth = 0;
  /** the completion time ending each MSER-5 batch */
  readonly batchEnds: GrowableArray<Float64Array>;

  /** hours; NaN: no SLA. A double, whatever number the flow gives (hot path: CONTRIBUTING.md, rule 1) */
  readonly sla: number = Number.NaN;

  constructor(
    sla: number,
    /** the size of `cycleTimes`' first growth (reservation) */
    private readonly reserve = 0,
    /** an sla in working days instead (`sla` NaN), read only by a completion that misses `sla` (Recorder.completeCase) */
    readonly workingDays: WorkingDays | null = null,
  ) {
    this.cyclesFirstGrowth = reserve;
    this.batchEnds = new GrowableArray(float64, Math.ceil(reserve / BATCH));
    this.sla = sla;
    this.cycleSum = 0;
    this.preWindowHours = 0;
    this.withinSla = 0;
    this.serviceHours = 0;
    this.waitHours = 0;
    this.offShiftHours = 0;
    this.joinHours = 0;
    this.automatedHours = 0;
    this.binCycleSum = 0;
  }

  /** Room for more cycle times: out of line, as it is rare (hot path: CONTRIBUTING.md, rule 3). */
  growCycles(): void {
    this.cycleTimes = grownCopy(this.cycleTimes, nextSize(this.cycleTimes.length, this.cyclesFirstGrowth, this.reserve), float32Store);
  }

  /** Whether its stores' reservations (reservedBytes' order) are being written ahead for them: each that is grows to a part of it until it moves there (GrowableArray.awaitReservation). */
  awaitReservations(cycles: boolean, ends: boolean): void {
    this.cyclesFirstGrowth = cycles ? awaitedGrowth(this.reserve) : this.reserve;
    this.batchEnds.awaitReservation(ends);
  }

  cycles(): Float32Array {
    return this.cycleTimes.subarray(0, this.cycleCount);
  }

  /** The bytes of its stores' first growths: the cycle times', the batch ends'. */
  reservedBytes(): number[] {
    return [4 * this.reserve, this.batchEnds.reservedBytes];
  }

  /** The bytes of its stores once moved onto the shelf: the cycle times', the batch ends' (GrowableArray.homeSize). */
  homeBytes(): number[] {
    return [4 * this.cyclesHomeSize, 8 * this.batchEnds.homeSize];
  }

  /** The size `rehomeCycles` moves the cycle times to, in values: their reservation, or their room if they have outgrown it. */
  private get cyclesHomeSize(): number {
    return Math.max(this.reserve, this.cycleTimes.length);
  }

  /** The cycle times onto a shelved buffer of their reservation (or room), as GrowableArray.rehome (store-shelf.ts, moveOntoShelf). */
  rehomeCycles(): void {
    this.cycleTimes = moveOntoShelf(this.cycleTimes, this.cycleCount, this.cyclesHomeSize, float32Store) ?? this.cycleTimes;
  }

  /**
   * The cycle times and batch ends read for the last time: their memory to the thread's next replication
   * (store-shelf.ts). The flow records nothing after it: its store has no room for completeCase's unchecked write.
   */
  release(): void {
    shelve(this.cycleTimes);
    this.cycleTimes = new Float32Array(0);
    this.cycleCount = 0;
    this.batchEnds.release();
  }

  /** The histories' sums in BREAKDOWN's order (entities.ts). */
  history(): number[] {
    return [this.serviceHours, this.waitHours, this.offShiftHours, this.joinHours, this.automatedHours];
  }
}

/** The tallies once the run is closed at the horizon (`Recorder.closeAtHorizon`). */
export interface ClosedTallies extends Tallies {
  readonly bottleneckShares: BottleneckShares;
}

export class Recorder extends Tallies implements SpellSink {
  private readonly saturatedSince: Float64Array; // per resource; NaN while not saturated
  private saturatedCount = 0; // resources saturated now: the non-NaN entries of saturatedSince
  private readonly bottlenecks: ShiftingBottleneckSweep;
  /** where the series' cycle-time sums start (completions start at 0), and the bottleneck hours (addSpell) */
  private readonly cycleSeriesStart: number;
  private readonly spellSeriesStart: number;
  /** the model's series bins, read here rather than through the model at each completion */
  private readonly seriesBinHours: number;
  private readonly seriesBins: number;
  private readonly flowCount: number;
  /**
   * 1 when each arrival is counted as it comes, tested against the warm-up; 0 for a window from 0, where every arrival
   * counts: a flow's arrivals are then its streams' counts of cases, given at the horizon (countStreamArrivals), and
   * an arrival costs one field test where it cost the clock's test and a typed array's increment (hot path:
   * CONTRIBUTING.md, rule 3). Counts are whole numbers: the same doubles in either order.
   */
  private readonly countsEachArrival: number;
  /**
   * per resource: 1 when its busy hours in the window are its sole node's service hours there (endService's and
   * cutService's, less those before the window: `preWindowServiceHours`), added at the horizon to the hours of the
   * tasks still in service then (Simulation.closeBusyTime): a team around the clock, without a roster, that serves
   * one task and no pool. The loop books no busy time at its task ends (docs/performance-notes.md, session 44; hot
   * path: CONTRIBUTING.md, rule 3). The same estimator as bookBusyTime's per task, summed in another order. It
   * rests on such a team's tasks never pausing (only a roster changes a team's capacity: Simulation.changeCapacity),
   * so that a task's `since` is its start and its work its busy hours.
   */
  readonly busyFromService: Uint8Array;

  constructor(
    model: Model,
    layout: MetricLayout,
    private readonly clock: Clock,
    calendars: WorkCalendar[],
    /** per resource: 1 when its calendar is around the clock, the simulation's table (calendar.ts, alwaysOnFlags) */
    private readonly alwaysOn: Uint8Array,
    private readonly cases: CaseTable,
    /**
     * Whether a case's history can hold hours off shift, at a join or in an automated task: when
     * not, those three parts of every token stay 0 (or -0), and adding them would leave their
     * sums at the +0 they start from, so they are not added (addHistoryBeyondWork).
     */
    private readonly historyBeyondWork: boolean,
    warmup: number = model.warmup,
    /** a rehearsal's (window-rehearsal.ts): every task's waits to its team (Tallies' everyWaitToTeam), its averages left open (closeAtHorizon) */
    private readonly rehearsal = false,
  ) {
    super(model, layout, calendars, clock, warmup, rehearsal);
    this.saturatedSince = new Float64Array(model.resources.length).fill(NaN);
    this.bottlenecks = new ShiftingBottleneckSweep(model.resources.length, this);
    this.cycleSeriesStart = (model.flows.length + 2 * model.resources.length) * model.seriesBins;
    this.spellSeriesStart = (model.flows.length + model.resources.length) * model.seriesBins;
    this.seriesBinHours = model.seriesBinHours;
    this.seriesBins = model.seriesBins;
    this.flowCount = model.flows.length;
    this.countsEachArrival = this.warmup <= 0 ? 0 : 1;
    this.busyFromService = Uint8Array.from(this.soleNode, (n, r) =>
      n >= 0 && alwaysOn[r] === 1 && model.resources[r].roster === null ? 1 : 0,
    );
    this.completions.forEach((done, f) => {
      const plain = this.warmup <= 0 && Number.isNaN(done.sla) && done.workingDays === null && !historyBeyondWork;
      done.plain = plain && this.soleTask[f] >= 0 ? 1 : 0;
    });
  }

  /** A case of `flow` arrived now: counted if in the window, unless a window from 0 counts them at the horizon. */
  countArrival(flow: number): void {
    // countsEachArrival: one field's test for a window from 0, its arrivals counted at the horizon (hot path: CONTRIBUTING.md, rule 3)
    if (this.countsEachArrival === 1 && this.clock.now >= this.warmup) this.arrived[flow]++;
  }

  /** At the horizon: an arrival stream of `flow` brought `cases` cases in all (Simulation.finish; countsEachArrival). */
  countStreamArrivals(flow: number, cases: number): void {
    if (this.countsEachArrival === 0) this.arrived[flow] += cases;
  }

  /** The token's wait at its node ended: its task starts now (automated tasks wait 0). */
  endWait(resource: number, token: Token): void {
    const now = this.clock.now;
    const tally = token.tally;
    if (tally.plain === 0) {
      // NodeTally.plain: one comparison, its window from 0 and its waits counted at the horizon (hot path: CONTRIBUTING.md, rule 3)
      if (now < this.warmup) return;
      tally.waits++;
    }
    const wait = resource < 0 ? 0 : now - token.enqueued;
    tally.waitHours += wait;
    if (tally.waitsToTeam === 1) {
      const team = this.teams[resource];
      team.waitHours += wait;
      team.waits++;
    }
  }

  /**
   * A rostered team's task starts now, its wait (endWait's) ended: the wait counts in each shift
   * on when the task joined the queue, or in the off-shift line when none was. Only the roster's
   * own path calls it (hot path: CONTRIBUTING.md, rule 3).
   */
  endRosteredWait(resource: number, token: Token): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    const joined = token.enqueued;
    const wait = now - joined;
    const hour = joined - Math.floor(joined / HOURS_PER_WEEK) * HOURS_PER_WEEK;
    const team = this.model.resources[resource];
    const shifts = team.shifts!;
    const lines = this.layout.shiftBase[resource];
    const within = wait <= team.waitTarget + now * CLOCK.rounding ? 1 : 0; // up to the clock's rounding (clock-rounding.ts)
    const m = this.metrics;
    // the off-shift line, last, takes the task when no shift was on; the times stay in this function (hot path: CONTRIBUTING.md, rule 2)
    let line = lines.length > shifts.length ? shifts.length : -1;
    for (let k = 0; k < shifts.length; k++) {
      const periods = shifts[k]; // folded into the week, half-open: [start, end)
      let i = 0;
      while (i < periods.length && !(periods[i].start <= hour && hour < periods[i].end)) i++;
      if (i === periods.length) continue;
      m[lines[k] + SHIFT.tasks]++;
      m[lines[k] + SHIFT.waitHours] += wait;
      this.shiftWithinTarget[resource][k] += within;
      line = -1;
    }
    if (line >= 0) {
      m[lines[line] + SHIFT.tasks]++;
      m[lines[line] + SHIFT.waitHours] += wait;
      this.shiftWithinTarget[resource][line] += within;
    }
  }

  /**
   * At the horizon: the token's task started and neither ended nor was cut (in service or paused). A plain node's
   * waits are its tasks started, counted here and at the horizon (NodeTally.plain), not at each start.
   */
  countTaskInProgress(token: Token): void {
    if (token.tally.plain === 1) token.tally.waits++;
  }

  /** The token's task ended now, after its `work` working hours. */
  endService(token: Token): void {
    const tally = token.tally;
    if (tally.plain === 0) {
      // NodeTally.plain: one comparison for its flow's one task, in a window from 0 without a pool (hot path: CONTRIBUTING.md, rule 3)
      if (this.clock.now < this.warmup) return;
      tally.visits++;
      if (token.since < this.warmup) tally.preWindowServiceHours += this.warmup - token.since; // its hours before the window: not its team's busy hours (busyFromService)
      if (tally.pooled === 1) this.served(token.task.id, token);
    }
    tally.serviceHours += token.work;
  }

  /** A pooled task: which of its teams served it. */
  private served(node: number, token: Token): void {
    const base = this.layout.servedBase[node][this.model.nodes[node].pool!.indexOf(token.team)];
    this.metrics[base + SERVED.visits]++;
    this.metrics[base + SERVED.serviceHours] += token.work;
  }

  /**
   * The token's task was cut short now by its case's cancellation, after `work` working hours on
   * it (in service or paused): a cut visit, not a visit, counted when cut in the window as a visit
   * is when it ends (its wait counted when it ended, endWait). Cold: only a cancellation calls it.
   */
  cutService(token: Token, work: number): void {
    if (this.clock.now < this.warmup) return;
    const tally = token.tally;
    tally.cutVisits++;
    tally.cutServiceHours += work;
    if (token.since < this.warmup) tally.preWindowServiceHours += this.warmup - token.since;
    if (tally.pooled === 1) {
      const node = token.task.id;
      const base = this.layout.servedBase[node][this.model.nodes[node].pool!.indexOf(token.team)];
      this.metrics[base + SERVED.cutServiceHours] += work;
    }
  }

  /**
   * The token's case was cancelled now while the token waited in the task's queue: a cut wait,
   * in no wait or visit (its wait never ended), counted when cut in the window with the hours it
   * had waited, as a wait is when it ends (endWait). Cold: only a cancellation calls it.
   */
  cutWait(token: Token): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    const tally = token.tally;
    tally.cutWaits++;
    tally.cutWaitHours += now - token.enqueued;
  }

  /** A decision or fork was passed: a visit without wait or service. */
  countPass(node: number): void {
    if (this.clock.now >= this.warmup) this.nodes[node].visits++;
  }

  /**
   * A unit of `resource` worked for `flow` from when the token took it until now: its working hours inside the window.
   * The clipping compares rather than calling Math.max and Math.min, which TurboFan compiles to a longer sequence for
   * NaN and signed zeros: no bound is NaN, and where the two could differ (zeros of either sign) the hours come out
   * the same, or none are booked (hot path: CONTRIBUTING.md, rule 3).
   */
  bookBusyTime(resource: number, flow: number, token: Token): void {
    const since = token.since;
    const from = since > this.warmup ? since : this.warmup;
    const now = this.clock.now;
    const to = now < this.horizon ? now : this.horizon;
    if (!(to > from)) return;
    const hours = this.alwaysOn[resource] === 1 ? to - from : this.calendars[resource].workingBetween(from, to);
    const team = this.teams[resource];
    team.busyHours += hours;
    if (team.byFlow) this.busyByFlow[resource * this.flowCount + flow] += hours;
  }

  /** Cases completed so far, every flow's together: how far a rehearsal has come (window-rehearsal.ts). */
  completionTally(): CompletionTally {
    const tally = { completed: 0, inWindow: 0, preWindowHours: 0 };
    for (const done of this.completions) {
      tally.completed += done.cycleCount;
      tally.inWindow += done.cycleCount - done.beforeWindow;
      tally.preWindowHours += done.preWindowHours;
    }
    return tally;
  }

  /**
   * The case completed now; its last token's history (its `...Hours`) is where its cycle time went. A plain flow's
   * completion (FlowCompletions.plain) adds its cycle time and wait here, every other's work is completeOther's, out of
   * line: small enough for V8 to inline into the loop's call (hot path: CONTRIBUTING.md, rule 3).
   */
  completeCase(c: number, token: Token): void {
    const now = this.clock.now;
    const flow = token.flow;
    const done = this.completions[flow];
    let cycle: number;
    if (done.plain === 1) {
      // FlowCompletions.plain: the case joined its one task's queue as it arrived, and the window opens at 0
      cycle = now - token.enqueued;
      done.cycleSum += cycle;
      done.waitHours += token.waitHours;
    } else {
      cycle = now - this.cases.arrival[c];
      this.completeOther(c, token, done);
    }
    // The rare calls come last, each where nothing follows it: after a call V8 checks `done`'s map again at the next
    // access (mm5 1M: 16 M instructions fewer; docs/performance-notes.md, session 49; hot path: CONTRIBUTING.md, rule 3).
    const count = done.cycleCount + 1;
    done.cycleTimes[count - 1] = cycle; // there is room: checkCompletions grows the store as it fills
    done.cycleCount = count;
    if (now < done.binEnd) done.binCycleSum += cycle;
    else this.locateCompletionBin(done, flow, now, cycle);
    if (count === done.nextCheck) this.checkCompletions(done);
  }

  /** completeCase's work for a flow that is not plain: the window's test, the service, the SLA, the history's other parts. */
  private completeOther(c: number, token: Token, done: FlowCompletions): void {
    const now = this.clock.now;
    const arrival = this.cases.arrival[c];
    const cycle = now - arrival; // completeCase's, the same double
    if (now >= this.warmup) {
      done.cycleSum += cycle;
      done.waitHours += token.waitHours;
      done.serviceHours += token.serviceHours;
      if (arrival < this.warmup) done.preWindowHours += this.warmup - arrival; // its part of the cycle before the window: not in the work in progress's area (Tallies.wipMean)
      if (cycle <= done.sla + now * CLOCK.rounding)
        done.withinSla++; // up to the clock's rounding (clock-rounding.ts); never true for NaN, no SLA
      else if (done.workingDays?.met(arrival, now)) done.withinSla++; // an sla in working days: its `sla` is NaN
      if (this.historyBeyondWork) this.addHistoryBeyondWork(done, token);
    } else done.beforeWindow++;
  }

  /**
   * The flow's `cycleCount` reached `nextCheck`: a completion that ends an MSER-5 batch (its time is where a
   * truncation there would end the warm-up), or fills the cycle times (room for the next is made now, so that
   * completeCase stores without a test). Then the next count at which either comes (the next, early on).
   */
  private checkCompletions(done: FlowCompletions): void {
    if (done.cycleCount === done.nextBatchEnd) {
      done.nextBatchEnd += BATCH;
      done.batchEnds.push(this.clock.now); // read here, not passed: no double crosses the call (hot path: CONTRIBUTING.md, rule 2)
    }
    if (done.cycleCount === done.cycleTimes.length) done.growCycles();
    done.nextCheck = done.cycleCount < EARLY_CHECKS ? done.cycleCount + 1 : Math.min(done.nextBatchEnd, done.cycleTimes.length);
  }

  /**
   * The series bin of a completion of the flow now, floor(now / seriesBinHours), and a time
   * before which its later completions fall in it too (timeInsideBin; time never goes back): a
   * comparison per completion instead of a division (hot path: CONTRIBUTING.md, rule 3). The
   * bin's count and cycle-time sum run in fields of the flow's (`binStart`, `binCycleSum`), which
   * the series' slots take here, as the bin is left (storeCompletionBin), and at the horizon;
   * the fields start again from the slots of the bin located (+0 for a new bin). The slots so
   * take the same additions in the same order as if each completion added into them (a count is
   * exact), and a completion adds one field instead of two slots: `probe.js mm5 600000` 13.5 M
   * instructions fewer (docs/performance-notes.md, session 30). Stored and loaded at each
   * locate, the bin changed or not: no branch that the early locates leave unseen. The first
   * EARLY_LOCATES completions of a flow all come here, so that the call has its type feedback
   * before the loop is optimised (hot path: CONTRIBUTING.md, rule 9). The completion's `cycle` is added here, to the bin
   * located: a double through a call, boxed at these few calls only (hot path: CONTRIBUTING.md, rule 2).
   */
  private locateCompletionBin(done: FlowCompletions, flow: number, now: number, cycle: number): void {
    const bin = Math.floor(now / this.seriesBinHours) + 0; // + 0: a completion at -0 (TIME_ZERO) is in bin 0, a small integer
    const counted = done.cycleCount - 1; // the completions before this one, which counts in `bin`
    this.storeCompletionBin(done, flow, counted);
    done.bin = bin;
    if (bin < this.seriesBins) {
      const slot = flow * this.seriesBins + bin;
      done.binStart = counted - (this.series[slot] | 0);
      done.binCycleSum = this.series[this.cycleSeriesStart + slot];
    } // past the last bin (a completion at the horizon) nothing is kept
    if (done.earlyLocates > 0) {
      done.earlyLocates--;
      done.binEnd = now;
    } else done.binEnd = timeInsideBin(bin, this.seriesBinHours);
    done.binCycleSum += cycle;
  }

  /** The flow's count (of its first `counted` completions) and cycle-time sum in its series bin so far into the bin's slots (locateCompletionBin). */
  private storeCompletionBin(done: FlowCompletions, flow: number, counted: number): void {
    if (done.bin < this.seriesBins) {
      const slot = flow * this.seriesBins + done.bin;
      this.series[slot] = counted - done.binStart;
      this.series[this.cycleSeriesStart + slot] = done.binCycleSum;
    }
  }

  /**
   * Adds the last three parts of the token's history to the flow's (entities.ts checks that BREAKDOWN has these five;
   * completeCase adds the first two), only in a model that can give them hours (historyBeyondWork): `probe.js mm5
   * 600000` 10 M instructions fewer (docs/performance-notes.md, session 26).
   */
  private addHistoryBeyondWork(done: FlowCompletions, token: Token): void {
    done.offShiftHours += token.offShiftHours;
    done.joinHours += token.joinHours;
    done.automatedHours += token.automatedHours;
  }

  /** The case is still open at the horizon: its cycle time is censored at its age so far. */
  countOpenCase(flow: number, arrival: number): void {
    const base = this.layout.flowBase[flow];
    this.metrics[base + FLOW.openAtHorizon]++;
    this.openAgeSum[flow] += this.horizon - arrival;
    this.unfinishedHours[flow] += lengthInside(arrival, this.horizon, this.warmup, this.horizon);
  }

  /** A resource became saturated (on) or stopped being so (off): its active periods, within the window. */
  markSaturated(resource: number, on: boolean): void {
    if (on) {
      this.saturatedSince[resource] = this.clock.now;
      this.saturatedCount++;
      return;
    }
    this.closeSaturatedSpell(resource, this.clock.now);
  }

  private closeSaturatedSpell(resource: number, now: number): void {
    const since = this.saturatedSince[resource];
    if (Number.isNaN(since)) return; // it was not active
    // Compared rather than Math.max and Math.min, as bookBusyTime's clipping: no bound is NaN, and where the two could
    // differ (zeros of either sign) no spell is booked, or its hours come out the same (hot path: CONTRIBUTING.md, rule 3).
    const from = since > this.warmup ? since : this.warmup;
    const to = now < this.horizon ? now : this.horizon;
    this.saturatedSince[resource] = NaN;
    this.saturatedCount--;
    if (!(to > from)) return;
    if (this.saturatedCount === 0 && this.bottlenecks.settleAlone(resource, from, to)) return;
    this.bottlenecks.add(resource, from, to);
    if (this.bottlenecks.due) this.bottlenecks.settle(this.frontier());
  }

  /** The earliest start of a period still open (now, when none is): the bottleneck is known up to there. */
  private frontier(): number {
    let t = this.clock.now;
    for (let r = 0; r < this.saturatedSince.length; r++) {
      if (this.saturatedSince[r] < t) t = this.saturatedSince[r]; // NaN (not saturated) never compares below
    }
    return Math.max(t, this.warmup); // periods are recorded from the warm-up on
  }

  /** Case c of `flow` is cancelled now: counted in the window, and its hours there in its flow's work in progress (unfinishedHours). */
  countCancellation(c: number, flow: number): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    this.metrics[this.layout.flowBase[flow] + FLOW.cancelled]++;
    this.unfinishedHours[flow] += lengthInside(this.cases.arrival[c], now, this.warmup, this.horizon);
  }

  /**
   * The case's milestone `kpi` ends now. Its value is never negative, as the percentiles need it (quantilesOf32
   * orders values by their bit patterns, and a negative float's sorts after every positive): it began when the
   * case first entered `from` (Milestones.enter stamps the clock then, once) and Milestones.leave ends it only
   * once begun, the first time the case leaves `to`; a milestone no case can begin before it ends is refused
   * by validation (graph-checks.ts). Then only a clock gone back could make it negative, and time never goes
   * back: durations are refused below 0 (duration.ts) and every distribution draws non-negative values
   * (normals are drawn again while negative). A value below 0 is a fault of the simulation's, stopped here
   * with what it was rather than read as some other percentile.
   */
  endMilestone(c: number, kpi: number): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    const flow = this.cases.flow[c];
    const value = now - this.cases.kpiFrom[c * this.cases.kpisPerFlow + kpi];
    if (value < 0) this.milestoneEndedBeforeItBegan(c, kpi);
    this.kpiValues[flow][kpi].push(value);
    this.kpiSum[flow][kpi] += value;
    if (value <= this.model.flows[flow].kpis[kpi].sla + now * CLOCK.rounding)
      this.kpiWithinSla[flow][kpi]++; // clock-rounding.ts
    else if (this.kpiWorkingDays[flow][kpi]?.met(now - value, now)) this.kpiWithinSla[flow][kpi]++;
  }

  /** The invariant endMilestone holds, broken: which case's milestone, and when it began and ended. */
  private milestoneEndedBeforeItBegan(c: number, kpi: number): never {
    const flow = this.model.flows[this.cases.flow[c]];
    const from = this.cases.kpiFrom[c * this.cases.kpisPerFlow + kpi];
    throw new Error(
      `milestone '${flow.kpis[kpi].name}' of flow '${flow.name}' ended at hour ${this.clock.now} before it began at hour ${from}: the simulation's clock went back, a fault of etomsim's, not of the scenario`,
    );
  }

  /**
   * The run reached the horizon: close what is still open (levels, saturated spells), settle
   * the bottleneck sweep, and give each team that serves one task alone that task's waits
   * (soleNode), each team whose busy hours are its node's service hours those (busyFromService), each team whose
   * tasks are all of one flow that flow's busy hours (TeamTally.byFlow).
   * Called once; `summariseReplication` then reads the tallies.
   */
  closeAtHorizon(): ClosedTallies {
    // A rehearsal's statistics are dropped: its queues' averages are left where it stopped, not walked hour by hour to the
    // model's horizon at the levels it left (mm5-variant's 100,000 h: some 6 ms of a pool thread, close compiled on-stack,
    // thrown away at the horizon, and compiled again at the replication's; docs/performance-notes.md, session 60).
    if (!this.rehearsal) for (const level of this.queueLength) level.close();
    this.completions.forEach((done, f) => this.storeCompletionBin(done, f, done.cycleCount));
    this.model.resources.forEach((_, r) => this.closeSaturatedSpell(r, this.horizon));
    this.completions.forEach((done, f) => {
      const task = this.soleTask[f];
      if (task < 0) return;
      const node = this.nodes[task];
      if (done.plain === 1) done.serviceHours = node.serviceHours;
      if (node.plain === 1) {
        node.visits = done.cycleCount - done.beforeWindow;
        node.waits += node.visits + node.cutVisits; // its tasks started: ended, cut, or in progress (countTaskInProgress)
      }
    });
    // after the plain nodes' waits (above)
    this.soleNode.forEach((n, r) => {
      if (n >= 0) {
        this.teams[r].waitHours = this.nodes[n].waitHours;
        this.teams[r].waits = this.nodes[n].waits;
      }
    });
    this.busyFromService.forEach((fromService, r) => {
      if (fromService === 0) return;
      const node = this.nodes[this.soleNode[r]];
      this.teams[r].busyHours += node.serviceHours + node.cutServiceHours - node.preWindowServiceHours;
    });
    soleFlows(this.model).forEach((f, r) => {
      if (f >= 0) this.busyByFlow[r * this.flowCount + f] = this.teams[r].busyHours;
    });
    return Object.assign(this, { bottleneckShares: this.bottlenecks.finish(this.horizon - this.warmup) });
  }

  /**
   * The replication's statistics are summarised (replication-summary.ts): the per-completion
   * stores' memory goes to the thread's next replication (store-shelf.ts), and they are left empty.
   */
  releaseStores(): void {
    for (const done of this.completions) done.release();
    for (const kpis of this.kpiValues) for (const values of kpis) values.release();
  }

  /**
   * The bytes of the completion stores' first growths (their reservations: the cycle times' and
   * the batch ends' of each flow), for store-shelf.ts's stockShelf. The milestone values' are
   * left out: a stocked page is touched whether or not a value is written there, and a milestone
   * may be reached by few of the cases its store's reservation counts.
   */
  reservedBytes(): number[] {
    const bytes: number[] = [];
    for (const done of this.completions) {
      const [cycles, ends] = done.reservedBytes();
      bytes.push(cycles, ends);
    }
    return bytes;
  }

  /** Which completion stores' reservations (reservedBytes' order) are being written ahead: each that is grows to a part of it until it moves there (rehomeStores), the others to the whole. */
  awaitReservations(stocked: readonly boolean[]): void {
    this.completions.forEach((done, f) => done.awaitReservations(stocked[2 * f] === true, stocked[2 * f + 1] === true));
  }

  /**
   * Between two slices of the run: each completion store moves onto a shelved buffer of its reservation (or room)
   * where the shelf holds one (stocked, its pages written on another thread; the buffer it
   * leaves is dropped: store-shelf.ts, moveOntoShelf).
   */
  rehomeStores(): void {
    const moves: { bytes: number; move: () => void }[] = [];
    for (const done of this.completions) {
      const [cycles, ends] = done.homeBytes();
      moves.push({ bytes: cycles, move: () => done.rehomeCycles() });
      moves.push({ bytes: ends, move: () => done.batchEnds.rehome() });
    }
    // The largest first, each onto the smallest buffer that holds it: each store finds the stock of its own size.
    moves.sort((a, b) => b.bytes - a.bytes);
    for (const { move } of moves) move();
  }

  /** Bottleneck hours per team and series bin (summariseSeries turns them into shares of the bin). */
  addSpell(start: number, end: number, resource: number): void {
    // The recorder's own fields, not the model's (hot path: CONTRIBUTING.md, rule 3): a spell ends at most saturation changes.
    const width = this.seriesBinHours;
    const offset = this.spellSeriesStart + resource * this.seriesBins;
    for (let t = start; t < end; ) {
      const bin = Math.floor(t / width);
      const binEnd = (bin + 1) * width;
      const to = end < binEnd ? end : binEnd; // no NaN, and both positive: Math.min's value
      this.series[offset + bin] += to - t;
      t = to;
    }
  }
}

/** A flow's or milestone's sla in working days of a calendar, null for none. */
function workingDaysOf(model: Model, owner: { slaDays: number; slaCalendar: number }): WorkingDays | null {
  return owner.slaDays > 0 ? new WorkingDays(model.calendars[owner.slaCalendar], owner.slaDays) : null;
}

/** Per resource: the one flow whose tasks it serves (alone or in a pool), else -1 (TeamTally.byFlow). */
function soleFlows(model: Model): Int32Array {
  const sole = new Int32Array(model.resources.length).fill(-1);
  const shared = new Uint8Array(model.resources.length);
  for (const n of model.nodes) {
    if (n.kind !== NODE_KIND.task) continue;
    for (const r of n.pool ?? (n.resource >= 0 ? [n.resource] : [])) {
      if (sole[r] >= 0 && sole[r] !== n.flow) shared[r] = 1;
      sole[r] = n.flow;
    }
  }
  return sole.map((f, r) => (shared[r] === 1 ? -1 : f));
}

/** Per flow: its one node, when that is a task a team serves and the flow ends after it (Tallies.soleTask), else -1. */
function soleTasks(model: Model): Int32Array {
  return Int32Array.from(model.flows, (f) => {
    const n = model.nodes[f.start];
    return f.nodes.length === 1 && n.kind === NODE_KIND.task && (n.pool !== null || n.resource >= 0) && n.next < 0 ? n.id : -1;
  });
}

/** Per resource: the node it alone serves, when it serves one task and no pool (NodeTally.waitsToTeam), else -1. */
function soleNodes(model: Model): Int32Array {
  const served = new Int32Array(model.resources.length);
  const sole = new Int32Array(model.resources.length).fill(-1);
  for (const n of model.nodes) {
    if (n.kind !== NODE_KIND.task) continue;
    const teams = n.pool ?? (n.resource >= 0 ? [n.resource] : []);
    for (const r of teams) {
      served[r] += n.pool === null ? 1 : 2; // a pool's team is never a node's alone
      sole[r] = n.id;
    }
  }
  return sole.map((n, r) => (served[r] === 1 ? n : -1));
}
