// The scale of the horizon's scratch calls (engine/sim/thread-warm-ups.ts, warmUpHorizon): at V8's interrupt budget
// as Node 20 starts ('full'), or at a BUDGET_DIVISOR-th of it ('eighth'), the budget the command line's own thread
// holds while it warms the horizon up at a pause (bin/v8-flags.ts, underLoweredBudget). V8 finds a loop hot after some
// budgets' worth of its bytecode has run (its ticks), so under an eighth of the budget a loop over an eighth of the
// scratch values is found hot after as many calls, each an eighth of the work, run unoptimised (docs/performance-notes.md,
// session 56). The engine never sets the budget itself: a library leaves the process's V8 alone.
//
// Invariant: a scale's scratch sizes (mser.ts, order-statistics.ts) are found hot, by every loop they warm up, after
// the calls thread-warm-ups.ts makes, under that scale's budget (test/sim/summary-warm-up.test.ts).

/** The horizon's scratch calls at V8's interrupt budget, or at a BUDGET_DIVISOR-th of it. */
export type WarmUpScale = 'full' | 'eighth';

/** V8's interrupt budget divided by this for the 'eighth' scale's calls. */
export const BUDGET_DIVISOR = 8;
