// The loop's rare paths given their type feedback before V8 optimises it (hot path: CONTRIBUTING.md,
// rules 1 and 9; docs/performance-notes.md, session 51): a pool's items hold objects from the start,
// the thread's warm-ups (engine/sim/thread-warm-ups.ts) show the event queue's sift equal times, a
// calendar its week's end and a time average its cell found afresh before its window, and a team's queue steps
// through its priority levels with nothing the first level's pops did not run. Each is read from
// V8's own state in a child process (`--allow-natives-syntax`: %OptimizeFunctionOnNextCall,
// %GetOptimizationStatus, %HasObjectElements), so it reads V8's tiering, not
// etomsim's numbers: a Node release whose V8 gives feedback otherwise can fail it with no fault of
// etomsim's. The same without the warm-ups deoptimises, so each check can fail.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dist = (module: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist/engine', module)).href);
const FAULT_TO_REPAIR = JSON.stringify(join(ROOT, 'scenarios/fault-to-repair.yaml'));

function child(script: string, flags: string[]): string {
  const run = spawnSync(process.execPath, [...flags, '--single-threaded', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The thread's warm-ups for the bundled fault-to-repair (calendars), or none. */
function warmUps(warm: boolean): string {
  return `
const { loadScenarioFile } = await import(${dist('scenario/load.js')});
const { compileModel } = await import(${dist('model/compile.js')});
const { warmUpThread } = await import(${dist('sim/thread-warm-ups.js')});
if (${warm}) warmUpThread(compileModel(loadScenarioFile(${FAULT_TO_REPAIR}).set.baseline));
`;
}

/** Each function optimised on its common path, then run on its rare one: whether it stayed optimised. */
function rarePathsScript(warm: boolean): string {
  return `${warmUps(warm)}
const { EventQueue } = await import(${dist('sim/event-queue.js')});
const { WorkCalendar } = await import(${dist('sim/calendar.js')});
const { ResourceQueue } = await import(${dist('sim/resource-queue.js')});
const optimised = (f) => (%GetOptimizationStatus(f) & 64) !== 0;
// hasDue, as the loop calls it: sift-ups, then sifts of an event pushed in the stale root's place among distinct times,
// then one meeting equal ones
const queue = new EventQueue();
for (let i = 0; i < 64; i++) { queue.at = 1000 - i * 1.5; queue.push(0, i); }
for (let i = 0; i < 64; i++) { queue.hasDue(); queue.pop(); queue.at = queue.poppedTime + 100.25 + i; queue.push(0, i); }
const hasDue = EventQueue.prototype.hasDue;
%OptimizeFunctionOnNextCall(hasDue);
queue.hasDue();
const hasDueCompiled = optimised(hasDue);
const ties = new EventQueue(); // three events at an instant, one after: the pushed event's sift meets two equal children and their time
ties.at = 10.5; ties.push(0, 1); ties.push(0, 2); ties.push(0, 3);
ties.at = 11.5; ties.push(0, 4);
ties.hasDue(); ties.pop(); ties.at = 10.5; ties.push(0, 5); ties.hasDue();
// nextPeriodStart: shift starts within a week, then one after its last (the next week's first)
const calendar = new WorkCalendar([{ start: 8, end: 17 }, { start: 32, end: 41 }]);
for (let i = 0; i < 64; i++) calendar.nextPeriodStart((i % 30) + 0.5);
%OptimizeFunctionOnNextCall(calendar.nextPeriodStart);
calendar.nextPeriodStart(3.5);
const calendarCompiled = optimised(calendar.nextPeriodStart);
calendar.nextPeriodStart(50.5);
// ResourceQueue.pop: tokens at the first level only, then one waiting at the second alone
const live = { isLive: () => true };
const waiting = new ResourceQueue(2);
for (let i = 0; i < 64; i++) { waiting.push(0, i, 1); waiting.pop(live); }
%OptimizeFunctionOnNextCall(waiting.pop);
waiting.push(0, 1, 1); waiting.pop(live);
const popCompiled = optimised(waiting.pop);
waiting.push(1, 2, 1); waiting.pop(live);
console.log(JSON.stringify({
  compiled: hasDueCompiled && calendarCompiled && popCompiled,
  hasDue: optimised(hasDue),
  nextPeriodStart: optimised(calendar.nextPeriodStart),
  pop: optimised(waiting.pop),
}));
`;
}

/**
 * A time average's cross optimised on a queue without a warm-up (rising past hours' ends, falling to 0), then run by a
 * queue whose warm-up is 100 hours, empty as its first day's bin ends: it finds its cell afresh before the window
 * (locate, enterPhase's first branch). Whether cross stayed optimised.
 */
function crossBeforeWindowScript(warm: boolean): string {
  return `${warmUps(warm)}
const { TimeAverage } = await import(${dist('sim/time-average.js')});
const { Clock } = await import(${dist('sim/clock.js')});
const optimised = (f) => (%GetOptimizationStatus(f) & 64) !== 0;
const cross = TimeAverage.prototype.cross;
const clock = new Clock();
const inside = new TimeAverage(clock, 0, 10000, new Float64Array(420), 24, new Float64Array(168));
for (let i = 0; i < 400; i++) {
  clock.now = i * 1.5 + 0.25;
  if (i % 3 === 2) { inside.decrement(); inside.decrement(); } else inside.increment();
}
%OptimizeFunctionOnNextCall(cross);
clock.now = 700.5;
inside.increment();
const compiled = optimised(cross);
const later = new Clock();
const warmingUp = new TimeAverage(later, 100, 10000, new Float64Array(420), 24, new Float64Array(168));
later.now = 30.5;
warmingUp.increment();
console.log(JSON.stringify({ compiled, cross: optimised(cross) }));
`;
}

describe('the loop’s rare paths', () => {
  test('a fresh pool’s items hold objects: the next replication’s first create meets the array kind the loop was optimised on', () => {
    const script = `
const { Pool, newToken, newJoinRecord } = await import(${dist('sim/entities.js')});
console.log(JSON.stringify([new Pool(newToken), new Pool(newJoinRecord)].map((p) => %HasObjectElements(p.items))));
`;
    expect(JSON.parse(child(script, ['--allow-natives-syntax']))).toEqual([true, true]);
  });

  test('after the warm-ups, the event queue’s sift among equal times, a calendar’s week end and a queue’s second level keep their code optimised; without, the first two do not', () => {
    const warm = JSON.parse(child(rarePathsScript(true), ['--allow-natives-syntax']));
    expect(warm).toEqual({ compiled: true, hasDue: true, nextPeriodStart: true, pop: true });
    const cold = JSON.parse(child(rarePathsScript(false), ['--allow-natives-syntax']));
    expect(cold.compiled).toBe(true);
    expect(cold.hasDue).toBe(false);
    expect(cold.nextPeriodStart).toBe(false);
    expect(cold.pop).toBe(true); // no warm-up: the level's index steps at every pop (the old loop from 0 failed this)
  });

  // A replication's queue empty as a bin of its warm-up ends: mm5-variant at 10,000 h deoptimised cross so at a pool
  // thread's second replication (docs/performance-notes.md, session 60). The warm-up's 12 rises from 0 before its
  // window (session 59's) failed this too.
  test('after the warm-ups, a time average’s cross that finds its cell afresh before the window keeps its code optimised; without, it does not', () => {
    expect(JSON.parse(child(crossBeforeWindowScript(true), ['--allow-natives-syntax']))).toEqual({ compiled: true, cross: true });
    expect(JSON.parse(child(crossBeforeWindowScript(false), ['--allow-natives-syntax']))).toEqual({ compiled: true, cross: false });
  });
});
