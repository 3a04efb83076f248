// The exits of cases the log's end may have cut: the last instance of a case that may have been
// open when the log was exported shows no exit, as what followed it is after the log's end.
// Invariant: an exit is left out of the shares only where the step rarely ends a case (below
// --min-share of its instances, each counted by the time it had to show a follow-up), so only
// what the export cut is left out; every other exit counts.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';
import { agree } from '../plural.js';

/** The share of the times the log shows a next instance after a step that the window below covers. */
const FOLLOW_QUANTILE = 0.99;

/**
 * The standard errors of the product limit (Greenwood's) the window is lengthened by: the law less
 * half its error reaches FOLLOW_QUANTILE there (followUpQuantile). The window read off the log errs
 * either way by some 1-1.5 h (the few follow-ups near its 99th percentile are shown only by the
 * instances ended in the log's first hours), and the open cases it leaves uncut fall faster than
 * linearly as it grows, so an unbiased window leaves more uncut on average than the generator's
 * (+29% entered after a step, +14% opening the case, over 120 generated logs each, session 54);
 * half an error brings the count to the generator's (-0.1%, -7%), one error 18-23% under it.
 * Measured, not derived: docs/discovery-notes.md, session 54.
 */
export const WINDOW_ERRORS = 0.5;

/**
 * Which instances' exits the log shows (1), and which not (0): the last instance of a case that
 * may have been open when the log was exported. Such a log shows each open case up to its last
 * completed instance; read as it stands, that step leads to the end, so a step that never ends
 * a case gets an exit to the end (a 48-hour wait in a 4-week log: 9% of the cases leaving after
 * their first step, which none does). A case may be open when its last instance (of step a)
 * ended less than the window before the log's last end: the 99th percentile of the gap from a's
 * end to the next instance's end, where one follows, read off the same product limit as the share
 * below (followUpQuantile: the gaps the log completes are the short ones where many cases run at
 * the export, and an instance with none shown says its gap is longer than its time left; read off
 * the gaps alone, truncatedLaw, as sessions 47-52 did, the window's error was a third larger and
 * left some 30% more open cases uncut than the generator's window, session 53), lengthened by half
 * its standard error (WINDOW_ERRORS, session 54). Its exit is not
 * counted when a is judged to end fewer than `minShare` of its cases: below that share an exit to the end would be folded
 * as rare anyway, so only what the export cut is left out. A step that ends more cases keeps
 * every exit (the few cut in the window bias its share little), and so does a step never
 * followed in the log.
 *
 * The exit share is read from every instance by Kaplan and Meier's product limit over its
 * follow-up time: the time from its end to the next instance's end where the log shows one, else
 * censored at the time it had to show one (the log's last end less its end). An instance long
 * before the end counts whole, one just ended almost not at all; where no case runs at the export
 * the share is that of the instances that show no follow-up, as the rule before session 47 read
 * it. The share is the survival at the last follow-up read (shown at a time at least 1% of the
 * instances were watched: survivalAtLast): the instances that would show none however long the
 * log ran. Session 47-50 read it as 1 - shown / chances (the follow-ups shown
 * against the sum over the instances of F(c), F the gap law of truncatedLaw, c the time left to
 * the log's end): the same quantity, but the chances come from a law read off the same gaps, whose
 * error is common to every instance near the end, and that share's error was twice the product
 * limit's (session 51, s51f, in docs/discovery-notes.md: over 864 steps of generated logs, a step
 * judged on the right side of --min-share 740 times by it, 782 by the product limit). The step is
 * judged only where its instances' chances (each the share of the follow-ups read by its time left,
 * off the same product limit: followUpAt; off the gaps alone, truncatedLaw, before session 54) are
 * at least half its instances: where more than half
 * of what would show its exits is after the log's end, the few it shows say little of the rest
 * (PM4Py's BPIC 2013 closed problems, a log of the cases closed in its last months: every closure
 * in the window of 162 days but 25 early ones, all followed up; read on those alone, all 1,487
 * cases were taken as open).
 *
 * Where it fails: nothing past the log's span is seen, so where the step's follow-ups run past it
 * (a log shorter than the step's slow follow-ups) they read as exits: the step is then judged to
 * end more cases than it does and keeps its exits, as a log without the correction would read it.
 * The share is judged by its point value: a step whose share is within its error of --min-share
 * errs either way (session 51's measurements: a margin of standard errors moves errors from the
 * steps that end no case to those that do). The product limit's last factors rest on the few
 * instances ended early enough to be followed that long: one follow-up longer than every
 * unfollowed instance's time left (a step's first instance followed after most of the log's span)
 * read the share 0 before session 52, and the step's exits in the window were then cut (session
 * 51's review: a step of 300 instances ending 30% of its cases); the share is now read over the
 * follow-up times at which at least 1% of the instances were watched (survivalAtLast), so it errs
 * high by the follow-ups longer than that: a step whose instances come late in the log (none
 * watched much longer than its slow follow-ups) reads a share of a few percent where it ends no
 * case, and near --min-share the point value errs either way (session 54: a slow lane after B,
 * 5 min plus an exponential of 3 h, its tail read to 4.9-6.2 h, B read 0.059 and 0.071 at 2 of 40
 * seeds and kept its exits; a tail extrapolated by an exponential cure model, measured, is no
 * better: docs/discovery-notes.md). The window's own error (some 1-1.5 h of a 6-10 h
 * window in a 12-h log: the gaps near it are shown only by the instances that ended in the log's
 * first hours, a handful) leaves more open cases uncut on average than a window without error
 * would, the count falling faster than linearly as the window grows (some 14-29% more over 120
 * generated logs of each shape): the window is lengthened by half its standard error
 * (WINDOW_ERRORS), which the measurements, not a derivation, set. And the window runs short where the instances that
 * could show a long gap (those ended early in the log, of cases that came in at its start with a
 * short wait before the step) are of a shorter kind than the rest (truncatedLaw's where it fails).
 */
export function exitsSeen(log: EventLog, events: number[][], minShare: number, notes: LogNote[]): Uint8Array {
  const read = readExits(log, events);
  const { logEnd, window, instances, chances } = read;
  const cut = (e: number) => log.end[e] + window[log.activityOf[e]] > logEnd;
  const judged = (a: number) => 2 * chances[a] >= instances[a] && read.share[a] < minShare;
  const seen = new Uint8Array(log.size).fill(1);
  let open = 0;
  let example = '';
  for (const list of events) {
    if (list.length === 0) continue;
    const last = list[list.length - 1];
    const a = log.activityOf[last];
    if (cut(last) && judged(a)) {
      seen[last] = 0;
      open++;
      example ||= `row ${log.row[last]}`;
    }
  }
  if (open > 0)
    notes.push({
      kind: "cases cut by the log's end (their last step ended too near it to show what followed, and rarely ends a case)",
      one: "case cut by the log's end (its last step ended too near it to show what followed, and rarely ends a case)",
      count: open,
      handling: `taken as open when the log was exported: ${agree(open, 'its', 'their')} exit to the end is not counted in the shares`,
      example,
    });
  return seen;
}

/** What exitsSeen reads of each step (by activity index), and the log's last end it reads them against. */
export interface StepExits {
  logEnd: number;
  /** the step's window (followUpQuantile at FOLLOW_QUANTILE, truncatedQuantile where no follow-up is read); -Infinity for a step never followed */
  window: Float64Array;
  instances: Float64Array;
  /** the sum over its instances of their chances F(c) of showing a follow-up, had they one: followUpAt (lawAt of the gaps' own law where the product limit reads none) */
  chances: Float64Array;
  /** its share of ended cases: Kaplan and Meier's survival of the follow-up time at the last follow-up read (survivalAtLast; NaN for a step with no instance) */
  share: Float64Array;
}

/** Each step's gaps, window and chances, as exitsSeen reads them. */
export function readExits(log: EventLog, events: number[][]): StepExits {
  let logEnd = -Infinity;
  for (const list of events) for (const e of list) if (log.end[e] > logEnd) logEnd = log.end[e];
  const m = log.activities.length;
  const gaps: number[][] = Array.from({ length: m }, () => []);
  const bounds: number[][] = Array.from({ length: m }, () => []);
  for (const list of events)
    for (let k = 0; k + 1 < list.length; k++) {
      const a = log.activityOf[list[k]];
      gaps[a].push(log.end[list[k + 1]] - log.end[list[k]]);
      bounds[a].push(logEnd - log.end[list[k]]);
    }
  const instances = new Float64Array(m);
  const unfollowed: number[][] = Array.from({ length: m }, () => []); // per step, the time left to the log's end of its instances that show no follow-up
  for (const list of events)
    list.forEach((e, k) => {
      const a = log.activityOf[e];
      instances[a]++;
      if (k + 1 === list.length) unfollowed[a].push(logEnd - log.end[e]);
    });
  const followUps = gaps.map((g, a) => followUpLaw(g, unfollowed[a], bounds[a]));
  const share = Float64Array.from(followUps, (law, a) => lastSurvival(law, gaps[a].length + unfollowed[a].length)); // survivalAtLast's
  // the gap law of the gaps alone, where the product limit reads no follow-up (a step followed only where fewer than WATCHED_FLOOR were watched)
  const laws = gaps.map((g, a) => (g.length === 0 || followUps[a].at.length > 0 ? null : truncatedLaw(g, bounds[a])));
  const chances = new Float64Array(m);
  for (const list of events)
    for (const e of list) {
      const a = log.activityOf[e];
      const left = logEnd - log.end[e];
      const law = laws[a];
      if (followUps[a].at.length > 0) chances[a] += followUpAt(followUps[a], left);
      else if (law !== null) chances[a] += lawAt(law, left);
    }
  const window = Float64Array.from(gaps, (g, a) =>
    followUps[a].at.length > 0
      ? followUpQuantile(followUps[a], FOLLOW_QUANTILE, WINDOW_ERRORS)
      : truncatedQuantile(g, bounds[a], FOLLOW_QUANTILE, laws[a]),
  );
  return { logEnd, window, instances, chances, share };
}

/**
 * The tail the share is read over: the follow-up times at which at least this share of a step's
 * instances (and more than one) had that long left to the log's end, followed up or not. Past them
 * one case stands for the rest: a step's first instance followed up after most of the log's span,
 * longer than any other instance was watched, is at risk alone there, and its factor, 1 - 1 / 1,
 * read the share 0 whatever the other instances showed (session 52; a risk set of one, every
 * instance's time left shorter). Pepe and Fleming's restriction of a product limit to where its
 * censoring survival is above a floor; 1% moved none of the dense logs' shares measured but one
 * (docs/discovery-notes.md, session 52).
 */
export const WATCHED_SHARE = 0.01;

/**
 * The fewest instances watched that the tail is read with, or a tenth of a step's instances where
 * that is fewer: below 1,000 instances 1% is fewer than 10, and at 2 (the floor before session 53)
 * a step of 100 whose longest follow-up's instance was watched as long as one other ordinary
 * instance followed up early read the share 0 as before session 52 (the risk set the long
 * follow-up alone: exitShareLog, X ending 30%, its long case after the first arrival: -0.22 at 2,
 * +0.00 at 10; docs/discovery-notes.md, session 53).
 */
export const WATCHED_FLOOR = 10;

/**
 * Kaplan and Meier's product limit of a follow-up time, `followed` the times seen and `censored`
 * those known only to exceed a time, at its last time seen among those at which at least
 * WATCHED_SHARE of the instances, and at least WATCHED_FLOOR (a tenth of a smaller step's, and more
 * than one), were watched that long (`followedLeft`: the time each followed instance had left to the
 * log's end; a censored one's is its time): the share
 * that outlasts every follow-up read (1 where none is; NaN with no instance). A censored time equal
 * to a follow-up's is at risk at it. The product stops before the first follow-up past that tail
 * (WATCHED_SHARE), so its estimate is of the share that outlasts the tail's end: it errs high by
 * the follow-ups longer than the time 99% of the instances were watched, where the last factors it
 * leaves out rested on a case or a few.
 */
export function survivalAtLast(followed: readonly number[], censored: readonly number[], followedLeft: readonly number[]): number {
  const n = followed.length + censored.length;
  return lastSurvival(followUpLaw(followed, censored, followedLeft), n);
}

/** survivalAtLast's reading of a product limit over `n` instances: its last survival, 1 where no follow-up is read, NaN with no instance. */
function lastSurvival(law: FollowUpLaw, n: number): number {
  if (n === 0) return Number.NaN;
  return law.survival.length === 0 ? 1 : law.survival[law.survival.length - 1];
}

/** Kaplan and Meier's product limit of a follow-up time over its watched tail: each follow-up time read (ascending), the survival just after it and Greenwood's variance of that survival. */
export interface FollowUpLaw {
  at: Float64Array;
  survival: Float64Array;
  variance: Float64Array;
}

/**
 * The product limit survivalAtLast reads its last value of: at each distinct follow-up time read,
 * up to the last at which at least WATCHED_SHARE of the instances, and WATCHED_FLOOR, were watched
 * that long, the share of the instances that show no follow-up by then (exits and follow-ups
 * still to come). Its arguments are survivalAtLast's.
 */
export function followUpLaw(followed: readonly number[], censored: readonly number[], followedLeft: readonly number[]): FollowUpLaw {
  const n = followed.length + censored.length;
  const f = Float64Array.from(followed).sort();
  const c = Float64Array.from(censored).sort();
  const left = Float64Array.from(followedLeft).sort();
  const fewest = Math.max(2, WATCHED_SHARE * n, Math.min(WATCHED_FLOOR, n / 10));
  const at: number[] = [];
  const survival: number[] = [];
  const variance: number[] = [];
  let S = 1;
  let greenwood = 0; // the sum of d / (R (R - d)) over the times read: Var S = S^2 times it
  let atRisk = n;
  let j = 0; // censored times below the follow-up at hand are out of the risk set
  let k = 0; // followed instances with less time left than the follow-up at hand
  for (let i = 0; i < f.length; ) {
    const y = f[i];
    while (j < c.length && c[j] < y) {
      j++;
      atRisk--;
    }
    while (k < left.length && left[k] < y) k++;
    if (n - j - k < fewest) break; // watched that long: the censored and followed instances whose time left reaches y
    let d = 0;
    while (i < f.length && f[i] === y) {
      d++;
      i++;
    }
    S *= 1 - d / atRisk;
    if (atRisk > d) greenwood += d / (atRisk * (atRisk - d)); // where every instance at risk is followed, S is 0 and so is its variance
    atRisk -= d;
    at.push(y);
    survival.push(S);
    variance.push(S * S * greenwood);
  }
  return { at: Float64Array.from(at), survival: Float64Array.from(survival), variance: Float64Array.from(variance) };
}

/**
 * The `q` quantile of a step's follow-up gaps read off its product limit (followUpLaw): the
 * shortest follow-up time y at which the instances followed by y are at least q of those followed
 * by the last time read, 1 - S(y) >= q (1 - S(last)). An exit never followed up and a follow-up
 * later than the log could show alike stay in S(last), so the share of ended cases drops out: the
 * law is that of the follow-ups the log's span can show, as truncatedLaw's, but read from every
 * instance, its censored ones too. With `errors`, the shortest y at which the law less that many of
 * its standard errors (Greenwood's) reaches it, 1 - S(y) - errors sd(S(y)) >= q (1 - S(last)): a
 * quantile lengthened by its own error (WINDOW_ERRORS). -Infinity where no follow-up is read.
 */
export function followUpQuantile(law: FollowUpLaw, q: number, errors = 0): number {
  const { at, survival, variance } = law;
  if (at.length === 0) return Number.NEGATIVE_INFINITY;
  const last = 1 - survival[survival.length - 1];
  for (let k = 0; k < at.length; k++) if (1 - survival[k] - errors * Math.sqrt(variance[k]) >= q * last) return at[k];
  return at[at.length - 1];
}

/**
 * The share of a step's follow-ups read by `x` among those read by the last time its product limit
 * reads (followUpLaw): (1 - S(x)) / (1 - S(last)), the law followUpQuantile reads its window off,
 * so an instance's chance of having shown its follow-up, had it one, within the time it had left.
 * 0 where no follow-up is read.
 */
export function followUpAt(law: FollowUpLaw, x: number): number {
  const { at, survival } = law;
  if (at.length === 0) return 0;
  const read = countAtOrBelow(at, x);
  return read === 0 ? 0 : (1 - survival[read - 1]) / (1 - survival[survival.length - 1]);
}

/** A step's gap law: its distinct gaps ascending, and the share F of the gaps at or below each. */
export interface GapLaw {
  at: Float64Array;
  cdf: Float64Array;
}

/**
 * The law of a step's gaps (from its end to the next instance's end) where gap i is seen only if
 * it is at most `bounds[i]` (the log's last end less the instance's end): right-truncated data,
 * read by Lynden-Bell's product-limit estimator, F(x) = the product over the gaps y > x of 1 -
 * d(y) / R(y), d(y) the gaps equal to y and R(y) = #{j : g_j <= y <= c_j} those that could have
 * been seen at y. The gaps the log completes are the short ones where many cases were under way at
 * the export (an instance ended an hour before it shows a follow-up only within the hour), so their
 * own law is too short. Where no bound is below the longest gap the truncation binds nowhere, R(y)
 * counts every gap up to y and F is the gaps' own. Where it fails: the law is read only up to the
 * longest gap the log can show (its span); a long gap with a small risk set (few instances ended
 * early enough to show one that long) weighs 1 / R(y), which errs long. A gap whose risk set holds
 * only its own ties (every shorter gap's instance ended too late to show one that long: a hole)
 * tells nothing of the gaps below it, and its factor, 1 - d / d = 0, would put every shorter gap's
 * F at 0 (every instance in the window a chance of 0, the window the hole's gap): it is skipped,
 * so the product runs on over the gaps below it, as FollowTally.truncationWeights skips one
 * (extraneous-delays.ts, session 50). The shortest gap's factor is always such a 0, and nothing
 * is read below it. And the risk sets take a gap as independent of when its instance ended, which
 * the log's start breaks: a long gap can show only after an instance ended early in the log, of a
 * case that came in near its start and reached the step soon, and where a short wait before the
 * step goes with a short gap after it the law reads short (session 51: choiceBlockLog entered
 * after a step, exported at 12 h, A's 99th percentile 0.74 h and R's 1.40 h short over 16 seeds;
 * exported without its first 5 h, the same span, 0.04 h and 0.18 h long). A gap that only cases
 * begun before the log's start could show is not in it at all.
 */
export function truncatedLaw(gaps: number[], bounds: number[]): GapLaw {
  const n = gaps.length;
  const g = Float64Array.from(gaps).sort();
  const c = Float64Array.from(bounds).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || g[i] !== g[i - 1]) distinct++;
  const at = new Float64Array(distinct);
  const cdf = new Float64Array(distinct);
  // down the distinct gaps: F(y) is the product over the gaps above y
  let F = 1;
  let k = distinct;
  let i = n - 1;
  let below = n; // bounds c[0 .. below) are < y
  while (i >= 0) {
    const y = g[i];
    k--;
    at[k] = y;
    cdf[k] = F;
    let j = i;
    while (j >= 0 && g[j] === y) j--;
    while (below > 0 && c[below - 1] >= y) below--;
    const atRisk = i + 1 - below;
    if (atRisk > i - j) F *= 1 - (i - j) / atRisk; // a hole (its own gaps alone at risk) skipped: see above
    i = j;
  }
  return { at, cdf };
}

/** F(x) of a gap law: the share of the gaps at or below x. */
export function lawAt(law: GapLaw, x: number): number {
  const below = countAtOrBelow(law.at, x);
  return below === 0 ? 0 : law.cdf[below - 1];
}

/** How many of the ascending times `at` are at or below x (a law's step at x is the one before that index), by bisection. */
function countAtOrBelow(at: Float64Array, x: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The `q` quantile of a step's gaps read as truncatedLaw reads them: the shortest gap y with F(y)
 * >= q. Where no bound is below the longest gap, the gaps' own quantile, interpolated
 * (quantileSorted), as before session 47. Where it fails (truncatedLaw): it errs long, which marks
 * more last instances as cut. -Infinity for a step never followed. `law`: truncatedLaw of the same
 * gaps and bounds, where the caller has it already.
 */
export function truncatedQuantile(gaps: number[], bounds: number[], q: number, law: GapLaw | null = null): number {
  const n = gaps.length;
  if (n === 0) return Number.NEGATIVE_INFINITY;
  let longest = Number.NEGATIVE_INFINITY;
  for (const y of gaps) if (y > longest) longest = y;
  let lowestBound = Number.POSITIVE_INFINITY;
  for (const x of bounds) if (x < lowestBound) lowestBound = x;
  if (lowestBound >= longest) return quantileSorted(Float64Array.from(gaps).sort(), q);
  const { at, cdf } = law ?? truncatedLaw(gaps, bounds);
  let k = at.length - 1;
  while (k > 0 && cdf[k - 1] >= q) k--;
  return at[k];
}
