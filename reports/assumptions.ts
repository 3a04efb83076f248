// The assumptions behind the figures, in words, from results.json's inputs: teams (capacity or
// roster, calendar, cost), arrivals and their profiles, the run settings, and each variant's
// patch as a readable list of changes ("capture order: team order desk -> none (automated);
// duration lognormal, mean 20 min, sd 10 min -> triangular 1 min / 2 min / 5 min").
// Invariant: text only (callers escape it for their medium); empty lists when results.json has no inputs.
import type { ArrivalInput, DistInput, FlowInput, InputChange, NodeInput, TeamInput, VariantInputs } from '../engine/results/inputs.js';
import type { Results } from '../engine/results/types.js';
import { money, NO_COST, num, span, words, workingDaysText } from './format.js';
import { counted } from '../engine/plural.js';
import { percentText } from '../engine/number-format.js';
import { largest } from '../engine/lists.js';
import { clockOfDay } from '../engine/scenario/calendar-spec.js';
import { hasZeroMean } from '../engine/scenario/distribution.js';
import { shiftOf } from '../engine/scenario/types.js';
import { intervalNote } from './shown-intervals.js';
import { replicationsText } from './notes.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A task time in the unit that reads best: "20 min", "1.50 h", "8.40 d". */
export function timeText(hours: number): string {
  if (hours < 1) return `${num(hours * 60)} min`;
  if (hours < 72) return `${num(hours)} h`;
  return `${num(hours / 24)} d`;
}

/** "lognormal, mean 20 min, sd 10 min"; "constant 5 min"; "triangular 1 min / 2 min / 5 min"; "30 min + exponential, mean 2 h" (a shift) */
export function distText(d: DistInput): string {
  const shift = shiftOf(d); // a shift of 0 draws as none, and reads as none
  return shift === 0 ? familyText(d) : `${timeText(shift)} + ${familyText(d)}`;
}

function familyText(d: DistInput): string {
  switch (d.kind) {
    case 'constant':
      return timeText(d.value);
    case 'exponential':
      return `exponential, mean ${timeText(d.mean)}`;
    case 'uniform':
      return `uniform ${timeText(d.min)} to ${timeText(d.max)}`;
    case 'triangular':
      return `triangular ${timeText(d.min)} / ${timeText(d.mode)} / ${timeText(d.max)}`;
    case 'normal':
    case 'lognormal':
    case 'gamma':
      return `${d.kind}, mean ${timeText(d.mean)}, sd ${timeText(d.sd)}`;
    case 'erlang':
      return `Erlang k=${d.k}, mean ${timeText(d.mean)}`;
    case 'weibull':
      return `Weibull shape ${num(d.shape)}, scale ${timeText(d.scale)}`;
    case 'empirical':
      return `empirical, ${counted(d.values.length, 'value')}`;
  }
}

/** Working periods as days and hours: "Mon-Fri 08:00-18:00"; "Mon-Sat 08:00-12:00, 13:00-17:00". */
export function periodsText(periods: { start: number; end: number }[]): string {
  const byDay = new Map<number, string[]>();
  for (const p of periods) {
    const day = Math.floor(p.start / 24);
    const from = p.start - day * 24;
    const list = byDay.get(day) ?? [];
    list.push(
      `${clockOfDay(from)}-${clockOfDay((from + p.end - p.start) % 24 === 0 && p.end - p.start > 0 ? 24 : (from + p.end - p.start) % 24)}`,
    );
    byDay.set(day, list);
  }
  // days with the same hours, in runs of consecutive days
  const groups: { days: number[]; hours: string }[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const hours = byDay.get(day)!.join(', ');
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && last.days[last.days.length - 1] === day - 1) last.days.push(day);
    else groups.push({ days: [day], hours });
  }
  return groups
    .map((g) => `${g.days.length > 1 ? `${DAYS[g.days[0]]}-${DAYS[g.days[g.days.length - 1]]}` : DAYS[g.days[0]]} ${g.hours}`)
    .join('; ');
}

/** "order to activation (CRM orders flow to the OSS automatically): 12 steps; SLA 14.0 d" */
export function flowText(name: string, f: FlowInput): string {
  const about = f.description === undefined ? '' : ` (${f.description})`;
  const sla = f.sla_working_days || f.sla !== null ? `SLA ${slaOf(f)}` : 'no SLA';
  const cancel = f.cancel_after === null ? '' : `; cases cancelled after ${span(f.cancel_after)}`;
  return `${words(name)}${about}: ${counted(Object.keys(f.nodes).length, 'step')}; ${sla}${cancel}`;
}

/** A flow's SLA, on the clock or in working days: "14 days", "2 working days (office)", "none". */
function slaOf(f: FlowInput): string {
  if (f.sla_working_days) return workingDaysText(f.sla_working_days);
  return f.sla === null ? 'none' : span(f.sla);
}

/** The path of a change of a flow's SLA (`sla`, `sla_working_days` or a part of it): its flow's name; null for another change. */
function slaFlow(path: string): string | null {
  const match = /^flows\.([^.]+)\.(sla|sla_working_days)(\..*)?$/.exec(path);
  return match === null ? null : match[1];
}

/**
 * A variant's changes in words, a flow's SLA in one line whichever keys hold it: "flow f: SLA 2
 * working days (office) -> 3 working days (office)". The keys apart read "flow f: working days
 * 2 -> 3", "flow f: calendar office -> late" (the SLA's calendar, not the flow's) and, from
 * working days to a duration, "flow f: SLA added -> 3.00 d" beside its inputs' JSON (s36f).
 */
function variantChanges(
  changes: readonly InputChange[],
  base: VariantInputs,
  variant: VariantInputs | undefined,
  context: ChangeContext,
): string[] {
  const said = new Set<string>();
  // own keys only: a flow named __proto__ is data (engine/results/inputs.ts)
  const flowOf = (inputs: VariantInputs | undefined, name: string) =>
    inputs !== undefined && Object.hasOwn(inputs.flows, name) ? inputs.flows[name] : undefined;
  return changes.flatMap((c) => {
    const flow = slaFlow(c.path);
    const [was, now] = flow === null ? [undefined, undefined] : [flowOf(base, flow), flowOf(variant, flow)];
    if (flow === null || was === undefined || now === undefined) return changeTexts(c, context);
    if (said.has(flow)) return [];
    said.add(flow);
    return [`flow ${words(flow)}: SLA ${slaOf(was)} -> ${slaOf(now)}`];
  });
}

/** A roster's shifts: "2 shifts (2 on Mon-Sun 06:00-22:00; 1 on Mon-Sun 22:00-06:00 (night))" */
function rosterText(shifts: NonNullable<TeamInput['shifts']>): string {
  const each = shifts.map((s) => `${s.capacity} on ${periodsText(s.periods)}${s.description === undefined ? '' : ` (${s.description})`}`);
  return `${counted(shifts.length, 'shift')} (${each.join('; ')})`;
}

export function teamText(
  name: string,
  t: TeamInput,
  calendars: Record<string, { start: number; end: number }[]>,
  currency: string | null,
): string {
  const team = t.description === undefined ? words(name) : `${words(name)} (${t.description})`;
  return `${team}: ${staffingText(t, calendars, currency)}`;
}

/** A team's staffing and cost: "3 units, office calendar (Mon-Fri 08:00-18:00); 40.0 cost units per unit-hour; ..." */
function staffingText(t: TeamInput, calendars: Record<string, { start: number; end: number }[]>, currency: string | null): string {
  const calendar = t.calendar === null ? undefined : calendars[t.calendar];
  const staffing = t.shifts
    ? `roster of ${rosterText(t.shifts)}`
    : `${counted(t.capacity, 'unit')}, ${t.calendar === null ? 'around the clock' : `${words(t.calendar)} calendar${calendar === undefined ? '' : ` (${periodsText(calendar)})`}`}`;
  if (t.cost_given === false) return `${staffing}; ${NO_COST}; ${num(t.hours_per_week)} staffed unit-hours a week`;
  return `${staffing}; ${money(t.cost_per_hour, currency)} per unit-hour; ${num(t.hours_per_week)} staffed unit-hours a week, ${money(t.cost_per_hour * t.hours_per_week, currency)} per week`;
}

/** An arrival stream as the Assumptions list it: "order to activation: Poisson, 1.00 an hour; priority 2" */
export function arrivalText(a: ArrivalInput): string {
  return `${words(a.flow)}: ${streamText(a)}`;
}

/** A stream without its flow's name: "Poisson, 1.00 an hour; priority 2" */
function streamText(a: ArrivalInput): string {
  if (a.cases !== undefined && a.rate_per_hour === null && hasZeroMean(a.interarrival)) {
    // a batch (scenario-format.md): all its cases at one moment
    const when = a.after === undefined ? 'at time 0' : `after ${span(a.after)}`;
    return [`a batch of ${counted(a.cases, 'case')} at once, ${when}`, ...(a.priority !== 0 ? [`priority ${a.priority}`] : [])].join('; ');
  }
  const how = a.rate_per_hour === null ? `interarrival ${distText(a.interarrival)}` : poissonText(a.rate_per_hour, a.profile);
  const parts = [how];
  if (a.profile) {
    const days = a.profile.days.map((f, i) => `${DAYS[i]} ${num(f)}`).join(', ');
    const open = a.profile.hours.map((f, h) => (f > 0 ? h : -1)).filter((h) => h >= 0);
    const hours =
      open.length === 24
        ? 'every hour'
        : open.length === 0
          ? 'no hour'
          : `${clockOfDay(open[0])}-${clockOfDay(open[open.length - 1] + 1)} (hourly factors ${[...new Set(a.profile.hours.filter((f) => f > 0))].map(num).join(', ')})`;
    parts.push(`weekly profile: ${days}; arrivals ${hours}`);
  }
  if (a.calendar) parts.push(`only in the ${words(a.calendar)} calendar's open hours, the gaps paused while it is closed`);
  if (a.after !== undefined) parts.push(`none in the first ${span(a.after)}`);
  if (a.cases !== undefined) parts.push(`at most ${counted(a.cases, 'case')}`);
  if (a.priority !== 0) parts.push(`priority ${a.priority}`);
  return parts.join('; ');
}

/**
 * A Poisson stream's rate as the scenario states it. With a profile the rate at a moment is
 * `rate x days[weekday] x hours[hour]` (scenario-format.md), so the stated rate is the peak only
 * when the largest factors are 1: the peak is said apart.
 */
function poissonText(rate: number, profile: ArrivalInput['profile']): string {
  if (!profile) return `Poisson, ${num(rate)} an hour`;
  const peak = rate * largest(profile.days) * largest(profile.hours);
  return `Poisson, ${num(rate)} an hour times the weekly profile's factors (at its peak ${num(peak)} an hour)`;
}

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined) return field === 'resource' ? 'none (automated)' : field === 'pool' ? 'none (one team)' : 'none';
  if (Array.isArray(v) && field === 'pool') return teamsText(v as string[]);
  // a fork's branches by name, as nodeText lists them (it read '["b","x"]')
  if (Array.isArray(v) && field === 'parallel' && v.every((x) => typeof x === 'string')) return v.map(words).join(', ');
  if (typeof v === 'object' && v !== null && 'kind' in v && typeof (v as { kind: unknown }).kind === 'string') {
    const kind = (v as { kind: string }).kind;
    if (kind === 'task' || kind === 'decision' || kind === 'fork') return nodeText(v as NodeInput);
    return distText(v as DistInput);
  }
  if (field === 'branch' && Array.isArray(v)) return (v as BranchInput[]).map(branchText).join(', ');
  if (['sla', 'cancel_after'].includes(field) && typeof v === 'number') return timeText(v);
  if (typeof v === 'string') return words(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : num(v);
  if (Array.isArray(v) && field === 'periods') return periodsText(v as { start: number; end: number }[]);
  // a roster and a calendar's hours as the Assumptions write them (they read as JSON)
  if (Array.isArray(v) && field === 'shifts') return rosterText(v as NonNullable<TeamInput['shifts']>);
  if (Array.isArray(v) && field === 'calendar_hours') return periodsText(v as { start: number; end: number }[]);
  return JSON.stringify(v);
}

function nodeText(n: NodeInput): string {
  if (n.kind === 'task' && n.until === 'case_age')
    return `automated, until the case is ${distText(n.duration)} old${n.calendar ? ` in ${words(n.calendar)} hours` : ''}`;
  if (n.kind === 'task') return `task ${distText(n.duration)}${n.resource ? ` by ${teamsText(n.pool ?? [n.resource])}` : ', automated'}`;
  if (n.kind === 'decision') return `decision: ${n.branch.map(branchText).join(', ')}`;
  return `fork to ${n.parallel.map(words).join(', ')}`;
}

/** A task's team, or a skill pool's teams in preference order: "noc tier1 or noc tier2" */
function teamsText(teams: readonly string[]): string {
  return teams.map(words).join(' or ');
}

type BranchInput = { to: string; p: number; p_by_visit?: number[] };

/** "rework 33.3%", or with p per visit "rework 33.3% (by visit 50% / 0%)": the long-run share first. */
function branchText(b: BranchInput): string {
  const byVisit =
    b.p_by_visit === undefined ? '' : ` (by visit ${b.p_by_visit.map((p) => percentText(p, { maxDecimals: 2 })).join(' / ')})`;
  return `${words(b.to)} ${percentText(b.p, { maxDecimals: 2 })}${byVisit}`;
}

const FIELD_NAMES: Record<string, string> = {
  resource: 'team',
  duration: 'duration',
  branch: 'branches',
  next: 'next step',
  capacity: 'capacity',
  cost_per_hour: 'cost per hour',
  calendar: 'calendar',
  until: 'timer',
  hours_per_week: 'staffed unit-hours a week',
  sla: 'SLA',
  shifts: 'roster',
  pool: 'skill pool',
};

/**
 * A change of the arrival streams, a line per stream it changes, adds or removes (streams paired
 * by their place in the list, the flow's name leading): "arrivals of f: Poisson, 1.00 an hour ->
 * Poisson, 1.20 an hour", "arrivals of g added: Poisson, 0.50 an hour". The whole list in one
 * line read "arrivals: arrivals f: ... -> f: ...; g: ...", the streams' own "; " beside theirs.
 */
function arrivalChanges(baseline: readonly ArrivalInput[], variant: readonly ArrivalInput[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < Math.max(baseline.length, variant.length); i++) {
    const [b, v] = [baseline[i], variant[i]];
    if (b !== undefined && v !== undefined && b.flow === v.flow) {
      const [from, to] = [streamText(b), streamText(v)];
      if (from !== to) lines.push(`arrivals of ${words(b.flow)}: ${from} -> ${to}`);
      continue;
    }
    if (b !== undefined) lines.push(`arrivals of ${words(b.flow)} removed: ${streamText(b)}`);
    if (v !== undefined) lines.push(`arrivals of ${words(v.flow)} added: ${streamText(v)}`);
  }
  return lines;
}

/**
 * What a team or calendar a variant adds is written with: the variant's calendars (a team's
 * calendar hours) and the run's currency (its cost). Without it, an added team's calendar is
 * named without its hours and its cost is in cost units.
 */
export interface ChangeContext {
  calendars: Record<string, { start: number; end: number }[]>;
  currency: string | null;
}

/** A change in words, a line per thing it changes: one line (changeText), or a line per arrival stream changed. */
export function changeTexts(c: InputChange, context?: ChangeContext): string[] {
  if (c.path === 'arrivals' && Array.isArray(c.baseline) && Array.isArray(c.variant)) return arrivalChanges(c.baseline, c.variant);
  return [changeText(c, context)];
}

/** One change in words: "flows.F.nodes.capture_order.resource" -> "capture order: team order desk -> none (automated)". */
export function changeText(c: InputChange, context?: ChangeContext): string {
  const parts = c.path.split('.');
  const field = parts[parts.length - 1];
  let subject: string;
  if (parts[0] === 'flows' && parts[2] === 'nodes' && parts.length >= 4)
    subject = parts.length === 4 ? `step ${words(parts[3])}` : words(parts[3]);
  else if (parts[0] === 'resources' && parts.length >= 2) subject = `team ${words(parts[1])}`;
  else if (parts[0] === 'flows') subject = `flow ${words(parts[1])}`;
  else subject = words(parts[0]);
  // a flow added or removed: in a sentence, as the Assumptions write a flow (s33x F23: its inputs as JSON)
  if (parts[0] === 'flows' && parts.length === 2) {
    if (c.baseline === null) return `${subject} added: ${flowText(parts[1], c.variant as FlowInput)}`;
    if (c.variant === null) return `${subject} removed`;
  }
  // a team added or removed: as the Assumptions write a team (it read "team order desk: order desk {JSON} -> none")
  if (parts[0] === 'resources' && parts.length === 2) {
    if (c.variant === null) return `${subject} removed`;
    if (c.baseline === null) {
      const team = c.variant as TeamInput;
      const about = team.description === undefined ? '' : ` (${team.description})`;
      return `${subject}${about} added: ${staffingText(team, context?.calendars ?? {}, context?.currency ?? null)}`;
    }
  }
  // a calendar's hours: "calendar field shift: Mon-Sat 08:00-12:00, ... -> ..."
  if (parts[0] === 'calendars' && parts.length === 2) {
    subject = `calendar ${words(parts[1])}`;
    if (c.variant === null) return `${subject} removed`;
    if (c.baseline === null) return `${subject} added: ${valueText('calendar_hours', c.variant)}`;
  }
  const what =
    (parts.length === 4 && parts[2] === 'nodes') || (parts[0] === 'calendars' && parts.length === 2)
      ? ''
      : ` ${FIELD_NAMES[field] ?? words(field)}`;
  // a team without a calendar works around the clock: it read "calendar office -> none", "calendar added -> office"
  if (parts[0] === 'resources' && parts.length === 3 && field === 'calendar') {
    const calendar = (v: unknown) => (v === null || v === undefined ? 'around the clock' : valueText(field, v));
    return `${subject}: calendar ${calendar(c.baseline)} -> ${calendar(c.variant)}`;
  }
  const kind = parts[0] === 'calendars' && parts.length === 2 ? 'calendar_hours' : field;
  const from = c.baseline === null ? 'added' : valueText(kind, c.baseline);
  const to = c.variant === null && c.baseline !== null && parts.length === 4 ? 'removed' : valueText(kind, c.variant);
  return `${subject}:${what} ${from} -> ${to}`;
}

/**
 * The changes the Assumptions list: the staffed hours follow from capacity or the roster, so a
 * change of both says the same thing twice; a cost given where none was shows as its cost per
 * hour's change; a rostered team's capacity is its roster's largest at any moment, which a
 * change of its roster already states shift by shift (it read "capacity 9 -> 10" beside it; a
 * team that takes or leaves a roster keeps its capacity line, the other side's staffing).
 */
function shownChanges(changes: readonly InputChange[]): InputChange[] {
  const rosters = new Set(
    changes
      .filter((c) => /^resources\.[^.]+\.shifts$/.test(c.path) && Array.isArray(c.baseline) && Array.isArray(c.variant))
      .map((c) => c.path.slice(0, -'.shifts'.length)),
  );
  return changes.filter(
    (c) =>
      !c.path.endsWith('.hours_per_week') &&
      !c.path.endsWith('.cost_given') &&
      !(c.path.endsWith('.capacity') && rosters.has(c.path.slice(0, -'.capacity'.length))),
  );
}

/** What a variant that changes no input is said to change. */
export const NO_CHANGES = "nothing in the inputs: its results equal the baseline's";

/** Said where results.json was written before it carried its inputs. */
export const NO_INPUTS =
  'This results file was written before etomsim recorded the inputs it simulated: run the scenario again to see its teams, arrivals and changes here.';

export interface Assumptions {
  run: string[];
  /** the baseline's flows: each one's steps, SLA and the scenario's description */
  flows: string[];
  teams: string[];
  arrivals: string[];
  /** per variant, its changes in words (empty: it changes nothing the inputs show) */
  variants: { variant: string; description: string | null; changes: string[] }[];
}

/** What the report states it assumed; teams and arrivals of the baseline. */
export function assumptions(results: Results): Assumptions {
  const base = results.variants.baseline?.inputs;
  const currency = results.currency ?? null;
  const run = [
    `${replicationsText(results)}; seed ${results.engine.seed}`,
    `times in the scenario are in ${results.time_unit ?? 'hours'}; costs in ${currency ?? 'cost units (the scenario names no currency)'}`,
  ];
  const intervals = intervalNote(results);
  if (intervals !== null) run.push(intervals);
  if (!base) return { run, flows: [], teams: [], arrivals: [], variants: [] };
  return {
    run,
    flows: Object.entries(base.flows).map(([name, f]) => flowText(name, f)),
    teams: Object.entries(base.resources).map(([name, t]) => teamText(name, t, base.calendars, currency)),
    arrivals: base.arrivals.map(arrivalText),
    variants: Object.entries(results.variants)
      .filter(([v]) => v !== 'baseline')
      .map(([variant, block]) => ({
        variant,
        description: block.description,
        changes: variantChanges(shownChanges(block.inputs?.changes ?? []), base, block.inputs, {
          calendars: block.inputs?.calendars ?? {},
          currency,
        }),
      })),
  };
}
