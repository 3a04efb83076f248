// Team sizing (what it writes, sizing.json, is typed in engine/results/sizing.ts): the capacities of the named teams with the least staffed cost whose results
// meet every target with 95% joint confidence (Bonferroni: each of k targets at the unfavourable
// end of its 1 - 0.05/k interval), re-verified on fresh replications. The search starts from the offered-load lower
// bound (the fewest units that keep each team below 100% utilisation), adds units by
// marginal allocation (each step takes the +1 that most reduces the targets' shortfall per
// unit of added cost) until the targets are met, then trims: it drops units and swaps an
// expensive unit for a cheaper one while the targets stay met. Targets are taken to improve
// with capacity (waits, cycle times, SLA shares, utilisation caps): when no single unit
// helps and even the largest staffing misses them, no staffing within the maximum meets them. Each step's candidates run
// as one experiment (in parallel, common random numbers), and no candidate runs twice.
import { compileModel } from '../model/compile.js';
import { metricLayout } from '../model/metrics.js';
import { offeredLoad } from '../model/offered-load.js';
import { ReplicationValues } from '../results/per-replication.js';
import type { MetricValue, SizingCandidate, SizingResult, TargetDiagnosis } from '../results/sizing.js';
import { unitHoursPerWeek, weeklyCapacity, withUnitsAdded } from '../scenario/roster.js';
import type { ResourceSpec, Scenario } from '../scenario/types.js';
import { closest } from '../scenario/suggest.js';
import { createRunner } from '../experiment/runner.js';
import { runSideBySide, type SideBySideOptions } from './side-by-side.js';
import { checkTarget, expandTarget, parseTarget, shortfall, type Target } from './targets.js';
import { record, recordFrom } from '../records.js';

/** Replications, seed, workers, progress (per batch of candidates) and runner as for side-by-side runs. */
export interface SizingOptions extends SideBySideOptions {
  /** target expressions, e.g. "flows.order.cycle_time.p90 <= 5d" */
  targets: string[];
  /** the teams whose capacity may change; null: all */
  resources: string[] | null;
  /** the most units any sized team may have; null: 3 x its lower bound + 5, or the team's max_capacity (the smaller applies when both are given) */
  maxCapacity: number | null;
}

/** Options that cannot be sized (unknown team, target no sized team can change): invalid input. */
export class SizingError extends Error {}

/** The sizing problem with names resolved to indexes into scenario.resources. */
interface Problem {
  scenario: Scenario;
  sized: number[];
  lower: number[]; // per resource; only sized ones are used
  upper: number[];
  /** cost per week of one more unit, per resource (one more on every shift, for a roster) */
  unitCost: number[];
  /** the scenario's capacities (a roster's largest) */
  current: number[];
  targets: Target[]; // concrete paths
  reported: string[];
  /** each target's two-sided confidence: 1 - 0.05/targets (Bonferroni), 0.95 for one target */
  confidence: number;
}

interface Evaluated {
  capacities: number[];
  candidate: SizingCandidate;
  shortfalls: number[]; // per target
  units: number; // sized units, the tie-break between equal costs
}

export async function sizeTeams(scenario: Scenario, options: SizingOptions): Promise<SizingResult> {
  const problem = defineProblem(scenario, options);
  const runner = options.runner ?? createRunner(options.workers);
  const evaluator = new Evaluator(problem, { ...options, runner });
  const start = scenario.resources.map((r, i) => (problem.sized.includes(i) ? problem.lower[i] : r.capacity));
  let chosen: Evaluated | null;
  let verified: SizingResult['verification'] = null;
  let current: Evaluated;
  try {
    current = (await evaluator.evaluate([problem.current]))[0];
    chosen = problem.sized.some((r) => problem.lower[r] > problem.upper[r]) ? null : await search(problem, evaluator, start);
    verified = chosen === null ? null : await evaluator.verify(chosen.capacities, verificationSeed(options.seed));
  } finally {
    if (!options.runner) await runner.close();
  }
  const names = (values: number[]) => recordFrom(problem.sized.map((r) => [scenario.resources[r].name, values[r]]));
  return {
    scenario: scenario.name,
    targets: options.targets,
    resources: problem.sized.map((r) => scenario.resources[r].name),
    lower_bounds: names(problem.lower),
    max_capacity: names(problem.upper),
    replications: options.replications,
    seed: options.seed,
    confidence: { joint: 0.95, per_target: problem.confidence, targets: problem.targets.length },
    chosen: chosen?.candidate ?? null,
    verification: verified,
    current: current.candidate,
    cost_difference_per_week: chosen ? chosen.candidate.cost_per_week - current.candidate.cost_per_week : null,
    diagnosis: chosen ? [] : diagnose(problem, evaluator.all()),
    candidates: evaluator.all().map((e) => e.candidate),
  };
}

/** The seed of the verification run: another stream family than the search's, fixed by the seed (so results repeat). */
export function verificationSeed(seed: number): number {
  return (seed + 0x9e3779b1) % 2 ** 32;
}

/**
 * Why no staffing met the targets: per target that no candidate met, the candidate whose
 * interval came closest, and what more units of the sized teams cannot remove there: time off
 * shift, automated steps, waits at teams not being sized, or sized teams at their maximum.
 */
function diagnose(problem: Problem, all: Evaluated[]): TargetDiagnosis[] {
  const { scenario, sized, upper, targets } = problem;
  const out: TargetDiagnosis[] = [];
  targets.forEach((target, t) => {
    if (all.some((e) => e.candidate.targets[t].met)) return;
    const best = all.reduce<Evaluated | null>((b, e) => (b === null || e.shortfalls[t] < b.shortfalls[t] ? e : b), null);
    const limits: string[] = [];
    if (best !== null) {
      const m = best.candidate.metrics;
      const mean = (path: string) => m[path]?.mean ?? null;
      const [area, name] = target.path.split('.');
      if (area === 'flows') {
        const offShift = mean(`flows.${name}.breakdown.off_shift`);
        const automated = mean(`flows.${name}.breakdown.automated`);
        const cycle = mean(`flows.${name}.cycle_time.mean`);
        const share = (x: number) => (cycle ? ` (${Math.round((x / cycle) * 100)}% of the mean cycle time)` : '');
        if (offShift !== null && offShift > 0) {
          limits.push(
            `off-shift time: ${hours(offShift)} per case queued or paused outside the teams' shifts${share(offShift)}; more units on the same shifts do not remove it, longer shifts do`,
          );
        }
        if (automated !== null && automated > 0)
          limits.push(`automated steps: ${hours(automated)} per case${share(automated)}, which no team's size changes`);
        const flow = scenario.flows.find((f) => f.name === name);
        const used = new Set(flow?.nodes.flatMap((n) => (n.kind === 'task' ? (n.pool ?? (n.resource ? [n.resource] : [])) : [])) ?? []);
        scenario.resources.forEach((r, i) => {
          if (sized.includes(i) || !used.has(r.name)) return;
          const wait = mean(`resources.${r.name}.wait`);
          if (wait !== null && wait > 0)
            limits.push(`team '${r.name}' is not being sized (add it with --resources): cases wait ${hours(wait)} for it on average`);
        });
      }
      const atMax = sized.filter((r) => best.capacities[r] >= upper[r]).map((r) => `${scenario.resources[r].name} ${upper[r]}`);
      if (atMax.length > 0) limits.push(`at the maximum capacity (${atMax.join(', ')}): raise --max-capacity or the team's max_capacity`);
    }
    const check = best?.candidate.targets[t];
    out.push({
      target: target.text,
      path: target.path,
      best_capacities: best?.candidate.capacities ?? record<number>(),
      best_bound: check?.bound ?? null,
      best_mean: best?.candidate.metrics[target.path]?.mean ?? null,
      limits,
    });
  });
  return out;
}

function hours(x: number): string {
  return x >= 48 ? `${(x / 24).toFixed(1)} d` : `${x.toFixed(1)} h`;
}

async function search(problem: Problem, evaluator: Evaluator, start: number[]): Promise<Evaluated | null> {
  const largest = start.map((c, r) => (problem.sized.includes(r) ? problem.upper[r] : c));
  let current = (await evaluator.evaluate([start]))[0];
  while (!current.candidate.meets) {
    const growable = problem.sized.filter((r) => current.capacities[r] < problem.upper[r]);
    if (growable.length === 0) break;
    const steps = await evaluator.evaluate(growable.map((r) => changed(current.capacities, [r, 1])));
    const best = bestStep(problem, current, steps, growable);
    // When no single unit helps, only the largest staffing can tell a plateau (go on) from a target out of reach (stop).
    if (best.gain <= 0 && !(await evaluator.evaluate([largest]))[0].candidate.meets) break;
    current = best.step;
  }
  for (;;) {
    const best = cheapestMeeting(evaluator.all());
    if (best === null) return null;
    await evaluator.evaluate(trims(problem, best.capacities));
    if (cheapestMeeting(evaluator.all()) === best) return best;
  }
}

/** The +1 with the largest reduction of shortfall per unit of added cost, and that reduction. */
function bestStep(problem: Problem, current: Evaluated, steps: Evaluated[], resources: number[]): { step: Evaluated; gain: number } {
  const scored = steps.map((step, i) => {
    const total = step.shortfalls.reduce((sum, s, t) => sum + reduction(current.shortfalls[t], s), 0);
    const gain = Number.isNaN(total) ? 0 : total; // one target newly observed, another no longer: no telling
    const cost = problem.unitCost[resources[i]];
    return { step, gain, ratio: cost > 0 ? gain / cost : gain > 0 ? Infinity : gain };
  });
  scored.sort((a, b) => b.ratio - a.ratio || b.gain - a.gain || a.step.candidate.cost_per_week - b.step.candidate.cost_per_week);
  return scored[0];
}

/** Unobserved before and after (Infinity both times) is no change. */
function reduction(before: number, after: number): number {
  return before === after ? 0 : before - after;
}

/** Drop one unit of a team, or move one unit from a team to a cheaper one, within the bounds. */
function trims(problem: Problem, capacities: number[]): number[][] {
  const { sized, lower, upper, unitCost } = problem;
  const out: number[][] = [];
  for (const i of sized) {
    if (capacities[i] <= lower[i]) continue;
    out.push(changed(capacities, [i, -1]));
    for (const j of sized) {
      if (j !== i && capacities[j] < upper[j] && unitCost[j] < unitCost[i]) out.push(changed(capacities, [i, -1], [j, 1]));
    }
  }
  return out;
}

function cheapestMeeting(all: Evaluated[]): Evaluated | null {
  let best: Evaluated | null = null;
  for (const e of all) {
    if (!e.candidate.meets) continue;
    const cheaper =
      best === null ||
      e.candidate.cost_per_week < best.candidate.cost_per_week ||
      (e.candidate.cost_per_week === best.candidate.cost_per_week && e.units < best.units);
    if (cheaper) best = e;
  }
  return best;
}

function changed(capacities: number[], ...changes: [number, number][]): number[] {
  const out = capacities.slice();
  for (const [r, delta] of changes) out[r] += delta;
  return out;
}

/** Runs candidates not seen before as one experiment and remembers every one by its capacities. */
class Evaluator {
  private readonly cache = new Map<string, Evaluated>();

  constructor(
    private readonly problem: Problem,
    private readonly options: SizingOptions,
  ) {}

  all(): Evaluated[] {
    return [...this.cache.values()];
  }

  async evaluate(batch: number[][]): Promise<Evaluated[]> {
    const fresh = [...new Map(batch.filter((c) => !this.cache.has(key(c))).map((c) => [key(c), c])).values()];
    if (fresh.length > 0) {
      const { scenario } = this.problem;
      const runs = await runSideBySide(
        fresh.map((capacities) => ({ name: key(capacities), scenario: withCapacities(scenario, capacities) })),
        this.options,
      );
      fresh.forEach((capacities, i) => this.cache.set(key(capacities), this.assess(capacities, new ReplicationValues(runs[i]))));
    }
    return batch.map((c) => this.cache.get(key(c))!);
  }

  /** The staffing on fresh replications (another seed): what its targets say away from the search's own noise. */
  async verify(capacities: number[], seed: number): Promise<NonNullable<SizingResult['verification']>> {
    const runs = await runSideBySide([{ name: 'verification', scenario: withCapacities(this.problem.scenario, capacities) }], {
      ...this.options,
      seed,
    });
    const { candidate } = this.assess(capacities, new ReplicationValues(runs[0]));
    return { seed, replications: this.options.replications, meets: candidate.meets, targets: candidate.targets };
  }

  private assess(capacities: number[], values: ReplicationValues): Evaluated {
    const { scenario, sized, unitCost, targets, reported, confidence } = this.problem;
    const checks = targets.map((t) => checkTarget(t, values.stat(t.path), confidence));
    const costPerWeek = capacities.reduce((sum, c, r) => sum + weeklyCost(scenario.resources[r], c, unitCost[r]), 0);
    const metrics = record<MetricValue>();
    for (const path of reported) {
      const stat = values.stat(path);
      if (stat) metrics[path] = { mean: stat.mean, ci95: stat.ci95 };
    }
    return {
      capacities,
      shortfalls: checks.map(shortfall),
      units: sized.reduce((sum, r) => sum + capacities[r], 0),
      candidate: {
        capacities: recordFrom(sized.map((r) => [scenario.resources[r].name, capacities[r]])),
        cost_per_hour: costPerWeek / 168,
        cost_per_week: costPerWeek,
        meets: checks.every((c) => c.met),
        metrics,
        targets: checks.map(({ target: t, bound, met }) => ({
          target: t.text,
          path: t.path,
          op: t.op,
          value: t.value,
          unit: t.unit,
          bound,
          met,
        })),
      },
    };
  }
}

function key(capacities: number[]): string {
  return capacities.join(',');
}

/** A roster's capacity is its largest: a staffing of c moves every shift by c minus that. */
function withCapacities(scenario: Scenario, capacities: number[]): Scenario {
  return {
    ...scenario,
    resources: scenario.resources.map((r, i) =>
      r.shifts ? withUnitsAdded(r, capacities[i] - r.capacity) : { ...r, capacity: capacities[i] },
    ),
  };
}

/** What a team of c units costs a week: c units at `unitCost`, or the roster moved to a largest capacity of c. */
function weeklyCost(r: ResourceSpec, c: number, unitCost: number): number {
  if (!r.shifts) return c * unitCost;
  return r.costPerHour * unitHoursPerWeek(weeklyCapacity(withUnitsAdded(r, c - r.capacity).shifts!));
}

/** The smallest largest-capacity whose roster offers more unit-hours a week than the demand. */
function rosterLowerBound(r: ResourceSpec, demand: number): number {
  for (let c = 0; c < 10_000; c++) {
    if (unitHoursPerWeek(weeklyCapacity(withUnitsAdded(r, c - r.capacity).shifts!)) > demand) return c;
  }
  return Infinity;
}

function defineProblem(scenario: Scenario, options: SizingOptions): Problem {
  const names = scenario.resources.map((r) => r.name);
  const asked = options.resources && options.resources.length > 0 ? options.resources : names;
  for (const name of asked) {
    if (names.includes(name)) continue;
    const near = closest(name, names);
    throw new SizingError(
      `unknown team '${name}'${near ? `; did you mean '${near}'?` : ''} (the scenario's teams: ${names.join(', ') || 'none'})`,
    );
  }
  const sized = names.flatMap((name, i) => (asked.includes(name) ? [i] : []));
  const paths = metricLayout(compileModel(scenario)).paths.filter((p): p is string => p !== null);
  const targets = options.targets.flatMap((text) => expandTarget(parseTarget(text), paths));
  if (targets.length === 0) throw new SizingError('give at least one target, e.g. --target "flows.NAME.cycle_time.p90 <= 5d"');
  for (const t of targets) checkChangeable(t, scenario, sized);
  const loads = offeredLoad(scenario);
  const lower = loads.map((l, i) => (l.rostered ? rosterLowerBound(scenario.resources[i], l.demandPerWeek) : l.minimumUnits));
  return {
    scenario,
    sized,
    lower,
    upper: lower.map((lb, i) =>
      Math.min(options.maxCapacity ?? scenario.resources[i].maxCapacity ?? 3 * lb + 5, scenario.resources[i].maxCapacity ?? Infinity),
    ),
    unitCost: loads.map((l, r) => scenario.resources[r].costPerHour * l.hoursPerAddedUnit),
    current: scenario.resources.map((r) => r.capacity),
    targets,
    reported: [...new Set([...targets.map((t) => t.path), ...standardKpis(scenario)])].filter((p) => paths.includes(p)),
    // Bonferroni: k targets each missed with probability at most 0.05/k are all met with at least 95%.
    confidence: 1 - 0.05 / targets.length,
  };
}

function standardKpis(scenario: Scenario): string[] {
  return [
    ...scenario.flows.flatMap((f) => [
      `flows.${f.name}.cycle_time.mean`,
      `flows.${f.name}.cycle_time.p90`,
      `flows.${f.name}.sla_attainment`,
    ]),
    ...scenario.resources.map((r) => `resources.${r.name}.utilization`),
    // what the diagnosis reads when targets cannot be met
    ...scenario.flows.flatMap((f) => [`flows.${f.name}.breakdown.off_shift`, `flows.${f.name}.breakdown.automated`]),
    ...scenario.resources.map((r) => `resources.${r.name}.wait`),
  ];
}

/** A target that no sized team's capacity can move would make the search add units for nothing. */
function checkChangeable(target: Target, scenario: Scenario, sized: number[]): void {
  const movers = teamsThatMove(target.path, scenario);
  const sizedNames = sized.map((r) => scenario.resources[r].name);
  if (movers === 'all' || movers.some((m) => sizedNames.includes(m))) return;
  const why =
    movers.length === 0
      ? `'${target.path}' does not depend on any team's capacity`
      : `'${target.path}' depends only on ${movers.map((m) => `'${m}'`).join(', ')}, which ${movers.length === 1 ? 'is' : 'are'} not being sized (sized: ${sizedNames.join(', ')})`;
  throw new SizingError(`target '${target.text}': ${why}`);
}

/** The teams whose capacity can change the stat at a path, read from the flows' routing. */
function teamsThatMove(path: string, scenario: Scenario): string[] | 'all' {
  const [area, name, part, sub, stat] = path.split('.');
  if (area === 'resources') return [name];
  if (area !== 'flows') return 'all';
  const flow = scenario.flows.find((f) => f.name === name)!;
  const used = [...new Set(flow.nodes.flatMap((n) => (n.kind === 'task' ? (n.pool ?? (n.resource !== null ? [n.resource] : [])) : [])))];
  if (part === 'arrived') return [];
  if (part === 'breakdown') return sub === 'service' || sub === 'automated' ? [] : used;
  if (part === 'nodes') {
    const node = flow.nodes.find((n) => n.name === sub)!;
    const waits = stat === 'wait' || stat === 'wait_hours';
    return waits && node.kind === 'task' && node.resource !== null ? (node.pool ?? [node.resource]) : [];
  }
  return used;
}
