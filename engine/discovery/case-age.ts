// Whether a delay step's end is a case age (a timer set at the case's arrival: closed N days
// after opening) rather than a delay from the step before it. The two readings predict different
// ends: as a delay, a step that comes later ends later by as much; as an age, it ends at the same
// age whenever the step before came. Each reading is fitted on one half of the delays (the
// delay in the clock delay-clock.ts chose for it, the case's age at the delay's end in hours of
// the clock) and gives each delay end of the other half the probability of its cell, the same
// stretch of time in both readings (delay-clock.ts' cell: the hour of the clock in which the
// delay ended, with the closed hours after it), both halves scored. The age reading is kept when
// it is clearly better: Vuong's test for non-nested models on those held-out log-likelihoods,
// their per-delay differences' sum more than Z standard errors above 0 (the 2.5% one-sided
// level of a standard normal, the test's usual level, not a figure fitted to any log).
// Invariant: both readings score the same cells of the same delays, so their likelihoods are
// probabilities of one observation and compare.
// A step on a loop of its flow keeps the delay reading: the timer, set once at the case's
// arrival, passes at once on every later pass, and the orders a loop stands for (steps the log
// calls concurrent, run in turn) put the step at ages the routing does not keep: a generated log
// of four steps at fixed ages, swapped in turn in 45% of its cases, came out 11% long read so
// (delay-clock.test.ts).
import { type DelayEnd, densityCdf, wallSample } from './delay-clock.js';
import { fitDuration, type FitOf, MIN_FITTED } from './fit.js';
import type { Chain } from './flow-structure.js';
import { onCycles } from '../model/routing-chain.js';

/** A delay end, read both ways: the delay in its clock, and the case's age at its end in each clock. */
export interface AgeEnd {
  end: DelayEnd;
  /** the case's age at the delay's end in hours of the clock (in closed hours after it, their middle), and its cell's bounds as ages */
  wall: number;
  wallCell: [number, number];
  /** the same in the team's open hours since the case's arrival (as the hours of the clock for a team without hours) */
  team: number;
  teamCell: [number, number];
}

export interface CaseAgeReading {
  /** true: the step's end is a case age (the age reading won the test) */
  chosen: boolean;
  /** held-out log-likelihood of the delay ends under each reading, both halves scored */
  logLik: { delay: number; age: number };
  /** Vuong's statistic: the sum of the per-end differences (age - delay) over its standard error; 0 when none was scored */
  z: number;
  /** the delays, and those scored (none when a half is fitted on fewer than MIN_FITTED) */
  n: number;
  scored: number;
}

/** The standard normal's 97.5% quantile: the age reading must beat the delay at the 2.5% level, one-sided. */
export const Z = 1.959964;

/** A cell the fit gives no probability still counts, as this (delay-clock.ts' floor). */
const FLOOR = 1e-9;

/**
 * `clock`: the delay's own clock (delay-clock.ts), in which the delay reading is fitted and its cell taken; `fit`:
 * fitDuration, or a stand-in that gives the same fits (fit.ts' rememberedFits: delayClock fitted the same halves).
 */
export function caseAgeReading(ends: readonly AgeEnd[], clock: 'wall' | 'team', fit: FitOf = fitDuration): CaseAgeReading {
  const diffs: number[] = [];
  const logLik = { delay: 0, age: 0 };
  for (const half of [0, 1]) {
    const fitOn = ends.filter((_, i) => i % 2 === half);
    const scored = ends.filter((_, i) => i % 2 !== half);
    if (fitOn.length < MIN_FITTED) continue;
    const delays = fitOn.map((d) => d.end);
    const delay = densityCdf(fit(clock === 'team' ? delays.map((d) => d.team) : wallSample(delays, fit)));
    const age = densityCdf(fit(fitOn.map((d) => d[clock])));
    for (const d of scored) {
      const cell = clock === 'team' ? d.end.teamCell : d.end.wallCell;
      const ageCell = clock === 'team' ? d.teamCell : d.wallCell;
      const asDelay = Math.log(Math.max(FLOOR, delay(cell[1]) - delay(cell[0])));
      const asAge = Math.log(Math.max(FLOOR, age(ageCell[1]) - age(ageCell[0])));
      logLik.delay += asDelay;
      logLik.age += asAge;
      diffs.push(asAge - asDelay);
    }
  }
  const z = vuong(diffs);
  return { chosen: z > Z, logLik, z, n: ends.length, scored: diffs.length };
}

/** The activities on a loop of a flow's chain, in it or in a block's branch (a block on a loop: all of its activities). */
export function activitiesOnLoops(chain: Chain, out = new Set<number>()): Set<number> {
  // a symbol's successors among the chain's symbols (START and END are none); strongly connected components, not a walk per symbol
  const successors = chain.symbols.map((_, i) => [...(chain.transitions.get(i)?.keys() ?? [])].filter((to) => to >= 0));
  const looped = onCycles(successors);
  chain.symbols.forEach((symbol, i) => {
    if (symbol.kind === 'activity') {
      if (looped[i] === 1) out.add(symbol.activity);
    } else if (looped[i] === 1) for (const a of symbol.block.activities) out.add(a);
    else for (const branch of symbol.block.branches) activitiesOnLoops(branch, out);
  });
  return out;
}

/** Sum of the differences over its standard error (sqrt(n) times their sample sd); 0 for fewer than 2 or no spread. */
function vuong(diffs: readonly number[]): number {
  const n = diffs.length;
  if (n < 2) return 0;
  const mean = diffs.reduce((s, x) => s + x, 0) / n;
  const variance = diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return variance > 0 ? (mean * Math.sqrt(n)) / Math.sqrt(variance) : 0;
}
