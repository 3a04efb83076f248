// Cycle-time breakdown per flow: where a completed case's time went along its critical path
// (in service, waiting in a queue, waiting off shift, automated), stacked, one bar per variant.
// The forks' slack (`join`) is not on the critical path, so it is not part of the stack.
// Colour is the part here, not the variant: the variant names the bar on the axis.
import type { FlowBlock, Results } from '../../engine/results/types.js';
import { header, namesAxis, panelTitle, plotWidth, type Chart, type Panel } from '../chart.js';
import { words } from '../format.js';
import { flowNames, variantNames } from '../names.js';
import { inUnit, unitFor } from '../units.js';
import { largest } from '../../engine/lists.js';

type Part = Exclude<keyof FlowBlock['breakdown'], 'join'>;

/** Working parts in purples, waiting parts in browns, so that the two families read at a glance. */
const PARTS: { key: Part; label: string; color: string }[] = [
  { key: 'service', label: 'in service', color: '#54278f' },
  { key: 'automated', label: 'automated steps', color: '#9e9ac8' },
  { key: 'wait', label: 'waiting in a queue', color: '#8c510a' },
  { key: 'off_shift', label: 'waiting off shift', color: '#d8b365' },
];

export interface BreakdownRow {
  variant: string;
  part: string;
  order: number;
  /** hours per completed case */
  hours: number;
}

export function breakdownRows(variant: string, flow: FlowBlock): BreakdownRow[] {
  if (!flow.breakdown) return [];
  return PARTS.flatMap(({ key, label }, order) => {
    const mean = flow.breakdown[key]?.mean;
    return mean == null ? [] : [{ variant, part: label, order, hours: mean }];
  });
}

function flowPanel(results: Results, flow: string): Panel | null {
  const rows = variantNames(results).flatMap((v) => {
    const block = results.variants[v].flows[flow];
    return block ? breakdownRows(v, block) : [];
  });
  if (rows.length === 0) return null;
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const totals = variants.map((v) => rows.filter((r) => r.variant === v).reduce((s, r) => s + r.hours, 0));
  const unit = unitFor(largest(totals));
  // the variants on the axis beside the parts' legend: a name of 60 characters made the chart 1,048 px wide at full
  // width, and one in capitals 1,149, past report.html's column (s63E)
  const width = plotWidth(
    variants,
    PARTS.map((p) => p.label),
  );
  return {
    title: panelTitle(words(flow), width),
    width,
    height: { step: 26 },
    data: { values: rows.map((r) => ({ ...r, time: inUnit(r.hours, unit) })) },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: 'variant',
        type: 'nominal',
        sort: variants,
        title: null,
        ...namesAxis(
          variants,
          PARTS.map((p) => p.label),
        ),
      },
      x: { field: 'time', type: 'quantitative', stack: 'zero', title: `time per completed case (${unit.name})` },
      color: {
        field: 'part',
        type: 'nominal',
        scale: { domain: PARTS.map((p) => p.label), range: PARTS.map((p) => p.color) },
        legend: { title: 'part of the cycle time' },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'variant', type: 'nominal' },
        { field: 'part', type: 'nominal' },
        { field: 'time', type: 'quantitative', title: unit.name, format: '.2f' },
      ],
    },
  };
}

export function breakdownChart(results: Results): Chart | null {
  const panels = flowNames(results)
    .map((flow) => flowPanel(results, flow))
    .filter((p): p is Panel => p !== null);
  if (panels.length === 0) return null;
  const title = 'Cycle-time breakdown';
  return {
    name: 'breakdown',
    title,
    spec: {
      ...header(title, [
        'where the time of a completed case went along its critical path (the slowest branch of each fork),',
        'mean over the replications; the parts add up to the mean cycle time',
      ]),
      vconcat: panels,
      resolve: { scale: { color: 'shared' } },
    },
  };
}
