// Fits durations each of which the sample holds only because it was at most a bound of its own
// (left-truncated data's mirror: right-truncated): a leader's own wait on a log its end cut shows
// only where the leader's instance ended by that end, so at most the time from its pass's entry
// to the log's end less the instance's own run. Each family's likelihood is its density over its
// distribution function at the duration's bound, sum log f(x) - sum log F(b), maximised by
// censored-fit.ts' simplex from the sample's own moments; the families are censored-fit.ts' and
// are ranked, guarded and chosen by its rules (but for the lognormal, whose tail past the bounds is
// its sigma's extrapolation: a leader's waits of 2.95 h on average in a 12-h log read 7.5 h at one
// seed of 12, its mean determined by the rule below; the others there within 0.33 h): a family whose mean the data leave undetermined
// (the standard error of its log above MAX_SE_LOG_MEAN) is not ranked, and where the families
// the test accepts disagree on the mean by more than the data determine it, the one nearest
// their weighted mean is taken (nearestMean). A family that fits then reaches past the bounds
// (its tail is the durations the sample could not show), where the drawn sample (Lynden-Bell's
// weights, extraneous-delays.ts' drawnByWeight) holds nothing past the longest bound.
// Invariant: null, the caller's reading kept, where no family is accepted; fit.ts' and
// censored-fit.ts' fits are not changed.
import { acceptedReason, type FitResult, familyFit, firstAccepted, ksAccepts, ksPValue, MIN_FITTED, oneValue } from './fit.js';
import {
  type Family,
  FAMILIES,
  flooredLogs,
  MAX_SE_LOG_MEAN,
  maximise,
  nearestMean,
  seLogMean,
  summarise,
  unidentifiedNote,
} from './censored-fit.js';
import { distMean, distVariance } from '../random/distributions.js';
import type { DistSpec } from '../scenario/types.js';
import { significantText } from '../number-format.js';

/** Timestamps resolve seconds: a zero duration is "under a second" for families on (0, inf). */
const FLOOR_HOURS = 1 / 3600;

/** The exponential's log-density at x and log-survival at c, of mean m = exp(lm): EXPONENTIAL's, and truncatedLogLik's own loop's. */
const exponentialLogPdf = (x: number, lm: number, m: number) => -lm - Math.max(x, FLOOR_HOURS) / m;
const exponentialLogSf = (c: number, m: number) => -Math.max(c, FLOOR_HOURS) / m;

/** The exponential, which censored-fit.ts fits in closed form: under truncation its mean has none. */
export const EXPONENTIAL: Family = {
  name: 'exponential',
  start: (s) => [Math.log(Math.max(s.mean, FLOOR_HOURS))],
  at: ([lm]) => {
    const m = Math.exp(lm);
    return { logPdf: (x) => exponentialLogPdf(x, lm, m), logSf: (c) => exponentialLogSf(c, m) };
  },
  cdfAt: ([lm]) => {
    const m = Math.exp(lm);
    return (x) => (x <= 0 ? 0 : -Math.expm1(-x / m));
  },
  dist: ([lm]) => ({ kind: 'exponential', mean: Math.exp(lm) }),
  logMean: ([lm]) => lm,
};

/**
 * The best family for durations `sample` (hours), each seen only at most its `bounds` entry
 * (hours; a bound below its duration is taken as the duration), or null: fewer than MIN_FITTED,
 * all alike, or no family the test accepts (truncatedKs).
 */
export function fitTruncated(sample: ArrayLike<number>, bounds: ArrayLike<number>): FitResult | null {
  const n = sample.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => sample[i] - sample[j]);
  const xs = Float64Array.from(order, (i) => sample[i]);
  const bs = Float64Array.from(order, (i) => Math.max(bounds[i], sample[i]));
  let longestBound = 0;
  for (const b of bs) if (b > longestBound) longestBound = b;
  if (n < MIN_FITTED || oneValue(xs)) return null;
  const summary = summarise(xs);
  const logXs = flooredLogs(xs);
  const logBs = flooredLogs(bs);
  const unidentified: { family: string; se: number }[] = [];
  const candidates: { family: string; dist: DistSpec; params: number; logLik: number; cdf: (x: number) => number }[] = [];
  for (const f of [EXPONENTIAL, ...FAMILIES.filter((g) => g.name !== 'lognormal')]) {
    const logLik = (p: number[]) => truncatedLogLik(f, p, xs, bs, logXs, logBs);
    const best = maximise(logLik, f.start(summary));
    if (best === null) continue;
    const se = seLogMean(logLik, best.at, f.logMean);
    const dist = f.dist(best.at);
    if (!(se <= MAX_SE_LOG_MEAN) || beyondReach(dist, longestBound)) {
      unidentified.push({ family: f.name, se: se <= MAX_SE_LOG_MEAN ? Number.POSITIVE_INFINITY : se });
      continue;
    }
    candidates.push({ family: f.name, dist, params: best.at.length, logLik: best.value, cdf: f.cdfAt(best.at) });
  }
  const tried = candidates
    .map((c) => ({ c, aic: 2 * c.params - 2 * c.logLik, ks: truncatedKs(xs, bs, c.cdf) }))
    .sort((a, b) => a.aic - b.aic);
  const byAic = firstAccepted(tried, n);
  if (byAic === null) return null;
  const tail = nearestMean(
    tried.filter((t) => ksAccepts(t.ks, n)),
    n,
  );
  const t = tail?.nearest ?? byAic.t;
  const p = ksPValue(t.ks, n);
  const why =
    tail === null
      ? acceptedReason(tried, t, p)
      : `the families the test accepts disagree on the mean by more than the data determine it (lowest AIC ${byAic.t.c.family}: ${significantText(distMean(byAic.t.c.dist), 3)} h; their weighted mean ${significantText(tail.mean, 3)} h): the one nearest it`;
  return {
    ...familyFit(t, n, p, tried),
    ...(unidentified.length === 0 ? {} : { unidentified }),
    ...(tail === null ? {} : { undeterminedTail: { mean: tail.mean, lowestAic: byAic.t.c.family } }),
    reason: `each truncated at its bound: ${why}${unidentified.length === 0 ? '' : `; ${unidentifiedNote(unidentified)}`}`,
  };
}

/**
 * How far past the longest bound a fitted law may reach and still be read from the sample: its
 * mean and standard deviation each at most REACH times that bound. Past it the law is the
 * likelihood's extrapolation, not a reading (a normal over waits of a few hours, seen at most 12 h,
 * fitted with a standard deviation of 2.5e12 h: flat over the bounds, the truncation dividing its
 * scale away; lane-heads.test.ts' property found it): not ranked, as a mean the data leave undetermined.
 */
const REACH = 10;

function beyondReach(dist: DistSpec, longestBound: number): boolean {
  const reach = REACH * longestBound;
  return !(distMean(dist) <= reach && Math.sqrt(distVariance(dist)) <= reach);
}

/**
 * sum of log f(x) - log F(b) of family `f` at `p` over durations `xs` and their bounds `bs`; -inf
 * where it is none. `logXs`, `logBs`: their flooredLogs, which a caller evaluating many p computes
 * once (the exponential reads none: its callers may leave them out).
 */
export function truncatedLogLik(
  f: Family,
  p: number[],
  xs: ArrayLike<number>,
  bs: ArrayLike<number>,
  logXs: ArrayLike<number> = flooredLogs(xs),
  logBs: ArrayLike<number> = flooredLogs(bs),
): number {
  let sum = 0;
  if (f === EXPONENTIAL) {
    // its terms in a loop of its own, the same doubles: through the families' closures (one call site for every family)
    // each term is a call V8 does not inline and a double it boxes, and opening-crowd.ts asks 120 likelihoods a start
    const lm = p[0];
    const m = Math.exp(lm);
    for (let i = 0; i < xs.length; i++) sum += exponentialLogPdf(xs[i], lm, m) - Math.log(-Math.expm1(exponentialLogSf(bs[i], m)));
  } else {
    const { logPdf, logSf } = f.at(p);
    for (let i = 0; i < xs.length; i++) sum += logPdf(xs[i], logXs[i]) - Math.log(-Math.expm1(logSf(bs[i], logBs[i])));
  }
  return Number.isFinite(sum) ? sum : Number.NEGATIVE_INFINITY;
}

/**
 * Kolmogorov and Smirnov's D of durations `xs` (sorted), each seen only at most its bound (`bs`,
 * in the same order), against F: such a sample's distribution is G(x) = (1/n) sum over the
 * observations of F(min(x, b)) / F(b), those of bound below x counting 1 each and the others
 * F(x) / F(b) (a running sum over the bounds, sorted).
 */
export function truncatedKs(xs: ArrayLike<number>, bs: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = xs.length;
  const sorted = Float64Array.from(bs).sort();
  const above = new Float64Array(n + 1); // above[j]: sum of 1 / F(b) over sorted[j..]
  for (let j = n - 1; j >= 0; j--) above[j] = above[j + 1] + 1 / cdf(sorted[j]);
  let d = 0;
  let j = 0; // bounds below x
  for (let i = 0; i < n; i++) {
    while (j < n && sorted[j] < xs[i]) j++;
    const g = Math.min(1, (j + cdf(xs[i]) * above[j]) / n);
    d = Math.max(d, (i + 1) / n - g, g - i / n);
  }
  return d;
}
