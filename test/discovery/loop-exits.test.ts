// Rare exits from a loop under --min-share: a log whose cases go round a rework loop (back with
// p = 0.8) and leave it rarely by a cancellation (0.04, below the 5% min-share) is discovered
// with the cancellation kept, so the loop keeps its passes: the discovered routing chain does
// `work` exactly as often per case as the log (4.8 times), and a simulation of it within its
// interval. Folded, the cancellation's share went round the loop again: 5.8 passes, 21% more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { compileModel } from '../../engine/model/compile.js';
import { expectedVisits } from '../../engine/model/offered-load.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { simulatedCsv } from '../support/simulated-log.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-loop-exits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOOP = `name: Loop
run: { horizon: 120d, replications: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: { exponential: { mean: 3h } } } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: { exponential: { mean: 1h } }, next: work }
      work: { duration: { exponential: { mean: 2h } }, next: check }
      check: { duration: { exponential: { mean: 30m } }, next: checked }
      checked:
        branch:
          - { to: work, p: 0.8 }
          - { to: close, p: 0.16 }
          - { to: cancel, p: 0.04 }
      close: { duration: { exponential: { mean: 1h } } }
      cancel: { duration: { exponential: { mean: 15m } } }
`;

function load(text: string, name: string): Scenario {
  const loaded = loadScenarioText(text, name);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.set!.baseline;
}

/** Per replication, the mean times a completed case did the task described as `work`. */
function workPerCase(s: Scenario, replications: number): number[] {
  const model = compileModel(s);
  const work = new Set(model.nodes.filter((n) => n.name === 'work').map((n) => n.id));
  return Array.from({ length: replications }, (_, r) => {
    const done = new Map<number, number>();
    let cases = 0;
    let passes = 0;
    observeReplication(model, r, 5, {
      taskStart() {},
      taskEnd(serial, node) {
        if (work.has(node)) done.set(serial, (done.get(serial) ?? 0) + 1);
      },
      taskSuspend() {},
      taskResume() {},
      taskAbandoned() {},
      caseEnd(serial, _flow, _at, cancelled) {
        if (cancelled) return;
        cases++;
        passes += done.get(serial) ?? 0;
      },
    });
    return passes / cases;
  });
}

describe('discovery of a loop with a rare exit', () => {
  it('keeps the rare exit, so the loop keeps its passes, exactly in the routing chain and in simulation', async () => {
    const original = load(LOOP, 'loop.yaml');
    // arrivals for 100 days of the 120: every case ends in the log, so its passes are whole
    const csv = simulatedCsv(original, 0, 7, 100 * 24);
    const path = join(dir, 'loop.csv');
    writeFileSync(path, csv);
    const rows = csv.trim().split('\n').slice(1);
    const cases = new Set(rows.map((r) => r.split(',')[0])).size;
    const logPasses = rows.filter((r) => r.split(',')[1] === 'work').length / cases;
    const cancels = rows.filter((r) => r.split(',')[1] === 'cancel').length;
    const checks = rows.filter((r) => r.split(',')[1] === 'check').length;
    expect(cancels / checks).toBeLessThan(0.05); // rare: below the min-share
    expect(cancels / checks).toBeGreaterThan(0.03);

    const yaml = writeScenarioYaml(discover(await readEventLog(path, { columns: { flow: 'flow' } }), { minShare: 0.05 }), path);
    expect(yaml).not.toContain("# by the case's pass"); // geometric: one p, so no visit split keeps the exit
    expect(yaml).toMatch(
      /# rare path kept \(below 5% of the times its step is left, but folded it would have a case doing "(work|check)" do it 5\.\d+ times on average against 4\.\d+/,
    );
    expect(yaml).toMatch(/-> cancel \(\d+ of \d+\)/);
    expect(yaml).not.toContain('rare path folded (below 5% of the times its step is left): check -> cancel');
    const found = load(yaml, 'loop-discovered.yaml');
    const flow = found.flows[0];
    const workNode = flow.nodes.findIndex((n) => n.name === 'work');
    expect(workNode).toBeGreaterThanOrEqual(0);
    // the routing chain: the log's passes, up to the 6 decimals its p are written with
    const chain = expectedVisits(flow)[workNode];
    expect(Math.abs(chain - logPasses)).toBeLessThan(1e-4 * logPasses);
    // simulated: the chain's passes within the 99% interval of 8 replications
    const reps = workPerCase(found, 8);
    const m = reps.reduce((a, b) => a + b, 0) / reps.length;
    const sd = Math.sqrt(reps.reduce((a, b) => a + (b - m) ** 2, 0) / (reps.length - 1));
    const half = tQuantile(0.995, reps.length - 1) * (sd / Math.sqrt(reps.length));
    expect(Math.abs(m - chain)).toBeLessThan(half);
    // folded, the loop would have gone round 20% more: far outside that interval
    expect(chain * 1.2 - m).toBeGreaterThan(5 * half);
  });
});
