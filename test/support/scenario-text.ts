// A scenario's text for the tests that read it as a file: one team serving one flow of Poisson
// calls, exponential service of an hour. The text, line for line, is what the tests' diagnostics
// point into (a team's line is the 4th).

/** The M/M/c scenario's text: `capacity` agents, calls at `rate` an hour, and its run block. */
export function mmcText(o: {
  name: string;
  horizon: number;
  warmup: number;
  replications: number;
  seed: number;
  capacity: number;
  rate: number;
}): string {
  return `name: ${o.name}
run: { horizon: ${o.horizon}h, warmup: ${o.warmup}h, replications: ${o.replications}, seed: ${o.seed} }
resources:
  agents: { capacity: ${o.capacity} }
arrivals:
  - { flow: calls, rate: ${o.rate}/h }
flows:
  calls:
    start: serve
    nodes:
      serve: { resource: agents, duration: { exponential: { mean: 1h } } }
`;
}
