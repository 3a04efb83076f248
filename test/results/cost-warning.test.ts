// A team without cost_per_hour beside teams with one: every cost figure counts it at 0, so a
// variant that moves work onto it looks cheaper than it is. The run says so once (grouped
// across variants), and the executive page marks its cost rows; not when no team has a cost.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { teamCosts, variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
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
    const costs = results.warnings.filter((w) => w.code === 'cost');
    expect(costs.map((w) => w.variant)).toEqual(['baseline', 'outsourced']);
    expect(costs[0].message).toMatch(/^contractors has no cost_per_hour while other teams have one: every cost figure .* counts it at 0/);
    expect(groupedWarnings(costs)).toHaveLength(1);
    const [summary] = executiveSummary(results);
    const costRows = summary.outcomes.filter((o) => o.metric.endsWith('.cost_per_case'));
    expect(costRows.length).toBeGreaterThan(0);
    for (const o of summary.outcomes) expect(verdict(o).endsWith(' (see warnings)')).toBe(o.metric.endsWith('.cost_per_case'));
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
    expect(all.warnings.filter((w) => w.code === 'cost')).toEqual([]);
    const none = await resultsOf(yaml('', ''));
    expect(none.warnings.filter((w) => w.code === 'cost')).toEqual([]);
    expect(executiveSummary(none)[0].staffing?.warned).toEqual([]);
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
