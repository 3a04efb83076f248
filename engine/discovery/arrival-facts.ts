// A flow's arrivals as the log shows them: their count, their rate over the log's period (its
// breaks left out), the weekly profile (each factor kept only where the arrivals reject a constant
// rate at 1%) and a steady stream where they are far more regular than Poisson. Invariant: every
// flow's rate and profile are measured over one window, every flow's arrivals' (those seen only as
// steps running at the log's end or given up included), an hour at least: arrivals closer
// together are a burst, written as such and noted. A weekday or hour of the day at the window's
// edge that the window holds less of than one arrival's worth at the mean rate has no rate of its
// own (pooled with the next one in): its arrival is there because it opens or closes the window.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { counted } from '../plural.js';
import { fixedNumber, significantText, wholeNumber } from '../number-format.js';
import { type ArrivalBreak, arrivalBreaks, BREAK_MIN_DAYS, openHours } from './arrival-breaks.js';
import { arrivalOf, arrivalOffset } from './case-times.js';
import { steadyArrivals, type SteadyArrivals } from './steady-arrivals.js';
import { weekHours } from './week-clock.js';
import { chiSquaredTail } from '../stats/incomplete-gamma.js';
import { HOURS_PER_WEEK } from '../week.js';

const HOUR = 3_600_000;

/** An arrival: its instant (epoch ms) and its wall clock. */
export interface Arrival {
  ms: number;
  /** minutes east of UTC of its wall clock */
  offset: number;
}

export interface ArrivalFacts {
  cases: number;
  firstMs: number;
  lastMs: number;
  offset: number; // minutes: the wall clock of the first arrival
  peakRatePerHour: number;
  days: number[]; // 7, max 1
  hours: number[]; // 24, max 1
  meanPerWeek: number;
  /** the log's arrivals, every flow's (a flow's rate is measured over the log's period, not its own cases' span) */
  window: { firstMs: number; lastMs: number };
  /** each factor of the profile against a constant rate: kept when the arrivals reject that at 1% */
  profileTests: { days: FactorTest; hours: FactorTest };
  /** the arrivals as a steady stream in the profile's hours, when they are far more regular than Poisson (steady-arrivals.ts); else null */
  steady: SteadyArrivals | null;
}

/** A likelihood-ratio (G) test of arrival counts against a constant rate over their exposure. */
export interface FactorTest {
  g: number;
  df: number;
  kept: boolean;
}

/** Arrivals of a log spanning less than an hour: arrivalFacts measures a rate over an hour at least, so their rate is the count of a burst. */
export function isBurst(a: ArrivalFacts): boolean {
  return a.window.lastMs - a.window.firstMs < HOUR;
}

/** How close together a burst's arrivals came (isBurst). */
export function burstSpan(a: ArrivalFacts): string {
  const ms = a.window.lastMs - a.window.firstMs;
  if (ms === 0) return 'all at one instant';
  return ms < 60_000 ? `within ${significantText(ms / 1000, 3)} s` : `within ${significantText(ms / 60_000, 3)} min`;
}

/** The note of the flows whose arrivals are a burst (isBurst), when there are any. */
export function noteBursts(flows: readonly { name: string; arrivals: ArrivalFacts }[], notes: LogNote[]): void {
  const bursts = flows.filter((f) => isBurst(f.arrivals));
  if (bursts.length > 0)
    notes.push({
      kind: 'flows whose case arrivals span less than the hour a rate is measured over',
      one: 'flow whose case arrivals span less than the hour a rate is measured over',
      count: bursts.length,
      handling: `${bursts.map((f) => `'${f.name}' (${counted(f.arrivals.cases, 'case')} ${burstSpan(f.arrivals)})`).join(', ')}: written as a burst, the count of its arrivals in the hour from its first, at that hour of the week; not a rate measured over time (a log of a longer period would say what the rate is)`,
      example: '',
    });
}

/** The first and the last arrival of the log's cases, every flow's, those seen only running at its end included. */
export function arrivalWindow(
  log: EventLog,
  events: number[][],
  start: Float64Array,
  unseen: readonly Arrival[][],
): { first: Arrival; last: Arrival } {
  let first: Arrival = { ms: Infinity, offset: 0 };
  let last: Arrival = { ms: -Infinity, offset: 0 };
  const take = (a: Arrival) => {
    if (a.ms < first.ms) first = a;
    if (a.ms > last.ms) last = a;
  };
  for (const list of events) if (list.length > 0) take({ ms: arrivalOf(log, list, start), offset: arrivalOffset(log, list, start) });
  for (const flow of unseen) for (const a of flow) take(a);
  return { first, last };
}

/** The breaks among every flow's arrivals (arrival-breaks.ts), and a note when there are any. */
export function logBreaks(
  log: EventLog,
  cases: number[][],
  start: Float64Array,
  unseen: readonly (readonly Arrival[])[],
  window: { first: Arrival; last: Arrival },
  notes: LogNote[],
): ArrivalBreak[] {
  const clock: number[] = [];
  for (const list of cases) if (list.length > 0) clock.push(weekHours(arrivalOf(log, list, start), arrivalOffset(log, list, start)));
  for (const flow of unseen) for (const a of flow) clock.push(weekHours(a.ms, a.offset));
  clock.sort((a, b) => a - b);
  const breaks = arrivalBreaks(clock, weekHours(window.first.ms, window.first.offset), weekHours(window.last.ms, window.last.offset));
  if (breaks.length > 0) {
    const b = breaks[0];
    notes.push({
      kind: `breaks in the log's case arrivals (no case for ${BREAK_MIN_DAYS} days or more where the log's weekly pace expects many: periods of the log apart)`,
      one: `break in the log's case arrivals (no case for ${BREAK_MIN_DAYS} days or more where the log's weekly pace expects many: periods of the log apart)`,
      count: breaks.length,
      handling:
        "left out of the time each flow's arrival rate and profile are measured over; the scenario's run still spans them, its cases arriving at those rates",
      example: `${fixedNumber((b.toH - b.fromH) / 24, 1)} days with no arrival, ${wholeNumber(Math.round(b.expected))} expected`,
    });
  }
  return breaks;
}

/**
 * `unseen`: the arrivals of the flow's cases that the log shows only as instances still running
 * at its end (unseenArrivals), which no entry holds. Its rate and profile are measured over the
 * log's `window`, every flow's arrivals: a flow whose cases the log holds in its first week
 * only, measured over its own span, would arrive every week of the run (in a log of one flow,
 * the window is its own).
 */
export function arrivalFacts(
  log: EventLog,
  cases: number[][],
  start: Float64Array,
  unseen: readonly Arrival[],
  window: { first: Arrival; last: Arrival },
  breaks: readonly ArrivalBreak[],
): ArrivalFacts {
  const times = [...cases.map((list) => ({ ms: arrivalOf(log, list, start), offset: arrivalOffset(log, list, start) })), ...unseen].sort(
    (a, b) => a.ms - b.ms,
  );
  const first = times[0];
  const last = times[times.length - 1];
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (const t of times) {
    const h = Math.floor(weekHours(t.ms, t.offset));
    const slot = weekSlot(h);
    byDay[Math.floor(slot / 24)]++;
    byHour[slot % 24]++;
  }
  // Exposure: how many of each weekday and hour of the day the observed period holds, an hour at
  // least: arrivals closer together are a burst, counted in the hour from the first (noted).
  const fromH = weekHours(window.first.ms, window.first.offset);
  const toH = Math.max(fromH + 1, weekHours(window.last.ms, window.last.offset));
  const dayExposure = new Float64Array(7);
  const hourExposure = new Float64Array(24);
  for (let h = Math.floor(fromH); h < toH; h++) {
    const w = openHours(Math.max(h, fromH), Math.min(h + 1, toH), breaks);
    const slot = weekSlot(h);
    dayExposure[Math.floor(slot / 24)] += w;
    hourExposure[slot % 24] += w;
  }
  // The log's first and last arrivals open and close the window, so a weekday or hour of the day
  // at its edge holds an arrival whatever the rate: over a sliver of exposure (a first case at
  // 23:59:59.999), that one forced arrival made a rate of millions an hour. An edge slot over
  // which this flow's mean rate expects less than one arrival is pooled with the slot the window
  // runs on into: no rate of its own, the pooled one (a log whose edge slots hold more is as before).
  const meanPerHour = times.length / openHours(fromH, toH, breaks);
  const lastH = Math.ceil(toH) - 1;
  const daysInto = edgePools(dayExposure, byDay, meanPerHour, (h) => Math.floor(weekSlot(h) / 24), Math.floor(fromH), lastH, 24);
  const hoursInto = edgePools(hourExposure, byHour, meanPerHour, (h) => weekSlot(h) % 24, Math.floor(fromH), lastH, 1);
  // The rank-one (days x hours) model's maximum-likelihood factors are the margins per exposure,
  // each kept only where the log's arrivals reject a constant rate: otherwise the profile would
  // be the sample's noise (a constant 2 an hour over 4 weeks came back with hours from 0.59 to
  // 1 and a peak rate of 2.64/h) and the simulation would repeat it.
  const profileTests = { days: constantRateTest(byDay, dayExposure), hours: constantRateTest(byHour, hourExposure) };
  const dayRate = Array.from(byDay, (c, d) => (dayExposure[d] > 0 ? (profileTests.days.kept ? c / dayExposure[d] : 1) : 0));
  const hourRate = Array.from(byHour, (c, h) => (hourExposure[h] > 0 ? (profileTests.hours.kept ? c / hourExposure[h] : 1) : 0));
  for (const [from, to] of daysInto) dayRate[from] = dayRate[to];
  for (const [from, to] of hoursInto) hourRate[from] = hourRate[to];
  const dMax = Math.max(...dayRate);
  const hMax = Math.max(...hourRate);
  const days = dayRate.map((r) => (dMax > 0 ? r / dMax : 1));
  const hours = hourRate.map((r) => (hMax > 0 ? r / hMax : 1));
  let exposure = 0;
  for (let h = Math.floor(fromH); h < toH; h++) {
    const w = openHours(Math.max(h, fromH), Math.min(h + 1, toH), breaks);
    const slot = weekSlot(h);
    exposure += w * days[Math.floor(slot / 24)] * hours[slot % 24];
  }
  const peak = exposure > 0 ? times.length / exposure : 0;
  const facts: ArrivalFacts = {
    cases: times.length,
    firstMs: first.ms,
    lastMs: last.ms,
    offset: first.offset,
    peakRatePerHour: peak,
    days,
    hours,
    meanPerWeek: meanPerHour * HOURS_PER_WEEK,
    window: { firstMs: window.first.ms, lastMs: window.last.ms },
    profileTests,
    steady: null,
  };
  if (!isBurst(facts)) {
    const clock = times.map((t) => weekHours(t.ms, t.offset)).sort((a, b) => a - b);
    facts.steady = steadyArrivals(clock, fromH, toH, days, hours, breaks);
  }
  return facts;
}

/** The hour of the week (0 = Monday 00:00) of an hour counted by weekHours. */
function weekSlot(h: number): number {
  return ((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
}

/**
 * Pools (in place) the window's first slot into the next one and its last into the one before,
 * where the window holds less than a whole one (a day, an hour) and the mean rate expects less
 * than one arrival over the slot's exposure: its count and exposure move to that neighbour.
 * `slotOf` maps an hour of the window to its slot, `step` is a slot's length in hours. Returns
 * the pooled slots, each with the slot it now takes its rate from.
 */
function edgePools(
  exposure: Float64Array,
  counts: Float64Array,
  meanPerHour: number,
  slotOf: (h: number) => number,
  firstH: number,
  lastH: number,
  step: number,
): [number, number][] {
  const pooled: [number, number][] = [];
  const pool = (from: number, to: number) => {
    // a slot both edges fall in (a window of one to two days, or hours) is judged once, as a whole
    if (from === to || exposure[from] === 0 || exposure[from] >= step || exposure[from] * meanPerHour >= 1) return;
    counts[to] += counts[from];
    exposure[to] += exposure[from];
    counts[from] = 0;
    exposure[from] = 0;
    pooled.push([from, to]);
  };
  const nextStart = (Math.floor(firstH / step) + 1) * step;
  if (nextStart <= lastH) pool(slotOf(firstH), slotOf(nextStart));
  const previousEnd = Math.floor(lastH / step) * step - 1;
  if (previousEnd >= firstH) pool(slotOf(lastH), slotOf(previousEnd));
  // the first slot pooled into one itself pooled at the end takes that one's neighbour's rate
  if (pooled.length === 2 && pooled[0][1] === pooled[1][0]) pooled[0][1] = pooled[1][1];
  return pooled;
}

/** Significance of the profile's factors: a constant rate is rejected at this level. */
const PROFILE_LEVEL = 0.01;

/**
 * G = 2 sum(count ln(count / expected)), the expected counts in proportion to each slot's
 * exposure; chi-square with (slots observed - 1) degrees of freedom under a constant rate.
 */
export function constantRateTest(counts: ArrayLike<number>, exposure: ArrayLike<number>): FactorTest {
  let n = 0;
  let total = 0;
  let slots = 0;
  for (let k = 0; k < counts.length; k++) {
    if (exposure[k] <= 0) continue;
    n += counts[k];
    total += exposure[k];
    slots++;
  }
  let g = 0;
  for (let k = 0; k < counts.length; k++) {
    if (exposure[k] <= 0 || counts[k] === 0) continue;
    g += 2 * counts[k] * Math.log(counts[k] / ((n * exposure[k]) / total));
  }
  const df = slots - 1;
  return { g, df, kept: df > 0 && chiSquaredTail(g, df) < PROFILE_LEVEL };
}
