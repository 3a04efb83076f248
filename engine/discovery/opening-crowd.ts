// The cases under way that a start's first instances hold near a log's opening: a step that opens
// cases (log-start.ts keeps their arrivals) may also be a later step of cases begun before the
// window, and those show first at it in a crowd that thins as its lead's survival does (a case
// whose predecessor ended s before the opening shows at the step only if its lead exceeds s).
// Invariant: a crowd is read only where the first instances' own profile shows it (a decay of the
// lead's shape, beyond 3.29 standard errors of a flat rate) and where it is no larger than the
// step's leads predict for a process that ran steadily before the window (a larger one is a change
// of the step's own rate: a start that loses share as another joins, a Monday peak); else none.
import { flooredLogs } from './censored-fit.js';
import { EXPONENTIAL, truncatedLogLik } from './truncated-fit.js';

/** Standard errors (two-sided 0.1%) a crowd must stand out by, and may exceed the leads' prediction by. */
const Z = 3.29;

/**
 * How many of a start's first instances near the opening are of cases under way (0 where no crowd
 * is read). `firsts`: the hours from the opening to the end of each of the step's first instances
 * of a case, up to `span` (the flow's last opening: after it no case opens); `leads`: the hours from
 * the previous instance's end to the step's end of its instances that show one, ended `leadAt` hours
 * after the opening (a lead shows only where it is at most that: its predecessor ended in the window).
 *
 * The first instances' rate is read as mu + c exp(-t / tau) over [0, span] (Poisson likelihood,
 * maximised by EM over mu and c), tau the exponential mean of the lead read from the leads the window
 * lets show (each at most its time since the opening: the likelihood f(l) / F(t)); the crowd is c's
 * part, c tau (1 - exp(-span / tau)), taken where the likelihood ratio against a flat rate exceeds
 * 3.29 squared. The leads' prediction (session 53, s53K): had the step's predecessors ended before
 * the window as they did within it, the cases under way first seen at it are, by each lead l seen,
 * l / (span - l) more (a lead l shows from a predecessor ended in [0, span - l], and a case under way
 * from one ended in [-l, 0]): their sum, over leads shorter than the span.
 *
 * Where it fails: a lead whose tail runs past the span (waits of 6-8 h in a 12-h log) has cases under
 * way first seen late in the window, as flat as openings: the exponential read from the leads the
 * window shows is too short for them and they keep their arrivals (the 12-h log: some 40% of R's and
 * B's cases under way; docs/discovery-notes.md, session 54). Nothing past the span tells them apart:
 * leads right-truncated at their time since the opening give the lead's shape up to the span, not
 * its mass beyond, and a lead read per predecessor (B's 12 h after X apart from its 3 h after A or
 * R) left the flat part as large (session 55).
 */
export function openingCrowd(firsts: ArrayLike<number>, leads: ArrayLike<number>, leadAt: ArrayLike<number>, span: number): number {
  const n = firsts.length;
  if (n === 0 || leads.length === 0 || !(span > 0)) return 0;
  const tau = truncatedExponentialMean(leads, leadAt);
  if (!(tau > 0)) return 0;
  const shape = new Float64Array(n);
  for (let k = 0; k < n; k++) shape[k] = Math.exp(-firsts[k] / tau);
  const area = tau * -Math.expm1(-span / tau); // the integral of exp(-t / tau) over [0, span]
  let mu = n / (2 * span);
  let c = n / (2 * area);
  for (let it = 0; it < 200; it++) {
    let crowd = 0;
    for (let k = 0; k < n; k++) crowd += (c * shape[k]) / (mu + c * shape[k]);
    mu = (n - crowd) / span;
    c = crowd / area;
  }
  let ratio = -mu * span - c * area + n * Math.log(span / n) + n; // log-likelihood less the flat rate's (n / span)
  for (let k = 0; k < n; k++) ratio += Math.log(mu + c * shape[k]);
  if (!(2 * ratio > Z * Z)) return 0;
  let predicted = 0;
  for (let k = 0; k < leads.length; k++) if (leads[k] < span) predicted += leads[k] / (span - leads[k]);
  const crowd = c * area;
  if (crowd > predicted + Z * Math.sqrt(Math.max(predicted, 1))) return 0;
  return Math.min(n, Math.round(crowd));
}

/**
 * The exponential mean of leads each seen only because it was at most its `at` (left-truncated
 * at the window's opening: maximum likelihood of sum log f(l) - log F(at), truncated-fit.ts'
 * likelihood), by golden-section search on its log between a second and ten thousand hours.
 */
function truncatedExponentialMean(leads: ArrayLike<number>, at: ArrayLike<number>): number {
  const logLeads = flooredLogs(leads); // once, not at each of the 120 steps
  const logAt = flooredLogs(at);
  const logLikelihood = (logMean: number) => truncatedLogLik(EXPONENTIAL, [logMean], leads, at, logLeads, logAt);
  let lo = Math.log(1 / 3600);
  let hi = Math.log(1e4);
  for (let it = 0; it < 60; it++) {
    const a = lo + (hi - lo) * 0.382;
    const b = lo + (hi - lo) * 0.618;
    if (logLikelihood(a) < logLikelihood(b)) lo = a;
    else hi = b;
  }
  return Math.exp((lo + hi) / 2);
}
