// log-start.ts against the generator's truth, over seeds 1-12 (test/support/generated-logs.ts' choiceBlockLog).
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
import { discover } from '../../engine/discovery/discover.js';
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
// beyond the lead they read as starts, and their 117-225 first cases each, all under way, counted as arrivals (3.2-7.8
// standard errors above those that came per seed, the rate x1.14). Their crowd near the opening, read against their
// leads, is now taken as under way; what is left is its tail (leads longer than the span), as flat as openings: over
// seeds 1-30 the rate x1.038 pooled, 0.9-3.0 standard errors per seed (so the tolerance is per seed: pooled, the tail
// is 10 standard errors over seeds 1-30; seeds 1-12 read 1.1-2.6, a thin margin). Fails where the crowd is not taken
// (log-start.ts as it was: seed 1, 3.3 standard errors; every seed of 1-12 but 11 at 6.9-7.5). The whole logs below
// guard the other side: without the leads' bound on the crowd (opening-crowd.ts) A's falling rate in seed 1 read as a
// crowd and 27 of its first cases were taken.
test('a 12-h log cut out of a running process whose steps wait longer than the span (a case every 18 s), seeds 1-12: the cases under way crowding its opening are no arrivals', async () => {
  for (const seed of SEEDS) {
    const cut = await cutLog(seed, 3500, 0.005, 1000, 3400);
    expect(Math.abs(cut.counted - cut.cameIn), `seed ${seed}: ${cut.counted} arrivals counted, ${cut.cameIn} came`).toBeLessThan(
      3.29 * Math.sqrt(cut.cameIn),
    );
  }
});

test('a whole log, drained at its end, its block opening the case with a step of leads nearly its span (seeds 1-12): no case taken as under way', async () => {
  for (const seed of SEEDS) {
    const { csv } = choiceBlockLog(1000, false, { gapHours: 0.02, followMeanHours: 4, rFrom: 400, seed });
    const path = join(dir, `whole-${seed}.csv`);
    writeFileSync(path, csv);
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    const underWay = found.notes.find((n) => n.kind.startsWith('cases under way when the log opens'));
    expect(underWay?.count ?? 0, `seed ${seed}: ${underWay?.example}`).toBe(0);
    expect(found.flows[0].arrivals.cases, `seed ${seed}`).toBe(1000);
  }
});
