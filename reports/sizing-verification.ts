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
      notConfirmedAdvice(check.replications, sizing.replications)
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
    `took one its own noise flattered.${after} ${last?.verification.outcome === 'not_confirmed' ? notConfirmedAdvice(last.verification.replications, sizing.replications) : 'Run size with more --replications.'}`
  );
}

/**
 * What to do about a choice not confirmed. Where the fresh run had more replications than the search, the search's
 * wider interval left a margin that more --replications make good. Where it had as many (the search's 10 or more),
 * the choice is the first staffing whose own interval's end met the target, and an independent run of as many
 * replications ends as favourably only about half the time, whatever their number: a fine utilisation cap of a large
 * team (`<= 1%` of 8 erlangs, some 800 agents, whose one unit moves it by about a thousandth of itself) was confirmed in
 * 2 of 8 seeds at `-r 10` (4 not confirmed, 2 refuted and their units more not confirmed), against 23 of 24 runs at `-r 2`
 * (caps of 1, 3 and 5%), whose fresh run has five times the search's replications (session 63). The same holds of a
 * unit more after a refutation, the last not confirmed.
 */
function notConfirmedAdvice(fresh: number, searched: number): string {
  // a search on r of the fresh run's 10 leaves its choice the margin of its wider interval: a choice right at the
  // target's margin (its search interval's end on it) confirmed in 93% of cases for r = 2, 75% for 5, 58% for 8 and
  // 50% for 10 (session 63: normal replications, t intervals, 20,000 draws each)
  if (fresh > searched)
    return `Run size with more --replications, up to about half the fresh run's ${fresh}: with as many, a choice at the target's margin is confirmed about as often as not.`;
  return (
    `The search's choice is the first staffing whose own interval's end met the target, and this check ran as many replications as the search: ` +
    "a fresh run as long puts its interval's end past the target about as often as not, so more --replications alone need not settle it. " +
    "Run the choice with 'etomsim run' on more replications (its units set in the scenario) to see how far inside the target it is, or take a margin: a unit or more above it, or a target a little less tight."
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
      // the mean to the digits that tell it from the target (a utilisation cap's 0.985% read "1.0%" against 1%)
      const mean = valuesApart(t.path, metrics?.[t.path]?.mean, t.value)[0];
      return `'${targetLabel(t)}' (mean ${mean}; the end of its ${boundInterval(sizing)} ${bound} against ${value})`;
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
