// What a recommended staffing leaves as it was, in words beside the recommendation (console and
// sizing.html): for each flow a target names, how much of its mean cycle time is waiting for teams
// and time off shift, which more units may shorten, against working time and automated steps,
// which no team's size changes (s36a F4: 10 field techs at 53% busy lifted an SLA from 85.5 to
// 90.5%, most of the cycle time being work and closed hours); and each sized team the
// recommendation keeps FRAGILE_BUSY or more of its working hours busy, where a few percent more
// work than the scenario's fills it (s36a F5: teams 94.7-95.9% busy recommended unwarned).
// And per sized team, why it has its units and not one fewer (sizing.json's `units_reasons`).
// Invariant: read from the candidates' own KPIs in sizing.json, nothing simulated or estimated
// beyond them; a flow without a breakdown (an older file) or a team without a utilisation gets no line.
import {
  FRAGILE_BUSY,
  fragileTeams,
  type MissedTarget,
  type SizingCandidate,
  type SizingResult,
  type StaffingUnits,
  targetLabel,
  type UnitsReason,
  unitsText,
} from '../engine/results/sizing.js';
import { shiftName } from '../engine/scenario/shift-name.js';
import { metricValue, pct, words } from './format.js';
import { boundInterval, metricCell, staffingCell } from './sizing-tables.js';

type Explained = Pick<SizingResult, 'chosen' | 'current' | 'targets' | 'resources' | 'fragile'>;

/** The flows the targets name (`flows.F....`), each once, in the targets' order. */
function targetFlows(sizing: Explained): string[] {
  const flows: string[] = [];
  for (const text of sizing.targets) {
    const [area, name] = text.trim().split('.');
    if (area === 'flows' && name !== undefined && name !== '*' && !flows.includes(name)) flows.push(name);
  }
  return flows;
}

/** A flow's mean cycle time and where it went (hours): waiting as measured (`breakdown.wait`), or in a file written before it was kept, what the other parts leave of the mean. */
function timeSplit(
  c: SizingCandidate,
  flow: string,
): { cycle: number; wait: number; service: number; offShift: number; automated: number; join: number | null } | null {
  const mean = (part: string) => c.metrics[`flows.${flow}.${part}`]?.mean ?? null;
  const cycle = mean('cycle_time.mean');
  const service = mean('breakdown.service');
  const offShift = mean('breakdown.off_shift');
  const automated = mean('breakdown.automated');
  if (cycle === null || !(cycle > 0) || service === null || offShift === null || automated === null) return null;
  const wait = mean('breakdown.wait') ?? Math.max(0, cycle - service - offShift - automated);
  return { cycle, wait, service, offShift, automated, join: mean('breakdown.join') };
}

/**
 * Per flow a target names, one sentence: where its mean cycle time goes with the current and the
 * recommended staffing (waiting for teams, off shift, working time, automated steps), and the
 * share of the recommended mean that no team's size changes (working time and automated steps).
 * Time off shift is shown apart: queueing that runs past closing time is in it, so staffing may
 * shorten it as well (fault-to-repair: 4.6 h -> 3.5 h with 10 field techs for 6).
 */
export function cycleTimeLines(sizing: Explained): string[] {
  const { chosen, current } = sizing;
  if (chosen === null) return [];
  const lines: string[] = [];
  for (const flow of targetFlows(sizing)) {
    const after = timeSplit(chosen, flow);
    const before = timeSplit(current, flow);
    if (after === null || before === null) continue;
    const h = (x: number) => metricValue(`flows.${flow}.cycle_time.mean`, x);
    const part = (name: string, key: 'wait' | 'offShift' | 'service' | 'automated') =>
      `${name} ${h(before[key])} -> ${h(after[key])} (${pct(after[key] / after.cycle)})`;
    lines.push(
      `Where ${words(flow)}'s time goes, mean per case, current -> recommended (share of the recommended ${h(after.cycle)}): ` +
        `${part('waiting for teams', 'wait')}; ${part("off shift, queued or paused outside the teams' hours", 'offShift')}; ` +
        `${part('working time', 'service')}; ${part('automated steps', 'automated')}. ` +
        `More units shorten the waits (and the queueing that runs past closing time); working time and automated steps, ${pct((after.service + after.automated) / after.cycle)} of the recommended mean, no team's size changes.` +
        joinClause(before.join, after.join, h),
    );
  }
  return lines;
}

/**
 * A flow with parallel branches: how long their faster branches waited at the joins for the
 * slower (breakdown.join, per case), current -> recommended. Not a part of the mean: the slower
 * branch's waits and work are in the parts above, so the slack is named apart (a unit that speeds
 * the slower branch shortens the mean and raises nothing; one that speeds only the faster adds slack).
 * '' where neither staffing has any (a flow without forks, or a file written before sizing kept it).
 */
function joinClause(before: number | null, after: number | null, h: (x: number) => string): string {
  if (before === null || after === null || !(before > 0 || after > 0)) return '';
  return ` Besides, the faster of its parallel branches waited at their joins for the slower ${h(before)} -> ${h(after)} per case (join slack, not a part of the mean: the slower branch's time is in the parts above).`;
}

/** One sentence per sized team the recommended staffing keeps `fragile.busy` or more busy: sizing.json's `fragile.teams`, or in an older file those FRAGILE_BUSY or more busy (their mean utilisation). */
export function fragileTeamLines(sizing: Explained): string[] {
  const { chosen } = sizing;
  if (chosen === null) return [];
  const lines: string[] = [];
  // the file's own list where it has one (session 38 on), else worked out as size works it out (fragileTeams)
  for (const team of sizing.fragile?.teams ?? fragileTeams(sizing.resources, chosen, FRAGILE_BUSY)) {
    const busy = chosen.metrics[`resources.${team}.utilization`]?.mean ?? null;
    if (busy === null) continue;
    lines.push(
      `Fragile: team '${team}' is ${pct(busy)} busy at the recommended staffing; ${pct(1 / busy - 1)} more work than the scenario's would fill every hour it works, and its queue then grows without bound: a unit more is the margin for a busier week.`,
    );
  }
  return lines;
}

type Reasoned = Pick<SizingResult, 'units_reasons' | 'shifts' | 'confidence' | 'interval' | 'lower_bounds'> & {
  /** its rosters' shifts, which a roster sized as a whole is read by (rosterShifts) */
  chosen?: StaffingUnits | null;
};

/**
 * One line per sized team (with --per-shift, per shift) of the chosen staffing: why it has its units
 * and not one fewer (sizing.json's `units_reasons`): the target the staffing with one fewer misses,
 * with that candidate's mean, interval and the interval's end checked; the bound it is at; or that
 * the search never ran that staffing. [] for a file without them (none chosen, or written before session 62).
 */
export function unitsReasonLines(sizing: Reasoned): string[] {
  const reasons = sizing.units_reasons ?? [];
  if (reasons.length === 0) return [];
  return [
    'Why each team has its units and not one fewer (the staffing with one unit fewer of it, from the candidates tried):',
    ...reasons.map((r) => {
      const shifts = rosterShifts(sizing.chosen, r);
      return `  ${reasonSubject(sizing, r)} at ${shifts === null ? r.units : `${shifts} by shift`}: ${reasonText(sizing, r)}`;
    }),
  ];
}

/** The team, and its shift (shift-name.ts, with its description where sizing.json's `shifts` has one) for an entry of --per-shift. */
function reasonSubject(sizing: Reasoned, r: UnitsReason): string {
  if (r.shift === undefined) return `'${r.team}'`;
  const row = sizing.shifts.find((s) => s.team === r.team && s.shift === r.shift);
  return `'${r.team}' ${shiftName(r.shift, row?.description ?? null)}`;
}

/**
 * A roster sized as a whole, by its shifts ("'noc' at 2/1 by shift: with 1/0, ..."), where "at 2: with 1 (1/0)" left
 * the planner to work out that 1 was its largest at any moment and 1/0 one fewer on each shift (session 63); null for
 * a team without one, or a shift sized on its own.
 */
function rosterShifts(staffing: StaffingUnits | null | undefined, r: UnitsReason): string | null {
  const shifts = r.shift === undefined ? staffing?.shift_capacities?.[r.team] : undefined;
  return shifts === undefined ? null : shifts.join('/');
}

function reasonText(sizing: Reasoned, r: UnitsReason): string {
  const fewer =
    r.fewer === null ? '' : r.shift === undefined ? (rosterShifts(r.fewer, r) ?? staffingCell(r.fewer, r.team)) : String(r.units - 1);
  const missed = (list: readonly MissedTarget[]) => list.map((m) => missedText(sizing, m)).join('; ');
  switch (r.reason) {
    case 'target':
      return `with ${fewer}, ${missed(r.missed ?? [])}`;
    case 'unstable':
      return `with ${fewer}, it cannot keep up with its work (${r.detail ?? 'offered at least its capacity'})`;
    case 'stopped':
      return `with ${fewer}, the simulator stopped the replications (${r.detail ?? 'past --max-wip'})`;
    case 'refuted': {
      const fresh = (r.missed ?? []).length > 0 ? `: ${missed(r.missed!)}` : '';
      return `with ${fewer} (${r.detail ?? 'refuted'} on fresh replications), every target was met on the search's replications but not on fresh ones${fresh}`;
    }
    case 'not_eligible':
      return `with ${fewer}, ${r.detail ?? 'below what the search holds every staffing to'}`;
    case 'lower_bound':
      return r.units === 0
        ? 'no task offers it work'
        : `its lower bound from the offered load: with ${rosterShifts(sizing.chosen, r) === null ? r.units - 1 : 'one fewer on each shift'}, its work would be at least its working hours, and its queue would grow without bound`;
    case 'minimum':
      return r.shift === undefined
        ? `its minimum: the work only it can do in its skill pool needs ${r.units} (below its lower bound of ${sizing.lower_bounds[r.team]}, the pool's other teams taking the rest)`
        : 'its lower bound: the Erlang C requirement of an interval only this shift covers';
    case 'met':
      return `with ${fewer}, every target was met as well on the search's replications, and the team keeps up; it was not chosen`;
    case 'not_tried':
      if (r.searched !== undefined && (r.missed ?? []).length > 0)
        return (
          `with ${fewer}: not tried (it has the unit more the refutation asked, which came after the search), but the search ran its choice with one fewer of it, ` +
          `${unitsText(r.searched)}: ${missed(r.missed!)}`
        );
      return `with ${fewer}: not tried (the search never ran that staffing, so no figure says which target it would miss)`;
  }
}

/** "'flows.order.cycle_time.p90 <= 5d' is missed: 5.30 d [4.90 d, 5.70 d] (the end of its 97.5% interval: 5.80 d)". */
function missedText(sizing: Reasoned, m: MissedTarget): string {
  if (m.mean === null) return `'${targetLabel(m)}' is missed: no value (no case observed)`;
  return `'${targetLabel(m)}' is missed: ${metricCell(sizing, m.path, m)} (the end of its ${boundInterval(sizing)}: ${metricValue(m.path, m.bound)})`;
}
