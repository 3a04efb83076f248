// Is each replication's window long enough for its own 95th percentile of a flow's cycle times
// to be the steady state's? A stat's p95 is the mean over replications of each one's own p95
// (docs/results-format.md, "A stat"). A replication's p95 is that of the congestion spells its
// window happens to hold, a narrower mix than the steady state's, and of the cases it completes,
// whose type-7 percentile of a right-skewed sample sits low; both fade as the window grows, and
// more replications narrow the interval round the low figure without moving it, so the interval
// misses below. The mean of replication means is also low over short windows (a congested
// replication completes more cases, each weighing less), but far less than its interval is wide:
// session 62 (s62D) measured it and the p95 on M/M/1 and M/M/5 (one-off, 200-1,000 runs of 20
// replications after a warm-up of six relaxation times; docs/results-format.md, `percentile`):
// at 80% load over 4, 8, 16 and 32 relaxation times the mean was 0.1-1.5% low, its t interval
// covering in 88-94% of runs against 90-94% for the cases pooled (the misses below: the replication
// means' skew, which `skewed` and Johnson's interval speak to, not the bias, a tenth of the
// interval's half-width); the p95 15%, 8%, 2.3% and 0.1% low, covering in 56%, 75%, 88% and 92%.
// At 90% and 95% (M/M/1) and 90% (M/M/5) 5-6% low over 8, 1.0-1.5% over 16, within 0.6% over 32. So the window is
// judged in relaxation times of the slowest team the flow's tasks queue at, PERCENTILE_RELAXATIONS
// of them. At light load the relaxation time is short and the cases a replication completes are
// what count: M/M/1 at 20% with 25, 50 and 100 cases a replication, 12%, 5.6% and 2.6% low, near
// what type 7 does to as many independent exponential values (9.3%, 4.9%, 2.7%), which
// exponentialP95Shortfall computes, so a flow completing so few is judged by it. A milestone
// KPI's p95 (`flows.F.kpis.K.p95`) is the same estimator over the cases the milestone measures,
// so it is judged the same way: against the teams of its stretch (a case's time from its from to
// its to waits at them alone), and by the cases it measures a replication (session 62, s62J).
// Invariant: a window is judged from the run's model and offered loads alone, never a replication's
// figures, so it is judged alike for any number of workers or shards (the few-cases test, which reads the
// replications' counts, is warnings.ts' lowPercentiles).
import type { Model, ModelNode } from '../model/model.js';
import { milestoneStretch } from '../model/milestone-stretch.js';
import type { LoadWithArrivals } from '../model/offered-load.js';
import { relaxationTime, type RelaxationInput } from './relaxation.js';

/** A window shorter than this many relaxation times of a flow's slowest team leaves its p95 materially low (see above). */
export const PERCENTILE_RELAXATIONS = 16;
/** ...as does a replication's type-7 p95 of so few cases that, were they independent exponential values, it would
 *  average this much low. */
export const MATERIAL_SHORTFALL = 0.02;

/**
 * A flow (or one of its milestone KPIs) whose replications' p95 reads low for the window's length against the slowest
 * team's queue it passes.
 */
export interface ShortPercentileWindow {
  variant: string;
  flow: string;
  /** the milestone KPI whose p95 is meant (its stretch's teams judged); null: the flow's cycle time */
  kpi: string | null;
  /** the slowest-settling team among those the flow's (or the milestone's) tasks queue at */
  resource: string;
  /** its heavy-traffic relaxation time, calendar hours (results/relaxation.ts) */
  relaxation: number;
  /** horizon - warm-up, hours */
  window: number;
}

type PercentileModel = Pick<Model, 'flows' | 'nodes' | 'resources'>;

/**
 * The flows of each run, and the milestone KPIs, whose window is shorter than PERCENTILE_RELAXATIONS relaxation times
 * of the slowest team they queue at: a milestone's, the teams of its stretch (model/milestone-stretch.ts), as a case's
 * time from its from to its to waits at them alone.
 */
export function shortPercentileWindows(runs: readonly (RelaxationInput & { model: PercentileModel })[]): ShortPercentileWindow[] {
  const out: ShortPercentileWindow[] = [];
  for (const run of runs) {
    const loads = run.offeredLoad ?? [];
    const window = run.model.horizon - run.model.warmup;
    const judge = (flow: string, kpi: string | null, nodes: readonly ModelNode[]) => {
      const slowest = slowestQueue(run.model, nodes, loads);
      if (slowest !== null && slowest.relaxation * PERCENTILE_RELAXATIONS > window)
        out.push({ variant: run.name, flow, kpi, resource: slowest.resource, relaxation: slowest.relaxation, window });
    };
    run.model.flows.forEach((flow, f) => {
      const own = run.model.nodes.filter((node) => node.flow === f);
      judge(flow.name, null, own);
      for (const kpi of flow.kpis) {
        const stretch = milestoneStretch(run.model, flow, kpi);
        judge(
          flow.name,
          kpi.name,
          own.filter((node) => stretch.has(node.name)),
        );
      }
    });
  }
  return out;
}

/** The team with the longest relaxation time among those these nodes' tasks queue at (each team of a skill pool); null: none, or none stable. */
function slowestQueue(
  model: PercentileModel,
  nodes: readonly ModelNode[],
  loads: readonly LoadWithArrivals[],
): { resource: string; relaxation: number } | null {
  let slowest: { resource: string; relaxation: number } | null = null;
  for (const node of nodes) {
    for (const team of node.pool ?? (node.resource >= 0 ? [node.resource] : [])) {
      const name = model.resources[team].name;
      const load = loads.find((l) => l.resource === name);
      const relaxation = load === undefined ? Number.NaN : relaxationTime(load, loads);
      if (Number.isFinite(relaxation) && (slowest === null || relaxation > slowest.relaxation)) slowest = { resource: name, relaxation };
    }
  }
  return slowest;
}

/**
 * How far below the true p95 the type-7 95th percentile of n independent exponential values lies on average, as a
 * share of it (0.093 at 25, 0.027 at 100): E[X_(k)] = H(n) - H(n - k) for the k-th smallest of n unit exponentials,
 * interpolated at (n - 1)·0.95 as type 7 does, against ln 20. NaN below 2 values.
 */
export function exponentialP95Shortfall(n: number): number {
  if (!(n >= 2)) return Number.NaN;
  const position = (n - 1) * 0.95;
  const below = Math.floor(position);
  // E[X_(k)] for k = below + 1 and below + 2 (1-based): H(n) - H(n - k), a sum of 1/i over i = n - k + 1 .. n
  const lower = harmonicDifference(n, n - below - 1);
  const upper = below + 2 <= n ? lower + 1 / (n - below - 1) : lower;
  return 1 - (lower + (position - below) * (upper - lower)) / Math.log(20);
}

/**
 * H(n) - H(m), the sum of 1/i over i = m + 1 .. n (integers, 0 <= m < n): term by term while m is under SERIES_FROM
 * (n under some 1,300 cases, every n the percentile warning can fire at: the same sum, in the same order, as before
 * the series), else from the harmonic numbers' asymptotic series, H(x) = ln x + γ + 1/(2x) - 1/(12x²) + 1/(120x⁴) -
 * 1/(252x⁶) + ..., whose next term, under 1/(240x⁸), is below a double's rounding from x = SERIES_FROM. The warnings
 * call this with each replication's completed cases of a flow (warnings.ts lowPercentiles): term by term that was
 * 950,000 terms for the benchmark's M/M/5 of 1M customers, a loop V8 ran cold, compiled on-stack, and at each later
 * call entered on-stack again and left by a deoptimisation (session 63; docs/performance-notes.md).
 */
function harmonicDifference(n: number, m: number): number {
  if (m < SERIES_FROM) {
    let sum = 0;
    for (let i = m + 1; i <= n; i++) sum += 1 / i;
    return sum;
  }
  return Math.log(n / m) + harmonicSeriesTail(n) - harmonicSeriesTail(m);
}

/** The m from which harmonicDifference sums by the series (see there). */
const SERIES_FROM = 64;

/** H(x) - ln x - γ by the asymptotic series to its 1/x⁶ term (harmonicDifference). */
function harmonicSeriesTail(x: number): number {
  const inverseSquare = 1 / (x * x);
  return 1 / (2 * x) - inverseSquare * (1 / 12 - inverseSquare * (1 / 120 - inverseSquare / 252));
}
