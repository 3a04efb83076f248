// Event logs the tests make themselves (no third-party file is committed): a CSV log's rows in a
// seeded order, and the logs of parallel blocks that open their cases, with what their generators drew.

import { isoInstant } from './iso-instant.js';
import { seededDraws } from './seeded-draws.js';

/** The CSV's rows (its header first) in the order a seeded shuffle gives (Fisher and Yates, on seeded-draws.ts'). */
export function shuffledRows(text: string, seed: number): string {
  const [header, ...rows] = text.split('\n').filter((line) => line !== '');
  const { random } = seededDraws(seed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return `${[header, ...rows].join('\n')}\n`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A generator's seeded draws (seeded-draws.ts, exact: none on the rounded draws since session 52). */
const draws = (seed: number) => seededDraws(seed);

/** An instant as the logs write it: toISOString's text (iso-instant.ts). */
const at = isoInstant;

/**
 * A parallel block the flow starts with, either step of which may open a case: a case arrives
 * every 2 h on average, round the clock; in 85% of cases A (10 min) opens it and B (10 min)
 * follows 5 min after; in 15% B opens it and A waits 48 h on average (exponential) for something
 * no team explains, its people free. Returns the CSV (`case_id,activity,start_time,end_time,resource`),
 * each case's cycle time and each step's wait from its case's arrival (hours), and how many cases
 * B opened.
 */
export function openingBlockLog(cases: number): { csv: string; cycles: number[]; waits: { A: number[]; B: number[] }; bFirst: number } {
  const { random, exponential } = draws(41);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  const waits = { A: [] as number[], B: [] as number[] };
  let bFirst = 0;
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    let a0: number;
    let b0: number;
    if (random() < 0.85) {
      a0 = t;
      b0 = a0 + 15 * MINUTE;
    } else {
      bFirst++;
      b0 = t;
      a0 = b0 + 10 * MINUTE + exponential(48) * HOUR;
    }
    rows.push(`c${c},A,${at(a0)},${at(a0 + 10 * MINUTE)},ann${c % 3}`, `c${c},B,${at(b0)},${at(b0 + 10 * MINUTE)},bob${c % 3}`);
    cycles.push((Math.max(a0, b0) + 10 * MINUTE - t) / HOUR);
    waits.A.push((a0 - t) / HOUR);
    waits.B.push((b0 - t) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles, waits, bFirst };
}

/**
 * A parallel block of three steps the flow starts with, then D: a case arrives every 2 h on
 * average, round the clock; A opens 60% of cases, B 30%, C 10%, and each of the other two waits
 * 5 min plus an exponential whose mean depends on which opened (minutes: after A, B 300 and C 30;
 * after B, A 20 and C 200; after C, A 600 and B 60), each step 10 min; D starts 30 min on average
 * (exponential) after the last of them ends and takes 15 min. Returns the CSV, each case's cycle
 * time (hours) and how many cases each step opened.
 */
export function threeBranchOpeningLog(cases: number): { csv: string; cycles: number[]; opened: { A: number; B: number; C: number } } {
  const { random, exponential } = draws(42);
  const waits: Record<string, Record<string, number>> = { A: { B: 300, C: 30 }, B: { A: 20, C: 200 }, C: { A: 600, B: 60 } };
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  const opened = { A: 0, B: 0, C: 0 };
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const u = random();
    const opener = u < 0.6 ? 'A' : u < 0.9 ? 'B' : 'C';
    opened[opener]++;
    let last = t;
    for (const step of ['A', 'B', 'C']) {
      const s = step === opener ? t : t + 5 * MINUTE + exponential(waits[opener][step]) * MINUTE;
      rows.push(`c${c},${step},${at(s)},${at(s + 10 * MINUTE)},${step.toLowerCase()}${c % 2}`);
      last = Math.max(last, s + 10 * MINUTE);
    }
    const d = last + exponential(30) * MINUTE;
    rows.push(`c${c},D,${at(d)},${at(d + 15 * MINUTE)},d${c % 2}`);
    cycles.push((d + 15 * MINUTE - t) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles, opened };
}

/**
 * Logs with a step named 'Parallel 1', whose node name (`parallel_1`) is the one discovery would
 * give the first parallel block: a case arrives every 2 h on average, round the clock; A (30 min)
 * and B (20 min) overlap, either starting first (half the cases each) unless the block opens the
 * case. `shape`: 'step-first', 'Parallel 1' (10 min) then the block; 'block-first', A at the
 * arrival and B 5 min later, then 'Parallel 1' once both ended (the block opens every case from
 * one branch); 'two-flows', 'Parallel 1' then the block in the cases of flow x (column `kind`), and
 * C and D in parallel, as A and B, in those of flow y (each flow's first block is its block 1).
 */
export function stepNamedLikeBlockLog(cases: number, shape: 'step-first' | 'block-first' | 'two-flows'): string {
  const { random, exponential } = draws(43);
  const rows = ['case_id,activity,start_time,end_time,resource,kind'];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const kind = shape === 'two-flows' && c % 2 === 1 ? 'y' : 'x';
    const [first, second] = kind === 'x' ? ['A', 'B'] : ['C', 'D'];
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 2},${kind}`);
    let blockAt = t;
    if (shape !== 'block-first' && kind === 'x') {
      row('Parallel 1', t, 10, 'pat');
      blockAt = t + 10 * MINUTE + exponential(20) * MINUTE;
    }
    const firstLeads = shape === 'block-first' || random() < 0.5;
    const firstAt = firstLeads ? blockAt : blockAt + 5 * MINUTE;
    const secondAt = firstLeads ? blockAt + 5 * MINUTE : blockAt;
    row(first, firstAt, 30, first.toLowerCase());
    row(second, secondAt, 20, second.toLowerCase());
    if (shape === 'block-first')
      row('Parallel 1', Math.max(firstAt + 30 * MINUTE, secondAt + 20 * MINUTE) + exponential(20) * MINUTE, 10, 'pat');
  }
  return `${rows.join('\n')}\n`;
}

/** nestedBlockNamedLikeStepLog's inner follower: `min` plus an exponential of mean `mean`, in minutes. */
export const NESTED_FOLLOW = { min: 5, mean: 5 };

/**
 * A parallel block the flow starts with whose second branch starts with a block of its own, then
 * a step named 'Parallel 2' (the inner block's `parallel_2`): a case arrives every 2 h on average;
 * A (90 min) in one branch, C (20 min) and D (15 min) in parallel then B (10 min) in the other,
 * the branches opening half the cases each (the other starts 10 min later), C or D first by halves,
 * the other NESTED_FOLLOW.min plus an exponential of mean NESTED_FOLLOW.mean minutes later (waits no team
 * explains), B 25 min after the later of them starts; 'Parallel 2' (10 min) follows A's end by an
 * exponential of mean 20 min. Every wait is above extraneous-delays.ts' floors (1 min each, 5 min
 * an instance): until session 51 the branch that opened second started 5 min later, on the mean's
 * floor, and the inner block's second step 3 min later, below it (block-names.test.ts).
 */
export function nestedBlockNamedLikeStepLog(cases: number, seed = 44): string {
  const { random, exponential } = draws(seed);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 2}`);
    const aFirst = random() < 0.5;
    const a0 = aFirst ? t : t + 10 * MINUTE;
    const b0 = aFirst ? t + 10 * MINUTE : t;
    row('A', a0, 90, 'a');
    const cFirst = random() < 0.5;
    const follow = (NESTED_FOLLOW.min + exponential(NESTED_FOLLOW.mean)) * MINUTE;
    row('C', b0 + (cFirst ? 0 : follow), 20, 'c');
    row('D', b0 + (cFirst ? follow : 0), 15, 'd');
    row('B', b0 + follow + 25 * MINUTE, 10, 'b');
    row('Parallel 2', a0 + 90 * MINUTE + exponential(20) * MINUTE, 10, 'pat');
  }
  return `${rows.join('\n')}\n`;
}

/**
 * A parallel block after the flow's first step, one branch of which starts first and the other
 * following: a case arrives every 2 h on average, round the clock; X (10 min) opens it; in 70% of
 * cases A starts after an exponential wait of mean 4 h from X's end and B 5 min plus an
 * exponential of mean 20 min after A's start, in 30% B starts after an exponential of mean 12 h
 * and A 5 min plus an exponential of mean 40 min after B's start (each 10 min; waits no team
 * explains, its people free); C (15 min) starts an exponential of mean 30 min after the later of
 * them ends. `opensEvery` n > 0: the block also opens every nth case (the (n/2)th, then every nth:
 * 1 / n of them), without X, A and B opening them by turns, the other following 5 min plus an
 * exponential of mean 20 min after. Returns the CSV, each case's cycle time and each step's wait
 * from X's end or the arrival (hours), and how many cases B led or opened.
 */
export function midBlockLog(
  cases: number,
  opensEvery = 0,
): { csv: string; cycles: number[]; waits: { A: number[]; B: number[] }; bFirst: number } {
  const { random, exponential } = draws(45);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  const waits = { A: [] as number[], B: [] as number[] };
  let bFirst = 0;
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 3}`);
    const opened = opensEvery > 0 && c % opensEvery === Math.floor(opensEvery / 2);
    if (!opened) row('X', t, 10, 'xena');
    const enabled = opened ? t : t + 10 * MINUTE;
    let a0: number;
    let b0: number;
    if (opened) {
      const follows = t + 5 * MINUTE + exponential(20) * MINUTE;
      const aOpens = Math.floor(c / opensEvery) % 2 === 0;
      if (!aOpens) bFirst++;
      [a0, b0] = aOpens ? [t, follows] : [follows, t];
    } else if (random() < 0.7) {
      a0 = enabled + exponential(4) * HOUR;
      b0 = a0 + 5 * MINUTE + exponential(20) * MINUTE;
    } else {
      bFirst++;
      b0 = enabled + exponential(12) * HOUR;
      a0 = b0 + 5 * MINUTE + exponential(40) * MINUTE;
    }
    row('A', a0, 10, 'ann');
    row('B', b0, 10, 'bob');
    const c0 = Math.max(a0, b0) + 10 * MINUTE + exponential(30) * MINUTE;
    row('C', c0, 15, 'cy');
    cycles.push((c0 + 15 * MINUTE - t) / HOUR);
    waits.A.push((a0 - enabled) / HOUR);
    waits.B.push((b0 - enabled) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles, waits, bFirst };
}

/**
 * A parallel block A || B entered after X (10 min), then C: a case arrives every `gapHours` on
 * average (exponential), round the clock. In a share `aLeads` of the passes A leads after an
 * exponential of mean `aWaitHours` from X's end and B follows 5 min plus an exponential of mean
 * 20 min after A's start; else B leads after one of mean `bWaitHours` and A follows 5 min plus an
 * exponential of mean 20 min after B's start, taking `aFollowingHours` (a job handed on where B
 * went first). Every other step takes 10 min; C (15 min) starts an exponential of mean 30 min after
 * the later end. Waits no team explains, the people free; exact draws from `seed`. Returns the CSV
 * and which step led each case.
 */
export function leaderWaitLog(
  cases: number,
  pace: { gapHours: number; aLeads: number; aWaitHours: number; bWaitHours: number; aFollowingHours?: number; seed: number },
): { csv: string; leader: ('A' | 'B')[] } {
  const { random, exponential } = draws(pace.seed);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const leader: ('A' | 'B')[] = [];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(pace.gapHours) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 4}`);
    row('X', t, 10, 'xena');
    const enabled = t + 10 * MINUTE;
    let end: number;
    if (random() < pace.aLeads) {
      const a0 = enabled + exponential(pace.aWaitHours) * HOUR;
      const b0 = a0 + 5 * MINUTE + exponential(20) * MINUTE;
      row('A', a0, 10, 'ann');
      row('B', b0, 10, 'bob');
      end = Math.max(a0, b0) + 10 * MINUTE;
      leader.push('A');
    } else {
      const b0 = enabled + exponential(pace.bWaitHours) * HOUR;
      const a0 = b0 + 5 * MINUTE + exponential(20) * MINUTE;
      const run = (pace.aFollowingHours ?? 1 / 6) * 60;
      row('B', b0, 10, 'bob');
      row('A', a0, run, 'ann');
      end = Math.max(a0 + run * MINUTE, b0 + 10 * MINUTE);
      leader.push('B');
    }
    row('C', end + exponential(30) * MINUTE, 15, 'cy');
  }
  return { csv: `${rows.join('\n')}\n`, leader };
}

/**
 * A parallel block whose second branch starts with a block of its own (A || ((N1 || N2) -> M)),
 * then C: a case arrives every 2 h on average, round the clock; `mid`: X (10 min) comes first and
 * the block is entered at its end, else the block opens the case. The first of A, N1, N2 to
 * start (49%, 38%, 13% of the passes; `mid`: after an exponential of mean 1, 3, 8 h from X's end,
 * else at the arrival) leads: after A, N1 waits an exponential of mean 8 h from A's start; after
 * N1, A waits one of mean 1 h; after N2, A one of mean 2 h; the other of N1 and N2 follows the
 * first of them by 5 min plus an exponential of mean 10 min. Each step takes 10 min (C 15); M
 * starts an exponential of mean 20 min after the later of N1 and N2 ends, C one of mean 30 min
 * after the later of A and M. Waits no team explains, the people free. Returns the CSV, each
 * case's cycle time (hours), each step's wait from its leader's start (hours; 0 for the leader)
 * and which step led each case.
 */
export function nestedHeadLog(
  cases: number,
  mid: boolean,
): { csv: string; cycles: number[]; waits: { A: number[]; N1: number[]; N2: number[] }; leader: ('A' | 'N1' | 'N2')[] } {
  const { random, exponential } = draws(47);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  const waits = { A: [] as number[], N1: [] as number[], N2: [] as number[] };
  const leader: ('A' | 'N1' | 'N2')[] = [];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 4}`);
    let enabled = t;
    if (mid) {
      row('X', t, 10, 'xena');
      enabled = t + 10 * MINUTE;
    }
    const follow = () => 5 * MINUTE + exponential(10 / 60) * HOUR;
    const u = random();
    let a0: number;
    let n1: number;
    let n2: number;
    let first: number;
    if (u < 0.5) {
      leader.push('A');
      first = a0 = enabled + (mid ? exponential(1) * HOUR : 0);
      n1 = a0 + exponential(8) * HOUR;
      n2 = n1 + follow();
    } else if (u < 0.85) {
      leader.push('N1');
      first = n1 = enabled + (mid ? exponential(3) * HOUR : 0);
      n2 = n1 + follow();
      a0 = n1 + exponential(1) * HOUR;
    } else {
      leader.push('N2');
      first = n2 = enabled + (mid ? exponential(8) * HOUR : 0);
      n1 = n2 + follow();
      a0 = n2 + exponential(2) * HOUR;
    }
    row('A', a0, 10, 'ann');
    row('N1', n1, 10, 'nat');
    row('N2', n2, 10, 'ned');
    const m0 = Math.max(n1, n2) + 10 * MINUTE + exponential(20 / 60) * HOUR;
    row('M', m0, 10, 'max');
    const c0 = Math.max(a0, m0) + 10 * MINUTE + exponential(0.5) * HOUR;
    row('C', c0, 15, 'cy');
    cycles.push((c0 + 15 * MINUTE - t) / HOUR);
    waits.A.push((a0 - first) / HOUR);
    waits.N1.push((n1 - first) / HOUR);
    waits.N2.push((n2 - first) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles, waits, leader };
}

/** The instant case `nth` (in order of arrival) of a generated log's rows arrived: its first start. */
export function arrivalOf(lines: readonly string[], nth: number): number {
  const firstStart = new Map<string, number>();
  for (const line of lines) {
    const [c, , from] = line.split(',');
    firstStart.set(c, Math.min(firstStart.get(c) ?? Number.POSITIVE_INFINITY, Date.parse(from)));
  }
  return [...firstStart.values()].sort((x, y) => x - y)[nth];
}

/**
 * A choiceBlockLog's csv as exported when its `at`th case arrived: the instances that had ended
 * by then; case `stuck`'s B (if any) moved to 70 min before that (10 min long) and its C after, so
 * the end cuts a pass that began long before.
 */
export function exportedAtArrival(csv: string, at: number, stuck = -1): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const exportedAt = arrivalOf(lines, at);
  const moved = lines.map((line) => {
    const [c, activity, , , who] = line.split(',');
    if (c !== `c${stuck}` || (activity !== 'B' && activity !== 'C')) return line;
    const from = exportedAt + (activity === 'B' ? -70 : 60) * 60_000;
    return [c, activity, new Date(from).toISOString(), new Date(from + 10 * 60_000).toISOString(), who].join(',');
  });
  const end = (line: string) => Date.parse(line.split(',')[3]);
  return `${[header, ...moved.filter((line) => end(line) <= exportedAt)].join('\n')}\n`;
}

/**
 * A parallel block one branch of which starts with a choice and the other may be skipped
 * ((A | R) || B?), then C: a case arrives every 2 h on average, round the clock; `mid`: X (10 min)
 * comes first and the block is entered at its end, else the block opens the case. The first
 * branch does A (70% of passes) or R; B is done in 60% of passes. Where B is done, the first
 * branch leads in 60% of them (A after an exponential of mean 4 h from X's end, R of 8 h; `mid`
 * false: at the arrival) and B follows 5 min plus an exponential of mean 20 min after its start;
 * else B leads (an exponential of mean 12 h; at the arrival) and the first branch follows 5 min
 * plus an exponential of mean 40 min (A) or 3 h (R) after B's start. Without B the first branch's
 * step starts after an exponential of mean 2 h (A) or 6 h (R) (at the arrival). Each step takes
 * 10 min; C (15 min) an exponential of mean 30 min after the later end. Waits no team explains,
 * the people free. `pace`: a mean gap between arrivals other than 2 h, and B following the first
 * branch's start by 5 min plus exactly `followHours` where that branch leads (no draw then), or
 * plus an exponential of mean `followMeanHours` (not 20 min); `rFrom`: the cases before this one
 * do A where the draw says R (a step the log shows only late; the draws, and the log from there,
 * as without it); `leadHours` (`mid` only): the first branch's step, A or R, leading after exactly
 * these hours from X's end, without B and with B (no draw then); `aShare`: the share of passes whose
 * first branch does A, not 0.7 (the draws as without it); `seed`: the draws' (53 unless told).
 * Returns the CSV, each case's cycle time (hours), which step led each case, which of A and R it
 * did and whether it did B.
 */
export function choiceBlockLog(
  cases: number,
  mid: boolean,
  pace: {
    gapHours?: number;
    followHours?: number;
    followMeanHours?: number;
    rFrom?: number;
    leadHours?: [withoutB: number, withB: number];
    aShare?: number;
    seed?: number;
  } = {},
): { csv: string; cycles: number[]; leader: ('A' | 'R' | 'B')[]; firstStep: ('A' | 'R')[]; withB: boolean[] } {
  const { random, exponential } = draws(pace.seed ?? 53);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  const leader: ('A' | 'R' | 'B')[] = [];
  const did: boolean[] = [];
  const firstStep: ('A' | 'R')[] = [];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(pace.gapHours ?? 2) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 4}`);
    let enabled = t;
    if (mid) {
      row('X', t, 10, 'xena');
      enabled = t + 10 * MINUTE;
    }
    const wait = (mean: number) => (mid ? exponential(mean) * HOUR : 0);
    const first = random() < (pace.aShare ?? 0.7) || c < (pace.rFrom ?? 0) ? 'A' : 'R';
    firstStep.push(first);
    const withB = random() < 0.6;
    did.push(withB);
    let f0: number;
    let b0 = Number.NaN;
    const lead = pace.leadHours;
    if (!withB) {
      f0 = enabled + (lead === undefined || !mid ? wait(first === 'A' ? 2 : 6) : lead[0] * HOUR);
      leader.push(first);
    } else if (random() < 0.6) {
      f0 = enabled + (lead === undefined || !mid ? wait(first === 'A' ? 4 : 8) : lead[1] * HOUR);
      b0 = f0 + 5 * MINUTE + (pace.followHours ?? exponential(pace.followMeanHours ?? 20 / 60)) * HOUR;
      leader.push(first);
    } else {
      b0 = enabled + wait(12);
      f0 = b0 + 5 * MINUTE + exponential(first === 'A' ? 40 / 60 : 3) * HOUR;
      leader.push('B');
    }
    row(first, f0, 10, first === 'A' ? 'ann' : 'rex');
    if (withB) row('B', b0, 10, 'bob');
    const c0 = (withB ? Math.max(f0, b0) : f0) + 10 * MINUTE + exponential(0.5) * HOUR;
    row('C', c0, 15, 'cy');
    cycles.push((c0 + 15 * MINUTE - t) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles, leader, firstStep, withB: did };
}

/**
 * Blocks nested two deep at branches' heads (A || ((B || ((C || D) -> E)) -> F)), then G, opening
 * the case: a case arrives every 2 h on average, round the clock. The first of A, B, C to start
 * (50%, 30%, 20% of the cases) opens it at the arrival: after A, B waits an exponential of mean
 * 6 h from A's start and C one of 8 h; after B, A waits 1 h and C 3 h; after C, A waits 2 h and B
 * 1 h (exponential means). D follows C by 5 min plus an exponential of mean 10 min. Each step
 * takes 10 min (G 15); E starts an exponential of mean 20 min after the later of C and D ends, F
 * one of 20 min after the later of B and E, G one of 30 min after the later of A and F. Waits no
 * team explains, the people free. Returns the CSV and each case's cycle time (hours).
 */
export function deepNestedLog(cases: number): { csv: string; cycles: number[] } {
  const { random, exponential } = draws(59);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const cycles: number[] = [];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(2) * HOUR;
    const row = (activity: string, start: number, minutes: number, who: string) =>
      rows.push(`c${c},${activity},${at(start)},${at(start + minutes * MINUTE)},${who}${c % 4}`);
    const follow = () => 5 * MINUTE + exponential(10 / 60) * HOUR;
    const u = random();
    let a: number;
    let b: number;
    let c0: number;
    let d: number;
    if (u < 0.5) {
      a = t;
      b = a + exponential(6) * HOUR;
      c0 = a + exponential(8) * HOUR;
      d = c0 + follow();
    } else if (u < 0.8) {
      b = t;
      a = b + exponential(1) * HOUR;
      c0 = b + exponential(3) * HOUR;
      d = c0 + follow();
    } else {
      c0 = t;
      d = c0 + follow();
      a = c0 + exponential(2) * HOUR;
      b = c0 + exponential(1) * HOUR;
    }
    row('A', a, 10, 'ann');
    row('B', b, 10, 'bob');
    row('C', c0, 10, 'cy');
    row('D', d, 10, 'dan');
    const e = Math.max(c0, d) + 10 * MINUTE + exponential(20 / 60) * HOUR;
    row('E', e, 10, 'eve');
    const f = Math.max(b, e) + 10 * MINUTE + exponential(20 / 60) * HOUR;
    row('F', f, 10, 'fay');
    const g = Math.max(a, f) + 10 * MINUTE + exponential(0.5) * HOUR;
    row('G', g, 15, 'gus');
    cycles.push((g + 15 * MINUTE - t) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, cycles };
}

/** choiceBlockLog's CSV as exported when its `at`th case arrived: the instances ended by then (the rest not yet in the log). */
export function exportedAt(csv: string, at: number): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const first = new Map<string, number>();
  for (const line of lines) {
    const [c, , from] = line.split(',');
    first.set(c, Math.min(first.get(c) ?? Number.POSITIVE_INFINITY, Date.parse(from)));
  }
  const until = [...first.values()].sort((x, y) => x - y)[at];
  return `${[header, ...lines.filter((line) => Date.parse(line.split(',')[3]) <= until)].join('\n')}\n`;
}

/**
 * A chain whose steps end known shares of their cases: a case arrives every `gapHours` on average
 * (exponential), round the clock; X (10 min) at its arrival ends it with chance `xShare`, else Y
 * follows X's end after an exponential of `xFollowHours`; Y (10 min) ends it with chance `yShare`,
 * else Z (10 min) follows after an exponential of `yFollowHours`, and Z ends every case. `exportAt`:
 * the log exported at that arrival (the rows ended by then), else whole. `longCase`: one case more,
 * X a minute before the first case's arrival (`longCaseAt` minutes after it, where given) and Y
 * ending at the log's end, Z not shown: an
 * instance of X followed up after the log's whole span, longer than any other instance of X was
 * watched. Returns the CSV (`case_id,activity,start_time,end_time,resource`) and per case (the long
 * one not among them) the step after which it ended, after the export too.
 */
export function exitShareLog(
  cases: number,
  pace: {
    gapHours: number;
    xShare: number;
    yShare: number;
    xFollowHours: number;
    yFollowHours: number;
    seed: number;
    exportAt?: number;
    longCase?: boolean;
    /** minutes after the first arrival the long case's X starts (-1 by default: before every other instance) */
    longCaseAt?: number;
  },
): { csv: string; lastStep: ('X' | 'Y' | 'Z')[] } {
  const { random, exponential } = draws(pace.seed);
  const rows: { c: string; activity: string; start: number }[] = [];
  const lastStep: ('X' | 'Y' | 'Z')[] = [];
  let t = Date.UTC(2024, 0, 1, 8);
  for (let c = 0; c < cases; c++) {
    t += exponential(pace.gapHours) * HOUR;
    rows.push({ c: `c${c}`, activity: 'X', start: t });
    if (random() < pace.xShare) {
      lastStep.push('X');
      continue;
    }
    const y = t + 10 * MINUTE + exponential(pace.xFollowHours) * HOUR;
    rows.push({ c: `c${c}`, activity: 'Y', start: y });
    if (random() < pace.yShare) {
      lastStep.push('Y');
      continue;
    }
    rows.push({ c: `c${c}`, activity: 'Z', start: y + 10 * MINUTE + exponential(pace.yFollowHours) * HOUR });
    lastStep.push('Z');
  }
  // the export: every row ended by the `exportAt`th arrival (all of them without one)
  let end = Number.NEGATIVE_INFINITY;
  for (const r of rows) end = Math.max(end, r.start + 10 * MINUTE);
  const arrivals = rows.filter((r) => r.activity === 'X').map((r) => r.start);
  if (pace.exportAt !== undefined) end = arrivals[pace.exportAt];
  const shown = rows.filter((r) => r.start + 10 * MINUTE <= end);
  if (pace.longCase === true)
    shown.push(
      { c: 'long', activity: 'X', start: arrivals[0] + (pace.longCaseAt ?? -1) * MINUTE },
      { c: 'long', activity: 'Y', start: end - 10 * MINUTE },
    );
  const lines = shown.map((r, i) => `${r.c},${r.activity},${at(r.start)},${at(r.start + 10 * MINUTE)},${r.activity.toLowerCase()}${i % 4}`);
  return { csv: `case_id,activity,start_time,end_time,resource\n${lines.join('\n')}\n`, lastStep };
}
