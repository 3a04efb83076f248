// Cases dated far outside the bulk of a log: a sentinel (1970-01-01, epoch 0; 9999-12-31,
// "open-ended") or a mistyped year (2102 in a 2012 log) on one case. Taken as real, one such
// case stretches the log's period to decades or millennia: a horizon of 54 years and an arrival
// rate 2,700 times too low (s33x F14). Invariant: a case is left out only when a gap of more
// than FAR_IQR interquartile ranges of the log's cases, and at least FAR_FLOOR, parts it from
// the bulk, and the cases beyond that gap are a few (FAR_FEW); a log spread evenly or in bursts
// keeps every case. docs/reading-event-logs.md states the rule.
import type { EventLog, LogNote, UnfinishedInstance } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';
import { counted } from '../plural.js';

const DAY = 86_400_000;
/** Tukey's "far out": 3 interquartile ranges of the cases' first (or last) times. */
export const FAR_IQR = 3;
/** And at least a year: a sentinel or a year typed wrong is years off; a case months off may be real. */
export const FAR_FLOOR = 365 * DAY;
/** The cases beyond the gap are at most this share of the log's cases, or FAR_FEW_CASES, whichever is more. */
export const FAR_SHARE = 0.01;
export const FAR_FEW_CASES = 3;

/** How many cases discover names in its note (the rest are counted). */
const NAMED = 5;

export interface FarCases {
  /** case indices (log.cases) left out */
  cases: Set<number>;
  /** case ids of the log's unfinished instances left out (their cases may hold no entry) */
  ids: Set<string>;
  /** the note's words for them ('1 case dated far from ...'), and the first few named ('case 0 (row 2, 1970-01-01)'); '' for none */
  said: string;
  named: string;
}

/**
 * The cases to leave out, from each case's first and last time (its entries' starts, enabling
 * times and ends; its unfinished instances' starts and pauses; its aborts' and its arrival's
 * alone), by the fence of `farFence` on
 * the first times and on the last times; a case outside either is left out. Pushes one note
 * naming them (case id, row, date), none when there are none.
 */
export function farCases(log: EventLog, events: readonly number[][], notes: LogNote[]): FarCases {
  const times = new Map<string, { first: number; last: number; row: number }>();
  const see = (id: string, ms: number, row: number) => {
    const t = times.get(id);
    if (t === undefined) times.set(id, { first: ms, last: ms, row });
    else {
      if (ms < t.first) t.first = ms;
      if (ms > t.last) t.last = ms;
      if (row < t.row) t.row = row;
    }
  };
  events.forEach((list, c) => {
    for (const e of list) {
      const row = log.row[e];
      see(log.cases[c], log.end[e], row);
      if (!Number.isNaN(log.start[e])) see(log.cases[c], log.start[e], row);
      if (!Number.isNaN(log.enabled[e])) see(log.cases[c], log.enabled[e], row);
    }
  });
  for (const u of log.unfinished) {
    see(u.caseId, u.start, u.row);
    for (const ms of u.pauses) see(u.caseId, ms, u.row);
    if (u.suspendedAt !== undefined) see(u.caseId, u.suspendedAt, u.row);
  }
  // a case seen only as given up or by its arrival alone is dated too: unseen, one given up at
  // 1970 made a horizon of 56 years (its arrival counted, the fence never asked)
  for (const a of log.aborts) {
    see(a.caseId, a.first, a.row);
    if (!Number.isNaN(a.at)) see(a.caseId, a.at, a.row);
  }
  for (const w of log.waiting) see(w.caseId, w.ms, w.row);
  const all = [...times.values()];
  const firsts = all.map((t) => t.first).sort((a, b) => a - b);
  const lasts = all.map((t) => t.last).sort((a, b) => a - b);
  const [firstLo, firstHi] = farFence(firsts);
  const [lastLo, lastHi] = farFence(lasts);
  const out: FarCases = { cases: new Set(), ids: new Set(), said: '', named: '' };
  const named: string[] = [];
  for (const [id, t] of times) {
    if (t.first >= firstLo && t.first <= firstHi && t.last >= lastLo && t.last <= lastHi) continue;
    out.ids.add(id);
    if (named.length < NAMED) {
      const far = t.first < firstLo || t.last < lastLo ? t.first : t.last;
      named.push(`case ${id} (row ${t.row}, ${new Date(far).toISOString().slice(0, 10)})`);
    }
  }
  if (out.ids.size === 0) return out;
  log.cases.forEach((id, c) => {
    if (out.ids.has(id)) out.cases.add(c);
  });
  const more = out.ids.size - named.length;
  const kind = 'cases dated far from the rest of the log (a sentinel date such as 1970-01-01 or 9999-12-31, or a mistyped year)';
  const one = 'case dated far from the rest of the log (a sentinel date such as 1970-01-01 or 9999-12-31, or a mistyped year)';
  out.said = counted(out.ids.size, one, kind);
  out.named = `${named.join(', ')}${more > 0 ? ` and ${counted(more, 'more case')}` : ''}`;
  notes.push({
    kind,
    one,
    count: out.ids.size,
    handling: `left out of the period, the arrivals and every fit (over a year and ${FAR_IQR} interquartile ranges of the cases' dates from the rest): ${out.named}`,
    example: '',
  });
  return out;
}

/**
 * [lo, hi]: the values (sorted) outside are far out. Walking out from each quartile, the
 * innermost gap between neighbours wider than max(FAR_IQR x IQR, FAR_FLOOR) with at most
 * max(FAR_FEW_CASES, FAR_SHARE of the values) beyond it: those beyond are far out. A gap with
 * more beyond it parts two periods of the log, not a stray date (and the walk stops there).
 */
export function farFence(sorted: readonly number[]): [number, number] {
  const n = sorted.length;
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  if (n < 4) return [lo, hi];
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const gap = Math.max(FAR_IQR * iqr, FAR_FLOOR);
  const few = Math.max(FAR_FEW_CASES, Math.floor(FAR_SHARE * n));
  const q1 = Math.floor(0.25 * (n - 1));
  const q3 = Math.ceil(0.75 * (n - 1));
  // above: gap after index k, n - 1 - k values beyond it
  for (let k = n - 2; k >= q3 && n - 1 - k <= few; k--) if (sorted[k + 1] - sorted[k] > gap) hi = sorted[k];
  // below: gap before index k, k values beyond it
  for (let k = 1; k <= q1 && k <= few; k++) if (sorted[k] - sorted[k - 1] > gap) lo = sorted[k];
  return [lo, hi];
}

/** The log's unfinished instances less those of the cases left out. */
export function keptUnfinished(log: EventLog, far: FarCases): UnfinishedInstance[] {
  return far.ids.size === 0 ? log.unfinished : log.unfinished.filter((u) => !far.ids.has(u.caseId));
}

/** The log less the aborts and the arrivals alone (EventLog.aborts, .waiting) of the cases left out; its entries as they are. */
export function withoutFarAborts(log: EventLog, far: FarCases): EventLog {
  if (far.ids.size === 0) return log;
  return { ...log, aborts: log.aborts.filter((a) => !far.ids.has(a.caseId)), waiting: log.waiting.filter((w) => !far.ids.has(w.caseId)) };
}

/**
 * The log less the entries and unfinished instances of the cases `far` leaves out: what
 * `fidelity` compares, so that its window is the period discover measured (a case of 1970 in a
 * log of 2024 had it simulate 54 years, 302,040 cases against the log's 60). The dictionaries
 * (cases, activities, resources...) are kept whole: an entry's ids mean what they meant.
 */
export function withoutCases(log: EventLog, far: FarCases): EventLog {
  if (far.cases.size === 0 && far.ids.size === 0) return log;
  const kept: number[] = [];
  for (let e = 0; e < log.size; e++) if (!far.cases.has(log.caseOf[e])) kept.push(e);
  const n = kept.length;
  const pick = <A extends Float64Array | Int32Array | Int16Array>(from: A, make: (n: number) => A): A => {
    const out = make(n);
    kept.forEach((e, i) => {
      out[i] = from[e];
    });
    return out;
  };
  const pauseIndex = new Int32Array(n + 1);
  const from: number[] = [];
  const to: number[] = [];
  kept.forEach((e, i) => {
    for (let k = log.pauseIndex[e]; k < log.pauseIndex[e + 1]; k++) {
      from.push(log.pauseFrom[k]);
      to.push(log.pauseTo[k]);
    }
    pauseIndex[i + 1] = from.length;
  });
  return {
    ...log,
    size: n,
    caseOf: pick(log.caseOf, (k) => new Int32Array(k)),
    activityOf: pick(log.activityOf, (k) => new Int32Array(k)),
    resourceOf: pick(log.resourceOf, (k) => new Int32Array(k)),
    roleOf: pick(log.roleOf, (k) => new Int32Array(k)),
    flowOf: pick(log.flowOf, (k) => new Int32Array(k)),
    start: pick(log.start, (k) => new Float64Array(k)),
    enabled: pick(log.enabled, (k) => new Float64Array(k)),
    end: pick(log.end, (k) => new Float64Array(k)),
    offset: pick(log.offset, (k) => new Int16Array(k)),
    startOffset: pick(log.startOffset, (k) => new Int16Array(k)),
    row: pick(log.row, (k) => new Int32Array(k)),
    suspended: pick(log.suspended, (k) => new Float64Array(k)),
    pauseIndex,
    pauseFrom: Float64Array.from(from),
    pauseTo: Float64Array.from(to),
    unfinished: keptUnfinished(log, far),
    aborts: far.ids.size === 0 ? log.aborts : log.aborts.filter((a) => !far.ids.has(a.caseId)),
    waiting: far.ids.size === 0 ? log.waiting : log.waiting.filter((w) => !far.ids.has(w.caseId)),
    cutByAbort: far.ids.size === 0 ? log.cutByAbort : log.cutByAbort.filter((u) => !far.ids.has(u.caseId)),
  };
}
