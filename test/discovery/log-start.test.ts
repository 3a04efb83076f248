// log-start.ts against the generator's truth, over seeds (test/support/generated-logs.ts' choiceBlockLog).
// A log cut out of a running process at both ends: the block entered after X (X at each case's arrival, then A or R
// after a wait of hours, B, C), a case every 3 min, the rows ended between the 200th and the 800th arrival (30 h). The
// cases under way when it opens show first at A, R, B or C, none of which opens a case; counted as arrivals they raise
// the rate. Before session 53 a step was judged (does it open cases?) only where as many of its instances ended
// beyond its lead's 99th percentile after the log's opening as within it: A's, R's and B's leads (waits of 2-12 h) put
// most of them within, none was judged, and the counted arrivals were 2.9-4.6 Poisson standard errors above those that
// came in every seed (the rate x1.14 pooled). And a whole log, the block opening the case (its late-leader log: B
// after A or R 5 min plus an exponential of mean 4 h, R first only from the 400th case), drained at its end: no case
// was under way when it opened. Judged on every instance beyond the lead, B's (lead 20.9 h where the last case came
// in 20.8 h after the first) were only those finishing after the last arrival, none opening a case: B, opening 40%
// of its cases, read as opening none and its first cases as under way (seeds 2, 5, 6: 249, 235, 229 cases).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover, discoverBlocks } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { choiceBlockLog } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-log-start-')();
const HOUR = 3_600_000;
const SEEDS = Array.from({ length: 12 }, (_, k) => k + 1);

/**
 * choiceBlockLog entered after X, `cases` of them a mean `gapHours` apart, its rows ended between the `from`th and
 * the `to`th arrival written to a file: the arrivals discover counts, those that came in the window it measures the
 * rate over (its first is a case whose X began before the log's first row ended, a real arrival), and its hours.
 */
async function cutLog(seed: number, cases: number, gapHours: number, from: number, to: number) {
  const { csv } = choiceBlockLog(cases, true, { gapHours, followMeanHours: 3, seed });
  const [header, ...lines] = csv.trimEnd().split('\n');
  const arrival = new Map<string, number>();
  for (const line of lines) {
    const [c, , begun] = line.split(',');
    arrival.set(c, Math.min(arrival.get(c) ?? Number.POSITIVE_INFINITY, Date.parse(begun)));
  }
  const arrivals = [...arrival.values()].sort((x, y) => x - y);
  const [opens, closes] = [arrivals[from], arrivals[to]];
  const path = join(dir, `window-${seed}-${to - from}.csv`);
  const kept = lines.filter((line) => {
    const end = Date.parse(line.split(',')[3]);
    return end >= opens && end <= closes;
  });
  writeFileSync(path, `${[header, ...kept].join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const { cases: counted, window } = found.flows[0].arrivals;
  const cameIn = arrivals.filter((at) => at >= window.firstMs && at <= window.lastMs).length;
  return { counted, cameIn, hours: (window.lastMs - window.firstMs) / HOUR };
}

test("a log cut out of a running process at both ends (a case every 3 min, 30 h), seeds 1-12: the cases under way at its start are no arrivals, and the rate is the generator's", async () => {
  let counted = 0;
  let hours = 0;
  for (const seed of SEEDS) {
    const cut = await cutLog(seed, 1000, 0.05, 200, 800);
    // the counted within 3.29 of a Poisson count's standard errors of those that came
    expect(Math.abs(cut.counted - cut.cameIn), `seed ${seed}: ${cut.counted} arrivals counted, ${cut.cameIn} came`).toBeLessThan(
      3.29 * Math.sqrt(cut.cameIn),
    );
    counted += cut.counted;
    hours += cut.hours;
  }
  // pooled: the rate within 3.29 of a Poisson count's standard errors of the generator's 20 an hour
  expect(Math.abs(counted - 20 * hours), `${counted} arrivals in ${hours} h`).toBeLessThan(3.29 * Math.sqrt(20 * hours));
});

// Session 54 (opening-crowd.ts): the 12-h log, a case every 18 s, the rows ended between the 1,000th and the 3,400th
// arrival. R (waits of 6-8 h) and B (12 h where it leads) have leads past the span: judged on their few instances
// beyond the lead they read as starts, and their 117-225 first cases each, all under way, counted as arrivals (the rate
// x1.14). Their crowd near the opening, read against their leads, is now taken as under way; what is left is its tail,
// cases under way first seen late in the window (8-11 h after its opening on average, their leads 10-13 h), as flat as
// openings: a known bias (docs/discovery-notes.md, sessions 54 and 55), RESIDUAL below. Until session 55 this test was
// per seed (seeds 1-12 each within 3.29 Poisson standard errors of the arrivals that came): the bias put them at 1.1-2.6,
// so a regression of 0.7 standard errors passed at seed 12 and a harmless change of the draws could fail it. Now pooled,
// over seeds of its own (61-72, apart from RESIDUAL's): the share of arrivals counted beyond those that came is
// RESIDUAL's within 3.29 standard errors of the two readings' difference, each read from its seeds' spread (so seed
// noise cannot fail it, some 0.010 of the arrivals: a regression of 24 cases a seed, half a seed's Poisson standard error,
// fails), and no lower than 3.29 of its own below none (true arrivals taken as under way). Fails where the crowd is not
// taken (crowdsAtOpening a no-op: 0.142 against a bound of 0.043) and where a fifth of it is left (openingCrowd's
// count 0.8 of its reading: 0.057 against 0.045); it reads 0.0355. The whole logs below guard the other side: without
// the leads' bound on the crowd (opening-crowd.ts) A's falling rate in seed 1 read as a crowd and 27 of its first
// cases were taken.
const TWELVE_HOUR_SEEDS = Array.from({ length: 12 }, (_, k) => k + 61);

/**
 * The share of the 12-h log's arrivals counted beyond those that came, pooled over seeds 1-60 (one-off, main at 3944a555
 * and session 55's log-start.ts, the same counts: docs/discovery-notes.md), and its standard error from the 60 seeds'
 * spread (the excess a seed, 86.5 on average, its standard deviation 25.1, of some 2,400 arrivals).
 */
const RESIDUAL = { share: 0.036, se: 0.0013 };

test(`a 12-h log cut out of a running process whose steps wait longer than the span (a case every 18 s), seeds ${TWELVE_HOUR_SEEDS[0]}-${TWELVE_HOUR_SEEDS[TWELVE_HOUR_SEEDS.length - 1]} pooled: the cases under way crowding its opening are no arrivals, what is left their known tail`, async () => {
  const excess: number[] = [];
  let came = 0;
  for (const seed of TWELVE_HOUR_SEEDS) {
    const cut = await cutLog(seed, 3500, 0.005, 1000, 3400);
    excess.push(cut.counted - cut.cameIn);
    came += cut.cameIn;
  }
  const n = excess.length;
  const total = excess.reduce((sum, d) => sum + d, 0);
  const sd = Math.sqrt(excess.reduce((sum, d) => sum + (d - total / n) ** 2, 0) / (n - 1));
  const share = total / came;
  const se = (sd * Math.sqrt(n)) / came; // the mean excess's standard error over the mean arrivals a seed
  const said = `${total} counted beyond the ${came} that came (${share}, standard error ${se}; excess a seed ${excess.join(', ')})`;
  expect(share, said).toBeLessThan(RESIDUAL.share + 3.29 * Math.hypot(RESIDUAL.se, se));
  expect(share, said).toBeGreaterThan(-3.29 * se);
});

// Session 55: over seeds 1-60. In two of them (54 and 59) B's 99th percentile of lead (19.3 and 19.8 h) ended a few
// minutes before the last case came in (19.4 and 20.0 h after the first), and B was judged on its one instance between,
// which opened no case: its 252 and 231 first cases were taken as under way. A step is now judged only where its
// instances beyond the lead are enough to show one case opened at --min-share (20 at 5%); fails without that (seed 54,
// 252 cases). discoverBlocks reads the cases under way (log-start.ts) without the durations and teams discover reads.
const WHOLE_SEEDS = Array.from({ length: 60 }, (_, k) => k + 1);
test(`a whole log, drained at its end, its block opening the case with a step of leads nearly its span (seeds 1-${WHOLE_SEEDS.length}): no case taken as under way`, async () => {
  for (const seed of WHOLE_SEEDS) {
    const { csv } = choiceBlockLog(1000, false, { gapHours: 0.02, followMeanHours: 4, rFrom: 400, seed });
    const path = join(dir, `whole-${seed}.csv`);
    writeFileSync(path, csv);
    const found = discoverBlocks(await readEventLog(path), { minShare: 0.05 });
    const underWay = found.notes.find((n) => n.kind.startsWith('cases under way when the log opens'));
    expect(found.underWay.count, `seed ${seed}: ${underWay?.example}`).toBe(0);
    expect(found.casesOf[0].length, `seed ${seed}`).toBe(1000);
  }
});
