// What each of fidelity.json's measures can be: the one table of their ranges, as the metric
// catalogue's UNIT_RANGE is a metric's. A measure here is a stat over the replications
// (engine/fidelity/fidelity.ts' Fidelity); the console and fidelity.html show its 95% interval
// within its range (reports/shown-intervals.ts' fidelityAsShown), since with few replications
// a t interval of a distance near 0 reached below it ("KS D 0.106 [-0.135, 0.347]").
// Invariant: every stat of a Fidelity has an entry, by its path: the table's type is derived
// from the Fidelity type, so that a measure added there without a range here does not compile.
import { UNIT_RANGE } from '../model/metric-catalogue.js';
import type { Stat } from '../stats/summary.js';
import type { Fidelity } from './fidelity.js';

/**
 * The dotted path of every Stat within T, as `fidelityAsShown` walks it: an array's entries
 * under `*` ('steps.*.simulation.waiting'). Objects that are not stats are walked into; numbers
 * and strings hold none.
 */
export type StatPaths<T, Path extends string = ''> = T extends Stat
  ? Path
  : T extends readonly (infer Entry)[]
    ? StatPaths<Entry, `${Path}.*`>
    : T extends object
      ? { [K in keyof T & string]: StatPaths<T[K], Path extends '' ? K : `${Path}.${K}`> }[keyof T & string]
      : never;

export type FidelityStatPath = StatPaths<Fidelity>;

/** A distance between two distributions of shares: Kolmogorov-Smirnov D, total variation. */
const AT_MOST_ONE: readonly [number, number] = [0, 1];
/** An error relative to the log's figure: 0 or more, with no upper bound. */
const NOT_NEGATIVE: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

/** The values each fidelity measure can take, by its path in fidelity.json. */
export const FIDELITY_MEASURE_RANGE: Readonly<Record<FidelityStatPath, readonly [number, number]>> = {
  'cases.simulation': UNIT_RANGE.count,
  'cases_arrived.simulation': UNIT_RANGE.count,
  'cases_cancelled.simulation': UNIT_RANGE.count,
  'cycle_time.simulation.mean': UNIT_RANGE.hours,
  'cycle_time.simulation.p50': UNIT_RANGE.hours,
  'cycle_time.simulation.p90': UNIT_RANGE.hours,
  'cycle_time.emd_hours': UNIT_RANGE.hours,
  'cycle_time.ks': AT_MOST_ONE,
  'steps.*.simulation.processing': UNIT_RANGE.hours,
  'steps.*.simulation.waiting': UNIT_RANGE.hours,
  'steps.*.simulation.n': UNIT_RANGE.count,
  'arrivals_by_hour_of_week.emd_hours': UNIT_RANGE.hours,
  'throughput_per_week.mean_absolute_relative_error': NOT_NEGATIVE,
  'paths.total_variation': AT_MOST_ONE,
  'paths.top.*.simulation': UNIT_RANGE.share,
  'wip.simulation_mean': UNIT_RANGE.count,
  'sla.simulation': UNIT_RANGE.share,
  'handovers.per_case.simulation': NOT_NEGATIVE,
  'handovers.pairs.*.simulation': NOT_NEGATIVE,
};
