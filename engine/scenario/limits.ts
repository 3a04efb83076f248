// The largest counts a scenario or the command line may give, each with the reason it is the
// largest, so that input beyond them is refused with a message instead of a wrong result or a
// crash. Free of imports: the command line checks its options against them before it loads
// the simulator.

/** A bound and why it is one, as a message says it: "must be at most 10,000 (WHY)". */
export interface Limit {
  max: number;
  why: string;
}

/**
 * Units of a team, a shift, or a team's most: the simulator keeps them in 32-bit integers, where
 * 2^31 units turned negative (nobody served) and 2^32 + 1 wrapped to one unit (results as for one
 * unit). 1e9 keeps "capacity: 1e9", a team that is never short, valid.
 */
export const MAX_UNITS: Limit = { max: 1_000_000_000, why: 'a team is counted in 32-bit integers' };

/**
 * A team's cost_per_hour, in the scenario's currency a unit-hour: a team's cost is it times its
 * units (at most MAX_UNITS) times the hours (a horizon of at most 1e8), summed over a run; 1e308
 * overflowed to Infinity, and results.json got a cost with no number ("NaN%" in summary.md).
 * A billion a unit-hour keeps every such sum far inside a double (at most about 1e26).
 */
export const MAX_COST_PER_HOUR: Limit = { max: 1_000_000_000, why: "so that a team's cost over a run stays a number" };

/**
 * Replications of each variant: results.json holds every one (about 4 KB each for one flow and
 * one team, 55-58 KB for the fiber scenario's variants, measured 2026-12-01), built as one
 * string of at most 512 MB; 150,000 of a one-flow scenario ran 53 s at 1.8 GB and then failed
 * writing it. This bounds one variant only: replications x variants x what each replication
 * writes is bounded by engine/results/size-estimate.ts (results.json at most 256 MiB, what
 * `etomsim report` reads), checked by `validate` and `run` before any replication runs.
 */
export const MAX_REPLICATIONS: Limit = { max: 10_000, why: 'results.json keeps each replication of each variant' };

/**
 * The cases a flow may be expected to bring in one replication (its arrivals' rates over the
 * horizon): a replication keeps a value per completed case of each flow in one typed array (the
 * exact percentiles and MSER-5's warm-up read them, engine/sim/growable.ts), and V8's longest
 * holds 2^32 values. A flow expecting more could never finish: rate 1,000,000/h over the
 * longest horizon (1e8 h) is 1e14 cases, a year of simulating at 300 ns a case before its store
 * failed to grow; it is refused before any replication runs.
 */
export const MAX_CASES_PER_REPLICATION: Limit = {
  max: 2 ** 32,
  why: 'a replication keeps a value per completed case of a flow, in one store of at most 2^32 values',
};
