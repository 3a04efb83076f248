// The deck's executive slides keep their table on the slide: a variant compared on many flows
// (five outcomes each) gets as many slides as its rows need, every outcome exactly once, a
// flow's rows together, and the cost-versus-benefit line under the table on the last of them.
// A long name's title is set smaller, to fit its box, not left to run over the text below it.
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import type { Comparison, Results } from '../../engine/results/types.js';
import { executiveSummary } from '../../reports/executive.js';
import { EXECUTIVE_TABLE, executiveFrame, renderPptx, type SlidePlan, slidePlan } from '../../reports/pptx.js';
import { textWidth } from '../../reports/text-width.js';
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

  test("a name of 200 letters: the title slide and the variant's slide set it smaller, to fit its box", async () => {
    const long = 'L'.repeat(200);
    const results = smallResults();
    results.scenario = long;
    results.variants = { baseline: results.variants.baseline, [long]: results.variants.redesign };
    for (const c of results.comparisons) c.variant = long;
    const deck = await JSZip.loadAsync(await renderPptx(results, slidePlan(results, [], new Map(), [])));
    const EMU = 914_400;
    // each text box's height and its first run's size and text, as the deck's XML gives them
    const boxes = async (slide: string) =>
      [...(await deck.file(slide)!.async('string')).matchAll(/<p:sp>.*?<\/p:sp>/gs)].map(([sp]) => ({
        w: Number(/<a:ext cx="(\d+)"/.exec(sp)![1]) / EMU,
        h: Number(/<a:ext cx="\d+" cy="(\d+)"/.exec(sp)![1]) / EMU,
        points: Number(/ sz="(\d+)"/.exec(sp)?.[1]) / 100,
        text: [...sp.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''),
      }));
    // lines of a text in a box, from Helvetica's width alone (bold, 0.1 in insets a side); a line 1.2 em
    const fits = (b: { w: number; h: number; points: number; text: string }) =>
      Math.ceil(textWidth(b.text, b.points, true) / ((b.w - 0.2) * 72)) * b.points * (1.2 / 72) <= b.h;
    const [name] = await boxes('ppt/slides/slide1.xml');
    expect(name.text).toBe(long);
    expect(name.points).toBeLessThan(36);
    expect(fits(name)).toBe(true);
    const others = Object.keys(deck.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f) && f !== 'ppt/slides/slide1.xml');
    const titles = (await Promise.all(others.map(boxes))).map((b) => b[0]).filter((b) => b.text.startsWith(long));
    expect(titles.map((t) => t.text)).toEqual([`${long}: what it changes`]);
    expect(titles[0].points).toBeLessThan(24);
    expect(fits(titles[0])).toBe(true);
    // a short title keeps its size
    const short = await JSZip.loadAsync(await renderPptx(smallResults(), slidePlan(smallResults(), [], new Map(), [])));
    expect(await short.file('ppt/slides/slide1.xml')!.async('string')).toMatch(/ sz="3600"/);
  });
});
