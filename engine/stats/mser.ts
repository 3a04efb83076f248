/** Observations per batch in MSER-5. */
const BATCH_SIZE = 5;

/** Where MSER-5 ends the warm-up: raw observations to delete, batch count, batches to delete. */
export interface MserTruncation {
  truncate: number;
  batches: number;
  batchTruncate: number;
}

/** Means of consecutive batches of BATCH_SIZE; a trailing partial batch is dropped. */
function batchMeans(series: ArrayLike<number>): Float64Array {
  const means = new Float64Array(Math.floor(series.length / BATCH_SIZE));
  for (let j = 0; j < means.length; j++) {
    let sum = 0;
    for (let k = j * BATCH_SIZE; k < (j + 1) * BATCH_SIZE; k++) sum += series[k];
    means[j] = sum / BATCH_SIZE;
  }
  return means;
}

/** MSER-5 (White 1997; Franklin & White): batch the series into means of 5 (a trailing partial batch is dropped),
 *  choose the truncation d (in batches, 0 <= d <= floor(b/2)) minimising sum_{j>d}(Z_j - mean_{>d})^2 / (b-d)^2;
 *  ties go to the smallest d. Returns the number of raw observations to delete (5·d), and d, and b.
 *  Series with fewer than 2 full batches: truncation 0. */
export function mser5(series: ArrayLike<number>): MserTruncation {
  const means = batchMeans(series);
  const batchTruncate = mserTruncation(means);
  return { truncate: BATCH_SIZE * batchTruncate, batches: means.length, batchTruncate };
}

/** The MSER rule on a series of batch means (or of any averages, such as a time series' bins):
 *  the d in 0..floor(b/2) minimising the kept batches' squared deviations / (b-d)^2, smallest d on a tie; 0 below 2 batches. */
export function mserTruncation(means: ArrayLike<number>): number {
  const batches = means.length;
  if (batches < 2) return 0;
  const lastCandidate = Math.floor(batches / 2);
  // Welford's update run from the end keeps the mean and squared deviations of the kept
  // batches d..b-1 for every d in one pass, without the cancellation of sum-of-squares forms.
  let kept = 0;
  let keptMean = 0;
  let squaredDeviations = 0;
  let best = Infinity;
  let batchTruncate = 0;
  for (let d = batches - 1; d >= 0; d--) {
    kept += 1;
    const delta = means[d] - keptMean;
    keptMean += delta / kept;
    squaredDeviations += delta * (means[d] - keptMean);
    if (d > lastCandidate) continue;
    const statistic = squaredDeviations / (kept * kept);
    // d runs downwards, so "<=" lets the smallest d win a tie.
    if (statistic <= best) {
      best = statistic;
      batchTruncate = d;
    }
  }
  return batchTruncate;
}
