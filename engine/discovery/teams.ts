// Teams from the resource and role columns: a role is a team; without roles, resources with
// the same activity profile (cosine similarity of their activity counts) are one. A team's
// capacity is the number of its people active on a typical day (the median over the days
// it works), or the number of its instances seen running at once (99th percentile) when
// that is larger (a log that names teams, not people). Its working hours are the hours of
// the week in which its instances start or end (an end on the hour: the hour before) in a
// good share of the weeks. Invariant: an instance is at work only in its active stretches
// (between start, suspends, resumes and end): a suspended instance holds no unit and shows no
// working hour.
import { forEachActive, type EventLog } from '../interchange/event-log.js';
import type { WeeklyPeriod } from '../scenario/types.js';
import { hypot, largest } from '../lists.js';

export const PROFILE_SIMILARITY = 0.7;
export const SLOT_PRESENCE = 0.25;
const MONDAY = Date.UTC(1970, 0, 5); // a Monday, 00:00
const HOUR = 3_600_000;

/** Hours since a Monday 00:00 of the wall clock the instant was written in. */
export function weekHours(ms: number, offsetMinutes: number): number {
  return (ms + offsetMinutes * 60_000 - MONDAY) / HOUR;
}

/** The instant of the Monday 00:00, on the wall clock of `offsetMinutes`, at or before `ms`. */
export function mondayBefore(ms: number, offsetMinutes: number): number {
  const wall = ms + offsetMinutes * 60_000;
  return wall - ((((wall - MONDAY) % (168 * HOUR)) + 168 * HOUR) % (168 * HOUR)) - offsetMinutes * 60_000;
}

export interface Team {
  name: string; // as in the log (a role, a resource, or a made-up group name)
  members: number[]; // resource ids
  activities: number[]; // activities it performs
  capacity: number;
  people: number; // median distinct people a working day
  concurrency: number; // 99th percentile of instances running at once
  days: number; // working days observed
  calendar: { days: number[]; hours: [number, number][] } | null; // null: around the clock
  periods: WeeklyPeriod[] | null;
  /** a roster when the units at work vary within the working hours (day and night shifts); else null */
  roster: { days: number[]; from: number; to: number; capacity: number }[] | null;
  /** what the roster's units are: its people on shift in each hour, or the most of its instances running at once */
  rosterFrom: 'people' | 'instances';
  instances: number;
}

export interface TeamAssignment {
  teams: Team[];
  /** per activity: team index (the group that did most of its instances), or -1 for automated (no resource on most of its instances) */
  teamOf: Int32Array;
  /**
   * per activity: a skill pool, where two groups or more each did at least `minShare` of its
   * instances: their teams, the most instances first (the first is teamOf's), with their counts;
   * else null
   */
  poolOf: ({ team: number; instances: number }[] | null)[];
  /**
   * per log entry: the team that did it: its own group's where that group is a team (a pool's
   * second team did its share), else its activity's (teamOf); -1 for an automated activity's
   * or an entry left out. A team's people, capacity and hours are measured on its entries.
   */
  teamOfEvent: Int32Array;
  basis: 'role' | 'resource profile' | 'none';
}

/** `minShare`: the share of an activity's instances a second group must do for the activity to be a skill pool (--min-share). */
export function discoverTeams(log: EventLog, start: Float64Array, included: Uint8Array, minShare: number): TeamAssignment {
  const m = log.activities.length;
  const withResource = new Float64Array(m);
  const total = new Float64Array(m);
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0) continue;
    total[log.activityOf[e]]++;
    if (log.resourceOf[e] >= 0 || log.roleOf[e] >= 0) withResource[log.activityOf[e]]++;
  }
  const useRoles = log.roles.length > 0;
  let groupOfEvent: (e: number) => number;
  let groupNames: string[];
  if (useRoles) {
    groupNames = [...log.roles];
    const roleOfResource = usualRoles(log, included);
    groupOfEvent = (e) => (log.roleOf[e] >= 0 ? log.roleOf[e] : log.resourceOf[e] >= 0 ? roleOfResource[log.resourceOf[e]] : -1);
  } else if (log.resources.length > 0) {
    const { groupOf, names } = clusterResources(log, included);
    groupNames = names;
    groupOfEvent = (e) => (log.resourceOf[e] < 0 ? -1 : groupOf[log.resourceOf[e]]);
  } else {
    return {
      teams: [],
      teamOf: new Int32Array(m).fill(-1),
      poolOf: new Array(m).fill(null),
      teamOfEvent: new Int32Array(log.size).fill(-1),
      basis: 'none',
    };
  }
  // The team of an activity: the group that performs most of its instances.
  const votes = new Map<number, Map<number, number>>();
  for (let e = 0; e < log.size; e++) {
    const g = included[e] === 1 ? groupOfEvent(e) : -1;
    if (g < 0) continue;
    const a = log.activityOf[e];
    let v = votes.get(a);
    if (!v) votes.set(a, (v = new Map()));
    v.set(g, (v.get(g) ?? 0) + 1);
  }
  const teamOfGroup = new Map<number, number>();
  const teams: Team[] = [];
  const teamOf = new Int32Array(m).fill(-1);
  const poolOf: TeamAssignment['poolOf'] = new Array(m).fill(null);
  const teamOfGroupMade = (g: number): number => {
    let t = teamOfGroup.get(g);
    if (t === undefined) {
      t =
        teams.push({
          name: groupNames[g],
          members: [],
          activities: [],
          capacity: 1,
          people: 0,
          concurrency: 0,
          days: 0,
          calendar: null,
          periods: null,
          roster: null,
          rosterFrom: 'instances',
          instances: 0,
        }) - 1;
      teamOfGroup.set(g, t);
    }
    return t;
  };
  for (let a = 0; a < m; a++) {
    if (withResource[a] < total[a] / 2) continue; // automated: most instances have no performer
    const v = votes.get(a);
    if (!v) continue;
    const ranked = [...v.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const t = teamOfGroupMade(ranked[0][0]);
    teamOf[a] = t;
    teams[t].activities.push(a);
    // A second group doing a good share of the activity is a team of its own that shares it (a
    // skill pool), not more people of the first: folded in, the pool's second team vanished and
    // the first gained its people (review s35x F1).
    const counted = ranked.reduce((sum, [, c]) => sum + c, 0);
    const pooled = ranked.filter(([, c]) => c >= minShare * counted);
    if (pooled.length < 2) continue;
    const pool = pooled.map(([g, c]) => ({ team: teamOfGroupMade(g), instances: c }));
    for (const { team } of pool.slice(1)) teams[team].activities.push(a);
    poolOf[a] = pool;
  }
  const teamOfEvent = new Int32Array(log.size).fill(-1);
  for (let e = 0; e < log.size; e++) {
    const t = included[e] === 1 ? teamOf[log.activityOf[e]] : -1;
    if (t < 0) continue;
    const own = teamOfGroup.get(groupOfEvent(e));
    teamOfEvent[e] = own ?? t;
  }
  measureTeams(log, start, teams, teamOfEvent);
  return { teams, teamOf, poolOf, teamOfEvent, basis: useRoles ? 'role' : 'resource profile' };
}

/**
 * Per resource, the role it has on most of its entries that name one (the lowest on a tie), or
 * -1 where none does: an entry with a resource and no role is its person's role's. Read as no
 * one's, a step whose rows lacked the role column was an automated step of unlimited capacity
 * though its people were named (review s36e: fault-to-repair's diagnose_service without its
 * role, done by service_ops' two people).
 */
function usualRoles(log: EventLog, included: Uint8Array): Int32Array {
  const counts = new Map<number, Map<number, number>>();
  for (let e = 0; e < log.size; e++) {
    const r = log.resourceOf[e];
    const g = log.roleOf[e];
    if (included[e] !== 1 || r < 0 || g < 0) continue;
    let c = counts.get(r);
    if (!c) counts.set(r, (c = new Map()));
    c.set(g, (c.get(g) ?? 0) + 1);
  }
  const out = new Int32Array(log.resources.length).fill(-1);
  for (const [r, c] of counts) {
    let best = -1;
    for (const [g, n] of c) if (best < 0 || n > c.get(best)! || (n === c.get(best)! && g < best)) best = g;
    out[r] = best;
  }
  return out;
}

function clusterResources(log: EventLog, included: Uint8Array): { groupOf: Int32Array; names: string[] } {
  const r = log.resources.length;
  const m = log.activities.length;
  // Sparse profiles (activity -> count per resource): a dense r x m table ran out of memory for
  // logs with many resources and many activities (20,000 of each: 3.2 GB).
  const counts: Map<number, number>[] = Array.from({ length: r }, () => new Map());
  for (let e = 0; e < log.size; e++) {
    const i = log.resourceOf[e];
    if (included[e] !== 1 || i < 0) continue;
    const a = log.activityOf[e];
    counts[i].set(a, (counts[i].get(a) ?? 0) + 1);
  }
  const activitiesOf = counts.map((c) => [...c.keys()].sort((x, y) => x - y));
  const norm = counts.map((c, i) => hypot(activitiesOf[i].map((a) => c.get(a)!)));
  const parent = Array.from({ length: r }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  // Resources with the same counts are alike (cosine 1): one of them stands for the rest.
  const sameAs = new Map<string, number>();
  const standing: number[] = [];
  for (let i = 0; i < r; i++) {
    if (norm[i] === 0) continue;
    const key = activitiesOf[i].map((a) => `${a}:${counts[i].get(a)}`).join(',');
    const first = sameAs.get(key);
    if (first === undefined) {
      sameAs.set(key, i);
      standing.push(i);
    } else parent[find(i)] = find(first);
  }
  // Only resources that share an activity have a dot product above 0: each pair is found through
  // the activities it shares (an index per activity), not among all r² pairs.
  const doneBy: number[][] = Array.from({ length: m }, () => []);
  const dot = new Float64Array(r);
  const touched: number[] = [];
  for (const j of standing) {
    for (const a of activitiesOf[j]) {
      const c = counts[j].get(a)!;
      for (const i of doneBy[a]) {
        if (dot[i] === 0) touched.push(i);
        dot[i] += counts[i].get(a)! * c;
      }
      doneBy[a].push(j);
    }
    for (const i of touched) {
      if (dot[i] / (norm[i] * norm[j]) >= PROFILE_SIMILARITY) parent[find(j)] = find(i);
      dot[i] = 0;
    }
    touched.length = 0;
  }
  const groupOf = new Int32Array(r);
  const roots = new Map<number, number>();
  const names: string[] = [];
  const members: number[][] = [];
  for (let i = 0; i < r; i++) {
    const root = find(i);
    if (!roots.has(root)) {
      roots.set(root, names.length);
      names.push('');
      members.push([]);
    }
    groupOf[i] = roots.get(root)!;
    members[groupOf[i]].push(i);
  }
  // A group is named after its one member, or after the activity it does most.
  for (const [root, g] of roots) {
    if (members[g].length === 1) names[g] = log.resources[root];
    else {
      const sums = new Float64Array(m);
      for (const i of members[g]) for (const [a, c] of counts[i]) sums[a] += c;
      names[g] = `${log.activities[sums.indexOf(largest(sums))]} team`;
    }
  }
  return { groupOf, names };
}

function measureTeams(log: EventLog, start: Float64Array, teams: Team[], teamOfEvent: Int32Array): void {
  const byTeam: number[][] = teams.map(() => []);
  for (let e = 0; e < log.size; e++) {
    const t = teamOfEvent[e];
    if (t >= 0) byTeam[t].push(e);
  }
  teams.forEach((team, t) => {
    const events = byTeam[t];
    team.instances = events.length;
    // people per working day (wall-clock day)
    const perDay = new Map<number, Set<number>>();
    const members = new Set<number>();
    for (const e of events) {
      const day = Math.floor(weekHours(start[e], log.offset[e]) / 24);
      let s = perDay.get(day);
      if (!s) perDay.set(day, (s = new Set()));
      if (log.resourceOf[e] >= 0) {
        s.add(log.resourceOf[e]);
        members.add(log.resourceOf[e]);
      }
    }
    team.members = [...members].sort((a, b) => a - b);
    const counts = [...perDay.values()].map((s) => s.size).sort((a, b) => a - b);
    team.days = counts.length;
    team.people = counts.length === 0 ? 0 : counts[Math.floor(counts.length / 2)];
    // instances running at once (in their active stretches), seen at each start or resume
    const points: [number, number][] = [];
    for (const e of events) {
      forEachActive(log, e, start[e], (from, to) => {
        points.push([from, 1]);
        points.push([to, -1]);
      });
    }
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same instant
    const atStarts: number[] = [];
    let open = 0;
    for (const [, d] of points) {
      open += d;
      if (d > 0) atStarts.push(open);
    }
    atStarts.sort((a, b) => a - b);
    team.concurrency = atStarts.length === 0 ? 0 : atStarts[Math.min(atStarts.length - 1, Math.floor(0.99 * atStarts.length))];
    team.capacity = Math.max(1, team.people, team.concurrency);
    Object.assign(team, workingHours(log, start, events));
    if (events.length > 0) team.roster = rosterOf(team, points, log.offset[events[0]], peopleAtWork(log, start, events));
  });
}

/** Days of the week and hours of the day in which the team's instances start or end (or suspend or resume) in enough weeks. */
function workingHours(log: EventLog, start: Float64Array, events: number[]): Pick<Team, 'calendar' | 'periods'> {
  const seen = new Set<number>(); // week * 168 + slot
  const see = (h: number) => seen.add(h);
  for (const e of events) {
    forEachActive(log, e, start[e], (from, to) => {
      // A stretch ending (or suspending) on the hour ends the slot before it: a shift's last
      // task stopped at 16:00 is at work 15:00-16:00, not 16:00-17:00.
      const a = Math.floor(weekHours(from, log.offset[e]));
      see(a);
      see(Math.max(a, Math.ceil(weekHours(to, log.offset[e])) - 1));
    });
  }
  const presence = new Float64Array(168);
  for (const h of seen) presence[((h % 168) + 168) % 168]++;
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
  return { calendar: { days: onDays, hours }, periods };
}

/**
 * The days a team works on when its hours before `early` (o'clock) are the end of the night
 * before: each day's presence with those hours counted on the day before, kept as workingHours
 * keeps days (at least SLOT_PRESENCE of the most worked day's).
 */
function nightDays(presence: Float64Array, early: number): number[] {
  const total = new Float64Array(7);
  for (let s = 0; s < 168; s++) total[(Math.floor(s / 24) + (s % 24 < early ? 6 : 0)) % 7] += presence[s];
  const top = largest(total);
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => total[d] > 0 && total[d] >= SLOT_PRESENCE * top);
}

/** A roster needs this many hours in a row at the peak, and as many at half of it or less, on this many days. */
export const ROSTER_LOW_HOURS = 4;
const ROSTER_DAYS = 3;
const ROSTER_MAX_SHIFTS = 14;

/**
 * Units at work by hour of the week: its people on shift in each hour where the log names two or
 * more (peopleAtWork), else the peak of instances running at once in each hour, the median over
 * the weeks of the log. Where a team's working hours hold a long stretch at half its peak or less
 * (a night shift of one beside a day shift of three), the capacity follows that profile, scaled so
 * the busiest hour has the team's capacity, as shifts.
 */
function rosterOf(team: Team, points: [number, number][], offset: number, people: Int32Array | null): Team['roster'] {
  // People on shift where the log names them (their hours flat: no roster, however seldom all are
  // busy at once: the fiber scenario's two-person fallout desk came back as an 8-row roster), else the peaks.
  if (people !== null) {
    team.rosterFrom = 'people';
    return shiftsOf(team, Array.from(people));
  }
  team.rosterFrom = 'instances';
  const level = peakLevels(points, offset);
  return level === null ? null : shiftsOf(team, level);
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
  const level = new Int32Array(168);
  for (const list of byPerson.values()) {
    const on = personHours(log, start, list);
    for (let s = 0; s < 168; s++) if (on[s]) level[s]++;
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
  for (const e of events) seen.add(Math.floor(weekHours(start[e], log.offset[e])));
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (const h of seen) {
    const slot = ((h % 168) + 168) % 168;
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
  const on = new Array<boolean>(168).fill(false);
  for (let d = 0; d < 7; d++) {
    if (!(byDay[d] > 0 && byDay[d] >= SLOT_PRESENCE * topDay)) continue;
    for (let h = 0; h < 24; h++) on[d * 24 + h] = onHour[h];
  }
  return on;
}

/** The median over the weeks of the most instances running at once in each hour of the week; null for a log of less than two weeks. */
function peakLevels(points: [number, number][], offset: number): number[] | null {
  const peak = new Map<number, number>();
  let open = 0;
  let firstWeek = Infinity;
  let lastWeek = -Infinity;
  for (let k = 0; k < points.length; k++) {
    const [t, d] = points[k];
    open += d;
    const from = weekHours(t, offset);
    const to = k + 1 < points.length ? weekHours(points[k + 1][0], offset) : from;
    firstWeek = Math.min(firstWeek, Math.floor(from / 168));
    lastWeek = Math.max(lastWeek, Math.floor(from / 168));
    if (open <= 0) continue;
    const last = Math.min(Math.ceil(to) - 1, Math.floor(from) + 24 * 14);
    for (let h = Math.floor(from); h <= Math.max(last, Math.floor(from)); h++) peak.set(h, Math.max(peak.get(h) ?? 0, open));
  }
  const weeks = lastWeek - firstWeek + 1;
  if (!(weeks >= 2)) return null;
  return Array.from({ length: 168 }, (_, s) => {
    const values = Array.from({ length: weeks }, (_, w) => peak.get((firstWeek + w) * 168 + s) ?? 0).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  });
}

/** Shifts from the units at work in each hour of the week (rosterOf's header), or null where they do not make a roster. */
function shiftsOf(team: Team, level: readonly number[]): Team['roster'] {
  const working = (s: number) => team.periods === null || team.periods.some((p) => (s >= p.start && s < p.end) || s + 168 < p.end);
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
  const units = level.map((l, s) => (working(s) ? Math.max(1, Math.round((team.capacity * l) / top)) : 0));
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
