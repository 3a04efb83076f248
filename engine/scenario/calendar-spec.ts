// A working calendar as written (`days: [mon, tue]`, `hours: "08:00-18:00"` or a list of
// such ranges), turned into weekly periods in hours from Monday 00:00: one period per
// (day, range), days outermost, as written.

import { checkKeys, describeValue, isPlainMap, optionalDescription, type PlainMap } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';
import { WEEKDAYS, type CalendarSpec, type Weekday, type WeeklyPeriod } from './types.js';
import { HOURS_PER_WEEK } from '../week.js';

const CALENDAR_KEYS = ['days', 'hours', 'description'];
const EXAMPLE = '{ days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }';
const RANGE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/** A range of the day in hours, e.g. 22:00-06:00 is { from: 22, length: 8 }. */
interface DayRange {
  text: string;
  from: number;
  length: number;
}

export function readCalendar(name: string, raw: unknown, path: KeyPath, problems: Problems): CalendarSpec | undefined {
  if (!isPlainMap(raw)) {
    problems.atValue(path, `calendar '${name}' must be a map, like ${EXAMPLE}; found ${describeValue(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, CALENDAR_KEYS, problems);
  optionalDescription(raw, path, problems);
  const periods = readWeeklyHours(raw, path, problems, `calendar '${name}'`);
  return periods && { name, periods };
}

/**
 * The `days` and `hours` of a map (a calendar, or one shift of a roster) as weekly periods;
 * undefined after reporting what is wrong. The caller checks the map's other keys.
 */
export function readWeeklyHours(raw: PlainMap, path: KeyPath, problems: Problems, what: string): WeeklyPeriod[] | undefined {
  const days = readDays(raw, path, problems);
  const ranges = readRanges(raw, path, problems);
  if (!days || !ranges) return undefined;
  const periods = days.flatMap((day) => ranges.map((range) => period(day, range)));
  const overlap = firstOverlap(periods);
  if (overlap) {
    problems.atValue([...path, 'hours'], `${what} has overlapping working periods: ${overlap}; make them follow each other`);
    return undefined;
  }
  return periods.map(({ start, end }) => ({ start, end }));
}

function readDays(calendar: PlainMap, path: KeyPath, problems: Problems): Weekday[] | undefined {
  const daysPath = [...path, 'days'];
  const raw = calendar.days;
  if (!Object.hasOwn(calendar, 'days')) {
    problems.missing(daysPath, `a calendar needs days, like ${EXAMPLE}`);
    return undefined;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.atValue(
      daysPath,
      `days must be a list of at least one day among mon, tue, wed, thu, fri, sat, sun; found ${describeValue(raw)}`,
    );
    return undefined;
  }
  const days: Weekday[] = [];
  let ok = true;
  raw.forEach((value, i) => {
    const day = readDay(value, [...daysPath, i], problems);
    if (day === undefined) ok = false;
    else if (days.includes(day)) {
      problems.atValue([...daysPath, i], `'${day}' is listed twice in days; list each day once`);
      ok = false;
    } else days.push(day);
  });
  return ok ? days : undefined;
}

function readDay(value: unknown, path: KeyPath, problems: Problems): Weekday | undefined {
  if (typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value)) return value as Weekday;
  const text = typeof value === 'string' ? value : '';
  // "Monday" or "thurs" most likely mean the day whose abbreviation they start with.
  const prefix = WEEKDAYS.find((d) => text.toLowerCase().startsWith(d));
  const hint = prefix ? `; did you mean '${prefix}'?` : didYouMean(text, WEEKDAYS);
  problems.atValue(path, `${describeValue(value)} is not a day; write mon, tue, wed, thu, fri, sat or sun${hint}`);
  return undefined;
}

function readRanges(calendar: PlainMap, path: KeyPath, problems: Problems): DayRange[] | undefined {
  const hoursPath = [...path, 'hours'];
  const raw = calendar.hours;
  if (!Object.hasOwn(calendar, 'hours')) {
    problems.missing(hoursPath, `a calendar needs hours, like "08:00-18:00" or ["07:00-12:00", "13:00-17:00"]`);
    return undefined;
  }
  if (typeof raw === 'string') {
    const range = readRange(raw, hoursPath, problems);
    return range && [range];
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.atValue(
      hoursPath,
      `hours must be a range like "08:00-18:00" or a list of ranges like ["07:00-12:00", "13:00-17:00"]; found ${describeValue(raw)}`,
    );
    return undefined;
  }
  const ranges = raw.map((value, i) => readRange(value, [...hoursPath, i], problems));
  return ranges.every((r) => r !== undefined) ? (ranges as DayRange[]) : undefined;
}

function readRange(value: unknown, path: KeyPath, problems: Problems): DayRange | undefined {
  const match = typeof value === 'string' ? RANGE.exec(value.trim()) : null;
  const from = match ? clock(match[1], match[2], false) : undefined;
  const to = match ? clock(match[3], match[4], true) : undefined;
  if (from === undefined || to === undefined) {
    problems.atValue(
      path,
      `${describeValue(value)} is not a range of hours; write "HH:MM-HH:MM" like "08:00-18:00" ` +
        `("24:00" ends at midnight; "22:00-06:00" runs past midnight)`,
    );
    return undefined;
  }
  if (from === to) {
    problems.atValue(path, `'${value}' starts and ends at the same time; a whole day is "00:00-24:00"`);
    return undefined;
  }
  // An end before the start is a night shift that finishes the next day.
  const length = to > from ? to - from : to + 24 - from;
  return { text: (value as string).trim(), from, length };
}

/** Hours since midnight of "HH:MM"; "24:00" only as the end of a range. */
function clock(hh: string, mm: string, isEnd: boolean): number | undefined {
  const [h, m] = [Number(hh), Number(mm)];
  if (m > 59) return undefined;
  if (h < 24) return h + m / 60;
  return isEnd && h === 24 && m === 0 ? 24 : undefined;
}

interface LabelledPeriod extends WeeklyPeriod {
  label: string; // e.g. "sun 22:00-06:00", for messages
}

function period(day: Weekday, range: DayRange): LabelledPeriod {
  const start = WEEKDAYS.indexOf(day) * 24 + range.from;
  return { start, end: start + range.length, label: `${day} ${range.text}` };
}

/**
 * A description of the first two periods that share some time, or null. Periods are folded
 * into one week, so a Sunday night shift also counts against Monday morning.
 */
function firstOverlap(periods: LabelledPeriod[]): string | null {
  const pieces = periods.flatMap(({ start, end, label }) =>
    end <= HOURS_PER_WEEK
      ? [{ start, end, label }]
      : [
          { start, end: HOURS_PER_WEEK, label },
          { start: 0, end: end - HOURS_PER_WEEK, label },
        ],
  );
  pieces.sort((a, b) => a.start - b.start);
  let latest = pieces[0];
  for (const piece of pieces.slice(1)) {
    if (piece.start < latest.end) return `${latest.label} and ${piece.label}`;
    if (piece.end > latest.end) latest = piece;
  }
  return null;
}

/** Hours since midnight as a range's HH:MM, to the nearest minute (24:00 at the end of a day): what readRanges reads back. */
export function clockOfDay(hours: number): string {
  const minutes = Math.round(hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
