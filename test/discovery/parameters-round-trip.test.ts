// The parameters' round trip (session 40): a scenario's own XES and OCEL logs, discovered, give
// back its arrival rate, branch share and task durations, each within the 99.9% interval one
// log of that size draws it in, and both forms the same figures. What fidelity then shows of a
// discovered scenario is its log's draw (docs/discovery-notes.md, "One log's load, at 88%"):
// the estimates themselves carry no bias these intervals would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { distMean } from '../../engine/random/distributions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-parameters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** z of a two-sided 99.9% interval */
const Z = 3.29;

test("a scenario's own XES and OCEL logs give back its rate, branch share and durations within their intervals", async () => {
  const source = loadScenarioText(
    `name: Round trip
run: { horizon: 30d, replications: 1 }
resources: { desk: { capacity: 3 } }
arrivals: [ { flow: f, rate: 2/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { lognormal: { mean: 30m, sd: 15m } }, next: way }
      way: { branch: [ { to: b, p: 0.3 }, { to: end, p: 0.7 } ] }
      b: { resource: desk, duration: { gamma: { mean: 1h, sd: 0.5h } }, next: end }
      end: { duration: 0 }
`,
    'round-trip.yaml',
  ).set!.baseline;
  const files = await writeEventLogs({
    variants: [{ name: 'baseline', scenario: source }],
    formats: ['xes', 'ocel'],
    replications: 1,
    seed: 5,
    target: (name) => join(dir, name.replace('events/', '')),
  });
  const found = await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file.replace('events/', ''));
      const d = discover(await readEventLog(path), { minShare: 0.05 });
      const s = loadScenarioText(writeScenarioYaml(d, path), 'found.yaml').set!.baseline;
      const node = (name: string) => s.flows[0].nodes.find((n) => n.name === name)!;
      const mean = (name: string) => {
        const n = node(name);
        return n.kind === 'task' ? distMean(n.duration) : Number.NaN;
      };
      const way = s.flows[0].nodes.find((n) => n.kind === 'decision')!;
      const toB = way.kind === 'decision' ? way.branch.find((x) => x.to === 'b')!.p : Number.NaN;
      // `rate: N/h` is an exponential interarrival of mean 1/N
      return { cases: d.flows[0].cases, rate: 1 / distMean(s.arrivals[0].interarrival), toB, a: mean('a'), b: mean('b') };
    }),
  );
  expect(found[1]).toEqual(found[0]);
  const { cases, rate, toB, a, b } = found[0];
  const hours = 30 * 24;
  // Poisson: the rate over 720 h has sd sqrt(2/720); the share of n passes sqrt(p(1 - p)/n);
  // a mean of n durations sd/sqrt(n)
  expect(Math.abs(rate - 2)).toBeLessThan(Z * Math.sqrt(2 / hours));
  expect(Math.abs(toB - 0.3)).toBeLessThan(Z * Math.sqrt((0.3 * 0.7) / cases));
  expect(Math.abs(a - 0.5)).toBeLessThan(Z * (0.25 / Math.sqrt(cases)));
  expect(Math.abs(b - 1)).toBeLessThan(Z * (0.5 / Math.sqrt(0.3 * cases)));
});
