// Hours or days, whichever fits the scale: results.json holds hours, but cycle times of
// several days read better in days.
import { num } from './format.js';

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

/** "33.0 h", "5.00 d" */
export function duration(hours: number): string {
  const unit = unitFor(hours);
  return `${num(inUnit(hours, unit))} ${unit.short}`;
}

/** A length of time in words for a sentence: 24 -> "1 day", 4 -> "4 hours", 1.5 -> "1.50 h" */
export function span(hours: number): string {
  const [count, unit] = hours % 24 === 0 ? [hours / 24, 'day'] : [hours, 'hour'];
  if (!Number.isInteger(count)) return duration(hours);
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
