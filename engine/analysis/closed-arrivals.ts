// Whether a team that keeps a calendar may be handed work while it is closed: a task that joins it then waits for
// the opening whatever the team's size, so a mean wait of 0 there is met by no staffing (sizing.ts' refuseZeroWait).
// Told from the streams of a flow whose first task (through decisions and forks only) is the team's: a stream of a
// constant gap is followed arrival by arrival with the engine's own calendar arithmetic (engine/sim/calendar.ts), so
// a stream on the team's own calendar is judged by what the engine does at its edges (a gap that ends exactly at a
// closing brings its case at that instant, when the team is closed: half-open hours); a stream of gaps of any spread
// may come at any instant of its hours, so it may come while the team is closed wherever its hours (a calendar's, or
// the whole week) hold closed time of the team's.
// Invariant: a reason only where such a case comes after the warm-up's wait is counted; null wherever it cannot tell
// (a roster, a pool, a step after a timed one, a profiled stream, a run shorter than a week), which refuses nothing.
import { distSupport } from '../random/distributions.js';
import { weekPieces } from '../scenario/roster.js';
import type { Scenario } from '../scenario/types.js';
import { WorkCalendar } from '../sim/calendar.js';
import { hoursOrDays, roundedTo } from '../number-format.js';
import { HOURS_PER_WEEK } from '../week.js';
import { weekTime } from '../week-time.js';

/** The most arrivals of a constant stream followed: some 10 ms; a stream not closed by then is not refused. */
const MOST_ARRIVALS = 200_000;

type Flow = Scenario['flows'][number];

/**
 * Why cases of `flow` may reach `team`'s step `step` (any of its steps: null) while the team's calendar is closed,
 * or null where they do not or it cannot tell.
 */
export function closedArrival(flow: Flow, scenario: Scenario, team: string, step: string | null): string | null {
  const r = scenario.resources.find((x) => x.name === team);
  if (r === undefined || r.shifts || r.calendar === null) return null;
  const spec = scenario.calendars.find((c) => c.name === r.calendar);
  if (spec === undefined) return null;
  const hours = new WorkCalendar(spec.periods);
  if (hours.alwaysOn) return null;
  const first = firstTasks(flow).find((n) => n.resource === team && !n.pool && (step === null || n.name === step));
  if (first === undefined) return null;
  const { horizon, warmup } = scenario.run;
  const into = `'${team}' keeps calendar '${r.calendar}', and flow '${flow.name}' brings cases to its step '${first.name}'`;
  for (const a of scenario.arrivals) {
    if (a.flow !== flow.name || a.profile !== null) continue;
    const own = a.calendar ?? null;
    const streamSpec = own === null ? undefined : scenario.calendars.find((c) => c.name === own);
    if (own !== null && streamSpec === undefined) continue;
    const gaps = streamSpec === undefined ? WorkCalendar.ALWAYS : new WorkCalendar(streamSpec.periods);
    const { least, most } = distSupport(a.interarrival);
    const after = a.after ?? 0;
    if (least === most) {
      if (!(least > 0)) continue;
      let t = after;
      for (let k = 0; k < Math.min(a.cases ?? Infinity, MOST_ARRIVALS); k++) {
        t = gaps.addWorkingTime(t, least);
        if (!(t <= horizon)) break;
        // its wait ends at the opening at the soonest: counted where that is after the warm-up
        if (hours.isWorking(t) || hours.nextPeriodStart(t) < warmup) continue;
        const edge = own === r.calendar ? `, its gaps elapsing in those hours too: one that ends as they close brings its case then` : '';
        const at = `${weekTime(t)} (hour ${roundedTo(t, 2)} of the run)`;
        return `${into} while it is closed (a case every ${hoursOrDays(least)}${own === null ? '' : ` of calendar '${own}'`}, one at ${at}${edge})`;
      }
      continue;
    }
    // any spread: the stream's gaps end at any instant of its hours, in time where it runs a week or more
    if (horizon - Math.max(after, warmup) < HOURS_PER_WEEK) continue;
    const closed = closedWithin(hours, gaps, streamSpec === undefined ? [] : weekPieces(streamSpec.periods), weekPieces(spec.periods));
    if (closed === null) continue;
    return `${into} at ${own === null ? 'any hour' : `any hour of calendar '${own}'`} (gaps of ${a.interarrival.kind}), so also while it is closed (as at ${weekTime(closed)})`;
  }
  return null;
}

/** The task nodes a case of `flow` reaches before any time passes: its start's, through decisions and forks. */
function firstTasks(flow: Flow): Extract<Flow['nodes'][number], { kind: 'task' }>[] {
  const byName = new Map(flow.nodes.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const out: Extract<Flow['nodes'][number], { kind: 'task' }>[] = [];
  const queue = [flow.start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    const n = byName.get(name);
    if (n === undefined || seen.has(name)) continue;
    seen.add(name);
    if (n.kind === 'task') out.push(n);
    else if (n.kind === 'decision') for (const b of n.branch) queue.push(b.to);
    else for (const to of n.parallel) queue.push(to);
  }
  return out;
}

/** An hour of the week (the middle of a stretch) open in `gaps` and closed in `hours`, or null: between the breakpoints of both. */
function closedWithin(
  hours: WorkCalendar,
  gaps: WorkCalendar,
  gapPieces: readonly { start: number; end: number }[],
  pieces: readonly { start: number; end: number }[],
): number | null {
  const points = [0, HOURS_PER_WEEK, ...[...gapPieces, ...pieces].flatMap((p) => [p.start, p.end])].sort((x, y) => x - y);
  for (let i = 1; i < points.length; i++) {
    if (!(points[i] > points[i - 1])) continue;
    const mid = (points[i - 1] + points[i]) / 2;
    if (gaps.isWorking(mid) && !hours.isWorking(mid)) return mid;
  }
  return null;
}
