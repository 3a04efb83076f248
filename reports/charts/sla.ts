// SLA attainment per flow and variant, for the flows that have an SLA. A bar is labelled with
// its own variant's SLA: a variant whose patch moves the SLA has its bars in a group of their
// own ("relax: SLA 1 day"), never under the baseline's target, as a share within 24 h is not a
// share within 8 h (s34y F5). A bar a warning concerns (a redefined SLA, cancellations that
// leave cases out of the share, a skew) is outlined as the executive page marks its row.
import type { Results } from '../../engine/results/types.js';
import { sameNumber } from '../../engine/same-number.js';
import { type Chart, undrawnFlows } from '../chart.js';
import { warningsOnMetric } from '../executive.js';
import { slaText, span, workingDaysText, words } from '../format.js';
import { flowNames, variantNames } from '../names.js';
import { SEE_WARNINGS } from './change-bars.js';
import { shareBarsChart, shareRow, type ShareRow } from './share-bars.js';

export interface SlaRow extends ShareRow {
  /** the variant's own SLA of the flow, hours (its inputs' where results.json has them, else the baseline's `slas`); null for one in working days */
  sla: number | null;
  /** the same in words: "8 hours", "2 working days (office)" */
  sla_text: string;
}

/** A variant's SLA of a flow: hours (null for one in working days) and its words; its inputs' (a patch may move it), else the file's (files written before inputs). */
function slaOf(results: Results, variant: string, flow: string): { hours: number | null; text: string } | null {
  const own = results.variants[variant]?.inputs?.flows[flow];
  if (own === undefined) {
    const text = slaText(results, flow);
    return text === null ? null : { hours: results.slas[flow] ?? null, text };
  }
  if (own.sla_working_days !== undefined) return { hours: null, text: workingDaysText(own.sla_working_days) };
  return own.sla === null ? null : { hours: own.sla, text: span(own.sla) };
}

/** One target: two clock-time SLAs of the same hours (0.1d and 2.4h), or two in working days said alike. */
function sameSla(a: { hours: number | null; text: string }, b: { hours: number | null; text: string }): boolean {
  return a.hours !== null && b.hours !== null ? sameNumber(a.hours, b.hours) : a.hours === b.hours && a.text === b.text;
}

/** The chart's bars: per flow with an SLA, one per variant with its own SLA, grouped by that SLA, and the warning flag. */
export function slaRows(results: Results): SlaRow[] {
  const variants = variantNames(results);
  return flowNames(results)
    .filter((flow) => slaText(results, flow) !== null)
    .flatMap((flow) => {
      const base = slaOf(results, variants[0], flow) ?? { hours: results.slas[flow] ?? null, text: slaText(results, flow)! };
      const bars = variants.flatMap((v) => {
        const sla = slaOf(results, v, flow);
        const stat = results.variants[v].flows[flow]?.sla_attainment;
        const row = stat && sla !== null ? shareRow('', v, stat) : null;
        return row === null || sla === null ? [] : [{ row, sla }];
      });
      // one group per SLA (0.1d and 2.4h are one): the baseline's first, then the others in the variants' order
      const slas: { hours: number | null; text: string }[] = [];
      for (const s of [base, ...bars.map((b) => b.sla)]) if (!slas.some((t) => sameSla(s, t))) slas.push(s);
      return slas.flatMap((sla) => {
        const mine = bars.filter((b) => sameSla(b.sla, sla));
        const group = sameSla(sla, base)
          ? `${words(flow)} (SLA ${sla.text})`
          : `${words(flow)} (${mine.map((b) => b.row.variant).join(', ')}: SLA ${sla.text})`;
        return mine.map(({ row }) => ({
          ...row,
          group,
          sla: sla.hours,
          sla_text: sla.text,
          caution: warningsOnMetric(results, row.variant, `flows.${flow}.sla_attainment`).length > 0 ? SEE_WARNINGS : null,
        }));
      });
    });
}

export function slaChart(results: Results): Chart | null {
  // a flow with an SLA none of whose variants has a share: no case of it completed
  const undrawn = flowNames(results).filter(
    (flow) =>
      slaText(results, flow) !== null &&
      variantNames(results).every((v) => (results.variants[v].flows[flow]?.sla_attainment?.mean ?? null) === null),
  );
  return shareBarsChart(results, slaRows(results), {
    name: 'sla',
    title: 'SLA attainment',
    subtitle: [
      "share of the completed cases that met their variant's SLA of the flow; line: 95% interval over the replications",
      ...undrawnFlows(undrawn),
    ],
    measure: 'cases within the SLA (%)',
  });
}
