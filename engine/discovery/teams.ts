// Teams from the resource and role columns: a role is a team (an entry naming a person and no
// role, its person's usual role's); without roles, resources with the same activity profile
// (cosine similarity of their activity counts) are one. A team's capacity is the number of its
// people active on a typical day (the median over the days it works), or the number of its
// instances seen running at once (99th percentile) when that is larger (a log that names teams,
// not people). Its calendar and roster: team-hours.ts. Invariant: each entry is measured under
// one team (teamOfEvent), its own group's where that is a team; an instance holds a unit only in
// its active stretches (between start, suspends, resumes and end).
import { forEachActive, type EventLog } from '../interchange/event-log.js';
import type { WeeklyPeriod } from '../scenario/types.js';
import { hypot, largest } from '../lists.js';
import { rosterOf, workingHours } from './team-hours.js';
import { entryHours } from './week-clock.js';

export const PROFILE_SIMILARITY = 0.7;

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

/**
 * The team whose unit an instance the log shows without an entry held (one still running at its
 * end, or one a cancellation cut): for a skill pool's activity, the pool's team its role names,
 * else the one its resource is a member of (a log without roles, whose teams are groups of
 * people, or an instance without its role: s37f F3); else its activity's (teamOf; -1 for an
 * automated one). Timed in the pool's first team's hours, a night team's instance running at the
 * log's end had worked 0 h in the day team's.
 */
export function teamOfInstance(
  log: EventLog,
  teams: TeamAssignment,
  activity: number,
  instance: { role: string; resource: string },
): number {
  const pool = teams.poolOf[activity];
  if (pool === null) return teams.teamOf[activity];
  const named = pool.find((p) => teams.teams[p.team].name === instance.role);
  if (named !== undefined) return named.team;
  const person = instance.resource === '' ? -1 : log.resources.indexOf(instance.resource);
  return pool.find((p) => person >= 0 && teams.teams[p.team].members.includes(person))?.team ?? teams.teamOf[activity];
}

/**
 * `minShare`: the share of an activity's instances a second group must do for the activity to be a skill pool (--min-share).
 * `staffing` false: who did what alone (teamOfEvent, names), each team's people, capacity and hours
 * left as first set (fidelity's handovers: measured, LoanApp's fidelity -r 3 took 0.1 s more CPU).
 */
export function discoverTeams(
  log: EventLog,
  start: Float64Array,
  included: Uint8Array,
  minShare: number,
  { staffing = true }: { staffing?: boolean } = {},
): TeamAssignment {
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
  if (staffing) measureTeams(log, start, teams, teamOfEvent);
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
      const day = Math.floor(entryHours(log, e, start[e]) / 24);
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
    const points: [number, number, number][] = []; // [ms, +1 start / -1 end, hours of the week]
    for (const e of events) {
      forEachActive(log, e, start[e], (from, to) => {
        points.push([from, 1, entryHours(log, e, from)]);
        points.push([to, -1, entryHours(log, e, to)]);
      });
    }
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same instant
    const atStarts = new Int32Array(points.length / 2); // one a stretch (its points come in pairs), sorted as numbers
    let open = 0;
    for (let k = 0, s = 0; k < points.length; k++) {
      const d = points[k][1];
      open += d;
      if (d > 0) atStarts[s++] = open;
    }
    atStarts.sort();
    team.concurrency = atStarts.length === 0 ? 0 : atStarts[Math.min(atStarts.length - 1, Math.floor(0.99 * atStarts.length))];
    team.capacity = Math.max(1, team.people, team.concurrency);
    Object.assign(team, workingHours(log, start, events));
    if (events.length > 0) Object.assign(team, rosterOf(log, start, events, points, team.capacity, team.periods));
  });
}
