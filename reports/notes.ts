// What a reader should know before trusting the numbers: the run's setup in one sentence, the
// warnings the CLI prints, kept with the report that a manager will read instead, and the notes.
// Invariant: a warning (cautions) says a figure may not mean what it seems to; a note (readingNotes)
// says how to read figures that are right (the 2-replication intervals), so every output shows the
// two apart (the console's `note:`, summary.md's and report.html's notes after the warnings, a slide
// of their own, the workbook's Notes sheet), each from these two lists alone.
import type { Results, Warning } from '../engine/results/types.js';
import { duration, pct } from './format.js';
import { counted } from '../engine/plural.js';

/** "20 replications of 200 d each, the first 14.0 d discarded as warm-up; seed 2026; etomsim 0.1.0" */
export function runSummary(results: Results): string {
  return `${replicationsText(results)}; seed ${results.engine.seed}; ${results.engine.name} ${results.engine.version}`;
}

/**
 * "20 replications of 200 d each, the first 14.0 d discarded as warm-up": the report's first line
 * and its Assumptions say it alike. The horizon is a replication's whole length, the warm-up
 * inside it ("200 d each after a warm-up of 14.0 d" read as 214 d run, 200 measured).
 */
export function replicationsText(results: Results): string {
  const warmup = results.warmup > 0 ? `, the first ${duration(results.warmup)} discarded as warm-up` : '';
  return `${counted(results.engine.replications, 'replication')} of ${duration(results.horizon)} each${warmup}`;
}

/** The run's warnings (results.json `warnings`), one sentence each, then the cautions results.json does not hold. */
export function cautions(results: Results): string[] {
  return [...groupedWarnings(results.warnings ?? []).map(warningText), ...otherCautions(results)];
}

/**
 * What a file from before `warnings` says of its warm-up and precision, and of a lone replication (later files warn of
 * it: code `replications`).
 */
export function otherCautions(results: Results): string[] {
  const out = results.warnings ? [] : olderCautions(results);
  if (results.engine.replications < 2 && !results.warnings?.some((w) => w.code === 'replications'))
    out.push('With a single replication there are no confidence intervals: run at least two.');
  return out;
}

/**
 * The run's notes, one sentence or paragraph each: not warnings (no figure is wrong), how to read
 * the figures; none for most runs. Today the one on 2 replications' intervals (fewReplicationsNote).
 */
export function readingNotes(results: Results): string[] {
  const few = fewReplicationsNote(results);
  return few === null ? [] : [few];
}

/**
 * What 2 replications do to the changes' intervals, beside any change: a note, not a warning (the
 * intervals hold the truth 95% of the time, as at any count; results.json is unchanged). Student's
 * t with 1 degree of freedom is 12.7 standard errors, so a relative change's interval, the ratio's
 * R·exp(±t·se), reaches several times further above the change than below, where the difference's over the
 * baseline runs below -100%. From 3 replications (t 4.30) the two are of one width: no note
 * (docs/results-format.md, `delta_pct_ci95`; measured in docs/performance-notes.md, session 61).
 */
export function fewReplicationsNote(results: Results): string | null {
  if (results.engine.replications !== 2) return null;
  if (results.comparisons.length === 0 && (results.sensitivity ?? []).length === 0) return null;
  return "With 2 replications every 95% interval reaches 12.7 standard errors either side of its estimate (4.30 with 3, 2.26 with 10), and a relative change's interval, the ratio's R·exp(±12.7·se), reaches much further above the change than below it: a change of -20% with a standard error of a tenth on the log scale reads [-78%, +185%]. Only large changes can be told from chance; run at least 3 replications, better 10.";
}

/** One warning as people read it: the variants it holds for (none: the whole run). */
export interface WarningGroup {
  code: Warning['code'];
  variants: string[];
  subject: string | null;
  message: string;
}

/**
 * The warnings in their order, those that several variants share word for word said once, naming
 * them all: under common random numbers a KPI that no variant touches has the same values, and so
 * the same warning, in every variant (the bundled fiber scenario's six are four).
 */
export function groupedWarnings(warnings: readonly Warning[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>(); // a Map: a subject or message is data, whatever it spells
  for (const w of warnings) {
    const key = JSON.stringify([w.code, w.subject, w.message]);
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { code: w.code, variants: w.variant === null ? [] : [w.variant], subject: w.subject, message: w.message });
    else if (w.variant !== null && !group.variants.includes(w.variant)) group.variants.push(w.variant);
  }
  return [...groups.values()];
}

/** "more_techs: field_techs is unstable: ...", "baseline, more_techs: ..." (a warning about the whole run names no variant). */
export function warningText(g: WarningGroup): string {
  return g.variants.length === 0 ? g.message : `${g.variants.join(', ')}: ${g.message}`;
}

/** What a results file written before `warnings` existed says of its warm-up and precision. */
function olderCautions(results: Results): string[] {
  const out: string[] = [];
  const check = results.warmup_check;
  if (!check.sufficient && check.suggested_warmup !== null) {
    out.push(
      `The warm-up (${duration(check.warmup)}) is shorter than MSER-5 suggests (${duration(check.suggested_warmup)}): the start-up transient may bias the results.`,
    );
  }
  const precision = results.precision;
  if (precision && !precision.met) {
    out.push(
      `${precision.replications_needed} replications did not reach the precision asked (${pct(precision.target)}): intervals are wider than wanted.`,
    );
  }
  return out;
}
