// `npm run check:censored-fits`: how well discovery's duration fits recover the truth when a
// log is exported with instances still running (engine/discovery/censored-fit.ts), the figures
// docs/discovery-notes.md, *Durations*, quotes. For each truth, number of completions n and
// censoring level, many samples: the family each fit chose, and the error of the fitted mean
// and 90th percentile relative to the truth's (bias, rms, and how many fits had a mean over
// twice or 3 times it).
// Not a test: its numbers are rates over seeds, printed for a person to read (the tests assert
// single samples with tolerances from the theory).
// Censoring as a log export makes it: instances start uniformly over a window before the export
// and those not done by then are running at their age, which is uniform on the window; drawn
// until n have completed. The window is given in means of the truth: the longer it is, the
// fewer are cut (an exponential: 1 - (1 - e^-w)/w of them cut, 6% at w = 16, 43% at 2, 63% at
// 1). 'none' is the uncensored path (fit.ts' fitDuration), for comparison.
// Usage: node dist/bench/censored-fits.js [--samples=300] [--truths=exponential,...]
//   [--n=10,25,80,300] [--windows=16,4,2,1] [--json=FILE]
// Each cell's seed is its truth, n and window: a cell reruns alike whatever else is chosen.
import { writeFileSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { fitDurations } from '../engine/discovery/censored-fit.js';
import { fitDuration } from '../engine/discovery/fit.js';
import { distMean } from '../engine/random/distributions.js';
import type { DistSpec } from '../engine/scenario/types.js';
import { lowerRegularizedGamma } from '../engine/stats/incomplete-gamma.js';
import { normalCdf, truncatedNormalCdf } from '../engine/stats/normal-tail.js';

const MEAN = 8; // hours, every truth's
const FAMILIES = ['exponential', 'lognormal', 'gamma', 'weibull', 'normal', 'uniform', 'empirical'];

interface Truth {
  name: string;
  dist: DistSpec;
  draw(u: () => number): number;
}

function lognormalTruth(cv: number): Truth {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(MEAN) - (sigma * sigma) / 2;
  return {
    name: `lognormal cv ${cv}`,
    dist: { kind: 'lognormal', mean: MEAN, sd: cv * MEAN },
    draw: (u) => Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())),
  };
}

const WEIBULL_SHAPE = 1.5;
const WEIBULL_SCALE = MEAN / Math.exp(lnGamma(1 + 1 / WEIBULL_SHAPE));

const TRUTHS: Truth[] = [
  { name: 'exponential', dist: { kind: 'exponential', mean: MEAN }, draw: (u) => -MEAN * Math.log(1 - u()) },
  lognormalTruth(0.5),
  lognormalTruth(1.5),
  {
    name: 'gamma k 2',
    dist: { kind: 'gamma', mean: MEAN, sd: MEAN / Math.SQRT2 },
    draw: (u) => (-MEAN / 2) * (Math.log(1 - u()) + Math.log(1 - u())),
  },
  {
    name: `weibull k ${WEIBULL_SHAPE}`,
    dist: { kind: 'weibull', shape: WEIBULL_SHAPE, scale: WEIBULL_SCALE },
    draw: (u) => WEIBULL_SCALE * (-Math.log(1 - u())) ** (1 / WEIBULL_SHAPE),
  },
  { name: 'uniform 2-14', dist: { kind: 'uniform', min: 2, max: 14 }, draw: (u) => 2 + 12 * u() },
  // a least time, then a constant hazard (s54F's step): 2 h plus an exponential of 6 h, which no
  // family discovery ranks has (docs/discovery-notes.md, *Durations*, session 57)
  { name: 'shifted exponential 2+6', dist: { kind: 'exponential', mean: 6, shift: 2 }, draw: (u) => 2 - 6 * Math.log(1 - u()) },
];

/** Lanczos' log Gamma (g = 7), for the Weibull truth's scale and fitted mean. */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let a = c[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The distribution function of a fitted DistSpec (the kinds discovery writes). */
function cdfOf(d: DistSpec): (x: number) => number {
  switch (d.kind) {
    case 'exponential': {
      const shift = d.shift ?? 0;
      return (x) => (x <= shift ? 0 : -Math.expm1(-(x - shift) / d.mean));
    }
    case 'lognormal': {
      const s2 = Math.log(1 + (d.sd / d.mean) ** 2);
      const mu = Math.log(d.mean) - s2 / 2;
      return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / Math.sqrt(s2)));
    }
    case 'gamma': {
      const k = (d.mean / d.sd) ** 2;
      const theta = d.mean / k;
      return (x) => (x <= 0 ? 0 : lowerRegularizedGamma(k, x / theta));
    }
    case 'weibull':
      return (x) => (x <= 0 ? 0 : -Math.expm1(-((x / d.scale) ** d.shape)));
    case 'normal':
      return (x) => truncatedNormalCdf(x, d.mean, d.sd);
    case 'uniform':
      return (x) => Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    default:
      throw new Error(`no distribution function for ${d.kind}`);
  }
}

/** The q-quantile of a fitted DistSpec: by bisection on its distribution function. */
function quantile(d: DistSpec, q: number): number {
  if (d.kind === 'constant') return d.value;
  if (d.kind === 'empirical') {
    // the sampler draws one of the values, each alike
    const v = [...d.values].sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.floor(q * v.length))];
  }
  const cdf = cdfOf(d);
  let lo = 0;
  let hi = Math.max(distMean(d), 1e-9);
  while (cdf(hi) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function option(name: string, fallback: string): string {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`));
  return given === undefined ? fallback : given.slice(name.length + 3);
}

const SAMPLES = Number(option('samples', '300')); // the table in docs/discovery-notes.md, *Durations*
const truthNames = option('truths', '');
const truths = truthNames === '' ? TRUTHS : TRUTHS.filter((t) => truthNames.split(',').some((name) => t.name.startsWith(name)));
const sizes = option('n', '10,25,80,300').split(',').map(Number);
const windows = option('windows', '16,4,2,1')
  .split(',')
  .map((w) => (w === 'none' ? Number.POSITIVE_INFINITY : Number(w)));
if (!(SAMPLES >= 1) || truths.length === 0 || sizes.some((n) => !(n >= 3)) || windows.some((w) => !(w > 0))) {
  console.error(
    'usage: node dist/bench/censored-fits.js [--samples=N] [--truths=NAME,...] [--n=N,...] [--windows=W|none,...] [--json=FILE]',
  );
  process.exit(2);
}

const percent = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
const rms = (e: number[]) => Math.sqrt(e.reduce((s, x) => s + x * x, 0) / e.length);
const bias = (e: number[]) => e.reduce((s, x) => s + x, 0) / e.length;

console.log(`${SAMPLES} samples a cell; mean ${MEAN} h; window in means of the truth ('none': uncensored); cut: share running`);
console.log(`| truth | n | window | cut | ${FAMILIES.join(' | ')} | mean bias | mean rms | p90 bias | p90 rms | mean > 2x | > 3x |`);
console.log(`|---|---|---|---|${FAMILIES.map(() => '---|').join('')}---|---|---|---|---|---|`);
const rows = [];
for (const truth of truths) {
  const truthMean = distMean(truth.dist);
  const truthP90 = quantile(truth.dist, 0.9);
  for (const n of sizes)
    for (const w of windows) {
      const window = w * MEAN;
      const u = seedrandom(`${truth.name}/${n}/${w}`);
      const chosen: Record<string, number> = Object.fromEntries(FAMILIES.map((f) => [f, 0]));
      const meanErrors: number[] = [];
      const p90Errors: number[] = [];
      let cut = 0;
      let over2 = 0;
      let over3 = 0;
      for (let k = 0; k < SAMPLES; k++) {
        const done: number[] = [];
        const running: number[] = [];
        while (done.length < n) {
          const x = truth.draw(u);
          const age = window * u();
          if (x <= age) done.push(x);
          else running.push(age);
        }
        cut += running.length / (running.length + done.length);
        const fit = Number.isFinite(window) ? fitDurations(done, running) : fitDuration(done);
        chosen[fit.family] = (chosen[fit.family] ?? 0) + 1;
        const m = distMean(fit.dist) / truthMean;
        meanErrors.push(m - 1);
        if (m > 2) over2++;
        if (m > 3) over3++;
        p90Errors.push(quantile(fit.dist, 0.9) / truthP90 - 1);
      }
      const row = {
        truth: truth.name,
        n,
        window: Number.isFinite(w) ? w : 'none',
        cut: cut / SAMPLES,
        chosen,
        meanBias: bias(meanErrors),
        meanRms: rms(meanErrors),
        p90Bias: bias(p90Errors),
        p90Rms: rms(p90Errors),
        over2,
        over3,
      };
      rows.push(row);
      const shares = FAMILIES.map((f) => Math.round((100 * chosen[f]) / SAMPLES)).join(' | ');
      console.log(
        `| ${truth.name} | ${n} | ${row.window} | ${Math.round(100 * row.cut)}% | ${shares} | ${percent(row.meanBias)} | ${(100 * row.meanRms).toFixed(1)}% | ${percent(row.p90Bias)} | ${(100 * row.p90Rms).toFixed(1)}% | ${over2} | ${over3} |`,
      );
    }
}
const json = option('json', '');
if (json !== '') writeFileSync(json, `${JSON.stringify(rows, null, 1)}\n`);
