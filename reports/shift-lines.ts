// The shifts of each rostered team as the report tables them (report.html's and summary.md's
// "Teams per shift", the workbook's Teams sheet): per team, per variant, per shift of its
// roster in the roster's order and then its off-shift line, the shift's hours and units (the
// variant's inputs) beside what the tasks that joined while it was on waited (results.json's
// `resources.T.shifts.S`). One data function for every output; text is not escaped here.
// Invariant: a team without a roster has no line, so its rows elsewhere stay as they were.
import { shiftName } from '../engine/scenario/shift-name.js';
import { type MetricKind, OFF_SHIFT, shiftPart, shownIn } from '../engine/model/metric-catalogue.js';
import type { ShiftBlock, Stat } from '../engine/results/types.js';
import type { Results } from '../engine/results/types.js';
import { periodsText } from './assumptions.js';
import { resourceNames, variantNames } from './names.js';
import { HOURS_PER_WEEK } from '../engine/week.js';

/**
 * The hours of the week a roster's shifts leave uncovered, hours from Monday 00:00: the off-shift
 * line's hours, as its row shows them ("Mon-Sun 00:00-06:00, 22:00-24:00"). Cut at each midnight,
 * as `periodsText` writes a period within its day: a weekend's gap is its days, not "Fri 18:00-08:00".
 * A shift's period may pass Sunday midnight (end over 168): it covers Monday's first hours.
 */
export function offShiftPeriods(
  shifts: readonly { periods: readonly { start: number; end: number }[] }[],
): { start: number; end: number }[] {
  const covered = shifts
    .flatMap((s) => s.periods)
    .flatMap((p) =>
      p.end > HOURS_PER_WEEK
        ? [
            { start: p.start, end: HOURS_PER_WEEK },
            { start: 0, end: p.end - HOURS_PER_WEEK },
          ]
        : [p],
    )
    .sort((a, b) => a.start - b.start);
  const gaps: { start: number; end: number }[] = [];
  let from = 0;
  for (const p of [...covered, { start: HOURS_PER_WEEK, end: HOURS_PER_WEEK }]) {
    for (let at = from; at < p.start; at = Math.floor(at / 24) * 24 + 24)
      gaps.push({ start: at, end: Math.min(p.start, Math.floor(at / 24) * 24 + 24) });
    from = Math.max(from, p.end);
  }
  return gaps;
}

export interface ShiftLine {
  team: string;
  variant: string;
  /** results.json's key: the shift's index in the roster ("0" first) or `off_shift` */
  key: string;
  /** "shift 0", "off shift" (the catalogue's words for the key) */
  label: string;
  /** the scenario's description of the shift; null without one and off shift */
  description: string | null;
  /** the shift as every output names it (engine/scenario/shift-name.ts): "shift 0 (early)", its label alone off shift */
  name: string;
  /** its hours as every output writes them ("Mon-Fri 08:00-16:00"; off shift, the hours no shift covers); null in files without inputs */
  hoursText: string | null;
  /** the shift's working periods, hours from Monday 00:00; null off shift and in files without inputs */
  periods: { start: number; end: number }[] | null;
  /** units on during the shift (0 off shift); null in files without inputs */
  capacity: number | null;
  /** unit-hours a week the shift staffs (units x its hours a week; 0 off shift); null in files without inputs */
  unitHoursPerWeek: number | null;
  /** the line's stats by their catalogue `stat` (tasks, wait, wait_hours, within_target where the team has a wait target) */
  stats: Partial<Record<keyof ShiftBlock, Stat>>;
  /** the results path of one of its stats, for the formatters (`resources.T.shifts.S.STAT`) */
  path(stat: string): string;
}

/** Every rostered team's lines, teams and variants in results order; empty when no team has a roster. */
export function shiftLines(results: Results): ShiftLine[] {
  return resourceNames(results).flatMap((team) =>
    variantNames(results).flatMap((variant) => {
      const block = results.variants[variant].resources[team];
      if (block?.shifts === undefined) return [];
      const roster = results.variants[variant].inputs?.resources[team]?.shifts ?? null;
      // integer keys come first, ascending, then off_shift: the roster's order
      return Object.entries(block.shifts).map(([key, stats]): ShiftLine => {
        const off = key === OFF_SHIFT;
        const shift = off || roster === null ? null : (roster[Number(key)] ?? null);
        const hours = shift === null ? null : shift.periods.reduce((sum, p) => sum + p.end - p.start, 0);
        const label = shiftPart(key) ?? key;
        const description = shift?.description ?? null;
        // the hours the row shows: the shift's, or off shift those no shift covers
        const shown = off ? (roster === null ? null : offShiftPeriods(roster)) : (shift?.periods ?? null);
        return {
          team,
          variant,
          key,
          label,
          description,
          name: off ? label : shiftName(key, description),
          hoursText: shown === null ? null : periodsText(shown),
          periods: shift?.periods ?? null,
          capacity: off ? 0 : (shift?.capacity ?? null),
          unitHoursPerWeek: off ? 0 : shift === null ? null : shift.capacity * hours!,
          stats,
          path: (stat) => `resources.${team}.shifts.${key}.${stat}`,
        };
      });
    }),
  );
}

/**
 * The catalogue's shift stats shown in the report's shift tables (report.html's and summary.md's,
 * the workbook's), in catalogue order; the share within a wait target only where a line has one.
 */
export function shownShiftStats(lines: readonly ShiftLine[]): MetricKind[] {
  return shownIn('shift', 'report').filter(
    (k) => k.only !== 'with_wait_target' || lines.some((l) => l.stats[k.stat as keyof ShiftBlock] !== undefined),
  );
}
