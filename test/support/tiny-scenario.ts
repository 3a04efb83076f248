// The smallest valid scenario a command-line test runs: one team of two, one flow of one task,
// 100 hours, one replication (a fraction of a second). A test that needs more adds to it (a
// variants section after it, another run section by tinyScenario) rather than keeping a copy of its own.
const RUN = 'run: { horizon: 100h, replications: 1 }';

export const TINY_SCENARIO = `name: Tiny
${RUN}
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

/** TINY_SCENARIO with another run section: tinyScenario('run: { horizon: 200h, replications: 2 }'). */
export function tinyScenario(run: string): string {
  return TINY_SCENARIO.replace(RUN, run);
}
