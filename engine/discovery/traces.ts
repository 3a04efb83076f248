// The log as cases: each case's activity instances in order, its flow, start times estimated
// where the log has none, and enabling times. Suspicious data is counted and handled here,
// as documented in docs/reading-event-logs.md and the README's *Bad input* (never dropped
// without a count).
import type { EventLog, LogNote } from '../interchange/event-log.js';

export interface Traces {
  log: EventLog;
  /** per case (dictionary id): its events' log indices in order of start, then end; duplicates removed */
  events: number[][];
  /** per event: start (ms), estimated when the log has none */
  start: Float64Array;
  /** per event: when it was enabled: the end of the latest earlier event of its case it does not run in parallel with (NaN for a case's first) */
  enabled: Float64Array;
  /** per case: its flow (index into flowNames) */
  flowOf: Int32Array;
  flowNames: string[];
  notes: LogNote[];
}

const HOUR = 3_600_000;
/** The flow of the cases whose --flow column is empty (a flow column's value never written). */
export const NO_FLOW = '(none)';
const YEAR = 365 * 24 * HOUR;
/**
 * The longest time a resource completes nothing within one working stretch (estimateStarts).
 * A fixed span, not a quantile of the resource's own gaps: where a quantile falls depends on
 * how many instances she completes in a stretch, not on where her stretches end. One-off, Ann
 * of test/discovery/one-person.test.ts (in on 3 days in 10, waiting for registrations between
 * her checks): 59 of her 799 gaps are her days away, so a 95% quantile spans them, and her 90%
 * quantile, 3.4 h, would part her days. 10 h is longer than a working day's lulls (the date
 * rule it replaces kept those: two completions of a 09:00-17:00 day are at most 8 h apart) and
 * shorter than the rest between two shifts (16 h after an 8-hour shift, 12 h after a 12-hour
 * one, 11 h the least the EU's working-time rules allow). Shorter rests (a late shift followed
 * by an early one) join two stretches, as the date did for every night shift.
 */
const STRETCH_GAP = 10 * HOUR;

/** Orders each case's events; removes exact duplicates (same case, activity, resource, start and end). */
export function groupCases(log: EventLog, notes: LogNote[]): number[][] {
  const events: number[][] = log.cases.map(() => []);
  for (let i = 0; i < log.size; i++) events[log.caseOf[i]].push(i);
  const key = (i: number) => (Number.isNaN(log.start[i]) ? log.end[i] : log.start[i]);
  let duplicates = 0;
  let example = '';
  for (let c = 0; c < events.length; c++) {
    const list = events[c];
    // entries of one instant stay in the file's order: where the clock cannot tell, the order the
    // log records them in is the only account of which came first (an XES trace's is its order)
    list.sort((a, b) => key(a) - key(b) || log.end[a] - log.end[b] || a - b);
    let w = 0;
    for (let r = 0; r < list.length; r++) {
      const e = list[r];
      const p = w > 0 ? list[w - 1] : -1;
      if (
        p >= 0 &&
        log.activityOf[p] === log.activityOf[e] &&
        log.resourceOf[p] === log.resourceOf[e] &&
        log.end[p] === log.end[e] &&
        (log.start[p] === log.start[e] || (Number.isNaN(log.start[p]) && Number.isNaN(log.start[e])))
      ) {
        duplicates++;
        example ||= `row ${log.row[e]}`;
        continue;
      }
      list[w++] = e;
    }
    list.length = w;
  }
  if (duplicates > 0)
    notes.push({
      kind: 'duplicate events (same case, activity, resource, start and end)',
      one: 'duplicate event (same case, activity, resource, start and end)',
      count: duplicates,
      handling: 'kept once',
      example,
    });
  return events;
}

/** z of a two-sided 99.9% sign test: how one-sided the file's listing of a pair must be to count */
const FILE_ORDER_Z = 3.29;

/**
 * The most distinct activities at one instant of a case whose pairs are weighed (orderTies' rules 1
 * and 2); a tie of more is ordered by rule 3 alone (place, name), and its pairs are not counted.
 * Each tie's pairs cost the square of its activities: one case of 2,000 activities at one instant
 * took 1.3 s of CPU, 4,000 took 6.9 s and 480 MB, and some 5,800 would pass the most entries a Map
 * holds (a crash); so many steps at one instant are a batch a system wrote at once, which no
 * order of the file's or of other cases tells apart. A real tie holds a few (bpic2012's four).
 */
export const TIE_ACTIVITIES = 32;

/**
 * The most pairs of activities weighed in a log: a pair first met at one instant past them has no
 * evidence (rule 3 orders it). Ties of at most TIE_ACTIVITIES still make up to 496 pairs each,
 * and ten million events could make more pairs than a Map holds; a million take some 60 MB.
 */
export const TIED_PAIRS = 1_000_000;

/** The most activities for which orderTies looks pairs up in a table of every pair (m * m cells). */
const DENSE_ACTIVITIES = 2048;

/**
 * Instances of one case at the same instant (the same start and end: state changes a system
 * records together, or a step of no duration in a completion-only log) in one order for every
 * case with the same activities there, whatever order the file lists them in one case. Two
 * activities at one instant are ordered by the evidence for that pair, strongest first:
 * 1. the order the pair takes in the cases where they are not at one instant (a majority of
 *    cases, each case by its first instance of each);
 * 2. the order the file lists them in where they are, if one-sided beyond what a shuffled file
 *    would show (a sign test at 99.9%): a writer that records things as they happen lists a
 *    step of no time after the step it follows at that instant (a -> b -> end, end of no time:
 *    b and end are at one instant in every case that has b, and nothing else tells which came
 *    first; session 60), while a shuffled export says nothing, and a pair listed in both orders
 *    case by case is left to 3;
 * 3. their activity's mean place in its cases (the share of a case's distinct instants before
 *    its own), then name. Place alone misleads where the evidence is above: end's place is
 *    diluted by the cases where it follows a at a's instant (0.3 against b's 1 above).
 * Pairs are weighed only in ties of at most TIE_ACTIVITIES activities, and at most TIED_PAIRS of
 * them (session 61): the work stays linear in the events, and a case's votes are counted from
 * the pairs its activities have, or from the pairs of its activities, whichever are fewer.
 * Without the one order, the file's order of such instances varies case by case (A_REGISTERED,
 * A_APPROVED, O_ACCEPTED, A_ACTIVATED in PM4Py's bpic2012 seemed to follow one another in every
 * order), and the first-order chain drawn from them went round among them (each visited 2.2
 * times per case where the log has it once), each time through its wait.
 * Returns how many instances moved.
 */
export function orderTies(
  log: EventLog,
  events: number[][],
  bounds: { activities: number; pairs: number } = { activities: TIE_ACTIVITIES, pairs: TIED_PAIRS },
): number {
  const key = (i: number) => (Number.isNaN(log.start[i]) ? log.end[i] : log.start[i]);
  const same = (a: number, b: number) => key(a) === key(b) && log.end[a] === log.end[b];
  const m = log.activities.length;
  const place = new Float64Array(m);
  const n = new Float64Array(m);
  // per pair of activities at one instant somewhere (lower id * m + higher), its index in the
  // lists: the file's listing, +1 for each time the lower is listed first, -1 the other way; how
  // many; the untied majority
  const pairs = new Map<number, number>();
  const listed: number[] = [];
  const listedCount: number[] = [];
  const untied: number[] = [];
  const involved = new Uint8Array(m);
  const pairKey = (x: number, y: number) => (x < y ? x * m + y : y * m + x);
  const seen = new Int32Array(m).fill(-1);
  let stamp = 0;
  /** the activities of list[from..to), each once, in their first listing's order */
  const distinctActivities = (list: number[], from: number, to: number) => {
    stamp++;
    const out: number[] = [];
    for (let p = from; p < to; p++) {
      const a = log.activityOf[list[p]];
      if (seen[a] === stamp) continue;
      seen[a] = stamp;
      out.push(a);
    }
    return out;
  };
  for (const list of events) {
    let instants = 0;
    for (let i = 0; i < list.length; i++) if (i === 0 || !same(list[i - 1], list[i])) instants++;
    let k = -1;
    for (let i = 0; i < list.length; i++) {
      if (i === 0 || !same(list[i - 1], list[i])) k++;
      const a = log.activityOf[list[i]];
      place[a] += instants > 1 ? k / (instants - 1) : 0;
      n[a]++;
    }
    for (let i = 0; i < list.length; ) {
      let j = i + 1;
      while (j < list.length && same(list[i], list[j])) j++;
      // each activity once, at its first listing: a run of one activity's many instances stays linear
      const distinct = j - i > 1 ? distinctActivities(list, i, j) : [];
      if (distinct.length <= bounds.activities)
        for (let p = 0; p < distinct.length; p++)
          for (let q = p + 1; q < distinct.length; q++) {
            const x = distinct[p];
            const y = distinct[q];
            const pk = pairKey(x, y);
            let at = pairs.get(pk);
            if (at === undefined) {
              if (pairs.size >= bounds.pairs) continue;
              pairs.set(pk, (at = listed.length));
              listed.push(0);
              listedCount.push(0);
              untied.push(0);
            }
            listed[at] += x < y ? 1 : -1;
            listedCount[at]++;
            involved[x] = involved[y] = 1;
          }
      i = j;
    }
  }
  for (let a = 0; a < m; a++) place[a] = n[a] > 0 ? place[a] / n[a] : 0;
  // a pair's index, -1 for none: in a table of every pair where there are few activities (at most
  // 4M cells, 16 MB), a case's votes being a lookup for each pair of its activities (a Map's
  // lookup took ten times as long: 2,000 cases of 300 activities, 90 M votes, 2.7 s of CPU)
  const dense = pairs.size > 0 && m <= DENSE_ACTIVITIES ? new Int32Array(m * m).fill(-1) : null;
  if (dense) for (const [pk, at] of pairs) dense[pk] = at;
  const indexOf = (pk: number) => (dense ? dense[pk] : (pairs.get(pk) ?? -1));
  if (pairs.size > 0) {
    // each activity's partners of a higher id, to find a case's pairs from its activities
    const higher: number[][] = Array.from({ length: m }, () => []);
    for (const pk of pairs.keys()) higher[Math.floor(pk / m)].push(pk % m);
    // each case votes once per tied pair it has apart: by the instants of their first instances
    const first = new Int32Array(m).fill(-1);
    const present: number[] = [];
    const vote = (x: number, y: number) => {
      if (first[x] === first[y]) return;
      const at = indexOf(pairKey(x, y));
      if (at >= 0) untied[at] += first[x] < first[y] === x < y ? 1 : -1;
    };
    for (const list of events) {
      let k = -1;
      let partners = 0;
      for (let i = 0; i < list.length; i++) {
        if (i === 0 || !same(list[i - 1], list[i])) k++;
        const a = log.activityOf[list[i]];
        if (involved[a] === 1 && first[a] < 0) {
          first[a] = k;
          present.push(a);
          partners += higher[a].length;
        }
      }
      // the same votes either way, in the same sums: the fewer pairs to look at
      if (partners < (present.length * (present.length - 1)) / 2) {
        for (const x of present) for (const y of higher[x]) if (first[y] >= 0) vote(x, y);
      } else for (let p = 0; p < present.length; p++) for (let q = p + 1; q < present.length; q++) vote(present[p], present[q]);
      for (const a of present) first[a] = -1;
      present.length = 0;
    }
  }
  const byName = (a: number, b: number) => (log.activities[a] < log.activities[b] ? -1 : log.activities[a] > log.activities[b] ? 1 : 0);
  const rank = (x: number, y: number) => {
    const a = log.activityOf[x];
    const b = log.activityOf[y];
    return place[a] - place[b] || byName(a, b) || x - y;
  };
  /** < 0 where the evidence puts activity x before y, > 0 after, 0 where there is none */
  const evidence = (x: number, y: number) => {
    if (x === y) return 0;
    const at = indexOf(pairKey(x, y));
    if (at < 0) return 0;
    let lowerFirst = Math.sign(untied[at]);
    if (lowerFirst === 0) {
      const net = listed[at];
      if (Math.abs(net) > FILE_ORDER_Z * Math.sqrt(listedCount[at])) lowerFirst = Math.sign(net);
    }
    return x < y ? -lowerFirst : lowerFirst;
  };
  let moved = 0;
  for (const list of events) {
    for (let i = 0; i < list.length; ) {
      let j = i + 1;
      while (j < list.length && same(list[i], list[j])) j++;
      if (j - i > 1) {
        // one canonical order first (place, name: each activity's instances together), then the
        // activities by the pairs' evidence, by insertion: the same activities at one instant come
        // out in the same order in every case, evidence cycles included; a tie of more than
        // TIE_ACTIVITIES activities has none
        const run = list.slice(i, j);
        run.sort(rank);
        const acts = distinctActivities(run, 0, run.length);
        let changed = false;
        if (acts.length <= bounds.activities)
          for (let r = 1; r < acts.length; r++) {
            const a = acts[r];
            let s = r;
            while (s > 0 && evidence(a, acts[s - 1]) < 0) {
              acts[s] = acts[s - 1];
              s--;
              changed = true;
            }
            acts[s] = a;
          }
        if (changed) {
          const blocks = new Map<number, number[]>();
          for (const e of run) {
            const a = log.activityOf[e];
            const block = blocks.get(a);
            if (block === undefined) blocks.set(a, [e]);
            else block.push(e);
          }
          let r = 0;
          for (const a of acts) for (const e of blocks.get(a)!) run[r++] = e;
        }
        for (let r = 0; r < run.length; r++) {
          if (list[i + r] !== run[r]) moved++;
          list[i + r] = run[r];
        }
      }
      i = j;
    }
  }
  return moved;
}

/**
 * One flow per value of the --flow column that some case's first event has (a case's first
 * event decides), or else one per group of cases that share no activity with the others
 * (distinct processes in one file). A value on no case's first event makes no flow: a flow
 * without cases has no arrivals to measure (discover failed on it, reading the first of none).
 * Cases whose value changes within the case are noted, with the values that made no flow.
 */
export function assignFlows(log: EventLog, events: number[][], notes: LogNote[]): { flowOf: Int32Array; flowNames: string[] } {
  const flowOf = new Int32Array(events.length);
  if (log.flows.length > 0) {
    const firstValue = (list: number[]) => (list.length > 0 ? log.flowOf[list[0]] : -1);
    const used = new Uint8Array(log.flows.length);
    for (const list of events) if (firstValue(list) >= 0) used[firstValue(list)] = 1;
    const flowNumber = new Int32Array(log.flows.length).fill(-1);
    const names: string[] = [];
    log.flows.forEach((value, v) => {
      if (used[v] === 1) flowNumber[v] = names.push(value) - 1;
    });
    let none = -1;
    let changing = 0;
    let example = '';
    events.forEach((list, c) => {
      // a case left out (no entry kept: a far date) is in no flow; given '(none)', it made a flow of no case
      if (list.length === 0) return;
      const f = firstValue(list);
      if (f >= 0) flowOf[c] = flowNumber[f];
      else {
        if (none < 0) none = names.push(NO_FLOW) - 1;
        flowOf[c] = none;
      }
      const other = list.find((e) => log.flowOf[e] !== f);
      if (other === undefined) return;
      changing++;
      example ||= `row ${log.row[other]}`;
    });
    if (changing > 0) {
      const unused = log.flows.filter((_, v) => used[v] === 0);
      const listed = unused.slice(0, 3).map((v) => `'${v}'`);
      notes.push({
        kind: 'cases whose --flow column changes within the case',
        one: 'case whose --flow column changes within the case',
        count: changing,
        handling: `its first event decides its flow${unused.length === 0 ? '' : `; ${unused.length === 1 ? 'a value' : `${unused.length} values`} on no case's first event (${listed.join(', ')}${unused.length > 3 ? ', ...' : ''}) ${unused.length === 1 ? 'makes' : 'make'} no flow`}`,
        example,
      });
    }
    return { flowOf, flowNames: names };
  }
  const parent = log.activities.map((_, i) => i);
  const find = (a: number): number => (parent[a] === a ? a : (parent[a] = find(parent[a])));
  for (const list of events) for (let k = 1; k < list.length; k++) parent[find(log.activityOf[list[k]])] = find(log.activityOf[list[0]]);
  const roots = new Map<number, number>();
  events.forEach((list, c) => {
    if (list.length === 0) return;
    const root = find(log.activityOf[list[0]]);
    if (!roots.has(root)) roots.set(root, roots.size);
    flowOf[c] = roots.get(root)!;
  });
  return { flowOf, flowNames: [...roots.keys()].map((r, i) => (roots.size === 1 ? 'process' : `process_${i + 1}_${log.activities[r]}`)) };
}

/**
 * Start times for logs with completion times only (Chapela-Campa and Dumas 2022): an activity
 * instance starts when it is both enabled (its predecessor in the case completed) and its
 * resource is available (it completed its previous instance in the same working stretch). An instance enabled by
 * nothing in its case (a case's first) gets the median of its activity's estimated durations, but
 * starts no earlier than its resource was free; an activity never enabled by anything (one
 * that only opens cases) has no such median, and its instances take no time, as in the
 * authors' estimator. Their resource's previous completion alone is no estimate: a person
 * who does other work between two instances in the log seems to take all that time over the
 * second (PM4Py's receipt log: 'Confirmation of receipt', which opens every case, took 116 h
 * on average so, in a process whose cases run 130 h from there).
 * Nor is a completion in an earlier working stretch: a person who comes in on some days only
 * seemed to work on the first instance of each of her days through the days she was away, her
 * one unit busy through them, so the wait for her was taken as queueing and as work, and
 * neither came back (a check of 0.2 h estimated at 1.5 h; receipt's T02, whose waits come from
 * a few people seldom in, 6.4 h). A resource's first completion of a stretch therefore starts
 * the median of its activity's durations before it (those measured from the same resource's
 * earlier completion in its stretch, or from an enabling alone where the instance has no
 * resource), not before its enabling: the rest of the wait is left for the delays to measure.
 * An activity with no such duration measured takes no time, as one that only opens cases.
 * A stretch ends where the resource completes nothing for STRETCH_GAP: the calendar date does
 * not separate an evening or night shift's stretches (18:00-02:00: her last completion at 02:00
 * and her next at 18:20 are on one date, and her 16 h away counted as work).
 */
export function estimateStarts(
  log: EventLog,
  events: number[][],
  enabled: Float64Array,
  /** set, per activity, where none of its durations could be measured: its instances take no time, or the median of none */
  unmeasured?: Uint8Array,
): Float64Array {
  const start = new Float64Array(log.size).fill(Number.NaN);
  const byResource: number[][] = log.resources.map(() => []);
  for (let i = 0; i < log.size; i++) if (log.resourceOf[i] >= 0) byResource[log.resourceOf[i]].push(i);
  // the resource's previous completion, where it was in the same working stretch
  const available = new Float64Array(log.size).fill(Number.NaN);
  for (const list of byResource) {
    list.sort((a, b) => log.end[a] - log.end[b] || a - b);
    for (let k = 1; k < list.length; k++)
      if (log.end[list[k]] - log.end[list[k - 1]] <= STRETCH_GAP) available[list[k]] = log.end[list[k - 1]];
  }
  const durations: number[][] = log.activities.map(() => []);
  for (const list of events) {
    for (const e of list) {
      if (Number.isNaN(enabled[e]) || (log.resourceOf[e] >= 0 && Number.isNaN(available[e]))) continue;
      start[e] = Math.min(Number.isNaN(available[e]) ? enabled[e] : Math.max(enabled[e], available[e]), log.end[e]);
      durations[log.activityOf[e]].push(log.end[e] - start[e]);
    }
  }
  const medians = durations.map((d) => (d.length === 0 ? Number.NaN : d.sort((a, b) => a - b)[Math.floor(d.length / 2)]));
  if (unmeasured !== undefined) durations.forEach((d, a) => (unmeasured[a] = d.length === 0 ? 1 : 0));
  for (let e = 0; e < log.size; e++) {
    if (!Number.isNaN(start[e])) continue;
    const median = medians[log.activityOf[e]];
    if (!Number.isNaN(enabled[e])) {
      // a resource's first of the day: the median, or none measured, no time beyond the enabling
      start[e] = Math.min(log.end[e], Math.max(enabled[e], log.end[e] - (Number.isNaN(median) ? 0 : median)));
      continue;
    }
    // Not enabled by anything in its case: the median duration, not before its resource was free;
    // without a median, instantaneous.
    if (Number.isNaN(median)) {
      start[e] = log.end[e];
      continue;
    }
    const from = Math.max(log.end[e] - median, Number.isNaN(available[e]) ? -Infinity : available[e]);
    start[e] = Math.min(log.end[e], from);
  }
  return start;
}

/**
 * Enabling times: the latest end, before this instance starts, of an earlier instance of its
 * case it is not concurrent with (`concurrent(a, b, c)`: in case c, whose flow says); for a case's first instance, its arrival when the log gives
 * one. A log's own enabling times of later instances are not used: a simulator that wrote
 * them (Prosimos) enables a step after delays it does not log, and those delays are what
 * discovery must find.
 */
export function enablingTimes(
  log: EventLog,
  events: number[][],
  start: Float64Array | null,
  concurrent: (a: number, b: number, c: number) => boolean,
  notes: LogNote[],
  fromLog = true,
): Float64Array {
  const enabled = new Float64Array(log.size).fill(Number.NaN);
  let skewed = 0;
  let example = '';
  // The latest end so far per activity of the case (`seen`): an instance's enabling time is the
  // latest of those of activities it is not concurrent with, O(d) for d activities where a scan
  // of every earlier instance made a case of n instances cost O(n²).
  const latestEnd = new Float64Array(log.activities.length).fill(Number.NEGATIVE_INFINITY);
  const seen: number[] = [];
  for (let c = 0; c < events.length; c++) {
    const list = events[c];
    for (const a of seen) latestEnd[a] = Number.NEGATIVE_INFINITY;
    seen.length = 0;
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      const at = start === null ? log.end[e] : start[e];
      const activity = log.activityOf[e];
      let best = -Infinity;
      for (const a of seen) if (latestEnd[a] > best && !concurrent(a, activity, c)) best = latestEnd[a];
      if (latestEnd[activity] === Number.NEGATIVE_INFINITY) seen.push(activity);
      if (log.end[e] > latestEnd[activity]) latestEnd[activity] = log.end[e];
      if (k === 0) {
        // A case's first instance is enabled when the case arrives: the log may say when
        // (Simod's enabled_time, etomsim's enabled_timestamp).
        if (fromLog && !Number.isNaN(log.enabled[e])) enabled[e] = Math.min(log.enabled[e], at);
        continue;
      }
      if (best === -Infinity) continue;
      if (start !== null && best > at) {
        // clock skew or overlapping work: waiting would be negative
        skewed++;
        example ||= `row ${log.row[e]}`;
        best = at;
      }
      enabled[e] = best;
    }
  }
  if (skewed > 0)
    notes.push({
      kind: 'instances starting before their predecessor ended (negative waiting)',
      one: 'instance starting before its predecessor ended (negative waiting)',
      count: skewed,
      handling: 'waiting taken as 0',
      example,
    });
  return enabled;
}

/**
 * A step that every earlier step of its case runs in parallel with (a branch of a block the flow
 * starts with) is enabled when the case arrives: its wait runs from the arrival (`arrival`, per
 * instance: its case's, NaN for a case whose beginning the log does not show). enablingTimes
 * leaves it unmeasured, so discover took such a step's delay from the few cases where a step
 * outside the block came first, and wrote their share for every case (a receipt log's 'T02',
 * which opens 88% of cases and waits in 2.5% of them, read as waiting 6 days in 61%, the
 * simulated cycle time twice the log's), or lost the wait where no such case existed; fidelity
 * measured no wait for it on either side (a generated log's mean of 8.2 h read as 0 h on both sides). Where a
 * step is so measured, the cases it opens count as its waits of 0 at the arrival (the case
 * arrives when it starts); a step never measured so keeps its first instances unmeasured.
 * One rule for discover (extraneous-delays.ts) and fidelity (measures.ts): `enabled` is updated in place.
 * Returns 1 per instance so dated (an opening one included): discover measures those of a step
 * heading a branch of such a block per branch that opened the case (extraneous-delays.ts' Opening).
 */
export function enabledFromArrival(
  log: EventLog,
  events: number[][],
  start: Float64Array,
  enabled: Float64Array,
  arrival: Float64Array,
): Uint8Array {
  const fromArrival = new Uint8Array(log.activities.length);
  const dated = new Uint8Array(log.size);
  for (const list of events) {
    for (let k = 1; k < list.length; k++) {
      const e = list[k];
      if (!Number.isNaN(enabled[e]) || !(arrival[e] <= start[e])) continue;
      enabled[e] = arrival[e];
      dated[e] = 1;
      fromArrival[log.activityOf[e]] = 1;
    }
  }
  for (const list of events) {
    if (list.length === 0) continue;
    const e = list[0];
    if (!Number.isNaN(arrival[e]) && fromArrival[log.activityOf[e]] === 1 && Number.isNaN(enabled[e])) {
      enabled[e] = start[e];
      dated[e] = 1;
    }
  }
  return dated;
}

export function checkSpans(log: EventLog, events: number[][], start: Float64Array, notes: LogNote[]): void {
  let long = 0;
  let example = '';
  events.forEach((list, c) => {
    if (list.length === 0) return;
    let first = Infinity;
    let last = -Infinity;
    for (const e of list) {
      first = Math.min(first, start[e]);
      last = Math.max(last, log.end[e]);
    }
    if (last - first > YEAR) {
      long++;
      example ||= `case '${log.cases[c]}'`;
    }
  });
  if (long > 0)
    notes.push({
      kind: 'cases spanning more than a year',
      one: 'case spanning more than a year',
      count: long,
      handling: 'kept: they weigh on the cycle time and arrivals as observed',
      example,
    });
}
