// What a reader should know before trusting the numbers: the run's setup in one sentence, and
// the warnings the CLI prints, kept with the report that a manager will read instead.
import type { Results, Warning } from '../engine/results/types.js';
import { duration, pct } from './format.js';
import { counted } from '../engine/plural.js';

/** "20 replications of 200 d each after a warm-up of 14.0 d; seed 2026; etomsim 0.1.0" */
export function runSummary(results: Results): string {
  const reps = results.engine.replications;
  const warmup = results.warmup > 0 ? ` after a warm-up of ${duration(results.warmup)}` : '';
  return `${counted(reps, 'replication')} of ${duration(results.horizon)} each${warmup}; seed ${results.engine.seed}; ${results.engine.name} ${results.engine.version}`;
}

/** The run's warnings (results.json `warnings`), one sentence each, and a lone replication's caution. */
export function cautions(results: Results): string[] {
  const out = results.warnings ? results.warnings.map(warningText) : olderCautions(results);
  if (results.engine.replications < 2) out.push('With a single replication there are no confidence intervals: run at least two.');
  return out;
}

/** "more_techs: field_techs is unstable: ..." (a warning about the whole run has no variant). */
export function warningText(w: Warning): string {
  return w.variant === null ? w.message : `${w.variant}: ${w.message}`;
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
