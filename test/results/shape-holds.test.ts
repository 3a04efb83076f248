// A shape's `holds` (engine/results/shape.ts) is its check as a test: a value that holds is passed
// without its parts' paths, so it must be true exactly when the check reports nothing, or a
// malformed results file would be reported on (holds too lenient) or a sound one refused.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COMPARISON, resultsProblems, STAT } from '../../engine/results/readable.js';
import { integer, list, nullable, num, number, object, oneOf, record, string, type Shape } from '../../engine/results/shape.js';
import { Problems } from '../../engine/scenario/problems.js';
import { parseJson } from '../../engine/records.js';
import { smallResults } from '../reports/fixture.js';

function reports(shape: Shape, value: unknown): number {
  const problems = new Problems();
  shape.check(value, [], problems);
  return problems.count;
}

/** Values near the shapes' own: each part of `sample` replaced, dropped, or kept, with numbers at the edges. */
function near(sample: unknown): fc.Arbitrary<unknown> {
  const odd = fc.oneof(
    fc.constantFrom(null, -1, 0, 0.5, 2, 1e400, -1e400, 'x', true, [], {}, [1, 2], [1, null]),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const walk = (value: unknown, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 6 || typeof value !== 'object' || value === null) return fc.oneof({ weight: 4, arbitrary: fc.constant(value) }, odd);
    if (Array.isArray(value)) {
      const items = fc.tuple(...value.map((v) => walk(v, depth + 1)));
      return fc.oneof(
        { weight: 4, arbitrary: items },
        odd,
        items.map((a) => a.slice(1)),
      );
    }
    const keys = Object.keys(value);
    const entries = fc.tuple(
      ...keys.map((k) =>
        fc.oneof({ weight: 6, arbitrary: walk((value as Record<string, unknown>)[k], depth + 1) }, fc.constant(undefined)),
      ),
    );
    // a key dropped (undefined) is absent from the map, which has no prototype, as parseJson makes them
    const map = entries.map((vs) => {
      const out = Object.create(null) as Record<string, unknown>;
      keys.forEach((k, i) => {
        if (vs[i] !== undefined) out[k] = vs[i];
      });
      return out;
    });
    return fc.oneof({ weight: 4, arbitrary: map }, odd);
  };
  return walk(sample, 0);
}

describe("a shape's holds: true exactly when its check reports nothing", () => {
  const results = parseJson(JSON.stringify(smallResults())) as ReturnType<typeof smallResults>;
  const flow = results.variants.baseline.flows.order;
  const cases: [string, Shape, unknown][] = [
    ['a stat', STAT, flow.cycle_time.mean],
    ['a comparison', COMPARISON, results.comparisons[1]],
    ['a list of numbers or nulls', list(nullable(number)), [1, null, 2.5]],
    ['a list of numbers', list(number, { length: 3 }), [1, 2, 3]],
    ['lists of numbers per name and replication', record(list(list(nullable(number), { length: 2 }))), { a: [[1, null]], b: [[0, 3]] }],
    [
      'a map of required and optional keys',
      object('a thing', { kind: oneOf('p', 'q'), n: integer, name: string }, { share: num({ min: 0 }), above: num({ above: 1 }) }),
      { kind: 'p', n: 3, name: 'x', share: 0.2, above: 2 },
    ],
  ];
  for (const [what, shape, sample] of cases) {
    test(what, () => {
      expect(shape.holds).toBeDefined();
      expect(shape.holds!(sample)).toBe(true);
      fc.assert(
        fc.property(near(sample), (value) => {
          expect(shape.holds!(value)).toBe(reports(shape, value) === 0);
        }),
        { numRuns: 400 },
      );
    });
  }

  test("a results file's problems are where its parts do not hold, and none where all do", () => {
    expect(resultsProblems(results)).toEqual([]);
    const series = results.variants.baseline.charts.queue_length;
    const team = Object.keys(series)[0];
    (series[team][0] as unknown[])[1] = 'many';
    (flow.cycle_time.mean as unknown as Record<string, unknown>).n = 1.5;
    const messages = resultsProblems(results).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(messages).toEqual([
      'variants.baseline.flows.order.cycle_time.mean.n: expected a whole number of at least 0, found the number 1.5',
      `variants.baseline.charts.queue_length.${team}.0.1: expected a number or null, found the text "many"`,
    ]);
  });
});
