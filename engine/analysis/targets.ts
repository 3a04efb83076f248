// Targets for team sizing, written as `PATH OP VALUE`: "flows.order.cycle_time.p90 <= 5d".
// PATH is the dotted path of a stat in a variant's block of results.json (as in
// `comparisons`), where a `*` segment stands for any one name; VALUE is a number, a share
// ("90%") or a duration ("5d", "48h", "30m"), in hours because every time in results is.
// A target is met with 95% confidence: the unfavourable end of the stat's interval meets it.
import { metricKindOf, UNIT_RANGE } from '../model/metric-catalogue.js';
import type { TargetOp, TargetUnit } from '../results/sizing.js';
import type { Stat } from '../results/types.js';
import { dampedJohnsonInterval, JOHNSON_MIN_VALUES, johnsonInterval, SKEW_NOISE_ERRORS } from '../stats/skewness.js';
import { tQuantile } from '../stats/t-quantile.js';

export type { TargetOp };
import { parseDuration } from '../scenario/duration.js';
import { editDistance } from '../scenario/suggest.js';
import { quoted } from '../scenario/fields.js';

export interface Target {
  /** as written */
  text: string;
  /** dotted path, possibly with `*` segments */
  path: string;
  op: TargetOp;
  /** in the unit of results.json: hours for times, a share for shares */
  value: number;
  unit: TargetUnit;
}

export interface TargetCheck {
  target: Target; // with a concrete path
  stat: Stat | null;
  /** the end of the interval that must meet the target (the mean when there is no interval) */
  bound: number | null;
  met: boolean;
}

/** A target that cannot be read or matches nothing: invalid input, not a bug. */
export class TargetError extends Error {}

const FORM = /^\s*([^\s<>=]+)\s*(<=|>=|<|>)\s*([^\s<>=]\S*)\s*$/;
// a name, *, or a shift's index (resources.T.shifts.1.wait)
const SEGMENT = /^(\*|[A-Za-z_][A-Za-z0-9_-]*|0|[1-9][0-9]*)$/;
/** Stat names typed with British spelling, as every table and chart writes them, mean the results.json key. */
const SPELLINGS: Record<string, string> = Object.assign(Object.create(null), { utilisation: 'utilization' });
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The path of a target as typed (before a British spelling is read), or null when the text is not
 * PATH OP VALUE: the one reading of a target's text, which parseTarget and the reports' labels share.
 */
export function writtenPath(text: string): string | null {
  return FORM.exec(text)?.[1] ?? null;
}

export function parseTarget(text: string): Target {
  const form = FORM.exec(text);
  const missing = /(<=|>=|<|>)\s*$/.exec(text);
  if (!form && missing)
    throw new TargetError(
      `cannot read target ${quoted(text)}: there is no value after '${missing[1]}'; e.g. ${quoted(`${text.trim()} 5d`)}`,
    );
  if (!form) {
    throw new TargetError(
      `cannot read target ${quoted(text)}: write PATH OP VALUE with OP one of <=, <, >=, >, e.g. 'flows.order_to_activation.cycle_time.p90 <= 5d'`,
    );
  }
  const [, typed, op, raw] = form;
  // only the stat is respelled: a team, flow or node may be named `utilisation`
  const segments = typed.split('.');
  const last = segments.length - 1;
  const path = segments.map((s, i) => (i === last ? (SPELLINGS[s] ?? s) : s)).join('.');
  const bad = path.split('.').find((s) => !SEGMENT.test(s));
  if (bad !== undefined)
    throw new TargetError(`cannot read target ${quoted(text)}: ${quoted(bad)} is not a name or * in the path ${quoted(path)}`);
  return { text: text.trim(), path, op: op as TargetOp, ...readValue(raw, text) };
}

function readValue(raw: string, text: string): Pick<Target, 'value' | 'unit'> {
  const percent = raw.endsWith('%') && NUMBER.test(raw.slice(0, -1));
  if (NUMBER.test(raw) || percent) {
    const n = Number(percent ? raw.slice(0, -1) : raw);
    if (!Number.isFinite(n)) throw new TargetError(`cannot read target ${quoted(text)}: the value ${quoted(raw)} is beyond any number`); // 1e400
    return percent ? { value: n / 100, unit: 'share' } : { value: n, unit: 'number' };
  }
  const duration = parseDuration(raw, 'hours');
  if (duration.ok) return { value: duration.hours, unit: 'duration' };
  throw new TargetError(
    `cannot read target ${quoted(text)}: the value ${quoted(raw)} is not a number, a percentage (90%) or a duration (5d, 48h, 30m)`,
  );
}

/**
 * The concrete targets a target stands for, one per stat path it matches among `paths`
 * (the stats of a variant block). Matching nothing is an error that lists close paths.
 */
export function expandTarget(target: Target, paths: readonly string[]): Target[] {
  const pattern = target.path.split('.');
  const matches = paths.filter((p) => matchesPattern(pattern, p.split('.')));
  if (matches.length === 0) {
    const close = closestPaths(pattern, paths, 5);
    throw new TargetError(
      `target ${quoted(target.text)}: no stat at ${quoted(target.path)}` +
        (close.length > 0 ? `; close valid paths: ${close.join(', ')}` : ''),
    );
  }
  return matches.map((path) => {
    if (target.unit === 'duration' && !isTime(path)) {
      throw new TargetError(
        `target ${quoted(target.text)}: ${quoted(path)} is not a time, so its value must be a plain number or a percentage`,
      );
    }
    if (target.unit === 'share' && isTime(path)) {
      throw new TargetError(`target ${quoted(target.text)}: ${quoted(path)} is a time, so its value must be a duration such as 5d or 48h`);
    }
    checkShare(target, path);
    checkRange(target, path);
    checkDirection(target, path);
    checkWorkload(target, path);
    return { ...target, path };
  });
}

/**
 * A share's target (the catalogue's unit 'share': SLA attainment, utilisation...) lies between 0
 * and 1: 90 or 1.5 can never be met nor missed in the way meant, and was found out only after the
 * whole search, blamed on capacity. 90 is most likely 90%: said so.
 */
function checkShare(target: Target, path: string): void {
  const kind = metricKindOf(path);
  if (kind?.unit !== 'share' || (target.value >= 0 && target.value <= 1)) return;
  const meant = target.unit === 'number' && target.value > 1 && target.value <= 100 ? `; did you mean ${target.value}%?` : '';
  throw new TargetError(`target ${quoted(target.text)}: ${kind.label} (${quoted(path)}) is a share from 0 to 1 (or 0% to 100%)${meant}`);
}

/**
 * A bound outside what the metric can take (the catalogue's UNIT_RANGE: a time, a count, a cost
 * never below 0) can never be met: refused before anything is simulated, where it used to run
 * the whole search and exit 3 blaming capacity.
 */
function checkRange(target: Target, path: string): void {
  const kind = metricKindOf(path);
  if (kind === null) return;
  const [low, high] = UNIT_RANGE[kind.unit];
  const { op, value } = target;
  const never =
    (op === '<=' && value < low) || (op === '<' && value <= low) || (op === '>=' && value > high) || (op === '>' && value >= high);
  if (!never) return;
  const range = high === Number.POSITIVE_INFINITY ? `${low} or more` : `from ${low} to ${high}`;
  throw new TargetError(`target ${quoted(target.text)}: ${kind.label} (${quoted(path)}) is ${range}, so '${op} ${value}' can never be met`);
}

/**
 * A lower bound ('>=', '>') on a metric that is better lower (times, waits, queues, costs): more
 * units only lower it, so sizing for it asks for slower service; most likely '<=' was meant.
 */
function checkDirection(target: Target, path: string): void {
  const kind = metricKindOf(path);
  if (kind?.better !== 'lower' || (target.op !== '>=' && target.op !== '>')) return;
  const meant = target.op === '>=' ? '<=' : '<';
  throw new TargetError(
    `target ${quoted(target.text)}: ${kind.label} (${quoted(path)}) is better lower, and more units only lower it, so '${target.op}' asks for slower service; did you mean '${meant}'?`,
  );
}

/**
 * A target on the work brought to a team or a step (the catalogue's `workload`: busy hours,
 * tasks in a shift, visits, a share of visits served) asks staffing for what it does not set:
 * the search added units to the maximum and exited 3 blaming capacity, or "met" a count of
 * arrivals. Refused before anything is simulated, naming what to size on.
 */
function checkWorkload(target: Target, path: string): void {
  const kind = metricKindOf(path);
  if (kind?.workload !== true) return;
  throw new TargetError(
    `target ${quoted(target.text)}: ${kind.label} (${quoted(path)}) is the work brought, which staffing does not change; size on a wait, a utilisation, a queue length, a cycle time or an SLA share`,
  );
}

/**
 * How many targets Bonferroni's split counts: one per stat and direction (an upper or a lower
 * bound), since two bounds on one stat in one direction are one event (the tightest decides: the
 * same end of the same interval meets both or misses the tighter), e.g. '<= 25h' with '<= 1d'.
 */
export function independentTargets(targets: readonly Target[]): number {
  return new Set(targets.map((t) => `${isUpperBound(t.op) ? 'upper' : 'lower'} ${t.path}`)).size;
}

/** A target typed twice (the same stat, operator and value, however written) is refused, as an option given twice is. */
export function refuseRepeats(targets: readonly Target[]): void {
  const seen = new Map<string, Target>();
  for (const t of targets) {
    const key = JSON.stringify([t.path, t.op, t.value]);
    const first = seen.get(key);
    if (first !== undefined)
      throw new TargetError(`target '${t.text}' is given twice${first.text === t.text ? '' : ` (as '${first.text}')`}: give it once`);
    seen.set(key, t);
  }
}

/** Only stats measured in hours take a duration (the catalogue says which). */
function isTime(path: string): boolean {
  return metricKindOf(path)?.unit === 'hours';
}

function matchesPattern(pattern: string[], segments: string[]): boolean {
  return pattern.length === segments.length && pattern.every((s, i) => s === '*' || s === segments[i]);
}

/**
 * Paths nearest to the pattern, a `*` counting as whatever the path has there: first those that
 * begin with what was typed (`flows.repair.sla` -> `sla_attainment`), then those whose last
 * segment, under the same stem, contains the typed one, then the rest, each by edit distance
 * (s35y F3: edit distance alone put 3-letter stats before sla_attainment), then by UTF-16 code
 * unit. A pattern whose first segment is a flow or a team (`repair.sla`) is read with `flows.` or
 * `resources.` before it too.
 */
function closestPaths(pattern: string[], paths: readonly string[], count: number): string[] {
  const named = (area: string) => paths.some((p) => p.startsWith(`${area}.${pattern[0]}.`));
  const readings = [
    pattern,
    ...['flows', 'resources'].filter((area) => pattern[0] !== area && named(area)).map((area) => [area, ...pattern]),
  ];
  const score = (path: string) => {
    const segments = path.split('.');
    return readings
      .map((typed) => {
        const filled = typed.map((s, i) => (s === '*' && i < segments.length ? segments[i] : s));
        const text = filled.join('.');
        const last = filled[filled.length - 1];
        const stem = filled.length === segments.length && filled.slice(0, -1).every((s, i) => s === segments[i]);
        const rank = path.startsWith(text) ? 0 : stem && segments[segments.length - 1].includes(last) ? 1 : 2;
        return { rank, d: editDistance(text, path) };
      })
      .reduce((a, b) => (b.rank < a.rank || (b.rank === a.rank && b.d < a.d) ? b : a));
  };
  // ties by UTF-16 code unit, never localeCompare: the same suggestions, in the same order, in every locale
  return paths
    .map((path) => ({ path, ...score(path) }))
    .sort((a, b) => a.rank - b.rank || a.d - b.d || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, count)
    .map((x) => x.path);
}

/**
 * Checks a concrete target on its stat (null: the model does not report it); a stat with no
 * observation misses it. The bound is the unfavourable end of the stat's two-sided interval at
 * `confidence` (its ci95 at 0.95; a Student-t interval at any other level, as sizing's
 * Bonferroni split over targets asks). Given `johnson`, the stat's observations (`size --interval
 * johnson`), the interval is Johnson's modified t at that confidence, whose ends a skewed sample
 * moves toward its long tail: a target on that side is checked more strictly than on the t
 * interval, one on the short side less (from JOHNSON_MIN_VALUES observations; with fewer, the t
 * interval, as a stat's ci95_johnson). At every level each end is the farther of Johnson's and the
 * damped form's (skewness.ts dampedJohnsonInterval, damped as a comparison family's p,
 * SKEW_NOISE_ERRORS), never more liberal than either: Hall's g adds the skewness estimate's noise,
 * most deep in the tail (npm run check:johnson, 12 targets on 5 normal replications, a target at
 * the true mean passed: Johnson's end 0.42% and 0.50% for `<` and `>`, nominal 0.21%, t's 0.17%
 * and 0.20%, the farther end 0.13% and 0.12%) but at 95% too (one target, 4 normal replications:
 * Johnson's end 2.93% and 3.04%, nominal 2.5%, the farther end 1.58% and 1.71%; session 43). With
 * one target the bound is then not always ci95_johnson's end: ci95_johnson is Johnson's own
 * interval, the one shown beside the t interval in every file, and the bound the decision's.
 */
export function checkTarget(target: Target, stat: Stat | null, confidence = 0.95, johnson: readonly number[] | null = null): TargetCheck {
  if (stat === null || stat.mean === null) return { target, stat, bound: null, met: false };
  const upper = isUpperBound(target.op);
  const interval =
    johnson !== null && johnson.length >= JOHNSON_MIN_VALUES ? johnsonBoundsAt(johnson, confidence) : tIntervalAt(stat, confidence);
  const bound = interval === null ? stat.mean : upper ? interval[1] : interval[0];
  return { target, stat, bound, met: compare(bound, target.op, target.value) };
}

/** Johnson's interval of the observations at `confidence` (checkTarget), widened to the damped form's ends where they lie farther. */
function johnsonBoundsAt(values: readonly number[], confidence: number): [number, number] | null {
  const own = johnsonInterval(values, confidence);
  if (own === null) return own;
  const damped = dampedJohnsonInterval(values, SKEW_NOISE_ERRORS, confidence)!;
  return [Math.min(own[0], damped[0]), Math.max(own[1], damped[1])];
}

/** The stat's Student-t interval at `confidence`: its own ci95 at 0.95. */
function tIntervalAt(stat: Stat, confidence: number): [number, number] | null {
  if (confidence === 0.95 || stat.sd === null || stat.ci95 === null) return stat.ci95;
  return tInterval(stat.mean!, stat.sd, stat.n, confidence);
}

function tInterval(mean: number, sd: number, n: number, confidence: number): [number, number] {
  const half = (tQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/** Whether a target bounds its stat from above (`<=`, `<`): it is checked at its interval's upper end. */
export function isUpperBound(op: TargetOp): boolean {
  return op === '<=' || op === '<';
}

export function compare(x: number, op: TargetOp, value: number): boolean {
  switch (op) {
    case '<=':
      return x <= value;
    case '<':
      return x < value;
    case '>=':
      return x >= value;
    case '>':
      return x > value;
  }
}

/**
 * How far a check misses its target, relative to the target's size (0 when met), so that
 * misses of different metrics add up; Infinity when the stat has no observation at all.
 */
export function shortfall(check: TargetCheck): number {
  if (check.met) return 0;
  if (check.bound === null) return Infinity;
  const { op, value } = check.target;
  const miss = isUpperBound(op) ? check.bound - value : value - check.bound;
  return Math.max(0, miss) / (value !== 0 ? Math.abs(value) : 1);
}
