// Problems told to a bound (engine/scenario/problems.ts): its count holds every problem found,
// told or not, which validators compare before and after a check; and its memory stays bounded
// however many lists a file has problems in.
import { describe, expect, test } from 'vitest';
import { PROBLEMS_TOLD, untoldMessage } from '../../engine/io/placed-line.js';
import { PROBLEMS_TOLD_PER_LIST, Problems } from '../../engine/scenario/problems.js';

describe('Problems.count', () => {
  test('grows by one for each problem: told, counted in its list, or counted in the file', () => {
    const problems = new Problems();
    const counts: number[] = [];
    // 8 in one list: 5 told, 3 counted in the list's line
    for (let i = 0; i < 8; i++) {
      problems.atValue(['values', i], `bad value ${i}`);
      counts.push(problems.count);
    }
    // then outside any list, past the file's cap: the first fill it, the rest are counted in its line
    for (let i = 0; i < PROBLEMS_TOLD + 10; i++) {
      problems.atKey(['key' + i], `bad key ${i}`);
      counts.push(problems.count);
    }
    expect(counts).toEqual(Array.from({ length: 8 + PROBLEMS_TOLD + 10 }, (_, i) => i + 1));
    const told = problems.told();
    expect(told.length).toBeLessThan(problems.count);
    expect(told.filter((p) => /more problems in this list/.test(p.message)).map((p) => p.message)).toEqual([
      `3 more problems in this list, not told one by one (the first ${PROBLEMS_TOLD_PER_LIST} are)`,
    ]);
    expect(told.at(-1)!.message).toMatch(/^15 more problems, not told one by one \(the first 200 are\); the first of them: bad key 195$/);
  });

  test('a check that compares the count before and after sees a problem the file no longer tells', () => {
    const problems = new Problems();
    for (let i = 0; i < PROBLEMS_TOLD; i++) problems.atKey(['key' + i], 'bad');
    const told = problems.told().length;
    const before = problems.count;
    problems.atValue(['flows', 'f', 'nodes', 'a', 'duration'], 'a duration must be positive');
    expect(problems.told().length).toBe(told + 1); // as the file's rest, told as it is (a rest of one)
    expect(problems.count).toBe(before + 1);
    problems.atValue(['flows', 'f', 'nodes', 'b', 'duration'], 'a duration must be positive');
    expect(problems.told().length).toBe(told + 1); // now counted into one line
    expect(problems.count).toBe(before + 2);
  });
});

describe('lines that stand for several problems (Problem.stands)', () => {
  test("another check's lines added again: its cap's line counts as the problems it stands for, and its first is quoted", () => {
    // a shard file's shape check's lines join its other problems (engine/cluster/shard.ts); until session 62 its line
    // of 50 more counted as one, and the file's own rest said "2 more problems"
    const shape = new Problems();
    for (let i = 0; i < PROBLEMS_TOLD + 50; i++) shape.atKey([`k${i}`], `bad ${i}`);
    const lines = shape.told();
    expect(lines.at(-1)).toEqual({
      path: ['k200'],
      anchor: 'key',
      message: untoldMessage(50, 'bad 200'),
      stands: { count: 50, first: 'bad 200' },
    });
    const all = new Problems();
    all.atValue(['first'], 'first');
    for (const line of lines) all.addTold(line);
    expect(all.count).toBe(1 + PROBLEMS_TOLD + 50);
    const told = all.told();
    expect(told).toHaveLength(PROBLEMS_TOLD + 1);
    expect(told.at(-1)!.message).toBe(untoldMessage(51, 'bad 199'));
    // a rest headed by such a line quotes its first problem, not its line
    const headed = new Problems();
    for (const line of lines) headed.addTold(line);
    headed.atValue(['last'], 'last');
    expect(headed.told().at(-1)!.message).toBe(untoldMessage(51, 'bad 200'));
  });
});

describe("a list that straddles the file's cap", () => {
  /** `before` bad keys outside any list, then `items` bad items of one list. */
  const straddle = (before: number, items: number) => {
    const problems = new Problems();
    for (let i = 0; i < before; i++) problems.atKey(['k' + i], 'bad');
    for (let i = 0; i < items; i++) problems.atValue(['list', i], `bad ${i}`);
    return problems;
  };

  test("198 bad keys then 9 bad items: items 0-1 told, the other 7 counted in the list's own line, which says 2 were told", () => {
    const problems = straddle(PROBLEMS_TOLD - 2, 9);
    expect(problems.count).toBe(PROBLEMS_TOLD + 7);
    expect(problems.told().slice(PROBLEMS_TOLD - 2)).toEqual([
      { path: ['list', 0], anchor: 'value', message: 'bad 0' },
      { path: ['list', 1], anchor: 'value', message: 'bad 1' },
      {
        path: ['list'],
        anchor: 'value',
        message: '7 more problems in this list, not told one by one (the first 2 are)',
        stands: { count: 7 },
      },
    ]);
  });

  test("199 bad keys then 3 bad items: one told, the list's line says the first is", () => {
    const problems = straddle(PROBLEMS_TOLD - 1, 3);
    expect(problems.told().slice(PROBLEMS_TOLD - 1)).toEqual([
      { path: ['list', 0], anchor: 'value', message: 'bad 0' },
      {
        path: ['list'],
        anchor: 'value',
        message: '2 more problems in this list, not told one by one (the first is)',
        stands: { count: 2 },
      },
    ]);
  });

  test("199 bad keys then 2 bad items: the list's rest of one is told as it is", () => {
    const problems = straddle(PROBLEMS_TOLD - 1, 2);
    expect(
      problems
        .told()
        .slice(PROBLEMS_TOLD - 1)
        .map((p) => p.message),
    ).toEqual(['bad 0', 'bad 1']);
    expect(problems.count).toBe(PROBLEMS_TOLD + 1);
  });

  test("a problem elsewhere past the cap still goes to the file's rest, not to the list", () => {
    const problems = straddle(PROBLEMS_TOLD - 1, 3);
    problems.atKey(['late1'], 'late 1');
    problems.atKey(['late2'], 'late 2');
    expect(
      problems
        .told()
        .slice(PROBLEMS_TOLD)
        .map((p) => p.message),
    ).toEqual([
      '2 more problems in this list, not told one by one (the first is)',
      '2 more problems, not told one by one (the first 200 are); the first of them: late 1',
    ]);
    expect(problems.count).toBe(PROBLEMS_TOLD + 4);
  });
});

describe('memory', () => {
  test('100,000 separate bad lists tally at most 200 of them, and the answer stays a page long', () => {
    const problems = new Problems();
    const lists = 100_000;
    for (let l = 0; l < lists; l++) for (let i = 0; i < 6; i++) problems.atValue(['lists', l, 'values', i], `bad value ${i} of list ${l}`);
    expect(problems.count).toBe(lists * 6);
    expect(problems.listsTallied).toBeLessThanOrEqual(PROBLEMS_TOLD);
    const told = problems.told();
    // 40 lists fill the file's 200 told problems (5 each); each tells its sixth as it is (a rest of one)
    expect(told).toHaveLength(PROBLEMS_TOLD + 40 + 1);
    expect(told.at(-1)!.message).toBe(
      `${(lists * 6 - 240).toLocaleString('en-US')} more problems, not told one by one (the first 200 are); the first of them: bad value 0 of list 40`,
    );
  });

  test('a million one-item bad lists: 200 tallies, 201 lines', () => {
    const problems = new Problems();
    for (let l = 0; l < 1_000_000; l++) problems.atValue(['lists', l, 'values', 0], 'bad');
    expect(problems.listsTallied).toBe(PROBLEMS_TOLD);
    expect(problems.told()).toHaveLength(PROBLEMS_TOLD + 1);
    expect(problems.count).toBe(1_000_000);
  });
});
