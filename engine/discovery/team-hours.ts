// A team's hours from the log: when it works (a calendar of days and hours) and how many of its
// units work in each hour (a roster, where that varies within its hours: a day shift of three, a
// night of one). Read from the instants its instances start and end (and the hours between, for a stretch within one day) on the wall clock of the
// week (week-clock.ts), and, for the roster, from its people's own hours where the log names
// them; no calendar where the log's enabled times show its hours are only its demand's
// (closed-hours.ts). Invariant: an instance is at work only in its active stretches (start to suspend, resume
// to suspend or end): a suspended instance shows no working hour; and a roster's shifts lie
// within the calendar's periods.
import { forEachActive, type EventLog } from '../interchange/event-log.js';
import { largest } from '../lists.js';
import { atWorkIn, calendarUnsupported } from './closed-hours.js';
import type { Team } from './teams.js';
import { entryHours } from './week-clock.js';
import { HOURS_PER_WEEK } from '../week.js';

/** A day of the week (an hour of the day) is a team's when it works in it this share of its most worked one's hour-weeks. */
export const SLOT_PRESENCE = 0.25;
/** Days of the week and hours of the day in which the team's instances start or end (or suspend or resume), or run within one day, in enough weeks. */
export function workingHours(log: EventLog, start: Float64Array, events: number[]): Pick<Team, 'calendar' | 'periods'> {
  const seen = new Set<number>(); // week * 168 + slot
  const see = (h: number) => seen.add(h);
  for (const e of events) forEachActive(log, e, start[e], (from, to) => atWorkIn(log, e, from, to, see));
  const presence = new Float64Array(HOURS_PER_WEEK);
  for (const h of seen) presence[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK]++;
  const dayTotal = Array.from({ length: 7 }, (_, d) => presence.subarray(d * 24, d * 24 + 24).reduce((s, x) => s + x, 0));
  const hourTotal = Array.from({ length: 24 }, (_, h) => dayTotal.reduce((s, _, d) => s + presence[d * 24 + h], 0));
  const maxDay = Math.max(...dayTotal);
  const maxHour = Math.max(...hourTotal);
  const days = dayTotal.map((v, d) => (v >= SLOT_PRESENCE * maxDay ? d : -1)).filter((d) => d >= 0);
  const hoursOn = hourTotal.map((v) => v >= SLOT_PRESENCE * maxHour);
  if (days.length === 7 && hoursOn.every(Boolean)) return { calendar: null, periods: null };
  const hours: [number, number][] = [];
  for (let h = 0; h < 24; h++) {
    if (!hoursOn[h]) continue;
    let end = h;
    while (end + 1 < 24 && hoursOn[end + 1]) end++;
    hours.push([h, end + 1]);
    h = end;
  }
  // A shift that runs through midnight: the last range joined with the first, on the days its
  // nights start on. Every day of the week: as they are. Some days only: the early hours count as
  // the day before's, and the nights are joined where that makes fewer days (weeknights 22:00-06:00
  // read as days Monday to Saturday, each 00:00-06:00 and 22:00-24:00, opened Monday 00:00-06:00 and
  // Saturday 22:00-24:00, when nobody works: a weekend's tickets, served at Monday 00:00 instead of
  // 22:00, waited 22 h less, which a delay step invented to make up for: review s36e).
  let onDays = days;
  if (hours.length > 1 && hours[0][0] === 0 && hours[hours.length - 1][1] === 24) {
    const nights = days.length === 7 ? days : nightDays(presence, hours[0][1]);
    if (nights.length < days.length || days.length === 7) {
      onDays = nights;
      const first = hours.shift()!;
      hours[hours.length - 1] = [hours[hours.length - 1][0], 24 + first[1]];
    }
  }
  const periods = onDays.flatMap((d) => hours.map(([a, b]) => ({ start: d * 24 + a, end: d * 24 + b })));
  // hours that are only when its work comes, its held work never left waiting through a closed one: round the clock
  if (calendarUnsupported(log, start, events, periods)) return { calendar: null, periods: null };
  return { calendar: { days: onDays, hours }, periods };
}

/**
 * The days a team works on when its hours before `early` (o'clock) are the end of the night
 * before: each day's presence with those hours counted on the day before, kept as workingHours
 * keeps days (at least SLOT_PRESENCE of the most worked day's).
 */
function nightDays(presence: Float64Array, early: number): number[] {
  const total = new Float64Array(7);
  for (let s = 0; s < HOURS_PER_WEEK; s++) total[(Math.floor(s / 24) + (s % 24 < early ? 6 : 0)) % 7] += presence[s];
  const top = largest(total);
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => total[d] > 0 && total[d] >= SLOT_PRESENCE * top);
}

/** A roster needs this many hours in a row at the peak, and as many at half of it or less, on this many days. */
export const ROSTER_LOW_HOURS = 4;
const ROSTER_DAYS = 3;
const ROSTER_MAX_SHIFTS = 14;

/**
 * A team's roster, and what its units are (Team.rosterFrom). Units at work by hour of the week: its people on shift in each hour where the log names two or
 * more (peopleAtWork), else the peak of instances running at once in each hour, the median over
 * the weeks of the log. Where a team's working hours hold a long stretch at half its peak or less
 * (a night shift of one beside a day shift of three), the capacity follows that profile, scaled so
 * the busiest hour has the team's capacity, as shifts.
 */
export function rosterOf(
  log: EventLog,
  start: Float64Array,
  events: number[],
  points: [number, number, number][],
  capacity: number,
  periods: Team['periods'],
): Pick<Team, 'roster' | 'rosterFrom'> {
  // People on shift where the log names them (their hours flat: no roster, however seldom all are
  // busy at once: the fiber scenario's two-person fallout desk came back as an 8-row roster), else the peaks.
  const people = peopleAtWork(log, start, events);
  if (people !== null) return { roster: shiftsOf(Array.from(people), capacity, periods), rosterFrom: 'people' };
  const level = peakLevels(points);
  return { roster: level === null ? null : shiftsOf(level, capacity, periods), rosterFrom: 'instances' };
}

/**
 * The team's people on shift in each hour of the week: how many of them have that hour among
 * their own hours (personHours); null where fewer than two people are named. Staffing, not
 * demand: the most instances running at once falls with the load (a two-person desk whose
 * afternoons seldom hold two tasks read 1 there, and a day shift seldom busy at its peak four
 * hours in a row hid its night drop: review s35x F2).
 */
function peopleAtWork(log: EventLog, start: Float64Array, events: number[]): Int32Array | null {
  const byPerson = new Map<number, number[]>();
  let named = 0;
  for (const e of events) {
    const r = log.resourceOf[e];
    if (r < 0) continue;
    named++;
    let list = byPerson.get(r);
    if (!list) byPerson.set(r, (list = []));
    list.push(e);
  }
  if (byPerson.size < 2 || named < events.length / 2) return null;
  const level = new Int32Array(HOURS_PER_WEEK);
  for (const list of byPerson.values()) {
    const on = personHours(log, start, list);
    for (let s = 0; s < HOURS_PER_WEEK; s++) if (on[s]) level[s]++;
  }
  return level;
}

/** A person is on shift in an hour of the day they start work in, in this share of the days of their most started hour, or between two such. */
export const PERSON_PRESENCE = 0.1;

/**
 * The hours of the week a person is on shift: on the days of the week they start work on (in at
 * least SLOT_PRESENCE of the weeks of their busiest day), from the first to the last hour of the
 * day in which they start instances on at least PERSON_PRESENCE of the days of their most started
 * hour (round midnight for a night shift: all hours but the longest run without such starts).
 * Starts only: a resumed stretch may be another unit's (etomsim's own logs name a task by the unit
 * that started it), and a start is the person's own. Hours of the day over all days, a low share,
 * and the hours between: the last of three people, called on only when two are busy, starts in a
 * given hour of a given weekday in one week of twelve or none.
 */
function personHours(log: EventLog, start: Float64Array, events: number[]): boolean[] {
  const seen = new Set<number>(); // week * 168 + slot
  for (const e of events) seen.add(Math.floor(entryHours(log, e, start[e])));
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (const h of seen) {
    const slot = ((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
    byDay[Math.floor(slot / 24)]++;
    byHour[slot % 24]++;
  }
  const topDay = Math.max(...byDay);
  const topHour = Math.max(...byHour);
  const starts = Array.from(byHour, (c) => c > 0 && c >= PERSON_PRESENCE * topHour);
  // the hours between: all but the longest run of hours without starts, round midnight (a night shift's)
  let gapFrom = 0;
  let gapLength = 0;
  for (let h = 0; h < 24; h++) {
    let run = 0;
    while (run < 24 && !starts[(h + run) % 24]) run++;
    if (run > gapLength) {
      gapFrom = h;
      gapLength = run;
    }
  }
  const onHour = Array.from({ length: 24 }, (_, h) => (h - gapFrom + 24) % 24 >= gapLength);
  const on = new Array<boolean>(HOURS_PER_WEEK).fill(false);
  for (let d = 0; d < 7; d++) {
    if (!(byDay[d] > 0 && byDay[d] >= SLOT_PRESENCE * topDay)) continue;
    for (let h = 0; h < 24; h++) on[d * 24 + h] = onHour[h];
  }
  return on;
}

/** The median over the weeks of the most instances running at once in each hour of the week; null for a log of less than two weeks. */
function peakLevels(points: [number, number, number][]): number[] | null {
  const peak = new Map<number, number>();
  let open = 0;
  let firstWeek = Infinity;
  let lastWeek = -Infinity;
  for (let k = 0; k < points.length; k++) {
    const [, d, from] = points[k];
    open += d;
    const to = k + 1 < points.length ? points[k + 1][2] : from;
    firstWeek = Math.min(firstWeek, Math.floor(from / HOURS_PER_WEEK));
    lastWeek = Math.max(lastWeek, Math.floor(from / HOURS_PER_WEEK));
    if (open <= 0) continue;
    const last = Math.min(Math.ceil(to) - 1, Math.floor(from) + 24 * 14);
    for (let h = Math.floor(from); h <= Math.max(last, Math.floor(from)); h++) peak.set(h, Math.max(peak.get(h) ?? 0, open));
  }
  const weeks = lastWeek - firstWeek + 1;
  if (!(weeks >= 2)) return null;
  return Array.from({ length: HOURS_PER_WEEK }, (_, s) => {
    const values = Array.from({ length: weeks }, (_, w) => peak.get((firstWeek + w) * HOURS_PER_WEEK + s) ?? 0).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  });
}

/** Shifts from the units at work in each hour of the week (rosterOf's header), or null where they do not make a roster. */
function shiftsOf(level: readonly number[], capacity: number, periods: Team['periods']): Team['roster'] {
  const working = (s: number) => periods === null || periods.some((p) => (s >= p.start && s < p.end) || s + HOURS_PER_WEEK < p.end);
  const top = Math.max(...level.filter((_, s) => working(s)));
  if (top < 2) return null;
  // Both levels must be shifts, not moments: long stretches at the peak and at half of it or less.
  const daysWith = (test: (l: number) => boolean) => {
    let days = 0;
    for (let d = 0; d < 7; d++) {
      let run = 0;
      let best = 0;
      for (let h = 0; h < 24; h++) {
        const s = d * 24 + h;
        run = working(s) && test(level[s]) ? run + 1 : 0;
        best = Math.max(best, run);
      }
      if (best >= ROSTER_LOW_HOURS) days++;
    }
    return days;
  };
  if (daysWith((l) => l <= top / 2) < ROSTER_DAYS || daysWith((l) => l >= top) < ROSTER_DAYS) return null;
  const units = level.map((l, s) => (working(s) ? Math.max(1, Math.round((capacity * l) / top)) : 0));
  // Runs of equal units within each day, then the same run on several days as one shift.
  const byRun = new Map<string, { days: number[]; from: number; to: number; capacity: number }>();
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; ) {
      const u = units[d * 24 + h];
      let end = h + 1;
      while (end < 24 && units[d * 24 + end] === u) end++;
      if (u > 0) {
        const key = `${h}-${end}-${u}`;
        const run = byRun.get(key);
        if (run) run.days.push(d);
        else byRun.set(key, { days: [d], from: h, to: end, capacity: u });
      }
      h = end;
    }
  }
  const shifts = [...byRun.values()];
  return shifts.length > 0 && shifts.length <= ROSTER_MAX_SHIFTS ? shifts : null;
}
