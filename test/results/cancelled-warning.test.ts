// A variant that cancels a materially different share of a flow's cases than the baseline leaves
// a different part of the work out of the cycle times and the SLA share (both over completed
// cases): results.json warns (code `cancelled`, s33x F16), giving both shares and the SLA share
// counting the cancelled as misses, and the executive page marks the flow's rows. A variant
// cancelling about as many as the baseline (here none) is not warned of.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { executiveSummary } from '../../reports/executive.js';
import { resultsOfSet } from '../support/results.js';

const SCENARIO = `name: Cancelling
run: { horizon: 80d, warmup: 5d, replications: 4, seed: 4 }
resources:
  desk: { capacity: 1 }
arrivals: [ { flow: f, rate: 0.9/h } ]
flows:
  f:
    sla: 8h
    start: s
    nodes:
      s: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  never: { patch: { flows: { f: { cancel_after: 2000h } } } }
  soon: { patch: { flows: { f: { cancel_after: 9h } } } }
`;

test('cancelling a share of cases the baseline does not is a warning naming both shares; the flow rows are marked', async () => {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'cancelling.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const found = results.warnings.filter((w) => w.code === 'cancelled');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([['soon', 'flows.f']]);
  // the shares from the replications' own counts, as the message prints them
  const sum = (path: string) => results.variants.soon.replications[path].reduce<number>((s, v) => s + (v ?? 0), 0);
  const share = sum('flows.f.cancelled') / (sum('flows.f.cancelled') + sum('flows.f.completed'));
  expect(share).toBeGreaterThan(0.01);
  const sla = results.variants.soon.flows.f.sla_attainment!.mean!;
  const pct = (x: number) => `${(x * 100).toFixed(x >= 0.1 ? 0 : 1)}%`;
  expect(found[0].message).toContain(
    `${pct(share)} of flows.f's cases are cancelled here (of those completed or cancelled in the window), 0.0% in the baseline`,
  );
  expect(found[0].message).toContain(`its SLA attainment is ${pct(sla * (1 - share))} against the baseline's`);
  const soon = executiveSummary(results).find((v) => v.variant === 'soon')!;
  expect(soon.outcomes.length).toBeGreaterThan(0);
  expect(soon.outcomes.every((o) => o.warned.includes('cancelled'))).toBe(true);
  const never = executiveSummary(results).find((v) => v.variant === 'never')!;
  expect(never.outcomes.every((o) => o.warned.length === 0)).toBe(true);
});

// The warning as a paired test (s34e item 3): replication i of a variant and of the baseline run on
// the same random numbers, so their shares cancelled pair up. A variant whose cancellations differ
// by noise only (its step renamed: the same work drawn from another stream) crosses the 1-point
// threshold on pooled shares (-2.2 points here) but not its paired 95% interval: no warning. One
// that cancels sooner moves every replication's share: its interval excludes 0, warned.
const PAIRED = `name: Paired
run: { horizon: 20d, warmup: 2d, replications: 6, seed: 3 }
resources:
  desk: { capacity: 1 }
arrivals: [ { flow: f, rate: 0.9/h } ]
flows:
  f:
    cancel_after: 9h
    start: s
    nodes:
      s: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  renamed: { patch: { flows: { f: { start: t, nodes: { s: null, t: { resource: desk, duration: { exponential: { mean: 1h } } } } } } } }
  sooner: { patch: { flows: { f: { cancel_after: 6h } } } }
`;

test('a share cancelled that differs by noise only is not warned of; one whose paired interval excludes 0 is', async () => {
  const { set, diagnostics } = loadScenarioText(PAIRED, 'paired.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const counts = (v: string, what: string) => results.variants[v].replications[`flows.f.${what}`].map((x) => x ?? 0);
  const shares = (v: string) => counts(v, 'cancelled').map((g, i) => g / (g + counts(v, 'completed')[i]));
  const pooled = (v: string) => {
    const gone = counts(v, 'cancelled').reduce((s, x) => s + x, 0);
    return gone / (gone + counts(v, 'completed').reduce((s, x) => s + x, 0));
  };
  /** the paired differences' 95% t interval */
  const interval = (v: string): [number, number] => {
    const d = shares(v).map((x, i) => x - shares('baseline')[i]);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
    const half = (tQuantile(0.975, d.length - 1) * sd) / Math.sqrt(d.length);
    return [mean - half, mean + half];
  };
  // noise: more than a point apart pooled, yet its interval holds 0
  expect(Math.abs(pooled('renamed') - pooled('baseline'))).toBeGreaterThanOrEqual(0.01);
  const [low, high] = interval('renamed');
  expect(low).toBeLessThan(0);
  expect(high).toBeGreaterThan(0);
  // a change: its interval excludes 0, and the shares are more than a point apart
  expect(interval('sooner')[0]).toBeGreaterThan(0);
  expect(pooled('sooner') - pooled('baseline')).toBeGreaterThanOrEqual(0.01);
  expect(results.warnings.filter((w) => w.code === 'cancelled').map((w) => w.variant)).toEqual(['sooner']);
});
