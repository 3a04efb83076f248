// A team's roster as a weekly step function: the capacity at any moment of the week is the
// sum of the capacities of the shifts covering it (0 outside every shift). Invariant: the
// steps start at hour 0, are sorted, lie in [0, 168), and neighbours within the week differ
// (the step at hour 0 may continue the last one across the week's end).
import type { ResourceSpec, ShiftSpec, WeeklyPeriod } from './types.js';
import { largest } from '../lists.js';
import { HOURS_PER_WEEK } from '../week.js';

export interface WeeklyCapacity {
  /** hours from Monday 00:00 where a step begins; starts[0] = 0 */
  starts: number[];
  /** units from starts[i] until starts[i + 1] (the last until the week's end) */
  capacity: number[];
}

export function weeklyCapacity(shifts: readonly ShiftSpec[]): WeeklyCapacity {
  const delta = new Map<number, number>([[0, 0]]);
  const add = (t: number, d: number) => delta.set(t, (delta.get(t) ?? 0) + d);
  for (const shift of shifts) {
    for (const piece of weekPieces(shift.periods)) {
      add(piece.start, shift.capacity);
      if (piece.end < HOURS_PER_WEEK) add(piece.end, -shift.capacity);
    }
  }
  const starts: number[] = [];
  const capacity: number[] = [];
  let level = 0;
  for (const t of [...delta.keys()].sort((a, b) => a - b)) {
    level += delta.get(t)!;
    if (capacity.length > 0 && capacity[capacity.length - 1] === level) continue;
    starts.push(t);
    capacity.push(level);
  }
  return { starts, capacity };
}

/** Unit-hours in [a, b] (0 when b <= a), for a and b from 0 on. */
export function unitHoursBetween(w: WeeklyCapacity, a: number, b: number): number {
  if (!(b > a)) return 0;
  return unitHoursBefore(w, b) - unitHoursBefore(w, a);
}

function unitHoursBefore(w: WeeklyCapacity, t: number): number {
  const week = Math.floor(t / HOURS_PER_WEEK);
  const r = t - week * HOURS_PER_WEEK;
  let sum = week * unitHoursPerWeek(w);
  for (let i = 0; i < w.starts.length && w.starts[i] < r; i++)
    sum += w.capacity[i] * (Math.min(r, w.starts[i + 1] ?? HOURS_PER_WEEK) - w.starts[i]);
  return sum;
}

/** Unit-hours per week: the integral of the capacity over one week. */
export function unitHoursPerWeek(w: WeeklyCapacity): number {
  return w.starts.reduce((sum, start, i) => sum + w.capacity[i] * ((w.starts[i + 1] ?? HOURS_PER_WEEK) - start), 0);
}

/** The periods in which at least one unit works: where the team is on shift. */
export function coverage(w: WeeklyCapacity): WeeklyPeriod[] {
  const out: WeeklyPeriod[] = [];
  w.starts.forEach((start, i) => {
    if (w.capacity[i] === 0) return;
    const end = w.starts[i + 1] ?? HOURS_PER_WEEK;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === start) last.end = end;
    else out.push({ start, end });
  });
  return out;
}

/** The capacity at hour `t` of the week, t in [0, 168). */
export function capacityAt(w: WeeklyCapacity, t: number): number {
  let i = 0;
  while (i + 1 < w.starts.length && w.starts[i + 1] <= t) i++;
  return w.capacity[i];
}

/** Periods folded into one week: a period running past Sunday midnight is split in two. */
export function weekPieces(periods: readonly WeeklyPeriod[]): WeeklyPeriod[] {
  return periods.flatMap(({ start, end }) =>
    end <= HOURS_PER_WEEK
      ? [{ start, end }]
      : [
          { start, end: HOURS_PER_WEEK },
          { start: 0, end: end - HOURS_PER_WEEK },
        ],
  );
}

/**
 * The team with `delta` more units: for a roster, `delta` more in every shift (one more
 * person on each shift of the rota), for a flat team `delta` more in its capacity.
 */
export function withUnitsAdded(r: ResourceSpec, delta: number): ResourceSpec {
  if (!r.shifts) return { ...r, capacity: r.capacity + delta };
  const shifts = r.shifts.map((s) => ({ ...s, capacity: Math.max(0, s.capacity + delta) }));
  return { ...r, shifts, capacity: largest(weeklyCapacity(shifts).capacity, 0) };
}

/** Hours per week of one shift (its periods do not overlap: validation checked). */
export function shiftHours(shift: ShiftSpec): number {
  return shift.periods.reduce((sum, p) => sum + (p.end - p.start), 0);
}
