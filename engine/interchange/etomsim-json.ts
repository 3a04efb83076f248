// The JSON that export-bpmn writes inside etomsim's own attributes (etomsim:duration,
// etomsim:pool, etomsim:shifts, a calendar's periods, an arrival's interarrival and profile),
// read back by import-bpmn with its shape checked. A modeller may open the file in a modelling
// tool or an editor and type a value by hand ("2h" for a duration): that is a problem of the
// file, told like any other, never an internal error (s33x F9).
//
// Invariant: a value is returned only when it has the shape its attribute's type says, numbers
// where numbers are read; what the numbers may be (a negative mean) is the scenario's
// validation's to tell, as for any imported value.
import { PARAMETERS } from '../scenario/distribution.js';
import type { ArrivalProfile, DistSpec, ShiftSpec, WeeklyPeriod } from '../scenario/types.js';

/** What an attribute holds: a test of the parsed value, and, for the message, its words and an example as export-bpmn writes it. */
export interface JsonShape<T> {
  what: string;
  example: string;
  holds: (value: unknown) => value is T;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number'; // JSON has no NaN or Infinity
const numbers = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) && (length === undefined || v.length === length) && v.every(isNumber);
const isPeriod = (v: unknown): v is WeeklyPeriod => isObject(v) && isNumber(v.start) && isNumber(v.end);

function isDistribution(v: unknown): v is DistSpec {
  if (!isObject(v) || typeof v.kind !== 'string') return false;
  if (v.kind === 'constant') return isNumber(v.value);
  if (v.kind === 'empirical') return numbers(v.values) && v.values.length > 0;
  // own keys only: a kind of 'constructor' or '__proto__' is no distribution
  if (!Object.hasOwn(PARAMETERS, v.kind)) return false;
  return PARAMETERS[v.kind as keyof typeof PARAMETERS].every((p) => isNumber(v[p]));
}

/** A distribution in hours (etomsim:duration, an arrival's interarrival). */
export const DISTRIBUTION: JsonShape<DistSpec> = {
  what: 'a distribution in hours',
  example: '{"kind":"exponential","mean":2}',
  holds: isDistribution,
};

/** A skill pool's teams, in preference order (etomsim:pool). */
export const TEAMS: JsonShape<string[]> = {
  what: 'a list of team names',
  example: '["tier1","tier2"]',
  holds: (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string'),
};

/** A calendar's open hours, from Monday 00:00 (an etomsim:calendar's periods). */
export const PERIODS: JsonShape<WeeklyPeriod[]> = {
  what: 'a list of weekly periods in hours from Monday 00:00',
  example: '[{"start":8,"end":18},{"start":32,"end":42}]',
  holds: (v): v is WeeklyPeriod[] => Array.isArray(v) && v.every(isPeriod),
};

/** A team's roster (etomsim:shifts). */
export const SHIFTS: JsonShape<ShiftSpec[]> = {
  what: 'a list of shifts, each its weekly periods and capacity',
  example: '[{"periods":[{"start":8,"end":16}],"capacity":2}]',
  holds: (v): v is ShiftSpec[] =>
    Array.isArray(v) &&
    v.every(
      (s) =>
        isObject(s) &&
        Array.isArray(s.periods) &&
        s.periods.every(isPeriod) &&
        isNumber(s.capacity) &&
        (s.description === undefined || typeof s.description === 'string'),
    ),
};

/** An arrival stream's weekly profile: 7 day factors from Monday, 24 hour factors from 00:00. */
export const PROFILE: JsonShape<ArrivalProfile> = {
  what: 'a profile of 7 day factors (Monday first) and 24 hour factors',
  example: '{"days":[1,1,1,1,1,0.5,0],"hours":[0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0]}',
  holds: (v): v is ArrivalProfile => isObject(v) && numbers(v.days, 7) && numbers(v.hours, 24),
};

/** The longest text of a found value a message quotes whole. */
const QUOTED = 60;

/**
 * The value of attribute `attribute` (its text `text`, undefined when absent) if it is JSON of
 * `shape`; else undefined, `report` told what it must be, like
 * `etomsim:duration must be etomsim's JSON for a distribution in hours, like {"kind":"exponential","mean":2}; found '2h'`.
 */
export function readEtomsimJson<T>(
  text: string | undefined,
  attribute: string,
  shape: JsonShape<T>,
  report: (message: string) => void,
): T | undefined {
  if (text !== undefined) {
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false; // the message below says what was found and what it must be
    }
    if (parsed && shape.holds(value)) return value;
  }
  const shown = text === undefined ? '' : text.replace(/\s+/g, ' ');
  const found = text === undefined ? 'nothing' : `'${shown.length > QUOTED ? `${shown.slice(0, QUOTED - 3)}...` : shown}'`;
  report(`${attribute} must be etomsim's JSON for ${shape.what}, like ${shape.example}; found ${found}`);
  return undefined;
}
