// Cycle-time distribution per flow: the share of cases completed within a time (an ECDF drawn
// through the percentiles 0..100), one line per variant, with the SLA as a dashed rule.
import type { Results } from '../../engine/results/types.js';
import { header, panelTitle, PANEL_WIDTH, undrawnFlows, type Chart, type Panel } from '../chart.js';
import { explainedNote, explainedVariants, variantColorEncoding } from '../colors.js';
import { round, span, words } from '../format.js';
import { flowNames } from '../names.js';
import { inUnit, unitFor } from '../units.js';
import { largest } from '../../engine/lists.js';

export interface EcdfPoint {
  variant: string;
  time: number; // in the panel's unit
  share: number;
}

/** Percentile p of the cycle time is the time within which a share p/100 of the cases complete. */
export function ecdfPoints(variant: string, percentiles: (number | null)[], hoursPerUnit: number): EcdfPoint[] {
  const points: EcdfPoint[] = [];
  percentiles.forEach((hours, p) => {
    if (hours !== null) points.push({ variant, time: round(hours / hoursPerUnit), share: p / 100 });
  });
  return points;
}

function flowPanel(results: Results, flow: string): Panel | null {
  const variants = explainedVariants(results).filter((v) =>
    results.variants[v].charts.cycle_time_percentiles[flow]?.some((x) => x !== null),
  );
  if (variants.length === 0) return null;
  const sla = results.slas[flow] as number | undefined;
  const longest = largest(
    variants.flatMap((v) => results.variants[v].charts.cycle_time_percentiles[flow].filter((x) => x !== null)),
    sla ?? 0,
  );
  const unit = unitFor(longest);
  const points = variants.flatMap((v) => ecdfPoints(v, results.variants[v].charts.cycle_time_percentiles[flow], unit.hours));
  const x = { field: 'time', type: 'quantitative' as const, title: `cycle time (${unit.name})` };
  return {
    title: panelTitle(words(flow)),
    width: PANEL_WIDTH,
    height: 220,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', title: 'share of cases completed within', axis: { format: '.0%' } },
          color: variantColorEncoding(results, variants),
          tooltip: [
            { field: 'variant', type: 'nominal' },
            { field: 'time', type: 'quantitative', title: `cycle time (${unit.name})`, format: '.2f' },
            { field: 'share', type: 'quantitative', title: 'share completed', format: '.0%' },
          ],
        },
      },
      ...(sla === undefined
        ? []
        : [
            {
              data: { values: [{ time: inUnit(sla, unit), label: `SLA ${span(sla)}` }] },
              layer: [
                { mark: { type: 'rule' as const, color: '#b91c1c', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x } },
                {
                  mark: { type: 'text' as const, color: '#b91c1c', align: 'right' as const, dx: -4, dy: 8, baseline: 'top' as const },
                  encoding: { x, y: { value: 0 }, text: { field: 'label' } },
                },
              ],
            },
          ]),
    ],
  };
}

export function cycleTimeChart(results: Results): Chart | null {
  const panels: Panel[] = [];
  const undrawn: string[] = [];
  for (const flow of flowNames(results)) {
    const panel = flowPanel(results, flow);
    if (panel === null) undrawn.push(flow);
    else panels.push(panel);
  }
  if (panels.length === 0) return null;
  const title = 'Cycle-time distribution';
  return {
    name: 'cycle-time',
    title,
    spec: {
      ...header(title, [
        'share of the completed cases that finished within each cycle time (percentiles averaged over the replications)',
        ...explainedNote(results),
        ...undrawnFlows(undrawn),
      ]),
      vconcat: panels,
    },
  };
}
