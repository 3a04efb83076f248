// What a results.json (or a sizing.json) must hold for `etomsim report` to rebuild its report:
// checked on the parsed file before any report code runs, every problem at once, each at its
// key path (bin/commands/report.ts places them at FILE:LINE:COL).
//
// `report` exists to rebuild reports from files written by earlier versions, so this is the
// reader's contract, not the writer's (docs/results.schema.json says what `run` writes today,
// strictly). The differences, each on purpose:
// - Required: what results.json held when format 1 first shipped (f27d583, 2026-11-27; the
//   files of 1afd903, the first `report`, have the same keys) AND the reports read. Keys added
//   since are optional, and checked when present: variants' `bottlenecks` and `inputs`, the
//   flows' `open_at_horizon`, `open_age`, `kpis` and `served_by`, `charts.queue_length_hour_of_week`,
//   `time_unit`, `currency`, `start`, `interval`, `warnings`, `sensitivity`, the warm-up check's
//   `bin_hours`, `batch_hours` and `series`, the comparisons' `delta_pct_ci95` and
//   `significant_adjusted`, and the Johnson keys of `run --interval johnson` (a stat's and a
//   comparison's `ci95_johnson`, a comparison's `significant_johnson`,
//   `significant_adjusted_johnson` and `delta_pct_ci95_johnson`; a file written under it before they existed holds Johnson's
//   intervals in `ci95`, reports/shown-intervals.ts). Likewise, a metric of the catalogue that is not in FORMAT_1 below is
//   optional: the catalogue grows, old files lack the newer metrics. The reports also draw
//   files without the eTOM roll-ups (`etom`, `verticals`) and the cycle-time `breakdown`, and
//   are tested on such files (withoutOptionalSections in test/reports/fixture.ts): optional too.
// - Unknown keys are left alone: the format only ever adds keys, so a file from a later version
//   is read for what this version knows.
// - The schema constrains less than the reports need in places (a flow's cycle time, the
//   inputs the process map draws): those are required here.
// - Across the file, what the reports look up by name must be there: the flows and teams of
//   each variant's chart series, a comparison's variant, the steps the process map joins
//   (start, next, to, parallel, join). Checked beside the types, so that every problem shows
//   at once.
// Invariant: checking never throws, whatever the file holds (`__proto__` keys are data: the
// file is parsed into objects without a prototype, engine/records.ts).

import { CATALOGUE, SERIES_KINDS, type MetricScope } from '../model/metric-catalogue.js';
import { Problems, type KeyPath, type Problem } from '../scenario/problems.js';
import { isPlainMap } from '../scenario/fields.js';
import { didYouMean } from '../scenario/suggest.js';
import { PARAMETERS } from '../scenario/distribution.js';
import { takesShift } from '../scenario/types.js';
import { boolean, integer, list, nullable, num, number, object, oneOf, record, string, type Shape } from './shape.js';
import { HOURS_PER_WEEK } from '../week.js';

const share = num({ min: 0 });
const count = num({ min: 0, integer: true });
const interval = nullable(list(number, { length: 2 }));

export const STAT = object(
  'a stat ({ mean, sd, n, ci95 })',
  {
    mean: nullable(number),
    sd: nullable(number),
    n: count,
    ci95: interval,
  },
  { ci95_johnson: interval },
);

/** The metrics of each block that results.json held when format 1 first shipped: required. Every other catalogue metric is optional. */
const FORMAT_1: Record<MetricScope, readonly string[]> = {
  flow: [
    'arrived',
    'completed',
    'cancelled',
    'throughput_per_day',
    'wip',
    'cycle_time.mean',
    'cycle_time.p50',
    'cycle_time.p90',
    'cycle_time.p95',
    'cost_per_case',
  ],
  kpi: ['mean', 'p50', 'p90', 'p95', 'count'],
  node: ['visits'],
  resource: [
    'utilization',
    'queue_length',
    'wait',
    'busy_hours',
    'available_hours',
    'cost',
    'wait_hours',
    'wait_share',
    'bottleneck.sole',
    'bottleneck.shifting',
  ],
  served: ['visits', 'share', 'service_hours'],
  shift: [],
};

/** A block of stats for one scope, from the metric catalogue: a stat per metric, grouped (`cycle_time.p90`) as results.json groups them. */
function metricBlock(
  what: string,
  scope: MetricScope,
  extra: { required?: Record<string, Shape>; optional?: Record<string, Shape> } = {},
): Shape {
  const groups = new Map<string, { required: Record<string, Shape>; optional: Record<string, Shape> }>();
  const required: Record<string, Shape> = { ...extra.required };
  const optional: Record<string, Shape> = { ...extra.optional };
  for (const kind of Object.values(CATALOGUE[scope])) {
    const needed = FORMAT_1[scope].includes(kind.stat);
    const [group, stat] = kind.stat.split('.');
    if (stat === undefined) (needed ? required : optional)[group] = STAT;
    else {
      const g = groups.get(group) ?? { required: {}, optional: {} };
      (needed ? g.required : g.optional)[stat] = STAT;
      groups.set(group, g);
    }
  }
  for (const [group, g] of groups) {
    const shape = object(`a map of stats (${[...Object.keys(g.required), ...Object.keys(g.optional)].join(', ')})`, g.required, g.optional);
    (Object.keys(g.required).length > 0 ? required : optional)[group] = shape;
  }
  return object(what, required, optional);
}

const NODE = metricBlock("a node's stats", 'node', {
  optional: { served_by: record(metricBlock("a team's stats at a pooled task", 'served')) },
});
const KPI = metricBlock("a milestone KPI's stats", 'kpi');
const FLOW = metricBlock("a flow's stats", 'flow', { required: { nodes: record(NODE) }, optional: { kpis: record(KPI) } });
const RESOURCE = metricBlock("a team's stats", 'resource', { optional: { shifts: record(metricBlock("a shift's stats", 'shift')) } });

const TOTALS = { visits: STAT, wait_hours: STAT, service_hours: STAT, cost: STAT };
const ETOM = object("an eTOM process's stats", {
  ...TOTALS,
  name: nullable(string),
  level: nullable(integer),
  vertical: nullable(string),
  wait: STAT,
  service: STAT,
  nodes: list(string),
});

/** Per flow or team, per replication, a value per bin (null: none). */
const perReplication = (item: Shape, length?: number) => record(list(list(item, length === undefined ? {} : { length })));

const CHARTS = object(
  "a variant's chart data",
  {
    bin_hours: num({ above: 0 }),
    throughput_per_day: perReplication(nullable(number)),
    queue_length: perReplication(nullable(number)),
    bottleneck_share: perReplication(nullable(number)),
    cycle_time_percentiles: record(list(nullable(number), { length: 101 })),
  },
  {
    queue_length_hour_of_week: perReplication(nullable(number), HOURS_PER_WEEK),
  },
);

const PERIOD = object('a working period ({ start, end } in hours from Monday 00:00)', { start: number, end: number });

// The shapes below tell a value's parts by its kind; each is made once, here, not per value
// checked: a results file's inputs hold a step and a distribution per node and variant, and
// making their shapes afresh for each was about a sixth of the 50-variant file's check
// (`--cpu-prof`, session 47).

/** A distribution's parameters by its kind, after its `kind` is checked. */
const DISTRIBUTION_KINDS = ['constant', ...Object.keys(PARAMETERS), 'empirical'];
const DISTRIBUTION_HEAD = object(`a distribution ({ kind, and its parameters })`, { kind: oneOf(...DISTRIBUTION_KINDS) });
const DISTRIBUTION_BY_KIND = new Map(
  DISTRIBUTION_KINDS.map((kind) => {
    const parameters: Record<string, Shape> =
      kind === 'constant'
        ? { value: number }
        : kind === 'empirical'
          ? { values: list(number) }
          : Object.fromEntries(PARAMETERS[kind as keyof typeof PARAMETERS].map((p) => [p, number]));
    // a positive family's shift (scenario-format.md), absent without one and in files written before it
    const optional: Record<string, Shape> = takesShift(kind) ? { shift: number } : {};
    return [kind, object(`a ${kind} distribution`, parameters, optional)];
  }),
);

const DISTRIBUTION: Shape = {
  what: DISTRIBUTION_HEAD.what,
  isKind: isPlainMap,
  check(value, path, problems) {
    const before = problems.count;
    DISTRIBUTION_HEAD.check(value, path, problems);
    if (problems.count > before) return;
    DISTRIBUTION_BY_KIND.get((value as { kind: string }).kind)!.check(value, path, problems);
  },
};

const BRANCHES = list(object('a branch ({ to, p })', { to: string, p: number }, { p_by_visit: list(number) }));

const STEP_WHAT = 'a step of the flow ({ kind: task, decision or fork, ... })';
const STEP_HEAD = object(STEP_WHAT, { kind: oneOf('task', 'decision', 'fork'), etom: nullable(string) });
const STEP_BY_KIND = new Map(
  (['task', 'decision', 'fork'] as const).map((kind) => {
    const parts: Record<string, Shape> =
      kind === 'task'
        ? { resource: nullable(string), duration: DISTRIBUTION, next: nullable(string) }
        : kind === 'decision'
          ? { branch: BRANCHES }
          : { parallel: list(string), join: string };
    return [
      kind as string,
      object(
        `a ${kind}`,
        parts,
        kind === 'task' ? { pool: list(string), calendar: string, until: string, description: string } : { description: string },
      ),
    ];
  }),
);

const NODE_INPUT: Shape = {
  what: STEP_WHAT,
  isKind: DISTRIBUTION.isKind,
  check(value, path, problems) {
    const before = problems.count;
    STEP_HEAD.check(value, path, problems);
    if (problems.count > before) return;
    STEP_BY_KIND.get((value as { kind: string }).kind)!.check(value, path, problems);
  },
};

const PERIODS = list(PERIOD);
const POOL = list(string);

/**
 * A changed input's value, as the assumptions section reads it by the field changed (the
 * path's last key): a step or a distribution by its `kind`, a decision's branches, a shift's
 * periods; any other value is written as it is.
 */
function changedValue(field: string): Shape {
  return {
    what: 'a value of the inputs',
    isKind: () => true,
    check(value, path, problems) {
      if (isPlainMap(value) && typeof value.kind === 'string')
        return (['task', 'decision', 'fork'].includes(value.kind) ? NODE_INPUT : DISTRIBUTION).check(value, path, problems);
      if (field === 'branch' && Array.isArray(value)) return BRANCHES.check(value, path, problems);
      if (field === 'periods' && Array.isArray(value)) PERIODS.check(value, path, problems);
      if (field === 'pool' && Array.isArray(value)) POOL.check(value, path, problems);
    },
  };
}

const CHANGE_WHAT = 'a change against the baseline ({ path, baseline, variant })';
const CHANGE_HEAD = object(CHANGE_WHAT, { path: string });
/** A change's values by the field changed: the fields changedValue tells apart, and every other. */
const CHANGE_BY_FIELD = new Map(
  ['branch', 'periods', 'pool', ''].map((field) => [
    field,
    object(CHANGE_WHAT, {}, { baseline: changedValue(field), variant: changedValue(field) }),
  ]),
);

const CHANGE: Shape = {
  what: CHANGE_WHAT,
  isKind: isPlainMap,
  check(value, path, problems) {
    CHANGE_HEAD.check(value, path, problems);
    if (!isPlainMap(value) || typeof value.path !== 'string') return;
    const field = value.path.split('.').pop()!;
    (CHANGE_BY_FIELD.get(field) ?? CHANGE_BY_FIELD.get('')!).check(value, path, problems);
  },
};

const INPUTS = object('what was simulated (teams, calendars, arrivals, flows)', {
  calendars: record(list(PERIOD)),
  resources: record(
    object(
      'a team as simulated',
      {
        capacity: number,
        cost_per_hour: number,
        calendar: nullable(string),
        hours_per_week: number,
      },
      {
        shifts: nullable(
          list(object('a shift ({ periods, capacity })', { periods: list(PERIOD), capacity: number }, { description: string })),
        ),
        cost_given: boolean,
        description: string,
      },
    ),
  ),
  arrivals: list(
    object(
      'an arrival stream',
      {
        flow: string,
        rate_per_hour: nullable(number),
        interarrival: DISTRIBUTION,
        profile: nullable(
          object('an arrival profile ({ days, hours })', { days: list(number, { length: 7 }), hours: list(number, { length: 24 }) }),
        ),
        priority: number,
      },
      { calendar: string, after: number, cases: number },
    ),
  ),
  flows: record(
    object(
      'a flow as simulated',
      {
        etom: nullable(string),
        sla: nullable(number),
        start: string,
        cancel_after: nullable(number),
        nodes: record(NODE_INPUT),
      },
      { description: string, sla_working_days: object('an sla in working days', { working_days: integer, calendar: string }) },
    ),
  ),
  changes: list(CHANGE),
});

const STAT_PAIR_ROW = object("a team's bottleneck ranking row", {
  resource: string,
  sole: STAT,
  shifting: STAT,
  wait_share: STAT,
  utilization: STAT,
});

const VARIANT = object(
  'a variant block',
  {
    description: nullable(string),
    flows: record(FLOW),
    resources: record(RESOURCE),
    replications: record(list(nullable(number))),
    charts: CHARTS,
  },
  {
    etom: record(ETOM),
    verticals: record(object("an eTOM vertical's totals", TOTALS)),
    bottlenecks: object("the variant's bottlenecks ({ primary, ranking })", { primary: nullable(string), ranking: list(STAT_PAIR_ROW) }),
    inputs: INPUTS,
  },
);

export const COMPARISON = object(
  'a comparison',
  {
    variant: string,
    against: string,
    metric: string,
    baseline: number,
    value: number,
    delta: number,
    delta_pct: nullable(number),
    ci95: interval,
    significant: boolean,
  },
  {
    delta_pct_ci95: interval,
    significant_adjusted: nullable(boolean),
    ci95_johnson: interval,
    significant_johnson: boolean,
    significant_adjusted_johnson: nullable(boolean),
    delta_pct_ci95_johnson: interval,
  },
);

const WARMUP_CHECK = object(
  'the warm-up check',
  {
    warmup: number,
    suggested: record(record(nullable(number))),
    suggested_warmup: nullable(number),
    sufficient: boolean,
  },
  {
    judged: boolean,
    warmups: record(num({ min: 0 })),
    bin_hours: num({ above: 0 }),
    batch_hours: num({ above: 0 }),
    series: record(
      record(
        object('a warm-up series ({ truncation, transient, averaged })', {
          truncation: nullable(number),
          transient: boolean,
          averaged: list(nullable(number)),
        }),
      ),
    ),
  },
);

export const RESULTS = object(
  'an etomsim results file',
  {
    format: oneOf(1),
    scenario: string,
    description: nullable(string),
    engine: object('the engine block', {
      name: oneOf('etomsim'),
      version: string,
      seed: integer,
      replications: num({ min: 1, integer: true }),
    }),
    horizon: num({ above: 0 }),
    warmup: num({ min: 0 }),
    slas: record(number),
    precision: nullable(
      object(
        'the precision outcome',
        { target: number, metric: string, replications_needed: integer, met: boolean },
        {
          on: oneOf('means', 'differences', 'both'),
          relative_half_width: number,
          interval: oneOf('johnson'),
        },
      ),
    ),
    warmup_check: WARMUP_CHECK,
    variants: variantsShape(),
    comparisons: list(COMPARISON),
  },
  {
    time_unit: oneOf('minutes', 'hours', 'days'),
    currency: nullable(string),
    start: string,
    sla_working_days: record(object('an sla in working days', { working_days: integer, calendar: string })),
    interval: oneOf('t', 'johnson'),
    warnings: list(
      object('a warning ({ code, variant, subject, message })', {
        code: string,
        variant: nullable(string),
        subject: nullable(string),
        message: string,
      }),
    ),
    sensitivity: list(
      object(
        'one more unit of a team (run --sensitivity)',
        {
          resource: string,
          capacity: number,
          added_cost_per_week: number,
          flows: record(object("a flow's changes", { mean: nullable(COMPARISON), p90: nullable(COMPARISON) })),
          key_flow: nullable(string),
        },
        { cost_given: boolean },
      ),
    ),
  },
);

/** Variant blocks by name, the baseline among them. */
function variantsShape(): Shape {
  const each = record(VARIANT);
  return {
    parts: each.parts,
    what: 'a map of variant names to variant blocks, the baseline among them',
    isKind: each.isKind,
    check(value, path, problems) {
      const before = problems.count;
      each.check(value, path, problems);
      if (problems.count === before && !Object.hasOwn(value as object, 'baseline'))
        problems.missing([...path, 'baseline'], "missing the variant 'baseline' (every results file has it)");
    },
  };
}

/** Every problem that keeps the reports from reading a results.json, at its key path; none: it can be reported on. */
export function resultsProblems(data: unknown): Problem[] {
  const problems = new Problems();
  RESULTS.check(data, [], problems);
  crossReferences(data, problems);
  return problems.told();
}

/** A map's own entries, or a list's items by index; none for anything else (the shape check says what is wrong with it). */
function entriesOf(value: unknown): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((v, i) => [i, v]) : isPlainMap(value) ? Object.entries(value) : [];
}

/** The entries whose values are maps. */
function maps(value: unknown): [string | number, Record<string, unknown>][] {
  return entriesOf(value).filter((e): e is [string | number, Record<string, unknown>] => isPlainMap(e[1]));
}

/** The entries whose values are texts. */
function texts(value: unknown): [string | number, string][] {
  return entriesOf(value).filter((e): e is [string | number, string] => typeof e[1] === 'string');
}

/**
 * What the reports look up by name across the file. Checked beside the shape, so that a file
 * shows all its problems at once: each part is read only where it has the kind it should (a
 * part of another kind is the shape check's problem).
 */
function crossReferences(data: unknown, problems: Problems): void {
  if (!isPlainMap(data) || !isPlainMap(data.variants)) return;
  for (const [name, v] of maps(data.variants)) {
    const charts = isPlainMap(v.charts) ? v.charts : {};
    for (const series of Object.values(SERIES_KINDS)) {
      const owners = series.scope === 'flow' ? v.flows : v.resources;
      if (!isPlainMap(owners) || !isPlainMap(charts[series.key])) continue;
      for (const owner of Object.keys(charts[series.key] as object)) {
        if (!Object.hasOwn(owners, owner))
          problems.atKey(
            ['variants', name, 'charts', series.key, owner],
            `'${owner}' has chart data but is not among the variant's ${series.scope === 'flow' ? 'flows' : 'resources'}`,
          );
      }
    }
    // the process map draws each flow's steps and the arrows between them
    for (const [flow, input] of maps(isPlainMap(v.inputs) ? v.inputs.flows : undefined)) {
      if (!isPlainMap(input.nodes)) continue;
      const nodes = input.nodes;
      const path = ['variants', name, 'inputs', 'flows', flow];
      const steps = Object.keys(nodes);
      const known = (at: KeyPath, step: string) => {
        if (!Object.hasOwn(nodes, step))
          problems.atValue(at, `'${step}' is not a step of the flow '${flow}'${didYouMean(step, steps)} (its steps: ${steps.join(', ')})`);
      };
      if (typeof input.start === 'string') known([...path, 'start'], input.start);
      for (const [step, n] of maps(nodes)) {
        const at = [...path, 'nodes', step];
        for (const key of ['next', 'join'] as const) if (typeof n[key] === 'string') known([...at, key], n[key]);
        for (const [i, p] of texts(n.parallel)) known([...at, 'parallel', i], p);
        for (const [i, b] of maps(n.branch)) if (typeof b.to === 'string') known([...at, 'branch', i, 'to'], b.to);
      }
    }
  }
  const names = new Set(Object.keys(data.variants));
  for (const [i, c] of Array.isArray(data.comparisons) ? maps(data.comparisons) : []) {
    if (typeof c.variant === 'string' && !names.has(c.variant))
      problems.atValue(['comparisons', i, 'variant'], `the comparison names the variant '${c.variant}', which the file does not hold`);
  }
}

// sizing.json (`etomsim size --out`; engine/results/sizing.ts). `report` reads it since the
// sizing report existed (427eccb, 2026-11-30), when every key but the per-shift ones and
// `currency` was there: those are optional (readSizing in bin/commands/report.ts defaults them).
// So is every key added since, and each is checked when present, as every key the reports read
// must be (s35y F14: a malformed `refuted` or `uncosted` ended in "internal error", exit 1).

const METRIC_VALUE = object('a metric ({ mean, ci95 })', { mean: nullable(number), ci95: interval }, { ci95_johnson: interval });

const TARGET_OUTCOME = object('a target outcome ({ target, path, op, value, unit, bound, met })', {
  target: string,
  path: string,
  op: oneOf('<=', '<', '>=', '>'),
  value: number,
  unit: oneOf('number', 'share', 'duration'),
  bound: nullable(number),
  met: boolean,
});

const STAFFING_UNITS = object('a staffing ({ capacities })', { capacities: record(number) }, { shift_capacities: record(list(number)) });

const CANDIDATE = object(
  'a staffing ({ capacities, cost_per_hour, cost_per_week, meets, metrics, targets })',
  {
    capacities: record(number),
    cost_per_hour: number,
    cost_per_week: number,
    meets: boolean,
    metrics: record(METRIC_VALUE),
    targets: list(TARGET_OUTCOME),
  },
  {
    shift_capacities: record(list(number)),
    stopped: string,
    ineligible: string,
    unstable: string,
    other_placement: object('another placement ({ placed_after, reason })', { placed_after: nullable(STAFFING_UNITS), reason: string }),
  },
);

const VERIFICATION = object(
  'the verification ({ seed, replications, meets, targets })',
  {
    seed: integer,
    replications: integer,
    meets: boolean,
    targets: list(TARGET_OUTCOME),
  },
  {
    metrics: record(METRIC_VALUE),
    outcome: oneOf('confirmed', 'refuted', 'not_confirmed', 'unstable'),
    unstable: list(string),
    backlog_checked: boolean,
  },
);

const SIZING = object(
  'an etomsim sizing file',
  {
    scenario: string,
    targets: list(string),
    resources: list(string),
    lower_bounds: record(number),
    max_capacity: record(number),
    replications: num({ min: 1, integer: true }),
    seed: integer,
    confidence: object('the confidence ({ joint, per_target, targets })', { joint: share, per_target: share, targets: count }),
    chosen: nullable(CANDIDATE),
    verification: nullable(VERIFICATION),
    current: CANDIDATE,
    cost_difference_per_week: nullable(number),
    diagnosis: list(
      object(
        'a target not met ({ target, path, best_capacities, best_bound, best_mean, limits })',
        {
          target: string,
          path: string,
          best_capacities: record(number),
          best_bound: nullable(number),
          best_mean: nullable(number),
          limits: list(string),
        },
        {
          best_shift_capacities: record(list(number)),
          causes: list(oneOf('off_shift', 'automated', 'working_time', 'not_sized', 'maximum', 'interval')),
        },
      ),
    ),
    candidates: list(CANDIDATE),
  },
  {
    sizing_format: oneOf(1),
    interval: oneOf('johnson'),
    currency: nullable(string),
    min_capacity: record(number),
    no_work: list(string),
    uncosted: list(string),
    fragile: object('the fragile threshold ({ busy, teams })', { busy: share, teams: list(string) }),
    units_reasons: list(
      object(
        'why a team has its units ({ team, units, reason, fewer })',
        {
          team: string,
          units: number,
          reason: oneOf('target', 'unstable', 'stopped', 'refuted', 'not_eligible', 'lower_bound', 'minimum', 'met', 'not_tried'),
          fewer: nullable(STAFFING_UNITS),
        },
        {
          shift: count,
          missed: list(
            object(
              'a target missed ({ target, path, bound, mean, ci95 })',
              { target: string, path: string, bound: nullable(number), mean: nullable(number), ci95: interval },
              { ci95_johnson: interval },
            ),
          ),
          detail: string,
          searched: STAFFING_UNITS,
        },
      ),
    ),
    refuted: list(
      object(
        'a staffing not confirmed ({ capacities, cost_per_week, verification })',
        { capacities: record(number), cost_per_week: number, verification: VERIFICATION },
        { shift_capacities: record(list(number)) },
      ),
    ),
    per_shift: boolean,
    shifts: list(
      object(
        'a shift sized ({ team, shift, periods, hours_per_week, erlang_c, lower_bound, max_capacity, current, recommended, cost_per_week })',
        {
          team: string,
          shift: count,
          periods: list(PERIOD),
          hours_per_week: number,
          erlang_c: number,
          lower_bound: number,
          max_capacity: number,
          current: number,
          recommended: nullable(number),
          cost_per_week: object('the costs per week ({ current, recommended, difference })', {
            current: number,
            recommended: nullable(number),
            difference: nullable(number),
          }),
        },
        { description: string },
      ),
    ),
    erlang_c_intervals: record(
      list(
        object(
          'an Erlang C interval',
          {
            start: number,
            end: number,
            offered_load: number,
            mean_work: number,
            shifts: list(count),
            required: number,
          },
          { negligible: boolean },
        ),
      ),
    ),
    erlang_c_exact: record(boolean),
    queue_placement: object(
      'the queue placement ({ measured_on, waits, searches, consistent, set_aside })',
      {
        measured_on: nullable(STAFFING_UNITS),
        waits: record(record(number)),
        searches: count,
        consistent: nullable(boolean),
        set_aside: list(
          object(
            'a staffing whose waits were set aside ({ capacities, reason })',
            { capacities: record(number), reason: string },
            { shift_capacities: record(list(number)) },
          ),
        ),
      },
      {
        // session 42: the verification's unit more, checked against the placement its own waits ask
        unit_more: object(
          'the unit more placed after its own waits ({ capacities, consistent, ruled_out, unread })',
          { capacities: record(number), consistent: nullable(boolean), ruled_out: nullable(string), unread: nullable(string) },
          { shift_capacities: record(list(number)) },
        ),
      },
    ),
  },
);

/** Every problem that keeps the sizing report from being built from a sizing.json, at its key path. */
export function sizingProblems(data: unknown): Problem[] {
  const problems = new Problems();
  SIZING.check(data, [], problems);
  // with a recommendation, the page shows what it changes (checked beside the shape: the keys read here are looked at with care)
  const s = data as Record<string, unknown> | null;
  const chosen = typeof s === 'object' && s !== null && typeof s.chosen === 'object' && s.chosen !== null;
  if (!chosen) return problems.told();
  const needed = 'expected a number: the file has a chosen staffing';
  if (s.cost_difference_per_week === null) problems.atValue(['cost_difference_per_week'], needed);
  if (!Array.isArray(s.shifts)) return problems.told();
  s.shifts.forEach((shift: { recommended?: unknown; cost_per_week?: { recommended?: unknown; difference?: unknown } } | null, i) => {
    if (shift?.recommended === null) problems.atValue(['shifts', i, 'recommended'], needed);
    if (shift?.cost_per_week?.recommended === null) problems.atValue(['shifts', i, 'cost_per_week', 'recommended'], needed);
    if (shift?.cost_per_week?.difference === null) problems.atValue(['shifts', i, 'cost_per_week', 'difference'], needed);
  });
  return problems.told();
}
