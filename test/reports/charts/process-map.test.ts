// The process map: its data (wait shares, the bottleneck, changed steps) worked out on the
// hand-made results, and the drawing of every bundled scenario's flows holding every step.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  changedSteps,
  legendKeyLines,
  probabilityText,
  processMapData,
  processMaps,
  renderProcessMap,
  waitColor,
} from '../../../reports/charts/process-map.js';
import { textWidth, wrap } from '../../../reports/text-width.js';
import { LABEL_CHARS, shortLabel, TITLE_CHARS, words } from '../../../reports/format.js';
import type { Results } from '../../../engine/results/types.js';
import { renderedMaps } from '../../../reports/index.js';
import { bundledResults } from '../bundled-results.js';
import { smallResults, stat, withoutOptionalSections } from '../fixture.js';

describe('processMapData', () => {
  test('wait share = waiting hours per completed case over the mean cycle time; the bottleneck team marked', () => {
    const map = processMapData(smallResults(), 'baseline', 'order')!;
    const capture = map.steps.find((s) => s.name === 'capture')!;
    // 220 wait hours / 96 completed cases / 52.1 h mean cycle time
    expect(capture.waitShare).toBeCloseTo(220 / 96 / 52.1, 12);
    expect(capture.wait).toBe(2);
    expect(capture.waitInterval).toEqual([1.5, 2.5]);
    expect(capture.bottleneck).toBe(true); // desk is the primary bottleneck
    expect(capture.automated).toBe(false);
    expect(capture.etomName).toBe('Order Handling');
    const install = map.steps.find((s) => s.name === 'install')!;
    expect(install.bottleneck).toBe(false);
    expect(install.duration).toBe(3);
    expect(map.steps.find((s) => s.name === 'route')!.kind).toBe('decision');
    expect(map.steps.every((s) => !s.changed)).toBe(true);
  });

  test("a variant's changed steps are highlighted; an automated step has no wait", () => {
    const results = smallResults();
    expect([...changedSteps(results, 'redesign', 'order')]).toEqual(['capture']);
    const capture = processMapData(results, 'redesign', 'order')!.steps.find((s) => s.name === 'capture')!;
    expect(capture).toMatchObject({ changed: true, automated: true, team: null, wait: null, waitShare: null, bottleneck: false });
  });

  test('one map for the baseline and one per variant that changes the flow; none without inputs', () => {
    expect(processMaps(smallResults()).map((m) => m.name)).toEqual(['process-map-order', 'process-map-order-redesign']);
    const unchanged = smallResults();
    unchanged.variants.redesign.inputs!.changes = [{ path: 'resources.desk.capacity', baseline: 2, variant: 3 }];
    expect(processMaps(unchanged).map((m) => m.variant)).toEqual(['baseline']);
    expect(processMaps(withoutOptionalSections(smallResults()))).toEqual([]);
  });

  test('colours, probabilities and wrapping', () => {
    expect(waitColor(0)).toBe('#fff7ec');
    expect(waitColor(0.4)).toBe('#7f0000');
    expect(probabilityText(0.85)).toBe('85%');
    expect(probabilityText(0.0128)).toBe('1.28%');
    expect(probabilityText(0.925)).toBe('92.5%');
    const lines = wrap('Determine Customer Order Feasibility and more words', 100, 10);
    expect(lines.join(' ')).toBe('Determine Customer Order Feasibility and more words');
    for (const l of lines) expect(textWidth(l, 10, false)).toBeLessThanOrEqual(100);
  });

  test("a step's wait and its interval read in one unit of time, even where the interval crosses three days", async () => {
    const results = smallResults();
    results.variants.baseline.flows.order.nodes.install.wait = stat(70, 4); // 66 to 74 hours
    const drawn = await renderProcessMap(processMapData(results, 'baseline', 'order')!, 'Process map: order');
    // one at a time it read "wait 70.0 h [66.0 h, 3.08 d]"
    expect(drawn.svg).toContain('wait 2.92 d [2.75 d, 3.08 d]');
  });

  test('names are escaped in the drawing', async () => {
    const results = smallResults();
    const flow = results.variants.baseline.inputs!.flows.order;
    flow.nodes['<b>&"x'] = { kind: 'task', etom: null, resource: null, duration: { kind: 'constant', value: 1 }, next: null };
    (flow.nodes.install as { next: string | null }).next = '<b>&"x';
    const drawn = await renderProcessMap(processMapData(results, 'baseline', 'order')!, 'map <of> "order"');
    expect(drawn.svg).not.toContain('<b>');
    expect(drawn.svg).toContain('&lt;b&gt;&amp;&quot;x');
    expect(drawn.svg).toContain('map &lt;of&gt; &quot;order&quot;');
  });
});

/** The hand-made results with the flow `order` and the variant `redesign` renamed. */
function withFlowAndVariant(flow: string, variant: string): Results {
  const results = smallResults();
  for (const block of Object.values(results.variants)) {
    block.inputs!.flows = { [flow]: block.inputs!.flows.order };
    block.inputs!.changes = block.inputs!.changes.map((c) => ({ ...c, path: c.path.replace('flows.order.', `flows.${flow}.`) }));
    block.flows = { [flow]: block.flows.order };
  }
  results.variants = { baseline: results.variants.baseline, [variant]: results.variants.redesign };
  return results;
}

describe("long names on a map (shortened as a chart's labels are, whole in the tooltips)", () => {
  const decision = 'check_whether_the_order_falls_out_of_automated_processing_and_needs_a_person'; // 77 characters
  const task = 'install_the_optical_network_terminal_at_the_premises_and_test_the_line_end_to_end';
  /** The hand-made results with the decision `route` and the task `install` named long. */
  function longNamed(): Results {
    const results = smallResults();
    const flow = results.variants.baseline.inputs!.flows.order;
    const { route, install } = flow.nodes;
    flow.nodes = { capture: flow.nodes.capture, [decision]: route, [task]: install };
    (flow.nodes.capture as { next: string | null }).next = decision;
    (route as { branch: { to: string; p: number }[] }).branch = [
      { to: task, p: 0.9 },
      { to: 'capture', p: 0.1 },
    ];
    return results;
  }

  test("a gateway's label and a step's name: both ends kept, the whole in the step's tooltip", async () => {
    const drawn = await renderProcessMap(processMapData(longNamed(), 'baseline', 'order')!, 'Process map: order');
    const label = shortLabel(words(decision));
    expect([...label]).toHaveLength(LABEL_CHARS);
    expect(drawn.svg).toContain(`class="node-label"`);
    expect(drawn.svg).toContain(`>${label}</text>`);
    expect(drawn.svg).not.toContain(`>${words(decision)}</text>`);
    expect(drawn.svg).toContain(`<title>${words(decision)}</title>`);
    // the label box the layout made room for is the shortened label's
    const gateway = drawn.layout.nodes.find((n) => n.kind === 'decision')!;
    expect(gateway.label!.width).toBeCloseTo(textWidth(label, 10, false) + 4, 6);
    const box = drawn.svg.split('\n').find((l) => l.includes(`data-step="${task}"`))!;
    const bold = [...box.matchAll(/font-size="12.5" font-weight="bold"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(bold.join(' ')).toBe(shortLabel(words(task)));
    expect(box).toContain(`<title>${words(task)}`);
  });

  test('a long title: each name shortened in the report, whole in its tooltip, the drawing as wide as it', async () => {
    // a flow and a variant of 70 and 68 characters: the report's map of the flow in the variant
    const flow = 'order_to_activation_for_fibre_to_the_premises_of_residential_customers';
    const variant = 'staffing_option_7_adds_two_units_to_the_field_installation_engineers';
    const results = withFlowAndVariant(flow, variant);
    const [figure] = (await renderedMaps(results)).filter((m) => m.title.includes('variant'));
    const title = `Process map: ${words(flow)}, variant ${variant}`;
    const shown = `Process map: ${shortLabel(words(flow))}, variant ${shortLabel(variant)}`;
    expect(shown).toBe(
      'Process map: order to activation for fibre to the\u2026f residential customers, variant staffing_option_7_adds_two_units_to_\u2026_installation_engineers',
    );
    expect(figure.title).toBe(title); // the page's and the deck's title
    expect(figure.svg).toContain(`<title>${title}</title>${shown}</text>`);
    expect(figure.width).toBe(Math.ceil(textWidth(shown, 15, true)) + 24); // the flow's boxes are narrower
    // a title given alone is shortened whole, beyond TITLE_CHARS
    const alone = await renderProcessMap(processMapData(smallResults(), 'baseline', 'order')!, title);
    expect(alone.svg).toContain(`<title>${title}</title>${shortLabel(title, TITLE_CHARS)}</text>`);
    // a title that fits is drawn whole, without a tooltip of its own
    const plain = await renderProcessMap(processMapData(smallResults(), 'baseline', 'order')!, 'Process map: order');
    expect(plain.svg).toContain('fill="#111827">Process map: order</text>');
  });
});

describe('the text under and over the flow stays inside the drawing (s62E)', () => {
  /** The text lines of one class in a drawing, as drawn. */
  const texts = (svg: string, cls: string) =>
    [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);

  test("a 640-px variant map's legend keys go over as many lines as fit its width, each key once and in order", async () => {
    const drawn = await renderProcessMap(processMapData(smallResults(), 'redesign', 'order')!, 'Process map: order, variant redesign');
    const lines = texts(drawn.svg, 'legend-keys');
    expect(textWidth(lines.join(' · '), 10.5, false) + 24).toBeGreaterThan(drawn.width); // one line ran off the edge
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line.replaceAll('&amp;', '&'), 10.5, false) + 12).toBeLessThanOrEqual(drawn.width - 12);
    expect(lines.join(' · ')).toBe(
      'dashed grey box: automated step (no team, no queue) · × decision (branch probabilities on its arrows) · + fork and join (all branches run at once) · purple border: changed by the variant',
    );
    // the drawing is as much taller as the lines added, each line 14 px below the last
    const ys = [...drawn.svg.matchAll(/<text class="legend-keys" x="12" y="([0-9.]+)"/g)].map((m) => Number(m[1]));
    expect(ys.slice(1).map((y, i) => y - ys[i])).toEqual(ys.slice(1).map(() => 14));
    expect(drawn.height - ys.at(-1)!).toBe(10); // the last line's baseline as far above the foot as one line's was
    // the narrowest map, 640 px, takes two lines (some 850 px in one); a wide map keeps them on one
    const map = processMapData(smallResults(), 'redesign', 'order')!;
    expect(legendKeyLines(map, 640)).toHaveLength(2);
    for (const line of legendKeyLines(map, 640)) expect(textWidth(line, 10.5, false)).toBeLessThanOrEqual(640 - 24);
    expect(legendKeyLines(map, 1400)).toHaveLength(1);
  });

  test('a subtitle naming a long bottleneck team: the drawing as wide as it', async () => {
    const results = smallResults();
    const map = processMapData(results, 'baseline', 'order')!;
    const team = 'field_installation_engineers_of_the_northern_region_on_call';
    const drawn = await renderProcessMap({ ...map, bottleneck: team }, 'Process map: order');
    const subtitle = drawn.svg.match(/<text x="12" y="38" font-size="11" fill="#4b5563">([^<]*)<\/text>/)![1];
    expect(subtitle).toContain(`bottleneck team: ${shortLabel(words(team))}`);
    expect(drawn.width).toBe(Math.ceil(textWidth(subtitle, 11, false)) + 24);
    expect(drawn.width).toBeGreaterThan(640);
  });

  test("a bottleneck team that serves none of the flow's steps: the subtitle says so, not that a border is red", async () => {
    const map = processMapData(smallResults(), 'baseline', 'order')!;
    const subtitleOf = async (m: typeof map) =>
      (await renderProcessMap(m, 'Process map: order')).svg.match(/<text x="12" y="38" font-size="11" fill="#4b5563">([^<]*)<\/text>/)![1];
    expect(await subtitleOf(map)).toMatch(/; bottleneck team: desk \(thick red border\)$/);
    const elsewhere = { ...map, steps: map.steps.map((s) => ({ ...s, bottleneck: false })) }; // desk on another flow's steps only
    expect(await subtitleOf(elsewhere)).toMatch(/; bottleneck team: desk, which serves none of this flow&#39;s steps$/);
  });
});

test('a decision of 150,000 branches: the map says it is not drawn and why, at once (the layout would take hours)', async () => {
  const results = smallResults();
  const flow = results.variants.baseline.inputs!.flows.order;
  const wide = Array.from({ length: 150_000 }, () => ({ to: 'install', p: 1 / 150_000 }));
  flow.nodes.route = { kind: 'decision', etom: null, branch: wide };
  const drawn = await renderProcessMap(processMapData(results, 'baseline', 'order')!, 'Process map: order');
  expect(drawn.svg).toContain('Process map: order');
  expect(drawn.svg).toContain(
    'Not drawn: decision &#39;route&#39; has 150,000 paths out; a flow diagram draws at most 200 into or out of one step.',
  );
});

// elkjs recurses along a flow's paths: a chain of 4,600 steps overflowed the stack (RangeError), after the whole simulation
test('a flow of 5,000 steps: the map says it is not drawn and why, at once, where the layout overflowed the stack', async () => {
  const results = smallResults();
  const flow = results.variants.baseline.inputs!.flows.order;
  const steps = 5_000;
  for (let i = 0; i < steps; i++) {
    flow.nodes[`s${i}`] = {
      kind: 'task',
      etom: null,
      resource: null,
      duration: { kind: 'constant', value: 1 },
      next: i + 1 < steps ? `s${i + 1}` : null,
    };
  }
  (flow.nodes.install as { next: string | null }).next = 's0';
  const total = Object.keys(flow.nodes).length;
  const drawn = await renderProcessMap(processMapData(results, 'baseline', 'order')!, 'Process map: order');
  expect(drawn.svg).toContain('Process map: order');
  expect(drawn.svg).toContain(`Not drawn: the flow has ${total.toLocaleString('en-US')} steps; a flow diagram draws at most 2,000.`);
});

const FOLDER = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const FILES = readdirSync(FOLDER)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe.each(FILES)('the process maps of %s', (file) => {
  test('hold every step of every flow, in every map drawn', async () => {
    const results = await bundledResults(2, FOLDER + file);
    const maps = processMaps(results);
    const flows = Object.keys(results.variants.baseline.inputs!.flows);
    expect(new Set(maps.map((m) => m.flow))).toEqual(new Set(flows));
    for (const map of maps) {
      const drawn = await renderProcessMap(map, map.name);
      const steps = Object.keys(results.variants[map.variant].inputs!.flows[map.flow].nodes);
      for (const step of steps) expect(drawn.svg, `${map.name}: ${step}`).toContain(`data-step="${step}"`);
      expect(drawn.svg.match(/data-step="/g)!.length).toBe(steps.length + drawn.layout.nodes.filter((n) => n.kind === 'join').length);
    }
  }, 60_000);
});
