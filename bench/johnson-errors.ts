// `npm run check:johnson`: how often `--interval johnson`'s paired figures err where the truth is known, beside the
// t ones. Differences drawn from a symmetric law (normal), an exponential-like one (Exp(1) - 1, skewness 2) and a
// lognormal one (lognormal(0, 1) less its mean, skewness 6.2), n = 3, 5, 10, 20, 50. Per comparison, with a true mean
// of 0: the share of 95% intervals missing it (below | above: the interval wholly below 0, wholly above), which is also
// the rate of `significant`. Per family of m comparisons (Holm's step-down at 5%, as results/build.ts): with every
// mean 0, the family-wise error, the rate of any `significant_adjusted`; and with the first comparison's mean moved by
// 3.5 standard deviations of its mean (up | down), the share of families flagging it, the power. `Johnson's p` is Holm
// on Johnson's own p-values, as `significant_adjusted_johnson` was before session 42; `damped p` on Johnson's p with
// the skewness damped by 1.5 standard errors (the warm-up check's); `family p` on the larger of the two, the p it reads
// now (engine/stats/paired.ts JohnsonTest.familyP). Not a test: rates, printed for a person to read
// (docs/results-format.md quotes these lines); seeded, so a rerun prints the same.
import seedrandom from 'seedrandom';
import { holmRejects } from '../engine/stats/holm.js';
import { type PairedComparison, pairedComparison } from '../engine/stats/paired.js';
import { dampedJohnsonTwoSidedP } from '../engine/stats/skewness.js';

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
  ["Johnson's p", (cs) => holmRejects(cs.map((c) => c.johnson!.p)).map((r, i) => r && cs[i].johnson!.significant)],
  ['damped p', (cs, ds) => holmRejects(ds.map((d) => dampedJohnsonTwoSidedP(d, 1.5))).map((r, i) => r && cs[i].johnson!.significant)],
  ['family p', (cs) => holmRejects(cs.map((c) => c.johnson!.familyP)).map((r, i) => r && cs[i].johnson!.significant)],
];

const percent = (count: number, of: number) => ((100 * count) / of).toFixed(1);

for (const law of LAWS) {
  for (const n of SIZES) {
    const uniform = seedrandom(`etomsim-johnson-errors ${law.name} ${n}`);
    const draw = () => Array.from({ length: n }, () => law.draw(uniform));
    const miss = { t: [0, 0], johnson: [0, 0] };
    for (let k = 0; k < TRIALS; k++) {
      const c = compare(draw());
      const j = c.johnson!.ci95!;
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
