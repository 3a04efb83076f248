// Hours or days, whichever fits the scale: results.json holds hours, but cycle times of
// several days read better in days. Text in these units is written by format.ts.

export interface TimeUnit {
  name: 'hours' | 'days';
  short: 'h' | 'd';
  hours: number;
}

export const HOURS: TimeUnit = { name: 'hours', short: 'h', hours: 1 };
export const DAYS: TimeUnit = { name: 'days', short: 'd', hours: 24 };

/** Days from three days up, the threshold of the CLI's tables. */
export function unitFor(largestHours: number): TimeUnit {
  return Math.abs(largestHours) >= 72 ? DAYS : HOURS;
}

export function inUnit(hours: number, unit: TimeUnit): number {
  return hours / unit.hours;
}
