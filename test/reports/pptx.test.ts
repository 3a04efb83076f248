// The deck's executive slides keep their table on the slide: a variant compared on many flows
// (five outcomes each) gets as many slides as its rows need, every outcome exactly once, a
// flow's rows together, and the cost-versus-benefit line under the table on the last of them.
import { describe, expect, test } from 'vitest';
import type { Comparison, Results } from '../../engine/results/types.js';
import { executiveSummary } from '../../reports/executive.js';
import { EXECUTIVE_TABLE, executiveFrame, type SlidePlan, slidePlan } from '../../reports/pptx.js';
import { smallResults } from './fixture.js';

const STATS = ['cycle_time.mean', 'cycle_time.p90', 'sla_attainment', 'throughput_per_day', 'used_cost_per_case'];

/** The fixture's variant compared on `flows` more flows, five outcomes each, all significant. */
function manyFlows(names: string[]): Results {
  const results = smallResults();
  const template = results.comparisons.find((c) => c.metric === 'flows.order.cycle_time.mean')!;
  for (const flow of names)
    for (const stat of STATS) {
      const c: Comparison = { ...template, metric: `flows.${flow}.${stat}` };
      results.comparisons.push(c);
    }
  return results;
}

/** A conservative height of a row, independent of the deck's own measure: a label breaks every 34 characters in the 3.6 in column at 13 pt. */
function atMost(rows: string[][]): number {
  return rows.reduce((sum, r) => sum + Math.ceil(r[0].length / 34) * EXECUTIVE_TABLE.lineHeight + EXECUTIVE_TABLE.margin.vertical, 0);
}

const executiveSlides = (results: Results): SlidePlan[] => slidePlan(results, [], new Map(), []).filter((s) => s.kind === 'executive');

describe("the deck's executive table", () => {
  test('a variant on one flow keeps one slide, its description above and its cost line below', () => {
    const [slide] = executiveSlides(smallResults());
    expect(slide.title).toBe('redesign: what it changes');
    expect(slide.lines).toHaveLength(1);
    expect(slide.footer).toMatch(/^Cost versus benefit: /);
  });

  test("six flows of five outcomes and the fixture's four (34 rows) go over several slides, each table inside its frame", () => {
    const flows = ['install', 'repair', 'alpha_orders_with_a_rather_long_name_for_the_slide', 'migration', 'cease', 'move'];
    const results = manyFlows(flows);
    const outcomes = executiveSummary(results)[0].outcomes;
    expect(outcomes.length).toBe(4 + flows.length * 5);
    const slides = executiveSlides(results);
    expect(slides.length).toBeGreaterThan(1);
    slides.forEach((s, i) => {
      expect(s.title).toBe(`redesign: what it changes (${i + 1} of ${slides.length})`);
      const [head, ...rows] = s.table!;
      expect(head[0]).toBe('outcome');
      // the room between the description (first slide only) and the cost line, which every slide's layout reserves
      const frame = executiveFrame(i === 0 ? 'A redesign.' : '', `Cost versus benefit: ${executiveSummary(results)[0].costLine}`);
      expect(atMost([head, ...rows])).toBeLessThanOrEqual(frame.bottom - frame.top);
      expect(frame.bottom).toBeLessThanOrEqual(7.5);
      expect(s.kept).toHaveLength(rows.length);
      expect(s.footer ?? null).toBe(i === slides.length - 1 ? `Cost versus benefit: ${executiveSummary(results)[0].costLine}` : null);
      expect(s.lines.length).toBe(i === 0 ? 1 : 0);
    });
    // every outcome once, in the page's order; a flow's five rows on one slide
    const shown = slides.flatMap((s) => s.table!.slice(1).map((r) => r[0]));
    expect(shown).toEqual(outcomes.map((o) => `${o.flow.replace(/_/g, ' ')}: ${o.label}`));
    for (const flow of flows) {
      const on = slides.filter((s) => s.table!.some((r) => r[0].startsWith(`${flow.replace(/_/g, ' ')}: `)));
      expect(on, flow).toHaveLength(1);
    }
  });
});
