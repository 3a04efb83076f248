// Side-by-side bars and their interval lines drawn by vega itself: each line must run through
// the middle of its own bar. A bar's `height: { band }` made vega-lite centre it on its group's
// band, not its own: the bars slid off their lines, by four bars at 50 variants. With more
// variants than colours (12 more) the bars are in a panel per group, a variant's name on its bar;
// a bar and its line are in the same panel, so in the same coordinates.
import { describe, expect, test } from 'vitest';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Results } from '../../../engine/results/types.js';
import { kpiGainsChart } from '../../../reports/charts/kpi-gains.js';
import { slaChart } from '../../../reports/charts/sla.js';
import type { Chart } from '../../../reports/chart.js';
import { smallResults } from '../fixture.js';

interface Item {
  x?: number;
  y?: number;
  x2?: number;
  height?: number;
  datum?: Record<string, unknown>;
  items?: Scene[];
}
interface Scene {
  marktype: string;
  name?: string;
  items: Item[];
}

/** Every mark of the drawn chart, with its items in the coordinates of their view. */
async function drawnMarks(chart: Chart | null): Promise<Scene[]> {
  if (chart === null) throw new Error('expected a chart');
  const view = new View(parse(compile(chart.spec as TopLevelSpec).spec), { renderer: 'none' });
  await view.runAsync();
  const marks: Scene[] = [];
  const walk = (scene: Scene) => {
    marks.push(scene);
    for (const item of scene.items) for (const child of item.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: Scene }).root);
  view.finalize();
  return marks;
}

/** The results with `extra` more variants, copies of `redesign` (its comparisons too). */
function withVariants(extra: number): Results {
  const results = smallResults();
  const copies = results.comparisons.filter((c) => c.variant === 'redesign');
  for (let i = 0; i < extra; i++) {
    const name = `option_${i}`;
    results.variants[name] = structuredClone(results.variants.redesign);
    results.comparisons.push(...copies.map((c) => ({ ...c, variant: name })));
  }
  return results;
}

/** Each interval line's y against the middle of the bar of the same row (keys: the fields naming a row). */
async function offCentre(chart: Chart | null, keys: string[]): Promise<number[]> {
  const marks = await drawnMarks(chart);
  const bars = marks.filter((m) => m.marktype === 'rect' && m.name?.endsWith('layer_0_marks')).flatMap((m) => m.items);
  const lines = marks.filter((m) => m.marktype === 'rule' && m.items.some((i) => i.x2 !== undefined && i.datum?.low !== undefined));
  const key = (d: Record<string, unknown> | undefined) => keys.map((k) => String(d?.[k])).join('|');
  const middle = new Map(bars.map((b) => [key(b.datum), (b.y ?? 0) + (b.height ?? 0) / 2]));
  expect(middle.size).toBeGreaterThan(0);
  return lines
    .flatMap((m) => m.items)
    .map((line) => {
      const centre = middle.get(key(line.datum));
      if (centre === undefined) throw new Error(`no bar for the line of ${key(line.datum)}`);
      return Math.abs((line.y ?? 0) - centre);
    });
}

describe('bars and their interval lines', () => {
  test.each([0, 5, 12])('SLA attainment with %i more variants: each line through its bar', async (extra) => {
    const gaps = await offCentre(slaChart(withVariants(extra)), ['group', 'variant']);
    expect(gaps.length).toBe(2 + extra);
    for (const gap of gaps) expect(gap).toBeLessThan(0.5);
  });

  test.each([0, 5, 12])('KPI gains with %i more variants: each line through its bar', async (extra) => {
    const gaps = await offCentre(kpiGainsChart(withVariants(extra)), ['kpi', 'variant']);
    expect(gaps.length).toBeGreaterThan(extra);
    for (const gap of gaps) expect(gap).toBeLessThan(0.5);
  });
});
