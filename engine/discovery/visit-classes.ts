// What follows a step, by how many times the case has done the step: a first-order chain gives
// every pass of a step the same shares, so the passes round a loop come out geometric whatever
// the log shows. Here a step's exits are split by the pass they follow (its 1st, 2nd, ... in
// the case), the passes pooled from the first whose class would hold fewer than
// MIN_CLASS_PASSES (or from the format's MAX_VISIT_CLASSES-th), and the split is kept only when
// a G test of homogeneity rejects one set of shares for all of them at VISIT_LEVEL: a log whose
// rework is geometric (or too thin to tell) keeps its single p.
//
// Invariant: the classes partition the step's counted exits (their counts add up to the
// chain's transition counts), each class but the last is one pass number, and every class
// holds at least MIN_CLASS_PASSES exits.
import { MAX_VISIT_CLASSES } from '../scenario/visit-shares.js';
import { chiSquaredTail } from '../stats/incomplete-gamma.js';

/** A class of passes holds at least this many exits (the last pools every later pass), so its shares are not read from a handful of cases. */
export const MIN_CLASS_PASSES = 30;
/** Shares per pass are kept when one set of shares for all passes is rejected at this level. */
export const VISIT_LEVEL = 0.01;

export interface VisitSplit {
  /** per class (0: the step's first pass in a case; the last: that pass and every later one), per target: exits */
  counts: number[][];
  /** the G statistic of homogeneity and its degrees of freedom */
  g: number;
  df: number;
}

/**
 * `byPass[t][v]`: the exits to target t after the case's (v+1)-th pass of the step, for the
 * targets in the chain's order. The split into classes when it differs from one set of shares
 * beyond sampling noise; null otherwise (or when the step is too rarely passed again to tell).
 */
export function visitSplit(byPass: readonly (readonly number[])[]): VisitSplit | null {
  const passes = largestLength(byPass);
  const atPass = (v: number) => byPass.reduce((s, row) => s + (row[v] ?? 0), 0);
  let classes = 0;
  while (classes < passes && classes < MAX_VISIT_CLASSES && atPass(classes) >= MIN_CLASS_PASSES) classes++;
  if (classes < 2) return null;
  const counts = Array.from({ length: classes }, (_, k) =>
    byPass.map((row) => (k < classes - 1 ? (row[k] ?? 0) : row.slice(k).reduce((s, c) => s + c, 0))),
  );
  const { g, df } = homogeneity(counts);
  if (df === 0 || !(chiSquaredTail(g, df) < VISIT_LEVEL)) return null;
  return { counts, g, df };
}

function largestLength(rows: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of rows) if (row.length > n) n = row.length;
  return n;
}

/** G = 2 sum(O ln(O / E)) of a classes x targets table against one set of shares, E = row total x column total / n; df over the targets seen. */
function homogeneity(counts: number[][]): { g: number; df: number } {
  const rows = counts.map((row) => row.reduce((s, c) => s + c, 0));
  const columns = counts[0].map((_, t) => counts.reduce((s, row) => s + row[t], 0));
  const n = rows.reduce((s, r) => s + r, 0);
  let g = 0;
  counts.forEach((row, k) =>
    row.forEach((o, t) => {
      if (o > 0) g += 2 * o * Math.log(o / ((rows[k] * columns[t]) / n));
    }),
  );
  const seen = columns.filter((c) => c > 0).length;
  return { g, df: (counts.length - 1) * Math.max(0, seen - 1) };
}
