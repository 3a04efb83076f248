// The JSON that export-bpmn writes inside etomsim's own attributes (etomsim:duration,
// etomsim:pool, etomsim:shifts, a calendar's periods, an arrival's interarrival and profile),
// read back by import-bpmn with its shape checked. A modeller may open the file in a modelling
// tool or an editor and type a value by hand ("2h" for a duration): that is a problem of the
// file, told like any other, never an internal error (s33x F9).
//
// Invariant: a value is returned only when it has the shape its attribute's type says, numbers
// where numbers are read; what the numbers may be (a negative mean) is the scenario's
// validation's to tell, as for any imported value, but for a weekly period (a calendar's, a
// shift's): import writes it as a day's hours ("08:00-18:00"), which cannot hold an end before
// its start, a period longer than a day or a fraction of a minute, so a period that is none is
// told here (`meaning`), at its element, with what was found: written as hours, {"start":18,"end":8}
// became a 14-hour night shift and {"start":8,"end":40} 08:00-16:00 (s34y F1).
import { duplicateKey, duplicateKeyMessage } from '../io/json-source.js';
import { parseJsonCounted } from '../records.js';
import { PARAMETERS } from '../scenario/distribution.js';
import { type ArrivalProfile, type DistSpec, type ShiftSpec, takesShift, type WeeklyPeriod } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';

/** What an attribute holds: a test of the parsed value, and, for the message, its words and an example as export-bpmn writes it. */
export interface JsonShape<T> {
  what: string;
  example: string;
  holds: (value: unknown) => value is T;
  /** for a value of the shape, what is wrong with what it means, else null */
  meaning?: (value: T) => string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// JSON's grammar has no NaN or Infinity, but JSON.parse('1e999') is Infinity: such a value is none, quoted as the file says it
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numbers = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) && (length === undefined || v.length === length) && v.every(isNumber);
const isPeriod = (v: unknown): v is WeeklyPeriod => isObject(v) && isNumber(v.start) && isNumber(v.end);

/** What a weekly period must be, for a message: the scenario's own periods (types.ts' WeeklyPeriod, from "HH:MM" hours). */
const PERIOD_RULE =
  'a period runs from its start, in hours from Monday 00:00 (0 or more, under 168), to a later end at most 24 hours on (a night shift ends the next day: {"start":22,"end":30}), each a whole minute';

/** Why `p` is no period of the week, or null. */
function periodProblem(p: WeeklyPeriod): string | null {
  const minute = (h: number) => Math.abs(h * 60 - Math.round(h * 60)) < 1e-6;
  if (!(p.start >= 0 && p.start < HOURS_PER_WEEK)) return 'starts outside the week';
  if (!(p.end > p.start)) return 'does not end after its start';
  if (p.end - p.start > 24) return 'lasts more than 24 hours';
  if (!minute(p.start) || !minute(p.end)) return 'is not in whole minutes';
  return null;
}

/** The first period of `periods` that is none, said with the value found, or null. */
function periodsProblem(periods: readonly WeeklyPeriod[], whose: string): string | null {
  for (const p of periods) {
    const why = periodProblem(p);
    if (why !== null) return `${whose}${JSON.stringify(p)} ${why}: ${PERIOD_RULE}`;
  }
  return null;
}

function isDistribution(v: unknown): v is DistSpec {
  if (!isObject(v) || typeof v.kind !== 'string') return false;
  if (v.kind === 'constant') return isNumber(v.value);
  if (v.kind === 'empirical') return numbers(v.values) && v.values.length > 0;
  // own keys only: a kind of 'constructor' or '__proto__' is no distribution
  if (!Object.hasOwn(PARAMETERS, v.kind)) return false;
  const shift = v.shift === undefined || (takesShift(v.kind) && isNumber(v.shift));
  return shift && PARAMETERS[v.kind as keyof typeof PARAMETERS].every((p) => isNumber(v[p]));
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
  meaning: (periods) => periodsProblem(periods, 'the period '),
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
  meaning: (shifts) => {
    for (const [i, s] of shifts.entries()) {
      const problem = periodsProblem(s.periods, `shift ${i + 1}'s period `);
      if (problem !== null) return problem;
    }
    return null;
  },
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
 * `etomsim:duration must be etomsim's JSON for a distribution in hours, like {"kind":"exponential","mean":2}; found '2h'`,
 * or, JSON with a key written twice in one map, that key and both its places in the value.
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
    // JSON.parse keeps the last of a key written twice, which another reader may not: refused, as a results or shard
    // file's is (until session 62 {"kind":"exponential","mean":5,"mean":0.1} imported a mean of 0.1)
    const twice = parsed ? duplicateKey(text, parseJsonCounted(text).keys) : null;
    if (twice !== null) {
      report(`${attribute}: ${duplicateKeyMessage(twice, 'its value')}`);
      return undefined;
    }
    if (parsed && shape.holds(value)) {
      const wrong = shape.meaning?.(value) ?? null;
      if (wrong === null) return value;
      report(`${attribute}: ${wrong}`);
      return undefined;
    }
  }
  const shown = text === undefined ? '' : text.replace(/\s+/g, ' ');
  const found = text === undefined ? 'nothing' : `'${shown.length > QUOTED ? `${shown.slice(0, QUOTED - 3)}...` : shown}'`;
  report(`${attribute} must be etomsim's JSON for ${shape.what}, like ${shape.example}; found ${found}`);
  return undefined;
}
