// `etomsim bottlenecks`: where the work waits, per team (utilisation, queue, wait, share of
// all waiting, Roser's sole and shifting bottleneck shares), where each flow's cycle time
// goes, and what one more unit of each team buys, ranked; optionally DIR/bottlenecks.json.
import { join } from 'node:path';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { checkOutputDir, writeAtomically } from '../../engine/io/atomic.js';
import { offeredLoadCache } from '../../engine/model/offered-load.js';
import { assessRuns, variantBlock } from '../../engine/results/build.js';
import type { BottlenecksReport } from '../../engine/results/bottlenecks.js';
import { teamCosts } from '../../engine/results/inputs.js';
import type { VariantBlock } from '../../engine/results/types.js';
import { duration, pct, relative, sensitivityLine, withInterval } from '../../reports/format.js';
import { UsageError } from '../errors.js';
import { Progress } from '../progress.js';
import { quietWarningText, warningLines } from '../run-summary.js';
import { runnerFor, type RunnerChoice } from '../runner.js';
import { loadForCommand } from '../scenario-input.js';
import { renderTable } from '../table.js';
import { chosenScenario } from './chosen-variant.js';
import { recordFrom } from '../../engine/records.js';
import { counted } from '../../engine/plural.js';
import { append } from '../../engine/lists.js';
import { oneLineText, terminalText } from '../../engine/io/terminal-text.js';
import type { IntervalMethod } from '../../engine/stats/summary.js';
import { bottlenecksAsShown, intervalName } from '../../reports/shown-intervals.js';

export interface BottlenecksOptions extends RunnerChoice {
  scenario: string;
  variant?: string;
  replications?: number;
  seed?: number;
  out?: string;
  quiet: boolean;
  /** cases in progress at once past which a replication stops the command (engine/sim/run-limits.ts) */
  maxWip?: number;
  /** 'johnson': Johnson's modified-t intervals beside the t ones, and shown */
  interval?: IntervalMethod;
}

export async function bottlenecksCommand(opts: BottlenecksOptions): Promise<number> {
  // -q silences the tables, the command's only product without --out: minutes of simulation for nothing (a script
  // after the exit status alone has `validate`); said before anything runs
  if (opts.quiet && opts.out === undefined)
    throw new UsageError(
      'bottlenecks -q without --out would simulate and show nothing (-q silences the tables): give --out DIR to write bottlenecks.json, or leave out -q to see the tables',
    );
  // the offered load, computed once for the warnings and the analysis' base
  const offeredLoads = offeredLoadCache();
  const set = loadForCommand(opts.scenario, opts.quiet, { loads: offeredLoads });
  if (opts.out !== undefined) checkOutputDir(opts.out); // a bad --out fails now, not after the runs
  const base = chosenScenario(set, opts.variant);
  const replications = opts.replications ?? base.scenario.run.replications;
  const seed = opts.seed ?? base.scenario.run.seed;
  const interval = opts.interval ?? 't';
  const progress = new Progress(!opts.quiet && process.stderr.isTTY === true);
  const runner = await runnerFor(opts);
  const analysis = await sensitivity(
    base,
    {
      replications,
      seed,
      workers: runner.workers,
      runner,
      maxWip: opts.maxWip,
      onProgress: (done, total) => progress.update(done, total),
      offeredLoads,
    },
    interval,
  ).finally(() => {
    progress.clear();
    return runner.close();
  });
  const block = variantBlock(analysis.base, interval);
  // what `run` would warn of these replications (unstable, censored, skewed, warm-up...): the tables rest on them too
  // (the block with which teams were given a cost, which the cost warning reads: not the whole inputs, bottlenecks.json has none)
  const assessed = { ...block, inputs: teamCosts(base.scenario) };
  const { warnings } = assessRuns([analysis.base], recordFrom([[analysis.base.name, assessed]]), interval, null);
  const report: BottlenecksReport = {
    scenario: base.scenario.name,
    variant: base.name,
    replications,
    seed,
    ...(interval === 'johnson' ? { interval } : {}),
    bottleneck: block.bottlenecks!.primary, // built just now; only files of old versions lack it
    resources: recordFrom(
      Object.entries(block.resources).map(([name, r]) => [
        name,
        { utilization: r.utilization, queue_length: r.queue_length, wait: r.wait, wait_share: r.wait_share, bottleneck: r.bottleneck },
      ]),
    ),
    flows: recordFrom(Object.entries(block.flows).map(([name, f]) => [name, { cycle_time: f.cycle_time.mean, breakdown: f.breakdown }])),
    sensitivity: analysis.ranking,
    warnings,
  };
  const written = opts.out === undefined ? null : join(opts.out, 'bottlenecks.json');
  if (opts.out !== undefined)
    writeAtomically(opts.out, new Map([['bottlenecks.json', JSON.stringify(report, null, 2) + '\n']]), 'bottlenecks');
  if (!opts.quiet)
    process.stdout.write(
      terminalText(
        bottlenecksText(
          bottlenecksAsShown(report),
          block,
          analysis.base.model.horizon,
          analysis.base.model.warmup,
          written,
          base.scenario.currency ?? null,
        ),
      ) + '\n',
    );
  else {
    const kept = quietWarningText(report.warnings ?? []);
    if (kept !== '') process.stderr.write(terminalText(kept));
  }
  return 0;
}

function bottlenecksText(
  report: BottlenecksReport,
  block: VariantBlock,
  horizon: number,
  warmup: number,
  written: string | null,
  currency: string | null,
): string {
  const out: string[] = [];
  const reps = report.replications;
  out.push(
    `${oneLineText(report.scenario)} (${report.variant}): ${counted(reps, 'replication')} of ${duration(horizon)} (warm-up ${duration(warmup)}), seed ${report.seed}`,
  );
  out.push('');
  out.push(`Teams (mean [95% ${intervalName(report.interval)}] over the replications)`);
  out.push(
    renderTable(
      ['team', 'utilisation', 'queue', 'wait', 'share of waiting', 'sole bottleneck', 'shifting bottleneck'],
      Object.entries(report.resources).map(([name, r]) => [
        name,
        withInterval('share', r.utilization),
        withInterval('count', r.queue_length),
        withInterval('hours', r.wait),
        withInterval('share', r.wait_share),
        withInterval('share', r.bottleneck.sole),
        withInterval('share', r.bottleneck.shifting),
      ]),
    ),
  );
  out.push('');
  const main = report.bottleneck === null ? null : report.resources[report.bottleneck].bottleneck;
  out.push(
    main === null
      ? 'Bottleneck: none; no team was ever saturated in the measured window'
      : `Bottleneck: ${report.bottleneck} (sole ${pct(main.sole.mean)} of the time, shifting ${pct(main.shifting.mean)})`,
  );
  out.push('');
  out.push(
    "Where the cycle time goes, along each case's critical path (mean per completed case; join slack: how long the fastest branch of a fork waited)",
  );
  out.push(
    renderTable(
      ['flow', 'cycle mean', 'service', 'waiting for a team', 'waiting off shift', 'automated', 'join slack'],
      Object.entries(report.flows).map(([name, f]) => [
        name,
        duration(f.cycle_time.mean),
        ...[f.breakdown.service, f.breakdown.wait, f.breakdown.off_shift, f.breakdown.automated, f.breakdown.join].map((s) =>
          duration(s.mean),
        ),
      ]),
    ),
  );
  out.push('');
  out.push(`One more unit of each team (95% paired ${intervalName(report.interval, true)}, common random numbers), largest p90 cut first`);
  for (const entry of report.sensitivity) out.push(sensitivityLine(entry, currency));
  const flows = Object.keys(block.flows);
  if (flows.length > 1) {
    out.push('');
    out.push(
      renderTable(
        ['+1 unit of', 'flow', 'cycle mean', 'cycle p90'],
        report.sensitivity.flatMap((e) => flows.map((f) => [e.resource, f, relative(e.flows[f].mean), relative(e.flows[f].p90)])),
      ),
    );
  }
  append(out, warningLines(report.warnings ?? []));
  if (written) {
    out.push('');
    out.push(`wrote ${written}`);
  }
  return out.join('\n');
}
