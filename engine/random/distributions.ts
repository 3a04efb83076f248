// Samplers for the scenario's distributions. A `Sampler` is plain data (it crosses to the
// workers); `sample` is one switch on its kind so the hot loop makes no closure calls.
// Parameters are derived once here: lognormal and gamma are given by their own mean and sd.
import { type DistSpec, shiftOf } from '../scenario/types.js';
import { type Draws, firstHash, TWO_POW_MINUS_32 } from './stream.js';
import { logNormalTail } from '../stats/normal-tail.js';
import { largest, smallest } from '../lists.js';

/** A sampler's kind. A const enum, so that each use is its number in the built code (NODE_KIND, model.ts). */
// biome-ignore lint/suspicious/noConstEnum: tsc writes the numbers into dist/, which the bundle is made from; under vitest, esbuild keeps it an object, which the same uses read
export const enum DIST {
  constant = 0,
  exponential = 1,
  uniform = 2,
  triangular = 3,
  normal = 4,
  lognormal = 5,
  gamma = 6,
  erlang = 7,
  weibull = 8,
  empirical = 9,
  /** a positive family moved up by the scenario's `shift`: its `base` drawn, plus `shift` */
  shifted = 10,
}

/** The kind of a sampler by its distribution's name in a scenario. */
const DIST_NAMED: Readonly<Record<DistSpec['kind'], DIST>> = {
  constant: DIST.constant,
  exponential: DIST.exponential,
  uniform: DIST.uniform,
  triangular: DIST.triangular,
  normal: DIST.normal,
  lognormal: DIST.lognormal,
  gamma: DIST.gamma,
  erlang: DIST.erlang,
  weibull: DIST.weibull,
  empirical: DIST.empirical,
};

export interface Sampler {
  kind: number;
  a: number;
  b: number;
  c: number;
  values: number[] | null;
  /**
   * DIST.shifted's: the family as written, drawn before `shift` is added. A kind of its own, so that
   * a scenario without a shift draws by the same lines as before it (simulation.ts' drawWork and
   * scheduleArrival answer the unshifted exponential inline; a shifted one goes out of line).
   */
  base: Sampler | null;
  shift: number;
}

/** A sampler of `spec`; a shift of 0 draws as none (the same values: x + 0 is x). */
export function compileSampler(spec: DistSpec): Sampler {
  const shift = shiftOf(spec);
  const base = unshiftedSampler(spec);
  return shift === 0 ? base : newSampler(DIST.shifted, base, shift);
}

/** A sampler of `kind`, its parameters 0 until set: its fields in one order, so that every sampler has one shape. */
function newSampler(kind: DIST, base: Sampler | null, shift: number): Sampler {
  return { kind, a: 0, b: 0, c: 0, values: null, base, shift };
}

/**
 * A sampler whose numbers are all fractions, which a pool thread clones before its first task (experiment/worker.ts).
 * A task's model reaches the thread as a structured clone, whose deserializer gives an integral number (a mean of 1 h)
 * a small integer's representation: a thread's first model laid its samplers' shape down with such a field as an
 * integer, a fraction in a later sampler of the same clone (the arrivals' gap of 1/4.5 h) changed that shape, and the
 * nodes' `duration` field kept the old one as its type; the next task's model, cloned with the new shape, changed
 * that field's type under the optimised loop (bench/scenarios/mm5-variant.yaml `-w 2`: startTask thrown away and
 * compiled again at each thread's second task; docs/performance-notes.md, session 59). Cloned first, it gives each
 * numeric field a double's representation, which an integral value takes too: every sampler cloned after has one
 * shape (hot path: CONTRIBUTING.md, rule 1).
 */
export function fractionalSampler(): Sampler {
  const s = newSampler(DIST.shifted, null, 0.5);
  s.a = 0.5;
  s.b = 0.5;
  s.c = 0.5;
  return s;
}

function unshiftedSampler(spec: DistSpec): Sampler {
  const s = newSampler(DIST_NAMED[spec.kind], null, 0);
  switch (spec.kind) {
    case 'constant':
      s.a = spec.value;
      break;
    case 'exponential':
      s.a = spec.mean;
      break;
    case 'uniform':
      s.a = spec.min;
      s.b = spec.max;
      break;
    case 'triangular':
      s.a = spec.min;
      s.b = spec.mode;
      s.c = spec.max;
      break;
    case 'normal':
      s.a = spec.mean;
      s.b = spec.sd;
      break;
    case 'lognormal': {
      const sigma2 = Math.log(1 + (spec.sd * spec.sd) / (spec.mean * spec.mean));
      s.a = Math.log(spec.mean) - sigma2 / 2; // mu of the log
      s.b = Math.sqrt(sigma2); // sigma of the log
      break;
    }
    case 'gamma':
      s.a = (spec.mean * spec.mean) / (spec.sd * spec.sd); // shape
      s.b = (spec.sd * spec.sd) / spec.mean; // scale
      break;
    case 'erlang':
      s.a = spec.k;
      s.b = spec.mean / spec.k; // mean of each phase
      break;
    case 'weibull':
      s.a = spec.shape;
      s.b = spec.scale;
      break;
    case 'empirical':
      s.values = spec.values.slice();
      break;
  }
  return s;
}

/** One draw (tests and tools; the simulation draws with `sampleAt`). */
export function sample(s: Sampler, u: Draws): number {
  if (s.kind === DIST.exponential) return -s.a * Math.log(u.uniform());
  if (s.kind === DIST.constant) return s.a;
  sampleOther(s, u);
  return u.value;
}

/**
 * `sample(s, u.at(stream, caseKey, visit))`, the same value, into `u.value`: stored, not
 * returned, so no draw is boxed whether V8 inlines this or not (hot path: CONTRIBUTING.md, rule
 * 2). The two commonest kinds are answered here: an exponential takes its one uniform without
 * re-pointing the cursor, a constant takes none (hot path: CONTRIBUTING.md, rule 3). The simulation's
 * drawWork and scheduleArrival write the exponential's line out again: the three must stay alike.
 */
export function sampleAt(s: Sampler, u: Draws, stream: number, caseKey: number, visit: number): void {
  if (s.kind === DIST.exponential) u.value = -s.a * Math.log(((firstHash(stream, caseKey, visit) >>> 0) + 0.5) * TWO_POW_MINUS_32);
  else if (s.kind === DIST.constant) u.value = s.a;
  else sampleOther(s, u.at(stream, caseKey, visit));
}

/** Every kind but the two `sampleAt` answers itself, into `u.value` (and those two as a shifted sampler's base). */
function sampleOther(s: Sampler, u: Draws): void {
  switch (s.kind) {
    case DIST.shifted:
      sampleOther(s.base!, u);
      u.value += s.shift;
      return;
    case DIST.exponential: // only as a shifted sampler's base: sample and sampleAt answer it before this switch
      u.value = -s.a * Math.log(u.uniform());
      return;
    case DIST.uniform:
      u.value = s.a + (s.b - s.a) * u.uniform();
      return;
    case DIST.triangular:
      u.value = triangular(s.a, s.b, s.c, u.uniform());
      return;
    case DIST.normal:
      u.value = nonNegativeNormal(s.a, s.b, u);
      return;
    case DIST.lognormal:
      u.value = Math.exp(s.a + s.b * standardNormal(u));
      return;
    case DIST.gamma:
      u.value = gamma(s.a, u) * s.b;
      return;
    case DIST.erlang:
      u.value = erlang(s.a, s.b, u);
      return;
    case DIST.weibull:
      u.value = s.b * (-Math.log(u.uniform())) ** (1 / s.a);
      return;
    case DIST.empirical: {
      const v = s.values!;
      u.value = v[Math.min(v.length - 1, Math.floor(u.uniform() * v.length))];
      return;
    }
    default:
      throw new Error(`unknown sampler kind ${s.kind}`);
  }
}

function triangular(min: number, mode: number, max: number, p: number): number {
  const width = max - min;
  if (width === 0) return min;
  const left = (mode - min) / width;
  return p < left ? min + Math.sqrt(p * width * (mode - min)) : max - Math.sqrt((1 - p) * width * (max - mode));
}

/** Box-Muller, keeping one of the pair so each normal costs a fixed two uniforms. */
function standardNormal(u: Draws): number {
  const r = Math.sqrt(-2 * Math.log(u.uniform()));
  return r * Math.cos(2 * Math.PI * u.uniform());
}

/**
 * A normal resampled while negative. Bounded in practice: the scenario's reader refuses a
 * negative mean (engine/scenario/distribution.ts), and discovery fits none, so at least half of
 * the draws are kept, two tries on average.
 */
function nonNegativeNormal(mean: number, sd: number, u: Draws): number {
  for (;;) {
    const x = mean + sd * standardNormal(u);
    if (x >= 0) return x;
  }
}

function erlang(k: number, phaseMean: number, u: Draws): number {
  let sumLog = 0;
  for (let i = 0; i < k; i++) sumLog += Math.log(u.uniform());
  return -phaseMean * sumLog;
}

/** Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. Unit scale. */
function gamma(shape: number, u: Draws): number {
  if (shape < 1) return gamma(shape + 1, u) * u.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(u);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    if (Math.log(u.uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * The distribution's mean in hours, as drawn: the truncated mean for the resampled normal, the
 * shift plus the family's mean for a shifted one. Every reader of a mean takes it here (offered
 * load, sizing, reach times, discovery, the process map).
 */
export function distMean(spec: DistSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'exponential':
    case 'lognormal':
    case 'gamma':
    case 'erlang':
      return shiftOf(spec) + spec.mean;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'triangular':
      return (spec.min + spec.mode + spec.max) / 3;
    case 'normal':
      return truncatedNormalMean(spec.mean, spec.sd);
    case 'weibull':
      return shiftOf(spec) + spec.scale * gammaFunction(1 + 1 / spec.shape);
    case 'empirical':
      return spec.values.reduce((a, b) => a + b, 0) / spec.values.length;
  }
}

/**
 * The least and the most the distribution draws, in hours (its support's ends): a family starting at 0
 * starts at its shift, the resampled normal at 0, and the families without an upper end have Infinity.
 * What size reads to tell whether any number of cases may come at once (engine/analysis/sizing.ts).
 */
export function distSupport(spec: DistSpec): { least: number; most: number } {
  switch (spec.kind) {
    case 'constant':
      return { least: spec.value, most: spec.value };
    case 'uniform':
    case 'triangular':
      return { least: spec.min, most: spec.max };
    case 'empirical':
      return { least: smallest(spec.values), most: largest(spec.values) };
    case 'normal':
      return { least: 0, most: Infinity };
    default:
      return { least: shiftOf(spec), most: Infinity };
  }
}

/** The distribution's variance in hours squared (for the truncated normal, of the truncated law; a shift moves none). */
export function distVariance(spec: DistSpec): number {
  switch (spec.kind) {
    case 'constant':
      return 0;
    case 'exponential':
      return spec.mean * spec.mean;
    case 'lognormal':
    case 'gamma':
      return spec.sd * spec.sd;
    case 'erlang':
      return (spec.mean * spec.mean) / spec.k;
    case 'uniform':
      return (spec.max - spec.min) ** 2 / 12;
    case 'triangular': {
      const { min: a, mode: c, max: b } = spec;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'normal': {
      if (spec.sd === 0) return 0;
      const alpha = -spec.mean / spec.sd;
      const lambda = normalPdf(alpha) / Math.exp(logNormalTail(alpha));
      return spec.sd * spec.sd * (1 + alpha * lambda - lambda * lambda);
    }
    case 'weibull': {
      const g1 = gammaFunction(1 + 1 / spec.shape);
      const g2 = gammaFunction(1 + 2 / spec.shape);
      return spec.scale * spec.scale * (g2 - g1 * g1);
    }
    case 'empirical': {
      const m = distMean(spec);
      return spec.values.reduce((acc, v) => acc + (v - m) ** 2, 0) / spec.values.length;
    }
  }
}

/**
 * A normal as the sampler draws it, resampled while negative: the share of the written normal's draws that are
 * negative, P(X < 0) = Phi(-mean / sd), and the mean the kept draws realise (the truncated normal's,
 * mean + sd phi(a) / (1 - Phi(a)), a = -mean / sd). The scenario's validate warns when the share is material.
 */
export function resampledNormal(mean: number, sd: number): { negativeShare: number; realisedMean: number } {
  return { negativeShare: sd === 0 ? 0 : Math.exp(logNormalTail(mean / sd)), realisedMean: truncatedNormalMean(mean, sd) };
}

function truncatedNormalMean(mean: number, sd: number): number {
  if (sd === 0) return mean;
  const alpha = -mean / sd;
  return mean + (sd * normalPdf(alpha)) / Math.exp(logNormalTail(alpha));
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for positive arguments. */
function gammaFunction(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let a = c[0];
  const t = y + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (y + i);
  return Math.sqrt(2 * Math.PI) * t ** (y + 0.5) * Math.exp(-t) * a;
}
