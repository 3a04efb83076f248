import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { escapeHtml } from '../../reports/html.js';
import { buildReport } from '../../reports/index.js';
import { markdownText } from '../../reports/markdown.js';
import { asShown } from '../../reports/shown-intervals.js';
import { kpiTables } from '../../reports/tables.js';
import { comparisonRows } from '../../reports/csv.js';
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
      'fully loaded cost per case (EUR)',
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

describe('an interval not symmetric about its mean, in report.html and summary.md', () => {
  /** report.html, summary.md and the KPI table `table` (of the results as shown) each hold the row `name`, `variant`, ...`cells`. */
  async function expectRow(results: Results, table: 'Flows' | 'Teams', name: string, variant: string, cells: string[]) {
    const files = await buildReport(results, ['html', 'md']);
    const html = `<tr>${[name, variant, ...cells].map((c, i) => `<td${i >= 2 ? ' class="number"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
    const md = `| ${[name, variant, ...cells].map(markdownText).join(' | ')} |`;
    expect(files.get('report.html')).toContain(html);
    expect(files.get('summary.md')).toContain(md);
    expect(kpiTables(asShown(results)).find((t) => t.title === table)!.rows).toContainEqual([name, variant, ...cells]);
  }

  test("cut to its metric's range: the desk's utilisation of 0% ± 2% reads [0.0%, 2.0%], not '0.0 ± 2.0%'; symmetric ones keep ±", async () => {
    // the fixture's interval of the automated desk is [-2%, 2%], shown from 0
    await expectRow(smallResults(), 'Teams', 'desk', 'redesign', ['0.0% [0.0%, 2.0%]', '3.00 ± 0.50', '2.00 ± 0.30 h', '3,840']);
    await expectRow(smallResults(), 'Teams', 'desk', 'baseline', ['50.0 ± 2.0%', '3.00 ± 0.50', '2.00 ± 0.30 h', '3,840']);
  });

  test("Johnson's, under --interval johnson: a skewed mean cycle time reads [51.5 h, 54.9 h], a symmetric one ±", async () => {
    const results = smallResults();
    results.interval = 'johnson';
    for (const c of results.comparisons)
      Object.assign(c, { ci95_johnson: c.ci95, significant_johnson: c.significant, significant_adjusted_johnson: c.significant_adjusted });
    const flow = results.variants.baseline.flows.order;
    for (const s of [flow.throughput_per_day, flow.wip, flow.cycle_time.p90, flow.sla_attainment!, flow.cost_per_case!])
      s.ci95_johnson = s.ci95;
    flow.cycle_time.mean.ci95_johnson = [51.5, 54.9]; // its t interval [51.1, 53.1]
    await expectRow(results, 'Flows', 'order', 'baseline', [
      '12.0 ± 0.50',
      '20.0 ± 1.00',
      '52.1 h [51.5 h, 54.9 h]',
      '3.33 ± 0.08 d',
      '80.0 ± 5.0%',
      '150 ± 10.0',
    ]);
  });
});

// s34y F3: a team's cost is a total over the measured window, a flow's per case; both in the
// scenario's currency. Bare, "1,424,800" beside the executive page's "GBP 84,400 per week" read as a week's.
describe('costs say what they are in', () => {
  const withCosts = (): Results => {
    const r = smallResults(); // EUR, horizon 96 h, warm-up 24 h: a 3-day window
    r.comparisons.push({ ...r.comparisons[0], metric: 'resources.techs.cost', baseline: 3840, value: 4800, delta: 960 });
    r.comparisons.push({ ...r.comparisons[0], metric: 'flows.order.cost_per_case', baseline: 150, value: 140, delta: -10 });
    return r;
  };

  test('the KPI tables head a cost column with its currency, a team cost with its window', () => {
    const [flows, teams] = kpiTables(withCosts());
    expect(flows.head.at(-1)).toBe('fully loaded cost per case (EUR)');
    expect(teams.head.at(-1)).toBe('cost (EUR, over the 3.00 d measured window)');
  });

  test('a file with the used cost per case and the idle cost (from 2026-12-04) has their columns; an older file has none (no empty one)', () => {
    const r = withCosts();
    for (const v of Object.values(r.variants)) {
      v.flows.order.used_cost_per_case = { mean: 120, sd: 5, n: 3, ci95: [110, 130] };
      for (const t of Object.values(v.resources)) t.idle_cost = { mean: 1920, sd: 0, n: 3, ci95: [1920, 1920] };
    }
    const [flows, teams] = kpiTables(r);
    expect(flows.head.slice(-2)).toEqual(['fully loaded cost per case (EUR)', 'cost per case of the hours worked (EUR)']);
    expect(flows.rows[0].slice(-2)).toEqual(['150 ± 10.0', '120 ± 10.0']);
    expect(teams.head.slice(-2)).toEqual([
      'cost (EUR, over the 3.00 d measured window)',
      'idle cost (EUR, over the 3.00 d measured window)',
    ]);
    // a team without cost_per_hour: its idle cost unknown, as its cost
    r.variants.baseline.inputs!.resources.desk = { ...r.variants.baseline.inputs!.resources.desk, cost_per_hour: 0, cost_given: false };
    expect(kpiTables(r)[1].rows[0].slice(-2)).toEqual(['no cost given', 'no cost given']);
    expect(kpiTables(withCosts())[0].head).not.toContain('cost per case of the hours worked (EUR)');
  });

  test('the gains table and comparisons.csv give a cost in its currency, a team cost with its window', () => {
    const r = withCosts();
    const gains = kpiTables(r).find((t) => t.title === 'Gains against the baseline')!;
    const row = (label: string) => gains.rows.find((x) => x[1] === label)!.slice(1, 4);
    expect(row('techs · cost (EUR, over the 3.00 d measured window)')).toEqual([
      'techs · cost (EUR, over the 3.00 d measured window)',
      'EUR 3,840',
      'EUR 4,800',
    ]);
    expect(row('order · fully loaded cost per case (EUR)')).toEqual(['order · fully loaded cost per case (EUR)', 'EUR 150', 'EUR 140']);
    const text = comparisonRows(r).find((c) => c.metric === 'resources.techs.cost')!.text;
    expect(text.startsWith('EUR 3,840 → EUR 4,800, ')).toBe(true);
    // without a currency: cost units, as the executive page says
    r.currency = null;
    expect(
      comparisonRows(r)
        .find((c) => c.metric === 'flows.order.cost_per_case')!
        .text.startsWith('150 cost units → 140 cost units, '),
    ).toBe(true);
  });
});
