// exits-seen.ts against the generator's truth, in a log exported mid-run with as many cases under way
// as done (test/support/generated-logs.ts' choiceBlockLog, a case every 18 s, exported at its
// 2,400th arrival: 12 h). The generator knows which cases were open at the export and what
// followed each instance, after the export too: no step but C ends a case. What exitsSeen may take
// as cut is only what was open; the open cases it leaves uncut (their exits counted, none real) are
// no more than a window at the 99th percentile of the generator's own gaps would leave; and each
// step's share of ended cases, Kaplan and Meier's survival of its follow-up time at the last read,
// is what the log's span can tell of it: the share of the step's follow-ups that came later than the
// span (none ends a case), within 3.29 standard errors read by a bootstrap over the cases and the
// generator's own binomial error. The cut over 16 seeds opening the case and 64 entered after a step (the log
// exported without its start: see there), the shares over 8. Before session 47 (the window the 99th percentile of the gaps the log completes, a step
// judged only where followed up at least as often as cut) no step was judged here and no case cut;
// with that window and the chances kept, 35 open cases opening the case were left uncut where the
// generator's window leaves 10; with each instance counted whole (no chance), A's share read 0.17.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { exitsSeen, followUpAt, followUpLaw, followUpQuantile, readExits, survivalAtLast } from '../../engine/discovery/exits-seen.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { groupCases, orderTies } from '../../engine/discovery/traces.js';
import type { EventLog } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { quantileSorted } from '../../engine/stats/percentile.js';
import { choiceBlockLog, exitShareLog } from '../support/generated-logs.js';
import { madeOnce } from '../support/made-once.js';
import { seededDraws } from '../support/seeded-draws.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-exits-seen-')();

interface Row {
  c: string;
  activity: string;
  start: number;
  end: number;
}

/**
 * The dense log as exported at its 2,400th arrival, read as discover reads its cases, with the
 * generator's truth: the cases open at the export, and each exported instance's gap to its case's
 * next instance's end (after the export too; none after C). `from`: exported as the 2,400 arrivals
 * from that one came (at the (2,400 + from)th, the rows ended before the `from`th arrival left out:
 * a log that begins mid-run, its span the same 12 h).
 */
async function denseExport(mid: boolean, seed: number, from = 0) {
  // Generated up to the export's own arrival, not the 4,000 of before session 56: the generator draws case by case,
  // so its first cases are the same however many follow, and a case arriving after the export shows no row (every
  // row of it ends later) and touches no truth read here (the open cases are those with rows shown). The export, its
  // cases and the truth are the same as from 4,000; 40% fewer cases drawn and parsed opening the case, 15% from the 1,000th.
  const generated = choiceBlockLog(2401 + from, mid, { gapHours: 0.005, followMeanHours: 3, seed });
  const { csv } = generated;
  const [header, ...lines] = csv.trimEnd().split('\n');
  const rows: Row[] = lines.map((line) => {
    const [c, activity, from, to] = line.split(',');
    return { c, activity, start: Date.parse(from), end: Date.parse(to) };
  });
  const arrival = new Map<string, number>();
  for (const r of rows) arrival.set(r.c, Math.min(arrival.get(r.c) ?? Number.POSITIVE_INFINITY, r.start));
  const arrivals = [...arrival.values()].sort((x, y) => x - y);
  const exportedAt = arrivals[2400 + from];
  const startedAt = from === 0 ? Number.NEGATIVE_INFINITY : arrivals[from];
  const shown = (r: Row) => r.end >= startedAt && r.end <= exportedAt;
  const path = join(dir, `dense-${mid}-${seed}-${from}.csv`);
  writeFileSync(path, `${[header, ...lines.filter((_, i) => shown(rows[i]))].join('\n')}\n`);
  const log = await readEventLog(path);
  const events = groupCases(log, []);
  orderTies(log, events);
  // the generator's: per case its rows in the order groupCases gives (start, then end)
  const byCase = new Map<string, Row[]>();
  for (const r of rows) {
    if (!byCase.has(r.c)) byCase.set(r.c, []);
    byCase.get(r.c)!.push(r);
  }
  const open = new Set<string>();
  const gapsOf = new Map<string, number[]>(); // per step, its exported instances' true gaps
  for (const [c, list] of byCase) {
    list.sort((x, y) => x.start - y.start || x.end - y.end);
    if (list.some(shown) && list.some((r) => r.end > exportedAt)) open.add(c);
    list.forEach((r, k) => {
      if (!shown(r) || k + 1 === list.length) return;
      if (!gapsOf.has(r.activity)) gapsOf.set(r.activity, []);
      gapsOf.get(r.activity)!.push(list[k + 1].end - r.end);
    });
  }
  return { log, events, open, gapsOf, path, generated };
}

/**
 * The dense exports opening the case from the log's start, made once: two tests read seeds 1-16 of
 * them (the open cases cut against the truth, and the passes FollowTally counts, discover reading the same log), and
 * nothing here changes a log or its cases once read (discover neither: session 56, its log and cases compared whole
 * before and after, seed 1). The others (64 and 8 seeds, entered after a step) are made
 * where they are read and let go, some 1.5 MB of text and a log each.
 */
const openingExports = madeOnce<ReturnType<typeof denseExport>>();
function openingExport(seed: number): ReturnType<typeof denseExport> {
  return openingExports(String(seed), () => denseExport(false, seed));
}

/** The smallest k with P(N <= k) >= 0.999, N a Poisson count of mean `mean`: a count's 99.9% upper bound. */
function poissonUpper(mean: number): number {
  let term = Math.exp(-mean);
  let sum = term;
  let k = 0;
  while (sum < 0.999) {
    k++;
    term *= mean / k;
    sum += term;
  }
  return k;
}

/** Per step, the open cases whose last instance the log shows is of it; and those exitsSeen took as cut. */
function cutAgainstTruth(log: EventLog, events: number[][], open: Set<string>, seen: Uint8Array) {
  const openAt = new Map<string, number>();
  const cutAt = new Map<string, number>();
  let closedCut = 0;
  for (const list of events) {
    if (list.length === 0) continue;
    const last = list[list.length - 1];
    const step = log.activities[log.activityOf[last]];
    const isOpen = open.has(log.cases[log.caseOf[last]]);
    if (isOpen) openAt.set(step, (openAt.get(step) ?? 0) + 1);
    if (seen[last] === 0) {
      if (isOpen) cutAt.set(step, (cutAt.get(step) ?? 0) + 1);
      else closedCut++;
    }
  }
  return { openAt, cutAt, closedCut };
}

/**
 * The open cases exitsSeen takes as cut against the generator's truth in one dense export: none
 * closed; each of A, B and R judged and some of its open cases cut; those left uncut no more than
 * the generator's window would leave (within the 99.9% Poisson bound of that count).
 */
async function expectCutAsTruth(mid: boolean, seed: number, from = 0) {
  const { log, events, open, gapsOf } = await (mid || from !== 0 ? denseExport(mid, seed, from) : openingExport(seed));
  const at = `seed ${seed}${from === 0 ? '' : `, from the ${from}th arrival`}`;
  const seen = exitsSeen(log, events, 0.05, []);
  const read = readExits(log, events);
  const { openAt, cutAt, closedCut } = cutAgainstTruth(log, events, open, seen);
  expect(closedCut, `${at}: closed cases taken as cut`).toBe(0);
  // the longest gap the log can show: from its first end to its last
  let firstEnd = Number.POSITIVE_INFINITY;
  for (const list of events) for (const e of list) firstEnd = Math.min(firstEnd, log.end[e]);
  const span = read.logEnd - firstEnd;
  // A, B and R end no case, and their follow-ups come within the span (their gaps' 99th percentile, 7-10 h, under its
  // 11.5-12 h): each is judged and its open cases cut, but those whose last instance ended longer than the window
  // before the end. The generator's window, the 99th percentile of the step's gaps the span can show, leaves uncut
  // the open cases whose last instance ended longer than it before the end; exitsSeen's, read off the log, as many
  // within the 99.9% interval of that count.
  let uncut = 0;
  let uncutByTruth = 0;
  for (const step of ['A', 'B', 'R']) {
    const a = log.activities.indexOf(step);
    expect(cutAt.get(step) ?? 0, `${at}, ${step}: open cases cut of ${openAt.get(step)}`).toBeGreaterThan(0);
    uncut += (openAt.get(step) ?? 0) - (cutAt.get(step) ?? 0);
    const shown = Float64Array.from(gapsOf.get(step)!.filter((g) => g <= span)).sort();
    const window = quantileSorted(shown, 0.99);
    for (const list of events) {
      const last = list[list.length - 1];
      if (list.length > 0 && log.activityOf[last] === a && open.has(log.cases[log.caseOf[last]]) && log.end[last] + window <= read.logEnd)
        uncutByTruth++;
    }
  }
  if (mid) {
    // X's follow-ups (A or R up to 8 h after it, B up to 12 h, exponential) run past the span in 15% of its
    // instances: read as exits (where it fails, exits-seen.ts), X is not judged and its open cases keep their exits
    const x = log.activities.indexOf('X');
    expect(openAt.get('X'), 'open cases after X').toBeGreaterThan(500);
    expect(cutAt.get('X') ?? 0, 'open cases after X cut').toBe(0);
    expect(read.share[x]).toBeGreaterThan(0.05);
  }
  return { uncut, uncutByTruth };
}

/** The smallest k with P(N <= k) >= 0.999, N a binomial count of `n` trials at `p`: a count's 99.9% upper bound. */
function binomialUpper(n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  let k = 0;
  while (sum < 0.999) {
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    sum += term;
  }
  return k;
}

/**
 * Over seeds 1-`seeds`, the logs whose open cases left uncut after A, B or R exceed the 99.9% Poisson
 * bound of what the generator's window leaves: at most the binomial's 99.9% quantile at the 2% of
 * logs measured beyond it (session 53, one-off over seeds 1-200: entered after a step 4 of 200,
 * opening the case 3; 3 of 16 logs). The bound is not met in every log: the window read off the log
 * has an error of its own (some 1-1.5 h; the generator's window is read off every gap, the log's
 * near its 99th percentile off a handful). `paired`: besides, the mean over the seeds of the count
 * left uncut less the generator's window's within 3.29 standard errors (their spread over the
 * seeds) of 0. The count falls faster than linearly as the window grows, so a window without bias
 * but with that error leaves more uncut on average than the generator's (+29% entered after a step,
 * +14% opening the case, over 120 seeds each; the mean some 4 standard errors out over 64 seeds):
 * the window is lengthened by half its standard error (exits-seen.ts' WINDOW_ERRORS; session 54:
 * -0.1% and -7%). Broken (the window the gaps' own 99th percentile, as before session 47), most logs
 * exceed the bound; the window not lengthened (WINDOW_ERRORS 0), the paired mean.
 */
async function expectCutAsTruthOverSeeds(mid: boolean, from = 0, seeds = 16, paired = false) {
  const beyond: string[] = [];
  const excess: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const { uncut, uncutByTruth } = await expectCutAsTruth(mid, seed, from);
    if (uncut > poissonUpper(uncutByTruth)) beyond.push(`seed ${seed}: ${uncut} uncut, the generator's window ${uncutByTruth}`);
    excess.push(uncut - uncutByTruth);
  }
  expect(beyond.length, `logs beyond the bound: ${beyond.join('; ')}`).toBeLessThanOrEqual(binomialUpper(seeds, 0.02));
  if (!paired) return;
  const mean = excess.reduce((x, y) => x + y, 0) / seeds;
  const se = Math.sqrt(excess.reduce((x, y) => x + (y - mean) ** 2, 0) / (seeds - 1) / seeds);
  const total = excess.reduce((x, y) => x + y, 0);
  expect(Math.abs(mean), `uncut less the generator's window's: ${mean} a log (se ${se}; ${total} over ${seeds} logs)`).toBeLessThan(
    3.29 * se,
  );
}

test("a step's share of ended cases, worked by hand: Kaplan and Meier's survival of the follow-up time at the last read", () => {
  // follow-ups after 1, 2, 2 and 5 h, each with 20 h left to the log's end; instances with none shown ended 0.5, 2, 3
  // and 10 h before the log's end. At 1 h, 7 at risk (the 0.5 h one is out): 6/7. At 2 h, 6 at risk (the one censored
  // at 2 h among them): 6/7 x 4/6. At 5 h, 2 (the 5 h follow-up, the 10 h censored): 4/7 x 1/2 = 2/7, the share that
  // outlasts every follow-up shown.
  expect(survivalAtLast([2, 5, 1, 2], [3, 0.5, 10, 2], [20, 20, 20, 20])).toBeCloseTo(2 / 7, 12);
  // without the instance watched 10 h, and the follow-ups' instances watched only as long as their follow-ups: at 1 h,
  // 6 at risk, 5/6; at 2 h, 5, 5/6 x 3/5 = 1/2; at 5 h one instance was watched that long, the 5 h follow-up's own,
  // which alone would read the share 0 (1 - 1/1): the product stops before it
  expect(survivalAtLast([2, 5, 1, 2], [3, 0.5, 2], [2, 5, 1, 2])).toBeCloseTo(1 / 2, 12);
  // watched by another instance too (the 5 h follow-up's instance and one more had 5 h left), the factor counts
  expect(survivalAtLast([2, 5, 1, 2], [3, 0.5, 2], [2, 5, 1, 6])).toBe(0);
  // no follow-up shown: every instance an exit, as far as the log tells; no instance: no share
  expect(survivalAtLast([], [1, 2], [])).toBe(1);
  expect(survivalAtLast([], [], [])).toBeNaN();
});

test("the window and the chances off the same product limit, worked by hand: Greenwood's variance, the quantile lengthened by half its error, and each instance's chance of showing its follow-up", () => {
  // the first worked law above: S 6/7, 4/7, 2/7 at 1, 2 and 5 h; Greenwood's sum d / (R (R - d)) 1/42, then + 2/24, then
  // + 1/2, Var S = S^2 times it
  const law = followUpLaw([2, 5, 1, 2], [3, 0.5, 10, 2], [20, 20, 20, 20]);
  expect([...law.at]).toEqual([1, 2, 5]);
  const sums = [1 / 42, 1 / 42 + 1 / 12, 1 / 42 + 1 / 12 + 1 / 2];
  [6 / 7, 4 / 7, 2 / 7].forEach((S, k) => {
    expect(law.survival[k]).toBeCloseTo(S, 12);
    expect(law.variance[k]).toBeCloseTo(S * S * sums[k], 12);
  });
  // the median of the follow-ups read (5/7 of the instances by 5 h): 1 - S reaches 5/14 at 2 h (3/7); less half its
  // standard error (sqrt(16/49 x 0.1071) / 2 = 0.094) it does not (0.335), and the lengthened quantile is 5 h (0.603).
  // Before session 54 the window was the quantile itself
  expect(followUpQuantile(law, 0.5)).toBe(2);
  expect(followUpQuantile(law, 0.5, 0.5)).toBe(5);
  // an instance with x left shows its follow-up, had it one, with chance (1 - S(x)) / (1 - S(last)): before session 54
  // the chances were read off the gaps alone (truncatedLaw)
  expect(followUpAt(law, 0.9)).toBe(0);
  expect(followUpAt(law, 1.5)).toBeCloseTo(1 / 5, 12);
  expect(followUpAt(law, 2)).toBeCloseTo(3 / 5, 12);
  expect(followUpAt(law, 5)).toBeCloseTo(1, 12);
  expect(followUpAt(law, 100)).toBeCloseTo(1, 12);
  // every instance at risk followed (S 0): no variance, not NaN
  const all = followUpLaw([1, 2], [], [5, 5]);
  expect([...all.survival]).toEqual([0.5, 0]);
  expect(all.variance[1]).toBe(0);
});

/**
 * exitShareLog's X and Y shares as readExits reads them, in a log of 1,000 cases a case every 3 min (50 h), whole or
 * exported at the 600th arrival (30 h): read once for each log, as two tests read the same 16 (X 30% with the long case,
 * seeds 1-8 whole and cut) and the shares of a log are its own.
 */
const sharesRead = madeOnce<Promise<{ X: number; Y: number }>>();
function knownShares(seed: number, cut: boolean, longCase: boolean, xShare: number, yShare: number): Promise<{ X: number; Y: number }> {
  return sharesRead([seed, cut, longCase, xShare, yShare].join(), () => readShares(seed, cut, longCase, xShare, yShare));
}

async function readShares(seed: number, cut: boolean, longCase: boolean, xShare: number, yShare: number) {
  const { csv } = exitShareLog(1000, {
    gapHours: 0.05,
    xShare,
    yShare,
    xFollowHours: 4,
    yFollowHours: 2,
    seed,
    exportAt: cut ? 600 : undefined,
    longCase,
  });
  const path = join(dir, `shares-${seed}-${cut}-${longCase}.csv`);
  writeFileSync(path, csv);
  const log = await readEventLog(path);
  const events = groupCases(log, []);
  orderTies(log, events);
  const read = readExits(log, events);
  return { X: read.share[log.activities.indexOf('X')], Y: read.share[log.activities.indexOf('Y')] };
}

test("a step whose first instance is followed up after the log's whole span, longer than any other instance was watched: that one case does not set its share (exitShareLog, X ending 30% of its cases, whole and cut, 8 seeds)", async () => {
  // Before session 52 the product limit ran to the last follow-up shown, the long case's, where it was at risk alone:
  // 1 - 1/1 read X's share 0 in every log. Its 999 other instances say 0.3; the share is read over the follow-ups
  // at which at least 1% of X's instances were watched, so within 3.29 binomial standard errors of 0.3 at ~600.
  for (let seed = 1; seed <= 8; seed++)
    for (const cut of [false, true]) {
      const { X } = await knownShares(seed, cut, true, 0.3, 0.03);
      expect(Math.abs(X - 0.3), `seed ${seed}, ${cut ? 'cut' : 'whole'}: X's share ${X}`).toBeLessThan(3.29 * Math.sqrt((0.3 * 0.7) / 600));
    }
});

test("a step of 100 instances whose long follow-up's instance was watched as long as a few others: the share is read over 10 watched, not 2 (exitShareLog, X ending 30% or 5%, whole and cut, the long case 30 min after the first arrival, 20 seeds)", async () => {
  // Below 200 instances 1% is under 2: the product stopped only where one instance was watched. Where the long case's X
  // comes after the first arrivals, two or three ordinary instances are watched as long as it, most of them followed up
  // early (out of the risk set), and its follow-up's factor is 1 - 1/1 or 1 - 1/2: with 2 watched, X 30% read -0.22 on
  // average, X 5% -0.047 (one-off, 100 seeds); with WATCHED_FLOOR (10, or a tenth of a smaller step's) +0.00 and +0.01.
  // Broken (the floor 2 again): the mean error is some 10 standard errors out.
  for (const [xShare, cut] of [
    [0.3, false],
    [0.3, true],
    [0.05, false],
  ] as const) {
    const errors: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const { csv } = exitShareLog(100, {
        gapHours: 0.5,
        xShare,
        yShare: 0,
        xFollowHours: 4,
        yFollowHours: 2,
        seed,
        exportAt: cut ? 60 : undefined,
        longCase: true,
        longCaseAt: 30,
      });
      const path = join(dir, `small-${seed}-${xShare}-${cut}.csv`);
      writeFileSync(path, csv);
      const log = await readEventLog(path);
      const events = groupCases(log, []);
      orderTies(log, events);
      errors.push(readExits(log, events).share[log.activities.indexOf('X')] - xShare);
    }
    const mean = errors.reduce((x, y) => x + y, 0) / errors.length;
    const se = Math.sqrt(errors.reduce((x, y) => x + (y - mean) ** 2, 0) / (errors.length - 1) / errors.length);
    expect(Math.abs(mean), `X ${xShare}, ${cut ? 'cut' : 'whole'}: mean error ${mean} (se ${se})`).toBeLessThan(3.29 * se);
  }
});

test('the shares of steps ending known shares of their cases (exitShareLog: X 30%, Y 3%; X 5%, Y none), whole and cut at the 600th of 1,000 arrivals, with and without a long case, over 20 seeds: no bias beyond 3.29 standard errors of the mean', async () => {
  // Each cell's mean error over the seeds against 3.29 of its standard error (the seeds' own spread); the cut log
  // holds some 120 cases under way at the export (X followed after 4 h on average, Y after 2 h). Measured (session 52,
  // 30 seeds): mean error -0.002 to +0.004, root mean square 0.001-0.018; before, with the long case, X read 0.
  const cells: [number, number][] = [
    [0.3, 0.03],
    [0.05, 0],
  ];
  for (const [xShare, yShare] of cells)
    for (const cut of [false, true])
      for (const longCase of [false, true]) {
        const errors = { X: [] as number[], Y: [] as number[] };
        for (let seed = 1; seed <= 20; seed++) {
          const read = await knownShares(seed, cut, longCase, xShare, yShare);
          errors.X.push(read.X - xShare);
          errors.Y.push(read.Y - yShare);
        }
        for (const step of ['X', 'Y'] as const) {
          const e = errors[step];
          const mean = e.reduce((x, y) => x + y, 0) / e.length;
          const se = Math.sqrt(e.reduce((x, y) => x + (y - mean) ** 2, 0) / (e.length - 1) / e.length);
          const at = `${step} (${step === 'X' ? xShare : yShare}), ${cut ? 'cut' : 'whole'}${longCase ? ', long case' : ''}`;
          // a share of none reads 0 or above: its mean error is its few positive readings, bounded by their spread
          if (step === 'Y' && yShare === 0) expect(mean, at).toBeLessThan(0.005);
          else expect(Math.abs(mean), `${at}: mean error ${mean} (se ${se})`).toBeLessThan(3.29 * se);
        }
      }
});

test("a log exported while some 600 cases run (opening the case), over 16 seeds: exitsSeen cuts only open cases, and leaves no more uncut than the generator's window would but in a few logs", async () => {
  await expectCutAsTruthOverSeeds(false);
});

test("a log exported while some 600 cases run (entered after a step), exported without its start, over 64 seeds: exitsSeen cuts only open cases, and leaves no more uncut than the generator's window would but in a few logs, nor more on average", async () => {
  // The 2,400 arrivals from the 1,000th, exported at the 3,400th: the rows ended before the 1,000th arrival left out,
  // the same 12-h span. Exported with its start the windows read off the log run short of the generator's (session 51:
  // the instances that could show a long gap ended early in the log, of cases that came in at its start and reached
  // the step soon, and here a short wait before A goes with a short gap after it); 5 h in, R (whose waits are 6-8 h)
  // still reads some 0.5 h short over 200 seeds, 0.25 h at 15 h in (docs/discovery-notes.md, session 53). Until session
  // 53 the window was read off the gaps alone (truncatedLaw): seeds 53 and 1-16 left 136 uncut against the generator's
  // window's 104, seeds 1-200 beyond the bound 11 times; read off the follow-up's product limit, 113 and 4. Over 64
  // seeds (session 54), the mean excess: not lengthened by its error, +1.66 a log (se 0.40); lengthened, +0.05 (0.34).
  await expectCutAsTruthOverSeeds(true, 1000, 64, true);
});

test("a log exported while some 600 cases run, over 8 seeds: each step's share of ended cases is the share of its follow-ups the span cannot show, within 3.29 standard errors by a bootstrap over cases", async () => {
  // The share's standard error is read by resampling the log's cases (100 times, each readExits on the resample),
  // with the generator's own binomial error of its share added: where the last follow-up shown is followed by
  // every instance still at risk, the share reads 0 in most resamples and their spread alone is near none (seed 4's
  // A: 0 against 0.0029, a bootstrap error of 0.0007). Kaplan and Meier's share (session 51): at seeds 1-8 none
  // beyond 3.17 (R at seed 8) but that A, 2 of 32 beyond 2. Before, 1 - shown / chances (the chances from the gap
  // law read off the same cases): by the bootstrap none beyond 2.85, 2 of 32 beyond 2, its errors twice these.
  for (let seed = 1; seed <= 8; seed++) {
    const { log, events, gapsOf } = await denseExport(true, seed);
    const read = readExits(log, events);
    let firstEnd = Number.POSITIVE_INFINITY;
    for (const list of events) for (const e of list) firstEnd = Math.min(firstEnd, log.end[e]);
    const span = read.logEnd - firstEnd;
    const { random } = seededDraws(seed);
    const resampled: Float64Array[] = [];
    for (let b = 0; b < 100; b++) {
      const again = readExits(
        log,
        events.map(() => events[Math.floor(random() * events.length)]),
      );
      resampled.push(Float64Array.from(log.activities, (_, a) => again.share[a]));
    }
    for (const step of ['X', 'A', 'B', 'R']) {
      const a = log.activities.indexOf(step);
      // no step but C ends a case: what the log cannot tell from an exit is a follow-up later than its span
      const gaps = gapsOf.get(step)!;
      const truth = gaps.filter((g) => g > span).length / gaps.length;
      const shares = resampled.map((v) => v[a]);
      const mean = shares.reduce((x, y) => x + y, 0) / shares.length;
      const se = Math.sqrt(shares.reduce((x, y) => x + (y - mean) ** 2, 0) / (shares.length - 1) + (truth * (1 - truth)) / gaps.length);
      expect(read.instances[a], `seed ${seed}, ${step}: instances`).toBeGreaterThan(250);
      expect(Math.abs(read.share[a] - truth), `seed ${seed}, ${step}: read ${read.share[a]}, generator ${truth} (se ${se})`).toBeLessThan(
        3.29 * se,
      );
    }
  }
});

test("opening the case at the dense rate, over 16 seeds: the open cases among the passes FollowTally counts are few, and the share of each leader's passes that began B is the generator's", async () => {
  // FollowTally counts a block's passes that started before its first pass exitsSeen took as cut. An open case among
  // them (its last step ended longer than the step's window before the log's end, its follow-up later still) reads as B
  // skipped: the share comes out low by at most their part of the passes. A pass counted is open only where its last
  // step's follow-up came later than the step's window, its 99th percentile: at most 1% of them (a count within the
  // 99.9% Poisson bound of that mean). They are about that many: their follow-ups are longer than the gaps the log shows
  // after their step (a window at the 99.9th percentile, or at 1 - 1 / the step's instances, leaves as many uncut), so
  // no window read off the log reaches them. The share, pooled over the seeds (exact draws), is within 3.29 standard
  // errors of the generator's 0.36 / 0.76 (B done in 60% of the passes, its lane leading 40% of those), less their part.
  // With no case cut, 18% of the passes counted are open and B after A reads 0.36. On the rounded draws (seed 53: B after
  // R 0.392 of 148 passes against the whole log's 0.476) 7 of R's 148 were open; by the generator's truth the 148 say 0.439.
  const truth = 0.36 / 0.76;
  const pooled = { A: { begun: 0, n: 0, open: 0 }, R: { begun: 0, n: 0, open: 0 } };
  for (let seed = 1; seed <= 16; seed++) {
    const { log, events, open } = await openingExport(seed);
    const seen = exitsSeen(log, events, 0.05, []);
    const block = new Set(['A', 'B', 'R'].map((x) => log.activities.indexOf(x)));
    // the passes counted: those begun before the first whose case was taken as cut (every entry in the block, C unseen)
    let cutoff = Number.POSITIVE_INFINITY;
    for (const list of events)
      if (seen[list[list.length - 1]] === 0 && list.every((e) => block.has(log.activityOf[e])))
        cutoff = Math.min(cutoff, log.start[list[0]]);
    const found = discover(log, { minShare: 0.05 }); // the log read once: discover writes nothing into its input
    const [opening] = [...found.openings.values()];
    const step = (x: string) => found.log.activities.indexOf(x);
    const laneB = opening.lane[opening.opener.indexOf(step('B'))];
    for (const x of ['A', 'R'] as const) {
      const k = opening.opener.indexOf(step(x));
      const counts = opening.follow[k].get(laneB) ?? new Map<number, number>();
      const begun = counts.get(step('B')) ?? 0;
      const n = begun + (counts.get(END) ?? 0);
      let openCounted = 0;
      for (const list of events)
        if (log.start[list[0]] < cutoff && log.activities[log.activityOf[list[0]]] === x && open.has(log.cases[log.caseOf[list[0]]]))
          openCounted++;
      pooled[x].begun += begun;
      pooled[x].n += n;
      pooled[x].open += openCounted;
    }
  }
  for (const x of ['A', 'R'] as const) {
    const { begun, n, open } = pooled[x];
    const se = Math.sqrt((truth * (1 - truth)) / n);
    expect(n, `${x}: passes counted over the seeds`).toBeGreaterThan(400);
    expect(open, `${x}: open cases among the ${n} passes counted`).toBeLessThanOrEqual(poissonUpper(0.01 * n));
    expect(begun / n, `B after ${x}: ${begun / n} of ${n} passes`).toBeGreaterThan(truth - 3.29 * se - open / n);
    expect(begun / n, `B after ${x}: ${begun / n} of ${n} passes`).toBeLessThan(truth + 3.29 * se);
  }
});
