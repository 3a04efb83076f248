// Breaks between the periods of a log: stretches in which no case arrived although the log's own
// weekly pace of arrivals expects many (a log of two periods a season apart, an export of
// January and of March). Measured over its whole span, such a log's arrival rate was diluted by
// the break: two 35-day periods of fiber 30 days apart came out at 70% of the scenario's rate.
// Invariant: a gap between two consecutive arrivals is a break only when it lasts at least
// BREAK_MIN_DAYS and, under a Poisson stream at the log's weekly profile (its days x hours
// margins per exposure, measured outside the breaks), the chance that any of the log's gaps is
// as empty is below BREAK_LEVEL: nights, weekends and holidays the profile keeps are no breaks,
// and neither is a quiet stretch of a sparse log.
import { HOURS_PER_WEEK } from '../week.js';
/**
 * A gap is a break only past four weeks: shorter ones are holidays, which the simulation, with no
 * holidays, absorbs in the rate over the whole period (receipt's 12.8 days at Christmas, 37
 * arrivals expected; helpdesk's 7.9 days, 27 expected: taken as breaks at a week, each rate
 * rose 2-3% over the log's count in its window).
 */
export const BREAK_MIN_DAYS = 28;
/** The chance, under the profile, of any gap of the log being as empty as a break. */
export const BREAK_LEVEL = 0.01;

/** A break, in week-clock hours (teams.ts weekHours): from the arrival before it to the one after. */
export interface ArrivalBreak {
  fromH: number;
  toH: number;
  /** the arrivals the profile expects in it */
  expected: number;
}

/**
 * The breaks among `clock` (every arrival of the log, in week-clock hours, sorted) over the
 * window [fromH, toH]. The profile is re-measured without the breaks found, until none is added.
 */
export function arrivalBreaks(clock: ArrayLike<number> & Iterable<number>, fromH: number, toH: number): ArrivalBreak[] {
  const n = clock.length;
  if (n < 3 || toH - fromH < BREAK_MIN_DAYS * 24) return [];
  const threshold = Math.log(n / BREAK_LEVEL);
  const base = Math.floor(fromH);
  const hours = Math.ceil(toH) - base;
  let breaks: ArrivalBreak[] = [];
  for (let round = 0; round < 4; round++) {
    // exposure outside the breaks, per weekday and hour of the day
    const open = (h: number) => {
      let w = Math.min(h + 1, toH) - Math.max(h, fromH);
      for (const b of breaks) w -= Math.max(0, Math.min(h + 1, b.toH) - Math.max(h, b.fromH));
      return Math.max(0, w);
    };
    const byDay = new Float64Array(7);
    const byHour = new Float64Array(24);
    for (const t of clock) {
      const slot = slotOf(t);
      byDay[Math.floor(slot / 24)]++;
      byHour[slot % 24]++;
    }
    const dayExposure = new Float64Array(7);
    const hourExposure = new Float64Array(24);
    const weight = new Float64Array(hours);
    for (let k = 0; k < hours; k++) {
      const w = open(base + k);
      const slot = slotOf(base + k);
      dayExposure[Math.floor(slot / 24)] += w;
      hourExposure[slot % 24] += w;
      weight[k] = w;
    }
    const dayRate = Array.from(byDay, (c, d) => (dayExposure[d] > 0 ? c / dayExposure[d] : 0));
    const hourRate = Array.from(byHour, (c, h) => (hourExposure[h] > 0 ? c / hourExposure[h] : 0));
    // the rank-one rate of each hour of the window, scaled so the open hours expect the n arrivals
    const rate = (h: number) => {
      const slot = slotOf(h);
      return dayRate[Math.floor(slot / 24)] * hourRate[slot % 24];
    };
    let total = 0;
    for (let k = 0; k < hours; k++) total += weight[k] * rate(base + k);
    if (!(total > 0)) return breaks;
    const scale = n / total;
    // cumulative expected arrivals at each whole hour, breaks included (a break's own expectation is what is tested)
    const cumulative = new Float64Array(hours + 1);
    for (let k = 0; k < hours; k++) cumulative[k + 1] = cumulative[k] + scale * rate(base + k);
    const expectedBy = (t: number) => {
      const k = Math.min(hours - 1, Math.max(0, Math.floor(t) - base));
      return cumulative[k] + (t - (base + k)) * scale * rate(base + k);
    };
    const found: ArrivalBreak[] = [];
    for (let i = 0; i + 1 < n; i++) {
      if (clock[i + 1] - clock[i] < BREAK_MIN_DAYS * 24) continue;
      const expected = expectedBy(clock[i + 1]) - expectedBy(clock[i]);
      if (expected > threshold) found.push({ fromH: clock[i], toH: clock[i + 1], expected });
    }
    const same = found.length === breaks.length && found.every((b, k) => b.fromH === breaks[k].fromH);
    breaks = found;
    if (same) break;
  }
  return breaks;
}

function slotOf(h: number): number {
  return ((Math.floor(h) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
}

/** The hours of [from, to) outside the breaks. */
export function openHours(from: number, to: number, breaks: readonly ArrivalBreak[]): number {
  let w = Math.max(0, to - from);
  for (const b of breaks) w -= Math.max(0, Math.min(to, b.toH) - Math.max(from, b.fromH));
  return Math.max(0, w);
}
