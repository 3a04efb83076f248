// The sizing report's tables (current and recommended staffing, per shift with --per-shift,
// weekly costs, KPIs with intervals), shared by sizing.html and the size command's console,
// which loads them without the page's HTML and chart modules. Cells are plain text: the page
// escapes them.
import { metricKindOf, OFF_SHIFT, parseMetricPath, shiftPart } from '../engine/model/metric-catalogue.js';
import { shiftName } from '../engine/scenario/shift-name.js';
import {
  isRecommended,
  type MetricValue,
  outcomeOf,
  type SizingCandidate,
  type SizingResult,
  type TargetOutcome,
  staffingKey,
  targetLabel,
  type UnitMorePlacement,
  unitsText,
  type VerificationOutcome,
} from '../engine/results/sizing.js';
import { periodsText } from './assumptions.js';
import { offShiftPeriods } from './shift-lines.js';
import { costUnit, level, metricLabel, money, num, signedNum, unitOf, withInterval } from './format.js';
import { intervalAsShown, intervalName } from './shown-intervals.js';
import type { Table } from './tables.js';
import { agree, counted } from '../engine/plural.js';
import { HOURS_PER_WEEK } from '../engine/week.js';

export function sizingTables(sizing: SizingResult): Table[] {
  const { chosen, current } = sizing;
  const label = chosenLabel(sizing);
  const staffing: Table = {
    title: chosen
      ? `Current and ${label === 'recommended' ? 'recommended' : `the search's ${label} (not recommended)`} staffing`
      : 'Current staffing (no staffing within the maximum meets every target)',
    head: ['team', 'current', ...(chosen ? [label] : []), 'lower bound', 'maximum'],
    rows: sizing.resources.map((r) => [
      r,
      staffingCell(current, r),
      ...(chosen ? [staffingCell(chosen, r)] : []),
      String(sizing.min_capacity?.[r] ?? sizing.lower_bounds[r]),
      String(sizing.max_capacity[r]),
    ]),
    numeric: [false, true, ...(chosen ? [true] : []), true, true],
  };
  const cost: Table = {
    title: 'Weekly cost',
    head: ['staffing', `cost per week (${costUnit(sizing.currency)})`, `cost per hour (${costUnit(sizing.currency)})`],
    rows: [
      ['current', num(current.cost_per_week), num(current.cost_per_hour)],
      ...(chosen
        ? [
            [label, num(chosen.cost_per_week), num(chosen.cost_per_hour)],
            ['difference', signedNum(sizing.cost_difference_per_week!), signedNum(sizing.cost_difference_per_week! / HOURS_PER_WEEK)],
          ]
        : []),
    ],
    numeric: [false, true, true],
  };
  const paths = Object.keys((chosen ?? current).metrics).filter((p) => shownKpi(p, (chosen ?? current).targets));
  const kpis: Table = {
    title: `KPIs (mean [95% ${intervalName(sizing.interval)}])`,
    head: ['metric', 'current', ...(chosen ? [label] : [])],
    rows: paths.map((p) => [
      metricLabel(p),
      metricCell(sizing, p, current.metrics[p]),
      ...(chosen ? [metricCell(sizing, p, chosen.metrics[p])] : []),
    ]),
    numeric: [false, true, true],
  };
  return [staffing, ...(sizing.shifts.length > 0 ? [shiftTable(sizing)] : []), cost, kpis];
}

/**
 * Every candidate tried, in the order evaluated: its staffing, cost, whether it meets every
 * target, each target's KPI (mean [95% interval], one column per KPI targeted) and the targets it
 * missed, so that a candidate refused on one target does not read as meeting the one shown (s33x F15).
 * `mark`: the first cell of a candidate's row (the console's * and x).
 */
export function candidatesTable(sizing: SizingResult, mark: (c: SizingCandidate) => string): Table {
  const paths = [...new Set((sizing.candidates[0]?.targets ?? []).map((t) => t.path))];
  return {
    title: `Candidates tried (${sizing.candidates.length}, in the order evaluated)`,
    head: ['', ...sizing.resources, `cost/hour (${costUnit(sizing.currency)})`, 'meets', ...paths.map((p) => metricLabel(p)), 'missed'],
    rows: sizing.candidates.map((c) => [
      mark(c),
      ...sizing.resources.map((r) => (c.shift_capacities?.[r] ? c.shift_capacities[r].join('/') : String(c.capacities[r]))),
      num(c.cost_per_hour),
      c.meets ? 'yes' : 'no',
      ...paths.map((p) => (c.stopped ? 'stopped: its queue grew past --max-wip' : metricCell(sizing, p, c.metrics[p]))),
      c.targets
        .filter((t) => !t.met)
        .map(targetLabel)
        .join('; ') || '–',
    ]),
    numeric: [false, ...sizing.resources.map(() => true), true, false, ...paths.map(() => true), false],
  };
}

/**
 * What the per-shift table's Erlang C and floor columns are (the console's title and sizing.html's
 * note): the start is not the floor for a skill pool's member, whose pooled work other teams can
 * take, so it may be recommended below its Erlang C (s35y F2: the column was called the floor).
 */
export const SHIFT_COLUMNS_NOTE =
  "Erlang C: the cheapest shifts meeting the targets in every interval of the week on the team's share of the work, where the search starts; floor: the fewest the search gives the shift (sizing.json's lower_bound), what the intervals it alone covers need of the work no other team can take, below Erlang C for a skill pool's member";

/**
 * With --per-shift: per team and shift, its Erlang C staffing and floor, current and recommended capacities, their weekly
 * costs, and what the tasks that joined the queue while the shift was on waited (sizing.json's per-shift KPIs, when
 * it has them: files written before them have none), with an off-shift row for those that joined while none was.
 */
export function shiftTable(sizing: SizingResult): Table {
  const recommended = sizing.chosen !== null;
  const label = chosenLabel(sizing);
  const kpis = (sizing.chosen ?? sizing.current).metrics;
  const waits = sizing.shifts.some((s) => kpis[shiftPath(s.team, String(s.shift), 'wait')] !== undefined);
  const within = sizing.shifts.some((s) => kpis[shiftPath(s.team, String(s.shift), 'within_target')] !== undefined);
  const kpiCells = (team: string, key: string): string[] => {
    const cells = (stat: string) => {
      const path = shiftPath(team, key, stat);
      return [
        metricCell(sizing, path, sizing.current.metrics[path]),
        ...(recommended ? [metricCell(sizing, path, sizing.chosen!.metrics[path])] : []),
      ];
    };
    return [...(waits ? cells('wait') : []), ...(within ? cells('within_target') : [])];
  };
  const rows = sizing.shifts.flatMap((s, i) => {
    const row = [
      s.team,
      shiftName(s.shift, s.description ?? null),
      periodsText(s.periods),
      num(s.hours_per_week),
      String(s.erlang_c),
      String(s.lower_bound),
      String(s.max_capacity),
      String(s.current),
      ...(recommended ? [String(s.recommended)] : []),
      num(s.cost_per_week.current),
      ...(recommended ? [num(s.cost_per_week.recommended!), signedNum(s.cost_per_week.difference!)] : []),
      ...kpiCells(s.team, String(s.shift)),
    ];
    // after a team's last shift, its tasks that joined while no shift was on, in the hours none covers
    const last = sizing.shifts[i + 1]?.team !== s.team;
    const off = shiftPath(s.team, OFF_SHIFT, 'wait');
    if (!last || !waits || sizing.current.metrics[off] === undefined) return [row];
    const noStaffing = Array<string>(recommended ? 9 : 6).fill('');
    const uncovered = periodsText(offShiftPeriods(sizing.shifts.filter((x) => x.team === s.team)));
    return [row, [s.team, shiftPart(OFF_SHIFT)!, uncovered, ...noStaffing, ...kpiCells(s.team, OFF_SHIFT)]];
  });
  const kpiHead = (what: string) => [`${what} now`, ...(recommended ? [`${what} ${label}`] : [])];
  return {
    title: 'Staffing per shift, and its cost per week',
    head: [
      'team',
      'shift',
      'hours',
      'hours a week',
      'Erlang C',
      'floor',
      'maximum',
      'current',
      ...(recommended ? [label] : []),
      `cost now (${costUnit(sizing.currency)} a week)`,
      ...(recommended ? [`cost ${label}`, 'difference'] : []),
      ...(waits ? kpiHead('wait') : []),
      ...(within ? kpiHead('within target') : []),
    ],
    rows,
    numeric: [
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      ...(recommended ? [true] : []),
      true,
      ...(recommended ? [true, true] : []),
      ...(waits ? kpiHead('').map(() => true) : []),
      ...(within ? kpiHead('').map(() => true) : []),
    ],
  };
}

/** sizing.json's KPI of one of a team's shifts (`resources.T.shifts.S.STAT`, S its index or off_shift). */
function shiftPath(team: string, key: string, stat: string): string {
  return `resources.${team}.shifts.${key}.${stat}`;
}

/**
 * Whether the KPI tables (console and sizing.html) show sizing.json's stat at `path`: where a
 * target (`targets`, the expanded outcomes) names it; else the standard KPIs, not what the
 * diagnosis keeps (the breakdown, a team's wait), a shift's (the shift table, beside its
 * staffing) or a sum over the window (the catalogue's `total`: a team's wait hours, summed over
 * its tasks, read as a duration beside the per-case times: "48.1 d").
 */
export function shownKpi(path: string, targets: readonly Pick<TargetOutcome, 'path'>[]): boolean {
  if (targets.some((t) => t.path === path)) return true;
  return !/\.(breakdown\.[a-z_]+|wait)$/.test(path) && !isShiftPath(path) && metricKindOf(path)?.total !== true;
}

/** A per-shift KPI (`resources.T.shifts.S.STAT`): the shift table shows it. */
export function isShiftPath(path: string): boolean {
  return parseMetricPath(path)?.scope === 'shift';
}

/**
 * The interval the KPI at `path` is shown with: its 95% interval (Johnson's under --interval
 * johnson), within its metric's range as results' reports show a stat's (shown-intervals.ts'
 * intervalAsShown: a wait's from 0). sizing.json keeps it as computed. A target is checked on its
 * own `bound`, which may lie beyond this interval's end (a Bonferroni level; under johnson the
 * farther of Johnson's and the damped end, with one target too from session 43): the targets'
 * sentences give it.
 */
export function shownInterval(sizing: Pick<SizingResult, 'interval'>, path: string, m: MetricValue): [number, number] | null {
  return intervalAsShown(path, sizing.interval === 'johnson' && m.ci95_johnson !== undefined ? m.ci95_johnson : m.ci95);
}

/** One word per outcome of a verification, in every output (console, sizing.html, the chart): a not_confirmed check is never called refuted. */
export const OUTCOME_WORDS: Record<VerificationOutcome, string> = {
  confirmed: 'confirmed',
  refuted: 'refuted',
  not_confirmed: 'not confirmed',
  unstable: 'unstable',
};

/** What the chosen staffing is called in the tables: the recommendation, or the search's choice as its fresh replications left it, "refuted" or "not confirmed" (OUTCOME_WORDS). */
export function chosenLabel(sizing: Pick<SizingResult, 'chosen' | 'verification'>): string {
  if (isRecommended(sizing) || sizing.verification === null) return 'recommended';
  return OUTCOME_WORDS[outcomeOf(sizing.verification)];
}

/** A KPI as `mean [low, high]` in one unit, as results' reports read a stat (the console and sizing.html): "2.90 d [2.38 d, 3.43 d]", not "69.7 h [57.0 h, 3.43 d]". */
export function metricCell(sizing: Pick<SizingResult, 'interval'>, path: string, m: MetricValue | undefined): string {
  if (!m || m.mean === null) return '–';
  return withInterval(unitOf(path), { mean: m.mean, ci95: shownInterval(sizing, path, m) });
}

/**
 * How the targets were checked, in a sentence (the console and sizing.html): one target at the
 * unfavourable end of its 95% interval, k targets each at its 1 - 0.05/k (Bonferroni), on Johnson's
 * modified t under --interval johnson (each end the farther of Johnson's and the damped form's: targets.ts checkTarget).
 */
export function targetRule(sizing: Pick<SizingResult, 'confidence' | 'interval' | 'targets'>): string {
  const { targets } = sizing.confidence;
  const johnson = sizing.interval === 'johnson';
  // k counts one per stat and direction: bounds on one stat in one direction are one (the tightest decides)
  const one = sizing.targets.length === 1;
  return targets === 1
    ? `${one ? 'Target' : 'Targets on one stat'}, met when the unfavourable end of its ${boundInterval(sizing)}${johnson ? ' (which corrects for skewed replications, never less strictly than with their skewness damped by its noise)' : ''} meets ${one ? 'it' : 'them'}: ${sizing.targets.join('; ')}`
    : `Targets, all met with at least 95% confidence jointly (Bonferroni: each at the unfavourable end of its ${boundInterval(sizing)}${johnson ? ', which corrects for skewed replications, and never less strictly than with their skewness damped by its noise;' : ','} ${targets} targets): ${sizing.targets.join('; ')}`;
}

/** The interval whose end a target's `bound` (or a diagnosis' `best_bound`) is: "98.75% interval", by Johnson's modified t under --interval johnson. */
export function boundInterval(sizing: Pick<SizingResult, 'confidence' | 'interval'>): string {
  return `${level(sizing.confidence.per_target)} ${intervalName(sizing.interval)}`;
}

/**
 * Why the scenario's own staffing cannot be the recommendation, in a sentence (the console and
 * sizing.html); null when it can. It is run for comparison, and may meet the targets on the
 * week's average while an interval is staffed below its Erlang C requirement.
 */
export function currentNote(sizing: Pick<SizingResult, 'current'>): string | null {
  const why = sizing.current.ineligible;
  const backlog = sizing.current.unstable;
  if (why === undefined && backlog === undefined) return null;
  const though = sizing.current.meets ? ', though it meets every target on the whole run' : '';
  if (why === undefined)
    return `The current staffing is shown for comparison but cannot keep up with its work${though}: ${backlog}. A recommendation keeps the work offered to every team, and to every set of teams sharing skill pools, below its capacity.`;
  return `The current staffing is shown for comparison but cannot be recommended${though}: ${why}${backlog === undefined ? '' : `; nor can it keep up with its work: ${backlog}`}. A recommendation keeps every interval at its Erlang C requirement (with --per-shift) and every team within its lower bound and maximum.`;
}

/**
 * When nothing is chosen though some staffing met every target: those that did cannot keep up
 * with their work (the offered-load test, staffing-stability.ts), in a sentence naming the cheapest; null otherwise.
 */
export function unstableOnlyNote(sizing: Pick<SizingResult, 'chosen' | 'candidates' | 'currency'>): string | null {
  if (sizing.chosen !== null) return null;
  const eligible = (c: SizingCandidate) => c.ineligible === undefined && c.other_placement === undefined;
  const met = sizing.candidates.filter((c) => c.meets && c.unstable !== undefined && eligible(c));
  if (met.length === 0 || sizing.candidates.some((c) => c.meets && c.unstable === undefined && eligible(c))) return null;
  const cheapest = met.reduce((b, c) => (c.cost_per_week < b.cost_per_week ? c : b));
  const staffing = Object.entries(cheapest.capacities)
    .map(([team, c]) => `${team} ${cheapest.shift_capacities?.[team]?.join('/') ?? c}`)
    .join(', ');
  return `${counted(met.length, 'staffing')} met every target but cannot keep up with ${agree(met.length, 'its', 'their')} work, so none is recommended: the cheapest, ${staffing}, because ${cheapest.unstable}. Its targets, read on the cases that completed, say nothing of those left waiting.`;
}

/** The teams sized that no task offers work, in a sentence (the console and sizing.html); null when every one has work. */
export function noWorkNote(sizing: Pick<SizingResult, 'no_work'>): string | null {
  const teams = sizing.no_work ?? [];
  if (teams.length === 0) return null;
  return `No work: no task offers ${teams.join(', ')} any work (offered load 0), so ${agree(teams.length, 'its', 'their')} lower bound is 0 units, and a unit is kept only where a target needs it.`;
}

/**
 * A team's units in a staffing table: its capacity, and for a roster its shifts' capacities in the
 * roster's order, "9 (5/4/3)": the largest at any moment alone ("7 -> 9") hid that the change is
 * one more person on each shift (s35y F1).
 */
export function staffingCell(c: Pick<SizingCandidate, 'capacities' | 'shift_capacities'>, team: string): string {
  const shifts = c.shift_capacities?.[team];
  return shifts === undefined ? String(c.capacities[team]) : `${c.capacities[team]} (${shifts.join('/')})`;
}

/**
 * The rosters sized as a whole (without --per-shift), in a sentence (the console and sizing.html):
 * each changed roster's shifts before and after, "1 unit more on each shift" when alike (a shift at 0 stays there);
 * null when none changed or nothing was chosen.
 */
export function wholeRosterNote(sizing: Pick<SizingResult, 'chosen' | 'current' | 'per_shift' | 'resources'>): string | null {
  const { chosen, current } = sizing;
  if (chosen === null || sizing.per_shift) return null;
  const moved = (r: string) => {
    const [was, now] = [current.shift_capacities?.[r], chosen.shift_capacities?.[r]];
    return was !== undefined && (now?.some((c, j) => c !== was[j]) ?? false);
  };
  const teams = sizing.resources.filter(moved);
  if (teams.length === 0) return null;
  const change = (r: string) => {
    const [was, now] = [current.shift_capacities![r], chosen.shift_capacities![r]];
    const deltas = now.map((c, j) => c - was[j]);
    const each = deltas.every((d) => d === deltas[0])
      ? `${deltas[0] > 0 ? `${counted(deltas[0], 'unit')} more` : `${counted(-deltas[0], 'unit')} fewer`} on each shift`
      : `${deltas.map((d) => (d > 0 ? `+${d}` : String(d))).join('/')} by shift`;
    return `${r} ${was.join('/')} -> ${now.join('/')} (${each})`;
  };
  return (
    `Sized as a whole, a roster has the same units added to (or taken from) every shift, none below 0: ${teams.map(change).join('; ')}. ` +
    `A team's capacity is its roster's largest at any moment, which moves by k a unit where k shifts overlap; size --per-shift sizes each shift on its own.`
  );
}

/** The teams sized without cost_per_hour, in a sentence (the console and sizing.html); null when every one has a cost. */
export function uncostedNote(sizing: Pick<SizingResult, 'uncosted'>): string | null {
  const teams = sizing.uncosted ?? [];
  if (teams.length === 0) return null;
  return `${teams.join(', ')} ${agree(teams.length, 'has', 'have')} no cost_per_hour: the search counts ${agree(teams.length, 'its', 'their')} units as free, so it may add them where a costed unit would do, and the costs below leave them out; give cost_per_hour to weigh them.`;
}

/**
 * With --per-shift: whose queue waits the Erlang C intervals' loads are placed after (sizing.json's
 * `queue_placement`), in a sentence: the recommendation's own run, or the current staffing's, and
 * the staffings whose waits were set aside and why; null for a file without it (written before
 * session 40, when the current staffing's waits placed them) or sized without --per-shift.
 */
export function placementNote(sizing: Pick<SizingResult, 'queue_placement' | 'chosen' | 'current' | 'refuted'>): string | null {
  const placement = sizing.queue_placement;
  if (placement === undefined) return null;
  const { measured_on: by, searches, consistent } = placement;
  const isChoice = by !== null && sizing.chosen !== null && staffingKey(by) === staffingKey(sizing.chosen);
  const refutedFirst = sizing.refuted?.[0];
  // a staffing placed by is the current one or a search's choice: the verification's unit more may have replaced that
  // choice, or a later search stopped (its limit, a swing back, nothing found, its choice's waits unreadable)
  const whose =
    by === null
      ? null
      : isChoice
        ? `the search's choice, ${unitsText(by)}`
        : staffingKey(by) === staffingKey(sizing.current)
          ? `the current staffing, ${unitsText(by)}`
          : refutedFirst !== undefined && staffingKey(refutedFirst) === staffingKey(by)
            ? `the search's choice before the verification's unit more, ${unitsText(by)}`
            : `an earlier search's choice, ${unitsText(by)}`;
  const tries = counted(searches, 'search', 'searches');
  const head =
    whose === null
      ? "Erlang C intervals: each one's load placed as if no step queued, no staffing's queue waits being readable"
      : `Erlang C intervals: each one's load placed after the queue waits of ${whose}`;
  const choiceSetAside = sizing.chosen !== null && placement.set_aside.some((s) => staffingKey(s) === staffingKey(sizing.chosen!));
  const settled =
    consistent === true && by !== null && (isChoice || staffingKey(by) !== staffingKey(sizing.current))
      ? `: placed after its own waits, it asks the intervals it was chosen under (${tries}${searches > 1 ? ", each on the last choice's waits" : ''})`
      : consistent === false
        ? choiceSetAside
          ? `: the choice's own waits could not be read (${tries})`
          : `: the choice, placed after its own waits, would ask other intervals than it was chosen under (not settled in ${tries})`
        : '';
  const aside = placement.set_aside.map((s) => `; the waits of ${unitsText(s)} set aside, as they depend on the run's length: ${s.reason}`);
  return `${head}${settled}${aside.join('')}.${unitMoreText(placement.unit_more)}`;
}

/**
 * The recommendation made after a refutation, held to the search's choice's placement, where its
 * own queue waits would ask other intervals (sizing.json's `queue_placement.unit_more`), as a
 * sentence with its leading space; empty where they ask the same, or in a file without it.
 */
function unitMoreText(unitMore: UnitMorePlacement | undefined): string {
  if (unitMore === undefined || unitMore.consistent === true) return '';
  const head = ` The recommendation, ${unitsText(unitMore)}, made after the verification refuted the search's choice, is held to the placement that choice was made under`;
  if (unitMore.consistent === null) return `${head}; its own queue waits could not be read: ${unitMore.unread}.`;
  const ruled = unitMore.ruled_out === null ? 'which it covers' : `which rule it out: ${unitMore.ruled_out}`;
  return `${head}; placed after its own queue waits, it would ask other intervals' requirements, ${ruled}.`;
}

/** A candidate run under another placement of --per-shift's loads that the final one rules out (sizing.json's `other_placement`), in the page's candidates table and the chart. */
export const OTHER_PLACEMENT_WORDS = 'ruled out by the final placement';

/**
 * The staffings tried under another placement of the intervals' loads that the final one rules
 * out, in a sentence (the console and sizing.html): never recommended, whatever their targets,
 * one of them named with why, the cheapest that met every target where one did (the row that read
 * as a cheaper answer missed, s40 reviewer); null when there are none.
 */
export function otherPlacementNote(
  sizing: Pick<SizingResult, 'candidates' | 'current' | 'currency' | 'chosen' | 'verification'> & Partial<Pick<SizingResult, 'refuted'>>,
): string | null {
  const marked = sizing.candidates.filter((c) => c.other_placement !== undefined);
  if (marked.length === 0) return null;
  const met = marked.filter((c) => c.meets && c.unstable === undefined);
  const named = (met.length > 0 ? met : marked).reduce((b, c) => (c.cost_per_week < b.cost_per_week ? c : b));
  const { placed_after: by, reason } = named.other_placement!;
  // the search's choice (the first refuted where the verification's unit more replaced it): a staffing placed after its
  // own waits and ruled out was run by a later search on them that found nothing, its choice then kept (load-placement.ts)
  const choice = sizing.refuted?.[0] ?? sizing.chosen;
  const after =
    by === null
      ? 'placed as if no step queued'
      : staffingKey(by) === staffingKey(sizing.current)
        ? "placed after the current staffing's queue waits"
        : choice !== null && staffingKey(by) === staffingKey(choice)
          ? `placed after the queue waits of the search's choice, ${unitsText(by)}, by a later search on them that found no staffing`
          : `placed after the queue waits of ${unitsText(by)}`;
  const which = met.length > 0 ? `the cheapest that met every target, ${unitsText(named)}` : unitsText(named);
  return (
    `${counted(marked.length, 'staffing')} tried while the intervals' loads were placed after other queue waits ${agree(marked.length, 'falls', 'fall')} short of what the final placement asks, so ${agree(marked.length, 'it is not', 'none is')} recommended whatever ${agree(marked.length, 'its', 'their')} targets say: ` +
    `${which} (${after}), as ${reason}${costAgainstChoice(named, sizing)}.`
  );
}

/**
 * A staffing's weekly cost against the recommendation's (or the search's choice, where that is
 * not recommended), as a clause: "; it costs 5,040 cost units per week, 1,680 cost units more than
 * the recommendation" (s41: the cheapest ruled out that met the targets may be the dearer, which
 * the sentence left to the reader); empty when nothing was chosen.
 */
function costAgainstChoice(
  staffing: Pick<SizingCandidate, 'cost_per_week'>,
  sizing: Pick<SizingResult, 'chosen' | 'verification' | 'currency'>,
): string {
  const chosen = sizing.chosen;
  if (chosen === null) return '';
  const whom = isRecommended(sizing) ? 'the recommendation' : "the search's choice";
  const difference = staffing.cost_per_week - chosen.cost_per_week;
  const than =
    difference === 0
      ? `as much as ${whom}`
      : `${money(Math.abs(difference), sizing.currency)} ${difference > 0 ? 'more' : 'less'} than ${whom}`;
  return `; it costs ${money(staffing.cost_per_week, sizing.currency)} per week, ${than}`;
}
