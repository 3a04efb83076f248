// The warm-up's end compiled before it comes (engine/sim/window-rehearsal.ts): a thread's first
// replication of a model with a warm-up first rehearses in a scratch simulation whose window opens
// early, so that the loop is optimised with the type feedback of the recorder's work inside the
// window, and the end of the warm-up throws no optimised code away. The rehearsal changes no number.
// The last test reads V8's own trace (as summary-warm-up.test.ts does): a Node release whose V8
// tiers up otherwise can fail it with no fault of etomsim's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { NODE_KIND } from '../../engine/model/model.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { mmc } from '../support/build.js';

const tmp = scratchFolders('etomsim-rehearsal-');
const ROOT = join(import.meta.dirname, '../..');

/** A bundled scenario's baseline, its horizon cut to 200 days (with its own warm-up). */
function bundledBaseline(file: string): Scenario {
  const { set } = loadScenarioFile(join(ROOT, 'scenarios', file));
  if (set === null) throw new Error(`${file} does not load`);
  return { ...set.baseline, run: { ...set.baseline.run, horizon: Math.min(set.baseline.run.horizon, 200 * 24) } };
}

/** A bundled scenario's variant, its horizon cut as bundledBaseline's. */
function bundledVariant(file: string, name: string): Scenario {
  const { set } = loadScenarioFile(join(ROOT, 'scenarios', file));
  const variant = set?.variants.find((v) => v.name === name);
  if (variant === undefined) throw new Error(`${file} has no variant ${name}`);
  return { ...variant.scenario, run: { ...variant.scenario.run, horizon: Math.min(variant.scenario.run.horizon, 200 * 24) } };
}

/** The loop's functions, of which none may deoptimise for want of type feedback. */
const LOOP = new Set(['advance', 'arrive', 'enter', 'endTask', 'dispatch', 'startTask', 'startOnShift', 'request', 'bookBusyTime']);

/** The loop's functions V8's trace (`--trace-deopt`, on stdout) shows deoptimised for want of type feedback. */
function loopDeoptimised(stdout: string): string[] {
  return [...stdout.matchAll(/\[bailout \(kind: [^,]*, reason: Insufficient type feedback[^)]*\)[^<]*<JSFunction (\w+)/g)]
    .map((m) => m[1])
    .filter((name) => LOOP.has(name));
}

/** dist/'s module `module` (under dist/engine) as a child's script imports it. */
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);

/** What V8 wrote on standard output (its trace under `flags`) as a child process ran the ES module `script`, which must succeed. */
function childTrace(script: string, flags: string[]): string {
  const run = spawnSync(process.execPath, [...flags, '--single-threaded', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The module's state fresh, as a new thread finds it. */
async function freshRehearsal() {
  vi.resetModules();
  return import('../../engine/sim/window-rehearsal.js');
}

describe('the window rehearsed before a replication with a warm-up', () => {
  test('its window opens once about 32 cases are expected (the warm-up when that is earlier), in a thread’s first replication only', async () => {
    const { claimRehearsal, REHEARSAL_ARRIVALS } = await freshRehearsal();
    // 4 arrivals an hour over 1,000 hours: 4,000 expected, 32 by hour 8
    const model = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 100, replications: 1, seed: 1 }));
    expect(model.flows[0].expectedArrivals).toBeCloseTo(4000, 9);
    expect(claimRehearsal(model, false)).toBeCloseTo((REHEARSAL_ARRIVALS * 1000) / 4000, 12);
    expect(claimRehearsal(model, false)).toBeNaN(); // rehearsed already
    const early = await freshRehearsal();
    const short = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 2, replications: 1, seed: 1 }));
    expect(early.claimRehearsal(short, false)).toBe(2);
  });

  test('none without a warm-up, nor for an observed replication (an event log’s); neither uses up the thread’s rehearsal', async () => {
    const { claimRehearsal } = await freshRehearsal();
    const none = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 0, replications: 1, seed: 1 }));
    const some = compileModel(mmc(4, 5, 1, { horizon: 1000, warmup: 100, replications: 1, seed: 1 }));
    expect(claimRehearsal(none, false)).toBeNaN();
    expect(claimRehearsal(some, true)).toBeNaN();
    expect(claimRehearsal(some, false)).toBe(8);
  });

  test('it ends once, after completeCase’s FEEDBACK_CALLS-th call, a case begun before the window and more than FEEDBACK_CALLS cases have completed in it', async () => {
    const { RehearsalProgress, FEEDBACK_CALLS: n } = await freshRehearsal();
    const progress = new RehearsalProgress();
    /** Records the tally, then asks: what the rehearsal does between its slices. */
    const recordThenAsk = (
      p: InstanceType<typeof RehearsalProgress>,
      tally: { completed: number; inWindow: number; preWindowHours: number },
    ) => {
      p.record(tally);
      return p.reached();
    };
    expect(progress.reached()).toBe(false); // nothing recorded
    expect(recordThenAsk(progress, { completed: n - 1, inWindow: n - 1, preWindowHours: 5 })).toBe(false); // no feedback vector yet
    expect(recordThenAsk(progress, { completed: n + 4, inWindow: n, preWindowHours: 5 })).toBe(false); // the vector from here: what came before is not seen
    expect(recordThenAsk(progress, { completed: n + 9, inWindow: n + 5, preWindowHours: 5 })).toBe(false); // none begun before the window since
    expect(recordThenAsk(progress, { completed: n + 10, inWindow: n + 6, preWindowHours: 5.5 })).toBe(true);
    // asking is no record: the answer stays as it was, and the start of the feedback stays the first tally past it
    expect(progress.reached()).toBe(true);
    expect(progress.reached()).toBe(true);
    const few = new RehearsalProgress();
    expect(recordThenAsk(few, { completed: 3 * n, inWindow: 0, preWindowHours: 0 })).toBe(false); // all before the window
    expect(recordThenAsk(few, { completed: 4 * n, inWindow: n, preWindowHours: 2 })).toBe(false); // n in the window: the history sums' first n (completeCase)
    expect(few.reached()).toBe(false);
    expect(recordThenAsk(few, { completed: 4 * n + 1, inWindow: n + 1, preWindowHours: 2 })).toBe(true);
  });

  // Each side in a thread of its own, as it were (fresh modules: the store shelf and the summary's
  // warm-up too) and on a model compiled for it alone, so that whatever the rehearsal changed in
  // what the replication shares with it (the model, a module's state) shows as a difference.
  test.each([
    ['M/M/2', () => mmc(4, 5, 2, { horizon: 2000, warmup: 200, replications: 1, seed: 7 })],
    ['fiber (calendars, rosters, KPIs, forks, a weekly profile)', () => bundledBaseline('fiber-order-to-activation.yaml')],
    ['fault-to-repair (cancellations, priorities)', () => bundledBaseline('fault-to-repair.yaml')],
    ['shared-field-force (skill pools)', () => bundledBaseline('shared-field-force.yaml')],
    [
      'fiber’s zero_touch (an automated start: a case sent through arrive’s shortcut)',
      () => bundledVariant('fiber-order-to-activation.yaml', 'zero_touch'),
    ],
  ])('%s: a rehearsed replication’s statistics are those of the same replication unrehearsed', async (_, scenario) => {
    const replicate = async (rehearse: boolean) => {
      vi.resetModules();
      const { claimRehearsal } = await import('../../engine/sim/window-rehearsal.js');
      const { runReplication } = await import('../../engine/sim/replicate.js');
      const given = scenario();
      const model = compileModel(given);
      if (!rehearse) expect(claimRehearsal(compileModel(scenario()), false)).not.toBeNaN(); // the thread's rehearsal used up
      return runReplication(model, 0, given.run.seed);
    };
    const unrehearsed = await replicate(false);
    const rehearsed = await replicate(true);
    expect(rehearsed.events).toBeGreaterThan(10_000);
    expect(rehearsed).toEqual(unrehearsed);
  });

  test('the bundled fiber scenario (40-day warm-up): no function of the loop deoptimised for want of type feedback', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--single-threaded',
        '--trace-deopt',
        BIN,
        'run',
        join(ROOT, 'scenarios/fiber-order-to-activation.yaml'),
        '-r',
        '1',
        '-w',
        '1',
        '--no-report',
        '-q',
        '-o',
        join(tmp(), 'out'),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(loopDeoptimised(run.stdout)).toEqual([]);
  });

  // The rehearsal's statistics are dropped: its queues' averages are left open where it stopped. Closed, each was walked
  // hour by hour from there to the model's horizon at the level the rehearsal left, and V8 compiled close on-stack for
  // that walk and threw the code away at its end (mm5-variant at 10,000 h to 100,000 h; docs/performance-notes.md,
  // session 60). The replication's own close walks from its last change to the horizon: an hour or so.
  test('mm5-variant’s first replication (10,000 h): no time average is walked to the horizon long enough to be compiled', () => {
    const script = `
const { default: runTask } = await import(${dist('experiment/worker.js')});
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { set } = loadScenarioFile(${JSON.stringify(join(ROOT, 'bench/scenarios/mm5-variant.yaml'))});
const model = compileModel({ ...set.baseline, run: { ...set.baseline.run, horizon: 10000 } });
runTask(structuredClone({ model, variant: 'baseline', replication: 0, seed: 1, maxWip: 1e6 }));
`;
    const trace = childTrace(script, ['--trace-opt', '--trace-deopt']);
    // the premise: the averages were busy enough for V8 to compile their code
    expect(trace).toMatch(/\[compiling method [^<]*<JSFunction cross[^>]*> \(target TURBOFAN\)/);
    expect(trace).not.toMatch(/<JSFunction close\b/);
  }, 60_000);

  // A pool thread rehearses the variant of its first task only (a task is one replication of one variant). The
  // fiber scenario's zero_touch starts its cases at an automated task (no plain start: arrive's shortcut never runs)
  // and leaves each team one task (a sole node's waits are its team's at the horizon: endWait's addition to the team
  // never runs); a thread that rehearsed it deoptimised arrive and startTask at its first replication of another
  // variant (`run -w 2`: docs/performance-notes.md, session 59). Both replications in one child, as a thread runs them:
  // through the worker, each model compiled before either runs and handed over as a structured clone. Where the child
  // compiled the baseline's model between the two, V8 threw arrive's code away for what that compile changed (code
  // dependencies), and arrive, compiled again with both ways' feedback, deoptimised no more without the rehearsal's case
  // through the shortcut than with it: the test passed either way (docs/performance-notes.md, session 60).
  test('a thread whose first replication is fiber’s zero_touch: its next, of the baseline, deoptimises no function of the loop for want of type feedback', () => {
    const zeroTouch = compileModel(bundledVariant('fiber-order-to-activation.yaml', 'zero_touch'));
    const baseline = compileModel(bundledBaseline('fiber-order-to-activation.yaml'));
    const plainStart = (m: typeof baseline) => m.nodes[m.flows[0].start].plainTask;
    const sharedTeam = (m: typeof baseline) =>
      m.resources.some((_, r) => m.nodes.filter((n) => n.kind === NODE_KIND.task && n.resource === r).length > 1);
    // the premises: zero_touch has neither way, the baseline both
    expect([plainStart(zeroTouch), sharedTeam(zeroTouch), plainStart(baseline), sharedTeam(baseline)]).toEqual([false, false, true, true]);
    const script = `
const { default: runTask } = await import(${dist('experiment/worker.js')});
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { set } = loadScenarioFile(${JSON.stringify(join(ROOT, 'scenarios/fiber-order-to-activation.yaml'))});
const zeroTouch = set.variants.find((v) => v.name === 'zero_touch').scenario;
const tasks = [
  { model: compileModel(zeroTouch), variant: 'zero_touch', replication: 0, seed: zeroTouch.run.seed, maxWip: 1e6 },
  { model: compileModel(set.baseline), variant: 'baseline', replication: 1, seed: set.baseline.run.seed, maxWip: 1e6 },
];
for (const task of tasks) runTask(structuredClone(task)); // as piscina hands them over
`;
    expect(loopDeoptimised(childTrace(script, ['--trace-deopt']))).toEqual([]);
  }, 60_000);
});
