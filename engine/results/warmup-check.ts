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
// counts only when the replications confirm a transient there: the measured window's first
// part must differ from the rest in the replications taken together, by enough to move the
// window's mean by 1%. The first parts are set before the data are seen (the window's first
// 1/32, 1/16, ... 1/2: a transient left in the window lies at its start, of a length not known),
// and a series has one test of them together (cutEvidence: each replication's differences at the
// cuts, weighted, summed), so each test holds its level. It reads the bins' ranks, not their
// values: the weights put most of a sum on the shortest first part, one or two bins, so the
// values' sums were nearly as skewed as a bin, and no correction read from 10 sums could tell
// that skew from noise; the ranks' sums are centred on 0 on a stationary series whatever its
// bins' law. Johnson's t with its skewness estimate damped by 1.5 standard errors (from 10
// differences the estimate is mostly noise, which Johnson's correction adds at order T^2, far in
// the tail where Holm reads a long family), Johnson's undamped p to agree below 0.1% from 4
// replications (familyP); and the run's series (every variant's flows' cycle times and teams'
// queue lengths) are one family, settled by Holm's step-down at 5%, so that a run without a
// transient is told of one at most about 5% of the time whatever its series and replications.
// With fewer than 3 replications there is no test: the check says it cannot judge, rather than
// advise or keep silent. A confirmation where MSER names no point past the warm-up stays silent:
// the test family alone runs above its 5%, MSER's point past the warm-up is what brings the
// warnings under it, and on a real transient the two agree; `confirmed` lists every
// confirmation, for the bench. What each of these choices measured, and the forms the test had
// before: docs/results-format.md (`warmup_check.series`).
// Measured by `npm run check:warmup` (bench/warmup-false-alarms.ts); docs/results-format.md.
//
// Per replication (kept from before, under `suggested`): MSER-5 on each replication's cycle
// times in completion order, the median over replications. One replication's point is
// noisy: a congestion episode early in one replication moves it a long way (in the bundled
// fault-to-repair scenario, one replication of 20 said 61.6 days, the other 19 said 0). Their
// median past the warm-up counts only when the same test confirms a transient in the flow's
// cycle times: a series without a transient still gives points.
//
// The advice where a transient is confirmed: at least SETTLING_RELAXATIONS relaxation times of the
// variant's slowest-settling team (results/relaxation.ts), or MSER's point if later. MSER minimises
// the spread of the truncated mean, so it stops where the rest of the transient sinks into the
// average's noise, not where the bias it leaves is small: on M/M/1 from empty (60 seeds of 20
// replications over 5.5 relaxation times at 80/90/95% load) Welch's point lay near 0.4 relaxation
// times, and with run.warmup set to it the mean cycle time was still 5.3/4.3/5.5% low, its 95%
// interval holding the truth in 46/50/39 of 60; at two relaxation times 5.1/3.2/3.9% low, 48/55/47
// (one: 5.1/3.6/4.5%; three: 4.9/3.1/4.0%, the shorter window costing what the cut gains; the rest
// of the residue is the short window's own, docs/results-format.md). The data alone do not reach
// that point: the transient's area over its first deviation, a decay time, put the 1% point at a
// median of 1.9/2.2/1.8 relaxation times but from 0.5 to 6.4 (tenth to ninetieth percentile), and
// none at all in a quarter of the runs. Only the advice's length changes: what is confirmed, and
// how often a stationary run is warned, do not.
import { mserTruncation } from '../stats/mser.js';
import { quantileSorted } from '../stats/percentile.js';
import { own, record } from '../records.js';
import { summarize } from '../stats/summary.js';
import { holmRejects } from '../stats/holm.js';
import { midRanks, RankScratch } from '../stats/mid-ranks.js';
import { dampedJohnsonTwoSidedP, JOHNSON_MIN_VALUES, johnsonTwoSidedP, SKEW_NOISE_ERRORS } from '../stats/skewness.js';
import type { WarmupCheck, WelchSeries } from './types.js';
import { hasWeeklyRhythm } from '../model/weekly-rhythm.js';
import { HOURS_PER_WEEK } from '../week.js';
import type { LoadWithArrivals } from '../model/offered-load.js';
import { relaxationTime } from './relaxation.js';

/** What the check reads of a variant's run. */
export interface WarmupInput {
  name: string;
  model: {
    warmup: number;
    flows: readonly { name: string }[];
    resources?: readonly { name: string; calendar: number; roster?: unknown }[];
    arrivals?: readonly { profile: number[] | null; calendar?: number }[];
    seriesBins?: number;
    seriesBinHours?: number;
  };
  /** per replication, per flow: MSER-5's truncation point in hours, NaN when too few cases completed;
   *  and the series of the recorder (flows' throughput, queue lengths, bottleneck shares, flows' mean cycle time per bin) */
  reps: readonly { mserWarmup: ArrayLike<number>; series?: ArrayLike<number> }[];
  /** its teams' offered loads, whose relaxation times set the least advice where a transient is confirmed (settlingOf) */
  offeredLoad?: readonly LoadWithArrivals[];
}

/** Relaxation times of the variant's slowest-settling team that a confirmed transient is advised to run off (the header). */
export const SETTLING_RELAXATIONS = 2;

/** A variant's slowest-settling team and the warm-up its relaxation time advises (SETTLING_RELAXATIONS of it, in whole
 *  hours: an approximation's figure, whose float noise, 159.99999999999727 for 160, is no part of it). */
export interface Settling {
  resource: string;
  warmup: number;
}

/** The variant's team with the longest relaxation time, none without a stable team offered work. */
export function settlingOf(run: Pick<WarmupInput, 'offeredLoad'>): Settling | null {
  let slowest: Settling | null = null;
  for (const load of run.offeredLoad ?? []) {
    const warmup = Math.round(SETTLING_RELAXATIONS * relaxationTime(load, run.offeredLoad));
    if (Number.isFinite(warmup) && (slowest === null || warmup > slowest.warmup)) slowest = { resource: load.resource, warmup };
  }
  return slowest;
}

/** The warm-up advised for a confirmed point: the point, or the settling time of the variant's slowest team if later. */
export function advisedWarmup(point: number, settling: Settling | null): number {
  return settling !== null && settling.warmup > point ? settling.warmup : point;
}

/** Family-wise two-sided level at which the replications confirm a transient past the warm-up: a run's false-alarm rate. */
const CONFIRM_LEVEL = 0.05;
/** ...and the least the window's first part must move the window's mean by, relative to the level after it. */
const MATERIAL_BIAS = 0.01;
/** Where the window's first part ends, as shares of the measured window (whole batches, so at least one): halving, a
 *  transient's length not known, the shortest first since a transient left in the window is strongest at its start. */
const CUT_SHARES = [1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2];
/** A series' p-value below which its test asks Johnson's undamped p to agree (familyP). */
const DEEP_LEVEL = 0.001;
/** Replications a test needs: below, the check says it cannot judge. */
export const MIN_REPLICATIONS = 3;

/** Digits kept of the averaged series: they are for a chart. */
const DIGITS = 6;

/** The warm-up `variant`'s series were judged against: its patch's own (`warmups`), else the scenario's. */
export function warmupOf(check: Pick<WarmupCheck, 'warmup' | 'warmups'>, variant: string): number {
  return own(check.warmups, variant) ?? check.warmup;
}

export function warmupCheck(runs: readonly WarmupInput[]): WarmupCheck {
  return warmupAssessment(runs).check;
}

/** Per variant and flow: `suggested` lies past the warm-up and the replications confirm it (null: no series to confirm on). */
export type ConfirmedSuggestions = Record<string, Record<string, boolean>> | null;

/** A series whose point lies past the warm-up but which too few replications could test: the check cannot judge it. */
export interface Unjudged {
  variant: string;
  /** flows.FLOW.cycle_time or resources.TEAM.queue_length */
  subject: string;
  /** the latest point past the warm-up that MSER named on it, hours */
  point: number;
  /** how many replications had a value on both sides of a cut of the window (the most at any cut) */
  replications: number;
  /** how many the variant ran: more than `replications` when the series is sparse (a flow completing few cases, whose
   *  bins before a cut are empty in most replications), where a longer horizon helps more than more replications */
  of: number;
}

/** A series the run's tests confirm a transient in, MSER's point past the warm-up or not (warned of only when it is). */
export interface Confirmed {
  variant: string;
  /** flows.FLOW.cycle_time or resources.TEAM.queue_length */
  subject: string;
}

/** The check of results.json, which of its `suggested` points past the warm-up the replications confirm, which points they were too few to test, and every series they confirm a transient in. */
export function warmupAssessment(runs: readonly WarmupInput[]): {
  check: WarmupCheck;
  confirmedSuggestions: ConfirmedSuggestions;
  unjudged: Unjudged[];
  confirmed: Confirmed[];
  /** per variant with a stable team offered work, its slowest-settling one (settlingOf), which the warnings' advice names */
  settling: Record<string, Settling>;
} {
  const warmup = runs[0].model.warmup;
  const suggested: WarmupCheck['suggested'] = record();
  // each variant judged against its own warm-up (a patch may set run.warmup): `sufficient` is every variant's own verdict
  const warmups: Record<string, number> = record();
  let largest: number | null = null;
  let sufficient = true;
  const consider = (value: number | null, own: number) => {
    if (value === null) return;
    if (largest === null || value > largest) largest = value;
    if (value > own) sufficient = false;
  };
  const first = runs[0].model;
  const binHours = first.seriesBinHours ?? 0;
  const batchBins = batchOf(runs[0]);
  const withSeries = first.seriesBins !== undefined && runs.every((r) => r.reps.every((s) => s.series !== undefined));
  const confirmedPoints: Record<string, Record<string, boolean>> = record();
  const series: WarmupCheck['series'] = record();
  // the run's family of confirmations, every variant's: settled together by Holm's step-down, so that a run's false
  // warnings do not grow with its variants, flows and teams as one test each would (they still do some: the header)
  const family: { evidence: Evidence; settle: (confirmed: boolean) => void; series: Confirmed }[] = [];
  const unjudged: Unjudged[] = [];
  const confirmedSeries: Confirmed[] = [];
  // the tests' scratch, grown to the run's largest window and freed with the assessment
  const scratch = new WindowScratch();
  // Every series is tested, whether or not a point lies past the warm-up: MSER names one where the average happened
  // to wander, so a family of only the series it points at would be chosen by the data it then tests (on the bundled
  // office-hours M/M/1 of warmup-welch.test.ts, 38 of 244 such tests had p < 5%). `at`: the point past the warm-up
  // the confirmation would count, null for none.
  const judge = (
    at: Omit<Unjudged, 'replications' | 'point' | 'of'> & { point: number | null },
    own: number,
    perReplication: readonly ArrayLike<number>[],
    settle: (confirmed: boolean) => void,
  ) => {
    const { evidence, replications } = cutEvidence(perReplication, own, batchBins * binHours, binHours, scratch);
    if (evidence !== null) family.push({ evidence, settle, series: { variant: at.variant, subject: at.subject } });
    else if (at.point !== null && replications < MIN_REPLICATIONS)
      unjudged.push({ ...at, point: at.point, replications, of: perReplication.length });
  };
  const settlings = record<Settling>();
  for (const run of runs) {
    const own = run.model.warmup;
    if (own !== warmup) warmups[run.name] = own;
    const settling = settlingOf(run);
    if (settling !== null) settlings[run.name] = settling;
    suggested[run.name] = record();
    confirmedPoints[run.name] = record();
    const welch = withSeries ? welchSeries(run, batchBins) : null;
    if (welch !== null) series[run.name] = welch;
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
      confirmedPoints[run.name][f.name] = false;
      // A point past the warm-up counts only when the flow's cycle times confirm a transient there, as a Welch
      // truncation must: on a stationary series MSER-5 still names a point, and the replications' median of such
      // points lay past a zero warm-up in a third of the runs of M/M/1 at 50% load (test/results/warmup-welch.test.ts).
      const past = value !== null && value > own;
      if (!past || welch === null) consider(value, own);
      if (welch === null) return;
      const cycle = welch[`flows.${f.name}.cycle_time`];
      const welchPast = cycle.truncation !== null && cycle.truncation > own;
      // one test of the flow's cycle times, for whichever point (Welch's or the replications' median) lies past the warm-up
      const latest = past || welchPast ? Math.max(past ? value : 0, welchPast ? cycle.truncation! : 0) : null;
      judge({ variant: run.name, subject: `flows.${f.name}.cycle_time`, point: latest }, own, flowCycleTimes(run, i), (confirmed) => {
        if (!confirmed) return;
        if (welchPast) {
          cycle.transient = true;
          consider(advisedWarmup(cycle.truncation!, settling), own);
        }
        if (past) {
          confirmedPoints[run.name][f.name] = true;
          consider(advisedWarmup(value, settling), own);
        }
      });
    });
    if (welch !== null)
      (run.model.resources ?? []).forEach((r, i) => {
        const subject = `resources.${r.name}.queue_length`;
        const queue = welch[subject];
        const past = queue.truncation !== null && queue.truncation > own;
        judge(
          { variant: run.name, subject, point: past ? queue.truncation : null },
          own,
          seriesOf(run, run.model.flows.length + i, run.model.seriesBins ?? 0),
          (confirmed) => {
            if (!confirmed || !past) return;
            queue.transient = true;
            consider(advisedWarmup(queue.truncation!, settling), own);
          },
        );
      });
  }
  const rejected = holmRejects(
    family.map((member) => member.evidence.p),
    CONFIRM_LEVEL,
  );
  family.forEach((member, k) => {
    const confirmed = rejected[k] && member.evidence.bias >= MATERIAL_BIAS;
    member.settle(confirmed);
    if (confirmed) confirmedSeries.push(member.series);
  });
  const check: WarmupCheck = {
    warmup,
    suggested,
    suggested_warmup: largest,
    sufficient,
    bin_hours: binHours,
    batch_hours: batchBins * binHours,
    series,
    ...(Object.keys(warmups).length > 0 ? { warmups } : {}),
    ...(unjudged.length > 0 ? { judged: false as const } : {}),
  };
  return { check, confirmedSuggestions: withSeries ? confirmedPoints : null, unjudged, confirmed: confirmedSeries, settling: settlings };
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
  while ((bins * seriesBinHours) % HOURS_PER_WEEK !== 0) bins++;
  return bins;
}

/** The series of one variant: each flow's cycle time and each team's queue length, averaged over replications, `transient` false until the run's tests settle it. */
function welchSeries(run: WarmupInput, batchBins: number): Record<string, WelchSeries> {
  const { flows, resources = [], seriesBins = 0, seriesBinHours = 24 } = run.model;
  const nf = flows.length;
  const out = record<WelchSeries>();
  const averagedOf = (perReplication: Float64Array[]) => averagedSeries(perReplication, batchBins, seriesBinHours);
  flows.forEach((f, i) => (out[`flows.${f.name}.cycle_time`] = averagedOf(flowCycleTimes(run, i))));
  resources.forEach((r, i) => (out[`resources.${r.name}.queue_length`] = averagedOf(seriesOf(run, nf + i, seriesBins))));
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

function averagedSeries(perReplication: Float64Array[], batchBins: number, binHours: number): WelchSeries {
  const bins = perReplication[0]?.length ?? 0;
  const averaged = averageOverReplications(perReplication, 0, bins);
  const f = 10 ** DIGITS;
  return {
    truncation: welchTruncation(averaged, batchBins, binHours),
    transient: false,
    averaged: Array.from(averaged, (v) => (Number.isNaN(v) ? null : Math.round(v * f) / f)),
  };
}

/**
 * The replications' evidence of a transient in the measured window's first part: one test of the series, on the
 * differences at the cuts of CUT_SHARES taken together. Per replication and cut, the mean before the cut less the mean
 * after it of the bins' ranks (windowParts); per replication, their sum, each weighted by cutWeight; damped Johnson's t
 * (familyP) across the replications; and the largest bias a cut's mean difference of the values puts on the window's
 * mean. The ranks are taken over every replication's window together, not each apart: a short window's own ranks take
 * few values, and three replications ordered alike would give sums without spread. The cuts are set before the
 * data are seen, so the test holds its level; a point chosen on the data (MSER's) and tested on the same replications
 * is where they happened to differ most, and testing each replication at the point the others chose (session 36)
 * still let the chosen point follow the data: on README's example at 20 replications (a warm-up long enough: 200
 * replications find nothing), 10 of its 80 tests over 100 seeds had p < 5% and 51 p < 50%. One test a series rather
 * than one a cut (to session 41): Holm then reads a run of many series less deep in the tail, where the tests of
 * skewed differences from few replications err most, and the shortest cut's most skewed difference is averaged with
 * the others' (the header). A replication counts when it has both parts at every cut tested; cuts are dropped
 * shortest first (the sparsest before the cut) until 3 replications do. No evidence when none of the cuts leaves 3
 * (`replications`: the most at any cut), or the window holds fewer than 2 batches (no cut: `replications` then
 * MIN_REPLICATIONS, a window too short to cut is no lack of replications). `scratch`: where the window is ranked, one for
 * a caller testing many series.
 */
export function cutEvidence(
  perReplication: readonly ArrayLike<number>[],
  warmup: number,
  batchHours: number,
  binHours: number,
  scratch = new WindowScratch(),
): { evidence: Evidence | null; replications: number } {
  const from = Math.ceil(warmup / batchHours) * batchHours;
  const end = Math.floor(((perReplication[0]?.length ?? 0) * binHours) / batchHours) * batchHours;
  const batches = Math.round((end - from) / batchHours);
  const cuts: number[] = [];
  for (const share of CUT_SHARES) {
    const k = Math.min(batches - 1, Math.max(1, Math.round(share * batches)));
    if (k >= 1 && !cuts.includes(from + k * batchHours)) cuts.push(from + k * batchHours);
  }
  if (cuts.length === 0) return { evidence: null, replications: MIN_REPLICATIONS };
  // fewer than MIN_REPLICATIONS leave no evidence at any cut: their window is not ranked, only counted (windowParts)
  const parts = windowParts(perReplication, from, end, cuts, batchHours, binHours, scratch, perReplication.length >= MIN_REPLICATIONS);
  const reps = perReplication.length;
  const shares = cuts.map((cut) => (cut - from) / (end - from));
  const weights = shares.map(cutWeight);
  // per replication, the first cut from which it has both parts of the values and of the ranks at every cut (the
  // ranks stop at the first replication's end, so a longer one may have values after a cut and no rank there)
  const firstTested = new Int32Array(reps);
  let replications = 0;
  for (let c = 0; c < cuts.length; c++) {
    let having = 0;
    for (let r = 0; r < reps; r++)
      if (parts.has[c * reps + r] === 1) having++;
      else firstTested[r] = c + 1;
    replications = Math.max(replications, having);
  }
  for (let first = 0; first < cuts.length; first++) {
    const kept: number[] = [];
    for (let r = 0; r < reps; r++) if (firstTested[r] <= first) kept.push(r);
    if (kept.length < MIN_REPLICATIONS) continue;
    const combined = kept.map((r) => {
      let sum = 0;
      for (let c = first; c < cuts.length; c++) sum += weights[c] * (parts.rankBefore[c * reps + r] - parts.rankAfter[c * reps + r]);
      return sum;
    });
    // the bias is the values'
    let bias = 0;
    for (let c = first; c < cuts.length; c++) {
      const at = c * reps;
      const level = Math.abs(summarize(kept.map((r) => parts.after[at + r])).mean!);
      const moved = (Math.abs(summarize(kept.map((r) => parts.before[at + r] - parts.after[at + r])).mean!) * shares[c]) / level;
      bias = Math.max(bias, level > 0 ? moved : Number.POSITIVE_INFINITY);
    }
    return { evidence: { p: familyP(combined), bias }, replications };
  }
  return { evidence: null, replications };
}

/**
 * A cut's weight in a series' test, `share` its part of the window: its difference's standard deviation on a stationary
 * series of short memory goes as 1/sqrt(share (1 - share)), so sqrt(share (1 - share)) puts the cuts on one scale, and
 * (1/share)^1.5 more weight on the shorter, where a transient left in the window is strongest. The power of 1/share
 * chosen among 0, 0.5, 0.75, 1 and 1.25 by `npm run check:warmup`'s cases on values (seeds 1-300, 1-500 from empty;
 * session 42): 0 found the empty start in 126 of 500 runs, 1 in 326 (one test a cut: 332), 1.25 in 358 but warned 20
 * lines in 18 of 300. On ranks (session 44, the same seeds) 1.5 found more empty starts than 1 (317 against 279 of 500)
 * with false alarms within their error; on fresh seeds (session 45, 4001- and 6001-, each run tested both ways) 302 and
 * 313 against 278 and 282 of 500 (37 runs found by 1.5 alone, 6 by 1 alone, in the second), the office M/M/1 from
 * empty 167 and 163 against 161 and 156 of 200, and no more false alarms beyond the counts' error (Exp(1) series 18 and
 * 11 against 23 and 8 of 300, normal 14 and 11 against 12 and 10, one office line 30 against 30 of 1,000): so 1.5
 * (docs/results-format.md).
 */
function cutWeight(share: number): number {
  return Math.sqrt(1 - share) / share;
}

/**
 * The two-sided p of damped Johnson's t (SKEW_NOISE_ERRORS) on a series' combined differences (cutEvidence); below DEEP_LEVEL, the
 * larger of it and Johnson's undamped p. Holm reads a run of many series' first tests that deep, where the damped
 * p's left tail on differences as skewed as a short window's mean runs liberal (session 41: at 0.1%, 3.1-3.8 times the
 * nominal rate), and Johnson's full correction of the skew is what tempers it; shallower, where the undamped p's
 * noise would cost power (the larger of the two at every level found the empty start in 300 of 500 runs, against 326).
 * On ranks (session 43) the rule still holds a long family nearer its level (one-off, this function replaced by
 * Student's t's p in a scratch copy, not a check script's line): Student's t alone confirmed a transient
 * in 19 and 17 of 300 runs of 40 stationary series of Exp(1) and normal values, this p in 15 and 12 (seeds 2001-2300);
 * it found the empty start in 285 of 500 (2001-2500), t in 298.
 * From fewer than JOHNSON_MIN_VALUES replications Johnson's p is not read (its skewness is the estimate's noise, as
 * for a stat's ci95_johnson), and the damped p is Student's t.
 */
export function familyP(values: readonly number[]): number {
  const p = dampedJohnsonTwoSidedP(values, SKEW_NOISE_ERRORS);
  return p < DEEP_LEVEL && values.length >= JOHNSON_MIN_VALUES ? Math.max(p, johnsonTwoSidedP(values)) : p;
}

/** What the replications say of a transient in a series: the p-value of its test (familyP) and the largest relative bias a cut's difference puts on the window's mean. */
export type Evidence = { p: number; bias: number };

/** Per cut and replication (index cut x replications + replication), the means of its bins before and after the cut, of
 *  their values and of their ranks (windowParts; NaN where a part has no bin), and whether it has all four (1) or not. */
interface Parts {
  before: Float64Array;
  after: Float64Array;
  rankBefore: Float64Array;
  rankAfter: Float64Array;
  has: Uint8Array;
}

/** Where a series' window is ranked (windowParts), grown to the largest window it is given: its bins of every replication
 *  with a value, their ranks, and the sort's own (midRanks); 40 bytes a bin. */
export class WindowScratch {
  pooled = new Float64Array(0);
  pooledRanks = new Float64Array(0);
  readonly sort = new RankScratch();

  /** Room for `n` bins. */
  growTo(n: number): void {
    if (this.pooled.length >= n) return;
    this.pooled = new Float64Array(Math.max(n, 2 * this.pooled.length));
    this.pooledRanks = new Float64Array(this.pooled.length);
  }
}

/**
 * Per cut (`cuts`, ascending hours) and replication, the mean of its bins in [from, cut) and in [cut, end), whole
 * batches only, of their values and of their ranks among every replication's window bins [from, end) with a value
 * (midRanks: on a stationary series a rank is uniform whatever the bins' law, and a sum of differences of ranks, the
 * sum of each side's weights being equal, symmetric about 0 when the bins are exchangeable, which a skewed bin's value
 * is not: cutEvidence). A replication's values after a cut run to its own last whole batch, its ranks to the first
 * replication's (`end`).
 */
function windowParts(
  perReplication: readonly ArrayLike<number>[],
  from: number,
  end: number,
  cuts: readonly number[],
  batchHours: number,
  binHours: number,
  scratch: WindowScratch,
  /** false: the ranks are not read, only whether each part has some (a rank is never NaN), and are left as they are */
  ranked = true,
): Parts {
  const reps = perReplication.length;
  const first = Math.round(from / binHours);
  const endBin = Math.round(end / binHours);
  let most = 0;
  for (const series of perReplication) most += Math.max(0, Math.min(endBin, series.length) - first);
  scratch.growTo(most);
  const { pooled, pooledRanks } = scratch;
  // each replication's ranked bins [first, min(endBin, its length)) with a value, from its place in `pooled` on
  const starts = new Int32Array(reps);
  let n = 0;
  perReplication.forEach((series, r) => {
    starts[r] = n;
    n = pool(series, first, Math.min(endBin, series.length), pooled, n);
  });
  if (ranked) midRanks(pooled, n, pooledRanks, scratch.sort);
  const size = cuts.length * reps;
  const window: Window = {
    first,
    endBin,
    cutBins: Int32Array.from(cuts, (cut) => Math.round(cut / binHours)),
    batchHours,
    binHours,
    reps,
    counts: new Int32Array(cuts.length),
    rankSums: new Float64Array(cuts.length),
    rankCounts: new Int32Array(cuts.length),
  };
  const parts: Parts = {
    before: new Float64Array(size),
    after: new Float64Array(size),
    rankBefore: new Float64Array(size),
    rankAfter: new Float64Array(size),
    has: new Uint8Array(size),
  };
  perReplication.forEach((series, r) => replicationParts(series, r, window, pooledRanks, starts[r], parts));
  return parts;
}

/** Where the window's parts lie, in bins, and scratch for one replication's sums before each cut. */
interface Window {
  first: number;
  endBin: number;
  cutBins: Int32Array;
  batchHours: number;
  binHours: number;
  reps: number;
  /** per cut, the replication's values counted before it, its ranks' sum and count there */
  counts: Int32Array;
  rankSums: Float64Array;
  rankCounts: Int32Array;
}

/** `series`' bins [first, last) with a value into `pooled` from `n` on; where they end. */
function pool(series: ArrayLike<number>, first: number, last: number, pooled: Float64Array, n: number): number {
  for (let k = first; k < last; k++) if (!Number.isNaN(series[k])) pooled[n++] = series[k];
  return n;
}

/**
 * Replication `r`'s parts at every cut (windowParts), its ranks `ranks` from `start` on. Each values' sum is taken bin
 * by bin from its part's start, as the part's own loop would (the sums before the cuts are one running sum, read at
 * each cut); the ranks' (multiples of 1/2) are exact in any order, so a part after a cut is the window's sum less the
 * part before it.
 */
function replicationParts(series: ArrayLike<number>, r: number, window: Window, ranks: Float64Array, start: number, parts: Parts): void {
  const { first, cutBins, batchHours, binHours, reps, counts, rankSums, rankCounts } = window;
  const cuts = cutBins.length;
  const wholeBins = Math.floor((series.length * binHours) / batchHours) * (batchHours / binHours);
  const counted = Math.min(window.endBin, series.length, wholeBins); // its ranked bins a part counts: [first, counted)
  let sum = 0;
  let count = 0;
  let rankSum = 0;
  let rankCount = 0;
  let c = 0;
  for (let k = first; k < wholeBins; k++) {
    for (; c < cuts && cutBins[c] === k; c++) {
      counts[c] = count;
      parts.before[c * reps + r] = sum / count;
      rankSums[c] = rankSum;
      rankCounts[c] = rankCount;
    }
    const v = series[k];
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
    if (k < counted) rankSum += ranks[start + rankCount++];
  }
  for (; c < cuts; c++) {
    counts[c] = count;
    parts.before[c * reps + r] = sum / count;
    rankSums[c] = rankSum;
    rankCounts[c] = rankCount;
  }
  for (c = 0; c < cuts; c++) {
    const i = c * reps + r;
    parts.after[i] = meanOf(series, cutBins[c], wholeBins);
    parts.rankBefore[i] = rankSums[c] / rankCounts[c];
    parts.rankAfter[i] = (rankSum - rankSums[c]) / (rankCount - rankCounts[c]);
    // a part without a bin has the mean 0 / 0 (and one of values Infinity and -Infinity the mean NaN: lacking, as before)
    const lacks =
      Number.isNaN(parts.before[i]) ||
      Number.isNaN(parts.after[i]) ||
      Number.isNaN(parts.rankBefore[i]) ||
      Number.isNaN(parts.rankAfter[i]);
    parts.has[i] = lacks ? 0 : 1;
  }
}

/** The mean of `series`' bins [a, b) with a value, summed in order; NaN when none has. */
function meanOf(series: ArrayLike<number>, a: number, b: number): number {
  let sum = 0;
  let count = 0;
  for (let k = a; k < b; k++) {
    if (Number.isNaN(series[k])) continue;
    sum += series[k];
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}
