// A case's arrival and cycle time as its entries give them, for every reader of a case's times
// (arrival rates, cycle times, abandonment limits, patience, fidelity's comparison). Invariant: a
// case arrives at its first instance's enabling where the log dates it, else at its first start
// (never later than either); its cycle runs from that arrival to its last end.
import type { EventLog } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';

const HOUR = 3_600_000;

/** A case arrives when its first instance is enabled (when the log says so) or else starts. */
export function arrivalOf(log: EventLog, list: number[], start: Float64Array): number {
  let first = Infinity;
  for (const e of list) first = Math.min(first, Number.isNaN(log.enabled[e]) ? start[e] : Math.min(log.enabled[e], start[e]));
  return first;
}

/**
 * The UTC offset (minutes) of a case's arrival: its start's, of the instance it arrives at (an
 * enabling, which the log dates without an offset of its own here, on its start's side).
 */
export function arrivalOffset(log: EventLog, list: number[], start: Float64Array): number {
  let first = Infinity;
  let offset = log.startOffset[list[0]];
  for (const e of list) {
    const at = Number.isNaN(log.enabled[e]) ? start[e] : Math.min(log.enabled[e], start[e]);
    if (at < first) {
      first = at;
      offset = log.startOffset[e];
    }
  }
  return offset;
}

/**
 * The arrivals of the cases the log shows with no entry (`withEntries` false): given up (an
 * abort's earliest instant), a step still running at its end (its start), each case's earliest,
 * or else by their arrival alone; with its UTC offset. (discover's unseen-arrivals.ts also places
 * each in its flow.)
 */
export function arrivalsWithoutEntries(
  log: EventLog,
  withEntries: (caseId: string) => boolean,
): { caseId: string; ms: number; offset: number }[] {
  const first = new Map<string, { caseId: string; ms: number; offset: number }>();
  const take = (caseId: string, ms: number, offset: number) => {
    if (withEntries(caseId)) return;
    const known = first.get(caseId);
    if (known === undefined || ms < known.ms) first.set(caseId, { caseId, ms, offset });
  };
  for (const u of log.unfinished) take(u.caseId, u.start, u.offset);
  for (const a of log.aborts) take(a.caseId, a.first, a.offset);
  for (const w of log.waiting) if (!first.has(w.caseId)) take(w.caseId, w.ms, w.offset); // as unseen-arrivals.ts reads it
  return [...first.values()];
}

/** A case's cycle time (ms): from its arrival to its last end. */
export function cycleMs(log: EventLog, list: number[], start: Float64Array): number {
  let last = -Infinity;
  for (const e of list) last = Math.max(last, log.end[e]);
  return last - arrivalOf(log, list, start);
}

/**
 * The mean and the 90th percentile of cases' cycle times, in hours: the percentile interpolated as
 * fidelity's log p90 is (stats/percentile.ts). The order statistic at 0.9 of n - 1 rounded down, as
 * before session 39, was the shortest of 2 cases and the median of 3: a p90 below the mean.
 */
export function cycleHours(log: EventLog, cases: number[][], start: Float64Array): { mean: number; p90: number } {
  const cycles = cases.map((list) => cycleMs(log, list, start) / HOUR);
  cycles.sort((a, b) => a - b);
  const mean = cycles.reduce((s, x) => s + x, 0) / cycles.length;
  return { mean, p90: quantileSorted(cycles, 0.9) };
}

/**
 * The log's last instant (epoch ms) and the offset of the instant that gives it: the latest of its
 * entries' ends, its instances still running (starts, pauses, a suspend never resumed), its cases
 * given up (their aborts) and its cases shown by their arrival alone, of the cases `kept` keeps.
 * The export cut the log there: discover ages the instances still running to it, and fidelity
 * observes the simulation to it (before session 39 each had its own rule, each missing a kind).
 */
export function lastInstant(log: EventLog, kept: (caseId: string) => boolean = () => true): { ms: number; offset: number } {
  let ms = Number.NEGATIVE_INFINITY;
  let offset = 0;
  const later = (at: number, atOffset: number) => {
    // NaN (an abort without its own instant) is never later
    if (at > ms) {
      ms = at;
      offset = atOffset;
    }
  };
  for (let e = 0; e < log.size; e++) if (kept(log.cases[log.caseOf[e]])) later(log.end[e], log.offset[e]);
  for (const u of log.unfinished) {
    if (!kept(u.caseId)) continue;
    // a pause's instant read in its instance's start's offset: the log dates no pause's
    later(u.start, u.offset);
    for (const at of u.pauses) later(at, u.offset);
    if (u.suspendedAt !== undefined) later(u.suspendedAt, u.offset);
  }
  for (const a of log.aborts) {
    if (!kept(a.caseId)) continue;
    later(a.at, a.offset);
    later(a.first, a.offset);
  }
  for (const w of log.waiting) if (kept(w.caseId)) later(w.ms, w.offset);
  return { ms, offset };
}
