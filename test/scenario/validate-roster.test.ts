// Rosters (`shifts`) and `max_capacity` on a team: what they load to, and every problem at once.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from './diagnose.js';

const body = (resources: string) => yaml`
  name: t
  run: { horizon: 10d }
  resources:
  ${resources}
  arrivals: [{ flow: f, rate: 1/h }]
  flows: { f: { start: a, nodes: { a: { resource: noc, duration: 10m } } } }
`;

describe('shifts', () => {
  it('loads a day and a night shift: capacity is the largest sum of shifts', () => {
    const text = body(`  noc:
      cost_per_hour: 45
      max_capacity: 6
      shifts:
        - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "06:00-22:00", capacity: 3 }
        - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "22:00-06:00", capacity: 1 }`);
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const noc = loaded.set!.baseline.resources[0];
    expect(noc.capacity).toBe(3);
    expect(noc.maxCapacity).toBe(6);
    expect(noc.shifts!.map((s) => s.capacity)).toEqual([3, 1]);
    expect(noc.shifts![1].periods[0]).toEqual({ start: 22, end: 30 });
  });

  it('reports every problem of a roster at once, each at its place, with did-you-mean', () => {
    const text = body(`  noc:
      capacity: 3
      calendar: office
      max_capacity: 2
      shifts:
        - { days: [mon, tues], hours: "06:00-22:00", capacty: 3 }
        - { days: [sun], hours: "22:00-30:00", capacity: -1 }`);
    const found = diagnose(text);
    expect(found).toEqual([
      {
        at: where(text, 'capacity: 3'),
        path: 'resources.noc.capacity',
        message: "resource 'noc' has shifts, which give its capacity and hours: remove capacity (or remove shifts)",
      },
      {
        at: where(text, 'calendar'),
        path: 'resources.noc.calendar',
        message: "resource 'noc' has shifts, which give its capacity and hours: remove calendar (or remove shifts)",
      },
      {
        at: where(text, '{ days: [mon'),
        path: 'resources.noc.shifts.0.capacity',
        message: 'a shift needs a capacity, the units working in it, like capacity: 3',
      },
      {
        at: where(text, 'tues'),
        path: 'resources.noc.shifts.0.days.1',
        message: "'tues' is not a day; write mon, tue, wed, thu, fri, sat or sun; did you mean 'tue'?",
      },
      {
        at: where(text, 'capacty'),
        path: 'resources.noc.shifts.0.capacty',
        message: "unknown key 'capacty'; expected one of days, hours, capacity, description; did you mean 'capacity'?",
      },
      {
        at: where(text, '"22:00-30:00"'),
        path: 'resources.noc.shifts.1.hours',
        message: `'22:00-30:00' is not a range of hours; write "HH:MM-HH:MM" like "08:00-18:00" ("24:00" ends at midnight; "22:00-06:00" runs past midnight)`,
      },
      {
        at: where(text, '-1'),
        path: 'resources.noc.shifts.1.capacity',
        message: 'capacity (units working in this shift) must be a whole number of 0 or more; found -1',
      },
    ]);
  });

  it('max_capacity below the capacity, and a team with neither capacity nor shifts', () => {
    const text = body(`  noc: { capacity: 4, max_capacity: 3 }
    desk: { cost_per_hour: 3 }`);
    expect(diagnose(text).map((d) => d.message)).toEqual([
      'max_capacity (3) is below its capacity (4); raise it or lower the capacity',
      expect.stringContaining(
        "resource 'desk' needs a capacity, the number of people or units in the team, like capacity: 6 (or shifts, a roster",
      ),
    ]);
  });

  it('a variant can swap a flat team for a roster and back', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources:
        noc: { capacity: 2 }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: noc, duration: 10m } } } }
      variants:
        rota:
          patch:
            resources:
              noc: { capacity: null, shifts: [{ days: [mon], hours: "08:00-18:00", capacity: 5 }] }
        typo:
          patch:
            resources:
              noc: { shift: [] }
    `;
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      `${where(text, 'shift: []')} variant 'typo': unknown key 'shift'; expected one of capacity, cost_per_hour, calendar, shifts, max_capacity, description; did you mean 'shifts'?`,
    ]);
  });
});
