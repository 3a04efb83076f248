// Waiting that a busy team does not explain (Chapela-Campa and Dumas's extraneous delays): per
// step, the part of its instances' waits from enabling to start in which its team was open with a
// unit free (or all of it, for an automated step), written as a delay step before it, fitted in the
// clock its ends say (delay-clock.ts) or as the case's age (case-age.ts). Invariant: a wait is
// measured from where the simulation would start it (after the steps its flow does not run in
// parallel with it; at the arrival, in the fork of the branch that opened its case, for a step
// heading a branch of a block the flow starts with: Opening; from the block's enabling for the
// step that starts a block entered after a step first, from that step's start for the others
// heading its branches: leadingBlocks; a block nested at a branch's head lends its branches to
// either as lanes: lanesOf; a lane that starts with a choice leads, or opens, by the step it
// starts with, and one that may be skipped is begun or skipped as the leader's passes did,
// where the log's end cut some each pass by the inverse of its chance to show what it shows (the
// leader's own wait too, and the followers' delays, each by its chance given its leader's start:
// drawnByWeight; Opening.follow, FollowTally; a follower a pass the end cut had not begun yet counts
// as censored at the log's end: censoredWaits; and a lane's shares read again by their likelihood
// given its heads' fitted laws: FollowTally.reachShares), against the units
// busy then (a cancellation's cut instances holding theirs until the abort) and on shift then (a
// roster's, hour by hour).
import { medianSorted } from 'simple-statistics';
import { type EventLog, forEachActive } from '../interchange/event-log.js';
import { WorkCalendar } from '../sim/calendar.js';
import { activitiesOnLoops, caseAgeReading, type AgeEnd, type CaseAgeReading } from './case-age.js';
import { arrivalOf, arrivalOffset } from './case-times.js';
import { delayClock, wallSample, type DelayClock, type DelayEnd } from './delay-clock.js';
import { fitDuration, type FitResult, rememberedFits } from './fit.js';
import { fitTruncated } from './truncated-fit.js';
import { fitDurations } from './censored-fit.js';
import { distMean } from '../random/distributions.js';
import { activitiesOf, type Block, type Chain, END, parallelPairs, START } from './flow-structure.js';
import { lostStarts } from './processing-times.js';
import { teamOfInstance, type TeamAssignment } from './teams.js';
import { enabledFromArrival, enablingTimes } from './traces.js';
import { leaderDrift, type DriftPass, type LeaderDrift } from './leader-drift.js';
import { entryHours, weekHours } from './week-clock.js';
import { HOURS_PER_WEEK } from '../week.js';
import { append } from '../lists.js';

/** An instance's wait counts as a delay (not queueing) above this, in hours. */
const DELAY_FLOOR = 1 / 60;
/**
 * A step gets a delay step when at least --min-share of its instances wait with a free team (the
 * share below which a path is folded as rare: the delay step is a path of the step's decision)
 * and those waits come to at least this many hours per instance. A fixed 20% left out waits as
 * long as any: receipt's 'T06', 18% of its instances waiting 73 h each, 13 h per instance.
 */
export const DELAY_MEAN_FLOOR = 5 / 60;
/**
 * Hours (3.6 us, far below a log's millisecond) by which waits of exactly DELAY_MEAN_FLOOR may come
 * short of it in floating point (differences of instants in hours, summed): they are read as at the
 * floor. Waits of exactly 5 min averaged 4.9999999998 to 5.0000000003 min a step, written or not
 * by the rounding (block-names.test.ts' nested log before session 51: a leader's 5 min in one fork,
 * not in the next).
 */
const FLOOR_SLACK = 1e-9;
/** At most this many instances of a step are measured (every k-th, evenly). */
const DELAY_SAMPLE = 5000;
const HOUR_MS = 3_600_000;
/**
 * Where the log's end cut a pass of a block, a follow-up that fewer than this many of its leader's
 * passes were begun early enough to show (a case stuck for days in one of its leader's first
 * passes) is not measured: weighed by the inverse of its chance to show (FollowTally.commit), it
 * would stand for the leader's passes alone. Until session 51 it was the count of a head's
 * instances, in the passes the cutoff's rule keeps, below which the passes after the cutoff were
 * read too (from one instance, B after R in choice-block-window.test.ts' early-cut log read a root
 * mean square error of 0.49 h against the generator's 1.083 h; so, 0.12 h). Below it
 * delay-clock.ts finds no evidence either (a delay of 4 or fewer keeps the clock's hours).
 */
const FEW_HEADS = 5;
/**
 * A step's delay. `clock`: the clock its time elapses in, for a team with hours (delay-clock.ts);
 * null where the team works at every hour or the step is automated (the clock's hours, no other).
 * `age`: whether its end reads better as the case's age (case-age.ts; null for a step on a loop of
 * its flow, which keeps the delay); when chosen, `fit` is that age's, in the delay's clock from the
 * case's arrival (the step is written with `until: case_age`). `atArrival`: whether a case's first
 * instances are among those measured (the log dates their enabling, as Simod's enabled_time does);
 * false: the case arrives when its first step starts, so no wait before it was ever measured, and
 * the step takes the delay only where the case comes back to it, not at its arrival
 */
export interface DelayFacts {
  share: number;
  fit: FitResult;
  meanWait: number;
  clock: DelayClock | null;
  age: CaseAgeReading | null;
  atArrival: boolean;
  /**
   * true where the instances were drawn by their weights (EnablingList.weight: a leader's own wait
   * in a block the log's end cut, each pass by the inverse of its chance to show it), their
   * effective count of them (drawnByWeight); absent where they weigh alike, this activity's own
   */
  drawn?: true;
}

/**
 * A parallel block a flow starts with, as its cases open it. In a log one of its steps starts when
 * the case arrives (the case arrives then) and the other branches wait from there: which branch
 * opens decides who waits (a generated log: A opens 85% of cases and B waits 15 min after it; B
 * opens the rest and A waits 48 h). Delays decided branch by branch made both wait in 13% of the
 * simulated cases and neither in 13%, where the log has exactly one opening each case (B's wait
 * 0.18 h against the log's 0.21 h). So the scenario decides the opening branch first (its share of
 * the cases) and then the other branches' first steps' delays as measured in the cases it opened.
 */
export interface Opening {
  /**
   * per leader (a step a lane's paths start with: a lane is a branch, or, for a branch that starts
   * with a block and nothing else, that block's lanes, in order: lanesOf; a lane that starts with a
   * choice has a leader per step it may start with, in the order of their activities): its lane
   */
  lane: number[];
  /** per leader: the cases it opened, its step first in the block (of those whose beginning the log shows) */
  opened: number[];
  /**
   * per leader, where the log's end cut a pass of the block: `opened` with each pass weighed by the
   * inverse of its chance to be in the log (FollowTally.leaderWeight), scaled to add up to the
   * passes `opened` counts; the fork's shares (scenario-writer.ts). A pass is in the log once it
   * shows who led it (Pass.led), so a leader that waits long from the block's entry shows in fewer
   * of the passes entered late, and counted as read its share comes out low. Absent where the end
   * cut none: the passes weigh alike, `opened` as read.
   */
  openedWeighed?: number[];
  /** per leader: its step (the fork's name) */
  opener: number[];
  /**
   * per leader k: for each step heading another lane, its delay from the arrival in the cases
   * k opened (null: none there)
   */
  delays: Map<number, DelayFacts | null>[];
  /**
   * per leader k, per other lane (not one a nested block reads: `inner`): how its passes k led
   * began, by the step heading it (END: the lane was skipped). A lane may be skipped, or start with
   * a choice, as its leader decides: pooled over every pass, the lane k leads could be skipped in
   * k's own fork, and the others' choices taken apart from who led (a generated log, (A | R) || B?:
   * B skipped in 40% of the cases it opened; cycle time mean 10.2 h against the log's 7.5 h).
   * Where the log's end cut some passes, the shares are read from every pass the leader led, each
   * weighed by the inverse of its chance to show what it shows by the log's end (FollowTally): the
   * counts are then real numbers, scaled to add up to the passes the cutoff's rule reads
   * (`passesRead`), and a head begun in any pass counts more than none.
   */
  follow: Map<number, Map<number, number>>[];
  /**
   * the passes the cutoff's rule reads (FollowTally), each once, by head: those `follow`'s counts
   * add up to (a scenario's comment prints them beside the counts as written; the followers'
   * delays are measured in every pass shown, each by its weight, where the log's end cut one)
   */
  passesRead: Map<number, Map<number, number>>[];
  /**
   * A block entered after a step of its flow (Leading, not one the flow starts with): per leader,
   * its step's delay from the block's enabling in the passes it led (null: none there); the
   * others' delays (`delays`) run from the leader's start. Absent for a block that opens the case.
   */
  lead?: (DelayFacts | null)[];
  /**
   * The blocks nested at a branch's head whose branches are lanes of this one: a case's first
   * step in such a block's branch opens (or leads) as one of the outer block's would, and the
   * steps heading its other branches wait from there (a generated log, A || ((N1 || N2) -> M):
   * their delays pooled over every pass, N1 waited 8 h where it had opened the case itself,
   * cycle time mean 9.08 h against the log's 6.42 h).
   */
  nested: Map<Block, LaneRange>;
  /**
   * per leader k, per block of `nested` not holding k's lane (the outermost such): that block as
   * its passes in k's went, read as a block entered at k's start (`lead`: its leader's delay from
   * k's start; `delays`: the others' from that leader's start); its own nested blocks not holding
   * its leader's lane are read so in turn, from its leader's start (its own `inner`, at any depth).
   * Where A led, N1 and N2 each drawn from A's start left both waiting 8 h apart, where one
   * followed the other within minutes (nestedHeadLog); read one level only, two deep (A || ((B ||
   * ((C || D) -> E)) -> F)) left C and D so where B led in A's fork (deepNestedLog, 1,000 cases:
   * cycle time mean 9.93 h against the log's 8.75 h, now 8.73 h).
   */
  inner?: Map<number, Map<Block, Opening>>;
  /** the test of whether the mix of its leaders changes over the log (leader-drift.ts); null where too few passes for it. Blocks read at the top level only (Discovery.openings and .leads) */
  drift?: LeaderDrift | null;
}

/** A nested block's lanes among its outer block's: from `lo` up to (not including) `hi`. */
type LaneRange = [lo: number, hi: number];

/** Where an activity stands in a block whose delays are measured per leading or opening branch. */
interface BlockPlace {
  opening: Opening;
  lane: number;
  /** the leader it is, where it heads its lane; -1 otherwise */
  leader: number;
}

/** A fresh Opening for `block`, each of its lanes' activities placed in `place` (lead and opening blocks alike). */
function placeBlock(block: Block, place: Map<number, BlockPlace>): Opening {
  const opening = freshOpening(block);
  lanesOf(block, new Map()).forEach((lane, k) => {
    for (const a of activitiesOf(lane)) place.set(a, { opening, lane: k, leader: leaderOf(opening, k, a) });
  });
  // the steps after a nested block (its join on): the first of its lanes', heading none
  const placeBranch = (b: Chain, k: number): number => {
    const inner = headBlock(b);
    if (inner === null) return k + 1;
    let next = k;
    for (const ib of inner.branches) next = placeBranch(ib, next);
    for (const a of activitiesOf(b)) if (!place.has(a)) place.set(a, { opening, lane: k, leader: -1 });
    return next;
  };
  let k = 0;
  for (const b of block.branches) k = placeBranch(b, k);
  return opening;
}

/** The leader of `opening` that is step `a` heading lane `lane`, or -1. */
function leaderOf(opening: Opening, lane: number, a: number): number {
  for (let k = 0; k < opening.lane.length; k++) if (opening.lane[k] === lane && opening.opener[k] === a) return k;
  return -1;
}

/** An Opening of `block`'s lanes, a leader per step heading one, nothing counted. */
function freshOpening(block: Block): Opening {
  const nested = new Map<Block, LaneRange>();
  const lane: number[] = [];
  const opener: number[] = [];
  lanesOf(block, nested).forEach((chain, k) => {
    for (const a of [...headActivities(chain)].sort((x, y) => x - y)) {
      lane.push(k);
      opener.push(a);
    }
  });
  return {
    lane,
    opened: lane.map(() => 0),
    opener,
    delays: lane.map(() => new Map()),
    follow: lane.map(() => new Map()),
    passesRead: lane.map(() => new Map()),
    nested,
  };
}

/** Counts into `counts` (Opening.follow or .passesRead), in leader k's passes, lane `lane` begun with step `a` (END: skipped) in `n` more of them. */
function countFollow(counts: Map<number, Map<number, number>>[], k: number, lane: number, a: number, n: number): void {
  let m = counts[k].get(lane);
  if (m === undefined) counts[k].set(lane, (m = new Map()));
  m.set(a, (m.get(a) ?? 0) + n);
}

/**
 * One pass through a block read (`root`: the outermost, whose passes a nested reading's are), its
 * leader's start, the block's entry (its enabling, whichever lane leads: the case's arrival for a
 * block that opens it), when the log shows who led it (`led`: FollowTally.ledShown, at or after
 * its leader's end, as an instance is in the log once it has ended; the pass is in the log as its
 * leader's only where that is by the log's end), and whether the log's end cut it.
 */
interface Pass {
  root: Opening;
  at: number;
  entry: number;
  led: number;
  cut: boolean;
}

/** A pass led by leader k of `opening` (FollowTally.notePass). */
interface Led {
  pass: Pass;
  opening: Opening;
  k: number;
}

/** A count (FollowTally.count): in `pass`, leader k of `opening` followed by lane `lane` begun with `a` by entry `e` (END: skipped, `e` -1). */
interface Followed extends Led {
  lane: number;
  a: number;
  e: number;
}

/** An entry to measure (FollowTally.measure): `e` of `pass`, led by leader k of `opening`, into `set` from `at`. */
interface Measured extends Led {
  set: EnablingList;
  e: number;
  at: number;
}

/**
 * Opening.follow's counts and the following lanes' first heads measured from their leader's start
 * (the sets of BranchSet and InnerReadings), held until every case is read. A pass the log's end
 * cut (DelayInput.endCut) shows which lanes began, not which were skipped, and the passes under way
 * at the export are the long ones, those a lane follows late: counted as skipped where not entered,
 * or counted only where begun, the shares come out low; and the lanes such a pass began are those
 * that followed early, so their delays come out short too. So, per block read, the passes whose
 * leader started at or after the earliest start of a pass the end cut are left out of both
 * whatever they hold: which passes count depends on when they started, not on how they went. One
 * pass cut after running long moves the cutoff back to its start, losing passes (what else was
 * tried, and its figures: docs/discovery-notes.md). But when a block's leader started depends on
 * how its pass went where the leader waits longer in the passes a lane follows (a lane the leader
 * hands work to, say): the passes just before the cutoff are then mostly those of the short wait,
 * and with the cutoff far back (one pass cut after running long, where many cases run at the
 * export) the lane comes out short (a generated log, A leading 15 min after the block's entry
 * without B, 4 h with it, exported at the 1,200th of 2,000 arrivals, 106 cases cut: B after A
 * 0.21 of 194 passes, where the whole log says 0.48); weighing each pass counted by the inverse
 * of its chance to be (session 48) still never counted a wait longer than the cutoff is after
 * the block's first entry. So the shares are read from every pass the log shows instead, each
 * lane's begun with a head by the weight of its chance to show that by the log's end, over the
 * passes' own weights (censoredShares), in real numbers scaled to the passes the cutoff's rule
 * reads (rounded to whole passes, a head begun in few of them could round to none and its lane's
 * start lose it). Where it fails: what a pass shows later after its block's entry than the log's
 * end is after the block's first entry is never seen, so a lane that follows that late is still
 * short (a log exported 12 h in, its lane begun 4 h plus 3 h on average after the entry: the
 * share after A 0.05 under the generator's; its delay, fitted with the passes still waiting for it
 * right-censored since session 53, is not: censoredWaits). So, once the followers' delays are
 * fitted, a lane whose heads each have a law in the wall clock has its shares read again by their
 * likelihood given that law (reachShares: a pass that shows no head was skipped or its head had
 * not come in the time the log left it), which reaches past the span as far as the law does; and
 * where the mix of leaders changes over the log (a step that leads only late) the block's
 * entries count its passes' chances wrongly (discover notes such a block: leader-drift.ts). The followers' delays are measured in every pass the log
 * shows that began them, each by the inverse of its chance to show its follow-up given when its
 * leader started (commit): the passes the cutoff's rule counts are each not cut, so those begun
 * near the cutoff hold only follow-ups that ended in time, and read alone a slow lane came out
 * short (session 51). A log no pass of which the end cut counts and measures every pass, each once. A
 * leader none of whose passes started before the cutoff (one the log shows only late) would have no count and no delay: its followers started with it,
 * the shortest reading there is, and begun as over every leader's passes (those they led, all of
 * which began them, among them). It keeps every pass it led instead, a lane not entered in a
 * pass the end cut not counted as skipped (unknown there, as flow-structure.ts' endSeen reads it):
 * short, as the window's passes are, but no shorter (a generated log, (A | R) || B?, R first
 * only after a pass the end cut: B after R started with R, where the whole log says 0.43 h, now
 * 0.38 h; docs/discovery-notes.md). Of those, only the passes begun at least as long before the
 * log's end as the longest a counted pass of the block waited for a lane: a later one, not cut
 * (its case's exit read as seen), shows as skipped a lane still to begin (a log as dense as its
 * follow-ups are slow: B after R 0.12 of 43 passes, 1.14 h, where the whole log says 0.44 and 5.32 h).
 */
class FollowTally {
  /**
   * `start`: each entry's start (DelayInput.start); `end`: its end (the log's); `logEnd`:
   * the last instant of the log's kept cases, in the same clock; `longestRun`: per activity, the longest an instance
   * of it kept ran (ledShown's bound).
   */
  constructor(
    private readonly start: Float64Array,
    private readonly end: Float64Array,
    private readonly logEnd: number,
    private readonly longestRun: Float64Array,
    private readonly activityOf: Int32Array,
  ) {}
  /**
   * When the log shows that leader k of `opening` led a pass whose first instance is `leader`: an instance is in the
   * log once it has ended, so a pass shows its first start once its leader has ended and no other lane's head can
   * still run having started before it. A lane rules that out at the earliest of its first entry's end in the pass
   * (`laneEnds`: it started after the leader's), the pass's exit (`exit`: a lane not entered by then was skipped;
   * Infinity for a pass the log's end cut) and the leader's start plus the longest its heads' instances run
   * (`longestRun`: one started before it has ended by then). A pass whose real leader still runs at the export shows
   * a follower that ended first as its leader (a leader of exactly 3 h, B 5 min after it for 10 min:
   * head-ends-first.test.ts' log read B leading 76 of 514 passes, where A always starts first); reading each pass
   * as shown only from here (notePass leaves out one the log's end came before: censored, as a pass whose leader
   * has not ended is) keeps those out, and the weights (truncationWeights) read the same instant.
   */
  ledShown(opening: Opening, k: number, leader: number, laneEnds: ReadonlyMap<number, number>, exit: number): number {
    const own = opening.lane[k];
    let shown = this.end[leader];
    for (let x = 0; x < opening.lane.length; x++) {
      const lane = opening.lane[x];
      if (lane === own) continue;
      const ruledOut = Math.min(this.start[leader] + this.longestRun[opening.opener[x]], laneEnds.get(lane) ?? exit);
      if (ruledOut > shown) shown = ruledOut;
    }
    return shown;
  }
  private readonly held: Followed[] = [];
  private readonly measured: Measured[] = [];
  private readonly cutFrom = new Map<Opening, number>();
  private readonly passes: Led[] = [];
  /**
   * Per block some pass of which the end cut (its root reading), the weight of what a pass shows y
   * after the block's entry: the inverse of its chance to be seen by the log's end E at all. A
   * pass entered at x shows it where x <= E - y, so it weighs 1 / G(E - y), G the law of the
   * block's entries, read from the passes seen by Lynden-Bell's product-limit estimator for
   * right-truncated data (x seen only up to V = E - w, w its leader's wait: the risk set at x the
   * passes entered by x whose V reaches x), which needs no entry of a pass whose leader is still
   * to start (a flow that may take another path after the step does not show those). A block
   * that opens the case: its entry is its leader's start, so what a pass shows weighs by its
   * instance's end after that start. Two guards, for a thin risk set (docs/discovery-notes.md,
   * session 50): an entry whose risk set holds only its own passes (every pass entered before it
   * is seen only earlier after its entry: a hole) tells nothing of the entries before it, and its
   * factor, 1 - 1 = 0, would make G 0 below it and a pass shown that late weigh infinitely: it is
   * skipped, so G's product runs on over the entries before it (a pass whose leader waited 28.5 h
   * where the others waited 15 min, of 30 an hour apart: 29, the log's 30). And no pass
   * stands for more passes than the block's reading shows (the weight at most their count, where a
   * run of small risk sets can take G below 1 / that count): the bound is the block's, not a
   * leader's, so a leader that led few passes can still be decided by one heavy pass
   * (test/discovery/pass-weights.test.ts works both by hand). A fixed cap of 8 took the
   * dense log's B after A down (root mean square error 0.071, 0.051 with this rule) and steadied
   * its late leader B's (0.055, 0.075): pooled, and on the thinnest logs, alike (the notes').
   */
  private truncationWeights(): Map<Opening, (y: number) => number> {
    const byRoot = new Map<Opening, Pass[]>();
    const seen = new Set<Pass>();
    for (const { pass } of this.passes) {
      if (seen.has(pass) || !this.cutFrom.has(pass.root)) continue;
      seen.add(pass);
      let list = byRoot.get(pass.root);
      if (list === undefined) byRoot.set(pass.root, (list = []));
      list.push(pass);
    }
    const out = new Map<Opening, (y: number) => number>();
    for (const [root, list] of byRoot) {
      const xs = Float64Array.from(list, (pass) => pass.entry).sort();
      const vs = Float64Array.from(list, (pass) => this.logEnd - Math.max(0, pass.led - pass.entry)).sort();
      // per distinct entry x_j (ascending), G just below it: the product over the entries from x_j on of 1 - d_j / R_j
      const at: number[] = [];
      const below: number[] = [];
      let g = 1;
      for (let hi = xs.length; hi > 0; ) {
        const x = xs[hi - 1];
        let lo = hi - 1;
        while (lo > 0 && xs[lo - 1] === x) lo--;
        const risk = hi - lowerBound(vs, x); // entered by x (all of xs[0, hi)) less those whose bound is before x
        if (risk > hi - lo) g *= 1 - (hi - lo) / risk; // a hole (its own passes alone) skipped
        at.push(x);
        below.push(g);
        hi = lo;
      }
      const entries = Float64Array.from(at.reverse());
      below.reverse();
      const most = list.length; // no pass stands for more passes than the reading shows
      out.set(root, (y) => {
        const i = upperBound(entries, this.logEnd - Math.max(0, y)); // the first distinct entry after E - y
        return Math.min(1 / (i < entries.length ? below[i] : 1), most);
      });
    }
    return out;
  }
  /** Per block read at the top level (a pass's root), its passes: their entries, when each shows who led it (Pass.led) and their leaders (leader-drift.ts), in the order noted. */
  rootPasses(): Map<Opening, DriftPass[]> {
    const out = new Map<Opening, DriftPass[]>();
    for (const { pass, opening, k } of this.passes)
      if (opening === pass.root) slot(out, opening, () => []).push({ entry: pass.entry, led: pass.led, k });
    return out;
  }
  /**
   * The weight of `pass` as its leader's own wait shows it (truncationWeights at its leader's end
   * after the block's entry, the weight censoredShares counts it by among the passes led); 1 where
   * the log's end cut no pass of its block. The waits are read from every pass the log shows, and a
   * pass is shown only where its leader's instance ended by the log's end: unweighed, the passes
   * entered late show only their short waits (DelayInput's leading instances: leadingBlocks).
   */
  leaderWeight(pass: Pass): number {
    this.weightsMade ??= this.truncationWeights();
    return this.weightsMade.get(pass.root)?.(pass.led - pass.entry) ?? 1;
  }
  private weightsMade: Map<Opening, (y: number) => number> | undefined;
  /**
   * Notes that leader k of `opening` (the pass's block or one nested in it) led `pass` (Opening.opened), and whether
   * the log's end cut it; false, the pass not noted as led (only its cut), where the log's end came before it shows
   * who led it (Pass.led): then nothing of it is read.
   */
  notePass(pass: Pass, opening: Opening, k: number): boolean {
    if (pass.cut) this.cutFrom.set(pass.root, Math.min(pass.at, this.cutFrom.get(pass.root) ?? Number.POSITIVE_INFINITY));
    if (pass.led > this.logEnd) return false;
    opening.opened[k]++;
    this.passes.push({ pass, opening, k });
    return true;
  }
  /** Counts, in `pass`, leader k of `opening` followed by lane `lane` begun with `a` by entry `e` (END: skipped, `e` -1). */
  count(pass: Pass, opening: Opening, k: number, lane: number, a: number, e = -1): void {
    this.held.push({ pass, opening, k, lane, a, e });
  }
  /**
   * Per reading, leader and lane of a block some pass of which the end cut, where the leader has a
   * pass counted: the share of its passes that began the lane with each head (END: skipped), read
   * from every pass it led, not only those before the cutoff. Horvitz and Thompson's: the passes
   * the leader led, each weighed by the inverse of its chance to be in the log (its leader's
   * instance ended by the log's end: truncationWeights at that end's time after the block's
   * entry), estimate how many it led among the block's entries; those that began the lane with a
   * head, each by the inverse of its chance to show that (the head's instance ended by the log's
   * end), how many of them did; the share is the ratio, skipped the rest. So a pass whose leader
   * waited longer than the cutoff is after the block's first entry counts, as none the cutoff's
   * rule counts could, and a pass under way at the export counts for what it has shown: its lanes
   * still to begin are what the weights of the passes entered earlier stand for. Which passes'
   * lanes were skipped need not be read (no exit judged: exits-seen.ts), and the weights go with
   * when each lane began, so a leader that waits longer where a lane follows is weighed as such (a
   * censored reading of the lane's start from its leader's, Kaplan and Meier's or Aalen and
   * Johansen's, pools the passes' follow-up over the waits, which go with the lane: B after A 0.43
   * where the generator's share is 0.47, choice-block-window.test.ts' leader waiting 15 min or
   * 4 h, 6 seeds; this 0.47). `withCounted`: per reading, its leaders with a pass counted (commit's).
   */
  private censoredShares(withCounted: Map<Opening, Set<number>>): Map<Opening, Map<number, Map<number, Map<number, number>>>> {
    const weight = (this.weightsMade ??= this.truncationWeights()); // made once: leaderWeight reads the same after commit
    // per reading, leader and lane: the weights of the passes led (each at its leader's end), and per head of those begun with it (at its end)
    const sums = new Map<Opening, Map<number, Map<number, { led: number; begun: Map<number, number>; passes: ReachPass[] }>>>();
    for (const { pass, opening, k, lane, a, e } of this.held) {
      const w = weight.get(pass.root);
      if (w === undefined || withCounted.get(opening)?.has(k) !== true) continue;
      const sum = slot(
        slot(
          slot(sums, opening, () => new Map()),
          k,
          () => new Map(),
        ),
        lane,
        () => ({ led: 0, begun: new Map<number, number>(), passes: [] as ReachPass[] }),
      );
      const led = w(pass.led - pass.entry);
      sum.led += led;
      sum.passes.push({ led, a, at: pass.at, waited: pass.led - pass.entry, run: a === END ? 0 : this.end[e] - this.start[e] });
      // a pass shows its lane begun once both its leader's instance and the head's have ended
      if (a !== END) sum.begun.set(a, (sum.begun.get(a) ?? 0) + w(Math.max(pass.led, this.end[e]) - pass.entry));
    }
    const out = new Map<Opening, Map<number, Map<number, Map<number, number>>>>();
    for (const [opening, byK] of sums) {
      const sharesByK = new Map<number, Map<number, Map<number, number>>>();
      out.set(opening, sharesByK);
      for (const [k, byLane] of byK) {
        const sharesByLane = new Map<number, Map<number, number>>();
        sharesByK.set(k, sharesByLane);
        for (const [lane, { led, begun, passes }] of byLane) {
          this.reachable.push({ opening, k, lane, passes });
          let total = 0;
          for (const v of begun.values()) total += v;
          // the heads' shares add up to at most 1 (the estimates' noise may take them over: scaled to 1, no skip)
          const scale = Math.max(led, total);
          const shares = new Map<number, number>();
          for (const [a, v] of begun) shares.set(a, v / scale);
          if (led > total) shares.set(END, 1 - total / led);
          sharesByLane.set(lane, shares);
        }
      }
    }
    return out;
  }
  /** Per reading, leader and lane censoredShares read: every pass the leader led, as reachShares reads them again. */
  private readonly reachable: { opening: Opening; k: number; lane: number; passes: ReachPass[] }[] = [];
  /**
   * Opening.follow again, once the followers' delays are fitted (Opening.delays, discoverDelays), where every head of a
   * lane has a law in the wall clock (followUpChance): the lane's heads' shares p_a by their likelihood over the passes the
   * leader led, each weighed as its leader's wait shows it (w, the weight censoredShares counts the passes led by). A pass
   * that began the lane with head a by the log's end says p_a; one that shows no head, 1 - sum of p_a F_a(c_a), F_a the
   * head's fitted follow-up law from its leader's start and c_a the time the log left it (the log's end less the leader's
   * start less the head's median run): its lane was skipped, or begun too late to show. Maximised by EM (a pass that shows
   * none begins a with chance p_a (1 - F_a(c_a)) / (1 - sum p_b F_b(c_b))). Read so over every pass, a leader that waits
   * longer where the lane follows (choiceBlockLog's A: 4 h with B, 2 h without) weighs its late passes, those with little
   * time left, for their short waits: the passes are read in strata of the leader's own wait (up to STRATA, of equal
   * weight, one for every STRATUM_PASSES passes), each its own shares, summed by the strata's weights. censoredShares
   * reads a head's chance to show off the block's entries instead, 1 / G(E - y) at the time y from the entry to the head's
   * end, which holds only up to the log's span after the block's first entry: a lane begun later than that shows in no
   * pass, and the dense log's B after A read 0.05 and after R 0.10 short (docs/discovery-notes.md, session 54). Where a
   * head has no such law its lane's shares are censoredShares'.
   */
  reachShares(): void {
    for (const { opening, k, lane, passes } of this.reachable) {
      const counts = opening.follow[k].get(lane);
      if (counts === undefined) continue; // no pass of the leader's kept
      let n = 0;
      for (const v of counts.values()) n += v;
      const runs = new Map<number, number[]>();
      for (const { a, run } of passes) if (a !== END) slot(runs, a, () => []).push(run);
      const heads = [...runs.keys()];
      const laws = heads.map((a) => followUpChance(opening.delays[k].get(a)));
      if (heads.length === 0 || laws.some((law) => law === null)) continue;
      const medianRun = heads.map((a) => medianSorted(runs.get(a)!.sort((x, y) => x - y)));
      // per pass: its weight, the head it shows (-1: none), and per head the chance that a follow-up had come in time to show
      const read = passes.map(({ led, a, at, waited }) => ({
        w: led,
        shown: heads.indexOf(a),
        waited,
        f: laws.map((law, h) => law!((this.logEnd - at - medianRun[h]) / HOUR_MS)),
      }));
      read.sort((x, y) => x.waited - y.waited);
      let weight = 0;
      for (const { w } of read) weight += w;
      const strata = Math.max(1, Math.min(STRATA, Math.floor(read.length / STRATUM_PASSES)));
      const p = heads.map(() => 0);
      for (let s = 0, from = 0, acc = 0; s < strata; s++) {
        let to = from;
        const upTo = s === strata - 1 ? Number.POSITIVE_INFINITY : (weight * (s + 1)) / strata;
        while (to < read.length && (acc + read[to].w <= upTo || to === from)) acc += read[to++].w;
        if (to === from) break; // the passes spent (the heaviest last): every weight counted
        const stratum = read.slice(from, to);
        let sw = 0;
        for (const { w } of stratum) sw += w;
        likeliestShares(stratum, heads.length).forEach((q, h) => {
          p[h] += (q * sw) / weight;
        });
        from = to;
      }
      const shares = new Map<number, number>();
      let total = 0;
      heads.forEach((a, h) => {
        shares.set(a, n * p[h]);
        total += p[h];
      });
      if (total < 1) shares.set(END, n * (1 - total));
      opening.follow[k].set(lane, shares);
    }
  }
  /** Measures entry `e` of `pass`, led by leader k of `opening` (its leading instance, or a following lane's first head), into `set` from `at`. */
  measure(pass: Pass, opening: Opening, k: number, set: EnablingList, e: number, at: number): void {
    this.measured.push({ pass, opening, k, set, e, at });
  }
  private readonly pendings: { set: EnablingList; lane: number; opening: Opening; e: number; at: number }[] = [];
  /**
   * Notes that `pass` (led by a leader of `opening`, the log's end cut it) had not begun lane `lane` by the log's end:
   * its follow-up, measured into `set` from `at` (`e`: an instance of the case), is still to come, known to take
   * longer than the log shows (right-censored), where the lane has one head (of several, which one is unknown).
   */
  pend(opening: Opening, set: EnablingList, lane: number, e: number, at: number): void {
    this.pendings.push({ set, lane, opening, e, at });
  }
  /**
   * Writes the counts of the passes that started before their block's first cut one (at the shares
   * every pass gives where the end cut one: censoredShares, scaled to the passes counted), and of
   * every pass of a leader none of whose passes did (but a cut pass's lanes not entered; each once),
   * into Opening.follow; and the measures of every pass noted into their sets, each weighed by its
   * chance to show what it measures where the end cut a pass of its block (EnablingList.weight), in
   * the order held.
   */
  commit(): void {
    const counted = (pass: Pass) => pass.at < (this.cutFrom.get(pass.root) ?? Number.POSITIVE_INFINITY);
    const countedLeaders = new Map<Opening, Set<number>>(); // per reading, the leaders a counted pass is of
    for (const { pass, opening, k } of this.passes) if (counted(pass)) slot(countedLeaders, opening, () => new Set()).add(k);
    // per block read, the longest a counted pass's lane began after its leader: a late leader's pass begun
    // less than that before the log's end may not show a lane yet to begin, so it is not read (none left:
    // the leader keeps no pass, and its fork begins the lanes at the pooled share, as before session 47)
    const longest = new Map<Opening, number>();
    for (const { pass, e } of this.measured) {
      if (!counted(pass)) continue;
      const after = this.start[e] - pass.at;
      if (after > (longest.get(pass.root) ?? 0)) longest.set(pass.root, after);
    }
    const kept = (pass: Pass, opening: Opening, k: number) =>
      counted(pass) || (countedLeaders.get(opening)?.has(k) !== true && this.logEnd - pass.at >= (longest.get(pass.root) ?? 0));
    const censored = this.censoredShares(countedLeaders);
    // per reading, leader and lane: the passes read (each once, by head; END: skipped), those the cutoff's rule keeps
    const tallies = new Map<Opening, Map<number, Map<number, { n: number; once: Map<number, number> }>>>();
    for (const { pass, opening, k, lane, a } of this.held) {
      if (!kept(pass, opening, k) || (!counted(pass) && pass.cut && a === END)) continue;
      const t = slot(
        slot(
          slot(tallies, opening, () => new Map()),
          k,
          () => new Map(),
        ),
        lane,
        () => ({ n: 0, once: new Map<number, number>() }),
      );
      t.n++;
      t.once.set(a, (t.once.get(a) ?? 0) + 1);
    }
    for (const [opening, byK] of tallies)
      for (const [k, byLane] of byK)
        for (const [lane, { n, once }] of byLane) {
          // the censored shares scaled to the passes read; none (no pass of the block cut, or a late leader's): the passes read
          const shares = censored.get(opening)?.get(k)?.get(lane);
          if (shares === undefined) for (const [a, m] of once) countFollow(opening.follow, k, lane, a, m);
          else {
            for (const a of once.keys()) if (shares.has(a)) countFollow(opening.follow, k, lane, a, n * shares.get(a)!);
            for (const [a, p] of shares) if (!once.has(a)) countFollow(opening.follow, k, lane, a, n * p);
          }
          for (const [a, m] of once) countFollow(opening.passesRead, k, lane, a, m);
        }
    // each leader's passes, each by the inverse of its chance to be in the log (at Pass.led: the weight censoredShares counts
    // it by among the passes led), scaled to the passes noted: the fork's shares (Opening.openedWeighed)
    const weighed = new Map<Opening, number[]>();
    for (const { pass, opening, k } of this.passes)
      if (this.cutFrom.has(pass.root)) slot(weighed, opening, () => opening.opened.map(() => 0))[k] += this.leaderWeight(pass);
    for (const [opening, sums] of weighed) {
      const scale = opening.opened.reduce((n, c) => n + c, 0) / sums.reduce((n, w) => n + w, 0);
      opening.openedWeighed = sums.map((w) => w * scale);
    }
    // The measures: a block the log's end cut no pass of, every pass's (the cutoff's rule keeps them all). One it cut, every
    // pass of the leader's the log shows that began the head, each by the inverse of its chance to show it by the log's
    // end, given that its leader started: a head is in the log once it has ended, so a pass whose leader started at s
    // shows a follow-up that needs t from there (to the later of the head's end and Pass.led) only where s <= E - t, and
    // the share of the leader's passes shown begun by then is that chance (Horvitz and Thompson's, the follow-up
    // independent of when its leader started; drawnByWeight draws by it). Read unweighed, the passes the cutoff's rule
    // keeps are each of them not cut, so those begun near the cutoff are those whose follow-ups ended in time, and a slow
    // lane came out short (R after B, 5 min plus an exponential of 3 h: 2.2-2.8 h in every cut shape of choiceBlockLog).
    // Weighed by the block's entries (truncationWeights), the leader's own wait is in the time a pass needs, so a
    // follow-up after a long wait weighs as if it could not show: shorter still (docs/discovery-notes.md, session 51).
    // A pass fewer than FEW_HEADS of the leader's passes were begun early enough to show (a case stuck for days) is not
    // read: it would stand for every pass of the leader alone.
    // What the weights cannot give is a follow-up longer than the log's end is after the leader's fifth-earliest start:
    // up to that reach the weighed mean is the law's (R after B worked from the generator's draws: 0.04 h short over
    // 400 seeds), past it nothing shows, so a slow lane read short by its tail there (0.43 h of 3.08 h in a 12-h log;
    // docs/discovery-notes.md, session 52). So a set that holds a pass the end cut before its lane began (pend) is
    // fitted right-censored instead (censoredWaits), the weights unread.
    const begun = new Map<Opening, Map<number, number[]>>(); // per reading and leader, its passes' leaders' starts
    for (const { pass, opening, k } of this.passes)
      if (this.cutFrom.has(pass.root))
        slot(
          slot(begun, opening, () => new Map()),
          k,
          () => [],
        ).push(pass.at);
    const sortedBegun = new Map<Opening, Map<number, Float64Array>>();
    for (const [opening, byK] of begun)
      for (const [k, list] of byK) slot(sortedBegun, opening, () => new Map()).set(k, Float64Array.from(list).sort());
    // A follow-up a pass the end cut had not begun is under way: it would take longer than the log shows (FollowTally.pend).
    // Where a set holds such, its follow-ups are fitted right-censored (censoredWaits: every one shown at its wait, every
    // one pending at least the log's end less its leader's start, the risk set at t every pass shown whose follow-up
    // could have shown by t), so the tail past the window is the fitted law's, not left out; a follow-up fewer than
    // FEW_HEADS passes could show is then read too (weight 0: not drawn), the censored fit needing no weights.
    const runs = new Map<EnablingList, Map<number, number[]>>(); // per set and head: its measured instances' runs
    for (const { set, e } of this.measured)
      slot(
        slot(runs, set, () => new Map()),
        this.activityOf[e],
        () => [],
      ).push(this.end[e] - this.start[e]);
    for (const byHead of runs.values()) for (const run of byHead.values()) run.sort((x, y) => x - y); // once, for medianSorted
    for (const { set, lane, opening, e, at } of this.pendings) {
      const heads = opening.opener.filter((a, x) => opening.lane[x] === lane && a >= 0);
      const run = heads.length === 1 ? runs.get(set)?.get(heads[0]) : undefined;
      if (run === undefined) continue; // several heads, or none measured in the set
      const to = this.logEnd - medianSorted(run);
      if (to > at) (set.pending ??= []).push({ a: heads[0], e, from: at, to });
    }
    const weights = new Map<EnablingList, number[]>();
    for (const { pass, opening, k, set, e, at } of this.measured) {
      const starts = sortedBegun.get(opening)?.get(k);
      let v = 1;
      if (starts !== undefined) {
        const early = upperBound(starts, this.logEnd - (Math.max(pass.led, this.end[e]) - pass.at)); // begun early enough
        if (early < Math.min(FEW_HEADS, starts.length)) {
          if (set.pending?.some((p) => p.a === this.activityOf[e]) !== true) continue; // a leader of fewer passes keeps those it has
          v = 0;
        } else v = starts.length / early;
      }
      set.events.push(e);
      set.at.push(at);
      slot(weights, set, () => []).push(v);
    }
    for (const [set, list] of weights) if (list.some((v) => v !== 1)) set.weight = list;
  }
}

/**
 * A pass as FollowTally.reachShares reads it: its weight as its leader's wait shows it (`led`), the head that began the
 * lane (END: none shown) and its run (ms), its leader's start, and its leader's wait from the block's entry to Pass.led (ms).
 */
interface ReachPass {
  led: number;
  a: number;
  run: number;
  at: number;
  waited: number;
}

/**
 * At most this many strata of a leader's own wait (FollowTally.reachShares), one for every STRATUM_PASSES passes: on the
 * dense log 8 read 0.456 / 0.449 (B after A / R, the generator's law put in), 4 0.451 / 0.455, 1 0.434 / 0.450
 * (docs/discovery-notes.md, session 54).
 */
const STRATA = 8;
const STRATUM_PASSES = 20;

/**
 * The heads' shares (of `heads` heads) maximising the likelihood of `passes` (FollowTally.reachShares): each weighs `w`,
 * shows head `shown` (-1: none) and had chance f[h] to show head h had it begun with it; EM from half the passes split
 * equally among the heads (the other half skipped).
 */
function likeliestShares(passes: readonly { w: number; shown: number; f: number[] }[], heads: number): number[] {
  let p = new Array<number>(heads).fill(0.5 / heads);
  let weight = 0;
  for (const { w } of passes) weight += w;
  for (let round = 0; round < 1000; round++) {
    const next = new Array<number>(heads).fill(0);
    for (const { w, shown, f } of passes) {
      if (shown >= 0) {
        next[shown] += w;
        continue;
      }
      let seen = 0;
      for (let h = 0; h < heads; h++) seen += p[h] * f[h];
      if (seen >= 1) continue;
      for (let h = 0; h < heads; h++) next[h] += (w * p[h] * (1 - f[h])) / (1 - seen);
    }
    let moved = 0;
    for (let h = 0; h < heads; h++) {
      next[h] /= weight;
      moved = Math.max(moved, Math.abs(next[h] - p[h]));
    }
    p = next;
    if (moved < 1e-9) break;
  }
  return p;
}

/**
 * A follower's delay as the chance that its follow-up from its leader's start has come within c hours (FollowTally.reachShares):
 * its share that waits times its fitted family's distribution function, the rest at once; null where it has none in the
 * wall clock (no delay measured or written, a team's clock, read as the case's age, or quantiles).
 */
function followUpChance(delay: DelayFacts | null | undefined): ((c: number) => number) | null {
  if (delay === null || delay === undefined || delay.age?.chosen === true) return null;
  // a team with hours: its fit is in the team's clock, not the wall's, unless censored (censoredWaits fits in the wall's)
  if (delay.clock !== null && delay.fit.censored === 0) return null;
  const cdf = delay.fit.tried.find((t) => t.family === delay.fit.family)?.cdf;
  if (cdf === undefined) return null;
  const { share } = delay;
  return (c) => (c <= 0 ? 0 : 1 - share + share * cdf(c));
}

/** The enabling times measured after leader k of `opening` (`byOpener`: per opening, by leader), made where none is yet. */
function enablingSet(byOpener: Map<Opening, (EnablingList | null)[]>, opening: Opening, k: number): EnablingList {
  const sets = slot(byOpener, opening, () => opening.opened.map(() => null));
  return (sets[k] ??= { events: [], at: [] });
}

/** The value `map` holds for `key`, made and held first where it holds none. */
function slot<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * A block's lanes: its branches, each in place of a branch that starts with a block on every
 * path (headBlock) that block's lanes; `nested` gathers those blocks with their lanes' range
 * (outer blocks before the blocks nested in them).
 */
export function lanesOf(block: Block, nested: Map<Block, LaneRange>, from = 0): Chain[] {
  const out: Chain[] = [];
  for (const b of block.branches) {
    const inner = headBlock(b);
    if (inner === null) {
      out.push(b);
      continue;
    }
    const at = from + out.length;
    const range: LaneRange = [at, at];
    nested.set(inner, range);
    append(out, lanesOf(inner, nested, at));
    range[1] = from + out.length;
  }
  return out;
}

/** The outermost block of `opening.nested` holding lane `lane` but not lane `k`, with its range, or null. */
function innerOf(opening: Opening, k: number, lane: number): [Block, LaneRange] | null {
  for (const [block, range] of opening.nested)
    if (lane >= range[0] && lane < range[1] && (k < range[0] || k >= range[1])) return [block, range];
  return null;
}

/**
 * The passes of outer leaders through their inner blocks (Opening.inner) as measured: per reading,
 * its counts of leaders, its leading instances' enabling, and per leader the other lanes' first
 * heads' enabling (from its start).
 */
class InnerReadings {
  private readonly all: {
    outer: Opening;
    k: number;
    block: Block;
    range: LaneRange;
    opening: Opening;
    leaders: EnablingList;
    byLeader: (EnablingList | null)[];
  }[] = [];
  private readonly index = new Map<Opening, Map<number, Map<Block, number>>>();
  constructor(private readonly tally: FollowTally) {}
  /**
   * One pass led by outer leader `k`: `firsts`, each lane's first head instance in the pass in time
   * order (lane, instance), `met` the lanes the pass has an entry in (`pass`: which pass, its
   * lanes' beginnings counted in the tally), `from(e)` where a leading instance's wait starts; the
   * instances of lanes an inner block holds are measured here, not in the outer block's sets
   * (innerOf).
   */
  pass(
    outer: Opening,
    k: number,
    firsts: readonly [number, number][],
    met: ReadonlySet<number>,
    pass: Pass,
    start: Float64Array,
    activityOf: Int32Array,
    from: (e: number) => number,
  ): void {
    const leaderIn = new Map<Block, [lane: number, e: number, leader: number]>(); // inner block -> its leading instance in this pass
    for (const [lane, e] of firsts) {
      const found = innerOf(outer, outer.lane[k], lane);
      if (found === null) continue;
      const [block, range] = found;
      const reading = this.reading(outer, k, block, range);
      const led = leaderIn.get(block);
      if (led === undefined) {
        const leader = leaderOf(reading.opening, lane - range[0], activityOf[e]);
        if (leader < 0) continue;
        leaderIn.set(block, [lane, e, leader]);
        this.tally.notePass(pass, reading.opening, leader);
        this.tally.measure(pass, reading.opening, leader, reading.leaders, e, from(e));
        continue;
      }
      if (innerOf(reading.opening, led[0] - range[0], lane - range[0]) !== null) continue; // a block nested in it: read below
      const set = (reading.byLeader[led[2]] ??= { events: [], at: [] });
      this.tally.measure(pass, reading.opening, led[2], set, e, Math.min(start[led[1]], start[e]));
    }
    for (const [block, [leadLane, led, leader]] of leaderIn) {
      const { opening, range } = this.readingOf(outer, k, block);
      const local = leadLane - range[0];
      // how each other lane of a block so led began (END: skipped in the pass)
      for (let lane = range[0]; lane < range[1]; lane++) {
        if (lane === leadLane || innerOf(opening, local, lane - range[0]) !== null) continue;
        const first = firsts.find(([l]) => l === lane);
        if (first !== undefined) this.tally.count(pass, opening, leader, lane - range[0], activityOf[first[1]], first[1]);
        else if (!met.has(lane)) this.tally.count(pass, opening, leader, lane - range[0], END);
      }
      // the blocks nested in it not holding its leader's lane, read as entered at its leader's start
      if (opening.nested.size === 0) continue;
      const inRange = (lane: number) => lane >= range[0] && lane < range[1];
      this.pass(
        opening,
        leader,
        firsts.filter(([lane]) => inRange(lane)).map(([lane, e]) => [lane - range[0], e] as [number, number]),
        new Set([...met].filter(inRange).map((lane) => lane - range[0])),
        pass,
        start,
        activityOf,
        (e) => Math.min(start[led], start[e]),
      );
    }
  }
  /** The reading of `block` in outer leader k's passes: the one made, else a fresh one (its lanes `range` of the outer block's). */
  private reading(outer: Opening, k: number, block: Block, range: LaneRange) {
    let byK = this.index.get(outer);
    if (byK === undefined) this.index.set(outer, (byK = new Map()));
    let byBlock = byK.get(k);
    if (byBlock === undefined) byK.set(k, (byBlock = new Map()));
    let i = byBlock.get(block);
    if (i === undefined) {
      const opening = freshOpening(block);
      opening.lead = opening.opened.map(() => null);
      byBlock.set(block, (i = this.all.length));
      this.all.push({
        outer,
        k,
        block,
        range,
        opening,
        leaders: { events: [], at: [] },
        byLeader: opening.opened.map(() => null),
      });
    }
    return this.all[i];
  }
  /** The reading of `block` in outer leader k's passes, made before (pass: its leading instance's). */
  private readingOf(outer: Opening, k: number, block: Block) {
    const i = this.index.get(outer)?.get(k)?.get(block);
    if (i === undefined) throw new Error(`no reading of block ${block.id} in leader ${k}'s passes`);
    return this.all[i];
  }
  /** The readings' sets to measure: per reading, its leaders' set, then a BranchSet per leader. */
  sets(): { leaders: EnablingList[]; branches: BranchSet[]; readings: Opening[] } {
    const leaders: EnablingList[] = [];
    const branches: BranchSet[] = [];
    const readings: Opening[] = [];
    for (const r of this.all) {
      ((r.outer.inner ??= new Map()).get(r.k) ?? r.outer.inner.set(r.k, new Map()).get(r.k)!).set(r.block, r.opening);
      leaders.push(r.leaders);
      readings.push(r.opening);
      const heads = lanesOf(r.block, new Map()).map(headActivities);
      r.byLeader.forEach((set, l) => {
        if (set === null) return;
        const own = r.opening.lane[l];
        branches.push({ opening: r.opening, leader: l, heads: heads.flatMap((h, j) => (j === own ? [] : [...h])), enabled: set });
      });
    }
    return { leaders, branches, readings };
  }
}

/** The block every path of a branch starts with (its one start), or null. */
export function headBlock(branch: Chain): Block | null {
  const heads = [...(branch.transitions.get(START)?.keys() ?? [])];
  if (heads.length !== 1 || heads[0] === END) return null;
  const s = branch.symbols[heads[0]];
  return s.kind === 'block' ? s.block : null;
}

/** One opening or leading leader's measured enabling times, and the other lanes' head activities its cases delay. */
interface BranchSet {
  opening: Opening;
  leader: number;
  heads: number[];
  enabled: EnablingList;
}

/** Per block placed (placeBlock) in each flow, a BranchSet per leader measured. */
function branchSets(placeOf: readonly Map<number, BlockPlace>[], byBranch: Map<Opening, (EnablingList | null)[]>): BranchSet[] {
  const out: BranchSet[] = [];
  for (const place of placeOf) {
    const done = new Set<Opening>();
    for (const { opening } of place.values()) {
      if (done.has(opening)) continue;
      done.add(opening);
      const heads = [...place].filter(([, p]) => p.opening === opening && p.leader >= 0);
      (byBranch.get(opening) ?? []).forEach((set, k) => {
        if (set === null) return;
        const own = opening.lane[k];
        out.push({ opening, leader: k, heads: heads.filter(([, p]) => p.lane !== own).map(([a]) => a), enabled: set });
      });
    }
  }
  return out;
}

/**
 * Some instances' enabling times: `events[i]` enabled at `at[i]` (any order). The sets measured
 * apart (per opening or leading branch, a flow's leading instances) hold a few instances each, so
 * they are lists, not a slot per entry of the log: one of those per set made discovery's memory and
 * time grow with the log's size times its blocks' branches (review s43: 3,000 cases of 30 blocks each).
 */
interface EnablingList {
  events: number[];
  at: number[];
  /**
   * per instance, how many of the instances like it it stands for (absent: one each): a leader's
   * wait shown only where its pass's leader ended by the log's end (FollowTally.leaderWeight)
   */
  weight?: number[];
  /**
   * per instance, with `weight`: the longest wait (hours) its pass could have shown, the time from
   * its pass's entry to the log's end less its leader's own run (Pass.led after its start); the
   * waits are fitted each truncated there (truncated-fit.ts)
   */
  bound?: number[];
  /**
   * a following lane's follow-ups still to come where the log's end cut their pass (FollowTally.pend): `a` the lane's
   * one head, `e` an instance of the case (its clock), `from` the enabling instant, `to` the last instant its start
   * could have shown by (the log's end less the head's median run); fitted right-censored there (censoredWaits)
   */
  pending?: Pending[];
}

/** A follow-up under way at the export (EnablingList.pending): head `a`, known to start after `to` (ms) from `from`. */
interface Pending {
  a: number;
  e: number;
  from: number;
  to: number;
}

/** What the log and the discovery so far hold for the reading of the parallel blocks' passes (readBlockPasses). */
export interface PassInput {
  log: EventLog;
  /** each case's entries (traces.ts' groupCases; a case left out has none) */
  events: number[][];
  /** the cases under way at the log's start (log-start.ts): their first instance opens no case */
  partial: ReadonlySet<number[]>;
  /**
   * the cases the log's end cut (their last instance's exit unseen: exits-seen.ts): a lane their
   * last block pass did not enter may yet have begun after the export, so it is not counted as
   * skipped (flow-structure.ts' endSeen reads their branches so)
   */
  endCut: ReadonlySet<number[]>;
  /** each case's flow, and each flow's chain (flow-structure.ts) */
  flowOf: Int32Array;
  chains: readonly Chain[];
  start: Float64Array;
}

/** What the log and the discovery so far hold for the delays' reading. */
export interface DelayInput extends PassInput {
  /** 1: the entry is kept (not of a case left out) */
  included: Uint8Array;
  teams: TeamAssignment;
  calendars: WorkCalendar[];
  /** the ids of the cases left out (far-dates.ts) */
  leftOut: ReadonlySet<string>;
  minShare: number;
}

/**
 * The parallel blocks the flows start with (`openings`: openingBlocks) and those entered after a
 * step (`leads`: leadingBlocks), each with the passes the log shows counted by leader and the test
 * of whether its mix of leaders drifts (Opening.drift: leader-drift.ts). Discovery's first stage of
 * the delays (discoverDelays measures them from it), and all that fidelity reads of them: its
 * warning of a drifting block (discover.ts' discoverBlocks).
 */
export interface BlockPasses {
  openings: Map<Block, Opening>;
  leads: Map<Block, Opening>;
  /** discoverDelays' own: what the reading of the passes leaves it to measure */
  held: PassesHeld;
}

/** What readBlockPasses holds for discoverDelays (BlockPasses.held). */
interface PassesHeld {
  /** each instance's enabling in its flow (parallelPairs), those measured per opening leader NaN (openingBlocks) */
  enabledInFlow: Float64Array;
  /** each instance's case's arrival (NaN for a case under way when the log opened) */
  arrival: Float64Array;
  logEnd: number;
  tally: FollowTally;
  readings: InnerReadings;
  enabledByOpener: BranchSet[];
  leading: ReturnType<typeof leadingBlocks>;
}

/** The blocks' passes (BlockPasses), read before any delay is: discoverDelays' first stage. */
export function readBlockPasses(input: PassInput): BlockPasses {
  const { log, events, partial, flowOf, start } = input;
  const m = log.activities.length;
  // A delay is measured from where the simulation starts it: after the steps its case's flow does
  // not run in parallel with it (parallelPairs), which may be later than the log's enabling says.
  const parallel = input.chains.map((chain) => parallelPairs(chain, m));
  const enabledInFlow = enablingTimes(log, events, start, (a, b, c) => parallel[flowOf[c]].has(a * m + b), []);
  // A case under way when the log opened arrived before its first instance here, by an unknown
  // span: its age at a delay's end is unknown (NaN), and its delays say nothing of a timer on the age.
  const arrival = new Float64Array(log.size).fill(Number.NaN);
  for (const list of events) {
    const at = partial.has(list) ? Number.NaN : arrivalOf(log, list, start);
    for (const e of list) arrival[e] = at;
  }
  const dated = enabledFromArrival(log, events, start, enabledInFlow, arrival); // traces.ts: the rule fidelity measures waits by too
  let logEnd = Number.NEGATIVE_INFINITY;
  for (const list of events) for (const e of list) if (log.end[e] > logEnd) logEnd = log.end[e];
  const longestRun = new Float64Array(m);
  for (const list of events)
    for (const e of list) longestRun[log.activityOf[e]] = Math.max(longestRun[log.activityOf[e]], log.end[e] - start[e]);
  const tally = new FollowTally(start, log.end, logEnd, longestRun, log.activityOf);
  const readings = new InnerReadings(tally);
  const { openings, enabledByOpener } = openingBlocks(input, dated, enabledInFlow, readings, tally);
  const leading = leadingBlocks(input, enabledInFlow, readings, tally);
  tally.commit();
  for (const [opening, passes] of tally.rootPasses()) opening.drift = leaderDrift(passes, opening.lane.length, logEnd);
  return {
    openings,
    leads: leading.leads,
    held: { enabledInFlow, arrival, logEnd, tally, readings, enabledByOpener, leading },
  };
}

/**
 * Per activity, its delay, or null where its instances' waits make none, from the blocks' passes
 * (`passes`: readBlockPasses on the same input), whose Openings it completes (their delays and
 * leads). A step heading a branch of a block the flows start with (`openings`, by the step that
 * opens each case: Opening) is measured apart at the case's arrival (per opening step) and
 * elsewhere (`delays`); one heading a branch of a block entered after a step (`leads`, by the
 * branch that leads each pass: leadingBlocks) keeps its pooled delay in `delays` too.
 */
export function discoverDelays(input: DelayInput, passes: BlockPasses): (DelayFacts | null)[] {
  const { log, events, partial, start } = input;
  const { enabledInFlow, arrival, logEnd, tally, readings, enabledByOpener, leading } = passes.held;
  const arrivalWall = new Int16Array(log.size); // each instance's case's arrival's UTC offset
  /** 1: a case's first instance (enablingTimes' k = 0), enabled when the case arrives */
  const opening = new Uint8Array(log.size);
  for (const list of events) {
    if (list.length === 0) continue;
    const wall = arrivalOffset(log, list, start);
    for (const e of list) arrivalWall[e] = wall;
    if (!partial.has(list)) opening[list[0]] = 1;
  }
  // a leader's own wait read from every pass, each by its chance to show by the log's end (none cut: unweighed)
  leading.leaders.forEach((set, i) => {
    const weight = leading.leaderPasses[i].map((pass) => tally.leaderWeight(pass));
    if (weight.some((w) => w !== 1)) {
      set.weight = weight;
      set.bound = leading.leaderPasses[i].map((pass, p) => (logEnd - pass.entry - (pass.led - start[set.events[p]])) / HOUR_MS);
    }
  });
  const inner = readings.sets();
  const looped = new Set<number>();
  for (const chain of input.chains) activitiesOnLoops(chain, looped);
  const flowSet: EnablingList = { events: [], at: [] };
  for (let e = 0; e < log.size; e++) {
    if (Number.isNaN(enabledInFlow[e])) continue;
    flowSet.events.push(e);
    flowSet.at.push(enabledInFlow[e]);
  }
  const [delays, ...byOpener] = extraneousDelays(
    log,
    start,
    [
      flowSet,
      ...enabledByOpener.map((o) => o.enabled),
      ...leading.enabledByLeader.map((o) => o.enabled),
      ...leading.leaders,
      ...inner.branches.map((o) => o.enabled),
      ...inner.leaders,
    ],
    { ms: arrival, offset: arrivalWall },
    opening,
    looped,
    input.included,
    input.teams,
    input.calendars,
    cutStretches(log, input.leftOut, input.teams),
    input.minShare,
  );
  enabledByOpener.forEach(({ opening, leader, heads }, i) => {
    for (const a of heads) opening.delays[leader].set(a, byOpener[i][a]);
  });
  const byLeader = byOpener.slice(enabledByOpener.length);
  leading.enabledByLeader.forEach(({ opening, leader, heads }, i) => {
    for (const a of heads) opening.delays[leader].set(a, byLeader[i][a]);
  });
  const byFlow = byLeader.slice(leading.enabledByLeader.length);
  leading.flowOf.forEach((f, lead) => {
    lead.lead = lead.opener.map((a) => (a < 0 ? null : byFlow[f][a]));
  });
  const byInner = byFlow.slice(leading.leaders.length);
  inner.branches.forEach(({ opening, leader, heads }, i) => {
    for (const a of heads) opening.delays[leader].set(a, byInner[i][a]);
  });
  const byInnerLeader = byInner.slice(inner.branches.length);
  inner.readings.forEach((reading, i) => {
    reading.lead = reading.opener.map((a) => (a < 0 ? null : byInnerLeader[i][a]));
  });
  tally.reachShares();
  return delays;
}

/**
 * The blocks of a flow's own chain entered after a step of it (Leading), as each case's pass
 * leads them: the branch whose first step starts first leads, and its wait runs from the block's
 * enabling (`enabled`, the flow's: the end of the step before the block); the other branches'
 * first steps wait from the leader's start. In a log one branch often starts and the others
 * follow it (a generated log: A leads 70% of cases after 4 h and B follows within the hour; B
 * leads the rest after 12 h); delays decided branch by branch, each pooled over the passes it
 * led and those it followed, made both wait in some simulated cases and neither in others (cycle
 * time mean 10.9 h against the log's 7.6 h). A lane that starts with a choice leads by the step
 * that starts first (a leader per step: Opening), and how each other lane began in its passes, or
 * that it was skipped, is counted (Opening.follow). A pass is a run of the case's entries in the
 * block's activities; one whose first entry heads no branch, or is its case's first (a case under
 * way when the log opened: no step of the flow enabled it), is not counted. Returns, per flow, the
 * enabling times of its blocks' leading instances, and per leader those of the other lanes' first
 * instances in its passes; the flow's own set (`enabled`) keeps every instance (a block written as
 * before, where no lead changes a delay, keeps its pooled delays). A leading instance is read from
 * every pass the log shows; where the log's end cut a pass of its block, those entered late show
 * only their short waits (a pass is in the log once its leader's instance has ended), so each is
 * drawn by its pass's weight (`leaderPasses`, FollowTally.leaderWeight; drawnByWeight): a log
 * exported at the 1,200th of 2,000 arrivals, A leading 15 min or 4 h after the block's entry
 * (2.03 h on average), read A's 1.59-1.77 h over four seeds, now 1.97-2.16 h
 * (test/discovery/leader-delays-cut.test.ts). A wait longer than the log's end is after the block's
 * first entry shows in no pass, however weighed: a log of 12 h, A waiting an exponential of 2 h or
 * 4 h (2.95 h), read 1.93-2.00 h, drawn 2.49-2.59 h; so where a family fits the waits each
 * truncated at its pass's bound, that fit is the delay's (EnablingList.bound, truncatedWaits):
 * R's 6.95 h in that log read 4.26 h drawn, 6.85 h so (docs/discovery-notes.md, session 51).
 */
function leadingBlocks(
  input: PassInput,
  enabled: Float64Array,
  readings: InnerReadings,
  tally: FollowTally,
): {
  leads: Map<Block, Opening>;
  /** per lead, the index in `leaders` of its flow's set, which holds its leading instances */
  flowOf: Map<Opening, number>;
  leaders: EnablingList[];
  /** per set of `leaders`, each instance's pass (its weight read once every pass is noted: FollowTally.leaderWeight) */
  leaderPasses: Pass[][];
  enabledByLeader: BranchSet[];
} {
  const { log, events, flowOf: caseFlow, start } = input;
  const leads = new Map<Block, Opening>();
  const flowOf = new Map<Opening, number>();
  const leaders: EnablingList[] = [];
  const leaderPasses: Pass[][] = [];
  const leaderSet = new Map<number, number>(); // flow -> its index in `leaders`
  /** per flow: activity -> its block, its branch there, and whether it heads that branch */
  const placeOf = input.chains.map((chain) => {
    const place = new Map<number, BlockPlace>();
    const opens = chain.transitions.get(START);
    chain.symbols.forEach((s, i) => {
      if (s.kind !== 'block' || opens?.has(i) === true || !chain.transitions.has(i) || !lanesOf(s.block, new Map()).every(startsWithSteps))
        return;
      leads.set(s.block, placeBlock(s.block, place));
    });
    return place;
  });
  const byLeader = new Map<Opening, (EnablingList | null)[]>();
  events.forEach((list, c) => {
    const f = caseFlow[c];
    const place = placeOf[f];
    if (list.length === 0 || place.size === 0) return;
    for (let i = 0; i < list.length; ) {
      const first = place.get(log.activityOf[list[i]]);
      if (first === undefined) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < list.length && place.get(log.activityOf[list[j]])?.opening === first.opening) j++;
      const leader = list[i];
      if (first.leader >= 0 && i > 0 && !Number.isNaN(enabled[leader])) {
        const { opening, lane, leader: k } = first;
        const met = new Set<number>([lane]);
        const firsts: [number, number][] = [];
        for (let x = i + 1; x < j; x++) {
          const e = list[x];
          const at = place.get(log.activityOf[e])!;
          if (met.has(at.lane)) continue;
          met.add(at.lane); // a lane's first entry in the pass: measured where it heads the lane
          if (at.leader >= 0) firsts.push([at.lane, e]);
        }
        const cut = j >= list.length && input.endCut.has(list);
        const pass: Pass = {
          root: opening,
          at: start[leader],
          entry: enabled[leader],
          led: tally.ledShown(
            opening,
            k,
            leader,
            laneEnds(list, i, j, place, log.activityOf, log.end),
            passExit(list, i, j, cut, start, log.end),
          ),
          cut,
        };
        if (!tally.notePass(pass, opening, k)) {
          i = j;
          continue;
        }
        if (!flowOf.has(opening)) flowOf.set(opening, f);
        let set = leaderSet.get(f);
        if (set === undefined) {
          leaderSet.set(f, (set = leaders.push({ events: [], at: [] }) - 1));
          leaderPasses.push([]);
        }
        leaders[set].events.push(leader);
        leaders[set].at.push(enabled[leader]);
        leaderPasses[set].push(pass);
        if (opening.nested.size > 0)
          readings.pass(opening, k, firsts, met, pass, start, log.activityOf, (e) => Math.min(start[leader], start[e]));
        const setOf = () => {
          let sets = byLeader.get(opening);
          if (sets === undefined) byLeader.set(opening, (sets = opening.opened.map(() => null)));
          return (sets[k] ??= { events: [], at: [] });
        };
        for (const [other, e] of firsts) {
          if (innerOf(opening, lane, other) !== null) continue; // read by its inner block (InnerReadings)
          tally.count(pass, opening, k, other, log.activityOf[e], e);
          tally.measure(pass, opening, k, setOf(), e, Math.min(start[leader], start[e]));
        }
        countSkipped(tally, pass, opening, k, met);
        if (cut) for (const other of lanesNotBegun(opening, k, met)) tally.pend(opening, setOf(), other, leader, start[leader]);
      }
      i = j;
    }
  });
  const enabledByLeader = branchSets(placeOf, byLeader);
  for (const [block, opening] of leads) if (!flowOf.has(opening)) leads.delete(block); // no pass counted
  for (const [opening, f] of flowOf) flowOf.set(opening, leaderSet.get(f)!); // the flow's set among `leaders`
  return { leads, flowOf, leaders, leaderPasses, enabledByLeader };
}

/** Per lane of the block a pass goes through (`list[i, j)`, its entries, each placed by its activity), the earliest end of its entries there (FollowTally.ledShown). */
function laneEnds(
  list: readonly number[],
  i: number,
  j: number,
  place: ReadonlyMap<number, BlockPlace>,
  activityOf: Int32Array,
  end: Float64Array,
): Map<number, number> {
  const out = new Map<number, number>();
  for (let x = i; x < j; x++) {
    const lane = place.get(activityOf[list[x]])!.lane;
    out.set(lane, Math.min(end[list[x]], out.get(lane) ?? Number.POSITIVE_INFINITY));
  }
  return out;
}

/**
 * Where a pass through a block (`list[i, j)`) is known to have left it (FollowTally.ledShown): the next entry's start,
 * else, its case's last, its entries' last end where its exit was seen, never (Infinity) where the log's end cut it.
 */
function passExit(list: readonly number[], i: number, j: number, cut: boolean, start: Float64Array, end: Float64Array): number {
  if (j < list.length) return start[list[j]];
  if (cut) return Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let x = i; x < j; x++) last = Math.max(last, end[list[x]]);
  return last;
}

/**
 * Whether every path of a lane starts with a step or skips it (a branch that starts with a block
 * on every path is read as that block's lanes: lanesOf), one at least starting with a step. Each
 * step heading it may lead (a leader of its own: Opening), and a lane that follows is begun, or
 * skipped, as it was in the passes that leader led (Opening.follow). A lane that may start with a
 * block among other paths is left to its pooled delays: passes that block's steps led would go
 * uncounted.
 */
function startsWithSteps(branch: Chain): boolean {
  const heads = [...(branch.transitions.get(START)?.keys() ?? [])];
  return heads.some((h) => h !== END) && heads.every((h) => h === END || branch.symbols[h].kind === 'activity');
}

/** The lanes of `opening` that leader k's pass did not enter (`met`: those it did), not read by an inner block: counted as skipped. */
function countSkipped(tally: FollowTally, pass: Pass, opening: Opening, k: number, met: ReadonlySet<number>): void {
  for (const lane of lanesNotBegun(opening, k, met)) tally.count(pass, opening, k, lane, END);
}

/** The lanes of `opening` a pass leader k led did not enter (`met`: those it did), other than its own lane and those an inner block holds. */
function lanesNotBegun(opening: Opening, k: number, met: ReadonlySet<number>): number[] {
  const own = opening.lane[k];
  return [...new Set(opening.lane)].filter((lane) => lane !== own && !met.has(lane) && innerOf(opening, own, lane) === null);
}

/** The activities a branch's (or a flow's) paths start with, as kept (a block heading it heads none). */
export function headActivities(branch: Chain): Set<number> {
  const heads = new Set<number>();
  for (const t of branch.transitions.get(START)?.keys() ?? []) {
    const head = t === END ? null : branch.symbols[t];
    if (head?.kind === 'activity') heads.add(head.activity);
  }
  return heads;
}

/**
 * The blocks the flows start with (a transition from a chain's start to a block), each case's
 * opening leader (its first step, heading a lane), and, per leader, how the other lanes began (or
 * were skipped) in the case's first pass (Opening.follow), and the enabling times of
 * the instances heading the other branches at the case's arrival (`dated`: enabledFromArrival's),
 * which are taken out of `enabled` (the delays written elsewhere: where a case comes back to the
 * block, or to the step within its branch).
 */
function openingBlocks(
  input: PassInput,
  dated: Uint8Array,
  enabled: Float64Array,
  readings: InnerReadings,
  tally: FollowTally,
): { openings: Map<Block, Opening>; enabledByOpener: BranchSet[] } {
  const { log, events, partial, flowOf } = input;
  const openings = new Map<Block, Opening>();
  /** per flow: activity -> its opening block, its branch there, and whether it heads that branch */
  const placeOf = input.chains.map((chain) => {
    const place = new Map<number, BlockPlace>();
    for (const to of chain.transitions.get(START)?.keys() ?? []) {
      const s = to === END ? null : chain.symbols[to];
      if (s?.kind !== 'block') continue;
      openings.set(s.block, placeBlock(s.block, place));
    }
    return place;
  });
  const byOpener = new Map<Opening, (EnablingList | null)[]>();
  events.forEach((list, c) => {
    if (list.length === 0 || partial.has(list)) return;
    const place = placeOf[flowOf[c]];
    const first = place.get(log.activityOf[list[0]]);
    if (first === undefined) return;
    const { opening, lane } = first;
    // a case whose first step heads no lane (its lane's head not in the log) opened by its lane's one leader, if one
    const own = opening.lane.flatMap((l, x) => (l === lane ? [x] : []));
    const k = first.leader >= 0 ? first.leader : own.length === 1 ? own[0] : -1;
    // each lane's first head dated from the arrival, and the lanes the case's first pass enters
    const firsts: [number, number][] = [];
    const met = new Set<number>([lane]);
    const seen = new Set<number>([lane]);
    for (const e of list) {
      const at = place.get(log.activityOf[e]);
      if (dated[e] === 0 || at === undefined || at.opening !== opening || at.leader < 0 || seen.has(at.lane)) continue;
      seen.add(at.lane);
      firsts.push([at.lane, e]);
    }
    let j = 0; // the case's first pass: its entries up to the first out of the block
    while (j < list.length && place.get(log.activityOf[list[j]])?.opening === opening) met.add(place.get(log.activityOf[list[j++]])!.lane);
    const cut = j === list.length && input.endCut.has(list); // the log's end cut it (its last: no entry after it)
    const led =
      k >= 0
        ? tally.ledShown(
            opening,
            k,
            list[0],
            laneEnds(list, 0, j, place, log.activityOf, log.end),
            passExit(list, 0, j, cut, input.start, log.end),
          )
        : 0;
    const noted = k >= 0 ? { root: opening, at: input.start[list[0]], entry: input.start[list[0]], led, cut } : null;
    const pass: Pass | null = noted !== null && tally.notePass(noted, opening, k) ? noted : null; // null: no leader, or censored
    if (pass !== null) {
      // those in a block nested at a head read by the lane that opened (InnerReadings)
      if (opening.nested.size > 0) readings.pass(opening, k, firsts, met, pass, input.start, log.activityOf, (e) => enabled[e]);
      for (const [other, e] of firsts)
        if (innerOf(opening, lane, other) === null) tally.count(pass, opening, k, other, log.activityOf[e], e);
      countSkipped(tally, pass, opening, k, met);
      if (cut) {
        const set = enablingSet(byOpener, opening, k);
        for (const other of lanesNotBegun(opening, k, met)) tally.pend(opening, set, other, list[0], input.start[list[0]]);
      }
    }
    for (const e of list) {
      const at = place.get(log.activityOf[e]);
      if (dated[e] === 0 || at === undefined || at.opening !== opening || at.leader < 0) continue;
      if (pass !== null && at.lane !== lane && innerOf(opening, lane, at.lane) === null)
        tally.measure(pass, opening, k, enablingSet(byOpener, opening, k), e, enabled[e]);
      enabled[e] = Number.NaN; // measured per opening leader (the opening step itself: its share of the cases)
    }
  });
  const enabledByOpener = branchSets(placeOf, byOpener);
  return { openings, enabledByOpener };
}

/**
 * Waiting that a busy team does not explain (Chapela-Campa and Dumas's extraneous delays):
 * the part of the wait between enabling (`enabled`: where the flow starts the step) and start
 * during which the team was on shift with a free unit, or all of it for an automated step. A
 * step gets a delay step before it where at least `minShare` of its instances (--min-share) wait
 * so, more than DELAY_FLOOR each, and their waits come to DELAY_MEAN_FLOOR hours per instance or
 * more; the delay runs in the clock its ends say (delay-clock.ts) and is fitted in that clock.
 */
function extraneousDelays(
  log: EventLog,
  start: Float64Array,
  enabledSets: readonly EnablingList[],
  arrivals: { ms: Float64Array; offset: Int16Array },
  opening: Uint8Array,
  looped: ReadonlySet<number>,
  included: Uint8Array,
  teams: TeamAssignment,
  calendars: WorkCalendar[],
  cut: readonly HeldStretch[],
  minShare: number,
): (DelayFacts | null)[][] {
  const m = log.activities.length;
  const arrival = arrivals.ms;
  // Busy units over time, per team: change points in hours of the week clock. A suspended
  // instance holds no unit; one a cancellation cut held its unit until the abort (`cut`).
  const takes: number[][] = teams.teams.map(() => []);
  const frees: number[][] = teams.teams.map(() => []);
  for (const { team, from, to } of cut) {
    takes[team].push(from);
    frees[team].push(to);
  }
  // An instance whose start the log lost (where its step's others have one) waited an unknown time: measured to its end,
  // its work read as delay (session 62: a generated log, 30% of starts lost, B's mean wait 2.28 h against the whole
  // log's 1.97 h). Left out of its step's waits, as of its step's durations: which starts a log loses tells nothing of
  // the waits before them, so the rest are a fair sample of them; a start put at its end less the step's mean duration
  // would add the work's spread to every such wait (and clip the short ones at 0). It still held its unit: from the
  // earliest it could have started (lostHeldFrom; enabledSets[0] is the flow's enabling).
  const lost = lostStarts(log, included);
  const earliest = Float64Array.from(arrival); // the flow's enabling where it has one, else the case's arrival
  enabledSets[0].events.forEach((e, p) => {
    if (!Number.isNaN(enabledSets[0].at[p])) earliest[e] = enabledSets[0].at[p];
  });
  const heldFrom = lostHeldFrom(log, start, included, lost, earliest);
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0) continue;
    const t = teams.teamOfEvent[e]; // the unit it held is its own team's (a pool's second team's, where it did it)
    if (t >= 0) {
      forEachActive(log, e, lost[e] === 1 ? heldFrom[e] : start[e], (from, to) => {
        takes[t].push(entryHours(log, e, from));
        frees[t].push(entryHours(log, e, to));
      });
    }
  }
  const steps = takes.map((list, k) => busyChanges(Float64Array.from(list).sort(), Float64Array.from(frees[k]).sort()));
  const pools = teams.poolOf.map((pool) => pool?.map((p) => p.team) ?? null);
  // A rostered team's units in each hour of the week: a wait is "with a unit free" against the
  // units on shift then, not the team's most (review s35x F2: a night of one read as two free).
  const unitsAt = teams.teams.map((team) => {
    if (team.roster === null) return null;
    const units = new Int32Array(HOURS_PER_WEEK);
    for (const r of team.roster)
      for (const d of r.days) for (let h = r.from; h < r.to; h++) units[(d * 24 + h) % HOURS_PER_WEEK] += r.capacity;
    return units;
  });
  const loads: TeamLoad[] = teams.teams.map((team, k) => ({
    ...steps[k],
    capacity: team.capacity,
    units: unitsAt[k],
    calendar: calendars[k],
  }));
  // Each wait's free open hours read once (FreeHours.between is a function of the step and the wait's two ends): the same
  // wait is read again by another set of enabling times, by a pass drawn several times over (drawnByWeight), and by
  // censoredWaits and truncatedWaits after the sample (a dense log: half its waits were read before). Kept per entry of
  // the log, its last wait (step and ends compared on each read: those reads come while it is the last): keyed by the
  // ends written as a string, the memo cost a short wait (the bundled fiber log's: 12 stretches a walk, before session
  // 61's FreeHours) about what its walk saved.
  const loadsOf = Array.from({ length: m }, (_, a) => (pools[a] ?? [teams.teamOf[a]]).map((k) => loads[k]));
  // each team list's index (FreeHours), made when a wait of its first asks: a pool's steps share their pool's
  const indexes = new Map<string, FreeHours>();
  const freeHoursOf = (a: number): FreeHours => {
    const key = (pools[a] ?? [teams.teamOf[a]]).join(',');
    let index = indexes.get(key);
    if (index === undefined) indexes.set(key, (index = new FreeHours(loadsOf[a])));
    return index;
  };
  const walkedStep = new Int32Array(log.size).fill(-1);
  const walkedFrom = new Float64Array(log.size);
  const walkedTo = new Float64Array(log.size);
  const walked: FreeOpen[] = new Array(log.size);
  const freeOpenHoursOf = (e: number, a: number, from: number, to: number) => {
    if (walkedStep[e] !== a || walkedFrom[e] !== from || walkedTo[e] !== to) {
      walked[e] = freeHoursOf(a).between(from, to);
      walkedStep[e] = a;
      walkedFrom[e] = from;
      walkedTo[e] = to;
    }
    return walked[e];
  };
  // each set of enabling times (the flow's, and per opening branch of a block the flow starts with) against the same busy units
  return enabledSets.map(({ events, at, weight, bound, pending }) => {
    // per activity, positions in the set, taken in the log's entry order (as a scan of the log took them)
    const byActivity: number[][] = Array.from({ length: m }, () => []);
    const inLogOrder = Array.from(events.keys()).sort((x, y) => events[x] - events[y]);
    for (const p of inLogOrder)
      if (included[events[p]] === 1 && lost[events[p]] === 0 && !Number.isNaN(at[p])) byActivity[log.activityOf[events[p]]].push(p);
    return byActivity.map((all, a) => {
      if (all.length === 0) return null;
      // in time, not the file's row order: which instances the sample takes, and the halves each
      // clock is fitted and scored on (delay-clock.ts, case-age.ts), are then the same for the same
      // log with its rows shuffled (a case's index breaks ties: first-seen.ts numbers them so)
      all.sort((p, q) => {
        const x = events[p];
        const y = events[q];
        return at[p] - at[q] || start[x] - start[y] || log.end[x] - log.end[y] || log.caseOf[x] - log.caseOf[y] || x - y;
      });
      const drawnList = weight === undefined ? null : drawnByWeight(all, weight);
      const list = drawnList ?? all;
      const t = teams.teamOf[a];
      const calendar = t < 0 ? WorkCalendar.ALWAYS : calendars[t];
      const stride = Math.max(1, Math.floor(list.length / DELAY_SAMPLE));
      const waits: number[] = [];
      const ends: DelayEnd[] = [];
      const aged: AgeEnd[] = []; // every delay, in any clock, with its case's age at its end
      let totalWait = 0;
      for (let k = 0; k < list.length; k += stride) {
        const e = events[list[k]];
        const from = entryHours(log, e, at[list[k]]);
        const to = entryHours(log, e, start[e]);
        totalWait += Math.max(0, to - from);
        if (to - from <= DELAY_FLOOR) {
          waits.push(0);
          continue;
        }
        if (t < 0) {
          waits.push(to - from);
          if (!Number.isNaN(arrival[e]))
            aged.push(ageEnd(delayEnd(calendar, from, to, to - from, { from, to, wall: 0 }), calendar, arrival[e], arrivals.offset[e]));
          continue;
        }
        const { free, last } = freeOpenHoursOf(e, a, from, to);
        if (free <= DELAY_FLOOR) {
          waits.push(0);
          continue;
        }
        waits.push(free);
        const end = delayEnd(calendar, from, to, free, last);
        if (!calendar.alwaysOn) ends.push(end);
        if (!Number.isNaN(arrival[e])) aged.push(ageEnd(end, calendar, arrival[e], arrivals.offset[e])); // a case under way: its age unknown
      }
      const positive = waits.filter((w) => w > 0);
      const share = positive.length / waits.length;
      const mean = positive.reduce((s, x) => s + x, 0) / Math.max(1, positive.length);
      if (share < minShare || mean * share < DELAY_MEAN_FLOOR - FLOOR_SLACK) return null;
      const meanWait = totalWait / waits.length;
      const fitOf = rememberedFits(); // the clock's test, the age's and the step's fit ask for some samples twice
      const clock = ends.length === 0 ? null : delayClock(ends, fitOf);
      const age = looped.has(a) ? null : caseAgeReading(aged, clock?.clock ?? 'wall', fitOf);
      // Only instances with an enabling time were measured: a case's first has one only where the log dates it.
      const atArrival = list.some((p) => opening[events[p]] === 1);
      const drawn = drawnList === null ? {} : { drawn: true as const };
      if (age?.chosen) return { share, fit: fitOf(aged.map((d) => d[clock?.clock ?? 'wall'])), meanWait, clock, age, atArrival, ...drawn };
      // The wall hours from `fromMs` to `toMs` (entry e's clock) and the team's busy open hours in them: how a wait the
      // log's end bounds is read (censoredWaits, truncatedWaits), the wait and its bound alike.
      const waited = (e: number, fromMs: number, toMs: number) => {
        const from = entryHours(log, e, fromMs);
        const to = entryHours(log, e, toMs);
        if (to - from <= DELAY_FLOOR || t < 0) return { wall: to - from, busy: 0 };
        const { free } = freeOpenHoursOf(e, a, from, to);
        return { wall: to - from, busy: free <= DELAY_FLOOR ? to - from : calendar.workingBetween(from, to) - free };
      };
      // A following lane's follow-ups where some are still to come at the export (EnablingList.pending), fitted
      // right-censored, in the wall clock as a leader's truncated waits are (below); not in the team's clock (the pending
      // ones' wall hours not mapped to its hours). One that ended in closed hours counts to its step's start (wallSample's
      // expectation is the uncensored fit's: a few such in a short log).
      const pendingHere = pending?.filter((p) => p.a === a) ?? [];
      const censored =
        pendingHere.length === 0 || clock?.clock === 'team'
          ? null
          : censoredWaits(all, pendingHere, (p) => waited(events[p], at[p], start[events[p]]), waited);
      if (censored !== null) return { share, fit: censored.fit, meanWait: censored.meanWait, clock, age, atArrival, ...drawn };
      // A leader's own waits on a cut log, each truncated at its pass's bound where a family fits so (truncatedWaits), in
      // the wall clock: its reading is the wait less the team's busy open hours, as the bound is less them. Not in the
      // team's clock (its hours are the calendar's open ones, the bound's wall hours not mapped to them), nor where a
      // delay may have ended anywhere in closed hours (wallSample places it by the fit: a truncated one would too).
      const wallOnly = clock?.clock !== 'team' && !ends.some((d) => d.wallClosed !== null);
      const truncated =
        bound === undefined || drawnList === null || !wallOnly
          ? null
          : truncatedWaits(all, bound, (p) => waited(events[p], at[p], start[events[p]]));
      if (clock === null) return { share, fit: truncated ?? fitDuration(positive), meanWait, clock, age, atArrival, ...drawn };
      const fit = truncated ?? fitOf(clock.clock === 'team' ? ends.map((d) => d.team) : wallSample(ends, fitOf));
      return { share, fit, meanWait, clock, age, atArrival, ...drawn };
    });
  });
}

/**
 * A leader's own waits (positions `all` of a set whose passes the log's end cut), each truncated at
 * its `bound` (EnablingList.bound) and fitted so (truncated-fit.ts): each wait's wall hours less
 * the team's busy open hours in it (`waited`), as the wall clock reads it, truncated at its bound
 * less the same busy hours (the wait shows where its wall hours are at most the bound, the busy
 * ones taken as given). Waits of DELAY_FLOOR or less are the delay's share, not its law. Null,
 * the drawn sample's fit kept, where no family fits.
 */
function truncatedWaits(
  all: readonly number[],
  bound: readonly number[],
  waited: (p: number) => { wall: number; busy: number },
): FitResult | null {
  const waits: number[] = [];
  const bounds: number[] = [];
  const stride = Math.max(1, Math.floor(all.length / DELAY_SAMPLE));
  for (let k = 0; k < all.length; k += stride) {
    const p = all[k];
    const { wall, busy } = waited(p);
    if (wall - busy <= DELAY_FLOOR) continue;
    waits.push(wall - busy);
    bounds.push(bound[p] - busy);
  }
  return fitTruncated(waits, bounds);
}

/**
 * A following lane's follow-ups where the log's end cut some passes before their lane began
 * (EnablingList.pending), fitted right-censored (censored-fit.ts' fitDurations): each one shown
 * (positions `all`, every one, unweighed) at its wait, each pending at least the time from its
 * leader's start to the last instant its head's start could have shown by, in the wall clock less
 * the team's busy open hours (`waited`, as truncatedWaits reads them). A pass is in the log once
 * its leader has ended, whenever its follow-up comes, so the pending ones are the follow-ups the
 * window hides and the risk set at t is every pass shown whose follow-up could have shown by t:
 * read without them, as weighed follow-ups (FollowTally.commit), nothing past the log's end after
 * the leader's earliest starts shows, and a slow lane read short by its tail there (B 5 min plus
 * an exponential of 3 h after A or R, a 12-h log: 0.16 h and 0.49 h short; docs/discovery-notes.md,
 * session 53). Waits of DELAY_FLOOR or less are the delay's share, not its law; the mean wait is
 * the fitted law's mean over the share that waits. Null where none waits.
 */
function censoredWaits(
  all: readonly number[],
  pending: readonly Pending[],
  waitOf: (p: number) => { wall: number; busy: number },
  waited: (e: number, fromMs: number, toMs: number) => { wall: number; busy: number },
): { fit: FitResult; meanWait: number } | null {
  const done: number[] = [];
  let total = 0;
  const stride = Math.max(1, Math.floor(all.length / DELAY_SAMPLE));
  for (let k = 0; k < all.length; k += stride) {
    const { wall, busy } = waitOf(all[k]);
    total++;
    if (wall - busy > DELAY_FLOOR) done.push(wall - busy);
  }
  if (done.length === 0) return null;
  const running: number[] = [];
  for (const { e, from, to } of pending) {
    const { wall, busy } = waited(e, from, to);
    if (wall - busy > DELAY_FLOOR) running.push(wall - busy);
  }
  const fit = fitDurations(done, running);
  return { fit, meanWait: (done.length / total) * distMean(fit.dist) };
}

/**
 * Positions of `list` (positions into a set, in time) drawn in proportion to their `weight`, in the
 * same order: systematic, the i-th at (i + 1/2) W / n along the weights' running sum (W their sum);
 * null where every weight is the same (the sample is `list` itself). The fits (fit.ts,
 * delay-clock.ts, case-age.ts) read unweighed samples: drawn so, a sample's instances stand for the
 * passes the log's end hid, as their weights say. n is Kish's effective count, W^2 / sum of the
 * squared weights, not the instances measured: a heavy pass drawn several times over is one
 * observation, and the fits weigh evidence by count (a clock's halves, the observations a comment
 * counts), so n of the measured instances would overstate it (the session 50 review: leaders'
 * weights of 24-32 where they average 1.8 drew one wait 13-19 times into 100-250).
 */
export function drawnByWeight(list: readonly number[], weight: readonly number[]): number[] | null {
  let total = 0;
  let squares = 0;
  let alike = true;
  for (const p of list) {
    total += weight[p];
    squares += weight[p] * weight[p];
    if (weight[p] !== weight[list[0]]) alike = false;
  }
  if (alike) return null;
  const n = Math.max(1, Math.round((total * total) / squares));
  const step = total / n;
  const out: number[] = [];
  let run = 0;
  for (const p of list) {
    run += weight[p];
    while (out.length < n && (out.length + 0.5) * step < run) out.push(p);
  }
  return out;
}

/** A stretch of work a team's unit held (hours of the week clock), outside the log's entries. */
interface HeldStretch {
  team: number;
  from: number;
  to: number;
}

/**
 * The active stretches of the instances a cancellation cut (EventLog.cutByAbort), each with the
 * team whose unit it held: its activity's, or, for a skill pool's activity, the pool's team its
 * role or its resource names (teams.ts' teamOfInstance). Left out of the busy units, a unit working on a task the deadline then cut read as
 * free, and the cases queued behind it as waiting for something else (review s36e: a two-person
 * desk under cancel_after 8h came back with a delay step for 23% of its cases). `leftOut`: the
 * ids of the cases left out (far-dates.ts).
 */
function cutStretches(log: EventLog, leftOut: ReadonlySet<string>, teams: TeamAssignment): HeldStretch[] {
  if (log.cutByAbort.length === 0) return [];
  const activityIndex = new Map(log.activities.map((name, a) => [name, a]));
  const out: HeldStretch[] = [];
  for (const u of log.cutByAbort) {
    const a = activityIndex.get(u.activity);
    if (a === undefined || leftOut.has(u.caseId)) continue;
    const team = teamOfInstance(log, teams, a, u);
    if (team < 0) continue;
    const hold = (fromMs: number, toMs: number) => {
      // the abort's own offset at its instant, the start's before it (a change may fall between)
      const hours = (ms: number) => weekHours(ms, ms < u.end ? u.offset : u.endOffset);
      if (toMs > fromMs) out.push({ team, from: hours(fromMs), to: hours(toMs) });
    };
    let from = u.start;
    for (let k = 0; k < u.pauses.length; k += 2) {
      hold(from, u.pauses[k]);
      from = Math.max(from, u.pauses[k + 1]);
    }
    hold(from, u.end);
  }
  return out;
}

/**
 * A team's units busy over time (at each change point, in hours of the week clock) and its units: its capacity, or its
 * roster's by hour of the week.
 */
export interface TeamLoad {
  times: Float64Array;
  busy: Int32Array;
  capacity: number;
  units: Int32Array | null;
  calendar: WorkCalendar;
}

/** Where walkStretches' stretches go: a wait's sums (FreeStretches) or a team list's index (FreeHours). */
interface StretchSink {
  /** The stretch from `from` to `to`: `open` of its hours open; with a unit free (`anyFree`), `freeOpen` of them. */
  add(from: number, to: number, open: number, anyFree: boolean, freeOpen: number): void;
}

/**
 * The stretches from `from` to `to` of a step's team (`teams`: its team, or a pool's teams), each with its open hours
 * and whether a unit was free then, into `sink`. A pool's step could start when any of its teams was open with a unit
 * free; the hours open are the most open team's (exact where one team's hours hold the others', as a 24/7 team's do).
 * A roster's units change on the hour, so its stretches are cut there.
 */
export function walkStretches(teams: readonly TeamLoad[], from: number, to: number, sink: StretchSink): void {
  if (teams.length === 1 && teams[0].units === null) {
    walkStretchesOfOne(teams[0], from, to, sink);
    return;
  }
  const at = teams.map((k) => upperBound(k.times, from) - 1); // each team's last change at or before the cursor
  const hourly = teams.some((k) => k.units !== null);
  let cursor = from;
  while (cursor < to) {
    let next = hourly ? Math.min(to, Math.floor(cursor) + 1) : to;
    for (let j = 0; j < teams.length; j++) if (at[j] + 1 < teams[j].times.length) next = Math.min(next, teams[j].times[at[j] + 1]);
    let open = 0;
    let freeOpen = 0;
    let anyFree = false;
    for (let j = 0; j < teams.length; j++) {
      const k = teams[j];
      const hours = k.calendar.workingBetween(cursor, next);
      open = Math.max(open, hours);
      const units = k.units === null ? k.capacity : k.units[((Math.floor(cursor) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK];
      if ((at[j] >= 0 ? k.busy[at[j]] : 0) < units) {
        anyFree = true;
        freeOpen = Math.max(freeOpen, hours);
      }
    }
    sink.add(cursor, next, open, anyFree, freeOpen);
    cursor = next;
    for (let j = 0; j < teams.length; j++) while (at[j] + 1 < teams[j].times.length && teams[j].times[at[j] + 1] <= next) at[j]++;
  }
}

/**
 * walkStretches for one team without a roster (every step of a log but a pool's or a rostered team's): the same
 * stretches, without the loops over teams and the hour's cut a pool or a roster needs.
 */
function walkStretchesOfOne(k: TeamLoad, from: number, to: number, sink: StretchSink): void {
  const { times, busy, capacity, calendar } = k;
  const n = times.length;
  let i = upperBound(times, from) - 1; // the team's last change at or before the cursor
  let cursor = from;
  while (cursor < to) {
    const next = i + 1 < n ? Math.min(to, times[i + 1]) : to;
    const open = Math.max(0, calendar.workingBetween(cursor, next));
    sink.add(cursor, next, open, (i >= 0 ? busy[i] : 0) < capacity, open);
    cursor = next;
    while (i + 1 < n && times[i + 1] <= next) i++;
  }
}

/**
 * A wait's free open hours, as walkStretches' stretches from `from` to `to` would add up: the hours open with a unit
 * free, and the last stretch with such hours (its start, its end, and the hours of the clock to its start less the busy
 * open ones), the delay ended by that stretch's last open instant (delayEnd).
 */
interface FreeOpen {
  free: number;
  last: { from: number; to: number; wall: number };
}

/**
 * What a wait's stretches have summed so far: the free open hours, the hours of the clock (less those open but busy),
 * and its last stretch with a unit free, kept as numbers (an object a stretch was most of the walk's garbage).
 */
export class FreeStretches implements StretchSink {
  free = 0;
  wall = 0;
  lastFrom = Number.NaN;
  lastTo = Number.NaN;
  lastWall = 0;
  add(from: number, to: number, open: number, anyFree: boolean, freeOpen: number): void {
    if (anyFree) {
      this.free += freeOpen;
      if (freeOpen > 0) {
        this.lastFrom = from;
        this.lastTo = to;
        this.lastWall = this.wall;
      }
      this.wall += to - from;
    } else this.wall += to - from - open;
  }
  result(): FreeOpen {
    return { free: this.free, last: { from: this.lastFrom, to: this.lastTo, wall: this.lastWall } };
  }
}

/**
 * A team list's stretches (walkStretches') over its teams' change points, walked once, with running sums of their free
 * open hours and their busy open ones: a wait's hours are two sums' difference, found by binary search, and only its
 * first and last stretches (which it may cut) are walked. Walked whole, a wait crossed every change of its team's busy
 * units, so a log's waits cost their length times its density: the same generator 4 times as long, 17 times the
 * stretches (session 61). The sums are compensated (Neumaier: a high and a low part), so a difference is as exact as
 * the stretches' own sum, not as the running sum's magnitude; the order of the additions differs from a walk's, so a
 * wait's hours may differ from a walk's in their last bits.
 */
export class FreeHours implements StretchSink {
  private readonly bounds: number[] = [];
  private readonly freeSums: number[] = [0];
  private readonly freeLows: number[] = [0];
  private readonly busySums: number[] = [0];
  private readonly busyLows: number[] = [0];
  /** per stretch: the last stretch at or before it with free open hours (FreeStretches' last), -1 if none */
  private readonly lastFree: number[] = [];
  private readonly at: Float64Array;

  constructor(private readonly teams: readonly TeamLoad[]) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of teams)
      if (k.times.length > 0) {
        lo = Math.min(lo, k.times[0]);
        hi = Math.max(hi, k.times[k.times.length - 1]);
      }
    if (lo < hi) {
      walkStretches(teams, lo, hi, this);
      this.bounds.push(hi);
    }
    this.at = Float64Array.from(this.bounds);
  }

  add(from: number, _to: number, open: number, anyFree: boolean, freeOpen: number): void {
    const s = this.bounds.length;
    this.bounds.push(from);
    this.lastFree.push(anyFree && freeOpen > 0 ? s : s > 0 ? this.lastFree[s - 1] : -1);
    sumOn(this.freeSums, this.freeLows, anyFree ? freeOpen : 0);
    sumOn(this.busySums, this.busyLows, anyFree ? 0 : open);
  }

  /** The wait from `from` to `to`: as the stretches walked would add up, the ones inside it read from the sums. */
  between(from: number, to: number): FreeOpen {
    const { at } = this;
    const walk = new FreeStretches();
    const h = upperBound(at, from); // the first bound after `from`
    if (h >= at.length || at[h] >= to) {
      walkStretches(this.teams, from, to, walk);
      return walk.result();
    }
    const t = lowerBound(at, to) - 1; // the last bound before `to`
    walkStretches(this.teams, from, at[h], walk);
    if (t > h) {
      const j = this.lastFree[t - 1];
      const busy = (a: number, b: number) => this.busySums[b] - this.busySums[a] + (this.busyLows[b] - this.busyLows[a]);
      if (j >= h) {
        walk.lastFrom = at[j];
        walk.lastTo = at[j + 1];
        walk.lastWall = walk.wall + (at[j] - at[h] - busy(h, j));
      }
      walk.free += this.freeSums[t] - this.freeSums[h] + (this.freeLows[t] - this.freeLows[h]);
      walk.wall += at[t] - at[h] - busy(h, t);
    }
    walkStretches(this.teams, at[t], to, walk);
    return walk.result();
  }
}

/** A running sum's next value, its last plus `x`, onto `sums` and `lows` (its high and low parts: Neumaier's compensated sum). */
function sumOn(sums: number[], lows: number[], x: number): void {
  const sum = sums[sums.length - 1];
  const next = sum + x;
  sums.push(next);
  lows.push(lows[lows.length - 1] + (Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum));
}

/**
 * Where each instance whose start the log lost (processing-times.ts' lostStarts) is taken to
 * have held its unit from: the earliest it could have started, the latest of its enabling in the
 * flow (else its case's arrival) and its resource's end before its own (one at a time); without a
 * resource, its end less the mean span of its step's instances with a start, not before the
 * former. Placed at its end, as its start is elsewhere, it held none, and its team looked free
 * while it worked: waits behind it read as delay (session 63: one clerk at 80%, 30% of starts
 * lost, a delay before the step of share 0.45 and mean 2.5 h where the whole log has none; from
 * its end less its step's mean span, still 0.22: a long one's early part looked free). Its own
 * wait is still left out of its step's (an estimate would add the work's spread to each wait).
 */
function lostHeldFrom(log: EventLog, start: Float64Array, included: Uint8Array, lost: Uint8Array, earliest: Float64Array): Float64Array {
  const held = new Float64Array(log.size).fill(Number.NaN);
  if (!lost.includes(1)) return held; // every start given (most logs): nothing to place
  const m = log.activities.length;
  const span = new Float64Array(m);
  const count = new Float64Array(m);
  const byResource = new Map<number, number[]>();
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0) continue;
    const r = log.resourceOf[e];
    if (r >= 0) {
      const list = byResource.get(r);
      if (list === undefined) byResource.set(r, [e]);
      else list.push(e);
    }
    if (lost[e] === 0 && !Number.isNaN(start[e])) {
      span[log.activityOf[e]] += log.end[e] - start[e];
      count[log.activityOf[e]]++;
    }
  }
  const freedBefore = new Float64Array(log.size).fill(Number.NaN);
  for (const list of byResource.values()) {
    list.sort((x, y) => log.end[x] - log.end[y] || x - y);
    let last = Number.NaN; // the latest end of the resource's instances that end before this one
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && log.end[list[i - 1]] < log.end[list[i]]) last = log.end[list[i - 1]];
      freedBefore[list[i]] = last;
    }
  }
  const later = (x: number, y: number) => (Number.isNaN(x) ? y : Math.max(x, y)); // x may be unknown, y not
  for (let e = 0; e < log.size; e++) {
    if (lost[e] === 0) continue;
    const a = log.activityOf[e];
    let from = earliest[e];
    if (!Number.isNaN(freedBefore[e])) from = later(from, freedBefore[e]);
    else if (log.resourceOf[e] < 0 && count[a] > 0) from = later(from, log.end[e] - span[a] / count[a]);
    held[e] = Number.isNaN(from) ? log.end[e] : Math.min(log.end[e], from);
  }
  return held;
}

/**
 * A team's busy units over time from the instants its units were taken (`takes`, sorted) and freed (`frees`, sorted):
 * each change point (a unit freed before one taken at the same instant) and the units busy from it on. Two sorted lists of numbers merged: one list of objects sorted by a comparator took
 * half as long again or more (session 61).
 */
export function busyChanges(takes: Float64Array, frees: Float64Array): Pick<TeamLoad, 'times' | 'busy'> {
  const n = takes.length + frees.length;
  const times = new Float64Array(n);
  const busy = new Int32Array(n);
  let open = 0;
  for (let i = 0, up = 0, down = 0; i < n; i++) {
    if (down < frees.length && (up === takes.length || frees[down] <= takes[up])) {
      times[i] = frees[down++];
      open--;
    } else {
      times[i] = takes[up++];
      open++;
    }
    busy[i] = open;
  }
  return { times, busy };
}

/**
 * A delay end with its case's age there, in hours of the clock and in the calendar's open hours
 * since the case's arrival (`arrival`, ms; in hours of the week clock as the end's own times).
 */
function ageEnd(end: DelayEnd, calendar: WorkCalendar, arrival: number, offset: number): AgeEnd {
  const from = weekHours(arrival, offset);
  const open = (t: number) => calendar.workingBetween(from, t);
  return {
    end,
    wall: end.at - from,
    wallCell: [end.cell[0] - from, end.cell[1] - from],
    team: open(end.at),
    teamCell: [open(end.cell[0]), open(end.cell[1])],
  };
}

/**
 * A delay in both clocks (delay-clock.ts), from its start `from` to its step's start `to`, given
 * its free open hours and the last stretch in which the team was open with a unit free. The delay
 * ended by that stretch's last open instant X: after it the step waited for a unit or an opening.
 * In the team's hours it ended there; in hours of the clock it may have ended in the closed hours
 * that follow X (before `to`), which leave the step's start as it is (delay-clock.ts' wallSample
 * says where).
 */
function delayEnd(
  calendar: WorkCalendar,
  from: number,
  to: number,
  team: number,
  last: { from: number; to: number; wall: number },
): DelayEnd {
  // X: the least instant of the stretch after which it has no open hour (bisection: closed from hi on)
  let lo = last.from;
  let hi = last.to;
  if (calendar.workingBetween(hi - 1e-9, hi) === 0)
    for (let k = 0; k < 60 && hi - lo > 1e-9; k++) {
      const mid = (lo + hi) / 2;
      if (calendar.workingBetween(mid, last.to) > 0) lo = mid;
      else hi = mid;
    }
  const x = hi;
  const wallAtX = last.wall + (x - last.from);
  const closedAfter = calendar.isWorking(x) ? 0 : Math.max(0, Math.min(to, calendar.nextPeriodStart(x)) - x);
  // the cell: the hour of the clock that ends at or after X, and the closed hours after it
  const hourEnd = Math.ceil(x - 1e-9);
  const cellEnd = calendar.isWorking(hourEnd) ? hourEnd : calendar.nextPeriodStart(hourEnd);
  const cellStart = Math.max(from, hourEnd - 1);
  return {
    wall: wallAtX + closedAfter / 2,
    wallClosed: closedAfter > 0 ? [wallAtX, wallAtX + closedAfter] : null,
    team,
    wallCell: [Math.max(0, wallAtX - (x - cellStart)), wallAtX + (cellEnd - x)],
    teamCell: [Math.max(0, team - calendar.workingBetween(cellStart, x)), team + calendar.workingBetween(x, cellEnd)],
    cell: [cellStart, cellEnd],
    at: x + closedAfter / 2,
  };
}

/** The number of `sorted`'s values below x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of `sorted`'s values at or below x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
