// The fuzzers' idle watch (budget-run.ts' spawnBudgeted, where IDLE_WATCHED: Linux): a run that waits on nothing is
// stopped once it has used no CPU for its idle bound, with what it wrote kept, and a run that
// works is not, however long it takes of the clock (session 58's only guard for a hang was the
// clock's, 10 minutes). Bounds of a second or two here, RUN_IDLE_S in the fuzzers.
import { describe, expect, test } from 'vitest';
import { IDLE_WATCHED, spawnBudgeted } from './budget-run.js';

describe.runIf(IDLE_WATCHED)('the idle watch', () => {
  test('a run that waits on nothing is stopped (SIGALRM), its output kept', () => {
    const r = spawnBudgeted(['-e', 'console.log("waiting"); setTimeout(() => {}, 3_600_000)'], 2);
    expect([r.signal, r.status, r.stdout, r.error]).toEqual(['SIGALRM', null, 'waiting\n', undefined]);
  });

  test('a run that works past the idle bound is not stopped; its exit and output are its own', () => {
    // some 2.5 s of CPU, checked every million additions (process.cpuUsage is a system call), past an idle bound of two
    // polls: a bound of one, a second with no 10-ms tick of CPU, could be met by a run the host only starves (a forked
    // test at nice 10 on a loaded CI host), which the watch must not stop
    const spin = `let x = 0; const t = process.cpuUsage();
      while (process.cpuUsage(t).user < 2.5e6) for (let i = 0; i < 1e6; i++) x += i;
      console.log(x > 0 ? 'done' : 'none'); process.exitCode = 3;`;
    const r = spawnBudgeted(['-e', spin], 2);
    expect([r.signal, r.status, r.stdout, r.stderr, r.error]).toEqual([null, 3, 'done\n', '', undefined]);
  });
});

test('no idle watch where IDLE_WATCHED is false (an idle bound of 0, as spawnBudgeted gives there): a run that waits ends by itself', () => {
  // the off switch the platform's decision uses, tried where the watch would otherwise run: five polls of nothing
  const r = spawnBudgeted(['-e', 'setTimeout(() => console.log("woke"), 5_000)'], 0);
  expect([r.signal, r.status, r.stdout, r.error]).toEqual([null, 0, 'woke\n', undefined]);
});
