// The process map: its data (wait shares, the bottleneck, changed steps) worked out on the
// hand-made results, and the drawing of every bundled scenario's flows holding every step.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  changedSteps,
  probabilityText,
  processMapData,
  processMaps,
  renderProcessMap,
  waitColor,
  wrap,
} from '../../../reports/charts/process-map.js';
import { textWidth } from '../../../reports/text-width.js';
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
