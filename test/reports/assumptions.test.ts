import { describe, expect, test } from 'vitest';
import { arrivalText, flowText, teamText } from '../../reports/assumptions.js';
import { type ArrivalInput, variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { processMapData, renderProcessMap } from '../../reports/charts/process-map.js';
import { assumptionsSection } from '../../reports/sections.js';
import { resultsOfSet } from '../support/results.js';

const stream = (over: Partial<ArrivalInput>): ArrivalInput => ({
  flow: 'orders',
  rate_per_hour: 40 / 24,
  interarrival: { kind: 'exponential', mean: 24 / 40 },
  profile: null,
  priority: 0,
  ...over,
});

describe('an arrival stream in the assumptions', () => {
  test('a Poisson stream without a profile: its rate, no peak', () => {
    expect(arrivalText(stream({}))).toBe('orders: Poisson, 1.67 an hour');
  });

  test("with a profile the stated rate is scaled by the day's and the hour's factors: the peak is their largest product", () => {
    // scenario-format.md's own example: 40/d, Saturday 0.4, Sunday 0.2, hours up to 2
    const hours = [0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 2, 2, 1.5, 1, 1.5, 2, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0, 0];
    const text = arrivalText(stream({ profile: { days: [1, 1, 1, 1, 1, 0.4, 0.2], hours } }));
    expect(text).toContain("Poisson, 1.67 an hour times the weekly profile's factors (at its peak 3.33 an hour)");
  });

  test('a batch (interarrival 0 with cases): its N at once, at after or time 0', () => {
    const batch = { rate_per_hour: null, interarrival: { kind: 'constant', value: 0 } } as const;
    expect(arrivalText(stream({ ...batch, after: 8, cases: 300 }))).toBe('orders: a batch of 300 cases at once, after 8 hours');
    expect(arrivalText(stream({ ...batch, cases: 1, priority: 2 }))).toBe('orders: a batch of 1 case at once, at time 0; priority 2');
  });

  test('a profile whose factors all stay below 1 peaks below the stated rate', () => {
    const text = arrivalText(stream({ rate_per_hour: 10, profile: { days: [0.5, 0.5, 0.5, 0.5, 0.5, 0, 0], hours: Array(24).fill(0.8) } }));
    expect(text).toContain('(at its peak 4.00 an hour)');
  });
});

describe("the scenario's descriptions, from the file to the report", () => {
  const yaml = `name: Described
run: { horizon: 200h, warmup: 20h, replications: 2, seed: 1 }
resources:
  desk:
    description: "Tier 1 <first-line> | desk"
    shifts:
      - { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00", capacity: 2, description: early shift }
  techs: { capacity: 3 }
calendars:
  office: { description: for the reader only, days: [mon], hours: "09:00-17:00" }
arrivals: [ { flow: repair, rate: 1/h } ]
flows:
  repair:
    description: faults reported by phone
    sla: 2d
    start: triage
    nodes:
      triage: { resource: desk, duration: 30m, next: route, description: remote checks }
      route: { branch: [ { to: fix, p: 0.5 }, { to: close, p: 0.5 } ], description: needs a visit? }
      fix: { resource: techs, duration: 2h, next: close }
      close: { duration: 5m }
`;

  test('results.json carries those of teams, shifts, flows and steps, and no key where none is given', async () => {
    const { set, diagnostics } = loadScenarioText(yaml, 'described.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const inputs = variantInputs(set!.baseline, set!.baseline);
    expect(inputs.resources.desk.description).toBe('Tier 1 <first-line> | desk');
    expect(inputs.resources.desk.shifts?.[0].description).toBe('early shift');
    expect(Object.hasOwn(inputs.resources.techs, 'description')).toBe(false);
    expect(inputs.flows.repair.description).toBe('faults reported by phone');
    expect(inputs.flows.repair.nodes.triage.description).toBe('remote checks');
    expect(inputs.flows.repair.nodes.route.description).toBe('needs a visit?');
    expect(Object.hasOwn(inputs.flows.repair.nodes.fix, 'description')).toBe(false);
    expect(JSON.stringify(inputs.calendars)).not.toContain('reader only');
  });

  test('the assumptions say them; the process map gives a step its description in its tooltip, escaped', async () => {
    const { set } = loadScenarioText(yaml, 'described.yaml');
    const inputs = variantInputs(set!.baseline, set!.baseline);
    expect(flowText('repair', inputs.flows.repair)).toBe('repair (faults reported by phone): 4 steps; SLA 2 days');
    const team = teamText('desk', inputs.resources.desk, inputs.calendars, null);
    expect(team.startsWith('desk (Tier 1 <first-line> | desk): roster of 1 shift (2 on Mon-Fri 08:00-16:00 (early shift))')).toBe(true);
    const results = await resultsOfSet(set!);
    const map = processMapData(results, 'baseline', 'repair')!;
    const drawn = await renderProcessMap(map, 'Process map: repair');
    expect(drawn.svg).toContain('<title>triage: remote checks');
    expect(drawn.svg).toContain('<title>route: needs a visit?</title>');
    expect(assumptionsSection(results)).toContain('desk (Tier 1 &lt;first-line&gt; | desk)');
  });
});
