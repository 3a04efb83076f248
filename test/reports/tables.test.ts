import { describe, expect, test } from 'vitest';
import { kpiTables } from '../../reports/tables.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { smallResults } from './fixture.js';

describe('KPI tables', () => {
  test('flows: a row per flow and variant, each stat with its interval (p90 80 h ± 2 h reads in days)', () => {
    const [flows] = kpiTables(smallResults());
    expect(flows.head).toEqual([
      'flow',
      'variant',
      'throughput per day',
      'work in progress',
      'mean cycle time',
      'p90 cycle time',
      'SLA attainment',
      'cost per case',
    ]);
    expect(flows.rows).toEqual([
      ['order', 'baseline', '12.0 ± 0.50', '20.0 ± 1.00', '52.1 ± 1.00 h', '3.33 ± 0.08 d', '80.0 ± 5.0%', '150 ± 10.0'],
      ['order', 'redesign', '12.0 ± 0.50', '20.0 ± 1.00', '39.0 ± 1.00 h', '3.33 ± 0.08 d', '90.0 ± 5.0%', '150 ± 10.0'],
    ]);
    expect(flows.numeric).toEqual([false, false, true, true, true, true, true, true]);
  });

  test('no SLA column when no flow has an SLA', () => {
    const results = smallResults();
    results.slas = {};
    expect(kpiTables(results)[0].head).not.toContain('SLA attainment');
  });

  test('teams, then every comparison in reading order', () => {
    const [, teams, gains] = kpiTables(smallResults());
    expect(teams.rows[1]).toEqual(['desk', 'redesign', '0.0 ± 2.0%', '3.00 ± 0.50', '2.00 ± 0.30 h', '3,840']);
    expect(gains.rows[0]).toEqual(['redesign', 'order · mean cycle time', '52.1 h', '39.0 h', '-25.1% [-26.9%, -23.4%]', 'yes']);
    expect(gains.rows.map((r) => r[1])).toContain('techs · wait');
    expect(gains.rows).toHaveLength(7);
  });

  test("a team the scenario gives no cost_per_hour: its cost cell says so, the workbook's Teams sheet leaves its costs empty", () => {
    const results = smallResults();
    for (const v of Object.values(results.variants))
      v.inputs!.resources.desk = { ...v.inputs!.resources.desk, cost_per_hour: 0, cost_given: false };
    const [, teams] = kpiTables(results);
    expect(teams.rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ['desk', 'baseline', 'no cost given'],
      ['desk', 'redesign', 'no cost given'],
      ['techs', 'baseline', '3,840'], // the fixture's cost stat
      ['techs', 'redesign', '3,840'],
    ]);
    const sheet = workbookSheets(results).find((s) => s.name === 'Teams')!;
    const column = (header: string) => sheet.columns.findIndex((c) => c.header.startsWith(header));
    const [perHour, perWeek] = [column('cost per unit-hour'), column('staffing cost per week')];
    expect(sheet.rows.map((r) => [r[0], r[1], r[perHour], r[perWeek]])).toEqual([
      ['baseline', 'desk', null, null],
      ['baseline', 'techs', 65, 65 * 672],
      ['redesign', 'desk', null, null],
      ['redesign', 'techs', 65, 65 * 672],
    ]);
  });

  test('without variants only the flows and teams', () => {
    const results = smallResults();
    delete results.variants.redesign;
    results.comparisons = [];
    expect(kpiTables(results).map((t) => t.title)).toEqual(['Flows', 'Teams']);
  });
});
