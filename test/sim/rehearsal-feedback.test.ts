// The window's rehearsal gives completeCase its type feedback (engine/sim/window-rehearsal.ts): after a
// thread's rehearsal, completeCase optimised as the replication's window opens stays optimised through
// the window's first completions, the first of which arrived before it opened. A rehearsal that ends
// before completeCase has its feedback vector, or before a case begun ahead of its window completes in
// it, leaves completeCase to deoptimise there (main's 16 completions did, in fault-to-repair and
// shared-field-force). Read from V8's own state in a child process (`--allow-natives-syntax`:
// %OptimizeFunctionOnNextCall, %GetOptimizationStatus), so it reads V8's tiering, not etomsim's numbers:
// a Node release whose V8 gives feedback otherwise can fail it with no fault of etomsim's.
//
// The flows' SLAs are taken out: whether a completion meets its SLA is the model's data, which the
// rehearsal does not wait for (a miss is rare in its few thousand events), so the SLA's miss is
// completeCase's one way this does not hold it to.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { mmcText } from '../support/scenario-text.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-rehearsal-feedback-');
const ROOT = join(import.meta.dirname, '../..');
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);

/**
 * The child: the scenario's baseline without SLAs, a replication started (rehearsed, or with the thread's
 * rehearsal used up first), simulated up to its window's opening; completeCase optimised there, then 64
 * completions in the window. Prints completeCase's state then, and the window's completions of cases that
 * arrived before it (so that the test knows that way was taken).
 */
function childScript(file: string, rehearse: boolean): string {
  return `
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { metricLayout } = await import(${dist('model/metrics.js')});
const { replicationKey } = await import(${dist('random/stream.js')});
const { Simulation } = await import(${dist('sim/simulation.js')});
const { claimRehearsal } = await import(${dist('sim/window-rehearsal.js')});
const { set } = loadScenarioFile(${JSON.stringify(file)});
const scenario = { ...set.baseline, flows: set.baseline.flows.map((f) => ({ ...f, sla: null, slaWorkingDays: null })) };
const model = compileModel(scenario);
if (!${rehearse} && Number.isNaN(claimRehearsal(compileModel(scenario), false))) throw new Error('no rehearsal to use up');
const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(scenario.run.seed, 0), null);
simulation.start();
const recorder = simulation.recorder;
const completeCase = recorder.completeCase;
while (simulation.queue.peekTime() < model.warmup) simulation.advance(1); // every event before the window, none in it
%OptimizeFunctionOnNextCall(completeCase);
while (recorder.completionTally().inWindow < 64 && !simulation.advance(1)) {}
const tally = recorder.completionTally();
console.log(JSON.stringify({
  optimised: (%GetOptimizationStatus(completeCase) & 64) !== 0,
  inWindow: tally.inWindow,
  preWindowHours: tally.preWindowHours,
}));
`;
}

function completeCaseAfterWindowOpens(file: string, rehearse: boolean): { optimised: boolean; inWindow: number; preWindowHours: number } {
  const child = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--single-threaded', '--input-type=module', '-e', childScript(file, rehearse)],
    { encoding: 'utf8' },
  );
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

/** M/M/2 at 80% load with a 200-hour warm-up: cases short, so few are under way when a window opens. */
function mm2(): string {
  const file = join(tmp(), 'mm2.yaml');
  writeFileSync(file, mmcText({ name: 'rehearsal', horizon: 2000, warmup: 200, replications: 1, seed: 7, capacity: 2, rate: 1.6 }));
  return file;
}

describe('completeCase after the window’s rehearsal', () => {
  test.each([
    ['M/M/2', mm2],
    ['fiber', () => join(ROOT, 'scenarios/fiber-order-to-activation.yaml')],
    ['fault-to-repair', () => join(ROOT, 'scenarios/fault-to-repair.yaml')],
    ['shared-field-force', () => join(ROOT, 'scenarios/shared-field-force.yaml')],
  ])('%s: optimised as the window opens, it stays optimised through its first 64 completions; unrehearsed, it does not', (_, scenario) => {
    const file = scenario();
    const rehearsed = completeCaseAfterWindowOpens(file, true);
    expect(rehearsed.inWindow).toBe(64);
    expect(rehearsed.preWindowHours).toBeGreaterThan(0); // among them a case that arrived before the window opened
    expect(rehearsed.optimised).toBe(true);
    // the same without the rehearsal: what it gives is what keeps completeCase optimised
    expect(completeCaseAfterWindowOpens(file, false).optimised).toBe(false);
  });
});
