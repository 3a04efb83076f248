// Folding rare paths without lengthening loops. A folded path's share goes to the branches its
// step keeps; when the path left a loop (a cancellation, an early decline, the case's end), the
// loop-back is among them, so the cases that left go round again, and the more often a loop is
// gone round, the more a small share lengthens it: with a loop-back of 0.9 and an exit of 0.04
// folded, a case doing the loop's step does it 16 times instead of 10.
//
// The rule: once rare paths are folded, a case doing a step of a loop does it, on average, at
// most (1 + min-share) times as often as in the unfolded chain (as often as a path of that
// share raises a step after it where there is no loop). While a step is done more often, the
// folded path out of a step of its loop whose return brings that step's passes down the most
// comes back (ties: the one taken most often). Passes are the routing chain's exact expected
// visits of a case that reaches the step (routing-chain.ts' visitsOnceReached), over the
// loop's steps in the unfolded chain: what a first-order chain of the counts simulates.
//
// Invariant: only folded paths come back, and restoring every folded path out of a loop's
// steps gives back its unfolded passes, so each loop ends within the bound; a step passed once
// (no loop) is never a reason to keep a path, so a log without rare exits from loops is folded
// as before.
//
// Each weighing of a fold solves the loop's routing chain (a k-step loop: some k^3 operations), once per
// folded path tried for each path kept; a tangled log whose loop takes in every step (hundreds of steps,
// thousands of folded paths) would take hours. So the weighings have a budget (LOOP_WEIGHING_BUDGET, in
// k^3 units): past it, every folded path out of the loops still weighed comes back unweighed, which by the
// invariant above gives back their unfolded passes, so the bound holds either way.
import { componentsInTopologicalOrder, DENSE_UP_TO, type RoutingEdge, visitsOnceReached } from '../model/routing-chain.js';
import { END, START } from './flow-structure.js';

export interface FoldedPath {
  from: number;
  to: number;
  count: number;
  total: number;
}

/**
 * A rare path kept for a loop's sake: the step whose passes folding it would raise, unfolded and with the path
 * folded (the others folded so far); `step` null when the weighing budget ran out and the path came back unweighed.
 */
export interface KeptPath extends FoldedPath {
  step: number | null;
  unfolded: number;
  folded: number;
}

/**
 * What keepLoopPasses may spend weighing folds, in cubes of the loops' step counts (a solve of a k-step loop
 * costs about k^3): 2e8 is about a second of solves. Measured (session 61): LoanApp's log spends none, a tangle of
 * 150 activities in 7,500 events 6.75e6, one of 200 in 10,000 events passes it after some 25 weighings.
 */
export const LOOP_WEIGHING_BUDGET = 2e8;

/**
 * Restores into `transitions` (and takes out of `folded`) the folded paths the rule keeps, in
 * the order kept. `unfolded`: the transitions before folding; `symbols`: the chain's steps (0..symbols-1).
 */
export function keepLoopPasses(
  transitions: Map<number, Map<number, number>>,
  unfolded: Map<number, Map<number, number>>,
  folded: FoldedPath[],
  symbols: number,
  tolerance: number,
  budget = LOOP_WEIGHING_BUDGET,
): KeptPath[] {
  const kept: KeptPath[] = [];
  const out0 = edges(unfolded, symbols);
  // only a loop out of whose steps a path was folded can be gone round more often
  const foldedFrom = new Set(folded.map((path) => path.from));
  const loops = componentsInTopologicalOrder(out0).filter(
    (c) => (c.length > 1 || out0[c[0]].some((e) => e.to === c[0])) && c.some((step) => foldedFrom.has(step)),
  );
  let spent = 0;
  const weigh = (loop: number[], out: RoutingEdge[][]): number[] | null => {
    // a loop past DENSE_UP_TO steps is solved a step at a time, far dearer than its cube: never weighed
    spent += loop.length > DENSE_UP_TO ? Number.POSITIVE_INFINITY : loop.length ** 3;
    return spent > budget ? null : visitsOnceReached(loop, out);
  };
  // the budget spent: every folded path out of a loop's steps comes back, in the order folded
  const keepUnweighed = (): KeptPath[] => {
    const inLoops = new Set(loops.flat());
    let left = 0;
    for (const path of folded) {
      if (inLoops.has(path.from)) {
        transitions.get(path.from)!.set(path.to, path.count);
        kept.push({ ...path, step: null, unfolded: Number.NaN, folded: Number.NaN });
      } else folded[left++] = path;
    }
    folded.length = left;
    return kept;
  };
  const before: number[][] = [];
  for (const loop of loops) {
    const passes = weigh(loop, out0);
    if (passes === null) return keepUnweighed();
    before.push(passes);
  }
  for (;;) {
    const out = edges(transitions, symbols);
    const reached = reachable(transitions);
    let worst: { loop: number; at: number; passes: number; ratio: number } | null = null;
    for (let i = 0; i < loops.length; i++) {
      const after = weigh(loops[i], out);
      if (after === null) return keepUnweighed();
      for (let j = 0; j < after.length; j++) {
        const ratio = after[j] / before[i][j];
        if (reached.has(loops[i][j]) && ratio > 1 + tolerance + 1e-12 && (worst === null || ratio > worst.ratio))
          worst = { loop: i, at: j, passes: after[j], ratio };
      }
    }
    if (worst === null) return kept;
    const { loop, at, passes } = worst;
    const inLoop = new Set(loops[loop]);
    let best: { path: FoldedPath; passes: number } | null = null;
    for (const path of folded) {
      if (!inLoop.has(path.from)) continue;
      const row = transitions.get(path.from)!;
      row.set(path.to, path.count); // tried, then taken out again: the row's order is kept
      const weighed = weigh(loops[loop], edges(transitions, symbols));
      row.delete(path.to);
      if (weighed === null) return keepUnweighed();
      const tried = weighed[at];
      if (best === null || tried < best.passes || (tried === best.passes && path.count > best.path.count)) best = { path, passes: tried };
    }
    // restoring every folded path restores the unfolded passes, but no single one may lower them (a row with several
    // folded paths inside the loop): then the loop stays as folded, and the paths kept so far are all
    if (best === null || !(best.passes < passes)) return kept;
    const { path } = best;
    transitions.get(path.from)!.set(path.to, path.count);
    folded.splice(folded.indexOf(path), 1);
    kept.push({ ...path, step: loops[loop][at], unfolded: before[loop][at], folded: passes });
  }
}

/** A chain's transitions as routing edges between its steps (the end is no node), each weighted by its share of its step's exits. */
function edges(transitions: Map<number, Map<number, number>>, symbols: number): RoutingEdge[][] {
  const out: RoutingEdge[][] = Array.from({ length: symbols }, () => []);
  for (const [from, targets] of transitions) {
    if (from === START) continue;
    let total = 0;
    for (const c of targets.values()) total += c;
    for (const [to, c] of targets) if (to !== END) out[from].push({ to, w: c / total });
  }
  return out;
}

function reachable(transitions: Map<number, Map<number, number>>): Set<number> {
  const seen = new Set<number>();
  const stack = [START];
  while (stack.length > 0) {
    for (const to of transitions.get(stack.pop()!)?.keys() ?? []) {
      if (to !== END && !seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}
