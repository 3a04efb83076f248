// The rules of a whole scenario document (spec: scenario-format.md), applied to plain data
// so that the baseline and every patched variant are checked alike. Every problem is
// reported, not just the first; the typed Scenario is returned only when there is none.
//
// Extension to the spec (version 1): resources, shifts and calendars, like flows, nodes and
// variants, may carry a `description` text: the simulation ignores it, the reports show it
// (a calendar's is for the reader of the file alone).

import { readCalendar, readWeeklyHours } from './calendar-spec.js';
import { readCurrency } from './currency.js';
import { DEFAULT_TIME_UNIT, readDuration, TIME_UNITS, type TimeUnit } from './duration.js';
import {
  checkKeys,
  describeValue,
  given,
  isPlainMap,
  optionalDescription,
  readEntries,
  readInteger,
  readList,
  readNumber,
  readSettings,
  requireKey,
  type PlainMap,
} from './fields.js';
import { MAX_CASES_PER_REPLICATION, MAX_COST_PER_HOUR, MAX_REPLICATIONS, MAX_UNITS } from './limits.js';
import { expectedArrivals } from '../model/offered-load.js';
import { checkName, CONTROL_CHARACTER, foldedName } from './names.js';
import type { KeyPath, Problems } from './problems.js';
import { weeklyCapacity } from './roster.js';
import { DEFAULT_RUN_START, readRunStart } from './run-start.js';
import { readReference } from './references.js';
import { didYouMean } from './suggest.js';
import type { CalendarSpec, ResourceSpec, RunSpec, Scenario, ShiftSpec } from './types.js';
import { readArrivals } from './validate-arrivals.js';
import { readFlows } from './validate-flow.js';
import { ReadOnce } from './read-once.js';
import { largest } from '../lists.js';
import { shiftName } from './shift-name.js';
import { wholeNumber } from '../number-format.js';

const TOP_KEYS = ['name', 'description', 'time_unit', 'currency', 'run', 'calendars', 'resources', 'arrivals', 'flows', 'variants'];
/** A top-level key with this prefix is the user's own (a block for YAML anchors, as Compose's `x-`): read by no one. */
export const EXTENSION_PREFIX = 'x-';
const RUN_KEYS = ['horizon', 'warmup', 'replications', 'seed', 'start'];
const RESOURCE_KEYS = ['capacity', 'cost_per_hour', 'calendar', 'shifts', 'max_capacity', 'description'];
const SHIFT_KEYS = ['days', 'hours', 'capacity', 'description'];
const SHIFT_EXAMPLE =
  '[{ days: [mon, tue, wed, thu, fri], hours: "06:00-22:00", capacity: 3 }, { days: [mon, tue, wed, thu, fri], hours: "22:00-06:00", capacity: 1 }]';

const DEFAULT_RUN = { warmup: 0, replications: 10, seed: 1 };

/**
 * The typed scenario, or undefined when `problems` received any problem. `read`: what a
 * baseline read, given again for its variants, which take the parts their patch leaves alone
 * (read-once.ts): its run, calendars, teams, flows, nodes and arrival streams.
 */
export function validateScenario(doc: unknown, problems: Problems, read: ReadOnce = new ReadOnce()): Scenario | undefined {
  const before = problems.count;
  if (!isPlainMap(doc)) {
    problems.atValue(
      [],
      `a scenario must be a map with name, run, resources, arrivals and flows; found ${doc === null ? 'an empty file' : describeValue(doc)}`,
    );
    return undefined;
  }
  // the user's own `x-` keys (where `<<: *defaults` finds its `defaults`) are left to YAML alone
  checkKeys(Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith(EXTENSION_PREFIX))), [], TOP_KEYS, problems);
  const name = readScenarioName(doc, problems);
  const description = optionalDescription(doc, [], problems);
  const timeUnit = readTimeUnit(doc, problems);
  const currency = readCurrency(doc, problems);
  const run = read.read('run', doc.run, [timeUnit], problems, () => readRun(doc, problems, timeUnit));
  const calendars = read.read('calendars', doc.calendars, [], problems, () => readCalendars(doc, problems));
  const calendarNames = isPlainMap(doc.calendars) ? Object.keys(doc.calendars) : [];
  const resources = readResources(doc, problems, calendarNames, read);
  const flows = readFlows(doc, problems, {
    timeUnit,
    resources: resources.map((r) => r.name),
    calendars: calendarNames,
    read,
  });
  const horizon = run.horizon > 0 ? run.horizon : undefined;
  const names = flowNames(doc);
  const arrivals = read.read('arrivals', doc.arrivals, [timeUnit, names, calendarNames, horizon], problems, () =>
    readArrivals(doc, problems, { timeUnit, flows: names, calendars: calendarNames, horizon }),
  );
  if (problems.count > before) return undefined;
  const scenario: Scenario = { name, description, timeUnit, currency, run, calendars, resources, arrivals, flows };
  // what it reads: the streams, the calendars they keep hours by, the horizon and the flows' names
  read.read('cases per replication', arrivals, [calendars, run.horizon, names], problems, () =>
    checkCasesPerReplication(scenario, problems),
  );
  return problems.count > before ? undefined : scenario;
}

/**
 * A flow expecting more cases in a replication than it can keep (MAX_CASES_PER_REPLICATION): refused at the
 * horizon, before any replication runs. True (a value ReadOnce keeps) when there is none.
 */
function checkCasesPerReplication(scenario: Scenario, problems: Problems): true {
  const { max, why } = MAX_CASES_PER_REPLICATION;
  for (const flow of scenario.flows) {
    const cases = expectedArrivals(scenario, flow.name, scenario.run.horizon);
    if (!(cases > max)) continue;
    problems.atValue(
      ['run', 'horizon'],
      `flow '${flow.name}' expects about ${wholeNumber(cases)} cases in a replication (its arrivals' rates over the horizon), ` +
        `more than ${wholeNumber(max)} (${why}): a shorter horizon, or lower rates and more replications`,
    );
  }
  return true;
}

function readScenarioName(doc: PlainMap, problems: Problems): string {
  const raw = requireKey(doc, 'name', [], problems, 'the scenario needs a name, like name: Fiber order-to-activation');
  if (raw === undefined) return '';
  if (typeof raw !== 'string' || raw.trim() === '') {
    problems.atValue(
      ['name'],
      `the scenario name must be a non-empty text, like name: Fiber order-to-activation; found ${describeValue(raw)}`,
    );
    return '';
  }
  // s39e: a NUL was accepted (names.ts' CONTROL_CHARACTER); tabs and line breaks are folded, as they always printed
  const control = CONTROL_CHARACTER.exec(raw);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const at = [...raw.slice(0, control.index)].length + 1; // in characters as people count them, not UTF-16 units
    problems.atValue(
      ['name'],
      `the scenario name must be printable text, like name: Fiber order-to-activation; found the control character U+${code} at its character ${at}`,
    );
    return '';
  }
  return foldedName(raw);
}

/** An invalid time unit is reported and hours assumed, so that the durations still get checked. */
function readTimeUnit(doc: PlainMap, problems: Problems): TimeUnit {
  if (!given(doc, 'time_unit')) return DEFAULT_TIME_UNIT;
  const raw = doc.time_unit;
  if (typeof raw === 'string' && (TIME_UNITS as readonly string[]).includes(raw)) return raw as TimeUnit;
  const hint = typeof raw === 'string' ? didYouMean(raw, TIME_UNITS) : '';
  problems.atValue(['time_unit'], `time_unit must be one of ${TIME_UNITS.join(', ')}; found ${describeValue(raw)}${hint}`);
  return DEFAULT_TIME_UNIT;
}

function readRun(doc: PlainMap, problems: Problems, timeUnit: TimeUnit): RunSpec {
  const run: RunSpec = { horizon: 0, ...DEFAULT_RUN, start: DEFAULT_RUN_START };
  if (!Object.hasOwn(doc, 'run')) {
    problems.missing(['run'], 'the scenario needs run, with at least a horizon, like run: { horizon: 90d }');
    return run;
  }
  const map = readSettings(doc.run, ['run'], problems, 'run', '{ horizon: 90d, warmup: 10d, replications: 20, seed: 2026 }');
  if (!map) return run;
  checkKeys(map, ['run'], RUN_KEYS, problems);
  const rawHorizon = requireKey(
    map,
    'horizon',
    ['run'],
    problems,
    'run needs a horizon, the simulated time of one replication, like horizon: 90d',
  );
  const horizon = rawHorizon === undefined ? undefined : readDuration(rawHorizon, ['run', 'horizon'], problems, 'horizon', timeUnit, true);
  if (horizon !== undefined) run.horizon = horizon;
  if (given(map, 'warmup')) {
    const warmup = readDuration(map.warmup, ['run', 'warmup'], problems, 'warmup', timeUnit);
    if (warmup !== undefined && horizon !== undefined && warmup >= horizon) {
      problems.atValue(['run', 'warmup'], `warmup (${map.warmup}) must be shorter than the horizon (${map.horizon})`);
    }
    run.warmup = warmup ?? 0;
  }
  if (given(map, 'replications')) {
    run.replications = readInteger(map.replications, ['run', 'replications'], problems, 'replications', 1, MAX_REPLICATIONS) ?? 1;
  }
  if (given(map, 'seed')) run.seed = readInteger(map.seed, ['run', 'seed'], problems, 'seed', null) ?? 1;
  if (given(map, 'start')) run.start = readRunStart(map.start, ['run', 'start'], problems) ?? DEFAULT_RUN_START;
  return run;
}

function readCalendars(doc: PlainMap, problems: Problems): CalendarSpec[] {
  const entries = readEntries(doc.calendars, ['calendars'], problems, '{ business_hours: { days: [mon, tue], hours: "08:00-18:00" } }');
  if (!entries) return [];
  return Object.entries(entries).flatMap(([name, raw]) => {
    checkName(name, ['calendars', name], problems, 'calendar');
    return readCalendar(name, raw, ['calendars', name], problems) ?? [];
  });
}

/** The teams; each read once for a file (read-once.ts), as it names nothing but its calendar. */
function readResources(doc: PlainMap, problems: Problems, calendars: string[], read: ReadOnce): ResourceSpec[] {
  if (!Object.hasOwn(doc, 'resources')) {
    problems.missing(
      ['resources'],
      'the scenario needs resources (the teams), like resources: { order_desk: { capacity: 6 } }; write resources: {} if every task is automated',
    );
    return [];
  }
  const entries = readEntries(doc.resources, ['resources'], problems, '{ order_desk: { capacity: 6, cost_per_hour: 40 } }');
  if (!entries) return [];
  return Object.entries(entries).map(([name, raw]) =>
    read.read('resource', raw, [name, calendars], problems, () => readResource(name, raw, problems, calendars)),
  );
}

function readResource(name: string, raw: unknown, problems: Problems, calendars: string[]): ResourceSpec {
  const path = ['resources', name];
  const resource: ResourceSpec = { name, capacity: 0, costPerHour: 0, calendar: null };
  checkName(name, path, problems, 'resource');
  if (!isPlainMap(raw)) {
    problems.atValue(
      path,
      `resource '${name}' must be a map, like { capacity: 6, cost_per_hour: 40, calendar: business_hours }; found ${describeValue(raw)}`,
    );
    return resource;
  }
  checkKeys(raw, path, RESOURCE_KEYS, problems);
  const description = optionalDescription(raw, path, problems);
  if (description !== null) resource.description = description;
  if (given(raw, 'shifts')) {
    for (const key of ['capacity', 'calendar']) {
      if (given(raw, key))
        problems.atKey(
          [...path, key],
          `resource '${name}' has shifts, which give its capacity and hours: remove ${key} (or remove shifts)`,
        );
    }
    resource.shifts = readShifts(raw.shifts, [...path, 'shifts'], problems, name);
    resource.capacity = peakCapacity(resource.shifts);
    if (resource.capacity > MAX_UNITS.max) {
      problems.atValue(
        [...path, 'shifts'],
        `the shifts of '${name}' put ${wholeNumber(resource.capacity)} units on at once where they overlap; a team can have at most ${wholeNumber(MAX_UNITS.max)} (${MAX_UNITS.why})`,
      );
    }
  } else {
    const capacity = requireKey(
      raw,
      'capacity',
      path,
      problems,
      `resource '${name}' needs a capacity, the number of people or units in the team, like capacity: 6 (or shifts, a roster, like shifts: ${SHIFT_EXAMPLE})`,
    );
    if (capacity !== undefined) {
      resource.capacity =
        readInteger(capacity, [...path, 'capacity'], problems, 'capacity (people or units in the team)', 0, MAX_UNITS) ?? 0;
    }
  }
  if (given(raw, 'cost_per_hour')) {
    resource.costPerHour =
      readNumber(raw.cost_per_hour, [...path, 'cost_per_hour'], problems, 'cost_per_hour', { min: 0, strict: false }, MAX_COST_PER_HOUR) ??
      0;
  } else resource.costGiven = false;
  if (given(raw, 'calendar') && !given(raw, 'shifts')) {
    resource.calendar =
      readReference(raw.calendar, [...path, 'calendar'], problems, { kind: 'calendar', known: calendars, where: 'under calendars' }) ??
      null;
  }
  if (given(raw, 'max_capacity')) {
    const max = readInteger(
      raw.max_capacity,
      [...path, 'max_capacity'],
      problems,
      'max_capacity (the most units the team can have)',
      0,
      MAX_UNITS,
    );
    if (max !== undefined && max < resource.capacity) {
      const what = resource.shifts ? `its roster's largest capacity (${resource.capacity})` : `its capacity (${resource.capacity})`;
      problems.atValue([...path, 'max_capacity'], `max_capacity (${max}) is below ${what}; raise it or lower the capacity`);
    }
    resource.maxCapacity = max ?? null;
  }
  return resource;
}

/** A roster: a non-empty list of shifts, each with days, hours and a capacity. */
function readShifts(raw: unknown, path: KeyPath, problems: Problems, team: string): ShiftSpec[] | null {
  const list = readList(raw, path, problems, 'shifts', SHIFT_EXAMPLE);
  if (!list) return null;
  if (list.length === 0) {
    problems.atValue(path, `shifts must list at least one shift, like ${SHIFT_EXAMPLE}; found an empty list`);
    return null;
  }
  const shifts: ShiftSpec[] = [];
  list.forEach((item, i) => {
    const at = [...path, i];
    if (!isPlainMap(item)) {
      problems.atValue(
        at,
        `a shift must be a map with days, hours and capacity, like { days: [mon, tue], hours: "06:00-22:00", capacity: 3 }; found ${describeValue(item)}`,
      );
      return;
    }
    checkKeys(item, at, SHIFT_KEYS, problems);
    const description = optionalDescription(item, at, problems);
    const periods = readWeeklyHours(item, at, problems, `${shiftName(i, description)} of '${team}'`);
    const rawCapacity = requireKey(item, 'capacity', at, problems, 'a shift needs a capacity, the units working in it, like capacity: 3');
    const capacity =
      rawCapacity === undefined
        ? undefined
        : readInteger(rawCapacity, [...at, 'capacity'], problems, 'capacity (units working in this shift)', 0, MAX_UNITS);
    if (periods && capacity !== undefined) shifts.push(description === null ? { periods, capacity } : { periods, capacity, description });
  });
  return shifts.length === list.length ? shifts : null;
}

/** The largest sum of shift capacities at any moment of the week. */
function peakCapacity(shifts: ShiftSpec[] | null): number {
  if (!shifts) return 0;
  return largest(weeklyCapacity(shifts).capacity, 0);
}

function flowNames(doc: PlainMap): string[] {
  return isPlainMap(doc.flows) ? Object.keys(doc.flows) : [];
}
