// The charts drawn on worker threads are the very SVGs this thread draws, in order, however
// many threads share them; a chart that cannot be drawn fails the drawing with the same error.
// The threads run the compiled worker in dist/, which `npm test` builds first.
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { reportCharts } from '../../dist/reports/index.js';
import { drawCharts } from '../../dist/reports/svg-thread.js';
import { smallResults } from './fixture.js';

describe('charts drawn on their own threads', () => {
  const specs = reportCharts(smallResults()).map((c) => c.spec);

  test('0, 1 and 3 threads give byte-identical SVGs in the specs order', async () => {
    expect(specs.length).toBeGreaterThan(3);
    const [here, one, three] = await Promise.all([drawCharts(specs, 0), drawCharts(specs, 1), drawCharts(specs, 3)]);
    expect(here).toHaveLength(specs.length);
    for (const svg of here) expect(svg.startsWith('<svg')).toBe(true);
    expect(new Set(here).size).toBe(specs.length); // distinct charts, so a reordering would show
    expect(one).toEqual(here);
    expect(three).toEqual(here);
  });

  test('a spec that cannot be drawn rejects the drawing with the error drawing it here gives', async () => {
    const bad = { mark: 'no-such-mark', data: { values: [] } } as unknown as TopLevelSpec;
    const here = await drawCharts([bad], 0).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(here).not.toBeNull();
    await expect(drawCharts([specs[0], bad], 1)).rejects.toThrow(here!);
  });
});
