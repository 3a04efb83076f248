// "Did you mean ...?" for misspelt keys and names: typos are the most common mistake in a
// hand-written scenario, and naming the intended word saves a trip to the documentation.
//
// Invariant: the suggestion is the first candidate, in the list's order, at the least edit
// distance its length allows, else the one candidate a 3-letter-or-longer abbreviation
// begins. A long list is searched as a trie (its names sorted), pruned where no name below
// can come within two edits, so n misspelt names among n cost about n lookups' worth, not n²
// distances (1,000 misspelt `next`s among 1,000 nodes took 5 s of CPU; 4,000 over 2 minutes).

/** Edit distance where swapping two adjacent letters counts as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  // The recurrence reads three rows: the one before last (for a swap), the last, this one.
  let before = new Int32Array(b.length + 1);
  let last = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    fillRow(row, last, before, i, a, b);
    [before, last, row] = [last, row, before];
  }
  return last[b.length];
}

/**
 * Row i of the edit-distance table of `a` against `b` (a's first i letters against each prefix
 * of b), from row i - 1 (`last`) and row i - 2 (`before`, read only when i > 1). Written once
 * for `editDistance` and for the sorted lists' walk, which keeps one row per depth.
 */
function fillRow(row: Int32Array, last: Int32Array, before: Int32Array, i: number, a: string, b: string): void {
  row[0] = i;
  for (let j = 1; j <= b.length; j++) {
    const cost = a[i - 1] === b[j - 1] ? 0 : 1;
    let best = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost);
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
    row[j] = best;
  }
}

/** The most edits a candidate may be from the word: none up to two letters, one up to five, else two. */
function allowedEdits(candidate: string): number {
  return candidate.length <= 2 ? 0 : candidate.length <= 5 ? 1 : 2;
}

const MOST_EDITS = 2;

/**
 * The closest candidate within two edits, or null. Short words allow fewer edits (none up
 * to two letters, one up to five) so that, say, `b` is not "corrected" to `a`. Failing
 * that, an abbreviation of three letters or more names the one candidate it begins.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const lower = word.toLowerCase();
  const all = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  // A word longer than this would recurse as deep in the trie; it is compared only with names of about its length.
  if (Array.isArray(candidates) && all.length >= SORTED_FROM && lower.length <= 256) return sortedOf(all).closest(lower);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of all) {
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) > MOST_EDITS) continue; // at least that many edits: none allowed
    const distance = editDistance(lower, other);
    if (distance <= allowedEdits(candidate) && distance < bestDistance) {
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

/** Shorter lists are scanned: sorting a few dozen keys costs more than it saves. */
const SORTED_FROM = 64;

/**
 * A list's names in lower case, sorted: the names that share a prefix are a range, so the
 * range is a trie's node and the letters at the next position its children, without building
 * the trie. Made at a list's first lookup and kept with it (the list does not change after:
 * a scenario's names, the currency codes).
 */
class SortedCandidates {
  private readonly lower: string[];
  private readonly order: number[]; // candidates' places in the list, by lower case, then place

  constructor(private readonly all: readonly string[]) {
    const lower = all.map((c) => c.toLowerCase());
    this.lower = lower;
    this.order = lower.map((_, at) => at).sort((a, b) => (lower[a] < lower[b] ? -1 : lower[a] > lower[b] ? 1 : a - b));
  }

  closest(word: string): string | null {
    let best = -1;
    let bestDistance = Infinity;
    const { all, lower, order } = this;
    // Rows of the edit-distance table, one per depth: row d is the word against a d-letter prefix.
    const rows: Int32Array[] = [Int32Array.from({ length: word.length + 1 }, (_, j) => j)];
    const visit = (lo: number, hi: number, depth: number) => {
      const row = rows[depth];
      // A row's least value never falls further down the trie, but a swap reads the row above: hence + 1.
      const floor = minimum(row) + 1;
      // Names that end here (a prefix sorts before its extensions): whole distances.
      while (lo < hi && lower[order[lo]].length === depth) {
        const at = order[lo++];
        const distance = row[word.length];
        if (distance <= allowedEdits(all[at]) && (distance < bestDistance || (distance === bestDistance && at < best))) {
          best = at;
          bestDistance = distance;
        }
      }
      while (lo < hi) {
        const letter = lower[order[lo]].charCodeAt(depth);
        const end = this.endOfLetter(lo, hi, depth, letter);
        const next = this.row(rows, depth, word, lower[order[lo]]);
        if (Math.min(minimum(next), floor) <= MOST_EDITS) visit(lo, end, depth + 1); // else no name below is within reach
        lo = end;
      }
    };
    visit(0, order.length, 0);
    if (best >= 0 || word.length < 3) return best >= 0 ? all[best] : null;
    return this.onlyBeginning(word);
  }

  /** The row for `name`'s prefix of depth + 1 letters, from the rows above it (kept in `rows`). */
  private row(rows: Int32Array[], depth: number, word: string, name: string): Int32Array {
    rows[depth + 1] ??= new Int32Array(word.length + 1);
    const row = rows[depth + 1];
    fillRow(row, rows[depth], rows[Math.max(0, depth - 1)], depth + 1, name, word);
    return row;
  }

  /** The end of the range [lo, hi) of names whose letter at `depth` is `letter` (they begin it). */
  private endOfLetter(lo: number, hi: number, depth: number, letter: number): number {
    const { lower, order } = this;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lower[order[mid]].charCodeAt(depth) <= letter) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The one name whose lower case begins with `prefix`, or null if none or several do. */
  private onlyBeginning(prefix: string): string | null {
    const { lower, order } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lower[order[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= order.length || !lower[order[lo]].startsWith(prefix)) return null;
    if (lo + 1 < order.length && lower[order[lo + 1]].startsWith(prefix)) return null;
    return this.all[order[lo]];
  }
}

function minimum(row: Int32Array): number {
  let least = row[0];
  for (let j = 1; j < row.length; j++) if (row[j] < least) least = row[j];
  return least;
}

const sortedLists = new WeakMap<readonly string[], SortedCandidates>();

function sortedOf(all: readonly string[]): SortedCandidates {
  let sorted = sortedLists.get(all);
  if (!sorted) sortedLists.set(all, (sorted = new SortedCandidates(all)));
  return sorted;
}
