// What was simulated, as data for the reports: each variant's teams, calendars, arrivals and
// flow structure, and what its patch changed against the baseline. Reports read only
// results.json, so the process map and the assumptions section need the inputs written here.
// Invariant: plain JSON, times in hours like every other figure of results.json, and a pure
// function of the validated scenarios (no positions, no file names), so results stay
// byte-identical across workers and machines.
import type { DistSpec, FlowSpec, ResourceSpec, Scenario } from '../scenario/types.js';
import type { WorkingDaysSlaBlock } from './types.js';
import { HOURS_PER_WEEK } from '../week.js';

/** A distribution as in the scenario, its times in hours: { kind: 'lognormal', mean: 0.33, sd: 0.17 }. */
export type DistInput = DistSpec;

export type NodeInput =
  | {
      kind: 'task';
      etom: string | null;
      /** the team that serves it; of a skill pool, the first listed (`pool` lists them all) */
      resource: string | null;
      duration: DistInput;
      next: string | null;
      /**
       * a skill pool (`resource: { any: [...] }`): every team that may serve it, in preference
       * order; absent for one team (files written before 2026-12-04 have none: their pooled tasks
       * read as their first team's, and a variant changing only the pool as changing nothing)
       */
      pool?: string[];
      /** an automated task's hours (scenario `calendar`); absent when it runs at every hour */
      calendar?: string;
      /** `case_age` when its duration is the case's age at which it ends (scenario `until`); absent otherwise */
      until?: 'case_age';
      /** the scenario's `description`: absent without one (and in files written before 2026-12-03) */
      description?: string;
    }
  | { kind: 'decision'; etom: string | null; branch: { to: string; p: number; p_by_visit?: number[] }[]; description?: string }
  | { kind: 'fork'; etom: string | null; parallel: string[]; join: string; description?: string };

export interface FlowInput {
  etom: string | null;
  /** hours; null without a target (or with one in working days) */
  sla: number | null;
  /** etomsim addition: an sla in working days of a calendar (`sla` null); absent without one */
  sla_working_days?: WorkingDaysSlaBlock;
  start: string;
  /** hours; null when cases are never cancelled */
  cancel_after: number | null;
  /** in the scenario's order */
  nodes: Record<string, NodeInput>;
  /** the scenario's `description`: absent without one (and in files written before 2026-12-03) */
  description?: string;
}

export interface TeamInput {
  capacity: number;
  /** 0 when the scenario gives none (then `cost_given` is false) */
  cost_per_hour: number;
  /** false when the scenario gives the team no cost_per_hour: its cost is unknown, not 0; absent when it gives one (files written from 2026-12-01) */
  cost_given?: false;
  /** null: works around the clock */
  calendar: string | null;
  /** a roster instead of capacity and calendar: each shift's working periods (hours from Monday 00:00) and its units; null without */
  shifts: { periods: { start: number; end: number }[]; capacity: number; description?: string }[] | null;
  /** unit-hours a week the team is staffed: capacity times its calendar's hours (168 without one), or the roster's sum */
  hours_per_week: number;
  /** the scenario's `description` (a shift's in its entry): absent without one (and in files written before 2026-12-03) */
  description?: string;
}

export interface ArrivalInput {
  flow: string;
  /** the Poisson rate per hour when the scenario gave `rate`, else null */
  rate_per_hour: number | null;
  interarrival: DistInput;
  /** weekday factors (Monday first) and hour-of-day factors, or null */
  profile: { days: number[]; hours: number[] } | null;
  /** the calendar whose open hours alone its gaps elapse in (scenario `calendar`); absent when every hour */
  calendar?: string;
  priority: number;
  /** the stream's `after` in hours: absent when it starts at time 0 (and in files written before 2026-12-03) */
  after?: number;
  /** the stream's `cases`, the most it brings: absent without one */
  cases?: number;
}

/** One difference between the baseline's inputs and a variant's: a dotted path and both values (null where absent). */
export interface InputChange {
  path: string;
  baseline: unknown;
  variant: unknown;
}

export interface VariantInputs {
  /** working periods in hours from Monday 00:00 */
  calendars: Record<string, { start: number; end: number }[]>;
  resources: Record<string, TeamInput>;
  arrivals: ArrivalInput[];
  flows: Record<string, FlowInput>;
  /** against the baseline, in the order of the inputs; empty for the baseline */
  changes: InputChange[];
}

export function flowInput(flow: FlowSpec): FlowInput {
  const nodes: Record<string, NodeInput> = {};
  for (const n of flow.nodes) {
    // defineProperty: a node named __proto__ is data, not the object's prototype
    const value: NodeInput =
      n.kind === 'task'
        ? {
            kind: 'task',
            etom: n.etom,
            resource: n.resource,
            duration: n.duration,
            next: n.next,
            ...(n.pool ? { pool: [...n.pool] } : {}),
            ...(n.calendar ? { calendar: n.calendar } : {}),
            ...(n.until === 'case_age' ? { until: n.until } : {}),
            ...described(n),
          }
        : n.kind === 'decision'
          ? {
              kind: 'decision',
              etom: n.etom,
              branch: n.branch.map((b) =>
                b.byVisit === undefined ? { to: b.to, p: b.p } : { to: b.to, p: b.p, p_by_visit: [...b.byVisit] },
              ),
              ...described(n),
            }
          : { kind: 'fork', etom: n.etom, parallel: [...n.parallel], join: n.join, ...described(n) };
    Object.defineProperty(nodes, n.name, { value, enumerable: true, writable: true, configurable: true });
  }
  return {
    etom: flow.etom,
    sla: flow.sla,
    // etomsim addition: only a flow whose sla is in working days has the key (files of others as before)
    ...(flow.slaWorkingDays
      ? { sla_working_days: { working_days: flow.slaWorkingDays.days, calendar: flow.slaWorkingDays.calendar } }
      : {}),
    start: flow.start,
    cancel_after: flow.cancelAfter,
    nodes,
    ...described(flow),
  };
}

/** `{ description }` when the scenario gives one, else nothing: files of scenarios without descriptions stay as they were. */
function described(spec: { description?: string }): { description?: string } {
  return spec.description === undefined ? {} : { description: spec.description };
}

function record<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function inputsOf(s: Scenario, flowOf: (flow: FlowSpec) => FlowInput = flowInput): Omit<VariantInputs, 'changes'> {
  const calendars = record(s.calendars.map((c) => [c.name, c.periods.map((p) => ({ start: p.start, end: p.end }))]));
  const weekHours = (calendar: string | null) =>
    calendar === null ? HOURS_PER_WEEK : (calendars[calendar] ?? []).reduce((sum, p) => sum + (p.end - p.start), 0);
  return {
    calendars,
    resources: record(
      s.resources.map((r) => {
        const shifts = r.shifts
          ? r.shifts.map((x) => ({
              periods: x.periods.map((p) => ({ start: p.start, end: p.end })),
              capacity: x.capacity,
              ...described(x),
            }))
          : null;
        const hours = shifts
          ? shifts.reduce((sum, x) => sum + x.capacity * x.periods.reduce((h, p) => h + (p.end - p.start), 0), 0)
          : r.capacity * weekHours(r.calendar);
        return [
          r.name,
          {
            capacity: r.capacity,
            cost_per_hour: r.costPerHour,
            ...costGiven(r),
            calendar: r.calendar,
            shifts,
            hours_per_week: hours,
            ...described(r),
          },
        ];
      }),
    ),
    arrivals: s.arrivals.map((a) => ({
      flow: a.flow,
      rate_per_hour: a.fromRate && a.interarrival.kind === 'exponential' ? 1 / a.interarrival.mean : null,
      interarrival: a.interarrival,
      profile: a.profile ? { days: [...a.profile.days], hours: [...a.profile.hours] } : null,
      ...(a.calendar ? { calendar: a.calendar } : {}),
      priority: a.priority,
      ...(a.after !== undefined ? { after: a.after } : {}),
      ...(a.cases !== undefined ? { cases: a.cases } : {}),
    })),
    flows: record(s.flows.map((f) => [f.name, flowOf(f)])),
  };
}

/** Which teams the scenario gives a cost: `{ cost_given: false }` for a team without cost_per_hour, nothing for one with it. */
function costGiven(r: ResourceSpec): Pick<TeamInput, 'cost_given'> {
  return r.costGiven === false ? { cost_given: false } : {};
}

/**
 * The part of a variant's inputs the cost warning reads (engine/results/warnings.ts): each team's
 * `cost_given`, as `variantInputs` gives it. For `bottlenecks`, which writes no inputs, so that it
 * does not build the flows, arrivals and calendars to read the teams' costs.
 */
export function teamCosts(s: Scenario): TeamCosts {
  return { resources: record(s.resources.map((r) => [r.name, costGiven(r)])) };
}

/** What of a variant's inputs says which teams have a cost: VariantInputs is one, teamCosts builds one alone. */
export interface TeamCosts {
  /** `bottlenecks`' teamCosts gives cost_given alone; a run's inputs give the week's staffing too, which the warning quotes */
  resources: Record<string, Pick<TeamInput, 'cost_given'> & Partial<Pick<TeamInput, 'cost_per_hour' | 'hours_per_week'>>>;
}

/** Each scenario's inputs, with its changes against the first (the baseline). */
export function variantInputs(baseline: Scenario, scenario: Scenario): VariantInputs {
  return inputsAgainst(baseline)(scenario);
}

/**
 * variantInputs for every scenario of a set: the baseline's inputs, which each variant's changes
 * are found against, built once for all of them and not again after the baseline's own call
 * (10,000 nodes, 6 variants: 7 builds, not 13).
 * Invariant: what it returns is read only. Each call returns a copy of its top, but a flow a
 * variant shares with the baseline is one object in both (and in every variant sharing it):
 * an edit of one scenario's inputs would change the others'. Its callers only serialise them
 * (results.json, the size bound) and compare them (`differences`).
 */
export function inputsAgainst(baseline: Scenario): (scenario: Scenario) => VariantInputs {
  let base: Omit<VariantInputs, 'changes'> | undefined;
  // a flow a variant shares with the baseline (engine/scenario/read-once.ts) is
  // written once and found unchanged at a glance (`differences` compares the same object first)
  const flows = new Map<FlowSpec, FlowInput>();
  const flowOf = (flow: FlowSpec) => {
    let input = flows.get(flow);
    if (input === undefined) flows.set(flow, (input = flowInput(flow)));
    return input;
  };
  return (scenario) => {
    const own = inputsOf(scenario, flowOf);
    if (scenario === baseline) {
      base ??= own; // the baseline's, asked for first (results.json, the size bound): not built again for its variants
      return { ...own, changes: [] };
    }
    base ??= inputsOf(baseline, flowOf);
    return { ...own, changes: differences(base, own) };
  };
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const DISTRIBUTION_KINDS = new Set([
  'constant',
  'exponential',
  'uniform',
  'triangular',
  'normal',
  'lognormal',
  'gamma',
  'erlang',
  'weibull',
  'empirical',
]);

/** A value compared whole: not a plain object, or a distribution (its parts mean nothing alone). */
function atomic(x: unknown): boolean {
  return !isPlain(x) || ('kind' in x && typeof x.kind === 'string' && !('nodes' in x) && DISTRIBUTION_KINDS.has(x.kind));
}

/**
 * The leaves that differ, as dotted paths. A distribution, a branch list or an arrival is one
 * value (its parts mean nothing alone), so it is compared whole and reported whole.
 */
export function differences(a: unknown, b: unknown, path = ''): InputChange[] {
  const out: InputChange[] = [];
  collectDifferences(a, b, path, out);
  return out;
}

/**
 * differences into `out`, the keys of `a` first, then those only `b` has (one list for the whole
 * walk: no array per object). Most leaves are equal (a variant patches a few numbers of 10,000
 * nodes): those are told at `a === b`, without their JSON texts or their paths (a value is its
 * own JSON text's equal), and a path is built only for an object walked into or a change.
 */
function collectDifferences(a: unknown, b: unknown, path: string, out: InputChange[]): void {
  if (a === b) return;
  if (atomic(a) || atomic(b)) {
    if (!sameJson(a, b)) out.push({ path, baseline: a ?? null, variant: b ?? null });
    return;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const at = (k: string) => (path === '' ? k : `${path}.${k}`);
  for (const k of Object.keys(x)) {
    const v = Object.hasOwn(y, k) ? y[k] : undefined;
    if (x[k] !== v) collectDifferences(x[k], v, at(k), out);
  }
  for (const k of Object.keys(y)) if (!Object.hasOwn(x, k)) collectDifferences(undefined, y[k], at(k), out);
}

/**
 * JSON.stringify(a) === JSON.stringify(b), without building the texts when both are plain data
 * (strings, booleans, null, finite numbers, arrays and plain objects of them): a distribution of
 * each of 10,000 nodes in 6 variants was 120,000 texts. Anything else (undefined, NaN, a class
 * instance, a toJSON) is left to JSON.stringify.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return samePlain(a, b) ?? JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the JSON texts of a and b are the same, or undefined when either holds something JSON writes in its own way. */
function samePlain(a: unknown, b: unknown): boolean | undefined {
  const ka = plainKind(a);
  const kb = plainKind(b);
  if (ka === null || kb === null) return undefined;
  if (ka !== kb) return false; // a number's text is no string's, array's or object's
  if (ka === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return plainItems(x) && plainItems(y) ? false : undefined;
    let same = true;
    for (let i = 0; i < x.length; i++) {
      const s = samePlain(x[i], y[i]);
      if (s === undefined) return undefined;
      same &&= s;
    }
    return same;
  }
  if (ka === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    let same = kx.length === ky.length;
    for (let i = 0; i < kx.length; i++) {
      if (same && kx[i] !== ky[i]) same = false;
      const s = same ? samePlain(x[kx[i]], y[ky[i]]) : plainKind(x[kx[i]]) === null ? undefined : false;
      if (s === undefined) return undefined;
      same &&= s;
    }
    for (const k of ky) if (plainKind(y[k]) === null) return undefined;
    return same;
  }
  return a === b; // finite numbers (0 and -0 both write 0), strings, booleans, null
}

function plainItems(list: unknown[]): boolean {
  return list.every((v) => plainKind(v) !== null);
}

/** What kind of plain data a value is, or null when JSON.stringify would do something of its own with it (or with a part of it, found on the way). */
function plainKind(v: unknown): 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object' | null {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? 'number' : null;
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'object': {
      if ('toJSON' in v) return null; // JSON writes what it returns
      if (Array.isArray(v)) return 'array';
      const proto = Object.getPrototypeOf(v);
      return proto === Object.prototype || proto === null ? 'object' : null;
    }
    default:
      return null;
  }
}
