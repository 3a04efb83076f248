// A team without cost_per_hour beside teams with one: every cost figure counts it at 0, so a
// variant that moves work onto it looks cheaper than it is. The run says so once (grouped
// across variants), and the executive page marks its cost rows; not when no team has a cost.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { teamCosts, variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary, NO_COSTS_GIVEN, verdict, warningsOnMetric } from '../../reports/executive.js';
import { groupedWarnings } from '../../reports/notes.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { repairDesk } from '../support/repair-desk.js';
import { resultsOfSet } from '../support/results.js';

/** test/support/repair-desk.ts' desk and techs; the variant moves the fixing to the contractors. */
const yaml = (deskCost: string, techCost: string) =>
  repairDesk('{ horizon: 2000h, warmup: 200h, replications: 4, seed: 3 }', {
    desk: deskCost,
    techs: techCost,
    teams: '  contractors: { capacity: 3 }\n',
    variants: `variants:
  outsourced:
    patch:
      flows: { repair: { nodes: { fix: { resource: contractors } } } }
`,
  });

async function resultsOf(text: string): Promise<Results> {
  const { set, diagnostics } = loadScenarioText(text, 'costs.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return resultsOfSet(set!);
}

describe('a team without cost_per_hour beside costed ones', () => {
  test('is warned of once for both variants, and marks the cost rows of the executive page and workbook, not the others', async () => {
    const results = await resultsOf(yaml(', cost_per_hour: 30', ', cost_per_hour: 45'));
    const costs = results.warnings.filter((w) => w.code === 'cost' && w.subject === null); // the idle techs' is below
    expect(costs.map((w) => w.variant)).toEqual(['baseline', 'outsourced']);
    expect(costs[0].message).toMatch(/^contractors has no cost_per_hour while other teams have one: every cost figure .* counts it at 0/);
    expect(groupedWarnings(costs)).toHaveLength(1);
    const [summary] = executiveSummary(results);
    const costRows = summary.outcomes.filter((o) => o.metric.endsWith('cost_per_case'));
    expect(costRows.length).toBeGreaterThan(0);
    for (const o of summary.outcomes) expect(verdict(o).endsWith(' (see warnings)')).toBe(o.metric.endsWith('cost_per_case'));
    expect(summary.staffing?.warned).toEqual(['cost']);
    expect(summary.costLine).toContain('(see warnings)');
    const executive = workbookSheets(results)[0];
    const warnings = executive.columns.findIndex((c) => c.header === 'warnings');
    const staffingRow = executive.rows.find((r) => r[2] === 'staffing cost per week')!;
    expect(staffingRow[warnings]).toBe('cost');
  });

  test('every team costed, or none: no such warning', async () => {
    const all = await resultsOf(
      yaml(', cost_per_hour: 30', ', cost_per_hour: 45').replace(
        'contractors: { capacity: 3 }',
        'contractors: { capacity: 3, cost_per_hour: 60 }',
      ),
    );
    expect(all.warnings.filter((w) => w.code === 'cost' && w.subject === null)).toEqual([]);
    const none = await resultsOf(yaml('', ''));
    expect(none.warnings.filter((w) => w.code === 'cost')).toEqual([]);
    // s33x F24: nor cost rows of 0.00 and "staffing unchanged at 0.00 cost units": no cost figure at all, said once
    const [summary] = executiveSummary(none);
    expect(summary.staffing).toBeNull();
    expect(summary.outcomes.some((o) => o.metric.endsWith('cost_per_case'))).toBe(false);
    expect(summary.outcomes.length).toBeGreaterThan(0);
    expect(summary.costLine).toBe(NO_COSTS_GIVEN);
    expect(executiveSummary(all)[0].outcomes.some((o) => o.metric.endsWith('cost_per_case'))).toBe(true);
  });
});

// s33x F1: a team kept staffed where no case needs it is charged to no flow's cost per case
describe('a staffed team that serves no case', () => {
  test("is warned of in each variant where it is idle (its cost in no flow's cost per case), marking the cost rows", async () => {
    const costed = yaml(', cost_per_hour: 30', ', cost_per_hour: 45').replace(
      'contractors: { capacity: 3 }',
      'contractors: { capacity: 3, cost_per_hour: 60 }',
    );
    const results = await resultsOf(costed);
    const idle = results.warnings.filter((w) => w.code === 'cost');
    // the baseline's contractors and the outsourced variant's techs: 3 units x the hours after the warm-up x their rate
    expect(idle.map((w) => [w.variant, w.subject])).toEqual([
      ['baseline', 'resources.contractors'],
      ['outsourced', 'resources.techs'],
    ]);
    expect(results.variants.outsourced.resources.techs.cost.mean).toBeCloseTo(3 * 1800 * 45, 6);
    expect(idle[1].message).toBe(
      "techs is staffed but serves no case: the fully loaded cost per case charges a team's staffed cost to the flows by the working hours they use, so its cost (243,000 cost units over the 75.0 d measured window, 22,680 cost units a week) is in no flow's fully loaded cost per case, which reads that much cheaper than the staffing is (the cost per case of the hours worked leaves idle hours out by design; the staffing cost counts them); if the design does without the team, remove it in the variant's patch (resources: { techs: null }) or give it capacity 0.",
    );
    // what the warning says of the figure: in each replication, the flow's cost per case leaves out exactly the idle team's cost
    for (const [v, idleTeam] of [
      ['baseline', 'contractors'],
      ['outsourced', 'techs'],
    ] as const) {
      const rep = (path: string) => results.variants[v].replications[path];
      rep('flows.repair.cost_per_case').forEach((perCase, i) => {
        const staffed = ['desk', 'techs', 'contractors'].reduce((sum, t) => sum + rep(`resources.${t}.cost`)[i]!, 0);
        expect(perCase! * rep('flows.repair.completed')[i]!).toBeCloseTo(staffed - rep(`resources.${idleTeam}.cost`)[i]!, 6);
      });
    }
    const [summary] = executiveSummary(results);
    // the page's cost row is the cost per case of the hours worked, which leaves idle hours out by design: not marked
    // (s36c F5); the staffing cost, which pays the idle team, is, and the fully loaded cost per case would be
    expect(summary.outcomes.some((o) => o.metric === 'flows.repair.used_cost_per_case')).toBe(true);
    for (const o of summary.outcomes) expect(verdict(o).endsWith(' (see warnings)')).toBe(false);
    expect(summary.staffing!.warned).toEqual(['cost']);
    expect(warningsOnMetric(results, summary.variant, 'flows.repair.cost_per_case')).toEqual(['cost']);
    expect(warningsOnMetric(results, summary.variant, 'flows.repair.used_cost_per_case')).toEqual([]);
    // without the idle team's cost (capacity 0 in the variant, none in the baseline): no such warning
    const trimmed = await resultsOf(
      costed
        .replace('contractors: { capacity: 3, cost_per_hour: 60 }', 'contractors: { capacity: 0, cost_per_hour: 60 }')
        .replace(
          'fix: { resource: contractors } } } }',
          'fix: { resource: contractors } } } }\n      resources: { techs: { capacity: 0 }, contractors: { capacity: 3 } }',
        ),
    );
    expect(trimmed.warnings.filter((w) => w.code === 'cost')).toEqual([]);
  });
});

test("teamCosts, what bottlenecks builds for the cost warning, gives each team's cost_given as the whole inputs do", () => {
  const { set } = loadScenarioText(yaml(', cost_per_hour: 30', ''), 'costs.yaml');
  for (const scenario of [set!.baseline, set!.variants[0].scenario]) {
    const whole = variantInputs(set!.baseline, scenario).resources;
    const costs = teamCosts(scenario).resources;
    expect(Object.keys(costs)).toEqual(['desk', 'techs', 'contractors']);
    expect(costs).toEqual(
      Object.fromEntries(Object.entries(whole).map(([name, t]) => [name, t.cost_given === false ? { cost_given: false } : {}])),
    );
    expect(Object.values(costs).map((t) => t.cost_given)).toEqual([undefined, false, false]);
  }
});
