import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { DEFAULT_RUN_START } from '../../engine/scenario/run-start.js';
import { diagnose, onlyProblem, yaml } from './diagnose.js';

const withStart = (start: string) => yaml`
  name: t
  run: { horizon: 10d, start: ${start} }
  resources: {}
  arrivals: [{ flow: f, rate: 1/h }]
  flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
`;

const startOf = (text: string) => loadScenarioText(text, 's.yaml').set!.baseline.run.start;

describe('run.start', () => {
  it('defaults to Monday 5 January 2026, 00:00 UTC', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(startOf(text)).toEqual(DEFAULT_RUN_START);
    expect(new Date(DEFAULT_RUN_START.epochMs).getUTCDay()).toBe(1);
  });

  it('reads a date, a UTC time and a time with an offset, keeping the offset for display', () => {
    expect(startOf(withStart('2026-03-02'))).toEqual({ text: '2026-03-02T00:00:00Z', epochMs: Date.UTC(2026, 2, 2), offsetMinutes: 0 });
    expect(startOf(withStart('2026-03-02T00:00:00Z'))).toEqual({
      text: '2026-03-02T00:00:00Z',
      epochMs: Date.UTC(2026, 2, 2),
      offsetMinutes: 0,
    });
    expect(startOf(withStart('"2026-03-02T00:00+01:00"'))).toEqual({
      text: '2026-03-02T00:00:00+01:00',
      epochMs: Date.UTC(2026, 2, 1, 23),
      offsetMinutes: 60,
    });
  });

  it('refuses a day other than Monday, naming the Monday before', () => {
    expect(onlyProblem(withStart('2026-01-07'))).toEqual({
      at: '2:29',
      path: 'run.start',
      message:
        "start must be a Monday at 00:00, because calendars and arrival profiles count hours from Monday 00:00; found '2026-01-07' (a Wednesday); the Monday before is 2026-01-05",
    });
  });

  it('refuses a Monday not at midnight, a time without offset, an impossible date and a number, each at its place', () => {
    expect(onlyProblem(withStart('2026-01-05T08:00:00Z')).message).toMatch(/a Monday, not midnight\); the Monday before is 2026-01-05$/);
    expect(onlyProblem(withStart('2026-01-05T00:00:00')).message).toMatch(/^start needs a UTC offset/);
    expect(onlyProblem(withStart('2026-02-30')).message).toMatch(/^start '2026-02-30' is not a valid date and time/);
    expect(onlyProblem(withStart('2026-13-01')).message).toMatch(/^start '2026-13-01' is not a valid date and time/);
    expect(onlyProblem(withStart('20260105'))).toMatchObject({
      at: '2:29',
      message: expect.stringMatching(/^start must be an ISO 8601 date and time, .*; found 20260105$/),
    });
  });

  it('reads a year before 100 as that year (Date.UTC reads 0 to 99 as 1900 to 1999: it was refused as no valid date)', () => {
    expect(startOf(withStart('0050-05-30'))).toEqual({
      text: '0050-05-30T00:00:00Z',
      epochMs: Date.parse('0050-05-30T00:00:00Z'),
      offsetMinutes: 0,
    });
    expect(startOf(withStart('"0001-01-01T00:00:00+01:00"'))).toEqual({
      text: '0001-01-01T00:00:00+01:00',
      epochMs: Date.parse('0001-01-01T00:00:00+01:00'),
      offsetMinutes: 60,
    });
  });

  it('is reported together with the other problems of run', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d, seed: x, start: tuesday }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(diagnose(text).map((d) => d.path)).toEqual(['run.seed', 'run.start']);
  });
});
