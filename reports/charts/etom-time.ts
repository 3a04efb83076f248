// Where the time goes by eTOM process: total hours waiting and in service, per process the
// scenario's steps are tagged with (variants.*.etom; skipped for results without it).
import type { Results } from '../../engine/results/types.js';
import { header, type Chart } from '../chart.js';
import { variantNames } from '../names.js';
import { timeSplit, waitServicePanel, type TimeSplit } from './wait-service.js';

export function etomTimeChart(results: Results): Chart | null {
  const processes = new Map<string, string>(); // id -> label, in results order
  for (const v of variantNames(results)) {
    for (const [id, block] of Object.entries(results.variants[v].etom ?? {})) processes.set(id, block.name ? `${id} ${block.name}` : id);
  }
  const splits = [...processes].flatMap(([id, label]) =>
    variantNames(results)
      .map((v) => {
        const block = results.variants[v].etom?.[id];
        return block ? timeSplit(label, v, block.wait_hours, block.service_hours) : null;
      })
      .filter((s): s is TimeSplit => s !== null),
  );
  if (splits.length === 0) return null;
  const title = 'Where the time goes, by eTOM process';
  return {
    name: 'etom-time',
    title,
    spec: {
      ...header(title, [
        'time that all cases spent in service (solid) and waiting (faded) at the steps tagged with each process,',
        'summed over the measured period; mean over the replications',
      ]),
      vconcat: [waitServicePanel(results, splits, 'time summed over all cases', null)],
    },
  };
}
