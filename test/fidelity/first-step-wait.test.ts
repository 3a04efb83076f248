// A case's first step waits from its arrival where the log dates the arrival apart from the step's
// start (Simod's enabled_time): fidelity's per-step waiting measures that queue on the log's side
// and the simulation's. Before session 62 the first instance of every case was read as a wait of
// 0 on both sides, so a desk's queue, in the cycle time, was in no step's waiting (LoanApp's first
// check: 1.46 h a pass in the log, 0 h against 0 h in the report).
import { expect, test } from 'vitest';
import { fidelityOfDiscovered } from '../support/discovered.js';
import { isoInstant } from '../support/iso-instant.js';
import { scratchFolders } from '../support/scratch.js';
import { seededDraws } from '../support/seeded-draws.js';
import { meanOf } from '../support/simulate.js';

const dir = scratchFolders('etomsim-fidelity-first-step-wait-')();

const HOUR = 3_600_000;

/**
 * A desk of one (ann, A: exponential, mean 36 min) in front of another (bob, B: 18 min), first
 * come first served, a case every hour on average round the clock from Monday 2024-01-01: the
 * CSV in Simod's columns, A enabled at the arrival and B at A's end, with A's and B's waits.
 */
function queueLog(cases: number): { csv: string; waits: { A: number[]; B: number[] } } {
  const { exponential } = seededDraws(62);
  const rows = ['case_id,activity,resource,start_time,end_time,enabled_time'];
  const waits = { A: [] as number[], B: [] as number[] };
  let t = Date.UTC(2024, 0, 1, 0);
  let annFree = t;
  let bobFree = t;
  for (let c = 0; c < cases; c++) {
    t += exponential(1) * HOUR;
    const a0 = Math.max(t, annFree);
    annFree = a0 + exponential(0.6) * HOUR;
    const b0 = Math.max(annFree, bobFree);
    bobFree = b0 + exponential(0.3) * HOUR;
    rows.push(
      `c${c},A,ann,${isoInstant(a0)},${isoInstant(annFree)},${isoInstant(t)}`,
      `c${c},B,bob,${isoInstant(b0)},${isoInstant(bobFree)},${isoInstant(annFree)}`,
    );
    waits.A.push((a0 - t) / HOUR);
    waits.B.push((b0 - annFree) / HOUR);
  }
  return { csv: `${rows.join('\n')}\n`, waits };
}

test("a case's first step waits from the arrival the log dates, on the log's side and the simulation's", async () => {
  const { csv, waits } = queueLog(400);
  const f = await fidelityOfDiscovered(dir, 'queue.csv', csv, 10);
  const a = f.steps.find((s) => s.activity === 'A')!;
  const b = f.steps.find((s) => s.activity === 'B')!;
  // the log's figures are the generator's, to the millisecond its times are written in (A's 0 h before)
  expect(meanOf(waits.A)).toBeGreaterThan(0.3);
  expect(a.log.waiting).toBeCloseTo(meanOf(waits.A), 6);
  expect(b.log.waiting).toBeCloseTo(meanOf(waits.B), 6);
  // the simulated cases queue at A too, and the log's wait lies where one log of the scenario would
  const [lo, hi] = a.simulation.waiting.one_log95!;
  expect(lo, `simulated A waits [${lo}, ${hi}] h`).toBeGreaterThan(0);
  expect(a.log.waiting).toBeGreaterThanOrEqual(lo);
  expect(a.log.waiting).toBeLessThanOrEqual(hi);
});
