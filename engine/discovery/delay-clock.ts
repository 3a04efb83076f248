// The clock a delay step's time elapses in: hours of the clock (a customer's reply, a letter in
// the post) or its team's open hours (a back office that keeps hours). The two predict different
// places for a delay's end: in hours of the clock, a delay ends at any hour, and one that ends
// while the team is closed is seen to end at its closing (its step starts at the next opening);
// in the team's hours, it ends in an open hour, each open hour as likely as its place in the
// delay's distribution says. Each clock's delays are fitted on one half of the instances, and
// each fit gives the other half's delay ends the probability of the cell they fall in: an open
// hour of the team's calendar, with the closed hours after it (a delay in hours of the clock
// that ends in them is seen at the hour's end). The clock whose fits give the larger held-out
// log-likelihood, both halves scored, is the delay's; a tie, the clock's (no calendar to name).
// A fit scores with a density over every duration (0, inf): its family of lowest AIC but the
// uniform, whose bounds are the half's own range widened a little, so that a held-out delay past
// them scored the floor, about -20.7 each, a figure of the floor's choosing that decided the clock
// (a generated log of uniform delays in the team's hours went to the clock's; delay-clock.test.ts).
// A half of fewer than MIN_FITTED delays is scored in neither clock: fitDuration gives it their
// mean, whose step scores nearly every held-out end the floor too (the running example's 'check
// ticket', 3 delays, took its team's hours on 2 floors against 3).
// Invariant: both clocks are scored on the same cells of the same instances, so their
// likelihoods are probabilities of one observation and compare.
import { fitDuration, type FitOf, fittedRange, MIN_FITTED, type FitResult } from './fit.js';

/** A delay, measured both ways, and the cell of the team's hours its end falls in. */
export interface DelayEnd {
  /**
   * hours of the clock, less the team's busy open hours (queueing); where the delay may have
   * ended anywhere in the closed hours before its step's start, `wallClosed` holds that span's
   * bounds in this clock, and `wall` its middle until the fit says where in it (wallSample)
   */
  wall: number;
  wallClosed: [number, number] | null;
  /** the team's open hours with a unit free */
  team: number;
  /** the cell's bounds in each clock, measured from the delay's start */
  wallCell: [number, number];
  teamCell: [number, number];
  /** the cell's bounds, and where in it the delay ended (its closed hours' middle when it ended in them), in hours of the week clock (case-age.ts) */
  cell: [number, number];
  at: number;
}

export interface DelayClock {
  clock: 'wall' | 'team';
  /** held-out log-likelihood of the delay ends under each clock, both halves scored */
  logLik: { wall: number; team: number };
  /** the delays */
  n: number;
  /** those scored: all, but for a half fitted on fewer than MIN_FITTED, whose other half is not */
  scored: number;
}

/** A cell the fit gives no probability still counts, as this (a fit's tail, not a certainty). */
const FLOOR = 1e-9;

/** `fit`: fitDuration, or a stand-in that gives the same fits (fit.ts' rememberedFits). */
export function delayClock(ends: readonly DelayEnd[], fit: FitOf = fitDuration): DelayClock {
  const logLik = { wall: 0, team: 0 };
  let count = 0;
  for (const half of [0, 1]) {
    const fitOn = ends.filter((_, i) => i % 2 === half);
    const scored = ends.filter((_, i) => i % 2 !== half);
    if (fitOn.length < MIN_FITTED) continue;
    const wall = densityCdf(fit(wallSample(fitOn, fit)));
    const team = densityCdf(fit(fitOn.map((d) => d.team)));
    for (const d of scored) {
      logLik.wall += Math.log(Math.max(FLOOR, wall(d.wallCell[1]) - wall(d.wallCell[0])));
      logLik.team += Math.log(Math.max(FLOOR, team(d.teamCell[1]) - team(d.teamCell[0])));
    }
    count += scored.length;
  }
  return { clock: logLik.team > logLik.wall ? 'team' : 'wall', logLik, n: ends.length, scored: count };
}

/**
 * The delays in hours of the clock: one that ended in closed hours (its step started at the
 * opening after them) counts as its mean within those hours under the fit of the sample with
 * each such delay at their middle (one step of expectation-maximisation: the middle overstates a
 * falling density's, and the closing, what the step's start shows, understates every one).
 */
export function wallSample(ends: readonly DelayEnd[], fit: FitOf = fitDuration): number[] {
  const first = ends.map((d) => d.wall);
  if (!ends.some((d) => d.wallClosed !== null)) return first;
  const F = cdfOf(fit(first));
  return ends.map((d) => (d.wallClosed === null ? d.wall : conditionalMean(F, d.wallClosed[0], d.wallClosed[1], d.wall)));
}

/** E[X | a < X <= b] = a + the integral over (a, b] of (F(b) - F(x)) / (F(b) - F(a)) (midpoint rule, 32 steps); `otherwise` where F gives (a, b] nothing. */
function conditionalMean(F: (x: number) => number, a: number, b: number, otherwise: number): number {
  const fa = F(a);
  const fb = F(b);
  if (!(fb - fa > 1e-12)) return otherwise;
  const steps = 32;
  const h = (b - a) / steps;
  let integral = 0;
  for (let k = 0; k < steps; k++) integral += (fb - F(a + (k + 0.5) * h)) * h;
  return a + integral / (fb - fa);
}

/**
 * The distribution function of a fit: the family it took (the lowest AIC the test accepts, or the
 * one nearest the families' weighted mean); where the test rejects them all, the family nearest
 * the sample (least Kolmogorov-Smirnov D), not its quantiles, whose steps would give a span between
 * two of them nothing; or its constant's step. Not the lowest AIC whatever the test says: a family
 * the test rejects places the mass within a span as the sample does not (before session 57).
 */
export function cdfOf(fit: FitResult): (x: number) => number {
  if (fit.tried.length === 0) return constantStep(fit);
  const taken = fit.tried.find((t) => t.family === fit.family);
  if (taken !== undefined) return taken.cdf;
  let nearest = fit.tried[0];
  for (const t of fit.tried) if (t.ks < nearest.ks) nearest = t;
  return nearest.cdf;
}

/**
 * The distribution function a clock is scored with: the fit's family of lowest AIC among those
 * on (0, inf) (all but a range fitted from the sample, fit.ts' fittedRange), or the step of a
 * sample all alike (a point mass the sample itself shows).
 */
export function densityCdf(fit: FitResult): (x: number) => number {
  const t = fit.tried.find((f) => !fittedRange(f.family));
  return t !== undefined ? t.cdf : constantStep(fit);
}

/** The step of the constant fitDuration gives a sample too small or all alike, the one fit with no family tried. */
function constantStep(fit: FitResult): (x: number) => number {
  const at = fit.dist.kind === 'constant' ? fit.dist.value : Number.NaN;
  return (x) => (x >= at ? 1 : 0);
}
