// Where the time goes, per step of each flow: mean wait in the queue and mean service per visit.
import type { Results } from '../../engine/results/types.js';
import { header, type Chart, type Panel } from '../chart.js';
import { words } from '../format.js';
import { explainedNote, explainedVariants } from '../colors.js';
import { flowNames } from '../names.js';
import { timeSplit, waitServicePanel, type TimeSplit } from './wait-service.js';

function flowSplits(results: Results, flow: string): TimeSplit[] {
  const variants = explainedVariants(results);
  const steps = [...new Set(variants.flatMap((v) => Object.keys(results.variants[v].flows[flow]?.nodes ?? {})))];
  return steps.flatMap((step) =>
    variants
      .map((v) => {
        const node = results.variants[v].flows[flow]?.nodes[step];
        return node ? timeSplit(words(step), v, node.wait, node.service) : null;
      })
      .filter((s): s is TimeSplit => s !== null),
  );
}

export function timeSplitChart(results: Results): Chart | null {
  const panels = flowNames(results)
    .map((flow) => [flow, flowSplits(results, flow)] as const)
    .filter(([, splits]) => splits.length > 0)
    .map(([flow, splits]): Panel => waitServicePanel(results, splits, 'mean time per visit', words(flow)));
  if (panels.length === 0) return null;
  const title = 'Where the time goes, step by step';
  return {
    name: 'time-split',
    title,
    spec: {
      ...header(title, [
        'mean time per visit of each step: in service (solid) and waiting in the queue, off shift included (faded)',
        ...explainedNote(results),
      ]),
      vconcat: panels,
      resolve: { scale: { color: 'shared', opacity: 'shared' } },
    },
  };
}
