// `npm run check:johnson`: how often `--interval johnson`'s paired figures err where the truth is known, beside the
// t ones. Differences drawn from a symmetric law (normal), an exponential-like one (Exp(1) - 1, skewness 2) and a
// lognormal one (lognormal(0, 1) less its mean, skewness 6.2), n = 3, 5, 10, 20, 50. Per comparison, with a true mean
// of 0: the share of 95% intervals missing it (below | above: the interval wholly below 0, wholly above), which is also
// the rate of `significant`. Per family of m comparisons (Holm's step-down at 5%, as results/build.ts): with every
// mean 0, the family-wise error, the rate of any `significant_adjusted`; and with the first comparison's mean moved by
// 3.5 standard deviations of its mean (up | down), the share of families flagging it, the power. `Johnson's p` is Holm
// on Johnson's own p-values and intervals from 3 pairs, as `significant_adjusted_johnson` was before session 42;
// `damped p` on Johnson's p with the skewness damped by SKEW_NOISE_ERRORS standard errors (the warm-up check's); `family p` on the larger of the two, the p it reads
// now (engine/stats/paired.ts JohnsonTest.familyP). Then a stat's own figures, on samples of n = 3, 4, 5, 10, 20
// values of the three laws (not centred): the share of 95% intervals missing the true mean (`Johnson` its interval
// from 3 values, as ci95_johnson was before session 42; `ci95_johnson` today's, the t's below JOHNSON_MIN_VALUES);
// and the error of `size`'s decision, with k targets each checked at 1 - 0.05/k (Bonferroni): a target `< mean` or
// `> mean` (not met: the true mean is the value) counted met, each side's share (nominal 2.5/k%), on t's bound,
// Johnson's, the damped form's and today's (engine/analysis/targets.ts checkTarget). Not a test: rates, printed for a person to read
// (docs/results-format.md quotes these lines); seeded, so a rerun prints the same. `-- --seeds TAG` draws every sample
// from seeds named by TAG instead (fresh samples, to check a rule chosen on the default ones); `-- --stats` runs only
// the stat's figures (the second part).
import seedrandom from 'seedrandom';
import { checkTarget, parseTarget } from '../engine/analysis/targets.js';
import { holmRejects } from '../engine/stats/holm.js';
import { type PairedComparison, pairedComparison } from '../engine/stats/paired.js';
import {
  dampedJohnsonInterval,
  dampedJohnsonTwoSidedP,
  johnsonInterval,
  johnsonTwoSidedP,
  SKEW_NOISE_ERRORS,
} from '../engine/stats/skewness.js';
import { summarize } from '../engine/stats/summary.js';

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? null : (process.argv[at + 1] ?? '');
};
/** Prefixed to every seed's name: empty for the default samples. */
const SEED_TAG = option('--seeds') === null ? '' : `${option('--seeds')} `;
const STATS_ONLY = process.argv.includes('--stats');

const TRIALS = 20_000;
const FAMILIES = 2000;
const FAMILY_SIZES = [5, 12];
const SIZES = [3, 5, 10, 20, 50];
/** The moved comparison's shift, in standard deviations of its mean. */
const SHIFT = 3.5;

interface Law {
  name: string;
  sd: number;
  draw: (uniform: () => number) => number;
}

const normalOf = (uniform: () => number) => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
const LAWS: Law[] = [
  { name: 'normal', sd: 1, draw: normalOf },
  { name: 'Exp(1) - 1', sd: 1, draw: (u) => -Math.log(1 - u()) - 1 },
  { name: 'lognormal(0, 1) - e^0.5', sd: Math.sqrt((Math.E - 1) * Math.E), draw: (u) => Math.exp(normalOf(u)) - Math.exp(0.5) },
];

/** The comparison of n pairs whose differences are `differences` (the baseline 0, the variant the difference). */
const compare = (differences: number[]) => pairedComparison(new Array<number>(differences.length).fill(0), differences, 'johnson')!;

/** Holm's flags of a family (its comparisons and their differences), each true only where the comparison's own
 *  interval excludes 0 (results/build.ts). */
type Flags = (family: PairedComparison[], differences: number[][]) => boolean[];
const RULES: [string, Flags][] = [
  ['t', (cs) => holmRejects(cs.map((c) => c.p)).map((r, i) => r && cs[i].significant)],
  // Johnson's own interval and p from 3 pairs, as before session 42 (a comparison's today are the t's below 4 pairs)
  ["Johnson's p", (_, ds) => holmRejects(ds.map((d) => johnsonTwoSidedP(d))).map((r, i) => r && excludesZero(johnsonInterval(ds[i])!))],
  [
    'damped p',
    (cs, ds) => holmRejects(ds.map((d) => dampedJohnsonTwoSidedP(d, SKEW_NOISE_ERRORS))).map((r, i) => r && cs[i].johnson!.significant),
  ],
  ['family p', (cs) => holmRejects(cs.map((c) => c.johnson!.familyP)).map((r, i) => r && cs[i].johnson!.significant)],
];

const excludesZero = (interval: [number, number]) => interval[0] > 0 || interval[1] < 0;
const percent = (count: number, of: number) => ((100 * count) / of).toFixed(1);

for (const law of STATS_ONLY ? [] : LAWS) {
  for (const n of SIZES) {
    const uniform = seedrandom(`${SEED_TAG}etomsim-johnson-errors ${law.name} ${n}`);
    const draw = () => Array.from({ length: n }, () => law.draw(uniform));
    const miss = { t: [0, 0], johnson: [0, 0] };
    for (let k = 0; k < TRIALS; k++) {
      const differences = draw();
      const c = compare(differences);
      const j = johnsonInterval(differences)!; // Johnson's own, from 3 pairs: as ci95_johnson was before session 42
      if (c.ci95![1] < 0) miss.t[0]++;
      if (c.ci95![0] > 0) miss.t[1]++;
      if (j[1] < 0) miss.johnson[0]++;
      if (j[0] > 0) miss.johnson[1]++;
    }
    const sides = (m: number[]) => `${percent(m[0] + m[1], TRIALS)}% (${percent(m[0], TRIALS)} | ${percent(m[1], TRIALS)})`;
    console.log(`${law.name}, n ${n}: the 95% interval misses 0: t ${sides(miss.t)}, Johnson ${sides(miss.johnson)}`);
    const shift = (SHIFT * law.sd) / Math.sqrt(n);
    for (const m of FAMILY_SIZES) {
      const errors = RULES.map(() => 0);
      const power = RULES.map(() => [0, 0]);
      for (let f = 0; f < FAMILIES; f++) {
        const family = Array.from({ length: m }, draw);
        const nulls = family.map(compare);
        const moved = [1, -1].map((sign) => [family[0].map((d) => d + sign * shift), ...family.slice(1)]);
        const [up, down] = moved.map((ds) => [compare(ds[0]), ...nulls.slice(1)]);
        RULES.forEach(([, flags], r) => {
          if (flags(nulls, family).some((x) => x)) errors[r]++;
          if (flags(up, moved[0])[0]) power[r][0]++;
          if (flags(down, moved[1])[0]) power[r][1]++;
        });
      }
      const each = RULES.map(
        ([name], r) => `${name} ${percent(errors[r], FAMILIES)}% (${percent(power[r][0], FAMILIES)} | ${percent(power[r][1], FAMILIES)})`,
      );
      console.log(`  Holm over ${m}: family-wise error (power up | down): ${each.join(', ')}`);
    }
  }
}

const STAT_SIZES = [3, 4, 5, 10, 20];
const TARGET_COUNTS = [1, 4, 12];
const STAT_LAWS: (Law & { mean: number })[] = [
  { ...LAWS[0], mean: 0 },
  { name: 'Exp(1)', sd: 1, mean: 1, draw: (u) => -Math.log(1 - u()) },
  { name: 'lognormal(0, 1)', sd: LAWS[2].sd, mean: Math.exp(0.5), draw: (u) => Math.exp(normalOf(u)) },
];
const at = (text: string) => ({ ...parseTarget(text), path: 'flows.f.cycle_time.mean' });
for (const law of STAT_LAWS) {
  for (const n of STAT_SIZES) {
    const uniform = seedrandom(`${SEED_TAG}etomsim-johnson-errors stat ${law.name} ${n}`);
    const miss = { t: [0, 0], johnson: [0, 0], today: [0, 0] };
    const below = [`flows.f.cycle_time.mean < ${law.mean}`, `flows.f.cycle_time.mean > ${law.mean}`].map(at);
    // per target count, per rule (t, Johnson, damped, today), the `<` target met | the `>` one met
    const met = TARGET_COUNTS.map(() => [0, 1, 2, 3].map(() => [0, 0]));
    const count = (tally: number[], interval: [number, number]) => {
      if (interval[1] < law.mean) tally[0]++;
      if (interval[0] > law.mean) tally[1]++;
    };
    for (let k = 0; k < TRIALS; k++) {
      const values = Array.from({ length: n }, () => law.draw(uniform));
      const stat = summarize(values, 'johnson');
      count(miss.t, stat.ci95!);
      count(miss.johnson, johnsonInterval(values)!);
      count(miss.today, stat.ci95_johnson!);
      TARGET_COUNTS.forEach((targets, i) => {
        const confidence = 1 - 0.05 / targets;
        const bounds = [
          below.map((target) => checkTarget(target, stat, confidence)),
          below.map((target) => ({
            met:
              target.op === '<' ? johnsonInterval(values, confidence)![1] < law.mean : johnsonInterval(values, confidence)![0] > law.mean,
          })),
          below.map((target) => {
            const damped = dampedJohnsonInterval(values, SKEW_NOISE_ERRORS, confidence)!;
            return { met: target.op === '<' ? damped[1] < law.mean : damped[0] > law.mean };
          }),
          below.map((target) => checkTarget(target, stat, confidence, values)),
        ];
        bounds.forEach((checks, r) => checks.forEach((c, side) => c.met && met[i][r][side]++));
      });
    }
    const sides = (m: number[]) => `${percent(m[0] + m[1], TRIALS)}% (${percent(m[0], TRIALS)} | ${percent(m[1], TRIALS)})`;
    console.log(
      `${law.name}, n ${n}: a stat's 95% interval misses the mean: t ${sides(miss.t)}, Johnson ${sides(miss.johnson)}, ci95_johnson ${sides(miss.today)}`,
    );
    const hundredths = (c: number) => ((100 * c) / TRIALS).toFixed(2);
    TARGET_COUNTS.forEach((targets, i) => {
      const each = ['t', 'Johnson', 'damped', 'today'].map(
        (name, r) => `${name} ${hundredths(met[i][r][0])} | ${hundredths(met[i][r][1])}`,
      );
      console.log(
        `  ${targets} target${targets > 1 ? 's' : ''}: a target < | > the mean met (nominal ${(2.5 / targets).toFixed(2)}%): ${each.join(', ')}`,
      );
    });
  }
}
