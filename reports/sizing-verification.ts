// The verification of size's choice, in words and a table (the console and sizing.html): the
// chosen staffing run again on fresh replications, away from the search's selection, which
// favours a staffing its own noise flattered. Invariant: a choice the fresh replications
// refute is never called recommended (isRecommended decides, for the exit code too; chosenLabel
// in sizing-tables.ts names it in the tables).
import { isRecommended, type RefutedStaffing, type SizingResult, unitsText, targetLabel, VERIFY_STEPS } from '../engine/results/sizing.js';
import { counted } from '../engine/plural.js';
import { metricValue, money, signedMoney, valuesApart } from './format.js';
import { boundInterval, metricCell } from './sizing-tables.js';
import { intervalName } from './shown-intervals.js';
import type { Table } from './tables.js';

type Checked = Pick<SizingResult, 'chosen' | 'verification' | 'refuted' | 'currency' | 'replications' | 'confidence' | 'interval'>;

/**
 * The verification in a sentence; null without a chosen staffing (or a file written before the
 * check). A refuted choice leads the page and the console: it is why nothing is recommended.
 */
export function verificationNote(sizing: Checked): string | null {
  const { chosen, verification: check } = sizing;
  if (chosen === null || check === null) return null;
  const fresh = `${counted(check.replications, 'fresh replication')} (seed ${check.seed})`;
  const refuted = sizing.refuted ?? [];
  if (check.meets) {
    if (refuted.length === 0)
      return check.backlog_checked === true
        ? `Verified on ${fresh}: the recommended staffing meets every target again.`
        : // a file written before size recorded the check: some such files' 'confirmed' read the targets only (s36a F3)
          `Targets met again on ${fresh}; this file does not record whether that run was also checked for a backlog (it was written before size recorded the check), so its queues may not settle: run size again to verify its steady state too.`;
    const first = refuted[0];
    // a run with no steady state is no noise of the search's: more replications would not mend it
    const noise = refuted.some((r) => r.verification.outcome !== 'unstable');
    return (
      `${first.verification.outcome === 'unstable' ? 'Recommended one unit up' : 'Recommended after a refutation'}: the cheapest staffing found, ${staffingText(first, sizing)}, met every target on the search's ` +
      `${counted(sizing.replications, 'replication')}, but on ${freshText(first)} ${failedClause(first, sizing)}` +
      refuted
        .slice(1)
        .map((r) => `; so did one unit more, ${staffingText(r, sizing)}, on ${freshText(r)}: ${failedText(r, sizing)}`)
        .join('') +
      `. One unit more, ${unitsText(chosen)} at ${money(chosen.cost_per_week, sizing.currency)} per week (${signedMoney(chosen.cost_per_week - first.cost_per_week, sizing.currency)} on the search's choice), ` +
      `meets every target on ${fresh}: it is recommended.${noise ? ' Run size with more --replications for a search its noise does not flatter.' : ''}` +
      // a file written before size recorded the backlog check, as the unrefuted case above says
      (check.backlog_checked === true
        ? ''
        : ' This file does not record whether that run was also checked for a backlog (it was written before size recorded the check): run size again to verify its steady state too.')
    );
  }
  const missed = check.targets.filter((t) => !t.met).map((t) => `'${targetLabel(t)}'`);
  const found = `the cheapest staffing found (${money(chosen.cost_per_week, sizing.currency)} per week) met every target on the search's ${counted(sizing.replications, 'replication')}`;
  if (check.outcome === 'not_confirmed')
    return (
      `Not confirmed: ${found}; on ${fresh} ${missedText({ verification: check }, sizing)}: each mean meets its target, but its interval is too wide to confirm it. ` +
      'Run size with more --replications.'
    );
  if (check.outcome === 'unstable' && refuted.length <= 1)
    return (
      `Not recommended: ${found}, but on ${fresh} ${failedClause({ verification: check }, sizing)}: its queues do not settle, so its targets, ` +
      "read on the cases that completed, say nothing of those left waiting. No unit more could be tried: none is within the maximum capacities and shortens the waits on the search's replications."
    );
  const more = refuted.slice(1);
  const last = more[more.length - 1];
  const why =
    last?.verification.outcome === 'not_confirmed'
      ? ': the last has every fresh mean meeting its target, but too few replications to confirm it'
      : more.length === VERIFY_STEPS
        ? `, the most size tries (${VERIFY_STEPS})`
        : ': no unit more improves the targets missed';
  const after =
    more.length > 0
      ? ` Nor did ${more.length === 1 ? 'one unit more' : `${more.length} staffings up from it, a unit at a time`}, each on fresh replications of its own: ` +
        `${more.map((r) => `${staffingText(r, sizing)} (seed ${r.verification.seed}): ${failedText(r, sizing)}`).join('; ')}${why}.`
      : refuted.length > 0
        ? " No unit more could be tried: none is within the maximum capacities and improves the targets missed on the search's replications."
        : '';
  if (check.outcome === 'unstable')
    return (
      `Not recommended: ${found}, but on ${fresh} ${failedClause({ verification: check }, sizing)}: its queues do not settle, so its targets say nothing sure.` +
      `${after} Raise the maximum capacities, or lengthen the run's horizon where a queue near saturation needs a longer window to settle.`
    );
  return (
    `Not recommended: ${found}, but on ${fresh} it misses ${missed.join(', ')}: the search, choosing among many staffings, ` +
    `took one its own noise flattered.${after} Run size with more --replications.`
  );
}

/** A staffing and its weekly cost: "noc 0/7/7 (11,760 cost units per week)". */
function staffingText(s: Pick<RefutedStaffing, 'capacities' | 'shift_capacities' | 'cost_per_week'>, sizing: Checked): string {
  return `${unitsText(s)} (${money(s.cost_per_week, sizing.currency)} per week)`;
}

/** What the fresh replications found wrong with a staffing: no steady state and its signs (outcome 'unstable': a backlog, or a queue too near saturation to settle in the window), else the targets it missed (missedText). */
function failedText(r: Pick<RefutedStaffing, 'verification'>, sizing: Checked): string {
  if (r.verification.outcome !== 'unstable') return missedText(r, sizing);
  return `no steady state (${(r.verification.unstable ?? []).join('; ') || 'its queues do not settle'})`;
}

/** failedText as a clause: "it misses ..." or "it shows no steady state (...)". */
function failedClause(r: Pick<RefutedStaffing, 'verification'>, sizing: Checked): string {
  return `${r.verification.outcome === 'unstable' ? 'it shows' : 'it misses'} ${failedText(r, sizing)}`;
}

function freshText(r: RefutedStaffing): string {
  return `${counted(r.verification.replications, 'fresh replication')} (seed ${r.verification.seed})`;
}

/** The targets a staffing missed on fresh replications, each with by how much: "'T' (mean 0.12 h; the end of its 97.5% interval 0.23 h against 0.08 h)". */
function missedText(r: Pick<RefutedStaffing, 'verification'>, sizing: Checked): string {
  const { targets, metrics } = r.verification;
  return targets
    .filter((t) => !t.met)
    .map((t) => {
      const [bound, value] = valuesApart(t.path, t.bound, t.value);
      return `'${targetLabel(t)}' (mean ${metricValue(t.path, metrics?.[t.path]?.mean)}; the end of its ${boundInterval(sizing)} ${bound} against ${value})`;
    })
    .join(', ');
}

/** An interval's end in a table cell, as the column's other cells read, unless it then reads as its target though it is not: to the digits that tell them apart. */
function endText(path: string, end: number | null | undefined, target: number): string {
  const text = metricValue(path, end);
  return end !== null && end !== undefined && end !== target && text === metricValue(path, target)
    ? valuesApart(path, end, target)[0]
    : text;
}

/** Per target: the search's check of the chosen staffing beside the fresh replications' (mean, interval, the end checked). */
export function verificationTable(sizing: Checked): Table | null {
  const { chosen, verification: check } = sizing;
  if (chosen === null || check === null) return null;
  const ends = boundInterval(sizing);
  return {
    title: `Verification on ${counted(check.replications, 'fresh replication')} (seed ${check.seed}), against the search's ${counted(sizing.replications, 'replication')}`,
    head: [
      'target',
      `search: end of its ${ends}`,
      'search',
      `fresh: mean [95% ${intervalName(sizing.interval)}]`,
      `fresh: end of its ${ends}`,
      'fresh',
    ],
    rows: check.targets.map((t, i) => {
      const searched = chosen.targets[i];
      return [
        targetLabel(t),
        endText(t.path, searched?.bound, t.value),
        searched?.met ? 'met' : 'missed',
        metricCell(sizing, t.path, check.metrics?.[t.path]),
        endText(t.path, t.bound, t.value),
        t.met ? 'met' : 'missed',
      ];
    }),
    numeric: [false, true, false, true, true, false],
  };
}

/** Whether the verification leads the console and the page: a refuted choice, or a recommendation made after one. */
export function verificationLeads(sizing: Pick<SizingResult, 'chosen' | 'verification' | 'refuted'>): boolean {
  return sizing.chosen !== null && (!isRecommended(sizing) || (sizing.refuted ?? []).length > 0);
}
