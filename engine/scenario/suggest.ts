// "Did you mean ...?" for misspelt keys and names: typos are the most common mistake in a
// hand-written scenario, and naming the intended word saves a trip to the documentation.

/** Edit distance where swapping two adjacent letters counts as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The closest candidate within two edits, or null. Short words allow fewer edits (none up
 * to two letters, one up to five) so that, say, `b` is not "corrected" to `a`. Failing
 * that, an abbreviation of three letters or more names the one candidate it begins.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const lower = word.toLowerCase();
  const all = [...candidates];
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of all) {
    const allowed = candidate.length <= 2 ? 0 : candidate.length <= 5 ? 1 : 2;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null || lower.length < 3) return best;
  const extended = all.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  return extended.length === 1 ? extended[0] : null;
}

/** `"; did you mean 'x'?"` when a candidate is close, else the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === null ? '' : `; did you mean '${match}'?`;
}
