// Is the scenario's warm-up long enough? Two views of the start-up transient.
//
// Welch's: average each series over the replications bin by bin (flows' mean cycle time of the
// cases completing in the bin, teams' mean queue length), which removes most of the noise and
// leaves the transient, then apply the MSER rule to that average. This is what catches a slow
// transient: M/M/1 at 95% load starting empty shows it plainly in the average over 20
// replications, while each replication's own series is too noisy for MSER to see it.
// When the model has a weekly rhythm (shifts, arrival profiles), bins are grouped into whole
// weeks first, so that the week's pattern is not taken for a transient.
// MSER always names some point, and on a short average that still wanders it names one well
// inside the run (in the bundled scenarios, 10 weeks of 28). So a point past the warm-up
// counts only when the replications confirm it: the measured window's part before the point
// must differ from the part after it in the replications taken together (paired t test across
// them, 5%), by enough to move the window's mean by 1%. A real transient does that in most
// replications; noise does not (on the bundled scenarios MSER's points past the warm-up move
// the window's mean by under 1%, or are not significant; on the empty-start M/M/1 at 95% over
// 5,000 h every seed tried is confirmed, p 0.0001 to 0.03 on the cycle time).
//
// Per replication (kept from before, under `suggested`): MSER-5 on each replication's cycle
// times in completion order, the median over replications. One replication's point is
// noisy: a congestion episode early in one replication moves it a long way (in the bundled
// fault-to-repair scenario, one replication of 20 said 61.6 days, the other 19 said 0). Their
// median past the warm-up counts only when the same test confirms it on the flow's cycle
// times: a series without a transient still gives points.
import { mserTruncation } from '../stats/mser.js';
import { quantileSorted } from '../stats/percentile.js';
import { record } from '../records.js';
import { summarize } from '../stats/summary.js';
import { tTwoSidedP } from '../stats/t-quantile.js';
import type { WarmupCheck, WelchSeries } from './types.js';
import { hasWeeklyRhythm } from '../model/weekly-rhythm.js';

/** What the check reads of a variant's run. */
export interface WarmupInput {
  name: string;
  model: {
    warmup: number;
    flows: readonly { name: string }[];
    resources?: readonly { name: string; calendar: number }[];
    arrivals?: readonly { profile: number[] | null; calendar?: number }[];
    seriesBins?: number;
    seriesBinHours?: number;
  };
  /** per replication, per flow: MSER-5's truncation point in hours, NaN when too few cases completed;
   *  and the series of the recorder (flows' throughput, queue lengths, bottleneck shares, flows' mean cycle time per bin) */
  reps: readonly { mserWarmup: ArrayLike<number>; series?: ArrayLike<number> }[];
}

const WEEK = 168;

/** Two-sided level at which the replications confirm a transient past the warm-up. */
const CONFIRM_LEVEL = 0.05;
/** ...and the least it must move the window's mean by, relative to the level after it. */
const MATERIAL_BIAS = 0.01;

/** Digits kept of the averaged series: they are for a chart. */
const DIGITS = 6;

export function warmupCheck(runs: readonly WarmupInput[]): WarmupCheck {
  return warmupAssessment(runs).check;
}

/** Per variant and flow: `suggested` lies past the warm-up and the replications confirm it (null: no series to confirm on). */
export type ConfirmedSuggestions = Record<string, Record<string, boolean>> | null;

/** The check of results.json, and which of its `suggested` points past the warm-up the replications confirm. */
export function warmupAssessment(runs: readonly WarmupInput[]): { check: WarmupCheck; confirmedSuggestions: ConfirmedSuggestions } {
  const warmup = runs[0].model.warmup;
  const suggested: WarmupCheck['suggested'] = record();
  let largest: number | null = null;
  const consider = (value: number | null) => {
    if (value !== null && (largest === null || value > largest)) largest = value;
  };
  const first = runs[0].model;
  const binHours = first.seriesBinHours ?? 0;
  const batchBins = batchOf(runs[0]);
  const withSeries = first.seriesBins !== undefined && runs.every((r) => r.reps.every((s) => s.series !== undefined));
  const confirmedPoints: Record<string, Record<string, boolean>> = record();
  for (const run of runs) {
    suggested[run.name] = record();
    confirmedPoints[run.name] = record();
    run.model.flows.forEach((f, i) => {
      const points = run.reps.map((r) => r.mserWarmup[i]).filter((v) => !Number.isNaN(v));
      const value =
        points.length > 0
          ? quantileSorted(
              points.sort((a, b) => a - b),
              0.5,
            )
          : null;
      suggested[run.name][f.name] = value;
      // A point past the warm-up counts only when the flow's cycle times confirm it, as a Welch truncation must: on
      // a stationary series MSER-5 still names a point, and the replications' median of such points lay past a zero
      // warm-up in a third of the runs of M/M/1 at 50% load (test/results/warmup-welch.test.ts).
      const past = value !== null && value > warmup;
      const confirmedPoint =
        past &&
        withSeries &&
        confirmed(flowCycleTimes(run, i), warmup, roundUp(value, batchBins * binHours), batchBins * binHours, binHours);
      confirmedPoints[run.name][f.name] = confirmedPoint;
      if (!past || confirmedPoint || !withSeries) consider(value);
    });
  }
  const series: WarmupCheck['series'] = record();
  if (withSeries) {
    for (const run of runs) {
      series[run.name] = welchSeries(run, batchBins);
      for (const s of Object.values(series[run.name])) if (s.transient) consider(s.truncation);
    }
  }
  const check: WarmupCheck = {
    warmup,
    suggested,
    suggested_warmup: largest,
    sufficient: largest === null || largest <= warmup,
    bin_hours: binHours,
    batch_hours: batchBins * binHours,
    series,
  };
  return { check, confirmedSuggestions: withSeries ? confirmedPoints : null };
}

/** The first batch boundary at or after `hours`: a cut there weighs a weekly rhythm the same on both sides. */
function roundUp(hours: number, batchHours: number): number {
  return Math.ceil(hours / batchHours) * batchHours;
}

/** Per replication, flow `i`'s mean cycle time of the cases completing in each bin. */
function flowCycleTimes(run: WarmupInput, i: number): Float64Array[] {
  const { flows, resources = [], seriesBins = 0 } = run.model;
  return seriesOf(run, flows.length + 2 * resources.length + i, seriesBins);
}

/** Per replication, the recorder's series number `index` (bins from time 0). */
function seriesOf(run: WarmupInput, index: number, bins: number): Float64Array[] {
  return run.reps.map((r) => (r.series as Float64Array).subarray(index * bins, (index + 1) * bins));
}

/** Bins per MSER batch: whole weeks when shifts or arrival profiles give the model a weekly rhythm, else one bin. */
function batchOf(run: WarmupInput): number {
  const { resources = [], arrivals = [], seriesBinHours = 24 } = run.model;
  const weekly = hasWeeklyRhythm(resources, arrivals);
  if (!weekly) return 1;
  let bins = 1;
  while ((bins * seriesBinHours) % WEEK !== 0) bins++;
  return bins;
}

/** The series of one variant: each flow's cycle time and each team's queue length, averaged over replications. */
function welchSeries(run: WarmupInput, batchBins: number): Record<string, WelchSeries> {
  const { flows, resources = [], seriesBins = 0, seriesBinHours = 24 } = run.model;
  const nf = flows.length;
  const out = record<WelchSeries>();
  const judge = (perReplication: Float64Array[]) => judged(perReplication, run.model.warmup, batchBins, seriesBinHours);
  flows.forEach((f, i) => (out[`flows.${f.name}.cycle_time`] = judge(flowCycleTimes(run, i))));
  resources.forEach((r, i) => (out[`resources.${r.name}.queue_length`] = judge(seriesOf(run, nf + i, seriesBins))));
  return out;
}

/** Bin by bin, the mean over the replications that have a value there (NaN: none has). */
export function averageOverReplications(series: readonly ArrayLike<number>[], from: number, bins: number): Float64Array {
  const out = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    let sum = 0;
    let count = 0;
    for (const s of series) {
      const v = s[from + b];
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    out[b] = count > 0 ? sum / count : NaN;
  }
  return out;
}

/** MSER on the averaged series, batched by `batchBins` bins (a batch is the mean of its bins with a value);
 *  batches without a value are skipped. The truncation is where the first kept batch starts, in hours. */
export function welchTruncation(averaged: ArrayLike<number>, batchBins: number, binHours: number): number | null {
  const means: number[] = [];
  const starts: number[] = [];
  for (let b = 0; b + batchBins <= averaged.length; b += batchBins) {
    let sum = 0;
    let count = 0;
    for (let k = b; k < b + batchBins; k++) {
      if (Number.isNaN(averaged[k])) continue;
      sum += averaged[k];
      count++;
    }
    if (count === 0) continue;
    means.push(sum / count);
    starts.push(b * binHours);
  }
  if (means.length < 2) return null;
  const d = mserTruncation(means);
  return d === 0 ? 0 : starts[d];
}

function judged(perReplication: Float64Array[], warmup: number, batchBins: number, binHours: number): WelchSeries {
  const bins = perReplication[0]?.length ?? 0;
  const averaged = averageOverReplications(perReplication, 0, bins);
  const truncation = welchTruncation(averaged, batchBins, binHours);
  const f = 10 ** DIGITS;
  return {
    truncation,
    transient: truncation !== null && truncation > warmup && confirmed(perReplication, warmup, truncation, batchBins * binHours, binHours),
    averaged: Array.from(averaged, (v) => (Number.isNaN(v) ? null : Math.round(v * f) / f)),
  };
}

/**
 * Do the replications confirm a transient in the window before `truncation`? Per replication,
 * the mean of its bins in [warmup, truncation) against those in [truncation, end), both starting
 * on a batch boundary so that a weekly rhythm weighs the same on both sides.
 */
export function confirmed(
  perReplication: readonly ArrayLike<number>[],
  warmup: number,
  truncation: number,
  batchHours: number,
  binHours: number,
): boolean {
  const e = transientEvidence(perReplication, warmup, truncation, batchHours, binHours);
  return e !== null && e.p < CONFIRM_LEVEL && e.bias >= MATERIAL_BIAS;
}

/** The paired-t p-value of (before - after) across replications, and the relative bias it puts on the window's mean. */
export function transientEvidence(
  perReplication: readonly ArrayLike<number>[],
  warmup: number,
  truncation: number,
  batchHours: number,
  binHours: number,
): { p: number; bias: number } | null {
  const from = Math.ceil(warmup / batchHours) * batchHours;
  const cut = truncation;
  const early: number[] = [];
  const late: number[] = [];
  for (const series of perReplication) {
    const wholeBins = Math.floor((series.length * binHours) / batchHours) * (batchHours / binHours); // whole batches only
    const mean = (a: number, b: number) => {
      let sum = 0;
      let count = 0;
      for (let k = Math.round(a / binHours); k < Math.min(Math.round(b / binHours), wholeBins); k++) {
        if (Number.isNaN(series[k])) continue;
        sum += series[k];
        count++;
      }
      return count > 0 ? sum / count : NaN;
    };
    const before = mean(from, cut);
    const after = mean(cut, Infinity);
    if (Number.isNaN(before) || Number.isNaN(after)) continue;
    early.push(before);
    late.push(after);
  }
  const differences = summarize(early.map((e, i) => e - late[i]));
  const level = summarize(late).mean;
  if (differences.n < 2 || differences.sd === null || level === null) return null;
  const p =
    differences.sd === 0
      ? differences.mean === 0
        ? 1
        : 0
      : tTwoSidedP(differences.mean! / (differences.sd / Math.sqrt(differences.n)), differences.n - 1);
  const windowEnd = perReplication[0].length * binHours;
  const share = (cut - from) / (windowEnd - Math.min(from, windowEnd));
  return { p, bias: Math.abs(differences.mean! * share) / Math.abs(level) };
}
