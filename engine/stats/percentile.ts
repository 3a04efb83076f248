/** Quantile of an ascending-sorted sample, linear interpolation between order statistics
 *  (Hyndman & Fan type 7, the default of R and numpy). NaN for an empty sample. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  if (below >= n - 1) return sorted[n - 1];
  const fraction = position - below;
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}
