// The KPI tables of report.html and summary.md: per flow, per team, and every comparison
// with the baseline. Cells are text already; the page and the Markdown only lay them out.
import type { Results } from '../engine/results/types.js';
import { inReadingOrder, relativeChange } from './gains.js';
import { metricLabel, metricValue, statText, words } from './metrics.js';
import { flowNames, resourceNames, variantNames } from './names.js';

export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** per column: numbers, aligned right */
  numeric: boolean[];
}

function flowTable(results: Results): Table {
  const withSla = flowNames(results).some((f) => results.slas[f] !== undefined);
  const rows = flowNames(results).flatMap((flow) =>
    variantNames(results)
      .filter((v) => results.variants[v].flows[flow])
      .map((v) => {
        const f = results.variants[v].flows[flow];
        const path = (stat: string) => `flows.${flow}.${stat}`;
        return [
          words(flow),
          v,
          statText(path('throughput_per_day'), f.throughput_per_day),
          statText(path('wip'), f.wip),
          statText(path('cycle_time.mean'), f.cycle_time.mean),
          statText(path('cycle_time.p90'), f.cycle_time.p90),
          ...(withSla ? [statText(path('sla_attainment'), f.sla_attainment)] : []),
          statText(path('cost_per_case'), f.cost_per_case),
        ];
      }),
  );
  const head = ['flow', 'variant', 'completed per day', 'work in progress', 'mean cycle time', 'p90 cycle time', ...(withSla ? ['SLA attainment'] : []), 'cost per case'];
  return { title: 'Flows', head, rows, numeric: head.map((_, i) => i >= 2) };
}

function teamTable(results: Results): Table {
  const rows = resourceNames(results).flatMap((team) =>
    variantNames(results)
      .filter((v) => results.variants[v].resources[team])
      .map((v) => {
        const r = results.variants[v].resources[team];
        const path = (stat: string) => `resources.${team}.${stat}`;
        return [words(team), v, statText(path('utilization'), r.utilization), statText(path('queue_length'), r.queue_length), statText(path('wait'), r.wait), statText(path('cost'), r.cost)];
      }),
  );
  const head = ['team', 'variant', 'utilisation', 'queue length', 'wait', 'cost'];
  return { title: 'Teams', head, rows, numeric: head.map((_, i) => i >= 2) };
}

function gainsTable(results: Results): Table {
  const rows = inReadingOrder(results.comparisons).map((c) => [
    c.variant,
    metricLabel(c.metric),
    metricValue(c.metric, c.baseline),
    metricValue(c.metric, c.value),
    relativeChange(c),
    c.significant ? 'yes' : 'no',
  ]);
  const head = ['variant', 'KPI', 'baseline', 'variant\'s value', 'change [95% interval]', 'significant'];
  return { title: 'Gains against the baseline', head, rows, numeric: [false, false, true, true, true, false] };
}

/** Flows and teams always; the gains when there is a variant to compare. */
export function kpiTables(results: Results): Table[] {
  const tables = [flowTable(results)];
  if (resourceNames(results).length > 0) tables.push(teamTable(results));
  if (results.comparisons.length > 0) tables.push(gainsTable(results));
  return tables;
}

export const TABLE_NOTE = '± is the half-width of the 95% confidence interval of the mean over the replications; a change\'s interval is the paired one (common random numbers).';
