import { describe, expect, test } from 'vitest';
import { Progress } from '../../bin/progress.js';

function terminal() {
  const written: string[] = [];
  let clock = 1_000_000;
  return {
    written,
    out: { write: (text: string) => written.push(text) },
    now: () => clock,
    advance: (ms: number) => (clock += ms),
  };
}

describe('progress line', () => {
  test('replications done of total, elapsed time and the time left at the pace so far, redrawn in place', () => {
    const t = terminal();
    const progress = new Progress(true, t.out, t.now);
    t.advance(4000);
    progress.update(10, 40);
    expect(t.written).toEqual(['\r\x1b[Kreplications 10/40, 4.0 s, about 12 s left']);
  });

  // A command's set-up before its first replication (fidelity reading its log, a pool's workers
  // starting) is not replications' time: until session 53 it was, and 3 s of set-up then 1 s a
  // replication read "about 36 s left" after the first of 10 (fails so with the pace from the line's making).
  test("the time left at the replications' pace from their beginning (0 done), the time shown since the line was made", () => {
    const t = terminal();
    const progress = new Progress(true, t.out, t.now);
    progress.update(0, 10); // drawn at once: the command has begun
    t.advance(3000); // reading, set-up
    progress.update(0, 10); // the replications begin
    t.advance(1000);
    progress.update(1, 10);
    t.advance(50); // not drawn (ten redraws a second), but where the pace is measured from: the second batch's beginning
    progress.update(0, 4);
    t.advance(2000);
    progress.update(2, 4);
    expect(t.written).toEqual([
      '\r\x1b[Kreplications 0/10, 0.0 s',
      '\r\x1b[Kreplications 0/10, 3.0 s',
      '\r\x1b[Kreplications 1/10, 4.0 s, about 9 s left',
      '\r\x1b[Kreplications 2/4, 6.1 s, about 2 s left',
    ]);
  });

  test('no estimate before the first replication ends', () => {
    const t = terminal();
    new Progress(true, t.out, t.now).update(0, 8);
    expect(t.written).toEqual(['\r\x1b[Kreplications 0/8, 0.0 s']);
  });

  test('at most ten redraws a second, but the last replication is always drawn', () => {
    const t = terminal();
    const progress = new Progress(true, t.out, t.now);
    for (let done = 1; done <= 50; done++) {
      t.advance(10); // 100 replications a second
      progress.update(done, 50);
    }
    expect(t.written.length).toBe(6); // at 10, 110, ..., 410 ms, and the 50th at 500 ms
    expect(t.written.at(-1)).toBe('\r\x1b[Kreplications 50/50, 0.5 s, about 0 s left');
  });

  test('clear erases a drawn line once, and writes nothing when nothing was drawn', () => {
    const t = terminal();
    const progress = new Progress(true, t.out, t.now);
    progress.clear();
    expect(t.written).toEqual([]);
    progress.update(1, 2);
    progress.clear();
    progress.clear();
    expect(t.written).toEqual(['\r\x1b[Kreplications 1/2, 0.0 s, about 0 s left', '\r\x1b[K']);
  });

  test('disabled (--quiet, or stderr not a terminal): writes nothing at all', () => {
    const t = terminal();
    const progress = new Progress(false, t.out, t.now);
    progress.update(1, 2);
    progress.update(2, 2);
    progress.clear();
    expect(t.written).toEqual([]);
  });
});
