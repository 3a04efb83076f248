// Typed scenarios built in code, for tests that check the simulator against theory without
// going through YAML (the loader has its own tests).
import type { ArrivalSpec, CalendarSpec, DistSpec, FlowSpec, NodeSpec, ResourceSpec, Scenario } from '../../engine/scenario/types.js';

export const exp = (mean: number): DistSpec => ({ kind: 'exponential', mean });
export const constant = (value: number): DistSpec => ({ kind: 'constant', value });

export function task(name: string, duration: DistSpec, resource: string | null, next: string | null = null): NodeSpec {
  return { kind: 'task', name, etom: null, duration, resource, next };
}

/** A decision: each branch's target and share of the passes. */
export function decision(name: string, branch: { to: string; p: number }[]): NodeSpec {
  return { kind: 'decision', name, etom: null, branch };
}

export function flow(name: string, nodes: NodeSpec[], extra: Partial<FlowSpec> = {}): FlowSpec {
  return { name, etom: null, sla: null, start: nodes[0].name, cancelAfter: null, kpis: [], nodes, ...extra };
}

export function team(name: string, capacity: number, extra: Partial<ResourceSpec> = {}): ResourceSpec {
  return { name, capacity, costPerHour: 0, calendar: null, ...extra };
}

export function scenario(parts: Partial<Scenario> & Pick<Scenario, 'flows' | 'resources' | 'arrivals'>): Scenario {
  return {
    name: 'test',
    description: null,
    timeUnit: 'hours',
    run: { horizon: 1000, warmup: 0, replications: 10, seed: 1 },
    calendars: [],
    ...parts,
  };
}

/** M/M/c: Poisson arrivals at `lambda` per hour, c servers with exponential service of mean 1/mu. */
export function mmc(lambda: number, mu: number, c: number, run: Scenario['run']): Scenario {
  return scenario({
    run,
    resources: [team('agents', c)],
    arrivals: [{ flow: 'calls', ordinal: 0, interarrival: exp(1 / lambda), fromRate: true, profile: null, priority: 0 }],
    flows: [flow('calls', [task('serve', exp(1 / mu), 'agents')])],
  });
}

/** A Poisson stream of flow `flowName`: `perHour` cases an hour (`rate:`), priority 0 unless `extra` says. */
export function poisson(flowName: string, perHour: number, extra: Partial<ArrivalSpec> = {}): ArrivalSpec {
  return { flow: flowName, ordinal: 0, interarrival: exp(1 / perHour), fromRate: true, profile: null, priority: 0, ...extra };
}

/** A task of a skill pool (`resource: { any: teams }`), `teams[0]` preferred. */
export function pooledTask(name: string, duration: DistSpec, teams: string[]): NodeSpec {
  return { kind: 'task', name, etom: null, duration, resource: teams[0], pool: teams, next: null };
}

/** A stream of one case every `gap` hours, the first at t = gap. */
export function every(flowName: string, gap: number, ordinal = 0): ArrivalSpec {
  return { flow: flowName, ordinal, interarrival: constant(gap), fromRate: false, profile: null, priority: 0 };
}

/** `office`: Monday to Friday 09:00-17:00, time 0 being Monday 00:00 (Friday 16:00 is t = 4 * 24 + 16 = 112). */
/** Flow `flowName`'s Poisson arrivals, a case every `gap` hours on average, only from 08:00 to 12:00 each day: a morning burst. */
export function morningBurst(flowName: string, gap: number): ArrivalSpec {
  const hours = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 12 ? 1 : 0));
  return {
    flow: flowName,
    ordinal: 0,
    interarrival: exp(gap),
    fromRate: true,
    profile: { days: [1, 1, 1, 1, 1, 1, 1], hours },
    priority: 0,
  };
}

export const OFFICE: CalendarSpec = { name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 9, end: d * 24 + 17 })) };

/** Whether hour `t` (from Monday 00:00; any week, before time 0 too) is inside OFFICE's Monday-to-Friday 09:00-17:00. */
export const inOffice = (t: number): boolean => {
  const week = ((t % 168) + 168) % 168;
  return Math.floor(week / 24) < 5 && week % 24 >= 9 && week % 24 < 17;
};
