// An `sla` in working days of a calendar (scenario-format.md, *an `sla` in working days*): a case
// meets it when it ends by the close of the N-th working day after the day it arrived. Constant
// times on an office calendar (Monday to Friday 09:00-17:00, time 0 a Monday 00:00), so every
// deadline is worked out by hand.
import { describe, expect, test } from 'vitest';
import { metricLayout } from '../../engine/model/metrics.js';
import { compileModel } from '../../engine/model/compile.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { WorkingDays } from '../../engine/sim/working-days.js';
import { flowText } from '../../reports/assumptions.js';
import { slaChart } from '../../reports/charts/sla.js';
import { diagnose, yaml } from '../scenario/diagnose.js';
import { OFFICE } from '../support/build.js';
import { resultsOfSet } from '../support/results.js';

const FRIDAY_17 = 4 * 24 + 17;
const NEXT_TUESDAY_10 = 168 + 24 + 10;
const NEXT_WEDNESDAY_10 = 168 + 2 * 24 + 10;

/** Flows `tue` and `wed`, one case each arriving Friday 17:00, ending Tuesday and Wednesday 10:00; SLA 2 working days. */
const scenarioText = (milestoneSla: string) => yaml`
  name: working days
  time_unit: hours
  run: { horizon: 400h, warmup: 0h, replications: 2, seed: 1 }
  calendars:
    office: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" }
  resources: {}
  arrivals:
    - { flow: tue, interarrival: ${FRIDAY_17}h, cases: 1 }
    - { flow: wed, interarrival: ${FRIDAY_17}h, cases: 1 }
  flows:
    tue:
      sla: { working_days: 2, calendar: office }
      start: fix
      nodes:
        fix: { duration: ${NEXT_TUESDAY_10 - FRIDAY_17}h }
    wed:
      sla: { working_days: 2, calendar: office }
      start: fix
      kpis:
        to_fix: { from: start, to: fix, sla: ${milestoneSla} }
      nodes:
        fix: { duration: ${NEXT_WEDNESDAY_10 - FRIDAY_17}h }
`;

describe('the deadline', () => {
  const two = new WorkingDays(OFFICE.periods, 2);
  test('Friday 17:00: the close of Tuesday (Monday and Tuesday are the two working days)', () => {
    expect(two.deadline(FRIDAY_17)).toBe(168 + 24 + 17);
    expect(two.met(FRIDAY_17, NEXT_TUESDAY_10)).toBe(true);
    expect(two.met(FRIDAY_17, NEXT_WEDNESDAY_10)).toBe(false);
  });

  test('Monday 10:00 or 07:00 or 20:00: the close of Wednesday (the arrival day never counts); Saturday: the close of Tuesday', () => {
    for (const at of [10, 7, 20]) expect(two.deadline(at)).toBe(2 * 24 + 17);
    expect(two.deadline(5 * 24 + 12)).toBe(168 + 24 + 17);
    expect(two.met(10, 2 * 24 + 17)).toBe(true); // at the close itself: inside
  });

  test('a night period past midnight closes its day at 24:00, and its morning part makes the next day a working day', () => {
    const nights = new WorkingDays([{ start: 22, end: 30 }], 1); // Monday 22:00 to Tuesday 06:00, once a week
    expect(nights.deadline(0)).toBe(24 + 6); // Monday's own hours do not count; Tuesday (00:00-06:00) closes at 06:00
    expect(nights.deadline(-24)).toBe(24); // from Sunday: Monday, closing at 24:00
  });
});

describe('a flow and a milestone with an sla in working days', () => {
  test('SLA attainment: 100% for the case ended Tuesday 10:00, 0% for Wednesday 10:00; a milestone in 3 working days met', async () => {
    const { set, diagnostics } = loadScenarioText(scenarioText('{ working_days: 3, calendar: office }'), 'wd.yaml');
    expect(diagnostics).toEqual([]); // the calendar is used: no "used by nothing" warning
    const results = await resultsOfSet(set!);
    const v = results.variants.baseline;
    expect(v.flows.tue.sla_attainment!.mean).toBe(1);
    expect(v.flows.wed.sla_attainment!.mean).toBe(0);
    expect(v.flows.wed.kpis!.to_fix.sla_attainment!.mean).toBe(1);
    expect(results.sla_working_days).toEqual({
      tue: { working_days: 2, calendar: 'office' },
      wed: { working_days: 2, calendar: 'office' },
    });
    expect(results.slas).toEqual({});
    expect(v.inputs!.flows.tue).toMatchObject({ sla: null, sla_working_days: { working_days: 2, calendar: 'office' } });
    expect(flowText('tue', v.inputs!.flows.tue)).toContain('SLA 2 working days (office)');
    expect(JSON.stringify(slaChart(results))).toContain('tue (SLA 2 working days (office))');
  });

  test('a milestone in 1 working day missed; size can target the flow attainment (the path is laid out)', async () => {
    const { set } = loadScenarioText(scenarioText('{ working_days: 1, calendar: office }'), 'wd.yaml');
    const results = await resultsOfSet(set!);
    expect(results.variants.baseline.flows.wed.kpis!.to_fix.sla_attainment!.mean).toBe(0);
    expect(metricLayout(compileModel(set!.baseline)).paths).toContain('flows.tue.sla_attainment');
  });

  test('every problem at once: an unknown calendar (did you mean), working_days 0, a key misspelt, one missing', () => {
    const found = diagnose(
      scenarioText('{ working_day: 1, calendar: office }').replace(
        '{ working_days: 2, calendar: office }',
        '{ working_days: 0, calendar: ofice }',
      ),
    );
    const messages = found.map((d) => `${d.at} ${d.path}: ${d.message}`);
    expect(messages.some((m) => /flows\.tue\.sla\.working_days: .*working_days must be a whole number of 1 or more; found 0/.test(m))).toBe(
      true,
    );
    expect(messages.some((m) => /flows\.tue\.sla\.calendar: .*ofice.*did you mean 'office'/.test(m))).toBe(true);
    expect(messages.some((m) => /flows\.wed\.kpis\.to_fix\.sla\.working_day/.test(m) && /did you mean 'working_days'/.test(m))).toBe(true);
    expect(messages.some((m) => /flows\.wed\.kpis\.to_fix\.sla\.working_days: .*needs working_days/.test(m))).toBe(true);
  });
});
