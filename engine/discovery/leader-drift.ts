// Whether the mix of leaders of a parallel block (which lane's head starts first in a pass:
// extraneous-delays.ts' Opening) changes over the log. Discovery pools every pass of the log into
// one share per leader, and each leader's own delays and followers: where the mix drifts (a step
// that leads only from some point on), the scenario is the whole log's average, which neither its
// early nor its late part ran (and the weights FollowTally reads a cut log's follow-ups by count a
// late leader's chances wrongly: docs/discovery-notes.md, session 49). So the user is told: a
// chi-square test of the leaders' shares in the first and the second half of the block's passes
// by entry, noted below DRIFT_LEVEL with its p-value.
// Invariant: under a mix that does not change, every pass compared is as likely to be compared
// whenever it entered. A pass is in the log once its leader's instance has ended, so those entered
// near the log's end show the leaders that start soon and not yet those that wait long (compared
// so, a stationary log's second half is short of its slow leaders). Only the passes whose leader
// ended within `window` of their entry, entered at least `window` before the log's end, are
// compared: every such pass is in the log, whenever it entered.
import type { LogNote } from '../interchange/event-log.js';
import { percentText, pValueText } from '../number-format.js';
import { counted } from '../plural.js';
import { chiSquaredTail } from '../stats/chi-squared-tail.js';
import { quantileSorted } from '../stats/percentile.js';
import type { Opening } from './extraneous-delays.js';

/** A block's mix of leaders is noted as drifting where the test's p-value is below this. */
export const DRIFT_LEVEL = 0.001;
/**
 * The window (see the header) is this quantile of the passes' times from entry to their leader's
 * end: a longer one compares more of each pass's leaders, a shorter one more of the log's end.
 */
const WINDOW_QUANTILE = 0.9;
/** A leader with fewer passes compared is pooled with the other rare ones (a column of the test of its own below this, its expected counts too small for the chi-square). */
const MIN_LEADER_PASSES = 10;

/** One pass of a block: its entry (the block's enabling), its leader's end (when the log shows it), and which leader it was (Opening's index). */
export interface DriftPass {
  entry: number;
  shown: number;
  k: number;
}

/** The test of a block's mix of leaders (leaderDrift). */
export interface LeaderDrift {
  /** the passes compared, in the first half by entry and the second (the test's table leaves out the rare leaders' where fewer than MIN_LEADER_PASSES together) */
  passes: [first: number, second: number];
  /** per leader (Opening's index): its passes compared in each half */
  first: number[];
  second: number[];
  /** the time from entry to the leader's end within which a pass is compared, and from the log's end back (the log's unit: ms) */
  window: number;
  /** the chi-square statistic of the 2 x leaders table (the rare leaders pooled), its degrees of freedom and p-value */
  statistic: number;
  df: number;
  p: number;
}

/**
 * The chi-square test of homogeneity of a block's leaders over the first and second half of its
 * passes by entry (those the header's window compares), with `leaders` leaders; `logEnd` the log's
 * last instant. Null where fewer than two columns of the table (leaders, the rare ones pooled)
 * hold MIN_LEADER_PASSES passes each: nothing to compare.
 */
export function leaderDrift(passes: readonly DriftPass[], leaders: number, logEnd: number): LeaderDrift | null {
  if (passes.length === 0) return null;
  const window = quantileSorted(Float64Array.from(passes, (p) => Math.max(0, p.shown - p.entry)).sort(), WINDOW_QUANTILE);
  const compared = passes.filter((p) => p.shown - p.entry <= window && p.entry <= logEnd - window);
  compared.sort((a, b) => a.entry - b.entry);
  const half = Math.floor(compared.length / 2);
  const first = new Array<number>(leaders).fill(0);
  const second = new Array<number>(leaders).fill(0);
  compared.forEach((p, i) => {
    (i < half ? first : second)[p.k]++;
  });
  // the columns: each leader with enough passes, then the rest pooled where they have enough together
  const columns: [number, number][] = [];
  const rare: [number, number] = [0, 0];
  for (let k = 0; k < leaders; k++) {
    if (first[k] + second[k] >= MIN_LEADER_PASSES) columns.push([first[k], second[k]]);
    else {
      rare[0] += first[k];
      rare[1] += second[k];
    }
  }
  if (rare[0] + rare[1] >= MIN_LEADER_PASSES) columns.push(rare);
  if (columns.length < 2) return null;
  const n = [0, 0];
  for (const [a, b] of columns) {
    n[0] += a;
    n[1] += b;
  }
  const total = n[0] + n[1];
  let statistic = 0;
  for (const column of columns) {
    const sum = column[0] + column[1];
    for (const h of [0, 1]) {
      const expected = (sum * n[h]) / total;
      statistic += (column[h] - expected) ** 2 / expected;
    }
  }
  const df = columns.length - 1;
  return { passes: [half, compared.length - half], first, second, window, statistic, df, p: chiSquaredTail(statistic, df) };
}

/**
 * Notes the blocks (`blocks`: Discovery.openings' and .leads' readings) whose mix of leaders the
 * test finds drifting, each with its leaders' shares in either half and its p-value; `names`: the
 * log's activity names, by a leader's step (Opening.opener).
 */
export function noteLeaderDrift(blocks: Iterable<Opening>, names: readonly string[], notes: LogNote[]): void {
  const drifting: string[] = [];
  for (const opening of blocks) {
    const d = opening.drift;
    if (d === undefined || d === null || !(d.p < DRIFT_LEVEL)) continue;
    const shares = (counts: number[], n: number) => counts.map((c) => percentText(c / n)).join(' / ');
    drifting.push(
      `${opening.opener.map((a) => `'${names[a]}'`).join(' / ')} leading ${shares(d.first, d.passes[0])} of the first half's passes, ${shares(d.second, d.passes[1])} of the second's (${counted(d.passes[0] + d.passes[1], 'pass', 'passes')}, p = ${pValueText(d.p)})`,
    );
  }
  if (drifting.length === 0) return;
  notes.push({
    kind: 'parallel blocks whose mix of leaders changes over the log (the step that starts first in a pass)',
    one: 'parallel block whose mix of leaders changes over the log (the step that starts first in a pass)',
    count: drifting.length,
    handling: `${drifting.join('; ')}: the scenario writes the whole log's share of each leader, and its delays and followers, which neither half ran (a chi-square test of the leaders' shares in the first and second half of the passes by entry, p below ${DRIFT_LEVEL})`,
    example: '',
  });
}
