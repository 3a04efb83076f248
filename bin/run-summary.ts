// What `run` prints when it is done: the baseline's flows and teams (the catalogue's console
// metrics), the headline gains, what one more unit of each team buys, warnings, then notes.
import { shownIn } from '../engine/model/metric-catalogue.js';
import { statAt } from '../engine/results/paths.js';
import type { Results, Warning } from '../engine/results/types.js';
import { comparisonText, costsOf, duration, meanText, metricLabel, sensitivityLine } from '../reports/format.js';
import { inReadingOrder, isHeadline } from '../reports/gains.js';
import { groupedWarnings, readingNotes, warningText } from '../reports/notes.js';
import { renderTable } from './table.js';
import { asShown } from '../reports/shown-intervals.js';
import { counted } from '../engine/plural.js';
import { append } from '../engine/lists.js';
import { oneLineText } from '../engine/io/terminal-text.js';
import { fixedNumber } from '../engine/number-format.js';

/**
 * What `run` prints: the baseline's flows and teams, the headline gains, and warnings. `ran`
 * says how the replications ran when results.json's engine.workers and wall time cannot
 * (a merge: `shardsRan`); by default "2 workers, 1.9 s".
 */
export function summaryText(file: Results, ran?: string): string {
  const results = asShown(file); // the intervals asked for: Johnson's under --interval johnson
  const paired = results.interval === 'johnson' ? "Johnson's 95% paired intervals" : '95% paired intervals';
  const base = results.variants.baseline;
  const out: string[] = [];
  const reps = results.engine.replications;
  const how = ran ?? `${counted(results.engine.workers, 'worker')}, ${fixedNumber(results.engine.timing.wall_s, 1)} s`;
  out.push(
    `${oneLineText(results.scenario)}: ${counted(reps, 'replication')} of ${duration(results.horizon)} (warm-up ${duration(results.warmup)}), seed ${results.engine.seed}, ${how}`,
  );
  out.push('');
  out.push('Flows (baseline, mean over replications)');
  const flowMetrics = shownIn('flow', 'console');
  out.push(
    renderTable(
      ['flow', ...flowMetrics.map((k) => k.label)],
      Object.entries(base.flows).map(([name, f]) => [
        name,
        ...flowMetrics.map((k) => meanText(`flows.${name}.${k.stat}`, statAt(f, k.stat))),
      ]),
    ),
  );
  if (Object.keys(base.resources).length > 0) {
    out.push('');
    out.push('Teams (baseline)');
    const teamMetrics = shownIn('resource', 'console');
    out.push(
      renderTable(
        ['team', ...teamMetrics.map((k) => k.label)],
        Object.entries(base.resources).map(([name, r]) => [
          name,
          ...teamMetrics.map((k) => meanText(`resources.${name}.${k.stat}`, statAt(r, k.stat))),
        ]),
      ),
    );
  }
  const headline = inReadingOrder(results.comparisons).filter(isHeadline);
  if (headline.length > 0) {
    out.push('');
    out.push(`Gains against the baseline (${paired})`);
    out.push(
      renderTable(
        ['variant', 'KPI', 'change'],
        headline.map((c) => [c.variant, metricLabel(c.metric), comparisonText(c, costsOf(results))]),
      ),
    );
  }
  if (results.sensitivity) {
    out.push('');
    out.push(`One more unit of each team in the baseline (${paired}), largest p90 cut first`);
    for (const entry of results.sensitivity) out.push(sensitivityLine(entry, results.currency ?? null));
  }
  // a clash of names is the reports' (they label names); its warning was printed with its line where the scenario was read
  append(out, warningLines(results.warnings.filter((w) => w.code !== 'names')));
  // not a warning (results.json does not hold it) and less urgent: after the warnings, as in summary.md and report.html
  for (const note of readingNotes(results)) out.push('', `note: ${note}`);
  return out.join('\n');
}

/** The console's Warnings block (a blank line first), the same warnings grouped as the reports group them; nothing without any. */
export function warningLines(list: readonly Warning[]): string[] {
  const warnings = groupedWarnings(list);
  if (warnings.length === 0) return [];
  return [
    '',
    `Warnings (${warnings.length}): where these numbers may not mean what they seem to`,
    ...warnings.map((w) => `warning: ${warningText(w)}`),
  ];
}

/**
 * The one kind of the results' warnings `-q` does not silence: `unstable`, whose figures mean nothing
 * (no steady state: every figure of the variant depends on the horizon). `-q` prints nothing but
 * errors, these and that a report asked for is not written (too large: bin/commands/run.ts, which
 * no file would tell); advice (another round of shards, more replications), notes of what was
 * written and the other warnings, each about some figures' accuracy, are silenced, as results.json
 * and the report hold them all (README, Command line).
 */
export const SHOWN_UNDER_QUIET: ReadonlySet<Warning['code']> = new Set(['unstable']);

/** What a command run with `-q` prints of `list` on stderr, without the Warnings block's heading: a line per warning it still shows. */
export function quietWarningText(list: readonly Warning[]): string {
  return groupedWarnings(list.filter((w) => SHOWN_UNDER_QUIET.has(w.code)))
    .map((w) => `warning: ${warningText(w)}\n`)
    .join('');
}

/**
 * How a merged run's shards ran, for its first line: "3 shards, 2 workers each, the longest
 * 1.9 s", "3 shards (1, 2 and 1 workers), the longest 1.9 s", "4 shards in 2 rounds, ...".
 * Not the shards' workers summed: they may have run side by side or one after another.
 */
export function shardsRan(workers: readonly number[], rounds: number, longestSeconds: number): string {
  const shards = `${counted(workers.length, 'shard')}${rounds > 1 ? ` in ${rounds} rounds` : ''}`;
  const each = workers.every((w) => w === workers[0]);
  const threads =
    workers.length === 1
      ? `${shards}, ${counted(workers[0], 'worker')}`
      : each
        ? `${shards}, ${counted(workers[0], 'worker')} each`
        : `${shards} (${workers.slice(0, -1).join(', ')} and ${workers[workers.length - 1]} workers)`;
  return `${threads}, ${workers.length === 1 ? '' : 'the longest '}${fixedNumber(longestSeconds, 1)} s`;
}
