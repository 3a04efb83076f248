import type { WarmUpScale } from './warm-up-scale.js';

/** Observations per batch in MSER-5. */
const BATCH_SIZE = 5;

/** Where MSER-5 ends the warm-up: raw observations to delete, batch count, batches to delete. */
export interface MserTruncation {
  truncate: number;
  batches: number;
  batchTruncate: number;
}

/** MSER-5 (White 1997; Franklin & White): batch the series into means of 5 (a trailing partial batch is dropped),
 *  choose the truncation d (in batches, 0 <= d <= floor(b/2)) minimising sum_{j>d}(Z_j - mean_{>d})^2 / (b-d)^2;
 *  ties go to the smallest d. Returns the number of raw observations to delete (5·d), and d, and b.
 *  Series with fewer than 2 full batches: truncation 0. */
export function mser5(series: ArrayLike<number>): MserTruncation {
  const batchTruncate = truncationOfBatchesOf5(series);
  return { truncate: BATCH_SIZE * batchTruncate, batches: Math.floor(series.length / BATCH_SIZE), batchTruncate };
}

/**
 * Values in warmUpMser5's scratch series at each scale of the calls (warm-up-scale.ts): a trailing partial batch, as
 * most series have; the eighth's an eighth of the full (131 = 5 * 26 + 1).
 */
const SCRATCH_VALUES: Readonly<Record<WarmUpScale, number>> = { full: 1027, eighth: 131 };

/**
 * MSER-5 run `calls` times on a scratch series of 32-bit floats, the cycle times' type, so
 * that V8 compiles its loop before the one call on a replication's cycle times
 * (thread-warm-ups.ts says when and why); the series' length is `scale`'s. The results are dropped.
 */
export function warmUpMser5(calls: number, scale: WarmUpScale): void {
  const series = new Float32Array(SCRATCH_VALUES[scale]);
  for (let i = 0; i < series.length; i++) series[i] = (i * 0.6180339887498949) % 1; // any spread: the loop's work does not depend on the values
  for (let c = 0; c < calls; c++) truncationOfBatchesOf5(series);
}

/** The MSER rule on a series of batch means (or of any averages, such as a time series' bins):
 *  the d in 0..floor(b/2) minimising the kept batches' squared deviations / (b-d)^2, smallest d on a tie; 0 below 2 batches. */
export function mserTruncation(means: ArrayLike<number>): number {
  return truncationOfBatches(means, 1); // a mean of one value is that value
}

/**
 * The MSER rule on the means of consecutive batches of `width` values (a trailing partial batch
 * dropped), each mean summed from the batch's first value. One pass over the values, with the
 * batch means formed as it goes.
 */
function truncationOfBatches(values: ArrayLike<number>, width: number): number {
  const batches = Math.floor(values.length / width);
  if (batches < 2) return 0;
  const scan = new TruncationScan(batches);
  for (let d = batches - 1; d >= 0; d--) {
    let sum = 0;
    for (let k = d * width; k < (d + 1) * width; k++) sum += values[k];
    scan.addBatch(sum / width, d);
  }
  return scan.batchTruncate;
}

/**
 * The MSER statistic for every truncation d, from batch means given from the last batch down
 * to the first. Welford's update run from the end keeps the mean and squared deviations of the
 * kept batches d..b-1 for every d in one pass, without the cancellation of sum-of-squares forms.
 */
class TruncationScan {
  /** a double from the start (CONTRIBUTING.md, rule 1): kept * kept passes 2^31, and code that multiplied small integers is thrown away there */
  private kept = Number.NaN;
  private keptMean = 0;
  private squaredDeviations = 0;
  private best = Number.POSITIVE_INFINITY;
  /** the d with the smallest statistic so far (the smallest d on a tie) */
  batchTruncate = 0;
  private readonly lastCandidate: number;

  constructor(batches: number) {
    this.kept = 0;
    this.lastCandidate = Math.floor(batches / 2);
  }

  /** Batch d's mean; d runs downwards from b - 1. */
  addBatch(mean: number, d: number): void {
    this.kept += 1;
    const delta = mean - this.keptMean;
    this.keptMean += delta / this.kept;
    this.squaredDeviations += delta * (mean - this.keptMean);
    // The statistic is formed for every d and kept only for a candidate, with the stores made
    // whichever way the comparison goes: so every access here has run from the first batch on.
    // A candidate test that returned early left them unrun through the first half of the
    // batches, and V8's code for the loop, made on-stack in that half, was thrown away at its
    // middle for want of their type feedback (--trace-deopt: "Insufficient type feedback for
    // generic named access"), the second half run unoptimised until it was made again.
    const statistic = this.squaredDeviations / (this.kept * this.kept);
    // d runs downwards, so "<=" lets the smallest d win a tie.
    const better = statistic <= this.best;
    const candidate = d <= this.lastCandidate;
    const keep = better && candidate;
    this.best = keep ? statistic : this.best;
    this.batchTruncate = keep ? d : this.batchTruncate;
  }
}

/**
 * truncationOfBatches(values, 5), the same additions in the same order, written for MSER-5: it
 * runs once per replication on every completion, cold (unless warmUpMser5 has run first). The five additions written out cost 30%
 * fewer instructions than the general loop nested in the batch loop (one-off: callgrind of a
 * throwaway script, c08c85b, 1M cycle times of M/M/5 in a fresh process: 63 M to 44 M, measured
 * with the batches too late to be a truncation point in a loop of their own). That split saved
 * nothing measurable and is not kept, so the batch loop is one: `valgrind
 * --tool=callgrind node --single-threaded dist/bench/probe.js mm5 600000` counted 3,993.5 M and
 * 3,994.0 M instructions with one loop against 4,007.0 M and 3,995.9 M with the split (two runs
 * each, alternated; run-to-run noise ~7 M). A separate pass to form the means first cost more
 * (the loop's warm-up twice). TruncationScan.addBatch is written out on local variables, the
 * same arithmetic in the same order: until V8 has compiled the loop on-stack it runs
 * unoptimised, where each field of the scan was a load or store through an inline cache and
 * each batch a call (callgrind, single-threaded, one cold call on a million cycle times of
 * M/M/5: 49 M -> 38 M; Session 17, s17f). test/stats/mser.test.ts checks it against
 * mserTruncation of the batch means.
 */
function truncationOfBatchesOf5(values: ArrayLike<number>): number {
  const batches = Math.floor(values.length / BATCH_SIZE);
  if (batches < 2) return 0;
  const lastCandidate = batches >> 1; // floor(batches / 2) in integers: a division's feedback from an even count halved made one of an odd count deoptimise ("lost precision", the bundled fault-to-repair)
  let kept = -0; // a double from the start (CONTRIBUTING.md, rule 1): kept * kept passes 2^31
  let keptMean = 0;
  let squaredDeviations = 0;
  let best = Number.POSITIVE_INFINITY;
  let batchTruncate = 0;
  for (let d = batches - 1; d >= 0; d--) {
    const k = 5 * d; // BATCH_SIZE written out, here and below: in the bundle it is a context load at each batch (hot path: CONTRIBUTING.md, rule 3)
    let sum = 0;
    sum += values[k];
    sum += values[k + 1];
    sum += values[k + 2];
    sum += values[k + 3];
    sum += values[k + 4];
    const mean = sum / 5;
    kept += 1;
    const delta = mean - keptMean;
    keptMean += delta / kept;
    squaredDeviations += delta * (mean - keptMean);
    // every d forms the statistic and stores, whichever way the comparison goes: TruncationScan.addBatch says why
    const statistic = squaredDeviations / (kept * kept);
    const better = statistic <= best;
    const candidate = d <= lastCandidate;
    const keep = better && candidate;
    best = keep ? statistic : best;
    batchTruncate = keep ? d : batchTruncate;
  }
  return batchTruncate;
}
