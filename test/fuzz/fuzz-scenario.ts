// The small scenario the fuzzers of etomsim's own outputs start from (test/fuzz/results.test.ts
// runs it and sizes it, test/fuzz/ocel-sqlite.test.ts writes its event log): one text, where
// each kept a copy of its own (session 55's read-over, duplicates D2).

const RUN = 'run: { horizon: 2d, replications: 2, start: "2026-01-05T00:00:00Z", warmup: 4h }';

/**
 * Two teams (a desk of two on a weekday shift, with a cost; one tech), one flow of a task, a
 * choice and a second task, an SLA, a variant: the results' sections each have something in
 * them, and the name is markup and an ampersand (text that reaches HTML, Markdown, a workbook).
 * Two days, two replications, from a Monday.
 */
export const FUZZ_SCENARIO = `name: Fuzz <desk> & co
${RUN}
resources:
  desk:
    shifts: [ { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00", capacity: 2 } ]
    cost_per_hour: 30
  techs: { capacity: 1 }
arrivals: [ { flow: order, rate: 1/h } ]
flows:
  order:
    sla: 24h
    start: take
    nodes:
      take: { resource: desk, duration: { exponential: { mean: 30m } }, next: route }
      route: { branch: [ { to: fix, p: 0.5 }, { to: done, p: 0.5 } ] }
      fix: { resource: techs, duration: { lognormal: { mean: 1h, sd: 30m } }, next: done }
      done: { duration: 0 }
variants:
  more_techs:
    description: one more tech
    patch: { resources: { techs: { capacity: 2 } } }
`;

/** FUZZ_SCENARIO with another run section: fuzzScenario('run: { horizon: 1d, replications: 1 }'). */
export function fuzzScenario(run: string): string {
  return FUZZ_SCENARIO.replace(RUN, run);
}
