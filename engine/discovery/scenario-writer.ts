// A Discovery as scenario YAML, every figure with a comment saying where it came from.
// Invariant: names from the log become valid, unique scenario names (the log's own text
// goes to `description`, quoted), so any log gives a document the validator accepts.
import { distMean } from '../random/distributions.js';
import { offsetText } from '../scenario/run-start.js';
import type { DistSpec } from '../scenario/types.js';
import type { Team } from './teams.js';
import { mondayBefore, weekHours } from './week-clock.js';
import { clockOfDay } from '../scenario/calendar-spec.js';
import { MAX_SCV, CONSTANT_SCV, type SteadyArrivals } from './steady-arrivals.js';
import { burstSpan, isBurst, type ArrivalFacts, type FactorTest } from './arrival-facts.js';
import type { ActivityFacts, Discovery, FlowDiscovery } from './discover.js';
import { unidentifiedNote } from './censored-fit.js';
import { type CaseAgeReading, Z as AGE_Z } from './case-age.js';
import type { DelayClock } from './delay-clock.js';
import { headActivities, headBlock, lanesOf, type DelayFacts, type Opening } from './extraneous-delays.js';
import { ORDER_SHARE, OVERLAP_SHARE } from './concurrency.js';
import { KS_ALPHA, KS_NEGLIGIBLE, type FitResult } from './fit.js';
import { END, START, type Block, type Chain, type ChainSymbol } from './flow-structure.js';
import { MIN_CLASS_PASSES, VISIT_LEVEL } from './visit-classes.js';
import { append } from '../lists.js';
import { fixedNumber, percentText, pValueText, roundedTo, significant } from '../number-format.js';
import { agree, counted } from '../plural.js';
import { scenarioNameFrom } from '../scenario/names.js';
import { hashString } from '../random/hash.js';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'baseline', 'start', 'end']);

/** A name the scenario format accepts, made of the text's words. */
export function slug(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s === '') s = 'step';
  if (/^[0-9]/.test(s)) s = `_${s}`;
  if (RESERVED.has(s)) s = `${s}_`;
  return s.slice(0, NAME_LIMIT);
}

/**
 * The longest name discover writes. The scenario format sets none; names are CSV columns,
 * results.json keys and report labels, and a task's slug was already cut here. Names built of
 * task names (`wait_before_<task>_when_<opener>_opens`) ran to 130 characters (PM4Py's receipt_odd).
 */
const NAME_LIMIT = 60;

/**
 * `name` within NAME_LIMIT: a longer one keeps its head and ends in 6 hex digits of a hash of
 * the whole, so the same text gives the same name and two texts sharing their head differ
 * (Names.unique settles the rare clash of hashes with its suffix).
 */
function capped(name: string): string {
  if (name.length <= NAME_LIMIT) return name;
  return `${name.slice(0, NAME_LIMIT - 7).replace(/_+$/, '')}_${hashSuffix(name)}`;
}

/**
 * A name of fixed words and task names (a tagged template: composed`wait_before_${task}_when_${opener}_opens`),
 * the task names cut to shares of what the words leave where the whole would pass NAME_LIMIT, ended by capped's hash
 * of the uncut name: the words that say what the node is stay whole, each task keeps its head.
 */
function composed(words: TemplateStringsArray, ...tasks: string[]): string {
  const whole = words.reduce((text, w, i) => text + w + (tasks[i] ?? ''), '');
  const budget = NAME_LIMIT - 7 - words.reduce((n, w) => n + w.length, 0);
  if (whole.length <= NAME_LIMIT || budget < 4 * tasks.length) return capped(whole);
  // the shortest first: one under its share leaves the rest to the longer ones
  const order = tasks.map((_, i) => i).sort((x, y) => tasks[x].length - tasks[y].length || x - y);
  const cut: string[] = [];
  let left = budget;
  order.forEach((i, r) => {
    cut[i] = tasks[i].slice(0, Math.floor(left / (tasks.length - r))).replace(/_+$/, '');
    left -= cut[i].length;
  });
  return `${words.reduce((text, w, i) => text + w + (cut[i] ?? ''), '')}_${hashSuffix(whole)}`;
}

/** 6 hex digits of a hash of a name's uncut text. */
const hashSuffix = (text: string) => (hashString(text) >>> 0).toString(16).padStart(8, '0').slice(0, 6);

/**
 * The names a discovered scenario gives its teams (its resources), in their order: each team's
 * slug, made unique. Fidelity's handovers name the log's teams so too, to meet the scenario's.
 */
export function teamNames(teams: readonly { name: string }[]): string[] {
  const names = new Names();
  return teams.map((t) => names.unique(slug(t.name)));
}

/** The scenario's names, each unique and at most NAME_LIMIT characters (capped). */
class Names {
  private readonly used = new Set<string>();
  /** per base, the suffix its last search ended at: every `${base}_${j}` below it is used, and names are never freed */
  private readonly searchedTo = new Map<string, number>();
  unique(base: string): string {
    let name = capped(base);
    if (this.used.has(name)) {
      // a search from 2 each time made n names of one base (end_of_case in each of n flows) cost n²
      let i = this.searchedTo.get(base) ?? 2;
      while (this.used.has(capped(`${base}_${i}`))) i++;
      this.searchedTo.set(base, i);
      name = capped(`${base}_${i}`);
    }
    this.used.add(name);
    return name;
  }
}

const num = (x: number) => String(significant(x, 6));
const quote = (text: string) => JSON.stringify(text);
/** Comment text on one line, whatever the log put in a name. */
const clean = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
const hours = (h: number) =>
  h >= 48 ? `${num(h / 24)} d` : h >= 1 ? `${num(h)} h` : h * 60 >= 1 ? `${num(h * 60)} min` : `${num(h * 3600)} s`;

export function distributionYaml(d: DistSpec): string {
  const family = familyYaml(d);
  return 'shift' in d && d.shift !== undefined ? `${family.slice(0, -2)}, shift: ${num(d.shift)} }` : family;
}

function familyYaml(d: DistSpec): string {
  switch (d.kind) {
    case 'constant':
      return num(d.value);
    case 'exponential':
      return `{ exponential: { mean: ${num(d.mean)} } }`;
    case 'uniform':
      return `{ uniform: { min: ${num(d.min)}, max: ${num(d.max)} } }`;
    case 'triangular':
      return `{ triangular: { min: ${num(d.min)}, mode: ${num(d.mode)}, max: ${num(d.max)} } }`;
    case 'normal':
      return `{ normal: { mean: ${num(d.mean)}, sd: ${num(d.sd)} } }`;
    case 'lognormal':
      return `{ lognormal: { mean: ${num(d.mean)}, sd: ${num(d.sd)} } }`;
    case 'gamma':
      return `{ gamma: { mean: ${num(d.mean)}, sd: ${num(d.sd)} } }`;
    case 'erlang':
      return `{ erlang: { k: ${d.k}, mean: ${num(d.mean)} } }`;
    case 'weibull':
      return `{ weibull: { shape: ${num(d.shape)}, scale: ${num(d.scale)} } }`;
    case 'empirical':
      return `{ empirical: [${d.values.map(num).join(', ')}] }`;
  }
}

export function fitComment(f: FitResult): string {
  const observations = `${counted(f.n, 'observation')}${f.censored > 0 ? ` and ${f.censored} still running at the log's end (censored: at least their age)` : ''}`;
  if (f.family === 'constant') return `${observations}: ${f.reason}`;
  // the chosen family is the first in AIC order that the KS test accepts (fit.ts' firstAccepted),
  // or, censored, the one nearest the families' weighted mean (censored-fit.ts' nearestMean)
  const at = Math.max(
    0,
    f.tried.findIndex((t) => t.family === f.family),
  );
  const others = f.tried
    .slice(f.family === 'empirical' ? 0 : at + 1, f.family === 'empirical' ? 4 : at + 4)
    .map((t) => `${t.family} ${num(t.aic)}`)
    .join(', ');
  const test = `KS D ${fixedNumber(f.ks, 3)}, p ${pValueText(f.p)}`;
  if (f.family === 'empirical') return `${observations}; ${f.reason}; AIC of the families: ${others}`;
  const how = f.family === 'uniform' ? 'uniform, its edges on the sample moved out by range/(n - 1)' : `${f.family} by maximum likelihood`;
  const rank =
    f.undeterminedTail !== undefined
      ? nearestMeanRank(f, f.undeterminedTail)
      : at === 0
        ? `lowest AIC ${num(f.aic)}`
        : `AIC ${num(f.aic)}, the lowest KS accepts (rejected: ${f.tried
            .slice(0, at)
            .map((t) => `${t.family} ${num(t.aic)}, D ${fixedNumber(t.ks, 3)}`)
            .join('; ')})`;
  const unranked = f.unidentified === undefined ? '' : `; ${unidentifiedNote(f.unidentified)}`;
  return `${observations}; ${how}, ${rank} (next: ${others || 'none'}); ${test}${f.p < KS_ALPHA ? ` (rejected at ${KS_ALPHA}, kept: D <= ${KS_NEGLIGIBLE})` : ''}${unranked}`;
}

/**
 * The chosen family's rank where it is the one nearest the families' weighted mean: what it was
 * preferred to, the lowest AIC the test accepts, with that AIC and mean, and the families above
 * that one, which the test rejected.
 */
function nearestMeanRank(f: FitResult, tail: NonNullable<FitResult['undeterminedTail']>): string {
  const at = f.tried.findIndex((t) => t.family === tail.lowestAic);
  const lowest = f.tried[at];
  const rejected = f.tried
    .slice(0, at)
    .map((t) => `${t.family} ${num(t.aic)}, D ${fixedNumber(t.ks, 3)}`)
    .join('; ');
  return `AIC ${num(f.aic)}, its mean nearest the weighted mean of the families the test accepts, ${hours(tail.mean)} (they disagree past what the data determine; lowest AIC the test accepts: ${lowest.family} ${num(lowest.aic)}, mean ${hours(distMean(lowest.dist))}${rejected === '' ? '' : `; rejected: ${rejected}`})`;
}

interface Emitted {
  lines: string[];
}

export function writeScenarioYaml(d: Discovery, source: string): string {
  const out: string[] = [];
  const log = d.log;
  const days = (d.lastMs - d.firstMs) / 86_400_000;
  // The run starts on the Monday before the first arrival, so its horizon reaches from there to
  // the last arrival (at least the hour a burst's rate is measured over). Counted from the first
  // arrival, it lost the log's last days: a log opening on a Thursday and spanning 8 hours ran
  // Monday alone, with no arrival in it.
  const monday = mondayBefore(d.firstMs, d.offset);
  const horizonDays = Math.max(1, Math.ceil((Math.max(d.lastMs, d.firstMs + 3_600_000) - monday) / 86_400_000));
  // Every stream starts at the log's first arrival, from which its rate was measured: from the
  // Monday, cases came in the days before it, where the log has none. To the ten-thousandth of
  // an hour (0.36 s).
  const after = roundedTo((d.firstMs - monday) / 3_600_000, 4);
  out.push(
    `# Discovered by etomsim discover from ${clean(source)}: ${counted(log.size - d.duplicates, 'activity instance')}, ${counted(log.cases.length, 'case')},`,
  );
  out.push(`# case arrivals from ${new Date(d.firstMs).toISOString()} to ${new Date(d.lastMs).toISOString()} (${num(days)} days).`);
  out.push(
    `# Columns used: ${Object.entries(log.columns)
      .map(([k, v]) => `${k}=${clean(v)}`)
      .join(', ')}.`,
  );
  if (d.startsEstimated) {
    out.push('# The log has completion times only: start times are ESTIMATED (Chapela-Campa and Dumas 2022): an');
    out.push('# instance starts when its predecessor in the case has completed and its resource has completed its');
    out.push('# previous instance in the same working stretch (a stretch ends where the resource completes nothing for');
    out.push("# 10 h); a case's first instance, and a resource's first of a stretch, take the median");
    out.push('# duration of their activity, or none where none is measured (an activity that only opens cases: its start');
    out.push('# is not known, the cycle time runs from its completion, as the log shows it).');
  }
  if (d.suspensions.instances > 0) {
    const { instances, pauses, hours: paused } = d.suspensions;
    out.push(
      `# Suspensions: ${counted(instances, 'instance')} ${agree(instances, 'was', 'were')} suspended (${counted(pauses, 'pause')}, ${hours(paused)} in all): their durations, and`,
    );
    out.push('# the time their team was busy, are their active time (start to suspend, resume to suspend or complete).');
  }
  for (const n of d.notes)
    out.push(
      `# Data: ${counted(n.count, clean(n.one), clean(n.kind))}: ${clean(n.handling)}${n.example ? ` (first: ${clean(n.example)})` : ''}.`,
    );
  if (d.concurrentPairs.length > 0) {
    out.push(
      `# Concurrent (overlapping in >= ${percentText(OVERLAP_SHARE)} of the cases with both, or both orders in >= ${percentText(ORDER_SHARE)}): ${d.concurrentPairs.map(([a, b]) => `${clean(a)} || ${clean(b)}`).join('; ')}.`,
    );
  }
  out.push(`name: ${quote(scenarioNameFrom(`Discovered from ${source.split('/').pop()}`))}`);
  out.push(`description: ${quote(`Discovered by etomsim discover from ${source}`)}`);
  out.push('time_unit: hours');
  out.push('run:');
  out.push(`  horizon: ${horizonDays}d # the log's period, from the run's start (below) to the last case arrival`);
  out.push('  warmup: 0 # the log is compared from its first case on: the simulation starts empty like it');
  out.push('  replications: 10');
  out.push('  seed: 1');
  const runStart = `${new Date(monday + d.offset * 60_000).toISOString().slice(0, 19)}${offsetText(d.offset)}`;
  out.push(`  start: ${quote(runStart)} # the Monday 00:00 before the first arrival, in its UTC offset`);

  const calendarNames = new Names();
  const resourceName = teamNames(d.teams.teams);
  // A team's hours, as a calendar: its own when it has no roster, and the one its delay steps
  // run in where their time elapses in its hours (delay-clock.ts), roster or not.
  const delayed = new Set(d.activities.filter((f) => f.delay?.clock?.clock === 'team' && f.team >= 0).map((f) => f.team));
  const inner = (o: Opening) => [...(o.inner?.values() ?? [])].flatMap((byBlock) => [...byBlock.values()]);
  for (const opening of [...d.openings.values(), ...d.leads.values()].flatMap((o) => [o, ...inner(o)])) {
    for (const byHead of opening.delays)
      for (const [a, delay] of byHead) if (delay?.clock?.clock === 'team' && d.activities[a].team >= 0) delayed.add(d.activities[a].team);
    opening.lead?.forEach((delay, k) => {
      const team = opening.opener[k] < 0 ? -1 : d.activities[opening.opener[k]].team;
      if (delay?.clock?.clock === 'team' && team >= 0) delayed.add(team);
    });
  }
  const calendarOf = d.teams.teams.map((t, i) =>
    t.calendar === null || (t.roster !== null && !delayed.has(i)) ? null : calendarNames.unique(`${resourceName[i]}_hours`),
  );
  const flowNames = new Names();
  const flowName = d.flows.map((f) => flowNames.unique(slug(f.name)));
  const arrivalCalendar = d.flows.map((f, i) => (f.arrivals.steady?.calendar ? calendarNames.unique(`${flowName[i]}_arrivals`) : null));
  // The flows are written first, to learn which teams their tasks name: a team whose activities
  // were all folded (rare paths, steps left out) serves no written task, and is left out with
  // its calendar, named in a comment (written, it served no case and a validate warned of it).
  const nodeNames = new Names();
  const taskName = new Map<number, string>();
  for (const act of d.activities) taskName.set(act.activity, nodeNames.unique(slug(act.name)));
  const flowLines: string[] = ['flows:'];
  const teamUsed = new Set<number>();
  d.flows.forEach((f, i) => {
    flowLines.push(`  ${flowName[i]}:`);
    flowLines.push(
      `    description: ${quote(`${f.name}: ${counted(f.cases, 'case')}; observed cycle time mean ${hours(f.cycleHours.mean)}, p90 ${hours(f.cycleHours.p90)}`)}`,
    );
    const body = emitFlow(f, d, taskName, resourceName, calendarOf, nodeNames);
    for (const t of body.teams) teamUsed.add(t);
    if (f.patience !== null)
      flowLines.push(
        `    cancel_after: ${num(f.patience.hours)}h # every one of the ${counted(f.patience.cases, 'case')} given up (pi_abort) went at this age from its arrival, and none lasted longer`,
      );
    flowLines.push(`    start: ${body.start}`);
    for (const c of body.comments) flowLines.push(`    # ${c}`);
    writeLeftOut(flowLines, body.leftOut, d);
    flowLines.push('    nodes:');
    for (const l of body.lines) flowLines.push(`      ${l}`);
  });
  const written = d.teams.teams.map((_, i) => teamUsed.has(i));
  const folded = d.teams.teams.filter((_, i) => !written[i]);

  if (calendarOf.some((c, i) => c !== null && written[i]) || arrivalCalendar.some((c) => c !== null)) {
    out.push('calendars:');
    d.teams.teams.forEach((t, i) => {
      if (t.calendar === null || calendarOf[i] === null || !written[i]) return;
      out.push(
        `  # the hours of the week in which ${quote(clean(t.name))} starts or ends work in at least 25% of the most worked hour's weeks`,
      );
      if (t.roster !== null) out.push('  # (its shifts give its units; its delay steps run in these hours, in which they were measured)');
      const hoursText = t.calendar.hours.map(([a, b]) => `"${hh(a)}-${hh(b)}"`).join(', ');
      out.push(`  ${calendarOf[i]}: { days: [${t.calendar.days.map((x) => DAY_NAMES[x]).join(', ')}], hours: [${hoursText}] }`);
    });
    d.flows.forEach((f, i) => {
      const calendar = f.arrivals.steady?.calendar;
      if (!calendar || arrivalCalendar[i] === null) return;
      out.push(
        `  # the hours of the week in which the cases of ${quote(clean(f.name))} arrive: the profile's days and hours above 0, each run of hours' first and last open for its factor's share of the hour`,
      );
      const hoursText = calendar.hours.map(([a, b]) => `"${clockOfDay(a)}-${clockOfDay(b)}"`).join(', ');
      out.push(`  ${arrivalCalendar[i]}: { days: [${calendar.days.map((x) => DAY_NAMES[x]).join(', ')}], hours: [${hoursText}] }`);
    });
  }
  out.push(
    `resources:${d.teams.teams.length === 0 ? ' {} # no resource or role column: every step is automated' : folded.length === d.teams.teams.length ? ' {}' : ''}`,
  );
  if (folded.length > 0) out.push(`  # ${foldedTeamsComment(folded, d.teams.basis)}`);
  d.teams.teams.forEach((t, i) => {
    if (!written[i]) return;
    out.push(`  ${resourceName[i]}:`);
    out.push(
      `    description: ${quote(`${d.teams.basis === 'role' ? 'role' : 'resources with a similar activity profile'} ${t.name} (${counted(t.members.length, 'resource')}, ${counted(t.instances, 'instance')})`)}`,
    );
    const why =
      t.capacity === t.people && t.people >= t.concurrency
        ? `median number of its people active on a working day (${counted(t.days, 'day')})`
        : `instances running at once (99th percentile), above the ${counted(t.people, 'person', 'people')} active on a median working day`;
    if (t.roster !== null) {
      out.push(
        t.rosterFrom === 'people'
          ? `    # a roster: the units at work in each hour (its people on shift then: each person's hours, from the first to the last hour of the day they start work in)`
          : `    # a roster: the units at work in each hour (the median over the weeks of the most instances running at once in it)`,
      );
      out.push(`    # vary within the working hours; scaled so the busiest hour has the team's ${t.capacity} (${why})`);
      out.push('    shifts:');
      for (const r of t.roster)
        out.push(
          `      - { days: [${r.days.map((x) => DAY_NAMES[x]).join(', ')}], hours: "${hh(r.from)}-${hh(r.to)}", capacity: ${r.capacity} }`,
        );
      return;
    }
    out.push(`    capacity: ${t.capacity} # ${why}`);
    if (calendarOf[i] !== null) out.push(`    calendar: ${calendarOf[i]}`);
    else out.push('    # no calendar: it works at every hour of the week');
  });

  out.push('arrivals:');
  // what arrival times are: as case-times.ts' arrivalOf reads them, from an enabled time where the log dates one
  const arrivalRule = d.log.enabled.some((ms) => !Number.isNaN(ms))
    ? 'a case arrives when its first step is enabled, or else starts'
    : 'a case arrives when its first step starts';
  d.flows.forEach((f, i) => {
    const a = f.arrivals;
    out.push(`  - flow: ${flowName[i]}`);
    if (a.steady !== null) {
      writeSteadyArrivals(out, a, a.steady, arrivalCalendar[i], arrivalRule);
      const lead = a.steady.startsAt - weekHours(monday, d.offset);
      // rounded up: the first case comes at (or a moment after) the log's first, never before its window (steady-arrivals.ts WINDOW_SLACK)
      if (lead > 0)
        out.push(
          `    after: ${roundedTo(Math.ceil(lead * 1e4 + 1e-3) / 1e4, 4)}h # one mean gap of open time before the flow's first case arrival, from the run's start: its first case comes when the log's did`,
        );
      return;
    }
    out.push(
      isBurst(a)
        ? `    # ${a.cases} case arrivals (${arrivalRule}), ${burstSpan(a)}: less than the hour a rate is measured over, so the rate is their count in the hour from the first, a burst at that hour of the week, not a rate measured over time; the peak rate`
        : `    # ${a.cases} case arrivals (${arrivalRule}), ${num(a.meanPerWeek)} a week on average; the peak rate`,
    );
    out.push('    # and the profile are the maximum-likelihood rank-one (day x hour) Poisson model of the arrivals by hour of the week;');
    const test = (what: string, t: FactorTest) =>
      `${what} ${t.kept ? 'as observed' : 'flat'} (G ${num(roundedTo(t.g, 2))} on ${counted(t.df, 'degree')} of freedom${t.kept ? '' : ': a constant rate is not rejected at 1%'})`;
    out.push(`    # ${test('days', a.profileTests.days)}, ${test('hours', a.profileTests.hours)}`);
    out.push(`    rate: ${num(a.peakRatePerHour)}/h`);
    if (after > 0) out.push(`    after: ${after}h # the log's first case arrival, from the run's start`);
    out.push('    profile:');
    out.push(`      days: { ${a.days.map((v, k) => `${DAY_NAMES[k]}: ${num(v)}`).join(', ')} }`);
    out.push(`      hours: [${a.hours.map((v) => num(roundedTo(v, 4))).join(', ')}]`);
  });

  append(out, flowLines);
  return `${out.join('\n')}\n`;
}

/**
 * A flow's `discovery: left_out` (scenario-format.md): the log's activities discover wrote no task
 * for, as only rare paths led to them, as data that fidelity reads (its warning says the
 * activity missing from the scenario is discover's fold), with the rule in one comment.
 */
function writeLeftOut(out: string[], activities: readonly number[], d: Discovery): void {
  if (activities.length === 0) return;
  out.push('    discovery:');
  out.push(
    `      # the log's activities this flow has no task for: only paths below ${percentText(d.minShare, { maxDecimals: 2 })} of the times their step is left led to them (rare_paths, folded as the comments above say); fidelity reads this list`,
  );
  out.push('      left_out:');
  for (const a of activities) out.push(`        - { activity: ${quote(d.log.activities[a])}, why: rare_paths }`);
}

/** The teams no written task names, each with the size it had in the log, in one comment line. */
function foldedTeamsComment(folded: readonly Team[], basis: Discovery['teams']['basis']): string {
  const what = basis === 'role' ? 'roles' : 'teams of resources';
  const listed = folded.map(
    (t) =>
      `${quote(clean(t.name))} (${t.members.length > 0 ? `${counted(t.members.length, 'resource')}, ` : ''}${counted(t.instances, 'instance')})`,
  );
  return `left out, with their hours: ${what} no written task names (the steps they worked are left out as rare, as the flows' discovery: left_out lists say, or written for the team that did most of them): ${listed.join('; ')}`;
}

/** The rule that chose a delay step's clock, and its evidence, in one line. */
function clockComment(c: DelayClock, team: string): string {
  const chosen = c.clock === 'team' ? `the hours of ${team}` : 'hours of the clock';
  if (c.scored === 0)
    return `its time elapses in ${chosen}: too few delays (${c.n}) to fit each clock on half of them and score the other half`;
  const summed = c.scored === c.n ? 'both halves summed' : `${counted(c.scored, 'end')} scored (the other half, too small to fit, is not)`;
  return (
    `its time elapses in ${chosen}: the fit in each clock, on half of its ${counted(c.n, 'delay')}, gives the other half's ends ` +
    `(an open hour of ${team}, with the closed hours after it) a log-likelihood of ${num(round1(c.logLik.team))} in ${team}'s hours, ` +
    `${num(round1(c.logLik.wall))} in the clock's, ${summed}; the larger wins`
  );
}

/** The test that read a delay step's end as a case age, and its evidence, in one line. */
function ageComment(a: CaseAgeReading): string {
  return (
    `it ends at a case age, not after a delay from the step before: fitted on half of its ${counted(a.n, 'delay')}, the age at its end (in the same clock) ` +
    `gives the other half's ends a log-likelihood of ${num(round1(a.logLik.age))}, the delay ${num(round1(a.logLik.delay))} ` +
    `(${counted(a.scored, 'end')} scored; Vuong's z ${num(round1(a.z))} > ${num(Math.round(AGE_Z * 100) / 100)})`
  );
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A whole hour of a range as HH:MM (24:00 at a day's end; an hour past it, of the next day). */
const hh = (h: number) => clockOfDay(h === 24 ? 24 : h % 24);

/**
 * A flow's arrivals as the steady stream they are (steady-arrivals.ts): a constant or gamma gap in
 * their calendar's open hours, instead of a Poisson rate over a profile.
 */
function writeSteadyArrivals(out: string[], a: ArrivalFacts, steady: SteadyArrivals, calendar: string | null, arrivalRule: string): void {
  const scv = num(roundedTo(steady.scv, 3));
  out.push(
    `    # ${a.cases} case arrivals (${arrivalRule}), ${num(a.meanPerWeek)} a week on average, far more regular than a Poisson stream:`,
  );
  out.push(
    `    # the ${counted(steady.gaps, 'gap')} between arrivals within their hours have c² ${scv} (a Poisson stream's is 1; steady below ${MAX_SCV} and below 1 at the 1% level),`,
  );
  out.push(
    `    # so they come one interarrival of ${calendar === null ? 'time' : 'open time'} after another${calendar === null ? '' : ` in the hours they come in (${calendar})`}, the mean gap bringing the log's volume; a Poisson stream would bunch them`,
  );
  const mean = num(steady.meanGap);
  out.push(
    steady.scv < CONSTANT_SCV
      ? `    interarrival: ${mean} # constant: c² below ${CONSTANT_SCV}`
      : `    interarrival: { gamma: { mean: ${mean}, sd: ${num(steady.meanGap * Math.sqrt(steady.scv))} } } # the gaps' c²`,
  );
  if (calendar !== null) out.push(`    calendar: ${calendar}`);
}

function emitFlow(
  flow: FlowDiscovery,
  d: Discovery,
  taskName: Map<number, string>,
  resourceName: string[],
  calendarOf: (string | null)[],
  names: Names,
) {
  const lines: string[] = [];
  const comments: string[] = [];
  /** the activities only rare paths led to (dropped steps, and those of dropped blocks), as they were met */
  const leftOut: number[] = [];
  const facts = new Map<number, ActivityFacts>(d.activities.map((a) => [a.activity, a]));
  const emittedTasks = new Set<number>();
  /** the teams the written tasks name */
  const teams = new Set<number>();
  // Named when first needed, which may be in the middle of a branch list: written after the flow.
  let endNode: string | null = null;
  const needEnd = () => (endNode ??= names.unique('end_of_case'));
  // Delay steps are named before anything else takes their names.
  const waitName = new Map<number, string>();
  const choiceName = new Map<number, string>();
  for (const f of d.activities) {
    if (f.delay === null) continue;
    waitName.set(f.activity, names.unique(composed`wait_before_${taskName.get(f.activity)!}`));
    if (f.delay.share < 0.999) choiceName.set(f.activity, names.unique(composed`${taskName.get(f.activity)!}_delayed`));
  }
  // A delay measured on later passes only (the log dates no first instance's enabling: its case
  // arrives when that step starts) is no wait at the case's arrival: the flow's start enters the
  // step itself, and the delay is written where another step leads to it (none: not written).
  // (a block the flow starts with and no step leads back to: its branches' starts are its forks' alone, emitOpenings)
  // (and a block entered after a step whose leading branch changes a delay: its branches' starts are its forks', leadsWritten)
  const openedOnly = new Set<Block>();
  /** blocks nested at a branch's head (Opening.nested) of a block written by its forks, entered by nothing else: written as the forks' copies alone */
  const nestedOnly = new Set<Block>();
  /** each block's join, as its chain wrote it: the nested blocks' copies join there too */
  const nestedJoin = new Map<Block, string>();
  flow.chain.symbols.forEach((s, i) => {
    if (s.kind !== 'block') return;
    const opening = d.openings.get(s.block);
    const lead = d.leads.get(s.block);
    const written =
      (opening !== undefined && openersKept(opening, s.block, d.minShare).kept.length > 0) ||
      (lead !== undefined && leadsWritten(lead, s.block, d.minShare));
    if (opening !== undefined && written && !enteredBeside(flow.chain, i)) openedOnly.add(s.block);
    if (lead !== undefined && written) openedOnly.add(s.block);
    if (openedOnly.has(s.block)) nestedAtHeads(s.block, (opening ?? lead)!.nested, nestedOnly);
  });
  for (const b of nestedOnly) openedOnly.add(b);
  const entered = enteredOtherwise(flow.chain, true, new Set(), openedOnly);
  const delayAtArrival = (a: number) => facts.get(a)!.delay?.atArrival === true;
  // A wait at the arrival is written where the flow's start, as kept, enters its step: a start
  // folded as rare (a block entered after steps that opened a few cases) would leave it unreached.
  const arrivedAt = headActivities(flow.chain);
  const writesDelay = (a: number) => facts.get(a)!.delay !== null && ((delayAtArrival(a) && arrivedAt.has(a)) || entered.has(a));
  const entryOfActivity = (a: number): string => (writesDelay(a) ? (choiceName.get(a) ?? waitName.get(a)) : undefined) ?? taskName.get(a)!;

  /** A step's delay: its decision (`choice`, where not every instance waits) and its delay step, leading to the step (or to `next`: a block its step leads). */
  const emitDelay = (f: ActivityFacts, delay: DelayFacts, choice: string | undefined, wait: string, when: string, next?: string) => {
    const task = next ?? taskName.get(f.activity)!;
    lines.push(
      `# waiting that no busy team explains: ${percentText(delay.share)} of the instances of ${quote(clean(f.name))}${when} wait with their team on shift and a unit free`,
    );
    // a leader's own wait where the log's end cut its block: the instances drawn by their weights (extraneous-delays.ts' drawnByWeight)
    const drawn =
      delay.drawn === true
        ? ", the passes drawn by the inverse of their chance to show it by the log's end, their effective count of them"
        : '';
    lines.push(`# (mean wait from enabling to start ${hours(delay.meanWait)}${drawn}); ${fitComment(delay.fit)}`);
    if (delay.share < 0.999) {
      lines.push(`${choice}:`);
      lines.push(`  description: ${quote(`does ${f.name} wait for something other than its team?`)}`);
      lines.push('  branch:');
      const p = round(delay.share);
      lines.push(`    - { to: ${wait}, p: ${p} }`);
      lines.push(`    - { to: ${task}, p: ${num(1 - p)} }`);
    }
    lines.push(`${wait}:`);
    lines.push(`  description: ${quote(`automated delay step (not queueing): waiting before ${f.name} that no busy team explains`)}`);
    // in the clock its delays' ends say (delay-clock.ts), fitted in that clock; an automated step's, or a team's that works at every hour, in the clock's
    const clock = delay.clock;
    if (clock !== null) lines.push(`  # ${clockComment(clock, resourceName[f.team])}`);
    const age = delay.age;
    if (age?.chosen) {
      // a timer on the case's age (case-age.ts), in the delay's clock from the case's arrival
      lines.push(`  # ${ageComment(age)}`);
      lines.push('  until: case_age');
    }
    const hoursOf = f.team >= 0 && clock?.clock === 'team' ? calendarOf[f.team] : null;
    if (hoursOf !== null)
      lines.push(`  calendar: ${hoursOf} # its duration is in the hours of ${resourceName[f.team]}, as it was measured`);
    lines.push(`  duration: ${distributionYaml(delay.fit.dist)}${age?.chosen ? " # the case's age at which it ends" : ''}`);
    lines.push(`  next: ${task}`);
  };

  const emitTask = (a: number, next: string | null) => {
    if (emittedTasks.has(a)) return;
    emittedTasks.add(a);
    const f = facts.get(a)!;
    const task = taskName.get(a)!;
    if (f.delay !== null && writesDelay(a)) emitDelay(f, f.delay, choiceName.get(a), waitName.get(a)!, '');
    lines.push(`${task}:`);
    lines.push(`  description: ${quote(f.name)}`);
    // the link to the log as data, which fidelity matches exactly: names that slug alike ('a.b', 'a_b') get suffixed node names
    lines.push(`  activity: ${quote(f.name)}`);
    if (f.pool !== null) {
      const total = f.pool.reduce((sum, p) => sum + p.instances, 0);
      lines.push(
        `  # a skill pool: ${f.pool.map((p) => `${resourceName[p.team]} did ${p.instances} of its instances (${percentText(p.instances / total)})`).join(', ')}; the most first`,
      );
      lines.push(`  resource: { any: [${f.pool.map((p) => resourceName[p.team]).join(', ')}] }`);
      for (const p of f.pool) teams.add(p.team);
    } else if (f.team >= 0) {
      lines.push(`  resource: ${resourceName[f.team]}`);
      teams.add(f.team);
    } else lines.push('  # no resource on most instances: an automated step');
    lines.push(
      `  # processing time${f.team >= 0 ? ' in the working hours of the team that did each instance' : ''}: ${fitComment(f.duration)}`,
    );
    lines.push(`  duration: ${distributionYaml(f.duration.dist)}`);
    if (next !== null) lines.push(`  next: ${next}`);
  };

  /**
   * The node after `from` in `chain`: its only successor, or a decision among them (named `label`); null: the case ends.
   * `counted`: a lane's start in a leader's fork (laneStart), whose counts may be weighed for the log's end: its passes
   * as read, each once, by successor, and the successors begun at their share over every pass (no pass read began them).
   */
  const decisionAfter =
    (chain: Chain, target: (to: number, from: number) => string, endTarget: string | null, counted?: LaneCounts) =>
    (from: number, label: string, mustBeNode: boolean): string | null => {
      const list = [...(chain.transitions.get(from)?.entries() ?? [])].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      if (list.length === 1) {
        if (list[0][0] === END && endTarget === null) return mustBeNode ? needEnd() : null;
        return target(list[0][0], from);
      }
      const total = list.reduce((s, [, c]) => s + c, 0);
      const name = names.unique(label);
      lines.push(`${name}:`);
      const exits = (count: (to: number, c: number) => string) =>
        list.map(([to, c]) => `${to === END ? 'end' : target(to, from)} ${count(to, c)}`).join(', ');
      if (counted === undefined || list.every(([to, c]) => (counted.read.get(to) ?? 0) === c))
        lines.push(`  # ${total} passes: ${exits((_, c) => `${c}`)}`);
      else {
        // weighed (FollowTally) or begun at a pooled share: the passes read, then the counts as written
        const read = list.reduce((s, [to]) => s + (counted.read.get(to) ?? 0), 0);
        const pooled = list.filter(([to]) => counted.pooled.has(to)).map(([to]) => target(to, from));
        const why = [
          ...(list.some(([to, c]) => !counted.pooled.has(to) && (counted.read.get(to) ?? 0) !== c)
            ? ["read from every pass the log shows, each weighed by the inverse of its chance to show it by the log's end"]
            : []),
          ...(pooled.length === 0
            ? []
            : [
                `${pooled.join(', ')} begun at ${pooled.length === 1 ? 'its' : 'their'} share over every pass of the branch (no fork's passes read began ${pooled.length === 1 ? 'it' : 'them'})`,
              ]),
        ];
        lines.push(
          `  # ${read} passes read: ${exits((to) => `${counted.read.get(to) ?? 0}`)}; as written (${why.join('; ')}): ${exits((_, c) => num(roundedTo(c, 2)))}`,
        );
      }
      const found = chain.visitSplits.get(from);
      // per class, the exits in list's order
      const split =
        found === undefined
          ? null
          : { ...found.split, counts: found.split.counts.map((row) => list.map(([to]) => row[found.targets.indexOf(to)])) };
      if (split !== null) {
        const classes = split.counts.length;
        lines.push(
          `  # by the case's pass of the step before (the last class pools that pass and later, each class at least ${MIN_CLASS_PASSES} passes; one p for all rejected, G = ${num(split.g)} on ${split.df} df, ${VISIT_LEVEL * 100}% level):`,
        );
        split.counts.forEach((row, k) =>
          lines.push(
            `  #   ${ordinal(k + 1)}${k === classes - 1 ? ' and later' : ''}: ${list.map(([to], t) => `${to === END ? 'end' : target(to, from)} ${row[t]}`).join(', ')}`,
          ),
        );
      }
      lines.push('  branch:');
      if (split === null) {
        const ps = probabilities(list.map(([, c]) => c));
        list.forEach(([to], k) => lines.push(`    - { to: ${target(to, from)}, p: ${ps[k]} }`));
      } else {
        const perClass = split.counts.map(classShares);
        list.forEach(([to], t) => lines.push(`    - { to: ${target(to, from)}, p: [${perClass.map((ps) => ps[t]).join(', ')}] }`));
      }
      return name;
    };

  /** `withStart` false: the chain's start is entered only by an opening block's forks (emitOpenings), which write their own. */
  const emitChain = (chain: Chain, prefix: string, endTarget: string | null, withStart = true): string => {
    const symbolName = chain.symbols.map((s) => (s.kind === 'activity' ? entryOfActivity(s.activity) : blockName.get(s.block)!));
    // the flow's own start: a case's first step, without the delay its later passes take; a block
    // it starts with, by the branch that opens the case (emitOpenings)
    const opensCase = chain === flow.chain;
    const target = (to: number, from: number) => {
      if (to === END) return endTarget ?? needEnd();
      const s = chain.symbols[to];
      if (opensCase && from === START && s.kind === 'activity' && !delayAtArrival(s.activity)) return taskName.get(s.activity)!;
      if (opensCase && from === START && s.kind === 'block' && openingEntry.has(s.block)) return openingEntry.get(s.block)!;
      if (s.kind === 'block' && leadEntry.has(s.block)) return leadEntry.get(s.block)!;
      return symbolName[to];
    };
    const after = decisionAfter(chain, target, endTarget);
    const start = withStart ? after(START, `${prefix}start`, true)! : '';
    chain.symbols.forEach((s, i) => {
      if (!chain.transitions.has(i)) return; // dropped
      // The step first, then the decision after it, as a reader follows the flow.
      const mark = lines.length;
      const next = after(i, s.kind === 'activity' ? `after_${taskName.get(s.activity)}` : `after_${symbolName[i]}`, s.kind === 'block');
      const decision = lines.splice(mark);
      if (s.kind === 'activity') emitTask(s.activity, next);
      else emitBlock(s.block, symbolName[i], next!, !leadEntry.has(s.block) && (!opensCase || enteredBeside(chain, i)));
      append(lines, decision);
    });
    for (const r of chain.folded) {
      comments.push(
        `rare path folded (below ${percentText(d.minShare, { maxDecimals: 2 })} of the times its step is left): ${r.from === START ? 'start' : symbolName[r.from]} -> ${r.to === END ? 'end' : symbolName[r.to]} (${r.count} of ${r.total})`,
      );
    }
    const stepName = (s: ChainSymbol) =>
      s.kind === 'activity' ? quote(clean(d.log.activities[s.activity])) : `parallel block ${blockName.get(s.block)}`;
    const share = percentText(d.minShare, { maxDecimals: 2 });
    const passes = (x: number) => num(roundedTo(x, 2));
    for (const k of chain.keptForLoops) {
      if (k.step === null) {
        comments.push(
          `rare path kept (below ${share} of the times its step is left, but its loop is too tangled to weigh each fold within discovery's budget, so every rare path out of it is kept): ${symbolName[k.from]} -> ${k.to === END ? 'end' : symbolName[k.to]} (${k.count} of ${k.total})`,
        );
        continue;
      }
      comments.push(
        `rare path kept (below ${share} of the times its step is left, but folded it would have a case doing ${stepName(chain.symbols[k.step])} do it ${passes(k.folded)} times on average against ${passes(k.unfolded)}, more than the ${share} a fold may add to a loop): ${symbolName[k.from]} -> ${k.to === END ? 'end' : symbolName[k.to]} (${k.count} of ${k.total})`,
      );
    }
    // a dropped block leaves out every activity in it: each is listed, as fidelity reads them by the log's name
    for (const s of chain.dropped) for (const activity of s.kind === 'activity' ? [s.activity] : s.block.activities) leftOut.push(activity);
    return start;
  };

  /** `general`: the block is entered where no case opens (a chain's step leads back to it), or opens no case; false too
   *  for a block written by its leading branch (leadEntry), whose forks are its leaders'. */
  const emitBlock = (block: Block, name: string, join: string, general = true) => {
    const opening = openingForks.get(block);
    nestedJoin.set(block, join);
    // a block nested at a branch's head that only the opening forks enter: its forks are their copies (nestedFork)
    const own = !nestedOnly.has(block);
    const entries = block.branches.map((b, k) => emitChain(b, `${name}_branch_${k + 1}_`, join, own && (general || opening === undefined)));
    if (opening !== undefined) emitOpenings(block, opening, join);
    if ((opening !== undefined && !general) || !own) return;
    emitFork(block, name, entries, join);
  };

  const emitFork = (block: Block, name: string, entries: string[], join: string, about?: string) => {
    // A branch whose only path, once rare ones are folded, goes straight to the join does
    // nothing: the fork waits for it no time, so it is left out (listed, it would name the join).
    const working = entries.filter((e) => e !== join);
    const emptied = entries.length - working.length;
    lines.push(`${name}:`);
    lines.push(
      `  # parallel: ${block.branches.map((b) => b.symbols.map((s) => (s.kind === 'activity' ? quote(clean(d.log.activities[s.activity])) : blockName.get(s.block)!)).join(' / ')).join(' || ')}${block.inexact > 0 ? ` (${counted(block.inexact, 'pair')} across branches ${agree(block.inexact, 'was', 'were')} not seen in parallel: the cut is approximate)` : ''}`,
    );
    if (about !== undefined) lines.push(`  # ${about}`);
    if (emptied > 0) lines.push(`  # ${counted(emptied, 'branch', 'branches')} left out: no work once rare paths are folded`);
    if (working.length === 0) {
      lines.push(`  description: "no work: every branch of this parallel block was folded as rare (added by discovery)"`);
      lines.push('  duration: 0');
      lines.push(`  next: ${join}`);
      return;
    }
    lines.push(`  parallel: [${working.join(', ')}]`);
    lines.push(`  join: ${join}`);
  };

  /**
   * A block the flow starts with (extraneous-delays.ts' Opening): a decision of the step that
   * opens the case (where more than one does), then a fork per opening step, in which that step
   * starts at the arrival and the other branches begin (or are skipped) as in the cases it opened,
   * their first steps taking their delays as measured there. The branches' steps are shared by the
   * forks. A block entered after a step (`leadNodes`, extraneous-delays.ts' leadingBlocks) alike,
   * by the step that starts first: its delay from the step before the block leads to its fork,
   * and the others' delays run from its start.
   */
  const emitOpenings = (block: Block, forks: OpeningForks, join: string) => {
    const { opening, kept, leadNodes } = forks;
    const leading = leadNodes !== undefined;
    const foldedText =
      forks.folded.length === 0
        ? ''
        : `; folded as rare (below ${percentText(d.minShare, { maxDecimals: 2 })}): ${forks.folded.map((k) => `${quote(clean(d.log.activities[opening.opener[k]]))}'s branch ${opening.opened[k]}`).join(', ')}`;
    const entryOf = (k: number) => {
      const nodes = leadNodes?.[k];
      return nodes === undefined || nodes === null ? forks.fork[k] : (nodes.choice ?? nodes.wait);
    };
    if (kept.length > 1) {
      // the passes each weighed where the log's end cut one of the block's (Opening.openedWeighed), else as read
      const weighed = opening.openedWeighed;
      lines.push(`${forks.decision}:`);
      lines.push(
        leading
          ? `  # which branch starts first (its step waits from the block's start, the others from its own start), in the passes through the block: ${kept.map((k) => `${forks.fork[k]} ${opening.opened[k]}`).join(', ')}${foldedText}`
          : `  # which branch opens the case (its step starts when the case arrives, the others wait from there): ${kept.map((k) => `${forks.fork[k]} ${opening.opened[k]}`).join(', ')}${foldedText}`,
      );
      if (weighed !== undefined)
        lines.push(
          `  # as written (each pass weighed by the inverse of its chance to be in the log by its end: a branch that starts late shows in fewer of the passes entered near it): ${kept.map((k) => `${forks.fork[k]} ${num(roundedTo(weighed[k], 2))}`).join(', ')}`,
        );
      lines.push(
        `  description: ${quote(leading ? `which branch of ${blockName.get(block)} starts first?` : `which branch of ${blockName.get(block)} opens the case?`)}`,
      );
      lines.push('  branch:');
      const ps = probabilities(kept.map((k) => (weighed ?? opening.opened)[k]));
      kept.forEach((k, i) => lines.push(`    - { to: ${entryOf(k)}, p: ${ps[i]} }`));
    }
    const lanes = lanesOf(block, new Map());
    for (const k of kept) {
      const leadDelay = opening.lead?.[k];
      const nodes = leadNodes?.[k];
      if (leadDelay !== undefined && leadDelay !== null && nodes !== undefined && nodes !== null)
        emitDelay(
          facts.get(opening.opener[k])!,
          leadDelay,
          nodes.choice,
          nodes.wait,
          forks.within === undefined
            ? ` that start ${blockName.get(block)} first (from the end of the step before it)`
            : ` that start ${blockName.get(block)} first in ${forks.within} (from ${forks.withinFrom})`,
          forks.fork[k],
        );
      const deferred: string[] = [];
      const copies = new Map<Block, string>();
      /**
       * A branch's start in leader k's fork: k's own lane at k's step; another's as it began (or was
       * skipped) in the passes k led (Opening.follow), its heads' delays as measured there.
       */
      const entryOf = (branch: Chain, to: string, label: string): string => {
        const lane = lanes.indexOf(branch);
        const target = (next: number) => {
          if (next === END) return to;
          const s = branch.symbols[next];
          if (s.kind === 'block') return opening.nested.has(s.block) ? nestedFork(s.block) : blockName.get(s.block)!;
          const nodes = forks.delayNodes[k].get(s.activity);
          return nodes === undefined ? taskName.get(s.activity)! : (nodes.choice ?? nodes.wait);
        };
        if (lane >= 0 && lane === opening.lane[k]) {
          // a head of its own lane no fork begins, and no fork of another lane to begin it (openersKept): the lane's
          // start as over every pass, its step among the others (a case another head opened counted as its: one leader)
          if (forks.unbegun.has(lane) && forks.kept.every((j) => opening.lane[j] === lane))
            return decisionAfter(branch, target, to)(START, label, true)!;
          return taskName.get(opening.opener[k])!;
        }
        const { chain, counted } = laneStart(branch, opening.follow[k].get(lane), opening.passesRead[k].get(lane), forks.unbegun.get(lane));
        return decisionAfter(chain, target, to, counted)(START, label, true)!;
      };
      /**
       * A block nested at a branch's head (Opening.nested) in lane k's fork: a copy of its fork whose
       * branches start as lanes of this one; written after this fork (it may be named in the middle
       * of a decision's lines).
       */
      const nestedFork = (inner: Block): string => {
        const made = copies.get(inner);
        if (made !== undefined) return made;
        const opener = taskName.get(opening.opener[k])!;
        const innerName = blockName.get(inner)!;
        const name = names.unique(leading ? composed`${innerName}_when_${opener}_leads` : composed`${innerName}_when_${opener}_opens`);
        const mark = lines.length;
        const innerJoin = nestedJoin.get(inner)!;
        // where its passes in lane k's are read (Opening.inner): written by its own leading lane, from k's start
        const reading = opening.inner?.get(k)?.get(inner);
        if (reading !== undefined && leadsWritten(reading, inner, d.minShare)) {
          // the instant the outer fork starts its lanes, where the engine starts this delay and discovery measured it from
          // (extraneous-delays.ts' openingBlocks: the arrival, the log's first step's start; leadingBlocks: the leader's start)
          const from = leading
            ? `the start of ${quote(clean(d.log.activities[opening.opener[k]]))}, which leads that fork`
            : "the case's arrival, when that fork opens it";
          const { forks: innerForks, entry } = leadForks(reading, inner, name, { fork: forks.fork[k], from });
          copies.set(inner, entry);
          emitOpenings(inner, innerForks, innerJoin);
          append(deferred, lines.splice(mark));
          return entry;
        }
        copies.set(inner, name);
        const entries = inner.branches.map((b, i) => entryOf(b, innerJoin, `${name}_branch_${i + 1}_start`));
        emitFork(inner, name, entries, innerJoin, `${blockName.get(block)}'s fork ${forks.fork[k]}, heading a branch of it`);
        append(deferred, lines.splice(mark));
        return name;
      };
      const entries = block.branches.map((branch, j) => entryOf(branch, join, `${forks.fork[k]}_branch_${j + 1}_start`));
      for (const [a, nodes] of forks.delayNodes[k]) {
        const delay = opening.delays[k].get(a)!;
        emitDelay(
          facts.get(a)!,
          delay,
          nodes.choice,
          nodes.wait,
          leading
            ? ` in the passes ${quote(clean(d.log.activities[opening.opener[k]]))} led (from its start)`
            : ` in the cases ${quote(clean(d.log.activities[opening.opener[k]]))} opened`,
        );
      }
      const opened = opening.opened[k];
      emitFork(
        block,
        forks.fork[k],
        entries,
        join,
        leading
          ? `the passes ${quote(clean(d.log.activities[opening.opener[k]]))}'s branch led (${opened} of ${forks.total}): it starts first, the others wait from its start${kept.length === 1 ? foldedText : ''}`
          : `the cases ${quote(clean(d.log.activities[opening.opener[k]]))}'s branch opened (${opened} of ${forks.total}): it starts at the arrival, the others wait from there${kept.length === 1 ? foldedText : ''}`,
      );
      append(lines, deferred);
    }
  };

  /**
   * A block written by its leading lane (a block entered after a step, or a block nested at a
   * branch's head in an outer lane's fork: Opening.inner), `of`: its forks' names, from `block`, and the
   * node a case enters it at. `outer`: the outer fork a nested block's copy is written in, named
   * in its delay steps' names (the same steps wait apart there), and the instant that fork starts
   * its lanes, which the copy's leading delay runs from, in its comment.
   */
  const leadForks = (
    lead: Opening,
    of: Block,
    block: string,
    outer?: { fork: string; from: string },
  ): { forks: OpeningForks; entry: string } => {
    const within = outer?.fork;
    const { kept, folded, total, unbegun } = openersKept(lead, of, d.minShare);
    const leaderName = (k: number) => taskName.get(lead.opener[k])!;
    const fork = lead.opener.map((_, k) =>
      !kept.includes(k) ? '' : kept.length === 1 ? block : names.unique(composed`${block}_when_${leaderName(k)}_leads`),
    );
    const decision = kept.length < 2 ? '' : names.unique(`lead_of_${block}`);
    const leadNodes = lead.opener.map((_, k) => {
      const delay = lead.lead?.[k] ?? null;
      if (!kept.includes(k) || delay === null) return null;
      return {
        wait: names.unique(composed`wait_before_${leaderName(k)}_leading_${block}`),
        choice: delay.share < 0.999 ? names.unique(composed`${leaderName(k)}_delayed_leading_${block}`) : undefined,
      };
    });
    const delayNodes = lead.delays.map((byHead, k) => {
      const nodes = new Map<number, { choice: string | undefined; wait: string }>();
      if (!kept.includes(k)) return nodes;
      for (const [a, delay] of byHead) {
        if (delay === null) continue;
        const task = taskName.get(a)!;
        nodes.set(
          a,
          within === undefined
            ? {
                wait: names.unique(composed`wait_before_${task}_when_${leaderName(k)}_leads`),
                choice: delay.share < 0.999 ? names.unique(composed`${task}_delayed_when_${leaderName(k)}_leads`) : undefined,
              }
            : {
                wait: names.unique(composed`wait_before_${task}_when_${leaderName(k)}_leads_in_${within}`),
                choice: delay.share < 0.999 ? names.unique(composed`${task}_delayed_when_${leaderName(k)}_leads_in_${within}`) : undefined,
              },
        );
      }
      return nodes;
    });
    const first = kept[0];
    return {
      forks: { opening: lead, kept, folded, total, unbegun, fork, decision, delayNodes, leadNodes, within, withinFrom: outer?.from },
      entry: kept.length > 1 ? decision : (leadNodes[first]?.choice ?? leadNodes[first]?.wait ?? fork[first]),
    };
  };

  // Names of blocks and tasks are reserved before any decision takes a name.
  const blockName = reserve(flow.chain, names, new Map());
  const openingForks = new Map<Block, OpeningForks>();
  const openingEntry = new Map<Block, string>();
  flow.chain.symbols.forEach((s, i) => {
    const opening = s.kind === 'block' ? d.openings.get(s.block) : undefined;
    if (opening === undefined || s.kind !== 'block') return;
    const { kept, folded, total, unbegun } = openersKept(opening, s.block, d.minShare);
    if (kept.length === 0) return;
    const own = kept.length === 1 && !enteredBeside(flow.chain, i);
    const block = blockName.get(s.block)!;
    const fork = opening.opener.map((a, k) =>
      !kept.includes(k) ? '' : own ? block : names.unique(composed`${block}_when_${taskName.get(a)!}_opens`),
    );
    const decision = kept.length < 2 ? '' : names.unique(`opening_of_${block}`);
    const delayNodes = opening.delays.map((byHead, k) => {
      const nodes = new Map<number, { choice: string | undefined; wait: string }>();
      if (!kept.includes(k)) return nodes;
      const opener = taskName.get(opening.opener[k])!;
      for (const [a, delay] of byHead) {
        if (delay === null) continue;
        const task = taskName.get(a)!;
        nodes.set(a, {
          wait: names.unique(composed`wait_before_${task}_when_${opener}_opens`),
          choice: delay.share < 0.999 ? names.unique(composed`${task}_delayed_when_${opener}_opens`) : undefined,
        });
      }
      return nodes;
    });
    openingForks.set(s.block, { opening, kept, folded, total, unbegun, fork, decision, delayNodes });
    openingEntry.set(s.block, kept.length < 2 ? fork[kept[0]] : decision);
  });
  // A block entered after a step (extraneous-delays.ts' leadingBlocks), where its leading branch changes a delay:
  // a decision of the leading branch, its step's delay from the block's start, then a fork per leading branch.
  const leadEntry = new Map<Block, string>();
  flow.chain.symbols.forEach((s) => {
    const lead = s.kind === 'block' ? d.leads.get(s.block) : undefined;
    if (lead === undefined || s.kind !== 'block' || !leadsWritten(lead, s.block, d.minShare)) return;
    const { forks, entry } = leadForks(lead, s.block, blockName.get(s.block)!);
    openingForks.set(s.block, forks);
    leadEntry.set(s.block, entry);
  });
  const start = emitChain(flow.chain, '', null);
  const end = endNode as string | null;
  if (end !== null) lines.push(`${end}: { duration: 0, description: "no work: where a case ends after a choice (added by discovery)" }`);
  return { start, lines, comments, teams, leftOut };
}

/** A block the flow starts with, as written: the branches kept as opening it (most cases first), each's fork, its delay steps' names. */
interface OpeningForks {
  opening: Opening;
  kept: number[];
  folded: number[];
  total: number;
  /** per lane: the steps heading it that no kept fork's passes began, each with its share over every pass (openersKept) */
  unbegun: Map<number, Map<number, number>>;
  /** per branch: its fork's name ('' where it opens no case kept) */
  fork: string[];
  /** the decision among the forks ('' for one) */
  decision: string;
  /** per opening branch: per step heading another branch, its delay's decision (where not every case waits) and delay step */
  delayNodes: Map<number, { choice: string | undefined; wait: string }>[];
  /** a block entered after a step (Opening's `lead`): per leading branch, its step's delay's decision and delay step before its fork (null: none) */
  leadNodes?: ({ choice: string | undefined; wait: string } | null)[];
  /** a block nested at a branch's head, written by its leading lane: the outer fork its copy is in (Opening.inner) */
  within?: string;
  /** with `within`: the instant its leading lane's delay runs from (the outer fork's start: the arrival, or its leader's start) */
  withinFrom?: string;
}

/**
 * Whether a block entered after a step is written by its leading branch: some kept leading
 * branch's step, or a step following it, waits for something no busy team explains. Otherwise
 * the forks would all be the block's own fork (LoanApp's checks: their waits are queueing), so it
 * is written as before, its steps' delays pooled over their passes.
 */
function leadsWritten(lead: Opening, block: Block, minShare: number): boolean {
  const { kept } = openersKept(lead, block, minShare);
  return kept.some((k) => (lead.lead?.[k] ?? null) !== null || [...lead.delays[k].values()].some((delay) => delay !== null));
}

/**
 * The blocks of `nested` (Opening.nested) heading a branch of `block`, or of one of them, that no
 * step of that branch leads back to: only the opening (or leading) forks' copies enter them.
 */
function nestedAtHeads(block: Block, nested: ReadonlyMap<Block, unknown>, out: Set<Block>): void {
  for (const b of block.branches) {
    const inner = headBlock(b);
    if (inner === null || !nested.has(inner)) continue;
    const at = b.symbols.findIndex((s) => s.kind === 'block' && s.block === inner);
    if (enteredBeside(b, at)) continue;
    out.add(inner);
    nestedAtHeads(inner, nested, out);
  }
}

/**
 * `branch` with its start's choice as a leader's passes made it (Opening.follow: by the step
 * heading it, END where skipped), among the paths kept; as it is where those passes chose none
 * of them, its start has one path, or one of them is a block. `unbegun`: steps heading it (by
 * their index in it) that no kept fork's passes began (openersKept), each begun here too at its
 * share over every pass of the branch, as the others' are where those passes chose none.
 */
function followed(branch: Chain, counts: ReadonlyMap<number, number> | undefined, unbegun?: ReadonlyMap<number, number>): Chain {
  const kept = branch.transitions.get(START);
  if (counts === undefined || kept === undefined || kept.size < 2) return branch;
  const chosen = new Map<number, number>();
  for (const to of kept.keys()) {
    const s = to === END ? null : branch.symbols[to];
    if (s?.kind === 'block') return branch; // passes its steps began were not counted (startsWithSteps)
    const n = counts.get(s === null ? END : s.activity);
    if (n !== undefined && n > 0) chosen.set(to, n);
  }
  if (chosen.size === 0) return branch;
  if (unbegun !== undefined && unbegun.size > 0) {
    // its share p of the passes as written: the others' n, and p n / (1 - p) more
    const n = [...chosen.values()].reduce((sum, c) => sum + c, 0);
    for (const [to, p] of unbegun) if (!chosen.has(to)) chosen.set(to, (n * p) / (1 - p));
  }
  return { ...branch, transitions: new Map(branch.transitions).set(START, chosen) };
}

/** A lane's start as a leader's fork writes it, with what decisionAfter's comment prints of it (symbol -> passes read; those begun at a pooled share). */
interface LaneCounts {
  read: ReadonlyMap<number, number>;
  pooled: ReadonlySet<number>;
}

/**
 * A lane `branch` as leader k's fork begins it (followed: `counts`, Opening.follow's, and the
 * steps `unbegun` no kept fork's passes began), and, where its start is a choice so made, the
 * passes read (`read`, Opening.passesRead's) by the start's successors, for its comment.
 */
function laneStart(
  branch: Chain,
  counts: ReadonlyMap<number, number> | undefined,
  read: ReadonlyMap<number, number> | undefined,
  unbegun: ReadonlyMap<number, number> | undefined,
): { chain: Chain; counted?: LaneCounts } {
  const chain = followed(branch, counts, unbegun);
  if (chain === branch) return { chain };
  const byTo = new Map<number, number>();
  const pooled = new Set<number>();
  for (const to of chain.transitions.get(START)!.keys()) {
    const s = to === END ? null : branch.symbols[to];
    const a = s === null ? END : s.kind === 'activity' ? s.activity : -1;
    byTo.set(to, read?.get(a) ?? 0);
    if (unbegun?.has(to) === true && (counts?.get(a) ?? 0) === 0) pooled.add(to);
  }
  return { chain, counted: { read: byTo, pooled } };
}

/** Whether a step of `chain` other than its start leads to its symbol `i`. */
function enteredBeside(chain: Chain, i: number): boolean {
  for (const [from, tos] of chain.transitions) if (from !== START && tos.has(i)) return true;
  return false;
}

/** The activities a chain's steps lead to other than from the flow's own start: its kept transitions, its blocks' branches' own starts included. */
function enteredOtherwise(chain: Chain, top: boolean, out: Set<number>, openedOnly: ReadonlySet<Block>): Set<number> {
  for (const [from, tos] of chain.transitions) {
    if (top && from === START) continue;
    for (const to of tos.keys()) {
      const s = to === END ? undefined : chain.symbols[to];
      if (s?.kind === 'activity') out.add(s.activity);
    }
  }
  for (const s of chain.symbols)
    if (s.kind === 'block') for (const b of s.block.branches) enteredOtherwise(b, openedOnly.has(s.block), out, openedOnly);
  return out;
}

/**
 * The branches of a block the flow starts with that open a case each, most first; those opening
 * fewer than --min-share of them are folded into the others, as a rare path is. A rare leader
 * whose fork begins a step no common leader's fork reaches is kept: folded, that step would be
 * written and never reached. Its own step, where no common fork begins its lane with it (a
 * leader the log shows only late, whose lane the common leaders' counted passes, those before the
 * block's first pass the end cut, never began with it: extraneous-delays.ts' FollowTally); or a
 * step heading another lane that never leads and follows only rare leaders (lane A | S beside B |
 * T | U, A leading 88% of the passes, each of B, T, U 4%, S only where they lead: A's fork begins
 * its own lane at A, so S is begun in their forks alone). A fork reaches, in each lane, the steps
 * from those it begins the lane at (its own lane at its step; another as its passes began it:
 * followed) along the lane's kept transitions.
 *
 * A step heading a lane that the kept forks' passes still never began (one the log shows heading
 * it only in passes FollowTally leaves uncounted, after its block's first pass the end cut) is
 * `unbegun`: each kept fork of another lane begins it too, at its share over every pass of the
 * lane (its start's counts in the flow, as a fork whose passes chose none begins the lane); where
 * every kept fork is of its own lane, the most common folded leader of another is kept for it
 * (reached where a common fork reaches the step inside its lane, A -> S, so the rule above keeps
 * no fork that begins the lane with it: folded-leader-kept.test.ts),
 * and, none, the forks begin their own lane as over every pass (a step heading it, or a block: D
 * | (T || F) opening the case, the cases T opened counted as D's, its lane's one leader).
 * Folded, or left, either way the step was written and never reached (a log exported while 700
 * cases ran, T heading its lane 13 times, all after the cutoff: "node 't' is never reached").
 */
function openersKept(
  opening: Opening,
  block: Block,
  minShare: number,
): { kept: number[]; folded: number[]; total: number; unbegun: Map<number, Map<number, number>> } {
  const total = opening.opened.reduce((sum, n) => sum + n, 0);
  const order = opening.opened.map((_, k) => k).filter((k) => opening.opened[k] > 0);
  order.sort((x, y) => opening.opened[y] - opening.opened[x] || x - y);
  const common = order.filter((k) => opening.opened[k] >= minShare * total);
  const lanes = lanesOf(block, new Map());
  /** The symbols heading lane `lane` that leader j's fork begins it with. */
  const begins = (j: number, lane: number): number[] => {
    const branch = lanes[lane];
    const heads: number[] = [];
    if (opening.lane[j] === lane) {
      // its own lane starts with its own step (not found: a step of a nested block's, taken as reached)
      const at = branch.symbols.findIndex((s) => s.kind === 'activity' && s.activity === opening.opener[j]);
      if (at >= 0) heads.push(at);
    } else
      for (const to of followed(branch, opening.follow[j].get(lane)).transitions.get(START)?.keys() ?? []) if (to !== END) heads.push(to);
    return heads;
  };
  /** Per lane, the steps heading it (index -> its share of the lane's starts) that none of `forks` begins it with. */
  const unbegunBy = (forks: readonly number[]) =>
    new Map(
      lanes.flatMap((branch, lane) => {
        const starts = branch.transitions.get(START);
        if (starts === undefined) return [];
        const begun = new Set(forks.flatMap((j) => begins(j, lane)));
        const all = [...starts.values()].reduce((sum, c) => sum + c, 0);
        const left = [...starts].filter(([to]) => to !== END && !begun.has(to));
        return left.length === 0 ? [] : [[lane, new Map(left.map(([to, c]) => [to, c / all]))] as const];
      }),
    );
  let kept = common;
  if (common.length < order.length) {
    /** The symbols of lane `lane` that leader j's fork reaches. */
    const reach = (j: number, lane: number): Set<number> => {
      const branch = lanes[lane];
      const heads = begins(j, lane);
      const seen = new Set(heads);
      for (let i = 0; i < heads.length; i++)
        for (const to of branch.transitions.get(heads[i])?.keys() ?? [])
          if (to !== END && !seen.has(to)) {
            seen.add(to);
            heads.push(to);
          }
      return seen;
    };
    const reachedByCommon = lanes.map((_, lane) => {
      const out = new Set<number>();
      for (const j of common) for (const i of reach(j, lane)) out.add(i);
      return out;
    });
    const beginsMore = (k: number) => lanes.some((_, lane) => [...reach(k, lane)].some((i) => !reachedByCommon[lane].has(i)));
    kept = order.filter((k) => common.includes(k) || beginsMore(k));
  }
  let unbegun = unbegunBy(kept);
  for (let lane = 0; lane < lanes.length; lane++) {
    if (!unbegun.has(lane) || kept.some((j) => opening.lane[j] !== lane)) continue;
    const other = order.find((k) => opening.lane[k] !== lane && !kept.includes(k));
    if (other === undefined) continue;
    const before = kept;
    kept = order.filter((k) => before.includes(k) || k === other);
    unbegun = unbegunBy(kept);
  }
  return { kept, folded: order.filter((k) => !kept.includes(k)), total, unbegun };
}

/** Each block's node name, unique among the scenario's names (a task named 'Parallel 1' took `parallel_1` first; block ids restart in each flow). */
function reserve(chain: Chain, names: Names, out: Map<Block, string>): Map<Block, string> {
  for (const s of chain.symbols) {
    if (s.kind === 'block') {
      out.set(s.block, names.unique(`parallel_${s.block.id}`));
      for (const b of s.block.branches) reserve(b, names, out);
    }
  }
  return out;
}

function round(p: number): number {
  return roundedTo(p, 6);
}

/** One visit class's shares, adding up to 1 as written: its largest takes the rounding (another may be 0 in the class). */
function classShares(counts: number[]): string[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const ps = counts.map((c) => round(c / total));
  let top = 0;
  counts.forEach((c, i) => {
    if (c > counts[top]) top = i;
  });
  const rest = ps.reduce((s, p, i) => (i === top ? s : s + p), 0);
  ps[top] = roundedTo(1 - rest, 6);
  return ps.map(num);
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** Shares that add up to 1 exactly as written: the largest takes the rounding. */
function probabilities(counts: number[]): string[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const ps = counts.map((c) => round(c / total));
  const rest = ps.slice(1).reduce((s, p) => s + p, 0);
  ps[0] = roundedTo(1 - rest, 6);
  return ps.map(num);
}

export type { Emitted };
