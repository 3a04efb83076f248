// The share below which discovery takes a thing as rare (--min-share): a path folded, a wait
// with no delay step, a team outside a skill pool, an exit or an opening step of a case cut by
// the log's window. One setting for discover and fidelity, which leaves out the cases under way
// when the log opens by discover's rule (log-start.ts): a different share there would compare
// the simulation with cases discover did not take as arrivals, or leave out some it did.
/** --min-share's default, as a share (5%). */
export const DEFAULT_MIN_SHARE = 0.05;
