import { DEFAULT_RUN_START } from '../../engine/scenario/run-start.js';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, onlyProblem, yaml } from './diagnose.js';

describe('top level', () => {
  it('reports an unknown key at the key, naming the expected keys and the one meant', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        desk: { capcity: 6 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(diagnose(text)).toEqual([
      {
        at: '4:9',
        path: 'resources.desk.capacity',
        message:
          "resource 'desk' needs a capacity, the number of people or units in the team, like capacity: 6 " +
          '(or shifts, a roster, like shifts: [{ days: [mon, tue, wed, thu, fri], hours: "06:00-22:00", capacity: 3 }, { days: [mon, tue, wed, thu, fri], hours: "22:00-06:00", capacity: 1 }])',
      },
      {
        at: '4:11',
        path: 'resources.desk.capcity',
        message:
          "unknown key 'capcity'; expected one of capacity, cost_per_hour, calendar, shifts, max_capacity, description; did you mean 'capacity'?",
      },
    ]);
  });

  it('reports an unknown top-level key without a suggestion when none is close', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
      owner: me
    `;
    expect(onlyProblem(text)).toEqual({
      at: '6:1',
      path: 'owner',
      message:
        "unknown key 'owner'; expected one of name, description, time_unit, currency, run, calendars, resources, arrivals, flows, variants",
    });
  });

  it('ignores a top-level x- key, the place for a block that YAML anchors and merge keys reuse (etomsim addition)', () => {
    const text = yaml`
      name: t
      x-defaults: &office { cost_per_hour: 40, capacity: 2 }
      x-notes: [anything, { at: all }]
      run: { horizon: 10d }
      resources:
        desk: { <<: *office, capacity: 3 }
        back: *office
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: desk, duration: 1h, next: b }, b: { resource: back, duration: 1h } } } }
    `;
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(set!.baseline.resources.map((r) => [r.name, r.capacity, r.costPerHour])).toEqual([
      ['desk', 3, 40],
      ['back', 2, 40],
    ]);
    // only the prefix: a key merely like it is still refused
    expect(onlyProblem(text.replace('x-notes', 'xnotes'))).toMatchObject({ at: '3:1', path: 'xnotes' });
  });

  it('reports each missing required key at the map that lacks it', () => {
    const text = yaml`
      # nothing but a description
      description: a scenario in progress
    `;
    expect(diagnose(text).map((d) => `${d.at} ${d.path}`)).toEqual(['2:1 name', '2:1 run', '2:1 resources', '2:1 flows', '2:1 arrivals']);
  });

  it('refuses a control character in the scenario name (a NUL, ESC, DEL, C1) at the name, naming it; tabs and line breaks are blanks', () => {
    const rest =
      'run: { horizon: 10d }\nresources: {}\narrivals: [{ flow: f, rate: 1/h }]\nflows: { f: { start: a, nodes: { a: { duration: 1h } } } }\n';
    for (const [written, code, at] of [
      ['"A\\0B"', '0000', 2],
      ['"\\e[2JTitle"', '001B', 1],
      ['"A\\x7fB"', '007F', 2],
      ['"A\\x9bB"', '009B', 2],
      ['"\u{1F4E1} A\\0B"', '0000', 4], // counted in characters: the antenna is one, not two UTF-16 units
    ] as const) {
      expect(onlyProblem(`name: ${written}\n${rest}`), written).toEqual({
        at: '1:7',
        path: 'name',
        message: `the scenario name must be printable text, like name: Fiber order-to-activation; found the control character U+${code} at its character ${at}`,
      });
    }
    // a block scalar's name ends in a line break; a tab, a line break, NEL: each run one space, trimmed
    for (const written of [
      '"Order\\thandling"',
      '"Order \\n  handling"',
      '|\n  Order\n  handling\n',
      '"Order\\x85handling"',
      '>\n  Order handling\n',
    ]) {
      const text = `name: ${written}\n${rest}`;
      expect(diagnose(text), written).toEqual([]);
      expect(loadScenarioText(text, 'scenario.yaml').set?.baseline.name, written).toBe('Order handling');
    }
    // printable text of any script, and a space, stay names
    expect(diagnose(`name: "Fibre à la maison: 東京 \u00a0→ Ω"\n${rest}`)).toEqual([]);
  });

  it('rejects a file that is not a map, and an empty file', () => {
    expect(onlyProblem('- a\n- b\n')).toMatchObject({ at: '1:1', path: '', message: expect.stringContaining('found a list') });
    expect(onlyProblem('# empty\n')).toMatchObject({ at: '1:1', message: expect.stringContaining('found an empty file') });
  });

  it('suggests the time unit meant, and keeps checking durations in hours', () => {
    const text = yaml`
      name: t
      time_unit: minute
      run: { horizon: -1 }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(diagnose(text)).toEqual([
      { at: '2:12', path: 'time_unit', message: "time_unit must be one of minutes, hours, days; found 'minute'; did you mean 'minutes'?" },
      { at: '3:17', path: 'run.horizon', message: 'horizon cannot be negative; found -1' },
    ]);
  });
});

describe('run', () => {
  const withRun = (run: string) =>
    yaml`
      name: t
      run: ${run}
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;

  it('uses the defaults and converts times to hours', () => {
    const { set } = loadScenarioText(withRun('{ horizon: 2w }'), 't.yaml');
    expect(set!.baseline.run).toEqual({ horizon: 336, warmup: 0, replications: 10, seed: 1, start: DEFAULT_RUN_START });
  });

  it('requires a horizon above 0, at the run map when missing', () => {
    expect(onlyProblem(withRun('{ warmup: 1d }'))).toMatchObject({ at: '2:6', path: 'run.horizon' });
    expect(onlyProblem(withRun('{ horizon: 0 }'))).toEqual({
      at: '2:17',
      path: 'run.horizon',
      message: 'horizon must be longer than 0; found 0',
    });
  });

  it('wants a warmup shorter than the horizon', () => {
    expect(onlyProblem(withRun('{ horizon: 10d, warmup: 240 }'))).toEqual({
      at: '2:30',
      path: 'run.warmup',
      message: 'warmup (240) must be shorter than the horizon (10d)',
    });
  });

  it('wants whole replications of at least 1 and a whole seed', () => {
    expect(diagnose(withRun('{ horizon: 10d, replications: 0, seed: 1.5 }'))).toEqual([
      { at: '2:36', path: 'run.replications', message: 'replications must be a whole number of 1 or more; found 0' },
      { at: '2:45', path: 'run.seed', message: 'seed must be a whole number; found 1.5' },
    ]);
  });

  it('a whole number past 2^53 is told as too large, not as no whole number (s33x F7)', () => {
    // 2^60, as typed: read as a double, it was "must be a whole number; found 1152921504606847000"
    expect(diagnose(withRun('{ horizon: 10d, seed: 1152921504606846976 }'))).toEqual([
      {
        at: '2:28',
        path: 'run.seed',
        message:
          'seed must be at most 9,007,199,254,740,991 (2^53 - 1: a larger whole number is read rounded, as a double holds it); found about 1,152,921,504,606,846,976 as read',
      },
    ]);
    expect(diagnose(withRun('{ horizon: 10d, seed: 1e300 }')).map((d) => d.message)).toEqual([
      'seed must be at most 9,007,199,254,740,991 (2^53 - 1: a larger whole number is read rounded, as a double holds it); found 1e+300 as read',
    ]);
  });

  it('refuses more replications than results.json can hold: 150,000 ran 53 s and failed writing it', () => {
    expect(onlyProblem(withRun('{ horizon: 10d, replications: 10001 }'))).toEqual({
      at: '2:36',
      path: 'run.replications',
      message: 'replications must be at most 10,000 (results.json keeps each replication of each variant); found 10001',
    });
    expect(diagnose(withRun('{ horizon: 10d, replications: 10000 }'))).toEqual([]);
  });
});

describe('names', () => {
  it('rejects a name with a space, at its key', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        order desk: { capacity: 1 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(onlyProblem(text)).toEqual({
      at: '4:3',
      path: 'resources.order desk',
      message:
        "resource name 'order desk' is not allowed: use letters a-z and A-Z, digits, '_' and '-', starting with a letter or '_' (e.g. order_desk)",
    });
  });

  it('a name in another script: which letters a name takes, and where such a name can go (s36f)', () => {
    // "use letters" refused 技術者, which is letters
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        技術者: { capacity: 1 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: 技術者, duration: 1h } } } }
    `;
    expect(diagnose(text).map((p) => p.message)).toContain(
      "resource name '技術者' is not allowed: use letters a-z and A-Z, digits, '_' and '-', starting with a letter or '_' (e.g. order_desk); a name in another script goes in the element's description (names are CSV columns, results.json keys and CLI words)",
    );
  });

  it('rejects names starting with a digit for calendars, flows, nodes and KPIs', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
        9to5: { days: [mon], hours: "09:00-17:00" }
      resources: {}
      arrivals: [{ flow: 1st, rate: 1/h }]
      flows:
        1st:
          start: 2a
          nodes: { 2a: { duration: 1h } }
          kpis: { 3k: { from: start, to: 2a } }
    `;
    expect(diagnose(text).map((d) => `${d.at} ${d.path}`)).toEqual([
      '4:3 calendars.9to5',
      '8:3 flows.1st',
      '10:14 flows.1st.nodes.2a',
      '11:13 flows.1st.kpis.3k',
    ]);
  });
});

describe('resources and calendars', () => {
  it('reads resources in document order with their defaults', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
        office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00", description: desk hours }
      resources:
        zeta: { capacity: 0 }
        alpha: { capacity: 3, cost_per_hour: 42.5, calendar: office, description: the desk }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.resources).toEqual([
      { name: 'zeta', capacity: 0, costPerHour: 0, costGiven: false, calendar: null }, // no cost given: unknown, not 0
      { name: 'alpha', capacity: 3, costPerHour: 42.5, calendar: 'office', description: 'the desk' }, // a description is kept for the reports
    ]);
    expect(set!.baseline.calendars[0].periods).toHaveLength(5);
  });

  it("a blank description is none, as description: null is (the reports printed it as '()')", () => {
    const text = yaml`
      name: t
      description: ''
      run: { horizon: 10d }
      calendars:
        office: { days: [mon], hours: "08:00-18:00", description: " " }
      resources:
        desk: { capacity: 1, calendar: office, description: '  ' }
        roster: { shifts: [{ days: [mon], hours: "08:00-18:00", capacity: 1, description: "\t" }] }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { description: '', start: a, nodes: { a: { duration: 1h, description: ' ', resource: desk, next: b }, b: { duration: 1h, resource: roster } } } }
      variants: { v: { description: '', patch: { flows: { f: { description: ' ' } } } } }
    `;
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { baseline, variants } = set!;
    // absent (or null, the scenario's and a variant's own) wherever a description may be
    const described = JSON.stringify([baseline, variants], (k, v) => (k === 'description' && v === null ? undefined : v));
    expect(described).not.toContain('"description"');
  });

  it('reports a calendar that is not defined, suggesting the one meant', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
        business_hours: { days: [mon], hours: "08:00-18:00" }
      resources:
        desk: { capacity: 2, calendar: busines_hours }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(onlyProblem(text)).toEqual({
      at: '6:34',
      path: 'resources.desk.calendar',
      message: "calendar 'busines_hours' is not defined under calendars; did you mean 'business_hours'? (known: business_hours)",
    });
  });

  it('wants a whole capacity of 0 or more and a cost of 0 or more', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        desk: { capacity: 2.5, cost_per_hour: -1 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    expect(diagnose(text)).toEqual([
      {
        at: '4:21',
        path: 'resources.desk.capacity',
        message: 'capacity (people or units in the team) must be a whole number of 0 or more; found 2.5',
      },
      { at: '4:41', path: 'resources.desk.cost_per_hour', message: 'cost_per_hour must be a number of 0 or more; found -1' },
    ]);
  });

  it('refuses more units than the simulator counts: 2^31 turned negative and served nobody, 2^32 + 1 served as one unit', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        desk: { capacity: 4294967297, max_capacity: 2147483648 }
        unlimited: { capacity: 1e9 }
        rota:
          shifts:
            - { days: [mon], hours: "08:00-16:00", capacity: 3e9 }
        overlap:
          shifts:
            - { days: [mon], hours: "08:00-16:00", capacity: 6e8 }
            - { days: [mon], hours: "12:00-20:00", capacity: 6e8 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: unlimited, duration: 1h } } } }
    `;
    const most = 'must be at most 1,000,000,000 (a team is counted in 32-bit integers)';
    expect(diagnose(text)).toEqual([
      { at: '4:21', path: 'resources.desk.capacity', message: `capacity (people or units in the team) ${most}; found 4294967297` },
      {
        at: '4:47',
        path: 'resources.desk.max_capacity',
        message: `max_capacity (the most units the team can have) ${most}; found 2147483648`,
      },
      { at: '8:56', path: 'resources.rota.shifts.0.capacity', message: `capacity (units working in this shift) ${most}; found 3000000000` },
      {
        at: '11:7',
        path: 'resources.overlap.shifts',
        message: `the shifts of 'overlap' put 1,200,000,000 units on at once where they overlap; a team can have at most 1,000,000,000 (a team is counted in 32-bit integers)`,
      },
    ]);
  });

  it('reads an empty section as empty, but not text in place of a map', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
      resources: none
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
      variants:
    `;
    expect(onlyProblem(text)).toMatchObject({
      at: '4:12',
      path: 'resources',
      message: expect.stringMatching(/^resources must be a map of named entries/),
    });
  });
});

describe('every problem is reported', () => {
  it('keeps validating siblings after an error, sorted by line then column', () => {
    const text = yaml`
      name: several
      run: { horizon: 30d, replications: 0 }
      resources:
        desk: { capacity: 2, calendar: office }
        techs: { capacity: many }
      arrivals:
        - { flow: orders, rate: 3/h, interarrival: 5m }
        - { flow: faults, rate: 2/h }
      flows:
        orders:
          start: capture
          nodes:
            capture: { resource: desks, duration: -5m }
    `;
    expect(diagnose(text).map((d) => `${d.at} ${d.path}`)).toEqual([
      '2:36 run.replications',
      '4:34 resources.desk.calendar',
      '5:22 resources.techs.capacity',
      '7:21 arrivals.0.rate', // both rate and interarrival: shown at the second of them
      '8:13 arrivals.1.flow',
      '13:28 flows.orders.nodes.capture.resource',
      '13:45 flows.orders.nodes.capture.duration',
    ]);
    expect(loadScenarioText(text, 't.yaml').set).toBeNull();
  });
});
