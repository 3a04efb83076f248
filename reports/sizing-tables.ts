// The sizing report's tables (current and recommended staffing, per shift with --per-shift,
// weekly costs, KPIs with intervals), shared by sizing.html and the size command's console,
// which loads them without the page's HTML and chart modules. Cells are plain text: the page
// escapes them.
import type { MetricValue, SizingResult } from '../engine/results/sizing.js';
import { periodsText } from './assumptions.js';
import { costUnit, metricLabel, metricValue, num, signedNum } from './format.js';
import type { Table } from './tables.js';
import { agree } from '../engine/plural.js';

export function sizingTables(sizing: SizingResult): Table[] {
  const { chosen, current } = sizing;
  const staffing: Table = {
    title: chosen ? 'Current and recommended staffing' : 'Current staffing (no staffing within the maximum meets every target)',
    head: ['team', 'current', ...(chosen ? ['recommended'] : []), 'lower bound', 'maximum'],
    rows: sizing.resources.map((r) => [
      r,
      String(current.capacities[r]),
      ...(chosen ? [String(chosen.capacities[r])] : []),
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
            ['recommended', num(chosen.cost_per_week), num(chosen.cost_per_hour)],
            ['difference', signedNum(sizing.cost_difference_per_week!), signedNum(sizing.cost_difference_per_week! / 168)],
          ]
        : []),
    ],
    numeric: [false, true, true],
  };
  const paths = Object.keys((chosen ?? current).metrics).filter(
    (p) => !/\.(breakdown\.[a-z_]+|wait)$/.test(p) || sizing.targets.some((t) => t.includes(p)),
  );
  const kpis: Table = {
    title: 'KPIs (mean [95% interval])',
    head: ['metric', 'current', ...(chosen ? ['recommended'] : [])],
    rows: paths.map((p) => [metricLabel(p), cell(p, current.metrics[p]), ...(chosen ? [cell(p, chosen.metrics[p])] : [])]),
    numeric: [false, true, true],
  };
  return [staffing, ...(sizing.shifts.length > 0 ? [shiftTable(sizing)] : []), cost, kpis];
}

/** With --per-shift: per team and shift, its Erlang C staffing, current and recommended capacities, and their weekly costs. */
export function shiftTable(sizing: SizingResult): Table {
  const recommended = sizing.chosen !== null;
  return {
    title: 'Staffing per shift, and its cost per week',
    head: [
      'team',
      'shift',
      'hours a week',
      'Erlang C',
      'maximum',
      'current',
      ...(recommended ? ['recommended'] : []),
      `cost now (${costUnit(sizing.currency)} a week)`,
      ...(recommended ? ['cost recommended', 'difference'] : []),
    ],
    rows: sizing.shifts.map((s) => [
      s.team,
      periodsText(s.periods),
      num(s.hours_per_week),
      String(s.erlang_c),
      String(s.max_capacity),
      String(s.current),
      ...(recommended ? [String(s.recommended)] : []),
      num(s.cost_per_week.current),
      ...(recommended ? [num(s.cost_per_week.recommended!), signedNum(s.cost_per_week.difference!)] : []),
    ]),
    numeric: [false, false, true, true, true, true, ...(recommended ? [true] : []), true, ...(recommended ? [true, true] : [])],
  };
}

function cell(path: string, m: MetricValue | undefined): string {
  if (!m || m.mean === null) return '–';
  return `${metricValue(path, m.mean)}${m.ci95 ? ` [${metricValue(path, m.ci95[0])}, ${metricValue(path, m.ci95[1])}]` : ''}`;
}

/** The teams sized without cost_per_hour, in a sentence (the console and sizing.html); null when every one has a cost. */
export function uncostedNote(sizing: Pick<SizingResult, 'uncosted'>): string | null {
  const teams = sizing.uncosted ?? [];
  if (teams.length === 0) return null;
  return `${teams.join(', ')} ${agree(teams.length, 'has', 'have')} no cost_per_hour: the search counts ${agree(teams.length, 'its', 'their')} units as free, so it may add them where a costed unit would do, and the costs below leave them out; give cost_per_hour to weigh them.`;
}
