// One shift, one name (engine/scenario/shift-name.ts): validate's problem, size's diagnosis, the
// KPI labels, the report's shift table and the sizing per-shift table name a roster's second
// shift "shift 1" (its index from 0, the number of `resources.desk.shifts.1` in a target, in
// results.json and in validate's own "(at ...shifts.1.hours)"), with its description where they
// know it. Before, size's diagnosis and validate counted from 1 and the KPI labels from 0: two
// tables of one output called two different shifts "shift 1".
import { describe, expect, test } from 'vitest';
import { sizeTeams } from '../../engine/analysis/sizing.js';
import { metricLabel } from '../../reports/format.js';
import { shiftTable as sizingShiftTable } from '../../reports/sizing-tables.js';
import { shiftTable } from '../../reports/tables.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { resultsOfSet } from '../support/results.js';

/** A desk on two shifts, the night one described; `night` its hours. */
const desk = (night: string) => `name: Night desk
run: { horizon: 400h, warmup: 24h, replications: 3, seed: 3 }
resources:
  desk:
    cost_per_hour: 30
    max_capacity: 3
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "07:00-21:00", capacity: 2 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: ${night}, capacity: 1, description: night }
arrivals:
  - flow: calls
    rate: 2/h
flows:
  calls:
    start: answer
    nodes:
      answer: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

describe('a shift is named alike in every message and output', () => {
  const NIGHT = 'shift 1 (night)';

  test("validate's problem", () => {
    const { set, diagnostics } = loadScenarioText(desk('["21:00-07:00", "06:00-08:00"]'), 'desk.yaml');
    expect(set).toBeNull();
    expect(diagnostics.map((d) => `${d.message} (at ${d.path})`)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${NIGHT.replace(/[()]/g, '\\$&')} of 'desk' has overlapping working periods: .* \\(at resources\\.desk\\.shifts\\.1\\.hours\\)$`,
        ),
      ),
    ]);
  });

  test("size's diagnosis, its per-shift table, the KPI labels and the report's shift table", async () => {
    const set = loadScenarioText(desk('"21:00-07:00"'), 'desk.yaml').set!;
    // a mean cycle time below the mean working time (30 minutes): no staffing meets it, and the search stops at each shift's maximum
    const sizing = await sizeTeams(set.baseline, {
      targets: ['flows.calls.cycle_time.mean <= 0.45h'],
      resources: null,
      maxCapacity: null,
      replications: 3,
      seed: 7,
      workers: 1,
      perShift: true,
    });
    expect(sizing.chosen).toBeNull();
    expect(sizing.diagnosis[0].limits).toContain(
      `at the maximum capacity (desk shift 0 at 3, desk ${NIGHT} at 3): raise --max-capacity or the team's max_capacity`,
    );
    // sizing.json holds the shift's description where the scenario gives one (absent otherwise): the per-shift table names it so, its hours beside it
    expect(sizing.shifts.map((s) => s.description)).toEqual([undefined, 'night']);
    expect(Object.hasOwn(sizing.shifts[0], 'description')).toBe(false);
    const rows = sizingShiftTable(sizing).rows;
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['desk', 'shift 0', 'Mon-Sun 07:00-21:00'],
      ['desk', NIGHT, 'Mon-Sun 21:00-07:00'],
    ]);
    expect(metricLabel('resources.desk.shifts.1.wait')).toBe('desk · shift 1 wait');
    const results = await resultsOfSet(set);
    expect(shiftTable(results)!.rows.map((r) => r[2])).toEqual(['shift 0', NIGHT]);
  });
});
