// Holm's (1979) step-down adjustment: controls the chance of any false "significant" in a
// family of tests at alpha, whatever their dependence, and rejects at least what Bonferroni does.

/** Which hypotheses Holm rejects at family-wise level alpha: the i-th smallest p-value is
 *  compared with alpha/(m - i + 1), stopping at the first that fails. NaN p-values never reject
 *  but count in m. Returns one flag per p-value, in the given order. */
export function holmRejects(pValues: readonly number[], alpha = 0.05): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [Number.isNaN(p) ? Infinity : p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array<boolean>(m).fill(false);
  for (let k = 0; k < m; k++) {
    const [p, i] = order[k];
    if (!(p <= alpha / (m - k))) break;
    out[i] = true;
  }
  return out;
}
