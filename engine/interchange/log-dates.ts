// Simulation hours shown as dates: the instant `run.start` + hours, in ISO 8601 with
// millisecond precision, in the start's own UTC offset (or in UTC where a format asks for it).
import { offsetText } from '../scenario/run-start.js';
import type { RunStart } from '../scenario/types.js';

const MS_PER_HOUR = 3_600_000;

/** The instant of simulation time `hours`, in milliseconds since 1970 (UTC), rounded to the millisecond. */
export function instantAt(start: RunStart, hours: number): number {
  return start.epochMs + Math.round(hours * MS_PER_HOUR);
}

/** ISO 8601 of an instant, in the start's offset (`2026-01-05T08:30:00.000+01:00`), or in UTC (`...Z`). */
export function isoInstant(start: RunStart, instant: number, utc = false): string {
  const offset = utc ? 0 : start.offsetMinutes;
  const text = new Date(instant + offset * 60_000).toISOString();
  return offset === 0 ? text : text.slice(0, -1) + offsetText(offset);
}
