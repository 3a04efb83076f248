// The warnings of results.json: every reason a number of this run may not mean what it
// seems to, each with the variant and the dotted path it concerns. Reports and the CLI show
// them as they are; they are decided here, once, from the numbers.
import { append } from '../lists.js';
import { own } from '../records.js';
import { amountText, fixedNumber, hoursOrDays, percentText, wholeNumber } from '../number-format.js';
import { teamList, untilRunEndsText } from '../model/offered-load.js';
import { sameNumber } from '../same-number.js';
import { agree, counted } from '../plural.js';
import { assessSkew } from '../stats/skewness.js';
import { tQuantile } from '../stats/t-quantile.js';
import type { IntervalMethod } from '../stats/summary.js';
import { censoring } from './censoring.js';
import type { Instability } from './instability.js';
import { isOutcome } from './outcome-family.js';
import { type SlowSettling, WINDOW_RELAXATIONS } from './relaxation.js';
import {
  exponentialP95Shortfall,
  MANY_CASES,
  MATERIAL_SHORTFALL,
  PERCENTILE_RELAXATIONS,
  type ShortPercentileWindow,
} from './percentile-window.js';
import type { TeamCosts } from './inputs.js';
import { FLOW_METRICS } from '../model/metric-catalogue.js';
import type { Comparison, PendingRound, PrecisionOutcome, Stat, VariantBlock, Warning, WarmupCheck } from './types.js';
import { milestoneStretch } from '../model/milestone-stretch.js';
import { hasWeeklyRhythm } from '../model/weekly-rhythm.js';
import { HOURS_PER_WEEK } from '../week.js';
import { weekMoment } from '../week-time.js';
import type { Model, ModelFlow, ModelKpi } from '../model/model.js';
import {
  advisedWarmup,
  type ConfirmedSuggestions,
  MIN_REPLICATIONS,
  SETTLING_RELAXATIONS,
  type Settling,
  type Unjudged,
  warmupOf,
} from './warmup-check.js';

/** A variant as the warnings read it: its stats, and of its inputs (when it has them) only which teams have a cost. */
export type AssessedBlock = Omit<VariantBlock, 'inputs'> & { inputs?: TeamCosts };

export interface WarningsInput {
  variants: Record<string, AssessedBlock>;
  instabilities: readonly Instability[];
  warmupCheck: WarmupCheck;
  /** which of the check's `suggested` points past the warm-up the replications confirm; null or absent: count them all */
  confirmedSuggestions?: ConfirmedSuggestions;
  /** per variant, its slowest-settling team (warmup-check's settlingOf): a confirmed transient's advice is at least its settling time */
  settling?: Readonly<Record<string, Settling>>;
  /** series whose point past the warm-up too few replications could test */
  unjudged?: readonly Unjudged[];
  /** teams whose queue settles too slowly for the measured window (near saturation, or against a short window) */
  slow?: readonly SlowSettling[];
  /** flows whose window is short for their replications' own p95 against the slowest team they queue at */
  shortPercentiles?: readonly ShortPercentileWindow[];
  precision: PrecisionOutcome | null;
  /** a merge of shards' round that the precision still needs more replications after (merge's next-round.json); null or absent: none */
  pendingRound?: PendingRound | null;
  interval: IntervalMethod;
  /** replications per variant: one gives no interval at all (loneReplication) */
  replications: number;
  /** each variant's model by name, the baseline's first: where a variant redefines an SLA or a milestone (redefined) */
  models?: readonly { name: string; model: Model }[];
  /** the variants' comparisons with the baseline: which throughput changes are significant (windowEnds) */
  comparisons?: readonly Comparison[];
  /** the scenario's currency, which the cost warning names an amount in; null without one */
  currency?: string | null;
}

export function collectWarnings(input: WarningsInput): Warning[] {
  // A variant without a steady state has no transient to end: its warm-up warnings would only distract from that.
  const noSteadyState = new Set(input.instabilities.map((u) => u.variant));
  const transients = [
    ...warmup(input.warmupCheck, input.confirmedSuggestions ?? null, input.settling ?? {}),
    ...slowlySettling(input.slow ?? []),
  ].filter((w) => !noSteadyState.has(w.variant!));
  append(
    transients,
    unjudged(
      (input.unjudged ?? []).filter((u) => !noSteadyState.has(u.variant)),
      input.warmupCheck,
    ),
  );
  return [
    ...unstable(input.instabilities),
    ...transients,
    ...censored(input.variants),
    ...partialWeek(input.models ?? []),
    ...lowPercentiles(input.variants, input.shortPercentiles ?? [], input.slow ?? [], noSteadyState),
    ...redefined(input.models ?? []),
    ...cancelled(input.variants),
    ...windowEnds(input.variants, input.comparisons ?? [], noSteadyState, otherWindows(input.models ?? [])),
    ...unmeasured(input.variants),
    ...skewed(input.variants, input.interval),
    ...uncosted(input.variants),
    ...idleStaffed(input.variants, input.models?.[0]?.model ?? null, input.currency ?? null),
    ...precision(input.precision, input.pendingRound ?? null),
    ...loneReplication(input.replications),
  ];
}

function unstable(list: readonly Instability[]): Warning[] {
  return list.map((u) => {
    const signs: string[] = [];
    if (u.offered !== null)
      signs.push(
        u.with.length === 0
          ? `it is offered ${percentText(u.offered)} of its capacity in working time${u.untilRunEnds ? ', over the horizon' : ''}`
          : `with ${teamList(u.with)} (sharing its skill pools) it is offered ${percentText(u.offered)} of their summed capacity in working time${u.untilRunEnds ? ', over the horizon' : ''} (the work only they can take)`,
      );
    if (u.trend !== null)
      signs.push(
        `its queue rose by ${fixedNumber(u.trend.rise, 1)} cases over the second half of the run, in the replications taken together (to a mean of ${fixedNumber(u.trend.level, 1)})`,
      );
    return {
      code: 'unstable',
      variant: u.variant,
      subject: `resources.${u.resource}`,
      message: `${u.resource} is unstable: ${signs.join(', and ')}. ${growth(u)} every figure depends on the horizon; add capacity or reduce its load before reading the results.`,
    };
  });
}

/** How the queue grows: as validate says it, for a team only the finite streams overload. */
function growth(u: Instability): string {
  if (!u.untilRunEnds) return 'Its queue grows without a steady state, so';
  const text = untilRunEndsText(u.horizon, u.with.length + 1);
  return `${text[0].toUpperCase()}${text.slice(1)}, and`;
}

function warmup(check: WarmupCheck, confirmed: ConfirmedSuggestions, settling: Readonly<Record<string, Settling>>): Warning[] {
  const out: Warning[] = [];
  // the warm-up to set: the point, or the variant's slowest team's settling time if later, and why (warmup-check's header)
  const advice = (variant: string, point: number) => {
    const slowest = own(settling, variant) ?? null;
    const advised = advisedWarmup(point, slowest);
    if (advised === point) return `set run.warmup to at least ${hours(point)}`;
    return `set run.warmup to at least ${hours(advised)}, ${SETTLING_RELAXATIONS} heavy-traffic relaxation times of the queue at ${slowest!.resource} (MSER's point is where the rest of the transient sinks into the noise, not where it ends)`;
  };
  for (const [variant, series] of Object.entries(check.series)) {
    for (const [path, s] of Object.entries(series)) {
      if (!s.transient || s.truncation === null) continue;
      out.push({
        code: 'warmup',
        variant,
        subject: path,
        message: `${path}, averaged over the replications, settles only after ${hours(s.truncation)} (MSER on Welch's average) but the warm-up is ${hours(warmupOf(check, variant))}: the start-up transient biases the results; ${advice(variant, s.truncation)}.`,
      });
    }
  }
  for (const [variant, flows] of Object.entries(check.suggested)) {
    for (const [flow, point] of Object.entries(flows)) {
      if (point === null || point <= warmupOf(check, variant)) continue;
      if (confirmed !== null && confirmed[variant]?.[flow] !== true) continue;
      out.push({
        code: 'warmup',
        variant,
        subject: `flows.${flow}.cycle_time`,
        message: `the replications' own MSER-5 points for flows.${flow} have a median of ${hours(point)}, longer than the warm-up (${hours(warmupOf(check, variant))}); ${advice(variant, point)}.`,
      });
    }
  }
  return out;
}

/**
 * The series whose point past the warm-up the replications were too few to test: neither advice nor silence. A run
 * of fewer than 3 replications: one warning for the run (its replications are every variant's), each series named
 * once, at its latest point. A run of 3 or more whose series had values on both sides of a cut in fewer than 3 (a
 * flow completing so few cases that most replications have none before the cut): that series' own warning, since
 * more replications are not what it lacks.
 */
function unjudged(list: readonly Unjudged[], check: Pick<WarmupCheck, 'warmup' | 'warmups'>): Warning[] {
  const few = list.filter((u) => u.of < MIN_REPLICATIONS);
  const out: Warning[] = list.filter((u) => u.of >= MIN_REPLICATIONS).map((u) => sparse(u, warmupOf(check, u.variant)));
  if (few.length === 0) return out;
  // the series' variants' own warm-ups (a patch may set run.warmup): one figure when they agree
  const warmups = new Set(few.map((u) => warmupOf(check, u.variant)));
  const past = warmups.size === 1 ? `past the warm-up of ${hours([...warmups][0])}` : "past its variant's own warm-up";
  const latest = new Map<string, number>();
  for (const u of few) latest.set(u.subject, Math.max(latest.get(u.subject) ?? u.point, u.point));
  const named = [...latest].map(([subject, point]) => `${subject} (${hours(point)})`).join(', ');
  const replications = few.reduce((most, u) => Math.max(most, u.replications), 0);
  out.unshift({
    code: 'warmup',
    variant: null,
    subject: 'run.replications',
    message: `too few replications to judge the warm-up: MSER names a point ${past} on ${named}, but ${counted(replications, 'replication')} cannot tell a start-up transient from noise (the check's test needs ${MIN_REPLICATIONS}); run at least ${MIN_REPLICATIONS} replications.`,
  });
  return out;
}

/** A series the run had replications enough to test but too few values in: what was missing, and what would give it. */
function sparse(u: Unjudged, warmup: number): Warning {
  const what = u.subject.startsWith('flows.') ? 'completed cases' : 'values';
  return {
    code: 'warmup',
    variant: u.variant,
    subject: u.subject,
    message: `too few values to judge the warm-up on ${u.subject}: MSER names ${hours(u.point)}, past the warm-up of ${hours(warmup)}, but only ${wholeNumber(u.replications)} of the ${counted(u.of, 'replication')} had ${what} both before and after a cut of the measured window (the check's test needs ${MIN_REPLICATIONS}): the series is sparse, and a longer horizon, giving every replication more ${what}, may be what lets it be judged; more replications help only as far as each adds one with ${what} on both sides.`,
  };
}

/** From this offered load a team is called near saturation; below it the relaxation time is long only against a short window. */
const NEAR_SATURATION = 0.8;

function slowlySettling(list: readonly SlowSettling[]): Warning[] {
  return list.map((s) => ({
    code: 'warmup',
    variant: s.variant,
    subject: `resources.${s.resource}`,
    message: `${s.with.length === 0 ? `${s.resource} is offered ${percentText(s.utilization)} of its capacity` : `${s.resource}, with ${teamList(s.with)} (sharing its skill pools), is offered ${percentText(s.utilization)} of their summed capacity`}: ${nearSaturation(s.utilization) ? 'so near saturation ' : ''}its queue takes about ${hours(s.relaxation)} to forget how the run began (its heavy-traffic relaxation time, for arrivals and work as variable as they are: variance over mean squared ${fixedNumber(s.arrivalScv, 2)} of the times between its arrivals and ${fixedNumber(s.workScv, 2)} of its tasks' work, each 1 for Poisson arrivals and exponential work), and the measured window of ${hours(s.window)} is shorter than ${WINDOW_RELAXATIONS} times that: its waits and the cycle times through it are likely biased low and their intervals too narrow (on M/M/1 with a warm-up of a tenth of the window, a window of one relaxation time gave a mean cycle time about a fifth low, its 95% interval covering the truth about half the time; a warm-up of two relaxation times still left it 3-5% low); make the window at least ${hours(WINDOW_RELAXATIONS * s.relaxation)}.`,
  }));
}

/** Near saturation by the load as printed, so that the words and the figure agree: 0.796 prints 80% and is near, 0.794 prints 79% and is not. */
function nearSaturation(utilization: number): boolean {
  return !Number.isFinite(utilization) || Number.parseFloat(percentText(utilization).replaceAll(',', '')) >= 100 * NEAR_SATURATION;
}

function censored(variants: Record<string, AssessedBlock>): Warning[] {
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    for (const flow of Object.keys(block.flows)) {
      const values = (stat: string) => (block.replications[`flows.${flow}.${stat}`] ?? []).map((v) => v ?? NaN);
      const c = censoring(
        values('completed'),
        values('cycle_time.mean'),
        values('open_at_horizon'),
        values('open_age'),
        values('arrived'),
        values('cancelled'),
      );
      if (c === null || !c.material) continue;
      // the open cases balanced by those in progress at the window's start bias nothing (censoring.ts): said when some are
      const atStart = percentText(Math.max(0, c.share - c.excess));
      const balanced =
        atStart === percentText(0) ? '' : ` (against ${atStart} in progress when the window opened, whose whole cycle times are in)`;
      out.push({
        code: 'censored',
        variant,
        subject: `flows.${flow}`,
        message: Number.isFinite(c.rise)
          ? `${percentText(c.share)} of flows.${flow}'s cases were still open at the horizon and are not in its cycle times${balanced}${c.biasedRise > 0 ? `; counted at their age so far they would raise the mean cycle time by at least ${percentText(c.biasedRise)}` : ''}: the cycle times are likely biased low (lengthen the horizon, or see whether the flow is unstable).`
          : // no replication completed a case: there is no mean for the open ones to raise
            `${percentText(c.share)} of flows.${flow}'s cases were still open at the horizon and none completed in the measured window: the flow has no cycle time to report (lengthen the horizon, or see whether the flow is unstable).`,
      });
    }
  }
  return out;
}

/**
 * A measured window shorter than the week a model with a weekly rhythm (a calendar, a roster, an arrival profile)
 * repeats over: every figure is of the hours of the week it covers, which no warm-up or replication mends (session 63:
 * a desk open on weekdays 09:00-17:00 at 30% of its working time, calls around the clock, 200 replications: a mean
 * cycle time of 27.1 h over a Monday and Tuesday after a week's warm-up, 6.0 h over the first two days from empty,
 * against 19.2 h over 51 weeks; the warm-up check and the slow-settling rule, which read the week's load, silent). Per
 * variant, as a patch may set the window or a calendar.
 */
function partialWeek(models: readonly { name: string; model: Model }[]): Warning[] {
  const out: Warning[] = [];
  for (const { name, model } of models) {
    const window = model.horizon - model.warmup;
    if (!(window < HOURS_PER_WEEK) || !hasWeeklyRhythm(model.resources, model.arrivals)) continue;
    out.push({
      code: 'week',
      variant: name,
      subject: 'run.horizon',
      message: `the measured window of ${hours(window)} (${weekMoment(model.warmup)} to ${weekMoment(model.horizon)}) is shorter than the week the model's calendars, rosters or arrival profiles repeat over: every figure (cycle times, waits, utilisation, SLA attainment) is of the hours of the week it covers, not of the week, and neither a warm-up nor more replications mend that (a desk open on weekdays 09:00-17:00 at 30% of its working time, calls around the clock: a mean cycle time of 27.1 h over a Monday and Tuesday after a week's warm-up, 6.0 h over the first two days from empty, against 19.2 h over whole weeks); make the window whole weeks.`,
    });
  }
  return out;
}

/**
 * A flow's p95 cycle time, or a milestone KPI's p95, that reads low: the mean over replications of each one's own p95,
 * which over a window short against the slowest queue the flow's (the milestone's) tasks meet (percentile-window.ts),
 * or of few cases, is low, its interval missing below. A team the slow-settling warning names already has its cycle
 * times called low, and a variant without a steady state has no percentile to reach.
 */
function lowPercentiles(
  variants: Record<string, AssessedBlock>,
  short: readonly ShortPercentileWindow[],
  slow: readonly SlowSettling[],
  noSteadyState: ReadonlySet<string>,
): Warning[] {
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    if (noSteadyState.has(variant)) continue;
    for (const [flow, flowBlock] of Object.entries(block.flows)) {
      const measured: PercentileOf[] = [
        { kpi: null, stats: flowBlock.cycle_time, count: `flows.${flow}.completed` },
        ...Object.entries(flowBlock.kpis ?? {}).map(([kpi, stats]) => ({ kpi, stats, count: `flows.${flow}.kpis.${kpi}.count` })),
      ];
      for (const { kpi, stats, count } of measured) {
        const subject = kpi === null ? `flows.${flow}.cycle_time.p95` : `flows.${flow}.kpis.${kpi}.p95`;
        const whose = kpi === null ? "the flow's tasks" : `the tasks between milestone ${kpi}'s from and to`;
        const window = short.find((s) => s.variant === variant && s.flow === flow && s.kpi === kpi);
        if (window !== undefined) {
          if (!slow.some((s) => s.variant === variant && s.resource === window.resource))
            out.push({
              code: 'percentile',
              variant,
              subject,
              message: `${subject} is the mean of each replication's own 95th percentile over a measured window of ${hours(window.window)}, shorter than ${PERCENTILE_RELAXATIONS} times the ${hours(window.relaxation)} the queue at ${window.resource} takes to forget how the run began (its heavy-traffic relaxation time, the longest of the teams ${whose} queue at): a replication's percentile is that of the few congestion spells its window holds, so the p95 likely reads low and its interval misses below (on M/M/1 at 80-95% load, 5-8% low over 8 relaxation times, its 95% interval holding the truth in 75% of runs at 80%; 1-2.3% low over 16); make the window at least ${hours(PERCENTILE_RELAXATIONS * window.relaxation)} where a high percentile matters.`,
            });
          continue;
        }
        // few cases a replication: type 7's p95 of a right-skewed sample sits low, unless the values do not spread
        const p95 = stats?.p95?.mean ?? null;
        const p50 = stats?.p50?.mean ?? null;
        if (p95 === null || p50 === null || !(p95 > p50)) continue;
        const counts = (block.replications[count] ?? []).filter((n): n is number => n !== null && n >= 2);
        if (counts.length === 0 || counts.every((n) => n >= MANY_CASES)) continue; // each shortfall below MATERIAL_SHORTFALL, so their mean
        const shortfall = counts.reduce((sum, n) => sum + exponentialP95Shortfall(n), 0) / counts.length;
        if (!(shortfall > MATERIAL_SHORTFALL)) continue;
        const cases = wholeNumber(Math.round(counts.reduce((sum, n) => sum + n, 0) / counts.length));
        out.push({
          code: 'percentile',
          variant,
          subject,
          message: `${subject} is the mean of each replication's own 95th percentile of the cases ${kpi === null ? 'it completes' : 'the milestone measures'} in the measured window, ${cases} on average: of so few right-skewed values a percentile reads low (were they independent exponential values, ${percentText(shortfall)} low on average, more where they are correlated) and its interval misses below; lengthen the horizon where a high percentile matters.`,
        });
      }
    }
  }
  return out;
}

/** A p95 the percentile warning judges: a flow's cycle time (kpi null) or a milestone's, and the replications' key of the cases it is over. */
interface PercentileOf {
  kpi: string | null;
  stats: { p50?: Stat; p95?: Stat } | undefined;
  count: string;
}

/**
 * A variant whose flow or milestone has another sla than the baseline's (or a milestone measured
 * between other nodes): its SLA attainment and the baseline's are shares of two targets, so the
 * comparison moves with the definition though no case changed (s33x F31: relaxing 8 h to 24 h read
 * "+37.2 pp, better" at identical cycle times). The subject is the compared line, which the
 * executive page marks.
 */
function redefined(models: readonly { name: string; model: Model }[]): Warning[] {
  if (models.length < 2) return [];
  const base = models[0].model;
  const nodeName = (m: Model, id: number) => (id < 0 ? 'start' : m.nodes[id].name);
  const otherWindow = otherWindows(models);
  const out: Warning[] = [];
  for (const { name: variant, model } of models.slice(1)) {
    // A patched horizon or warm-up: validate says so, and so must the files a reader gets (s34y F10)
    const [window, baseWindow] = [model.horizon - model.warmup, base.horizon - base.warmup];
    if (otherWindow.has(variant))
      out.push({
        code: 'window',
        variant,
        subject: sameNumber(model.horizon, base.horizon) ? 'run.warmup' : 'run.horizon',
        message: `its measured window is ${hoursOrDays(window)} (horizon ${hoursOrDays(model.horizon)} after a warm-up of ${hoursOrDays(model.warmup)}) and the baseline's ${hoursOrDays(baseWindow)}: its counts and sums over the window (cases arrived and completed, hours waited, busy or available, a team's cost) grow with the window, so their comparison with the baseline's is not a change; compare rates and means (cycle times, cost per case, utilisation). Its throughput per day is its completions over another window, which opens and closes on other cases in progress and may cover other hours of the week, so it moves with the window too.`,
      });
    for (const flow of model.flows) {
      const was = base.flows.find((f) => f.name === flow.name);
      if (was === undefined) continue;
      if (targetDiffers(base, was, model, flow))
        out.push({
          code: 'definition',
          variant,
          subject: `flows.${flow.name}.sla_attainment`,
          message: `flows.${flow.name}'s sla is ${targetText(model, flow)} here and ${targetText(base, was)} in the baseline: the two SLA attainments are shares of two different targets, not a before and after of one, and the change between them comes from the new target as much as from any case; read the cycle times for what changed, or compare both at one sla.`,
        });
      for (const kpi of flow.kpis) {
        const old = was.kpis.find((k) => k.name === kpi.name);
        if (old === undefined) continue;
        const subject = `flows.${flow.name}.kpis.${kpi.name}`;
        const [from, to, oldFrom, oldTo] = [
          nodeName(model, kpi.from),
          nodeName(model, kpi.to),
          nodeName(base, old.from),
          nodeName(base, old.to),
        ];
        const moved = from === oldFrom && to === oldTo ? movedSteps(base, was, old, model, flow, kpi) : [];
        if (from !== oldFrom || to !== oldTo)
          out.push({
            code: 'definition',
            variant,
            subject,
            message: `milestone ${kpi.name} of flows.${flow.name} is measured from ${from} to ${to} here and from ${oldFrom} to ${oldTo} in the baseline: its figures and the baseline's time two different stretches of a case, and their comparison is not a change of one.`,
          });
        else if (moved.length > 0)
          out.push({
            code: 'definition',
            variant,
            subject,
            message: `milestone ${kpi.name} of flows.${flow.name} is measured from ${from} to ${to} here as in the baseline, but the flow is routed otherwise between them: ${moved.join('; ')}. Its figures and the baseline's time two different stretches of a case under one name, and their comparison is not a change of one.`,
          });
        else if (targetDiffers(base, old, model, kpi))
          out.push({
            code: 'definition',
            variant,
            subject: `${subject}.sla_attainment`,
            message: `milestone ${kpi.name} of flows.${flow.name} has an sla of ${targetText(model, kpi)} here and ${targetText(base, old)} in the baseline: the two SLA attainments are shares of two different targets, not a before and after of one; read its cycle times for what changed.`,
          });
      }
    }
  }
  return out;
}

/**
 * The steps both models have (by name) that lie on a milestone's stretch in one and not in the
 * other, in words: a step added or removed by the variant changes the process the milestone
 * times, not the milestone; a kept step routed into or out of its stretch changes what it times.
 */
function movedSteps(base: Model, baseFlow: ModelFlow, baseKpi: ModelKpi, model: Model, flow: ModelFlow, kpi: ModelKpi): string[] {
  const [before, now] = [milestoneStretch(base, baseFlow, baseKpi), milestoneStretch(model, flow, kpi)];
  const names = (m: Model, f: ModelFlow) => new Set(f.nodes.map((id) => m.nodes[id].name));
  const [baseNames, names2] = [names(base, baseFlow), names(model, flow)];
  const kept = [...baseNames].filter((n) => names2.has(n));
  const into = kept.filter((n) => now.has(n) && !before.has(n));
  const outOf = kept.filter((n) => before.has(n) && !now.has(n));
  return [
    ...(into.length > 0 ? [`${into.join(', ')} ${into.length === 1 ? 'lies' : 'lie'} on its stretch here, not in the baseline`] : []),
    ...(outOf.length > 0 ? [`${outOf.join(', ')} ${outOf.length === 1 ? 'lies' : 'lie'} on it in the baseline, not here`] : []),
  ];
}

/** The variants whose measured window (horizon less warm-up) is not the baseline's: each has a `window` warning. */
function otherWindows(models: readonly { name: string; model: Model }[]): Set<string> {
  if (models.length < 2) return new Set();
  const window = (m: Model) => m.horizon - m.warmup;
  const base = window(models[0].model);
  return new Set(
    models
      .slice(1)
      .filter(({ model }) => !sameNumber(window(model), base))
      .map(({ name }) => name),
  );
}

/** Two slas (hours, NaN for none) that are not the same target: 0.1d and 2.4h are one, though not one double. */
function differs(a: number, b: number): boolean {
  return Number.isNaN(a) !== Number.isNaN(b) || (!Number.isNaN(a) && !sameNumber(a, b));
}

function slaText(h: number): string {
  return Number.isNaN(h) ? 'none' : hours(h);
}

/** A flow's or milestone's sla as the model holds it: a duration on the clock, or working days of a calendar. */
interface SlaTarget {
  sla: number;
  slaDays: number;
  slaCalendar: number;
}

/** An sla in working days in words ("2 working days of calendar 'office'"), null for a duration's (or none). */
function workingDaysText(m: Model, t: SlaTarget): string | null {
  return t.slaDays > 0 ? `${counted(t.slaDays, 'working day')} of calendar '${m.calendarNames[t.slaCalendar]}'` : null;
}

function targetText(m: Model, t: SlaTarget): string {
  return workingDaysText(m, t) ?? slaText(t.sla);
}

/** Two slas that are not the same target: durations as `differs`; working days by their count and calendar's name. */
function targetDiffers(base: Model, was: SlaTarget, model: Model, now: SlaTarget): boolean {
  const [a, b] = [workingDaysText(base, was), workingDaysText(model, now)];
  return a !== b || (a === null && differs(was.sla, now.sla));
}

/** From this difference between a variant's share of cases cancelled and the baseline's, the outcomes leave out a different part of the work. */
const CANCELLED_SHARE_DIFFERENCE = 0.01;

/**
 * A variant that cancels a materially different share of a flow's cases than the baseline: the
 * cancelled are in neither the cycle times nor the SLA share (results-format: over completed
 * cases), so cancelling the late ones reads as faster and more reliable (s33x F16: cancel_after 9 h
 * against an 8 h SLA read "+35.9 pp, better"). The message gives both shares and the SLA share
 * counting the cancelled as misses.
 */
function cancelled(variants: Record<string, AssessedBlock>): Warning[] {
  const blocks = Object.entries(variants);
  if (blocks.length < 2) return [];
  const [, base] = blocks[0];
  const total = (block: AssessedBlock, path: string) => (block.replications[path] ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
  const shares = (block: AssessedBlock, flow: string) => {
    const gone = total(block, `flows.${flow}.cancelled`);
    const done = total(block, `flows.${flow}.completed`);
    const share = gone + done > 0 ? gone / (gone + done) : 0;
    const sla = block.flows[flow]?.sla_attainment?.mean;
    return { share, slaOfAll: typeof sla === 'number' ? sla * (1 - share) : null, sla: typeof sla === 'number' ? sla : null };
  };
  const out: Warning[] = [];
  for (const [variant, block] of blocks.slice(1)) {
    for (const flow of Object.keys(block.flows)) {
      if (base.flows[flow] === undefined) continue;
      const was = shares(base, flow);
      const now = shares(block, flow);
      if (Math.abs(now.share - was.share) < CANCELLED_SHARE_DIFFERENCE || !pairedChange(base, block, flow)) continue;
      const sla =
        now.slaOfAll !== null && was.slaOfAll !== null
          ? ` Counting the cancelled cases as SLA misses, its SLA attainment is ${percentText(now.slaOfAll)} against the baseline's ${percentText(was.slaOfAll)} (${percentText(now.sla!)} and ${percentText(was.sla!)} of the completed cases alone).`
          : '';
      out.push({
        code: 'cancelled',
        variant,
        subject: `flows.${flow}`,
        message: `${percentText(now.share)} of flows.${flow}'s cases are cancelled here (of those completed or cancelled in the window), ${percentText(was.share)} in the baseline: cancelled cases are in neither the cycle times nor the SLA attainment, so a variant that cancels more of the slow ones looks faster and more reliable without serving them.${sla}`,
      });
    }
  }
  return out;
}

/**
 * Whether the variant's share of the flow's cases cancelled differs from the baseline's beyond
 * noise: replication i of each runs on the same random numbers (common random numbers), so the
 * per-replication differences of the shares are paired, and their 95% t interval must exclude 0
 * (s34e item 3: a variant whose cancellations differ by noise only, its streams desynchronised,
 * crossed the 1-point threshold on 3 replications). Fewer than two pairs: no interval, the
 * threshold alone decides, as before.
 */
function pairedChange(base: AssessedBlock, block: AssessedBlock, flow: string): boolean {
  const perReplication = (b: AssessedBlock) => {
    const gone = b.replications[`flows.${flow}.cancelled`] ?? [];
    const done = b.replications[`flows.${flow}.completed`] ?? [];
    return gone.map((g, i) => {
      const total = (g ?? 0) + (done[i] ?? 0);
      return total > 0 ? (g ?? 0) / total : 0;
    });
  };
  const [was, now] = [perReplication(base), perReplication(block)];
  const n = Math.min(was.length, now.length);
  if (n < 2) return true;
  const d = Array.from({ length: n }, (_, i) => now[i] - was[i]);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return Math.abs(mean) > (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
}

/**
 * A throughput change that is only the work in progress at the window's two ends (s34y F18). A
 * flow's completions in the window are its arrivals there plus the cases in progress at the
 * warm-up's end less those at the horizon (less the cancelled). Where a variant takes the very
 * arrivals of the baseline in every replication (common random numbers, arrivals unpatched),
 * cancels none, and neither run is overloaded, both complete what arrives over a long run: a
 * difference in throughput is the difference in those two counts, which common random numbers
 * make nearly the same in every replication, so "significant" (the README's worked example read
 * -0.2%, worse, for a variant that cannot lose a case; a window on whole weeks read +0.01%). It is
 * warned of on the throughput row alone, with the counts at both ends.
 */
function windowEnds(
  variants: Record<string, AssessedBlock>,
  comparisons: readonly Comparison[],
  overloaded: ReadonlySet<string>,
  otherWindow: ReadonlySet<string>,
): Warning[] {
  const blocks = Object.entries(variants);
  if (blocks.length < 2 || overloaded.has(blocks[0][0])) return [];
  const [, base] = blocks[0];
  const stat = FLOW_METRICS.throughput.stat;
  const out: Warning[] = [];
  for (const c of comparisons) {
    // a variant measured over another window is warned of that (`window`): one cause, one warning
    if (!c.significant || overloaded.has(c.variant) || otherWindow.has(c.variant)) continue;
    const block = variants[c.variant];
    const flow = Object.keys(block?.flows ?? {}).find((f) => c.metric === `flows.${f}.${stat}`);
    if (block === undefined || flow === undefined) continue;
    const values = (b: AssessedBlock, name: string) => b.replications[`flows.${flow}.${name}`] ?? [];
    const arrived = values(base, 'arrived');
    const same =
      arrived.length > 0 &&
      arrived.length === values(block, 'arrived').length &&
      arrived.every((a, i) => a === values(block, 'arrived')[i]);
    const noneCancelled = [base, block].every((b) => values(b, 'cancelled').every((v) => (v ?? 0) === 0));
    if (!same || !noneCancelled) continue;
    const mean = (xs: readonly (number | null)[]) => xs.reduce<number>((s, v) => s + (v ?? 0), 0) / Math.max(1, xs.length);
    // in progress at the warm-up's end: completed - arrived + open at the horizon (none cancelled)
    const atStart = (b: AssessedBlock) => mean(values(b, 'completed')) - mean(values(b, 'arrived')) + mean(values(b, 'open_at_horizon'));
    const atEnd = (b: AssessedBlock) => mean(values(b, 'open_at_horizon'));
    out.push({
      code: 'window_ends',
      variant: c.variant,
      subject: c.metric,
      message: `${c.metric} differs from the baseline's though both take the same arrivals in every replication, neither cancels a case and neither is overloaded: over a long run both complete what arrives. The difference is the cases in progress at the window's two ends (on average ${caseCount(atStart(block))} here against ${caseCount(atStart(base))} at the warm-up's end, ${caseCount(atEnd(block))} against ${caseCount(atEnd(base))} at the horizon), not a change in capacity: read the cycle times and the work in progress instead. A window that starts and ends at the same time of the week makes it smaller.`,
    });
  }
  return out;
}

function caseCount(n: number): string {
  return fixedNumber(n, 1);
}

/**
 * A milestone KPI that measured no case in any replication: its figures are empty (null), and
 * the summary leaves it out of its tables, which said nothing of why (s31x F8). Validation
 * refuses one the flow's graph rules out; this is one no case completed in the measured window
 * (a rare branch, a horizon too short for it, a `to` reached only after the horizon).
 */
function unmeasured(variants: Record<string, AssessedBlock>): Warning[] {
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    for (const [flow, flowBlock] of Object.entries(block.flows)) {
      for (const kpi of Object.keys(flowBlock.kpis ?? {})) {
        const subject = `flows.${flow}.kpis.${kpi}`;
        const counts = block.replications[`${subject}.count`] ?? [];
        if (counts.length === 0 || counts.some((n) => n !== null && n > 0)) continue;
        out.push({
          code: 'milestone',
          variant,
          subject,
          message: `milestone ${kpi} of flows.${flow} measured no case in any of the ${counted(counts.length, 'replication')}: its figures are empty. A case is measured when it enters its from node and then leaves its to node, the first time each, and leaves it after the warm-up; check that cases take that way often enough, or lengthen the horizon.`,
        });
      }
    }
  }
  return out;
}

function skewed(variants: Record<string, AssessedBlock>, interval: IntervalMethod): Warning[] {
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    for (const [path, values] of Object.entries(block.replications)) {
      if (!isOutcome(path)) continue;
      const kept = values.filter((v): v is number => v !== null);
      const skew = assessSkew(kept);
      if (skew === null || !skew.marked) continue;
      const remedy =
        interval === 'johnson'
          ? "the reports show its interval by Johnson's modified t (ci95_johnson; ci95 stays the t interval), which corrects for the skew to first order; more replications still help"
          : "run more replications, or use --interval johnson (Johnson's modified t)";
      out.push({
        code: 'skewed',
        variant,
        subject: path,
        message: `the ${kept.length} replications' values of ${path} are markedly skewed (skewness ${fixedNumber(skew.skewness, 2)}): a t interval misses on one side about ${percentText(0.025 + skew.tailError)} of the time instead of 2.5%; ${remedy}.`,
      });
    }
  }
  return out;
}

/**
 * Teams without cost_per_hour beside teams with one: the cost figures count them at 0, so a
 * cost per case or a staffing cost leaves their work out, and a variant that moves work onto
 * them looks cheaper than it is. (When no team gives a cost, every cost is plainly 0.)
 */
function uncosted(variants: Record<string, AssessedBlock>): Warning[] {
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    const teams = Object.entries(block.inputs?.resources ?? {});
    const without = teams.filter(([, t]) => t.cost_given === false).map(([name]) => name);
    if (without.length === 0 || without.length === teams.length) continue;
    const they = agree(without.length, 'it', 'them');
    out.push({
      code: 'cost',
      variant,
      subject: null,
      message: `${without.join(', ')} ${agree(without.length, 'has', 'have')} no cost_per_hour while other teams have one: every cost figure (cost per case, the staffing cost, the cost of one more unit) counts ${they} at 0, leaving ${agree(without.length, 'its', 'their')} work out, and a variant that moves work onto ${they} looks cheaper than it is; give ${they} cost_per_hour to compare costs.`,
    });
  }
  return out;
}

/**
 * A team staffed at a cost that works no hour in a variant (its tasks automated or moved
 * elsewhere, its capacity kept): cost per case charges a team's staffed cost to the flows by the
 * working hours they use, so its cost is in no flow's cost per case, which then reads cheaper
 * than the staffing is (s33x F1: the fiber scenario's zero_touch, -7.1% "better" at unchanged
 * staffing, exactly the idle desk's cost). Said per variant, the baseline's too.
 */
function idleStaffed(
  variants: Record<string, AssessedBlock>,
  model: Pick<Model, 'horizon' | 'warmup'> | null,
  currency: string | null,
): Warning[] {
  // the cost is a total over the measured window: said with its window, and with the week's staffing the executive page gives
  const window = model === null ? null : model.horizon - model.warmup;
  const costText = (cost: number, team: TeamCosts['resources'][string] | undefined) => {
    const total = amountText(Math.round(cost), currency);
    const over =
      window === null || !(window > 0) ? `${total} in the measured window` : `${total} over the ${hoursOrDays(window)} measured window`;
    const week = team?.cost_per_hour === undefined || team.hours_per_week === undefined ? null : team.cost_per_hour * team.hours_per_week;
    return week === null ? over : `${over}, ${amountText(week, currency)} a week`;
  };
  const out: Warning[] = [];
  for (const [variant, block] of Object.entries(variants)) {
    for (const [team, r] of Object.entries(block.resources)) {
      const cost = r.cost.mean ?? 0; // 0: no cost_per_hour (uncosted says so) or no unit
      if (cost <= 0 || r.busy_hours.mean !== 0) continue;
      out.push({
        code: 'cost',
        variant,
        subject: `resources.${team}`,
        message: `${team} is staffed but serves no case: the fully loaded cost per case charges a team's staffed cost to the flows by the working hours they use, so its cost (${costText(cost, block.inputs?.resources[team])}) is in no flow's fully loaded cost per case, which reads that much cheaper than the staffing is (the cost per case of the hours worked leaves idle hours out by design; the staffing cost counts them); if the design does without the team, remove it${variant === 'baseline' ? '' : " in the variant's patch"} (resources: { ${team}: null }) or give it capacity 0.`,
      });
    }
  }
  return out;
}

/**
 * The precision not reached: past --max-replications, which must be raised; or, in a merge of shards with a round
 * still to run, not yet, and the advice is that round (what merge prints), not the cap it is below (s62 K).
 */
function precision(p: PrecisionOutcome | null, pending: PendingRound | null): Warning[] {
  if (p === null || p.met) return [];
  const asked = `the precision asked (${percentText(p.target)} on ${p.metric}${p.interval === 'johnson' ? ", by Johnson's intervals" : ''})`;
  return [
    {
      code: 'precision',
      variant: null,
      subject: null,
      message:
        pending === null
          ? `${p.replications_needed} replications did not reach ${asked}: the intervals are wider than wanted; raise --max-replications.`
          : `${p.replications_needed} replications have not reached ${asked} yet: the intervals are wider than wanted; ${nextRoundAdvice(pending)} (next-round.json), then merge every round.`,
    },
  ];
}

/** What a sharded --precision run does next, as merge says it and its warning does. */
export function nextRoundAdvice(round: PendingRound): string {
  return `run another round of shards with --first-replication ${round.first_replication} --replications ${round.replications}`;
}

/** One replication: no interval, so no change can be told from noise; a reader takes "not significant" for "no effect". */
function loneReplication(replications: number): Warning[] {
  if (replications >= 2) return [];
  return [
    {
      code: 'replications',
      variant: null,
      subject: null,
      message:
        'With a single replication there are no confidence intervals, and no change against the baseline can be told from chance: run at least two.',
    },
  ];
}

/** A length of time as the console and every report write it (number-format.ts' hoursOrDays: "0.00 h", "33.0 h", "5.00 d"). */
const hours = hoursOrDays;

/**
 * Two names the reports cannot tell apart (validate's warnings of engine/scenario/name-clashes.ts):
 * two teams `field_techs` and `field-techs` are two rows both called "field techs" in report.html,
 * summary.md and the workbook; two flows or variants whose names differ only in case, files that
 * replace each other where case is ignored. The whole run's (variant null), at the later name.
 */
export function nameWarnings(clashes: readonly { path: string; message: string }[]): Warning[] {
  return clashes.map((c) => ({ code: 'names', variant: null, subject: c.path, message: c.message }));
}
