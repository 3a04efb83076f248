// Whether the mix of leaders of a parallel block (which lane's head starts first in a pass:
// extraneous-delays.ts' Opening) changes over the log. Discovery pools every pass of the log into
// one share per leader, and each leader's own delays and followers: where the mix drifts (a step
// that leads only from some point on), the scenario is the whole log's average, which neither its
// early nor its late part ran (and the weights FollowTally reads a cut log's follow-ups by count a
// late leader's chances wrongly: docs/discovery-notes.md, session 49). So the user is told, by
// discover's note and by fidelity's warning (a scenario's fit to the log is read in that light;
// both from driftingBlocks): the passes by entry cut into BATCHES batches, each leader's share of
// a batch's passes, and the first half's batches against the second's by a t-test per leader, the
// least p-value times the number of leaders tested (Bonferroni), noted below DRIFT_LEVEL.
// Batches, not passes: in a queue who starts first follows the queues, which change slowly, so a
// pass's leader tracks the previous pass's (lag-1 correlation 0.45-0.54 at 70-90% load) and a
// test of the passes as independent (session 50's chi-square of the halves' counts) found drift
// in 7 of 10 steady logs at 90% load;
// a batch's share averages that correlation away (a tenth of a half's passes, 67 h of a 1,500 h log at
// 90% load), so on such logs the test alarms no more often than its level (measured, not assured:
// queues whose memory nears a batch's span would still leave batch shares correlated;
// docs/discovery-notes.md, session 50).
// Invariant: under a mix that does not change, every pass compared is as likely to be compared
// whenever it entered. A pass is in the log as its leader's once the log shows who led it
// (Pass.led: its leader's end, or later where another lane's head could still be running having
// started first; FollowTally.notePass leaves out the rest), so those entered near the log's end
// show the leaders that start soon and not yet those that wait long (compared so, a stationary
// log's second half is short of its slow leaders). Only the passes shown within `window` of their
// entry, entered at least `window` before the log's end, are compared: every such pass is in the
// log, whenever it entered. Timed by its leader's end instead (before session 52), a pass whose
// lead shows hours later was left out only near the log's end, and a leader so shown read as
// fading (a lane following B for 8 h: drift on every seed; docs/discovery-notes.md).
import type { LogNote } from '../interchange/event-log.js';
import { percentText, pValueText } from '../number-format.js';
import { counted } from '../plural.js';
import { quantileSorted } from '../stats/percentile.js';
import { tTwoSidedP } from '../stats/t-quantile.js';
import type { Opening } from './extraneous-delays.js';

/** A block's mix of leaders is noted as drifting where the test's p-value is below this. */
export const DRIFT_LEVEL = 0.001;
/**
 * The window (see the header) is this quantile of the passes' times from entry to their leader's
 * end: a longer one compares more of each pass's leaders, a shorter one more of the log's end.
 */
const WINDOW_QUANTILE = 0.9;
/** A leader with fewer passes compared is pooled with the other rare ones (tested on its own below this: its batch shares mostly 0, far from normal). */
const MIN_LEADER_PASSES = 10;
/** The passes compared, by entry, are cut into this many batches of as near equal counts as can be, the first half's against the second's. */
export const BATCHES = 20;

/**
 * One pass of a block: its entry (the block's enabling), when the log shows who led it (Pass.led:
 * its leader's end, or later where another lane's head could still be running having started first:
 * FollowTally.ledShown), and which leader it was (Opening's index).
 */
export interface DriftPass {
  entry: number;
  led: number;
  k: number;
}

/** The test of a block's mix of leaders (leaderDrift). */
export interface LeaderDrift {
  /** the passes compared, in the first half of the batches and the second */
  passes: [first: number, second: number];
  /** per leader (Opening's index): its passes compared in each half */
  first: number[];
  second: number[];
  /** the time from entry to when the log shows who led (DriftPass.led) within which a pass is compared, and from the log's end back (the log's unit: ms) */
  window: number;
  /** the leaders tested (those with MIN_LEADER_PASSES passes compared, then the rare ones pooled where they have as many together): the Bonferroni factor, but 1 for two (their shares' tests are one) */
  tested: number;
  /** the t statistic (second half's mean batch share less the first's, over its standard error; BATCHES - 2 degrees of freedom) of the leader with the least p-value, and p: that p-value times the factor, at most 1 */
  t: number;
  p: number;
}

/**
 * The test (the header's) of a block's mix of leaders over the first and second half of the
 * batches of its passes by entry (those the window compares), with `leaders` leaders; `logEnd`
 * the log's last instant. Null where fewer than BATCHES passes are compared, or fewer than two
 * leaders (the rare ones pooled) have MIN_LEADER_PASSES passes compared: nothing to compare.
 */
export function leaderDrift(passes: readonly DriftPass[], leaders: number, logEnd: number): LeaderDrift | null {
  if (passes.length === 0) return null;
  const window = quantileSorted(Float64Array.from(passes, (p) => Math.max(0, p.led - p.entry)).sort(), WINDOW_QUANTILE);
  const compared = passes.filter((p) => p.led - p.entry <= window && p.entry <= logEnd - window);
  if (compared.length < BATCHES) return null;
  compared.sort((a, b) => a.entry - b.entry);
  const batchOf = (i: number) => Math.floor((i * BATCHES) / compared.length);
  const halfBatches = BATCHES / 2;
  // counts[b][k]: leader k's passes in batch b
  const counts = Array.from({ length: BATCHES }, () => new Array<number>(leaders).fill(0));
  const sizes = new Array<number>(BATCHES).fill(0);
  compared.forEach((p, i) => {
    counts[batchOf(i)][p.k]++;
    sizes[batchOf(i)]++;
  });
  const first = new Array<number>(leaders).fill(0);
  const second = new Array<number>(leaders).fill(0);
  counts.forEach((row, b) => {
    for (let k = 0; k < leaders; k++) (b < halfBatches ? first : second)[k] += row[k];
  });
  const inFirst = sizes.slice(0, halfBatches).reduce((x, y) => x + y, 0);
  // the leaders tested: each with enough passes, then the rest pooled where they have enough together
  const columns: number[][] = [];
  const rare: number[] = [];
  for (let k = 0; k < leaders; k++) first[k] + second[k] >= MIN_LEADER_PASSES ? columns.push([k]) : rare.push(k);
  if (rare.length > 0 && rare.reduce((n, k) => n + first[k] + second[k], 0) >= MIN_LEADER_PASSES) columns.push(rare);
  if (columns.length < 2) return null;
  let best = { t: 0, p: 1 };
  for (const column of columns) {
    const shares = counts.map((row, b) => column.reduce((n, k) => n + row[k], 0) / sizes[b]);
    const test = halvesTTest(shares.slice(0, halfBatches), shares.slice(halfBatches));
    if (test.p < best.p || (test.p === best.p && Math.abs(test.t) > Math.abs(best.t))) best = test;
  }
  const tested = columns.length === 2 ? 1 : columns.length;
  return { passes: [inFirst, compared.length - inFirst], first, second, window, tested, t: best.t, p: Math.min(1, best.p * tested) };
}

/** The pooled two-sample t-test of `b`'s mean against `a`'s (equal sizes): t (b's less a's) and its two-sided p-value; where neither varies, p 1 for equal means, else 0. */
function halvesTTest(a: readonly number[], b: readonly number[]): { t: number; p: number } {
  const mean = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const ma = mean(a);
  const mb = mean(b);
  const squares = (xs: readonly number[], m: number) => xs.reduce((n, x) => n + (x - m) ** 2, 0);
  const df = a.length + b.length - 2;
  const pooled = (squares(a, ma) + squares(b, mb)) / df;
  const se = Math.sqrt(pooled * (1 / a.length + 1 / b.length));
  if (!(se > 0)) return mb === ma ? { t: 0, p: 1 } : { t: mb > ma ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY, p: 0 };
  const t = (mb - ma) / se;
  return { t, p: tTwoSidedP(t, df) };
}

/** A block whose mix of leaders the test finds drifting (p below DRIFT_LEVEL): what discover notes and fidelity warns of. */
export interface DriftingBlock {
  /** its leaders' activity names, in Opening's order */
  leaders: string[];
  /** each leader's share of the first half's passes compared, and of the second's */
  first: number[];
  second: number[];
  /** the passes compared, both halves */
  passes: number;
  /** the test's p-value (LeaderDrift.p) */
  p: number;
}

/**
 * The blocks (`blocks`: Discovery.openings' and .leads' readings) whose mix of leaders the test
 * finds drifting, in the order given; `names`: the log's activity names, by a leader's step
 * (Opening.opener). Read once: discover's note and fidelity's warning say the same blocks.
 */
export function driftingBlocks(blocks: Iterable<Opening>, names: readonly string[]): DriftingBlock[] {
  const drifting: DriftingBlock[] = [];
  for (const opening of blocks) {
    const d = opening.drift;
    if (d === undefined || d === null || !(d.p < DRIFT_LEVEL)) continue;
    drifting.push({
      leaders: opening.opener.map((a) => names[a]),
      first: d.first.map((c) => c / d.passes[0]),
      second: d.second.map((c) => c / d.passes[1]),
      passes: d.passes[0] + d.passes[1],
      p: d.p,
    });
  }
  return drifting;
}

/** A drifting block in words: its leaders, their shares in either half, the passes compared and p (discover's note and fidelity's warning). */
export function driftText(b: DriftingBlock): string {
  const shares = (xs: readonly number[]) => xs.map((x) => percentText(x)).join(' / ');
  return `${b.leaders.map((a) => `'${a}'`).join(' / ')} leading ${shares(b.first)} of the first half's passes, ${shares(b.second)} of the second's (${counted(b.passes, 'pass', 'passes')}, p = ${pValueText(b.p)})`;
}

/** How the test reads a block's passes, in words: discover's note and fidelity's warning end with it. */
export const DRIFT_TEST_WORDS = `the passes by entry in ${BATCHES} batches, each leader's share of a batch, the first ${BATCHES / 2} against the last by a t-test, the least p-value times the leaders tested: below ${DRIFT_LEVEL}`;

/** Notes the drifting blocks (driftingBlocks), each with its leaders' shares in either half and its p-value. */
export function noteLeaderDrift(blocks: Iterable<Opening>, names: readonly string[], notes: LogNote[]): void {
  const drifting = driftingBlocks(blocks, names);
  if (drifting.length === 0) return;
  notes.push({
    kind: 'parallel blocks whose mix of leaders changes over the log (the step that starts first in a pass)',
    one: 'parallel block whose mix of leaders changes over the log (the step that starts first in a pass)',
    count: drifting.length,
    handling: `${drifting.map(driftText).join('; ')}: the scenario writes the whole log's share of each leader, and its delays and followers, which neither half ran (${DRIFT_TEST_WORDS})`,
    example: '',
  });
}
