// The delays of a parallel block's leaders ((A | R) || B?, test/support/generated-logs.ts' choiceBlockLog, entered after
// X) in logs their end cut mid-case, against the generator's truth. (1) A leader's own wait from the block's entry is
// read from every pass the log shows, and a pass is in the log only where its leader's instance ended by the log's end:
// the passes entered late show only their short waits, so unweighed the wait came out short. Each pass now weighs by
// the inverse of its chance to show it (extraneous-delays.ts' FollowTally.leaderWeight, drawnByWeight). (2) A head a
// leader's counted passes began once had its delay from that one instance; then (session 50), below FEW_HEADS, it was
// measured in the passes after the cutoff that began it too; now (session 51) every follower's delay is measured in
// every pass the log shows that began it, each by the inverse of its chance to show it given its leader's start.
// (3) A slow follower read short by the follow-ups longer than the log's window can show (session 52); now (session 53)
// those still to come at the export count as censored, and the reading is the generator's law.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { choiceBlockLog, exportedAtArrival } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-leader-delays-cut-')();

const exported = exportedAtArrival; // the log as exported when its `at`th case arrived, `stuck`'s B moved to 70 min before and its C after

/** Per leader A and R: its own delay from the block's entry, its passes, B's delay after it and its passes read that began B. */
async function leaders(csv: string, name: string) {
  const path = join(dir, name);
  writeFileSync(path, csv);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const [opening] = [...found.leads.values()];
  const step = (x: string) => found.log.activities.indexOf(x);
  const laneB = opening.lane[opening.opener.indexOf(step('B'))];
  const cut = found.notes.find((n) => n.kind.startsWith("cases cut by the log's end"))?.count ?? 0;
  return {
    cut,
    byLeader: ['A', 'R'].map((x) => {
      const k = opening.opener.indexOf(step(x));
      const read = opening.passesRead[k].get(laneB);
      return {
        own: opening.lead?.[k] ?? null,
        passes: opening.opened[k],
        b: opening.delays[k].get(step('B')) ?? null,
        bRead: read?.get(step('B')) ?? 0,
        read: (read?.get(step('B')) ?? 0) + (read?.get(END) ?? 0),
      };
    }),
  };
}

test("a log exported while many cases run: each leader's own wait from the block's entry is the generator's", async () => {
  // 2,000 cases a case every 36 s, A or R leading 15 min after X's end where B is skipped and 4 h after it where B
  // follows (B with 0.36 / 0.76 of its passes): a mean of 2.026 h, a standard deviation of 3.75 h * sqrt(p (1 - p)).
  // Exported at the 1,200th arrival (some 12 h), a pass entered in the last 4 h shows only where its leader waited
  // 15 min: unweighed, A read 1.59-1.77 h over the four seeds (1.67 h on average), R 1.53-1.82 h (1.69 h)
  const p = 0.36 / 0.76;
  const truth = p * 4 + (1 - p) * 0.25;
  const sd = 3.75 * Math.sqrt(p * (1 - p));
  const pooled = [0, 0].map(() => ({ sum: 0, n: 0 }));
  for (const seed of [1, 2, 3, 4]) {
    const { csv } = choiceBlockLog(2000, true, { gapHours: 0.01, followMeanHours: 1, leadHours: [0.25, 4], seed });
    const { cut, byLeader } = await leaders(exported(csv, 1200), `lead-wait-${seed}.csv`);
    expect(cut, 'cases the end cut').toBeGreaterThan(50);
    for (const [i, x] of ['A', 'R'].entries()) {
      const { own, passes } = byLeader[i];
      expect(own?.drawn, `${x}: drawn by the passes' weights`).toBe(true);
      // within the 99.9% interval of a sample of the passes' count around the truth (weighed, they count for fewer:
      // the interval is narrower than the estimate's)
      expect(Math.abs(own!.meanWait - truth), `${x}, seed ${seed}: ${own!.meanWait} h of ${passes}`).toBeLessThan(
        (3.29 * sd) / Math.sqrt(passes),
      );
      pooled[i].sum += own!.meanWait * passes;
      pooled[i].n += passes;
    }
  }
  // over the four seeds (A some 2,100 passes, R 880), within 3.29 standard errors: before, 0.35 h and 0.34 h short
  for (const [i, x] of ['A', 'R'].entries()) {
    const { sum, n } = pooled[i];
    expect(Math.abs(sum / n - truth), `${x}: ${sum / n} h of ${n}`).toBeLessThan((3.29 * sd) / Math.sqrt(n));
  }
});

test('the same log whole: no pass cut, each leading instance read once (not drawn)', async () => {
  const { csv } = choiceBlockLog(2000, true, { gapHours: 0.01, followMeanHours: 1, leadHours: [0.25, 4], seed: 1 });
  const { cut, byLeader } = await leaders(csv, 'lead-wait-whole.csv');
  expect(cut, 'cases the end cut').toBe(0);
  for (const { own, passes } of byLeader) {
    expect(own?.drawn).toBeUndefined();
    expect(own?.fit.n, 'every pass measured, each once (each waits 15 min or more)').toBe(passes);
  }
});

for (const seed of [4, 10, 12, 16]) {
  test(`a head a leader's counted passes began once (seed ${seed}): its delay measured in the passes after the cutoff too`, async () => {
    // choice-block-window.test.ts' early-cut log (a case every 1.2 min, exported at the 950th arrival, the first case A
    // led with B still waiting for C there, the cutoff that A's start): R's counted passes began B in one pass (these
    // seeds of exact draws), whose delay was B after R's, 0.49-1.88 h of one instance where the generator's is 5 min
    // plus an exponential of mean 1 h; now read in every pass of R's shown that began B, by its weight
    const generated = choiceBlockLog(1000, true, { gapHours: 0.02, followMeanHours: 1, leadHours: [0.25, 4], seed });
    const stuck = generated.leader.findIndex((l, c) => l === 'A' && generated.withB[c]);
    const { byLeader } = await leaders(exported(generated.csv, 950, stuck), `early-cut-${seed}.csv`);
    const [, r] = byLeader;
    expect(r.bRead, 'passes counted that began B after R').toBe(1);
    const measured = r.b?.fit.n ?? 0;
    expect(measured, "B's instances measured after R").toBeGreaterThan(20);
    // within the 99.9% interval of a sample of that size around the generator's (a standard deviation of 1 h)
    expect(Math.abs(r.b!.meanWait - (5 / 60 + 1)), `B after R: ${r.b!.meanWait} h of ${measured}`).toBeLessThan(3.29 / Math.sqrt(measured));
  });
}

// A slow lane following a late leader (R after B, 5 min plus an exponential of mean 3 h), in the log above with R the
// first branch's step in every pass (aShare 0: R follows B wherever B leads, some 65 passes shown a seed; A's share
// changes nothing of B's or R's draws). B leads after an exponential of mean 12 h from X's end, so a follow-up needing
// longer than the log's end E is after B's earliest starts shows in no pass. Read from the follow-ups shown alone, each
// by the inverse of its chance to show (session 51), the reading was the generator's law up to that reach (some 2.66 h
// where the law's mean is 3.083 h; docs/discovery-notes.md, session 52). Now (session 53) the passes B led that the end
// cut before R began count too, each R's wait at least E less B's start (right-censored: extraneous-delays.ts'
// censoredWaits), and the reading is the law's. Per seed, the reading's mean within the 99.9% interval of a sample of
// its follow-ups shown around the generator's, a test each (a seed takes some 0.5 s of CPU); over the seeds, the mean
// of the readings less the generator's within 3.29 standard errors of their spread. These seeds read 0.34 h short on
// average against a tolerance of 0.47 h: at seeds 8 and 12 no case of B's is taken as cut (exits-seen.ts), so no
// follow-up pends and the ones shown read alone, 1.0 h short; of the other ten, gamma, Weibull or normal the lowest AIC
// in 8, 0.22 h under the censored exponential on the same follow-ups. With the follow-ups pending left out
// (FollowTally.pend a no-op: the reading before session 53) 0.58 h short against a tolerance of 0.37 h: fails.
const SLOW_SEEDS = 12;
const slowShort: number[] = [];
for (let seed = 1; seed <= SLOW_SEEDS; seed++) {
  test(`R after B at seed ${seed}: the generator's, the follow-ups still to come read as censored`, async () => {
    const truth = 5 / 60 + 3;
    const generated = choiceBlockLog(1300, true, { gapHours: 0.01, followMeanHours: 1, leadHours: [0.25, 4], aShare: 0, seed });
    const path = join(dir, `slow-${seed}.csv`);
    writeFileSync(path, exported(generated.csv, 1200));
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    const [opening] = [...found.leads.values()];
    const step = (x: string) => found.log.activities.indexOf(x);
    const delay = opening.delays[opening.opener.indexOf(step('B'))].get(step('R'));
    const n = delay?.fit.n ?? 0;
    slowShort.push((delay?.meanWait ?? Number.NaN) - truth); // before the seed's own test: the pooled one reads every seed
    expect(n, "R's instances measured after B").toBeGreaterThan(5);
    expect(Math.abs(delay!.meanWait - truth), `R after B: ${delay!.meanWait} h of ${n}`).toBeLessThan((3.29 * 3) / Math.sqrt(n));
  });
}

test(`R after B over ${SLOW_SEEDS} seeds: the generator's, within 3.29 standard errors`, () => {
  expect(slowShort.length, 'every seed read (run the file whole)').toBe(SLOW_SEEDS);
  const mean = slowShort.reduce((s, x) => s + x, 0) / SLOW_SEEDS;
  const sd = Math.sqrt(slowShort.reduce((s, x) => s + (x - mean) ** 2, 0) / (SLOW_SEEDS - 1));
  expect(Math.abs(mean), `R after B less the generator's: ${mean} h on average (sd ${sd} a seed)`).toBeLessThan(
    (3.29 * sd) / Math.sqrt(SLOW_SEEDS),
  );
});
