// Hours or days, whichever fits the scale: results.json holds hours, but cycle times of
// several days read better in days. Text in these units is written by format.ts. Tables for
// spreadsheets (kpis.csv, report.xlsx) give times in the scenario's time_unit instead.
import type { MetricUnit } from '../engine/model/metric-catalogue.js';

// the unit chosen for a length of time, as engine/number-format.ts' hoursOrDays writes it
export { columnUnit, DAYS, HOURS, inUnit, MINUTES, type TimeUnit, unitFor } from '../engine/number-format.js';

export type TimeUnitName = 'minutes' | 'hours' | 'days';
const PER_HOUR: Record<TimeUnitName, number> = { minutes: 60, hours: 1, days: 1 / 24 };

/** A value of results.json (hours for times) in the unit the workbook shows it in. */
export function inDisplayUnit(unit: MetricUnit | null, x: number | null, time: TimeUnitName): number | null {
  if (x === null) return null;
  return unit === 'hours' ? x * PER_HOUR[time] : x;
}

/** The unit's name in a header: the time unit for times, the currency for costs. */
export function unitName(unit: MetricUnit | null, time: TimeUnitName, currency: string | null): string {
  if (unit === 'hours') return time;
  if (unit === 'share') return 'share';
  if (unit === 'per_day') return 'per day';
  if (unit === 'currency') return currency ?? 'cost units';
  return 'count';
}
