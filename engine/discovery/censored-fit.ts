// Fits durations of which some are known only to be at least so long: instances still running
// when the log was exported (right-censored). Leaving them out fits durations short, since the
// longer an instance runs the likelier the export cuts it; counting them at their age so far
// fits short too. Each family's likelihood takes a completed duration's density and a running
// one's survival, sum log f(x) + sum log S(c), maximised from the completed ones' own fit by
// Nelder and Mead's simplex; the families are ranked by AIC on it and the first in that order
// that the Kolmogorov-Smirnov distance to the Kaplan-Meier estimate accepts (its p-value taken
// as for the completed ones alone: an approximation) is taken, as fit.ts takes it. Where none
// is, the Kaplan-Meier quantiles.
// Invariant: without running instances, fit.ts' fitDuration is used, unchanged.
// The uniform on [a, b] is tried too, by its own maximum (censoredUniform; not the simplex: in
// a the maximum lies on the edge past which the likelihood is 0): a completed duration has
// density 1/(b - a) inside, a running one of age c survives with (b - c)/(b - a) for a < c < b,
// 1 at c <= a, 0 from b on. The maximum is unique: a is the shortest completion, and b the one
// root of a decreasing function past the longest completion and age (or the longest completion
// itself). A family whose support's edges are parameters is not regular: at an edge on a
// completion its likelihood is larger than at the truth by about 1 an edge, which AIC's 2 a
// parameter does not charge, and it won small samples (of 15 lognormal durations of cv 0.5
// with as many running, 61%). So, as fit.ts' unbiasedBounds for the uncensored uniform, an
// edge the maximum puts on a completion (a; b when it is the longest completion) moves out by
// (b - a)/(n - 1), n the completions, and the uniform is ranked and simulated at those bounds
// with its likelihood there (widenedUniform; now 20%; docs/discovery-notes.md, *Durations*). b pushed past the
// completions by the ages is an interior maximum and stays.
// A family is ranked only where the data determine its mean: with many instances running, a
// censored maximum can be a real one whose likelihood is nearly flat along the mean (the
// lognormal at sigma 2-3 on exponential durations, 10 completed and 8 running: means of 3 to 21
// times the truth). The delta method's standard error of the log of the fitted mean
// (seLogMean) must be at most an exponential's from 3 durations (MAX_SE_LOG_MEAN); a family
// above it is left out and named in the reason (docs/discovery-notes.md, *Durations*).
// A family's own standard error does not cover the choice of family: past the longest time the
// log shows, each family's tail is its shape's extrapolation, and families that fit the window
// alike can differ there severalfold (exponential durations cut at their mean: a lognormal of 4
// times the mean a few AIC ahead of an exponential, a Weibull and a gamma that agree on it). So
// the lowest AIC stands only where its mean is within the data's precision (1/sqrt(completions)
// on the log) of the mean of the families the test accepts weighted by their posterior
// probabilities (BIC with the completions as the sample size); otherwise the family nearest that
// mean is taken, named in the reason (nearestMean; docs/discovery-notes.md, *Durations*).
import { gammaln } from 'simple-statistics';
import type { LogNote } from '../interchange/event-log.js';
import { largest, smallest } from '../lists.js';
import { distMean } from '../random/distributions.js';
import type { DistSpec } from '../scenario/types.js';
import { logNormalTail, normalCdf, truncatedNormalCdfOf } from '../stats/normal-tail.js';
import {
  acceptedReason,
  constantFit,
  type FitResult,
  firstAccepted,
  fitDuration,
  KS_ALPHA,
  ksAccepts,
  ksPValue,
  oneValue,
  MIN_FITTED,
  unbiasedBounds,
} from './fit.js';
import { lowerRegularizedGamma, upperRegularizedGamma } from '../stats/incomplete-gamma.js';
import { fixedNumber, pValueText, significantText } from '../number-format.js';

/** Timestamps resolve seconds: a zero duration is "under a second" for families on (0, inf). */
const FLOOR_HOURS = 1 / 3600;
const EMPIRICAL_POINTS = 100;
/**
 * The largest standard error of the log of a family's fitted mean for the family to be ranked:
 * 1/sqrt(3), an exponential's from 3 durations, the fewest fitDurations fits a family to.
 */
export const MAX_SE_LOG_MEAN = 1 / Math.sqrt(3);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface Family {
  name: string;
  /** parameters on the real line, from the completed durations' mean and sd and their logs' */
  start(s: Summary): number[];
  /**
   * The log-density and log-survival at parameters p, with what depends on p alone (ln Gamma(k),
   * exp of a log-parameter) computed once: the likelihood asks them once per duration for the
   * same p (a log of 100,000 instances: 100,000 calls a step of the simplex). Each is given the
   * duration and its log floored at a second (flooredLogs), which depends on no parameter: taken
   * once a fit, not at every step (a family that reads no log is given any number there).
   */
  at(p: number[]): { logPdf(x: number, logX: number): number; logSf(c: number, logC: number): number };
  /** the distribution function at p, with what depends on p alone computed once */
  cdfAt(p: number[]): (x: number) => number;
  dist(p: number[]): DistSpec;
  /** log of the distribution's mean: how well the data determine it is checked (seLogMean) */
  logMean(p: number[]): number;
}

export interface Summary {
  mean: number;
  sd: number;
  logMean: number;
  logSd: number;
}

/** Parameters outside a family's domain: likelihood 0. */
const OUTSIDE = { logPdf: () => Number.NEGATIVE_INFINITY, logSf: () => Number.NEGATIVE_INFINITY };

export const FAMILIES: Family[] = [
  {
    name: 'lognormal',
    start: (s) => [s.logMean, Math.log(Math.max(s.logSd, 1e-3))],
    at: ([mu, ls]) => {
      const sigma = Math.exp(ls);
      return {
        logPdf: (_x, lx) => {
          const z = (lx - mu) / sigma;
          return -lx - ls - LOG_SQRT_2PI - 0.5 * z * z;
        },
        logSf: (_c, lc) => logNormalTail((lc - mu) / sigma),
      };
    },
    cdfAt: ([mu, ls]) => {
      const sigma = Math.exp(ls);
      return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
    },
    dist: ([mu, ls]) => {
      const sigma = Math.exp(ls);
      const mean = Math.exp(mu + (sigma * sigma) / 2);
      return { kind: 'lognormal', mean, sd: mean * Math.sqrt(Math.expm1(sigma * sigma)) };
    },
    logMean: ([mu, ls]) => mu + Math.exp(2 * ls) / 2,
  },
  {
    name: 'gamma',
    start: (s) => {
      const k = Math.max((s.mean / Math.max(s.sd, 1e-9)) ** 2, 1e-3);
      return [Math.log(k), Math.log(s.mean / k)];
    },
    at: ([lk, lt]) => {
      const k = Math.exp(lk);
      const theta = Math.exp(lt);
      const logGammaK = gammaln(k);
      return {
        logPdf: (x, lx) => (k - 1) * lx - Math.max(x, FLOOR_HOURS) / theta - k * lt - logGammaK,
        logSf: (c) => Math.log(upperRegularizedGamma(k, c / theta, logGammaK)),
      };
    },
    cdfAt: ([lk, lt]) => {
      const k = Math.exp(lk);
      const theta = Math.exp(lt);
      const logGammaK = gammaln(k);
      return (x) => (x <= 0 ? 0 : lowerRegularizedGamma(k, x / theta, logGammaK));
    },
    dist: ([lk, lt]) => {
      const k = Math.exp(lk);
      const mean = k * Math.exp(lt);
      return { kind: 'gamma', mean, sd: mean / Math.sqrt(k) };
    },
    logMean: ([lk, lt]) => lk + lt,
  },
  {
    name: 'weibull',
    start: (s) => [Math.log(1.2 / Math.max(s.logSd, 1e-3)), Math.log(s.mean)],
    at: ([lk, ll]) => {
      const k = Math.exp(lk);
      return {
        logPdf: (_x, lx) => {
          const r = lx - ll;
          return lk - ll + (k - 1) * r - Math.exp(k * r);
        },
        logSf: (_c, lc) => -Math.exp(k * (lc - ll)),
      };
    },
    cdfAt: ([lk, ll]) => {
      const scale = Math.exp(ll);
      const k = Math.exp(lk);
      return (x) => (x <= 0 ? 0 : -Math.expm1(-((x / scale) ** k)));
    },
    dist: ([lk, ll]) => ({ kind: 'weibull', shape: Math.exp(lk), scale: Math.exp(ll) }),
    logMean: ([lk, ll]) => ll + gammaln(1 + Math.exp(-lk)),
  },
  {
    // The format's normal is resampled while negative: a normal truncated at 0. Its mean is
    // kept at 0 or more, as the format's reader requires (a negative one is refused): the kept
    // mass P(X > 0) is then at least 1/2, so the sampler's resampling takes at most 2 draws on
    // average. Below 0 the likelihood is not bounded away from the exponential's: a mean far
    // below 0 with sd^2/|mean| held tends to the exponential of mean sd^2/|mean|, and with the
    // kept mass rounded the simplex walked there (mean -395 h on an exponential sample).
    name: 'normal',
    start: (s) => [s.mean, Math.log(Math.max(s.sd, 1e-6))],
    at: ([m, ls]) => {
      if (!(m >= 0)) return OUTSIDE;
      const s = Math.exp(ls);
      const logKept = logNormalTail(-m / s);
      return {
        logPdf: (x) => {
          const z = (x - m) / s;
          return -ls - LOG_SQRT_2PI - 0.5 * z * z - logKept;
        },
        logSf: (c) => logNormalTail((c - m) / s) - logKept,
      };
    },
    cdfAt: ([m, ls]) => truncatedNormalCdfOf(m, Math.exp(ls)),
    dist: ([m, ls]) => ({ kind: 'normal', mean: m, sd: Math.exp(ls) }),
    // the truncated normal's mean, m + s phi(a)/P(Z > a) at a = -m/s
    logMean: ([m, ls]) => {
      const s = Math.exp(ls);
      const a = -m / s;
      return Math.log(m + s * Math.exp(-0.5 * a * a - LOG_SQRT_2PI - logNormalTail(a)));
    },
  },
];

/**
 * Durations fitted from `done` (completed, hours) and `running` (the ages so far of instances
 * the export cut): fitDuration on the completed ones when none is running, fitCensored when at
 * least MIN_FITTED completed, else fewCompletions.
 * Completions all of one value with no running instance older are that constant, as without
 * the running ones: nothing shows the step taking another time (before session 40 the censored
 * fit made them a normal of sd 5e-324, or the Kaplan-Meier quantiles, all that value).
 */
export function fitDurations(done: ArrayLike<number>, running: ArrayLike<number>): FitResult {
  if (running.length === 0) return fitDuration(done);
  if (done.length < MIN_FITTED) return fewCompletions(done, running);
  const xs = Float64Array.from(done).sort();
  const value = xs[xs.length - 1];
  if (oneValue(xs) && largest(Array.from(running)) <= value)
    return constantFit(value, xs.length, 'every completion is the same, and no instance still running is older', running.length);
  return fitCensored(done, running);
}

/**
 * Fewer than MIN_FITTED completions, with instances running: too few to fit a family, censored or
 * not, so a constant, their mean, as fitDuration takes it without running ones; but at least the
 * oldest running instance's age, which a shorter constant would have ended: then a lower bound
 * (the log shows the step lasting that long, not how much longer). With no completion, that age.
 * No hazard is assumed: the censored exponential's mean, the total time over the completions, took
 * a step of 1 h's completions and many just started for several hours. Before session 41 the
 * running instances were left out (one completion of 1 h beside four instances 10 h old: 1 h).
 * discover notes such steps (noteFewCompletions).
 */
export function fewCompletions(done: ArrayLike<number>, running: ArrayLike<number>): FitResult {
  const oldest = largest(Array.from(running));
  const n = done.length;
  if (n === 0) return constantFit(oldest, 0, 'no completion: the age of the oldest instance still running, a lower bound', running.length);
  let total = 0;
  for (let i = 0; i < n; i++) total += done[i];
  const mean = total / n;
  const few = `fewer than ${MIN_FITTED} completions`;
  return mean >= oldest
    ? constantFit(mean, n, `${few}: their mean; no instance still running is older`, running.length)
    : constantFit(
        oldest,
        n,
        `${few}, and an instance still running is older than their mean (${significantText(mean, 3)} h): its age, a lower bound`,
        running.length,
      );
}

/** The note of the steps fitted by fewCompletions (their FitResult: a constant with running instances and fewer than MIN_FITTED completions), when there are any. */
export function noteFewCompletions(steps: readonly { name: string; duration: FitResult }[], notes: LogNote[]): void {
  const few = steps.filter((s) => s.duration.censored > 0 && s.duration.n < MIN_FITTED && s.duration.family === 'constant');
  if (few.length > 0)
    notes.push({
      kind: `steps with fewer than ${MIN_FITTED} completions and instances still running`,
      one: `step with fewer than ${MIN_FITTED} completions and instances still running`,
      count: few.length,
      handling: `${few.map((s) => `'${s.name}' (${s.duration.n} completed, ${s.duration.censored} running)`).join(', ')}: too few to fit a family; a constant, the completions' mean, or the oldest running instance's age where longer (a lower bound: the step's comment in the scenario says which); a log of a longer period would fit it`,
      example: '',
    });
}

/**
 * The best family for `done` (completed durations, hours, at least 3 of them) and `running`
 * (ages so far of instances the export cut), or the Kaplan-Meier quantiles.
 */
export function fitCensored(done: ArrayLike<number>, running: ArrayLike<number>): FitResult {
  const xs = Float64Array.from(done).sort();
  const cs = Float64Array.from(running).sort();
  const n = xs.length;
  const summary = summarise(xs);
  const logXs = flooredLogs(xs);
  const logCs = flooredLogs(cs);
  const logLik = (f: Family, p: number[]) => {
    const { logPdf, logSf } = f.at(p);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += logPdf(xs[i], logXs[i]);
    for (let j = 0; j < cs.length; j++) sum += logSf(cs[j], logCs[j]);
    return Number.isFinite(sum) ? sum : Number.NEGATIVE_INFINITY;
  };
  // exponential: closed form, the mean is the total time over the completions
  let total = 0;
  for (const x of xs) total += x;
  for (const c of cs) total += c;
  const mean = Math.max(total / n, FLOOR_HOURS);
  const candidates = [
    {
      family: 'exponential',
      dist: { kind: 'exponential', mean } as DistSpec,
      params: 1,
      logLik: -n * Math.log(mean) - total / mean,
      cdf: (x: number) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
    },
  ];
  const unidentified: { family: string; se: number }[] = [];
  for (const f of FAMILIES) {
    const best = maximise((p) => logLik(f, p), f.start(summary));
    if (best === null) continue;
    const se = seLogMean((p) => logLik(f, p), best.at, f.logMean);
    if (!(se <= MAX_SE_LOG_MEAN)) {
      unidentified.push({ family: f.name, se });
      continue;
    }
    candidates.push({ family: f.name, dist: f.dist(best.at), params: 2, logLik: best.value, cdf: f.cdfAt(best.at) });
  }
  const uniform = censoredUniform(xs, cs);
  if (uniform !== null) {
    const { min, max } = widenedUniform(uniform, xs);
    candidates.push({
      family: 'uniform',
      dist: { kind: 'uniform', min, max },
      params: 2,
      logLik: censoredUniformLogLik(xs, cs, min, max),
      cdf: (x) => Math.min(1, Math.max(0, (x - min) / (max - min))),
    });
  }
  const km = kaplanMeier(xs, cs);
  const tried = candidates
    .filter((c) => Number.isFinite(c.logLik))
    .map((c) => ({ c, aic: 2 * c.params - 2 * c.logLik, ks: kmDistance(km, c.cdf) }))
    .sort((a, b) => a.aic - b.aic);
  const triedSummary = tried.map((t) => ({ family: t.c.family, dist: t.c.dist, aic: t.aic, ks: t.ks, cdf: t.c.cdf }));
  const leftOut = unidentified.length === 0 ? {} : { unidentified };
  const notRanked = unidentified.length === 0 ? '' : `; ${unidentifiedNote(unidentified)}`;
  const byAic = firstAccepted(tried, n);
  const tail =
    byAic === null
      ? null
      : nearestMean(
          tried.filter((t) => ksAccepts(t.ks, n)),
          n,
        );
  /** The fit of family `t`, which the test accepts at `p`, taken for `reason` (`tail`: where the families disagree past the data). */
  const taken = (t: (typeof tried)[number], p: number, reason: string, tail?: FitResult['undeterminedTail']): FitResult => ({
    n,
    censored: cs.length,
    aic: t.aic,
    ks: t.ks,
    p,
    tried: triedSummary,
    ...leftOut,
    ...(tail === undefined ? {} : { undeterminedTail: tail }),
    dist: t.c.dist,
    family: t.c.family,
    reason: `${reason} (against Kaplan-Meier, the running instances' ages counted as censored)${notRanked}`,
  });
  if (byAic !== null && tail !== null) {
    const { nearest: t, mean: average } = tail;
    const p = ksPValue(t.ks, n);
    const lowest = byAic.t;
    const reason = `the families the test accepts disagree on the mean by more than the data determine it (lowest AIC ${lowest.c.family}: ${significantText(distMean(lowest.c.dist), 3)} h; their weighted mean ${significantText(average, 3)} h): the one nearest it; KS ${p >= KS_ALPHA ? 'not rejected' : 'rejected, but D is small'}`;
    return taken(t, p, reason, { mean: average, lowestAic: lowest.c.family });
  }
  if (byAic !== null) return taken(byAic.t, byAic.p, acceptedReason(tried, byAic.t, byAic.p));
  const best = tried[0];
  const p = ksPValue(best.ks, n);
  const base = { n, censored: cs.length, aic: best.aic, ks: best.ks, p, tried: triedSummary, ...leftOut };
  const last = Math.max(xs[n - 1], cs.length > 0 ? cs[cs.length - 1] : 0);
  const points = Math.min(EMPIRICAL_POINTS, n + cs.length);
  const values = Array.from({ length: points }, (_, i) => kmQuantile(km, (i + 0.5) / points, last));
  return {
    ...base,
    dist: { kind: 'empirical', values },
    family: 'empirical',
    aic: NaN,
    reason: `no family fits (best ${best.c.family}: KS D ${fixedNumber(best.ks, 3)}, p ${pValueText(p)}): the Kaplan-Meier quantiles, those past the last completion at the longest time seen (a lower bound)${notRanked}`,
  };
}

/**
 * Where the choice among the families the test accepts moves the mean by more than the data
 * determine it: the one whose mean is nearest the families' weighted mean, with that mean; null
 * where the lowest AIC's mean is within the data's precision of it, or is itself the nearest
 * (it stands: a fit that did not change does not say it did). Each family's
 * weight is its posterior probability by Schwarz's approximation, exp(-BIC/2) with the
 * completions as the sample size (Volinsky and Raftery 2000: with censoring, the number of
 * events; AIC's weights are no probabilities); the average and the distance are taken on the log
 * of the mean, the family nearest it the one of least expected squared error there. The
 * precision is 1/sqrt(d) for d completions, the standard error of the log of the exponential's
 * mean (censored or not, its information is the number of completions), the family that reads
 * the mean off the hazard the window shows and assumes no shape past it: a choice that moves the
 * mean by less is within what the data say anyway.
 */
export function nearestMean<T extends { aic: number; c: { dist: DistSpec; params: number } }>(
  accepted: T[],
  completions: number,
): { nearest: T; mean: number } | null {
  if (accepted.length < 2) return null;
  const penalty = Math.log(completions) - 2; // BIC - AIC a parameter
  const bic = accepted.map((t) => t.aic + t.c.params * penalty);
  const least = smallest(bic);
  const weights = bic.map((b) => Math.exp(-(b - least) / 2));
  const total = weights.reduce((s, w) => s + w, 0);
  const logMeans = accepted.map((t) => Math.log(distMean(t.c.dist)));
  const average = logMeans.reduce((s, l, i) => s + weights[i] * l, 0) / total;
  let lowest = 0;
  let nearest = 0;
  for (let i = 1; i < accepted.length; i++) {
    if (accepted[i].aic < accepted[lowest].aic) lowest = i;
    if (Math.abs(logMeans[i] - average) < Math.abs(logMeans[nearest] - average)) nearest = i;
  }
  if (nearest === lowest || !(Math.abs(logMeans[lowest] - average) > 1 / Math.sqrt(completions))) return null;
  return { nearest: accepted[nearest], mean: Math.exp(average) };
}

/** The families left unranked, and why, for the reason line and the scenario's comment. */
export function unidentifiedNote(unidentified: { family: string; se: number }[]): string {
  const each = unidentified.map((u) => `${u.family} ${Number.isFinite(u.se) ? fixedNumber(u.se, 2) : 'unbounded'}`).join(', ');
  return `not ranked, the data leave the mean undetermined (standard error of its log above ${fixedNumber(MAX_SE_LOG_MEAN, 2)}): ${each}`;
}

/**
 * The uniform on [a, b] of greatest censored likelihood for `xs` (completed, sorted) and `cs`
 * (ages of the running ones, sorted), or null when every completion is the same and no age
 * passes it (no interval). With m of the ages above a:
 *   log L(a, b) = -(n + m) log(b - a) + sum over those ages of log(b - c),
 * for a at most the shortest completion and b above the longest completion and every age. For
 * any b it rises with a ((n + m')/(b - a) > 0, m' the ages above a: an age a passes adds
 * log((b - c)/(b - a)) = 0 there), so a = xs[0]. In b its derivative has the sign of
 *   g(b) = sum (b - a)/(b - c) - (n + m),
 * each term falling as b grows (c > a), from +inf at the longest age (a running instance at
 * b would end by b: probability 0) to -n as b -> inf: one root, found by bisection, the
 * maximum; or, when the longest completion passes every age and g is not positive there, b is
 * that completion (as uncensored: fit.ts' uniform).
 */
export function censoredUniform(xs: Float64Array, cs: Float64Array): { min: number; max: number; logLik: number } | null {
  const n = xs.length;
  const a = xs[0];
  let firstAbove = cs.length; // cs[firstAbove..] are the ages above a
  while (firstAbove > 0 && cs[firstAbove - 1] > a) firstAbove--;
  const m = cs.length - firstAbove;
  const g = (b: number) => {
    let sum = -(n + m);
    for (let j = firstAbove; j < cs.length; j++) sum += (b - a) / (b - cs[j]);
    return sum;
  };
  const longest = xs[n - 1];
  const oldest = m > 0 ? cs[cs.length - 1] : Number.NEGATIVE_INFINITY;
  let b: number;
  if (longest > oldest && g(longest) <= 0) b = longest;
  else {
    let lo = Math.max(longest, oldest);
    let hi = lo + Math.max(lo - a, FLOOR_HOURS);
    while (g(hi) > 0) {
      lo = hi;
      hi += 2 * (hi - a);
    }
    for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      const mid = 0.5 * (lo + hi);
      if (g(mid) > 0) lo = mid;
      else hi = mid;
    }
    b = hi;
  }
  if (!(b - a > 1e-9 * Math.max(1, b))) return null;
  let logLik = -(n + m) * Math.log(b - a);
  for (let j = firstAbove; j < cs.length; j++) logLik += Math.log(b - cs[j]);
  return { min: a, max: b, logLik };
}

/**
 * The censored uniform's bounds for ranking and simulating, as fit.ts' unbiasedBounds moves the
 * uncensored ones out: an edge the maximum puts on a completion (a always; b when it is the
 * longest completion) sits where the likelihood is largest because the sample's own extreme is
 * there, an advantage AIC's 2 a parameter does not charge. Each such edge moves out by
 * (b - a)/(n - 1), n the completions (the lower not below 0); b at an interior maximum (pushed
 * past the completions by the ages) is a regular maximum and stays.
 */
export function widenedUniform(mle: { min: number; max: number }, xs: Float64Array): { min: number; max: number } {
  const n = xs.length;
  const widened = unbiasedBounds(mle.min, mle.max, n);
  return { min: widened.min, max: mle.max === xs[n - 1] ? widened.max : mle.max };
}

/**
 * The censored uniform's log-likelihood on [a, b] for completions `xs` in [a, b] and sorted ages
 * `cs` below b: -(n + m) log(b - a) + sum over the m ages above a of log(b - c).
 */
export function censoredUniformLogLik(xs: Float64Array, cs: Float64Array, a: number, b: number): number {
  let logLik = -xs.length * Math.log(b - a);
  for (const c of cs) if (c > a) logLik += Math.log((b - c) / (b - a));
  return logLik;
}

/** The log of each duration floored at a second, as the families' densities read it (Family.at). */
export function flooredLogs(xs: ArrayLike<number>): Float64Array {
  const logs = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) logs[i] = Math.log(Math.max(xs[i], FLOOR_HOURS));
  return logs;
}

export function summarise(xs: Float64Array): Summary {
  const n = xs.length;
  let s = 0;
  let ls = 0;
  for (const x of xs) {
    s += x;
    ls += Math.log(Math.max(x, FLOOR_HOURS));
  }
  const mean = s / n;
  const logMean = ls / n;
  let v = 0;
  let lv = 0;
  for (const x of xs) {
    v += (x - mean) ** 2;
    lv += (Math.log(Math.max(x, FLOOR_HOURS)) - logMean) ** 2;
  }
  return { mean, sd: Math.sqrt(v / n), logMean, logSd: Math.sqrt(lv / n) };
}

/** The Kaplan-Meier estimate: at each distinct completion time, 1 - S just after it. */
interface KaplanMeier {
  times: number[];
  below: number[];
}

function kaplanMeier(xs: Float64Array, cs: Float64Array): KaplanMeier {
  const times: number[] = [];
  const below: number[] = [];
  let atRisk = xs.length + cs.length;
  let survival = 1;
  let j = 0; // censored ages passed: an instance running at t is at risk of ending at t
  for (let i = 0; i < xs.length; ) {
    const t = xs[i];
    while (j < cs.length && cs[j] < t) {
      j++;
      atRisk--;
    }
    let ended = 0;
    while (i < xs.length && xs[i] === t) {
      ended++;
      i++;
    }
    survival *= 1 - ended / atRisk;
    atRisk -= ended;
    times.push(t);
    below.push(1 - survival);
  }
  return { times, below };
}

/** sup |F_KM - F| at the completion times, both sides of each step. */
function kmDistance(km: KaplanMeier, cdf: (x: number) => number): number {
  let d = 0;
  let before = 0;
  for (let i = 0; i < km.times.length; i++) {
    const f = cdf(km.times[i]);
    d = Math.max(d, Math.abs(km.below[i] - f), Math.abs(f - before));
    before = km.below[i];
  }
  return d;
}

function kmQuantile(km: KaplanMeier, q: number, last: number): number {
  for (let i = 0; i < km.times.length; i++) if (km.below[i] >= q) return km.times[i];
  return last;
}

/**
 * The standard error of logMean at the maximum `at` of logLik, by the delta method: g' C g, C
 * the inverse of the observed information (minus the Hessian of logLik, by central differences)
 * and g the gradient of logMean. A parameter at the edge of its domain (a step either way has
 * likelihood 0: the normal's mean at 0) is held there, as a constrained maximum is. Infinite
 * when the information is not positive definite: the maximum is flat along some direction.
 */
export function seLogMean(logLik: (p: number[]) => number, at: number[], logMean: (p: number[]) => number): number {
  const h = at.map((x) => 1e-3 * Math.max(1, Math.abs(x)));
  const moved = (p: number[], i: number, d: number) => p.map((x, k) => (k === i ? x + d * h[i] : x));
  const centre = logLik(at);
  // Each point is evaluated once (a likelihood is a pass over the sample): the steps either way
  // serve the test of freedom and the diagonal, and a corner both (i, j) and (j, i), whose
  // differences are still taken in their own order.
  const plus = at.map((_, i) => logLik(moved(at, i, 1)));
  const minus = at.map((_, i) => logLik(moved(at, i, -1)));
  const free = at.map((_, i) => i).filter((i) => Number.isFinite(plus[i]) && Number.isFinite(minus[i]));
  if (free.length === 0) return 0;
  const corners = new Map<string, number>();
  /** logLik with parameter i moved by a steps and j by b */
  const corner = (i: number, a: number, j: number, b: number) => {
    const key = i < j ? `${i} ${a} ${j} ${b}` : `${j} ${b} ${i} ${a}`;
    let value = corners.get(key);
    if (value === undefined) {
      value = logLik(moved(moved(at, i, a), j, b));
      corners.set(key, value);
    }
    return value;
  };
  // the information matrix I = -H over the free parameters, and the gradient of logMean
  const info = free.map((i) =>
    free.map((j) => {
      if (i === j) return -(plus[i] - 2 * centre + minus[i]) / (h[i] * h[i]);
      const f = (a: number, b: number) => corner(i, a, j, b);
      return -(f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * h[i] * h[j]);
    }),
  );
  const g = free.map((i) => (logMean(moved(at, i, 1)) - logMean(moved(at, i, -1))) / (2 * h[i]));
  let variance: number;
  if (free.length === 1) variance = info[0][0] > 0 ? (g[0] * g[0]) / info[0][0] : Number.POSITIVE_INFINITY;
  else {
    const [[a, b], [c, d]] = info;
    const det = a * d - b * c;
    if (!(a > 0 && det > 0)) return Number.POSITIVE_INFINITY;
    variance = (g[0] * g[0] * d - g[0] * g[1] * (b + c) + g[1] * g[1] * a) / det;
  }
  return Number.isFinite(variance) && variance >= 0 ? Math.sqrt(variance) : Number.POSITIVE_INFINITY;
}

/** Nelder and Mead's simplex, maximising f from `start`; null when it finds no finite value. */
export function maximise(f: (p: number[]) => number, start: number[]): { at: number[]; value: number } | null {
  const dim = start.length;
  const g = (p: number[]) => {
    const v = f(p);
    return Number.isFinite(v) ? -v : Number.POSITIVE_INFINITY;
  };
  let simplex = [
    start,
    ...start.map((_, k) => start.map((x, i) => (i === k ? x + (Math.abs(x) > 1e-3 ? 0.1 * Math.abs(x) : 0.1) : x))),
  ].map((p) => ({ p, v: g(p) }));
  for (let iteration = 0; iteration < 4000; iteration++) {
    simplex.sort((a, b) => a.v - b.v);
    const bestV = simplex[0].v;
    const worst = simplex[dim];
    if (Number.isFinite(bestV) && Math.abs(worst.v - bestV) <= 1e-10 * (1 + Math.abs(bestV))) break;
    const centroid = start.map((_, i) => simplex.slice(0, dim).reduce((s, q) => s + q.p[i], 0) / dim);
    const along = (t: number) => centroid.map((c, i) => c + t * (worst.p[i] - c));
    const reflected = along(-1);
    const rv = g(reflected);
    if (rv < simplex[0].v) {
      const expanded = along(-2);
      const ev = g(expanded);
      simplex[dim] = ev < rv ? { p: expanded, v: ev } : { p: reflected, v: rv };
    } else if (rv < simplex[dim - 1].v) simplex[dim] = { p: reflected, v: rv };
    else {
      const contracted = rv < worst.v ? along(-0.5) : along(0.5);
      const cv = g(contracted);
      if (cv < Math.min(rv, worst.v)) simplex[dim] = { p: contracted, v: cv };
      else {
        const b = simplex[0].p;
        simplex = simplex
          .map((q, k) => (k === 0 ? q : { p: q.p.map((x, i) => b[i] + 0.5 * (x - b[i])), v: 0 }))
          .map((q, k) => (k === 0 ? q : { p: q.p, v: g(q.p) }));
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return Number.isFinite(simplex[0].v) ? { at: simplex[0].p, value: -simplex[0].v } : null;
}
