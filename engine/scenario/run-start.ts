// `run.start`: the calendar instant of simulation time 0, for everything that shows a
// simulated time as a date (event logs, and logs read back for discovery). Invariant: it is
// a Monday at 00:00 in its own UTC offset, because calendars and arrival profiles count hours
// from Monday 00:00; any other instant would put shifts on the wrong days of a log.
import { describeValue } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import type { RunStart } from './types.js';

/** The default: a Monday, so that a scenario without `run.start` still reads naturally. */
export const DEFAULT_RUN_START_TEXT = '2026-01-05T00:00:00Z';

const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const EXAMPLE = 'like start: 2026-01-05T00:00:00Z or start: "2026-01-05T00:00:00+01:00" (a Monday at midnight)';

/** The start instant, or undefined after reporting why `raw` is not one. */
export function readRunStart(raw: unknown, path: KeyPath, problems: Problems): RunStart | undefined {
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  const m = text === undefined ? null : FORM.exec(text);
  if (text === undefined || m === null) {
    problems.atValue(path, `start must be an ISO 8601 date and time, ${EXAMPLE}; found ${describeValue(raw)}`);
    return undefined;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  if (m[4] !== undefined && zone === undefined) {
    problems.atValue(
      path,
      `start needs a UTC offset (Z or +01:00) after the time, so that its instant is not ambiguous, ${EXAMPLE}; found '${text}'`,
    );
    return undefined;
  }
  const offsetMinutes =
    zone === undefined || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const day = calendarDay(Number(y), Number(mo), Number(d));
  const local = (day ?? Number.NaN) + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number(`0.${frac || '0'}`) * 1000;
  const check = new Date(local);
  if (day === null || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Math.abs(offsetMinutes) > 18 * 60) {
    problems.atValue(path, `start '${text}' is not a valid date and time, ${EXAMPLE}`);
    return undefined;
  }
  if (check.getUTCDay() !== 1 || local % 86_400_000 !== 0) {
    const back = (check.getUTCDay() + 6) % 7; // days since the Monday before
    const monday = new Date(local - (local % 86_400_000) - back * 86_400_000).toISOString().slice(0, 10);
    problems.atValue(
      path,
      `start must be a Monday at 00:00, because calendars and arrival profiles count hours from Monday 00:00; found '${text}' (${weekday(check.getUTCDay())}${local % 86_400_000 === 0 ? '' : ', not midnight'}); the Monday before is ${monday}`,
    );
    return undefined;
  }
  return { text: formatStart(local, offsetMinutes), epochMs: local - offsetMinutes * 60_000, offsetMinutes };
}

/**
 * Midnight (UTC) of the day written as year, month (1-12) and day of the month, in ms since
 * 1970; null when there is no such day (2026-02-30, month 13). Date.UTC alone rolls such a
 * day into the next month and reads years 0 to 99 as 1900 to 1999.
 */
export function calendarDay(year: number, month: number, day: number): number | null {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  const ms = t.getTime();
  return Number.isNaN(ms) || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day ? null : ms;
}

export const DEFAULT_RUN_START: RunStart = { text: DEFAULT_RUN_START_TEXT, epochMs: Date.UTC(2026, 0, 5), offsetMinutes: 0 };

function formatStart(localMs: number, offsetMinutes: number): string {
  return `${new Date(localMs).toISOString().slice(0, 19)}${offsetText(offsetMinutes)}`;
}

/** `Z` for UTC, else `+HH:MM` / `-HH:MM`. */
export function offsetText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const a = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function weekday(day: number): string {
  return ['a Sunday', 'a Monday', 'a Tuesday', 'a Wednesday', 'a Thursday', 'a Friday', 'a Saturday'][day];
}
