// `etomsim size`: the cheapest capacities of the named teams whose results meet every
// --target with 95% confidence; prints the chosen staffing, its KPIs and the candidates
// tried, and with --out writes DIR/sizing.json and the chart DIR/sizing.vl.json.
import { join } from 'node:path';
import { sizeTeams, SizingError } from '../../engine/analysis/sizing.js';
import { failedOutcome, type SizingCandidate, type SizingResult, type TargetOutcome } from '../../engine/results/sizing.js';
import { TargetError } from '../../engine/analysis/targets.js';
import { checkOutputDir, writeAtomically, type OutputFiles } from '../../engine/io/atomic.js';
import { EXIT, UsageError } from '../errors.js';
import { metricLabel, metricValue, money, signedMoney } from '../../reports/format.js';
import {
  boundInterval,
  candidatesTable,
  chosenLabel,
  currentNote,
  shownKpi,
  metricCell,
  noWorkNote,
  otherPlacementNote,
  placementNote,
  SHIFT_COLUMNS_NOTE,
  shiftTable,
  staffingCell,
  targetRule,
  uncostedNote,
  unstableOnlyNote,
  wholeRosterNote,
} from '../../reports/sizing-tables.js';
import { verificationLeads, verificationNote, verificationTable } from '../../reports/sizing-verification.js';
import { cycleTimeLines, fragileTeamLines, unitsReasonLines } from '../../reports/sizing-explanation.js';
import { append } from '../../engine/lists.js';
import { isRecommended, targetLabel } from '../../engine/results/sizing.js';
import { intervalName } from '../../reports/shown-intervals.js';
import { Progress } from '../progress.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';
import { runnerFor, type RunnerChoice } from '../runner.js';
import { optimiseReportLater, restoreV8ForCodeCaches } from '../v8-flags.js';
import { whileStoppable } from '../stop-signals.js';
import { loadForCommand } from '../scenario-input.js';
import { renderTable } from '../table.js';
import { chosenScenario } from './chosen-variant.js';
import { counted } from '../../engine/plural.js';
import { terminalText } from '../../engine/io/terminal-text.js';
import type { IntervalMethod } from '../../engine/stats/summary.js';

export interface SizeOptions extends RunnerChoice {
  scenario: string;
  targets: string[];
  resources?: string[];
  variant?: string;
  maxCapacity?: number;
  perShift?: boolean;
  /** 'johnson': targets checked on Johnson's modified-t intervals (SizingOptions.interval) */
  interval?: IntervalMethod;
  replications?: number;
  seed?: number;
  out?: string;
  quiet: boolean;
  /** cases in progress at once past which a replication stops the command (engine/sim/run-limits.ts) */
  maxWip?: number;
}

export async function sizeCommand(opts: SizeOptions): Promise<number> {
  if (opts.targets.length === 0) throw new UsageError('give at least one --target, e.g. --target "flows.NAME.cycle_time.p90 <= 5d"');
  const set = loadForCommand(opts.scenario, opts.quiet);
  if (opts.out !== undefined) checkOutputDir(opts.out); // a bad --out fails now, not after the search
  const base = chosenScenario(set, opts.variant);
  const replications = opts.replications ?? base.scenario.run.replications;
  if (replications < 2)
    // one replication has no interval: "met" would be its mean alone, a coin flip at the bound
    throw new UsageError(
      `size checks each target at the unfavourable end of its 95% interval, which needs at least 2 replications per candidate (got 1, from ${opts.replications === undefined ? `run.replications in ${opts.scenario}` : '--replications 1'}): give --replications 2 or more`,
    );
  const seed = opts.seed ?? base.scenario.run.seed;
  const enabled = !opts.quiet && process.stderr.isTTY === true;
  let progress = new Progress(enabled);
  let sizing: SizingResult;
  const runner = await runnerFor(opts);
  // a stop signal stops the workers (bin/runner.ts) and exits (bin/stop-signals.ts); said as run says it, but under -q
  const stoppable = whileStoppable((signal) => {
    progress.clear();
    // SIGHUP: the terminal is gone, with nothing to read the line; -q: nothing but errors (README, Command line)
    if (signal !== 'SIGHUP' && !opts.quiet) process.stderr.write('interrupted: stopping the workers; no output written\n');
  });
  try {
    sizing = await sizeTeams(base.scenario, {
      targets: opts.targets,
      resources: opts.resources ?? null,
      maxCapacity: opts.maxCapacity ?? null,
      perShift: opts.perShift === true,
      interval: opts.interval ?? 't',
      replications,
      seed,
      workers: runner.workers,
      runner,
      maxWip: opts.maxWip,
      onProgress: (done, total) => {
        // a new batch of candidates (each tells 0 done as it begins): a fresh count and estimate of the time left;
        // before session 53 made at its first replication's end, whose time the estimate then left out
        if (done === 0) {
          progress.clear();
          progress = new Progress(enabled);
        }
        progress.update(done, total);
      },
    });
  } catch (err) {
    if (err instanceof TargetError || err instanceof SizingError) throw new UsageError(err.message);
    throw err;
  } finally {
    stoppable();
    progress.clear();
    await runner.close();
  }
  const written: string[] = [];
  if (opts.out !== undefined) {
    const files: OutputFiles = new Map([['sizing.json', JSON.stringify(sizing, null, 2) + '\n']]);
    const { sizingFiles } = await import('../../reports/sizing-page.js'); // vega loads only when a chart is drawn
    optimiseReportLater(); // before the chart's script loads: it takes its code cache under it (bin/v8-flags.ts)
    try {
      for (const [name, data] of await sizingFiles(sizing)) files.set(name, data);
    } finally {
      restoreV8ForCodeCaches();
    }
    writeAtomically(opts.out, files, 'size');
    for (const name of files.keys()) written.push(join(opts.out!, name));
  }
  if (!opts.quiet) process.stdout.write(terminalText(sizingText(sizing, base.name, written)) + '\n');
  // a choice its fresh replications refuted is no recommendation: exit 3, as when none meets the targets
  return isRecommended(sizing) ? EXIT.ok : EXIT.unmet;
}

function sizingText(sizing: SizingResult, variant: string, written: string[]): string {
  const out: string[] = [];
  out.push(
    `Sizing ${sizing.resources.join(', ')} for ${sizing.scenario} (${variant}): ${counted(sizing.replications, 'replication')} per candidate, seed ${sizing.seed}`,
  );
  out.push(targetRule(sizing));
  const uncosted = uncostedNote(sizing);
  if (uncosted !== null) out.push(uncosted);
  const idle = noWorkNote(sizing);
  if (idle !== null) out.push(idle);
  const kept = currentNote(sizing);
  if (kept !== null) out.push(kept);
  out.push('');
  const { chosen, current } = sizing;
  if (chosen === null) {
    const caps = sizing.resources.map((r) => `${r} <= ${sizing.max_capacity[r]}`).join(', ');
    const backlog = unstableOnlyNote(sizing);
    out.push(
      `No staffing within the maximum capacities (${caps}) meets every target${backlog === null ? '' : ' and keeps up with its work'}.`,
    );
    if (backlog !== null) out.push(backlog);
    if (sizing.candidates.length <= 1) {
      const bounds = sizing.resources.map((r) => `${r} ${sizing.lower_bounds[r]}`).join(', ');
      out.push(`The offered load alone needs more units than that (lower bounds: ${bounds}), so no larger staffing was simulated.`);
    }
    for (const d of sizing.diagnosis) {
      const staffing = Object.entries(d.best_capacities)
        .map(([team, c]) => `${team} ${d.best_shift_capacities?.[team]?.join('/') ?? c}`)
        .join(', ');
      const best =
        d.best_mean === null
          ? 'no value (no case observed)'
          : `${metricValue(d.path, d.best_mean)} (the end of its ${boundInterval(sizing)}: ${metricValue(d.path, d.best_bound)})`;
      out.push('');
      const limits = d.limits.length > 0 ? ' What limits it:' : '';
      out.push(
        `Target '${targetLabel(d)}' cannot be met: the best reached is ${best}, with ${staffing || 'the current staffing'}.${limits}`,
      );
      for (const limit of d.limits) out.push(`  - ${limit}`);
    }
    if (sizing.shifts.length > 0) {
      out.push('');
      out.push(shiftText(sizing));
    }
    out.push('');
    out.push(closingAdvice(sizing));
  } else {
    const label = chosenLabel(sizing);
    const refuted = !isRecommended(sizing);
    const leads = verificationLeads(sizing);
    if (leads) out.push(verificationNote(sizing)!, ''); // why nothing is recommended, or why not the search's choice, leads
    const diff = sizing.cost_difference_per_week!;
    // the hourly rate beside the staffing it is of, and the difference in its own words (s33x F13:
    // "+1,680 a week, 40.0 per hour" read as the difference's rate)
    out.push(
      `${refuted ? `The search's choice, ${label}` : 'Recommended staffing'}: ${money(chosen.cost_per_week, sizing.currency)} per week (${money(chosen.cost_per_hour, sizing.currency)} an hour on average) ` +
        `against ${money(current.cost_per_week, sizing.currency)} now: ${signedMoney(diff, sizing.currency)} a week (${signedMoney(diff / HOURS_PER_WEEK, sizing.currency)} an hour)`,
    );
    out.push(
      renderTable(
        ['team', 'current', label, 'lower bound', 'maximum'],
        sizing.resources.map((r) => [
          r,
          staffingCell(current, r),
          staffingCell(chosen, r),
          String(sizing.min_capacity?.[r] ?? sizing.lower_bounds[r]),
          String(sizing.max_capacity[r]),
        ]),
      ),
    );
    const rosters = wholeRosterNote(sizing);
    if (rosters !== null) out.push(rosters);
    append(out, unitsReasonLines(sizing));
    if (sizing.shifts.length > 0) {
      out.push('');
      out.push(shiftText(sizing));
    }
    out.push('');
    out.push(`KPIs, current and ${label} (mean [95% ${intervalName(sizing.interval)}])`);
    out.push(
      renderTable(
        ['metric', 'current', label, 'target'],
        Object.keys(chosen.metrics)
          .filter((path) => shownKpi(path, chosen.targets))
          .map((path) => [
            metricLabel(path),
            metricCell(sizing, path, current.metrics[path]),
            metricCell(sizing, path, chosen.metrics[path]),
            targetCell(chosen.targets, path),
          ]),
      ),
    );
    const explained = [...cycleTimeLines(sizing), ...fragileTeamLines(sizing)];
    if (explained.length > 0) append(out, ['', ...explained]);
    const check = verificationTable(sizing);
    if (check !== null) {
      out.push('');
      if (!leads) out.push(verificationNote(sizing)!);
      out.push(check.title, renderTable(check.head, check.rows));
    }
  }
  out.push('');
  const marked = sizing.candidates.some((c) => c.ineligible !== undefined);
  const placedOut = sizing.candidates.some((c) => c.other_placement !== undefined);
  const backlogs = sizing.candidates.some(
    (c) => c !== chosen && c.ineligible === undefined && c.other_placement === undefined && c.unstable !== undefined,
  );
  // r refuted, n not confirmed: the staffings the fresh replications did not confirm, other than the chosen one (*)
  const failed = (c: SizingCandidate) => (c === chosen ? null : failedOutcome(sizing, c));
  const shown = new Set(sizing.candidates.map(failed));
  out.push(
    `Candidates tried (${sizing.candidates.length}, in the order evaluated${chosen === null ? '' : '; * chosen'}${shown.has('refuted') ? '; r refuted on fresh replications' : ''}${shown.has('not_confirmed') ? '; n not confirmed on fresh replications (an interval too wide)' : ''}${shown.has('unstable') ? '; b no steady state on fresh replications (a backlog, or a queue too near saturation to settle)' : ''}${marked ? '; x the current staffing, which cannot be recommended (above)' : ''}${placedOut ? "; p run under another placement of the intervals' loads, which the final one rules out (above): never chosen" : ''}${backlogs ? '; u unstable: offered at least its capacity, never chosen' : ''})`,
  );
  const table = candidatesTable(sizing, (c) => {
    const outcome = failed(c);
    if (c === chosen) return '*';
    if (outcome !== null) return { refuted: 'r', not_confirmed: 'n', unstable: 'b', confirmed: '' }[outcome];
    return c.ineligible !== undefined ? 'x' : c.other_placement !== undefined ? 'p' : c.unstable !== undefined ? 'u' : '';
  });
  out.push(renderTable(table.head, table.rows));
  if (written.length > 0) {
    out.push('');
    out.push(`wrote ${written.join(', ')}`);
  }
  return out.join('\n');
}

/** Per team and shift: the Erlang C staffing, the current and recommended capacities and their weekly costs. */
function shiftText(sizing: SizingResult): string {
  const table = shiftTable(sizing);
  const placement = placementNote(sizing);
  const placedOut = otherPlacementNote(sizing);
  const searched = Object.entries(sizing.erlang_c_exact ?? {}).flatMap(([team, exact]) =>
    exact
      ? []
      : [`${team}: the covering search reached its budget; its Erlang C column is the cheapest covering found, not proven cheapest`],
  );
  return [
    `${table.title} (${SHIFT_COLUMNS_NOTE}; the candidates below list a team's shifts as a/b in the roster's order)`,
    renderTable(table.head, table.rows),
    ...searched,
    ...(placement === null ? [] : [placement]),
    ...(placedOut === null ? [] : [placedOut]),
  ].join('\n');
}

function targetCell(targets: TargetOutcome[], path: string): string {
  return targets
    .filter((t) => t.path === path)
    .map((t) => `${t.op} ${metricValue(path, t.value)} ${t.met ? 'met' : 'missed'}`)
    .join('; ');
}

/**
 * What to do when no staffing meets the targets: only the remedies of the limits found (their
 * `causes`), then relaxing the targets; every remedy when none is known (a file without causes,
 * or no limit found).
 */
export function closingAdvice(sizing: SizingResult): string {
  const remedies: Record<string, string> = {
    interval: 'run size with more --replications',
    maximum: 'raise --max-capacity or max_capacity',
    not_sized: 'size more teams with --resources',
    off_shift: 'lengthen the shifts or calendars',
  };
  // the interval's width is known only from the means: never assumed of a file without causes
  const assumed = Object.keys(remedies).filter((cause) => cause !== 'interval');
  const found = new Set(sizing.diagnosis.flatMap((d) => d.causes ?? assumed));
  if (sizing.diagnosis.every((d) => (d.causes ?? []).length === 0)) for (const cause of assumed) found.add(cause);
  const parts = [...Object.entries(remedies).flatMap(([cause, text]) => (found.has(cause) ? [text] : [])), 'relax the targets'];
  const text = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')}, or ${parts[parts.length - 1]}`;
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
