// Cases triaged at a desk, then fixed by techs: the two-team scenario of the tests of teams'
// costs (test/results/cost-warning.test.ts, test/bin/bottlenecks-warnings.test.ts), one text
// so that run's and bottlenecks' cost warning are read against the same teams.

/**
 * The scenario's YAML: 1 case an hour, triage (30 min, `desk` of 2) then fix (2 h, `techs` of
 * 3). `run`: its run section's map; `desk`, `techs`: text after each team's capacity (`, cost_per_hour: 30`);
 * `teams`: more teams' lines; `variants`: a variants section, at the end.
 */
export function repairDesk(run: string, { desk = '', techs = '', teams = '', variants = '' } = {}): string {
  return `name: Costs
run: ${run}
resources:
  desk: { capacity: 2${desk} }
  techs: { capacity: 3${techs} }
${teams}arrivals: [ { flow: repair, rate: 1/h } ]
flows:
  repair:
    start: triage
    nodes:
      triage: { resource: desk, duration: { exponential: { mean: 30m } }, next: fix }
      fix: { resource: techs, duration: { exponential: { mean: 2h } } }
${variants}`;
}
