// SLA attainment per flow and variant, for the flows that have an SLA. A bar is labelled with
// its own variant's SLA: a variant whose patch moves the SLA has its bars in a group of their
// own ("relax: SLA 1 day"), never under the baseline's target, as a share within 24 h is not a
// share within 8 h (s34y F5). A bar a warning concerns (a redefined SLA, cancellations that
// leave cases out of the share, a skew) is outlined as the executive page marks its row.
import type { Results } from '../../engine/results/types.js';
import { sameNumber } from '../../engine/same-number.js';
import type { Chart } from '../chart.js';
import { warningsOnMetric } from '../executive.js';
import { span, words } from '../format.js';
import { flowNames, variantNames } from '../names.js';
import { SEE_WARNINGS } from './change-bars.js';
import { shareBarsChart, shareRow, type ShareRow } from './share-bars.js';

export interface SlaRow extends ShareRow {
  /** the variant's own SLA of the flow, hours (its inputs' where results.json has them, else the baseline's `slas`) */
  sla: number;
}

/** A variant's SLA of a flow in hours: its inputs' (a patch may move it), else results.slas (files written before inputs). */
function slaOf(results: Results, variant: string, flow: string): number | null {
  const own = results.variants[variant]?.inputs?.flows[flow];
  return own !== undefined ? own.sla : (results.slas[flow] ?? null);
}

/** The chart's bars: per flow with an SLA, one per variant with its own SLA, grouped by that SLA, and the warning flag. */
export function slaRows(results: Results): SlaRow[] {
  const variants = variantNames(results);
  return flowNames(results)
    .filter((flow) => results.slas[flow] !== undefined)
    .flatMap((flow) => {
      const base = slaOf(results, variants[0], flow) ?? results.slas[flow];
      const bars = variants.flatMap((v) => {
        const sla = slaOf(results, v, flow);
        const stat = results.variants[v].flows[flow]?.sla_attainment;
        const row = stat && sla !== null ? shareRow('', v, stat) : null;
        return row === null || sla === null ? [] : [{ row, sla }];
      });
      // one group per SLA (0.1d and 2.4h are one): the baseline's first, then the others in the variants' order
      const slas: number[] = [];
      for (const s of [base, ...bars.map((b) => b.sla)]) if (!slas.some((t) => sameNumber(s, t))) slas.push(s);
      return slas.flatMap((sla) => {
        const mine = bars.filter((b) => sameNumber(b.sla, sla));
        const group = sameNumber(sla, base)
          ? `${words(flow)} (SLA ${span(sla)})`
          : `${words(flow)} (${mine.map((b) => b.row.variant).join(', ')}: SLA ${span(sla)})`;
        return mine.map(({ row }) => ({
          ...row,
          group,
          sla,
          caution: warningsOnMetric(results, row.variant, `flows.${flow}.sla_attainment`).length > 0 ? SEE_WARNINGS : null,
        }));
      });
    });
}

export function slaChart(results: Results): Chart | null {
  return shareBarsChart(results, slaRows(results), {
    name: 'sla',
    title: 'SLA attainment',
    subtitle: ["share of the completed cases that met their variant's SLA of the flow; line: 95% interval over the replications"],
    measure: 'cases within the SLA (%)',
  });
}
