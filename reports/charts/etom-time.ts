// Where a case's time goes by eTOM process: per case, the hours waiting and in service at the
// steps tagged with each process the scenario's steps carry (variants.*.etom; skipped for
// results without it). Processes where no case spends any time (decisions, forks, zero-time
// automated steps) get no row.
// Invariant: a process's time per case is its total in the measured period over the cases
// that arrived in it, of the flows whose steps carry the process; rework counts every visit.
import type { Results } from '../../engine/results/types.js';
import { header, type Chart, type Panel } from '../chart.js';
import { explainedNote, explainedVariants } from '../colors.js';
import { duration } from '../format.js';
import { variantNames } from '../names.js';
import { inUnit } from '../units.js';
import { splitUnit, waitServicePanel, type TimeSplit } from './wait-service.js';

/** The flows a process's nodes (`FLOW.NODE`) belong to, by the variant's own flows and steps. */
function flowsOf(results: Results, variant: string, nodes: string[]): string[] {
  const flows = results.variants[variant].flows;
  return Object.keys(flows).filter((f) =>
    nodes.some((n) => n.startsWith(`${f}.`) && Object.hasOwn(flows[f].nodes ?? {}, n.slice(f.length + 1))),
  );
}

/** Per process and variant, hours waiting and in service per case; processes with no time in any variant left out. */
export function etomPerCase(results: Results): TimeSplit[] {
  const processes = new Map<string, string>(); // id -> label, in results order
  for (const v of variantNames(results)) {
    for (const [id, block] of Object.entries(results.variants[v].etom ?? {})) processes.set(id, block.name ? `${id} ${block.name}` : id);
  }
  const rows = [...processes].map(([id, label]) =>
    variantNames(results).flatMap((v): TimeSplit[] => {
      const block = results.variants[v].etom?.[id];
      if (!block || block.wait_hours.mean === null || block.service_hours.mean === null) return [];
      const cases = flowsOf(results, v, block.nodes).reduce((n, f) => n + (results.variants[v].flows[f].arrived.mean ?? 0), 0);
      if (!(cases > 0)) return [];
      return [{ group: label, variant: v, wait: block.wait_hours.mean / cases, service: block.service_hours.mean / cases }];
    }),
  );
  return rows.filter((splits) => splits.some((s) => s.wait + s.service > 0)).flat();
}

/**
 * The bars, each labelled with its total at its end: a process where cases spend minutes next
 * to one where they spend days still reads, instead of showing an empty-looking row.
 */
function labelledPanel(results: Results, splits: TimeSplit[]): Panel {
  const { data, mark, encoding, ...view } = waitServicePanel(results, splits, 'time per case', null);
  const unit = splitUnit(splits);
  const totals = splits.map((s) => ({
    group: s.group,
    variant: s.variant,
    time: inUnit(s.wait + s.service, unit),
    label: duration(s.wait + s.service),
  }));
  return {
    ...view,
    layer: [
      { data, mark, encoding },
      {
        data: { values: totals },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, color: '#374151' },
        encoding: { y: encoding?.y, yOffset: encoding?.yOffset, x: { field: 'time', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as Panel;
}

export function etomTimeChart(results: Results): Chart | null {
  const drawn = new Set(explainedVariants(results));
  const splits = etomPerCase(results).filter((s) => drawn.has(s.variant));
  if (splits.length === 0) return null;
  const title = 'Where the time goes, by eTOM process';
  return {
    name: 'etom-time',
    title,
    spec: {
      ...header(title, [
        'per case: time in service (solid) and waiting (faded) at the steps tagged with each process, rework included,',
        'over the cases of the flows that carry it; mean over the replications; processes where cases spend no time are left out',
        ...explainedNote(results),
      ]),
      vconcat: [labelledPanel(results, splits)],
    },
  };
}
