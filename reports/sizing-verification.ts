// The verification of size's choice, in words and a table (the console and sizing.html): the
// chosen staffing run again on fresh replications, away from the search's selection, which
// favours a staffing its own noise flattered. Invariant: a choice the fresh replications
// refute is never called recommended (isRecommended decides, for the exit code too; chosenLabel
// in sizing-tables.ts names it in the tables).
import { type SizingResult, targetLabel } from '../engine/results/sizing.js';
import { counted } from '../engine/plural.js';
import { metricValue, money } from './format.js';
import { boundInterval, metricCell } from './sizing-tables.js';
import { intervalName } from './shown-intervals.js';
import type { Table } from './tables.js';

type Checked = Pick<SizingResult, 'chosen' | 'verification' | 'currency' | 'replications' | 'confidence' | 'interval'>;

/**
 * The verification in a sentence; null without a chosen staffing (or a file written before the
 * check). A refuted choice leads the page and the console: it is why nothing is recommended.
 */
export function verificationNote(sizing: Checked): string | null {
  const { chosen, verification: check } = sizing;
  if (chosen === null || check === null) return null;
  const fresh = `${counted(check.replications, 'fresh replication')} (seed ${check.seed})`;
  if (check.meets) return `Verified on ${fresh}: the recommended staffing meets every target again.`;
  const missed = check.targets.filter((t) => !t.met).map((t) => `'${targetLabel(t)}'`);
  return (
    `Not recommended: the cheapest staffing found (${money(chosen.cost_per_week, sizing.currency)} per week) met every target on the search's ` +
    `${counted(sizing.replications, 'replication')}, but on ${fresh} it misses ${missed.join(', ')}: the search, choosing among many staffings, ` +
    `took one its own noise flattered. Run size with more --replications.`
  );
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
        metricValue(t.path, searched?.bound),
        searched?.met ? 'met' : 'missed',
        metricCell(sizing, t.path, check.metrics?.[t.path]),
        metricValue(t.path, t.bound),
        t.met ? 'met' : 'missed',
      ];
    }),
    numeric: [false, true, false, true, true, false],
  };
}
