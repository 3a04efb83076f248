import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, onlyProblem, where, yaml } from './diagnose.js';

/** A scenario with two flows around the given `arrivals:` section, which starts at line 7. */
const withArrivals = (arrivals: string) =>
  yaml`
    name: t
    time_unit: minutes
    run: { horizon: 10d }
    resources: {}
    flows: { f: { start: a, nodes: { a: { duration: 1h } } }, g: { start: a, nodes: { a: { duration: 1h } } } }
    # arrivals
  ` + arrivals;

describe('arrivals', () => {
  it('reads interarrival and rate streams, numbering the streams of each flow', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, interarrival: 12 }
        - { flow: g, rate: 3/h, priority: 2 }
        - { flow: f, interarrival: { uniform: { min: 10, max: 20 } }, priority: -1 }
    `);
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.arrivals).toEqual([
      { flow: 'f', ordinal: 0, interarrival: { kind: 'constant', value: 0.2 }, fromRate: false, profile: null, priority: 0 },
      { flow: 'g', ordinal: 0, interarrival: { kind: 'exponential', mean: 1 / 3 }, fromRate: true, profile: null, priority: 2 },
      {
        flow: 'f',
        ordinal: 1,
        interarrival: { kind: 'uniform', min: 10 / 60, max: 20 / 60 },
        fromRate: false,
        profile: null,
        priority: -1,
      },
    ]);
  });

  it('wants either interarrival or rate: both is reported at the rate, neither at the stream', () => {
    const text = withArrivals(yaml`
      arrivals:
        - flow: f
          interarrival: 5m
          rate: 3/h
        - flow: g
          priority: 1
    `);
    expect(diagnose(text)).toEqual([
      {
        at: '10:5',
        path: 'arrivals.0.rate',
        message: 'give either interarrival or rate, not both: a rate N/h is an exponential interarrival with mean 1/N h',
      },
      {
        at: '11:5',
        path: 'arrivals.1',
        message: 'an arrival stream needs either interarrival (a distribution, like { exponential: { mean: 12m } }) or rate (like 3/h)',
      },
    ]);
  });

  it('reports a flow that is not defined, listing the known ones', () => {
    const text = withArrivals('arrivals: [{ flow: ff, rate: 1/h }]\n');
    expect(onlyProblem(text)).toEqual({
      at: '7:20',
      path: 'arrivals.0.flow',
      message: "flow 'ff' is not defined under flows (known: f, g)",
    });
  });

  it('rejects an interarrival time that is always 0 and a rate that is not N/unit', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, interarrival: 0 }
        - { flow: g, rate: 3 per hour }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, '0 }'),
        path: 'arrivals.0.interarrival',
        message:
          'a zero interarrival without `cases` would bring infinitely many cases at once; give cases: N for a batch of N cases at once (at `after`), or an interarrival with a mean above 0',
      },
      {
        at: where(text, '3 per'),
        path: 'arrivals.1.rate',
        message: expect.stringMatching(/^rate must be a number of arrivals greater than 0/),
      },
    ]);
  });

  it('reads a zero interarrival with cases as a batch, in any form that is always 0', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, interarrival: 0, after: 2h, cases: 40 }
        - { flow: g, interarrival: { constant: 0 }, cases: 3 }
        - { flow: g, interarrival: { uniform: { min: 0, max: 0 } }, cases: 1 }
    `);
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.arrivals.map((a) => [a.interarrival, a.after, a.cases])).toEqual([
      [{ kind: 'constant', value: 0 }, 2, 40],
      [{ kind: 'constant', value: 0 }, undefined, 3],
      [{ kind: 'uniform', min: 0, max: 0 }, undefined, 1],
    ]);
  });

  it('refuses a batch with a calendar, which would not move it', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, interarrival: 0, cases: 4, calendar: office }
    `).replace('resources: {}', 'resources: {}\ncalendars: { office: { days: [mon], hours: "09:00-17:00" } }');
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'calendar: office'),
        path: 'arrivals.0.calendar',
        message:
          'a batch (interarrival 0 with cases) brings its cases at one moment, `after`, which a calendar does not move; remove calendar and set after to an open moment',
      },
    ]);
  });

  it('needs at least one stream', () => {
    expect(onlyProblem(withArrivals('arrivals: []\n'))).toMatchObject({ at: '7:11', path: 'arrivals' });
  });
});

describe('arrival profiles', () => {
  it('gives seven day factors, Monday first, and 24 hour factors, 1 where left out', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 2 : 0.5));
    const text = withArrivals(yaml`
      arrivals:
        - flow: f
          rate: 10/d
          profile: { days: { sun: 0, sat: 0.5 }, hours: [${hours.join(', ')}] }
        - flow: g
          rate: 1/h
          profile: { days: { mon: 3 } }
    `);
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.arrivals[0].profile).toEqual({ days: [1, 1, 1, 1, 1, 0.5, 0], hours });
    expect(set!.baseline.arrivals[0].interarrival).toEqual({ kind: 'exponential', mean: 2.4 });
    expect(set!.baseline.arrivals[1].profile).toEqual({ days: [3, 1, 1, 1, 1, 1, 1], hours: Array(24).fill(1) });
  });

  it('accepts a profile only with a rate', () => {
    const text = withArrivals(yaml`
      arrivals:
        - flow: f
          interarrival: 10
          profile: { days: { sun: 0 } }
    `);
    expect(onlyProblem(text)).toEqual({
      at: '10:5',
      path: 'arrivals.0.profile',
      message:
        'profile only applies to a stream with a rate (it scales the rate over the week); write rate: N/h instead of interarrival, or remove profile',
    });
  });

  it('wants 24 hour factors, known days, factors of 0 or more, and some factor above 0', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, rate: 1/h, profile: { hours: [1, 2, 3] } }
        - { flow: f, rate: 1/h, profile: { days: { monday: 1, tue: -1 } } }
        - { flow: g, rate: 1/h, profile: { days: { mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 } } }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, '[1, 2, 3]'),
        path: 'arrivals.0.profile.hours',
        message: 'hours must be a list of exactly 24 factors, one per hour from 00:00; found a list of 3',
      },
      {
        at: where(text, 'monday'),
        path: 'arrivals.1.profile.days.monday',
        message: "unknown key 'monday'; expected one of mon, tue, wed, thu, fri, sat, sun",
      },
      { at: where(text, '-1'), path: 'arrivals.1.profile.days.tue', message: 'the factor of tue must be a number of 0 or more; found -1' },
      {
        at: where(text, '{ days: { mon: 0'),
        path: 'arrivals.2.profile',
        message: 'profile is 0 at every hour of the week, so no case would ever arrive; make some day and some hour factor greater than 0',
      },
    ]);
  });

  it("reads a stream's calendar, and refuses an unknown one (with the name meant) and one beside a profile", () => {
    const head = yaml`
      calendars: { intake: { days: [mon, tue], hours: "08:00-16:00" } }
    `;
    const good = withArrivals(`${head}arrivals: [{ flow: f, interarrival: 30m, calendar: intake }]\n`);
    const { set, diagnostics } = loadScenarioText(good, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.arrivals[0]).toMatchObject({ flow: 'f', calendar: 'intake' });
    const bad = withArrivals(
      `${head}arrivals:\n  - { flow: f, interarrival: 30m, calendar: intkae }\n  - { flow: g, rate: 2/h, profile: { days: { sun: 0 } }, calendar: intake }\n`,
    );
    expect(diagnose(bad)).toEqual([
      {
        at: where(bad, 'intkae'),
        path: 'arrivals.0.calendar',
        message: expect.stringContaining("calendar 'intkae' is not defined under calendars"),
      },
      {
        at: where(bad, 'calendar: intake }'),
        path: 'arrivals.1.calendar',
        message:
          'give either profile or calendar, not both: a profile scales a Poisson rate hour by hour (0 where no case comes), a calendar lets the gaps elapse in its open hours only',
      },
    ]);
    expect(diagnose(bad)[0].message).toContain("did you mean 'intake'");
  });

  it('reads after and cases, a stream without them keeping no such key', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, interarrival: 60, after: 10h, cases: 5 }
        - { flow: g, rate: 3/h, after: 0 }
    `);
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.arrivals).toEqual([
      {
        flow: 'f',
        ordinal: 0,
        interarrival: { kind: 'constant', value: 1 },
        fromRate: false,
        profile: null,
        priority: 0,
        after: 10,
        cases: 5,
      },
      { flow: 'g', ordinal: 0, interarrival: { kind: 'exponential', mean: 1 / 3 }, fromRate: true, profile: null, priority: 0 },
    ]);
  });

  it('wants after a duration before the horizon and cases a whole number of 1 or more, every problem at once', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, rate: 1/h, after: soon, cases: 0 }
        - { flow: g, rate: 1/h, after: 10d, cases: 2.5 }
    `);
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'soon'),
        path: 'arrivals.0.after',
        message:
          "after must be a duration: a number of minutes (the time_unit) or a number with a unit s, m, h, d or w, like 45s, 30m, 2h, 1.5d or 1w; found 'soon'",
      },
      {
        at: where(text, '0 }'),
        path: 'arrivals.0.cases',
        message: 'cases (the most cases the stream brings) must be a whole number of 1 or more; found 0',
      },
      {
        at: where(text, '10d', 2),
        path: 'arrivals.1.after',
        message:
          "after ('10d') must be earlier than the run's horizon (240 h): the stream would bring no case; shorten it or lengthen run.horizon",
      },
      {
        at: where(text, '2.5'),
        path: 'arrivals.1.cases',
        message: 'cases (the most cases the stream brings) must be a whole number of 1 or more; found 2.5',
      },
    ]);
  });

  it('refuses a negative after, cases as text, and a misspelt key with the one meant', () => {
    const text = withArrivals(yaml`
      arrivals:
        - { flow: f, rate: 1/h, after: -1h, cases: '7' }
        - { flow: g, rate: 1/h, case: 5 }
    `);
    expect(diagnose(text)).toEqual([
      { at: where(text, '-1h'), path: 'arrivals.0.after', message: "after cannot be negative; found '-1h'" },
      {
        at: where(text, "'7'"),
        path: 'arrivals.0.cases',
        message: "cases (the most cases the stream brings) must be a whole number of 1 or more; found '7'",
      },
      { at: where(text, 'case:'), path: 'arrivals.1.case', message: expect.stringContaining("did you mean 'cases'") },
    ]);
  });
});
