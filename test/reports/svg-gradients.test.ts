// vega names a colour legend's gradient from a counter shared by every view in the process
// (gradient_0, gradient_1, ...): renderSvg renumbers them in the order of each drawing, so that
// the same spec drawn again, later in the same process, gives the same SVG (reports/svg.ts'
// numberedInOrder). Fails where the renumbering is skipped (the second drawing then names its
// gradient gradient_1), or where it misses a reference to the gradient it renamed.
import { describe, expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../reports/svg.js';

/** Two heatmap panels, each with a continuous colour legend of its own: two gradients a drawing. */
const SPEC: TopLevelSpec = {
  vconcat: [0, 1].map((panel) => ({
    data: { values: [1, 2, 3].map((x) => ({ x, y: panel, v: x * (panel + 1) })) },
    mark: 'rect',
    encoding: {
      x: { field: 'x', type: 'ordinal' },
      y: { field: 'y', type: 'ordinal' },
      color: { field: 'v', type: 'quantitative', scale: { scheme: panel === 0 ? 'blues' : 'reds' } },
    },
  })),
  resolve: { scale: { color: 'independent' } },
};

describe('renderSvg: a colour legend drawn again', () => {
  test('each drawing names its gradients from gradient_0, in order, and refers to them by those names', async () => {
    const first = await renderSvg(structuredClone(SPEC));
    const second = await renderSvg(structuredClone(SPEC));
    expect(second).toBe(first);
    const ids = [...first.matchAll(/id="(gradient_\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['gradient_0', 'gradient_1']);
    const used = [...first.matchAll(/url\(#(gradient_\d+)\)/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(ids));
  });
});
