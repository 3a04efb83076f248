// Which 95% intervals the reports and the console show: those the run was asked for. results.json
// keeps the core's meaning whatever `--interval` says (a stat's `ci95` is Student's t, a
// comparison's the paired t, `significant` and `significant_adjusted` rest on them); with
// `--interval johnson` it holds Johnson's modified t beside them (`ci95_johnson`,
// `significant_johnson`, `significant_adjusted_johnson`, and a relative change's
// `delta_pct_ci95_johnson`), and the reports show those. This view
// puts the asked-for interval where every report reads one (`ci95`, `significant`,
// `significant_adjusted`), so that no report code chooses; `intervalNote` is what labels it.
// A stat's interval is shown within its metric's range (the catalogue's UNIT_RANGE, by its
// unit: a share 0 to 1, a time or a count from 0), t's and Johnson's alike: with few
// replications either can reach past 100% or below 0, where the mean cannot be, and the part
// cut off holds no value it could take, so the interval's coverage is the same. The rule is
// intervalAsShown, which size's tables (sizing-tables.ts) call for sizing.json's KPIs too.
// Invariant: the file's object is never changed (results.json is written from it, its intervals
// as computed); where nothing is shown otherwise (under 't', and for a file written under
// 'johnson' before the Johnson keys, 2026-12-03, its ci95 Johnson's already), the results are
// returned as they are: each block is copied only where a stat in it changes.
import { record } from '../engine/records.js';
import { metricKindOf, UNIT_RANGE } from '../engine/model/metric-catalogue.js';
import type { BottlenecksReport } from '../engine/results/bottlenecks.js';
import type { Fidelity } from '../engine/fidelity/fidelity.js';
import { FIDELITY_MEASURE_RANGE, type FidelityStatPath } from '../engine/fidelity/measure-ranges.js';
import type { IntervalMethod } from '../engine/stats/summary.js';
import type { Comparison, ResourceSensitivity, Results, Stat, VariantBlock } from '../engine/results/types.js';

/** The results as the reports show them: under --interval johnson, Johnson's intervals and significance in the core's keys. */
export function asShown(results: Results): Results {
  const johnson = results.interval === 'johnson' && carriesJohnson(results);
  let changed = false;
  const variants = record<VariantBlock>();
  for (const [name, block] of Object.entries(results.variants)) {
    const shown: Record<string, unknown> = {};
    // the per-replication values, chart series and inputs hold no interval: shared, not walked
    for (const [key, value] of Object.entries(block)) shown[key] = UNWALKED.has(key) ? value : shownStats(value, key, johnson);
    changed ||= Object.entries(shown).some(([key, value]) => value !== (block as unknown as Record<string, unknown>)[key]);
    variants[name] = shown as unknown as VariantBlock;
  }
  if (!johnson) return changed ? { ...results, variants } : results;
  return {
    ...results,
    variants,
    comparisons: results.comparisons.map(shownComparison),
    ...(results.sensitivity ? { sensitivity: results.sensitivity.map(shownSensitivity) } : {}),
  };
}

const UNWALKED = new Set(['replications', 'charts', 'inputs']);

/** bottlenecks.json as the console shows it: under --interval johnson, Johnson's intervals in the core's keys, as `asShown`. */
export function bottlenecksAsShown(report: BottlenecksReport): BottlenecksReport {
  const johnson = report.interval === 'johnson';
  const resources = shownStats(report.resources, 'resources', johnson) as BottlenecksReport['resources'];
  const flows = shownStats(report.flows, 'flows', johnson) as BottlenecksReport['flows'];
  if (!johnson) return resources === report.resources && flows === report.flows ? report : { ...report, resources, flows };
  return { ...report, resources, flows, sensitivity: report.sensitivity.map(shownSensitivity) };
}

/**
 * fidelity.json as the console and fidelity.html show it: each measure's interval within what the
 * measure can be (engine/fidelity/measure-ranges.ts), as a stat's within its metric's range. A
 * few replications' t interval of a distance near 0 reached below it ("KS D 0.106 [-0.135,
 * 0.347]"). The file keeps them as computed; the same object where no interval changes.
 */
export function fidelityAsShown(f: Fidelity): Fidelity {
  // every stat's path has a range: the table's type is derived from Fidelity's
  return mapStats(
    f,
    '',
    () => '*',
    (path, s) => cut(s, FIDELITY_MEASURE_RANGE[path as FidelityStatPath]),
  ) as Fidelity;
}

/** A stat with its interval within `range` (the same stat when it lies within). */
function cut(s: Stat, range: readonly [number, number]): Stat {
  const one = s.one_log95 == null ? s.one_log95 : withinRange(s.one_log95, range); // fidelity's one-log interval too
  if (s.ci95 === null) return one === s.one_log95 ? s : { ...s, one_log95: one };
  const ci = withinRange(s.ci95, range);
  return ci === s.ci95 && one === s.one_log95 ? s : { ...s, ci95: ci, ...(one === undefined ? {} : { one_log95: one }) };
}

function shownSensitivity(entry: ResourceSensitivity): ResourceSensitivity {
  return {
    ...entry,
    flows: mapRecord(entry.flows, (f) => ({
      mean: f.mean === null ? null : shownComparison(f.mean),
      p90: f.p90 === null ? null : shownComparison(f.p90),
    })),
  };
}

/** The intervals a command shows, named for its text: "interval" (Student's t), or "interval by Johnson's modified t" under --interval johnson. */
export function intervalName(interval: IntervalMethod | undefined, plural = false): string {
  const noun = plural ? 'intervals' : 'interval';
  return interval === 'johnson' ? `${noun} by Johnson's modified t` : noun;
}

/** The run setting that names the intervals shown, for a report's run settings; null under Student's t, which needs no word. */
export function intervalNote(results: Results): string | null {
  if (results.interval !== 'johnson') return null;
  return carriesJohnson(results)
    ? "95% intervals and significance by Johnson's (1978) modified t, which corrects for skewed replications (--interval johnson; results.json's ci95_johnson, significant_johnson, significant_adjusted_johnson and delta_pct_ci95_johnson, its ci95 staying Student's t)"
    : "95% intervals and significance by Johnson's (1978) modified t, which corrects for skewed replications (--interval johnson; written before 2026-12-03, results.json holds them in its ci95)";
}

/**
 * Whether the file holds Johnson's intervals beside the t ones: every stat and comparison of a
 * run under --interval johnson has the key (null where there is no interval), so the first stat
 * says it; a file written before the key holds Johnson's in ci95 and has it nowhere.
 */
function carriesJohnson(results: Results): boolean {
  const first = results.comparisons[0] ?? null;
  if (first !== null) return Object.hasOwn(first, 'ci95_johnson');
  const base = Object.values(results.variants)[0];
  const flow = base === undefined ? undefined : Object.values(base.flows)[0];
  return flow !== undefined && Object.hasOwn(flow.arrived, 'ci95_johnson');
}

function shownComparison(c: Comparison): Comparison {
  return {
    ...c,
    ci95: c.ci95_johnson ?? null,
    significant: c.significant_johnson ?? false,
    significant_adjusted: c.significant_adjusted_johnson ?? null,
    // a file written before the relative change had a Johnson form (2026-12-03) shows its t interval, as it did
    ...(c.delta_pct_ci95_johnson !== undefined ? { delta_pct_ci95: c.delta_pct_ci95_johnson } : {}),
  };
}

function isStat(x: object): x is Stat {
  return Object.hasOwn(x, 'ci95') && Object.hasOwn(x, 'mean') && Object.hasOwn(x, 'n');
}

/**
 * A block of summaries at `path` (dotted, as the catalogue names a metric: `flows.F.cycle_time`)
 * with each stat's interval as shown: Johnson's under `johnson`, within its metric's range.
 */
function shownStats(x: unknown, path: string, johnson: boolean): unknown {
  return mapStats(x, path, String, (at, s) => {
    const shown = intervalAsShown(at, johnson ? (s.ci95_johnson ?? null) : s.ci95);
    return shown === s.ci95 ? s : { ...s, ci95: shown };
  });
}

/**
 * A part of a document at `path` (dotted; '' the whole) with each stat in it given as `shown`
 * gives it, called with the stat's path; an array's entries are at `entry(index)` under it (an
 * index for results, `*` for fidelity's table of ranges). The same object where no stat in it
 * changes; a copy's objects keyed by user names stay without a prototype.
 */
function mapStats(x: unknown, path: string, entry: (index: number) => string, shown: (path: string, s: Stat) => Stat): unknown {
  if (typeof x !== 'object' || x === null) return x;
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  // copied from the first part that changes, as most blocks have none (under t, every interval within its range)
  if (Array.isArray(x)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < x.length; i++) {
      const value: unknown = x[i];
      // a list of numbers (a series, the replications' values) holds no stat
      const mapped = typeof value === 'object' && value !== null ? mapStats(value, at(entry(i)), entry, shown) : value;
      if (out === null && mapped !== value) out = x.slice(0, i);
      out?.push(mapped);
    }
    return out ?? x;
  }
  if (isStat(x)) return shown(path, x);
  const keys = Object.keys(x);
  let out: Record<string, unknown> | null = null;
  for (let k = 0; k < keys.length; k++) {
    const value = (x as Record<string, unknown>)[keys[k]];
    const mapped = typeof value === 'object' && value !== null ? mapStats(value, at(keys[k]), entry, shown) : value;
    if (out === null && mapped !== value) {
      out = Object.getPrototypeOf(x) === null ? record() : {};
      for (let j = 0; j < k; j++) out[keys[j]] = (x as Record<string, unknown>)[keys[j]];
    }
    if (out !== null) out[keys[k]] = mapped;
  }
  return out ?? x;
}

/**
 * The 95% interval of the metric at `path` (a dotted path of results.json or sizing.json's
 * metrics, as the catalogue names it) as every report and the console show it: within its
 * metric's range, the catalogue's UNIT_RANGE by its unit. As computed where the path names no
 * metric of the catalogue; the same array where it lies within. The one rule for results'
 * reports and size's (sizing-tables.ts).
 */
export function intervalAsShown(path: string, ci: [number, number] | null): [number, number] | null {
  if (ci === null) return ci;
  const unit = metricKindOf(path)?.unit;
  return unit === undefined ? ci : withinRange(ci, UNIT_RANGE[unit]);
}

/** An interval cut to a range, the same array when it lies within (an end past the range is the range's end). */
function withinRange(ci: [number, number], [low, high]: readonly [number, number]): [number, number] {
  if (ci[0] >= low && ci[1] <= high) return ci;
  return [Math.min(Math.max(ci[0], low), high), Math.max(Math.min(ci[1], high), low)];
}

function mapRecord<T, U>(map: Record<string, T>, f: (value: T) => U): Record<string, U> {
  const out = record<U>();
  for (const [key, value] of Object.entries(map)) out[key] = f(value);
  return out;
}
