// The arrival streams: which flow each feeds, how often cases come (an interarrival
// distribution, or a Poisson `rate: N/u`), and their priority.
//
// Extension to the spec (version 1): a stream with a `rate` may carry a weekly `profile`
// that scales the rate by day and hour of the week, factor(t) = days[weekday] * hours[hour]:
//   profile: { days: { mon: 1, ..., sun: 0.2 }, hours: [24 factors, 00:00 first] }
// Both parts are optional (a missing day or a missing `hours` means factor 1); factors are
// plain numbers >= 0, and some hour of the week must have a factor above 0.
//
// Extension: a stream may begin later and bring a bounded number of cases. `after: DURATION`
// (default 0) is the time before which it brings none, its first case one interarrival after
// it, as time 0 is otherwise (before the horizon: a stream beginning at or after it brings no
// case); `cases: N` (a whole number of 1 or more) is the most cases it brings, as BIMP's
// processInstances says how many to simulate. Neither touches the stream's random numbers: a
// variant that changes neither draws the same arrivals (common random numbers). A stream with
// `cases` may have an interarrival of 0: a batch, its N cases all at once at `after` (a backlog
// at go-live, a bulk migration); without `cases` a zero interarrival is refused.
//
// Extension: a stream may name a `calendar`, in whose open hours alone its gaps elapse (as an
// automated task's duration does in its own): cases come only while it is open, at the
// interarrival's pace, the first one interarrival of open time after time 0. A stream takes a
// profile or a calendar, not both: a profile already says in which hours cases come.

import { hasZeroMean, readDistribution } from './distribution.js';
import { readDuration, readRate, type TimeUnit } from './duration.js';
import { checkKeys, describeValue, given, isPlainMap, readInteger, readList, readNumber, requireKey, type PlainMap } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import { readReference } from './references.js';
import { WEEKDAYS, type ArrivalProfile, type ArrivalSpec, type DistSpec } from './types.js';

const ARRIVAL_KEYS = ['flow', 'interarrival', 'rate', 'priority', 'profile', 'after', 'cases', 'calendar'];
const PROFILE_KEYS = ['days', 'hours'];
const HOURS_PER_DAY = 24;
const EXAMPLE = '- { flow: order_to_activation, rate: 3/h }';

interface ArrivalContext {
  timeUnit: TimeUnit;
  flows: readonly string[];
  /** the run's horizon in hours; undefined when it is not valid (then `after` is not compared with it) */
  horizon: number | undefined;
  /** the calendars defined (their names), which a stream's `calendar` may name */
  calendars: readonly string[];
}

export function readArrivals(doc: PlainMap, problems: Problems, context: ArrivalContext): ArrivalSpec[] {
  if (!Object.hasOwn(doc, 'arrivals')) {
    problems.missing(['arrivals'], `the scenario needs arrivals, at least one stream of cases, like arrivals: [${EXAMPLE.slice(2)}]`);
    return [];
  }
  const list = readList(doc.arrivals, ['arrivals'], problems, 'arrivals', EXAMPLE);
  if (!list) return [];
  if (list.length === 0) {
    problems.atValue(['arrivals'], `arrivals needs at least one stream of cases, like ${EXAMPLE}`);
    return [];
  }
  const streamsPerFlow = new Map<string, number>();
  return list.flatMap((raw, i) => {
    const arrival = readArrival(raw, ['arrivals', i], problems, context);
    if (!arrival) return [];
    arrival.ordinal = streamsPerFlow.get(arrival.flow) ?? 0;
    streamsPerFlow.set(arrival.flow, arrival.ordinal + 1);
    return [arrival];
  });
}

function readArrival(raw: unknown, path: KeyPath, problems: Problems, context: ArrivalContext): ArrivalSpec | undefined {
  if (!isPlainMap(raw)) {
    problems.atValue(path, `an arrival stream must be a map, like { flow: order_to_activation, rate: 3/h }; found ${describeValue(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, ARRIVAL_KEYS, problems);
  const rawFlow = requireKey(raw, 'flow', path, problems, 'an arrival stream needs flow: the flow its cases start');
  const flow =
    rawFlow === undefined
      ? undefined
      : readReference(rawFlow, [...path, 'flow'], problems, { kind: 'flow', known: context.flows, where: 'under flows' });
  const timing = readTiming(raw, path, problems, context.timeUnit);
  const priority = given(raw, 'priority') ? readInteger(raw.priority, [...path, 'priority'], problems, 'priority', null) : 0;
  const profile = readProfileIfAny(raw, path, problems);
  const bounds = readBounds(raw, path, problems, context);
  let calendar = readStreamCalendar(raw, path, problems, context.calendars);
  if (calendar && timing && bounds?.cases !== undefined && hasZeroMean(timing.interarrival)) {
    problems.atKey(
      [...path, 'calendar'],
      'a batch (interarrival 0 with cases) brings its cases at one moment, `after`, which a calendar does not move; remove calendar and set after to an open moment',
    );
    calendar = undefined;
  }
  if (flow === undefined || !timing || priority === undefined || profile === undefined || !bounds || calendar === undefined)
    return undefined;
  return { flow, ordinal: 0, ...timing, profile, ...(calendar === null ? {} : { calendar }), priority, ...bounds };
}

/** null without a calendar; undefined after a problem. */
function readStreamCalendar(raw: PlainMap, path: KeyPath, problems: Problems, calendars: readonly string[]): string | null | undefined {
  if (!given(raw, 'calendar')) return null;
  const at = [...path, 'calendar'];
  if (given(raw, 'profile')) {
    problems.atKey(
      at,
      'give either profile or calendar, not both: a profile scales a Poisson rate hour by hour (0 where no case comes), a calendar lets the gaps elapse in its open hours only',
    );
    return undefined;
  }
  return readReference(raw.calendar, at, problems, { kind: 'calendar', known: calendars, where: 'under calendars' });
}

/** `after` and `cases`, each only when given (a stream without them compiles and writes as before). */
function readBounds(
  raw: PlainMap,
  path: KeyPath,
  problems: Problems,
  context: ArrivalContext,
): { after?: number; cases?: number } | undefined {
  const out: { after?: number; cases?: number } = {};
  let ok = true;
  if (given(raw, 'after')) {
    const afterPath = [...path, 'after'];
    const after = readDuration(raw.after, afterPath, problems, 'after', context.timeUnit);
    if (after !== undefined && context.horizon !== undefined && after >= context.horizon) {
      problems.atValue(
        afterPath,
        `after (${describeValue(raw.after)}) must be earlier than the run's horizon (${context.horizon} h): the stream would bring no case; shorten it or lengthen run.horizon`,
      );
      ok = false;
    } else if (after === undefined) ok = false;
    else if (after > 0) out.after = after;
  }
  if (given(raw, 'cases')) {
    const cases = readInteger(raw.cases, [...path, 'cases'], problems, 'cases (the most cases the stream brings)', 1);
    if (cases === undefined) ok = false;
    else out.cases = cases;
  }
  return ok ? out : undefined;
}

/** Exactly one of `interarrival` (any distribution) or `rate` (Poisson, "N/u"). */
function readTiming(
  raw: PlainMap,
  path: KeyPath,
  problems: Problems,
  timeUnit: TimeUnit,
): { interarrival: DistSpec; fromRate: boolean } | undefined {
  const hasInterarrival = given(raw, 'interarrival');
  const hasRate = given(raw, 'rate');
  if (hasInterarrival && hasRate) {
    problems.atKey(
      [...path, 'rate'],
      'give either interarrival or rate, not both: a rate N/h is an exponential interarrival with mean 1/N h',
    );
  }
  if (!hasInterarrival && !hasRate) {
    problems.atValue(
      path,
      'an arrival stream needs either interarrival (a distribution, like { exponential: { mean: 12m } }) or rate (like 3/h)',
    );
    return undefined;
  }
  const interarrival = hasInterarrival
    ? readInterarrival(raw.interarrival, [...path, 'interarrival'], problems, timeUnit, given(raw, 'cases'))
    : undefined;
  const mean = hasRate ? readRate(raw.rate, [...path, 'rate'], problems) : undefined;
  if (hasInterarrival && hasRate) return undefined;
  if (interarrival) return { interarrival, fromRate: false };
  if (mean !== undefined) return { interarrival: { kind: 'exponential', mean }, fromRate: true };
  return undefined;
}

/**
 * An interarrival of 0 (every draw 0: hasZeroMean) is a batch: the stream's `cases` all at once,
 * at its `after` (isBatch, arrival-profile.ts). Only a stream bounded by `cases` may have one:
 * without it the stream would bring infinitely many cases at one instant.
 */
function readInterarrival(raw: unknown, path: KeyPath, problems: Problems, timeUnit: TimeUnit, bounded: boolean): DistSpec | undefined {
  const dist = readDistribution(raw, path, problems, 'interarrival', timeUnit);
  if (dist && hasZeroMean(dist) && !bounded) {
    problems.atValue(
      path,
      'a zero interarrival without `cases` would bring infinitely many cases at once; give cases: N for a batch of N cases at once (at `after`), or an interarrival with a mean above 0',
    );
    return undefined;
  }
  return dist;
}

/** null without a profile; undefined after a problem. */
function readProfileIfAny(raw: PlainMap, path: KeyPath, problems: Problems): ArrivalProfile | null | undefined {
  if (!given(raw, 'profile')) return null;
  const profilePath = [...path, 'profile'];
  if (!given(raw, 'rate')) {
    problems.atKey(
      profilePath,
      'profile only applies to a stream with a rate (it scales the rate over the week); write rate: N/h instead of interarrival, or remove profile',
    );
    return undefined;
  }
  const profile = raw.profile;
  if (!isPlainMap(profile)) {
    problems.atValue(
      profilePath,
      `profile must be a map like { days: { sat: 0.5, sun: 0 }, hours: [24 factors] }; found ${describeValue(profile)}`,
    );
    return undefined;
  }
  checkKeys(profile, profilePath, PROFILE_KEYS, problems);
  const days = readDayFactors(profile.days, [...profilePath, 'days'], problems);
  const hours = readHourFactors(profile.hours, [...profilePath, 'hours'], problems);
  if (!days || !hours) return undefined;
  if (Math.max(...days) === 0 || Math.max(...hours) === 0) {
    problems.atValue(
      profilePath,
      'profile is 0 at every hour of the week, so no case would ever arrive; make some day and some hour factor greater than 0',
    );
    return undefined;
  }
  return { days, hours };
}

/** Seven factors, Monday first; a day left out keeps factor 1. */
function readDayFactors(raw: unknown, path: KeyPath, problems: Problems): number[] | undefined {
  if (raw === undefined || raw === null) return WEEKDAYS.map(() => 1);
  if (!isPlainMap(raw)) {
    problems.atValue(path, `days must be a map of day factors, like { sat: 0.5, sun: 0 }; found ${describeValue(raw)}`);
    return undefined;
  }
  const before = problems.count;
  checkKeys(raw, path, WEEKDAYS, problems);
  const factors = WEEKDAYS.map((day) =>
    Object.hasOwn(raw, day) ? readNumber(raw[day], [...path, day], problems, `the factor of ${day}`, { min: 0, strict: false }) : 1,
  );
  return problems.count === before ? (factors as number[]) : undefined;
}

/** Twenty-four factors, 00:00 first; no list means factor 1 all day. */
function readHourFactors(raw: unknown, path: KeyPath, problems: Problems): number[] | undefined {
  if (raw === undefined || raw === null) return Array.from({ length: HOURS_PER_DAY }, () => 1);
  if (!Array.isArray(raw) || raw.length !== HOURS_PER_DAY) {
    const found = Array.isArray(raw) ? `a list of ${raw.length}` : describeValue(raw);
    problems.atValue(path, `hours must be a list of exactly 24 factors, one per hour from 00:00; found ${found}`);
    return undefined;
  }
  const factors = raw.map((f, i) => readNumber(f, [...path, i], problems, `the factor of hour ${i}`, { min: 0, strict: false }));
  return factors.every((f) => f !== undefined) ? (factors as number[]) : undefined;
}
