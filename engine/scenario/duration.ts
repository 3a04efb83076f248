// Durations and rates as written in a scenario, converted to hours once and for all: a bare
// number is in the file's `time_unit`, a string carries its own unit ("45s", "30m", "2h",
// "1.5d", "1w"), and a rate is a count per unit ("3/h").

import { describeValue } from './fields.js';
import { wholeNumber } from '../number-format.js';
import type { KeyPath, Problems } from './problems.js';
import { HOURS_PER_WEEK } from '../week.js';

export type TimeUnit = 'minutes' | 'hours' | 'days';
export const TIME_UNITS: readonly TimeUnit[] = ['minutes', 'hours', 'days'];
export const DEFAULT_TIME_UNIT: TimeUnit = 'hours';

const UNIT_LETTER: Record<TimeUnit, UnitLetter> = { minutes: 'm', hours: 'h', days: 'd' };

type UnitLetter = 's' | 'm' | 'h' | 'd' | 'w';

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const WITH_UNIT = new RegExp(`^(${NUMBER})\\s*([smhdw])$`);
const BARE = new RegExp(`^${NUMBER}$`);
const RATE = new RegExp(`^(${NUMBER})\\s*/\\s*([smhdw])$`);

/** Division rather than multiplication by 1/60, so that 30m is exactly 0.5 h. */
function toHours(amount: number, unit: UnitLetter): number {
  switch (unit) {
    case 's':
      return amount / 3600;
    case 'm':
      return amount / 60;
    case 'h':
      return amount;
    case 'd':
      return amount * 24;
    case 'w':
      return amount * HOURS_PER_WEEK;
  }
}

/** The longest duration a scenario may state (about 11,400 years): beyond it times lose their hours to rounding. */
export const MAX_HOURS = 1e8;

/** The most arrivals an hour a rate may state: beyond it a week of simulated time is billions of events. */
export const MAX_RATE_PER_HOUR = 1e6;

export type Parsed = { ok: true; hours: number } | { ok: false; problem: string };

/** Hours of a duration; `problem` completes a sentence "X ..." (e.g. "must be a duration: ..."). */
export function parseDuration(raw: unknown, timeUnit: TimeUnit): Parsed {
  const hours = rawHours(raw, timeUnit);
  if (hours === undefined || !Number.isFinite(hours)) {
    return {
      ok: false,
      problem:
        `must be a duration: a number of ${timeUnit} (the time_unit) or a number with a unit ` +
        `s, m, h, d or w, like 45s, 30m, 2h, 1.5d or 1w; found ${describeValue(raw)}`,
    };
  }
  if (hours < 0) return { ok: false, problem: `cannot be negative; found ${describeValue(raw)}` };
  if (hours > MAX_HOURS)
    return {
      ok: false,
      problem: `must be between 0 and ${wholeNumber(MAX_HOURS)} hours (about 11,400 years); found ${describeValue(raw)}`,
    };
  return { ok: true, hours: hours + 0 }; // + 0 turns -0 into 0
}

function rawHours(raw: unknown, timeUnit: TimeUnit): number | undefined {
  if (typeof raw === 'number') return toHours(raw, UNIT_LETTER[timeUnit]);
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const withUnit = WITH_UNIT.exec(text);
  if (withUnit) return toHours(Number(withUnit[1]), withUnit[2] as UnitLetter);
  // A quoted number ("2") can only mean a number in the time unit.
  if (BARE.test(text)) return toHours(Number(text), UNIT_LETTER[timeUnit]);
  return undefined;
}

/**
 * Reads a duration in hours, reporting a problem at `path` when it is not one; `positive`
 * also rejects 0 (a horizon or an SLA of no time means nothing).
 */
export function readDuration(
  raw: unknown,
  path: KeyPath,
  problems: Problems,
  what: string,
  timeUnit: TimeUnit,
  positive = false,
): number | undefined {
  const parsed = parseDuration(raw, timeUnit);
  if (!parsed.ok) {
    problems.atValue(path, `${what} ${parsed.problem}`);
    return undefined;
  }
  if (positive && parsed.hours === 0) {
    problems.atValue(path, `${what} must be longer than 0; found ${describeValue(raw)}`);
    return undefined;
  }
  return parsed.hours;
}

/** Mean time between events, in hours, of a rate "N/u" (N events per unit u, N > 0). */
export function readRate(raw: unknown, path: KeyPath, problems: Problems): number | undefined {
  const match = typeof raw === 'string' ? RATE.exec(raw.trim()) : null;
  const mean = match ? toHours(1, match[2] as UnitLetter) / Number(match[1]) : NaN;
  if (Number.isFinite(mean) && mean > 0 && mean < 1 / MAX_RATE_PER_HOUR) {
    problems.atValue(path, `rate must be at most ${wholeNumber(MAX_RATE_PER_HOUR)} arrivals an hour; found ${describeValue(raw)}`);
    return undefined;
  }
  if (!(Number.isFinite(mean) && mean > 0)) {
    problems.atValue(
      path,
      `rate must be a number of arrivals greater than 0 per unit s, m, h, d or w, like 3/h or 40/d; found ${describeValue(raw)}`,
    );
    return undefined;
  }
  return mean;
}
