// What a valid scenario probably did not mean: a team offered more work than it can do, a
// loop that cases go round many times without time passing, p per visit on a decision no case
// passes twice, an eTOM id the catalogue does not know, a variant that patches run settings the
// experiment does not use. Warnings, each at the place in the file that causes it; the commands
// print them beside the file's own diagnostics.
import { findProcess, suggestIds } from '../etom/catalog.js';
import {
  finiteOverloads,
  type OfferedLoads,
  offeredLoadCache,
  overloaded,
  type ResourceLoad,
  type TeamSetLoad,
  teamList,
  untilRunEndsText,
} from '../model/offered-load.js';
import { loopAnchor, readFlowZeroTimeLoops } from '../model/zero-time-loops.js';
import { columnUnit, decimalNumber, fixedNumber, inUnit, MINUTES, percentText, significant, wholeNumber } from '../number-format.js';
import { resampledNormal } from '../random/distributions.js';
import { sameNumber } from '../same-number.js';
import type { Diagnostic } from './diagnostics.js';
import type { LoadResult } from './load.js';
import { type DistSpec, type FlowSpec, FROM_ARRIVAL } from './types.js';
import { calendarsUsed, teamsUsed, UNUSED_CALENDAR, UNUSED_TEAM } from './usage.js';
import { nameClashes, variantNameClashes } from './name-clashes.js';
import { singleVisitDecisions } from './visit-shares.js';
import { agree, counted } from '../plural.js';
import { flowGraph, sameLinks, type TooWide, tooWide } from '../layout/flow-layout.js';

/**
 * Every warning of a loaded, valid scenario set (empty when it did not load). `loads`: the
 * command's OfferedLoads, when it reads the offered load again (a run's experiment).
 */
export function scenarioWarnings(loaded: LoadResult, loads: OfferedLoads = offeredLoadCache()): Diagnostic[] {
  if (!loaded.set) return [];
  return [
    ...loadWarnings(loaded, loads),
    ...unusedWarnings(loaded),
    ...nameClashes(
      loaded.set.baseline,
      loaded.set.variants.map((v) => v.name),
    ).map((c) => warningAt(loaded, c.path, null, c.message)),
    // a name a variant's patch adds, held to the same rule (at the patch's key)
    ...variantNameClashes(loaded.set.baseline, loaded.set.variants).map((c) => warningAt(loaded, c.path, c.variant, c.message)),
    ...zeroTimeLoopWarnings(loaded),
    ...singleVisitWarnings(loaded),
    ...arrivalOrNodeWarnings(loaded),
    ...resampledNormalWarnings(loaded),
    ...tooWideWarnings(loaded),
    ...etomWarnings(loaded),
    ...variantRunWarnings(loaded),
  ];
}

/** One finding of a per-flow check: `id` tells a variant's finding from the baseline's. */
interface FlowFinding {
  id: string;
  path: string;
  message: string;
}

/**
 * A per-flow check over the baseline and every variant, as warnings; a variant's finding is
 * reported only where it differs from the baseline's (the same `id` is the same finding).
 */
function flowWarnings(loaded: LoadResult, check: (flow: FlowSpec) => FlowFinding[]): Diagnostic[] {
  const set = loaded.set!;
  const out: Diagnostic[] = [];
  const baseline = new Set<string>();
  // a variant's flow that is the baseline's own object (read-once.ts) has just the baseline's findings
  const baselineFlows = new Set(set.baseline.flows);
  const all = [{ name: null as string | null, scenario: set.baseline }, ...set.variants];
  for (const { name, scenario } of all) {
    for (const flow of scenario.flows) {
      if (name !== null && baselineFlows.has(flow)) continue;
      for (const finding of check(flow)) {
        if (name === null) baseline.add(finding.id);
        else if (baseline.has(finding.id)) continue;
        out.push(warningAt(loaded, finding.path, name, finding.message));
      }
    }
  }
  return out;
}

/**
 * A loop of steps that take no time, left so rarely that a case goes round it a thousand
 * times or more at one instant: the run crawls, or stalls until the simulator stops it.
 */
function zeroTimeLoopWarnings(loaded: LoadResult): Diagnostic[] {
  return flowWarnings(loaded, (flow) =>
    // a loop with no way out at zero time is refused at validation (graph-checks.ts), so never seen here
    readFlowZeroTimeLoops(flow).map((loop) => {
      const first = loopAnchor(flow, loop);
      const passes = `about ${wholeNumber(significant(loop.expectedPasses, 2))} times on average`;
      return {
        id: JSON.stringify([flow.name, loop.nodes, loop.expectedPasses]),
        path: `flows.${flow.name}.nodes.${first}`,
        message:
          `nodes ${loop.nodes.map((n) => `'${n}'`).join(', ')} of flow '${flow.name}' form a loop that takes no time, ` +
          `and a case passes through them ${passes} before it leaves, all at one instant: the run crawls, and stops with an error ` +
          'when its clock stands still too long. Give a step of the loop a duration, or its way out a larger probability',
      };
    }),
  );
}

/**
 * A decision with `p` per visit that no case can come back to (no loop through it, no two
 * parallel branches reaching it) only ever draws from each list's first entry: the rest is
 * dead, and perhaps a loop the author meant to close.
 */
function singleVisitWarnings(loaded: LoadResult): Diagnostic[] {
  return flowWarnings(loaded, (flow) =>
    singleVisitDecisions(flow).map((d) => {
      const listed = d.branch.findIndex((b) => b.byVisit !== undefined && b.byVisit.length > 1);
      return {
        id: JSON.stringify([flow.name, d.name, d.branch.map((b) => b.byVisit ?? b.p)]),
        path: `flows.${flow.name}.nodes.${d.name}.branch.${listed}.p`,
        message:
          `decision '${d.name}' of flow '${flow.name}' gives p per visit, but no case can pass it twice (no loop leads back to it and no two ` +
          "parallel branches reach it), so only each list's first entry is ever used; give each branch that p alone, or close the loop meant to lead back",
      };
    }),
  );
}

/**
 * A milestone `from: start` in a flow with a node named `start` that is not where cases begin:
 * the word means the case's arrival (FROM_ARRIVAL), never that node, so a milestone meant to
 * run from the node measures from the arrival, silently. (Where the node is the flow's start, a
 * case enters it as it arrives: the two are one instant, and nothing is warned. A milestone's
 * `to` is always a node, so a node named `end` is no such case.)
 */
function arrivalOrNodeWarnings(loaded: LoadResult): Diagnostic[] {
  return flowWarnings(loaded, (flow) => {
    if (flow.start === FROM_ARRIVAL || !flow.nodes.some((n) => n.name === FROM_ARRIVAL)) return [];
    return flow.kpis
      .filter((kpi) => kpi.from === FROM_ARRIVAL)
      .map((kpi) => ({
        id: JSON.stringify([flow.name, kpi.name, flow.start]),
        path: `flows.${flow.name}.kpis.${kpi.name}.from`,
        message:
          `milestone '${kpi.name}' of flow '${flow.name}' runs from: ${FROM_ARRIVAL}, which means each case's arrival (at '${flow.start}'), ` +
          `not the flow's node '${FROM_ARRIVAL}'; to measure from that node, rename it (say '${FROM_ARRIVAL}_step') and give the new name as from`,
      }));
  });
}

/** The share of a normal's draws below 0 from which its resampling is warned of: 1%. */
export const RESAMPLED_SHARE = 0.01;

/**
 * A normal whose draws fall below 0 often enough (RESAMPLED_SHARE) that resampling them (distributions.ts,
 * nonNegativeNormal) moves its mean: `normal: { mean: 30m, sd: 30m }` realises 38.7 min, +29%, which the run
 * simulates and results.json's inputs do not show (they echo the mean written). Said with the realised mean and
 * the remedy, a positive distribution of that mean and sd. Every other kind is non-negative as written (the
 * reader refuses negative durations and parameters), so none is resampled or clipped.
 */
function resampledNormalWarnings(loaded: LoadResult): Diagnostic[] {
  const finding = (dist: DistSpec, what: string, path: string, id: unknown[]): FlowFinding[] => {
    if (dist.kind !== 'normal') return [];
    const { negativeShare, realisedMean } = resampledNormal(dist.mean, dist.sd);
    if (!(negativeShare > RESAMPLED_SHARE)) return [];
    const [mean, sd, realised] = [dist.mean, dist.sd, realisedMean].map(timeText);
    const above = realisedMean / dist.mean - 1;
    return [
      {
        id: JSON.stringify([...id, dist.mean, dist.sd]),
        path,
        message:
          `${what} is normal with mean ${mean} and sd ${sd}, whose draws are negative ${percentText(negativeShare)} of the time and are drawn again: ` +
          `its draws average ${realised}${Number.isFinite(above) ? ` (${percentText(above)} above the mean written)` : ''}, which the run simulates and results.json's inputs do not show; ` +
          `for a positive duration with this mean and sd use lognormal or gamma ({ lognormal: { mean: ${written(dist.mean)}, sd: ${written(dist.sd)} } })`,
      },
    ];
  };
  const set = loaded.set!;
  const nodes = flowWarnings(loaded, (flow) =>
    flow.nodes.flatMap((n) =>
      n.kind === 'task' && n.duration
        ? finding(n.duration, `the duration of task '${n.name}' of flow '${flow.name}'`, `flows.${flow.name}.nodes.${n.name}.duration`, [
            flow.name,
            n.name,
          ])
        : [],
    ),
  );
  const seen = new Set<string>();
  const arrivals: Diagnostic[] = [];
  for (const { name, scenario } of [{ name: null as string | null, scenario: set.baseline }, ...set.variants]) {
    scenario.arrivals.forEach((a, i) => {
      const what = `the interarrival time of arrival stream ${i + 1} (flow '${a.flow}')`;
      for (const f of finding(a.interarrival, what, `arrivals.${i}.interarrival`, [a.flow, a.ordinal])) {
        if (seen.has(f.id)) continue;
        seen.add(f.id);
        arrivals.push(warningAt(loaded, f.path, name, f.message));
      }
    });
  }
  return [...nodes, ...arrivals];
}

/** A time for a warning, in minutes below an hour, hours below three days, days from there: "38.7 min". */
function timeText(hours: number): string {
  const unit = columnUnit(hours);
  return `${decimalNumber(inUnit(hours, unit))} ${unit.short}`;
}

/** A time as a scenario writes it: "30m", "1h", "2.5d". */
function written(hours: number): string {
  const unit = columnUnit(hours);
  return `${significant(inUnit(hours, unit), 4)}${unit === MINUTES ? 'm' : unit.short}`;
}

/**
 * A step with more paths in or out than a flow diagram draws (MAX_FAN), or a flow of more steps
 * than it draws (MAX_STEPS): the scenario runs, but export-bpmn refuses the flow and the report
 * shows its map as not drawn. Said up front, at the step (at the flow), as export-bpmn's refusal is.
 */
function tooWideWarnings(loaded: LoadResult): Diagnostic[] {
  const baseline = new Map(loaded.set!.baseline.flows.map((flow) => [flow.name, flow]));
  return flowWarnings(loaded, (flow) => {
    // a variant's flow of the baseline's links is as wide as the baseline's: its findings are the baseline's, which flowWarnings leaves out
    const base = baseline.get(flow.name);
    if (base !== undefined && base !== flow && sameLinks(base, flow)) return [];
    const wide = tooWide(flowGraph(flow));
    if (wide === null) return [];
    return [
      {
        id: JSON.stringify([flow.name, wide.message]),
        path: tooWidePath(flow.name, wide),
        message: `flow '${flow.name}': ${wide.message}, so export-bpmn refuses this flow and the report shows its process map as not drawn; the simulation runs as it is`,
      },
    ];
  });
}

/** Where in the file a too-wide step is: a decision's branches, a fork's parallel list or its join, a task; the flow for an event, or for a flow too long. */
export function tooWidePath(flow: string, wide: TooWide): string {
  if (wide.node === null) return `flows.${flow}`;
  const node = `flows.${flow}.nodes.${wide.node}`;
  if (wide.kind === 'decision') return `${node}.branch`;
  if (wide.kind === 'fork') return `${node}.parallel`;
  if (wide.kind === 'join') return `${node}.join`;
  return node;
}

/** A warning at the place in the file that `path` names: for a variant, in its patch when the patch sets it. */
function warningAt(loaded: LoadResult, path: string, variant: string | null, message: string): Diagnostic {
  const at = loaded.locate(path, variant);
  const prefix = variant === null ? '' : `variant '${variant}': `;
  return { severity: 'warning', file: loaded.set!.file, line: at.line, col: at.col, path, message: prefix + message };
}

/**
 * A team no task uses, a calendar nothing keeps hours by: valid (people keep a spare team for
 * a variant, or for later), but often a name left behind by a rename. Used is the union over the
 * baseline and its variants: a name only a variant uses is there for it, and removing it breaks
 * that variant. Such a calendar costs and changes nothing in the baseline, so it is no warning;
 * such a team serves no case in the baseline while its staffed cost counts there, which is said,
 * naming the variants (adding the team in their patches keeps it out of the baseline). A name
 * that a variant leaves idle is none of this check's business (a redesign that automates a
 * team's tasks), and one that a patch adds and nothing uses is refused (usage.ts).
 */
function unusedWarnings(loaded: LoadResult): Diagnostic[] {
  const { baseline, variants } = loaded.set!;
  const teams = teamsUsed(baseline);
  const calendars = calendarsUsed(baseline);
  for (const v of variants) for (const c of calendarsUsed(v.scenario)) calendars.add(c);
  const usersOf = (team: string) => variants.filter((v) => teamsUsed(v.scenario).has(team)).map((v) => v.name);
  return [
    ...baseline.resources
      .filter((r) => !teams.has(r.name))
      .map((r) => {
        const users = usersOf(r.name);
        return warningAt(
          loaded,
          `resources.${r.name}`,
          null,
          users.length === 0
            ? `team '${r.name}' is ${UNUSED_TEAM}; name it in a task's resource, or remove it`
            : `team '${r.name}' is used by no task of the baseline, only by ${agree(users.length, 'variant')} ${users.map((v) => `'${v}'`).join(', ')}, so in the baseline it serves no case${r.costGiven === false ? '' : ' while its staffed cost counts'}; to keep it out of the baseline, add it in the ${agree(users.length, "variant's patch", "variants' patches")} instead`,
        );
      }),
    ...baseline.calendars
      .filter((c) => !calendars.has(c.name))
      .map((c) =>
        warningAt(
          loaded,
          `calendars.${c.name}`,
          null,
          `calendar '${c.name}' is ${UNUSED_CALENDAR}; name it in a team's calendar, or remove it`,
        ),
      ),
  ];
}

/** An `etom:` id that the catalog does not know is kept, but probably a typo. */
function etomWarnings(loaded: LoadResult): Diagnostic[] {
  const set = loaded.set!;
  const out: Diagnostic[] = [];
  const check = (id: string | null, path: string) => {
    if (id === null || findProcess(id)) return;
    const near = suggestIds(id);
    const hint = near.length > 0 ? `; did you mean ${near.map((n) => `'${n}' (${findProcess(n)!.name})`).join(' or ')}?` : '';
    out.push(warningAt(loaded, path, null, `'${id}' is not an eTOM process id in the catalog (see 'etomsim catalog')${hint}`));
  };
  for (const flow of set.baseline.flows) {
    check(flow.etom, `flows.${flow.name}.etom`);
    for (const node of flow.nodes) check(node.etom, `flows.${flow.name}.nodes.${node.name}.etom`);
  }
  return out;
}

/**
 * A variant may patch `run`, but replications and seed are the experiment's (common random
 * numbers need the same ones), and another horizon or warm-up measures another window. It may
 * patch `name` too, which nothing reads: the run is named after the scenario (the baseline).
 */
function variantRunWarnings(loaded: LoadResult): Diagnostic[] {
  const set = loaded.set!;
  const base = set.baseline.run;
  const out: Diagnostic[] = [];
  for (const v of set.variants) {
    if (v.scenario.name !== set.baseline.name)
      out.push(
        warningAt(
          loaded,
          'name',
          v.name,
          "a patch's name is not used: the run, its files and its reports carry the scenario's name; say what the variant is in its description",
        ),
      );
    const warn = (key: 'replications' | 'seed' | 'horizon' | 'warmup', message: string) => {
      if (sameNumber(v.scenario.run[key], base[key])) return;
      out.push(warningAt(loaded, `run.${key}`, v.name, message));
    };
    const ignored = "every variant runs with the baseline's replications and seed (common random numbers), so this value is not used";
    warn('replications', ignored);
    warn('seed', ignored);
    const window =
      "its measured window differs from the baseline's: compare rates and means, not counts, and the warm-up check judges the baseline's warm-up";
    warn('horizon', window);
    warn('warmup', window);
  }
  return out;
}

/**
 * A team whose offered load reaches its capacity has a queue that grows for ever; one that only
 * the finite streams (`cases`) bring past it, averaged over the horizon, has a queue that grows
 * until the run ends: said so, as their work does not fit in the horizon but stops coming.
 * Teams that share skill pools are judged as one pool of servers (offered-load.ts' teamSets):
 * a set of them is warned of once, at its first team, for the work only it can take.
 */
function loadWarnings(loaded: LoadResult, offered: OfferedLoads): Diagnostic[] {
  const set = loaded.set!;
  const all = [
    { name: null as string | null, scenario: set.baseline },
    ...set.variants.map((v) => ({ name: v.name, scenario: v.scenario })),
  ];
  const out: Diagnostic[] = [];
  for (const { name, scenario } of all) {
    const loads = offered.of(scenario);
    const finite = finiteOverloads(scenario, loads);
    const said = new Set<string>();
    for (const load of loads) {
      if (!overloaded(load)) continue;
      const teams = load.stability.teams;
      if (said.has(teams.join('\n'))) continue;
      said.add(teams.join('\n'));
      const first = loads.find((l) => l.resource === teams[0])!;
      const forEver = !finite.has(load.resource);
      const horizon = scenario.run.horizon;
      out.push({
        ...warningAt(
          loaded,
          `resources.${first.resource}.${first.rostered ? 'shifts' : 'capacity'}`,
          name,
          teams.length === 1 ? loneWarning(load, forEver, horizon) : pooledWarning(load.stability, forEver, horizon),
        ),
        overload: true,
      });
    }
  }
  return out;
}

/** A team overloaded by its own work: all of it, or for a member of a skill pool the work only it can do. */
function loneWarning(load: ResourceLoad, forEver: boolean, horizon: number): string {
  const demand = load.stability.demandPerWeek;
  const units = load.hoursPerUnit > 0 ? Math.floor(demand / load.hoursPerUnit) + 1 : Infinity;
  return (
    `team '${load.resource}' is offered ${offered(load.stability.ratio)} ` +
    `(${fixedNumber(demand, 1)} working hours a week${load.poolableDemandPerWeek > 0 ? ' of tasks no other team can take' : ''} for ${supplyText(load)}${forEver ? '' : ', over the horizon'}): ` +
    (forEver ? 'its queue will grow without bound' : untilRunEndsText(horizon)) +
    `; give it ${load.rostered ? `more unit-hours in its shifts (at least ${Math.ceil(demand)} a week)` : `at least ${counted(units, 'unit')}`} or less work`
  );
}

/** Teams that share skill pools, overloaded together: the work only they can take against their summed unit-hours. */
function pooledWarning(set: TeamSetLoad, forEver: boolean, horizon: number): string {
  return (
    `teams ${teamList(set.teams, "'")}, which share skill pools, are offered ${Number.isFinite(set.ratio) ? `${percentText(set.ratio)} of their summed capacity` : 'work but have no capacity'} ` +
    `(${fixedNumber(set.demandPerWeek, 1)} working hours a week of tasks only they can take, for ${fixedNumber(set.unitHoursPerWeek, 0)} unit-hours a week between them${forEver ? '' : ', over the horizon'}): ` +
    (forEver ? 'their queues will grow without bound' : untilRunEndsText(horizon, set.teams.length)) +
    `; give them more unit-hours between them (more than ${wholeNumber(Math.floor(set.demandPerWeek))} a week) or less work`
  );
}

function supplyText(load: ResourceLoad): string {
  return load.rostered
    ? `${fixedNumber(load.unitHoursPerWeek, 0)} unit-hours of shifts`
    : `${wholeNumber(load.capacity)} x ${fixedNumber(load.hoursPerUnit, 0)} h`;
}

/** "125% of its capacity"; a team with no capacity at all is offered work, not a share of nothing. */
function offered(utilization: number): string {
  return Number.isFinite(utilization) ? `${percentText(utilization)} of its capacity` : 'work but has no capacity';
}
