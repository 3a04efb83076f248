// Every chart of every kind of results compiles with vega-lite without a single warning and
// renders to SVG; the report holds exactly the files it promises.
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import type { OutputFiles } from '../../engine/io/atomic.js';
import type { Results } from '../../engine/results/types.js';
import { processMaps } from '../../reports/charts/process-map.js';
import { buildReport } from '../../reports/index.js';
import { bundledResults } from './bundled-results.js';
import { smallResults, withoutOptionalSections } from './fixture.js';

/** vega-lite's messages, collected instead of printed. */
function compileWarnings(spec: TopLevelSpec): string[] {
  const messages: string[] = [];
  const logger = {
    level() {
      return 2;
    },
    error(...args: unknown[]) {
      messages.push(`error: ${args.join(' ')}`);
      return this;
    },
    warn(...args: unknown[]) {
      messages.push(`warning: ${args.join(' ')}`);
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  compile(spec, { logger });
  return messages;
}

const ALL_CHARTS = [
  'kpi-gains',
  'cycle-time',
  'sla',
  'breakdown',
  'time-split',
  'etom-time',
  'diagnostic-changes',
  'utilization',
  'bottlenecks',
  'bottleneck-timeline',
  'sensitivity',
  'throughput',
  'queue-length',
  'queue-heatmap',
];

const cases: [string, () => Promise<Results> | Results][] = [
  ['the bundled scenario', () => bundledResults()],
  ['hand-made results', smallResults],
  ['results without eTOM roll-ups or breakdown', () => withoutOptionalSections(smallResults())],
];

describe.each(cases)('report of %s', (_, make) => {
  let results: Results;
  let files: OutputFiles;
  let charts: string[];
  beforeAll(async () => {
    results = await make();
    files = await buildReport(results);
    charts = [...files.keys()].filter((f) => f.endsWith('.vl.json')).map((f) => f.slice('charts/'.length, -'.vl.json'.length));
  });

  test('the page, the summary, both tables and a spec and an SVG per chart', () => {
    const maps = processMaps(results).map((m) => `charts/${m.name}.svg`);
    const expected = [
      'report.html',
      'summary.md',
      'kpis.csv',
      'replications.csv',
      'comparisons.csv',
      ...charts.flatMap((c) => [`charts/${c}.vl.json`, `charts/${c}.svg`]),
      ...maps,
    ];
    expect([...files.keys()].sort()).toEqual(expected.sort());
    for (const content of files.values()) expect(typeof content).toBe('string');
  });

  test('the process maps follow the executive page, inline', () => {
    const html = files.get('report.html') as string;
    const maps = processMaps(results);
    if (maps.length === 0) return;
    expect(html.indexOf('<section id="executive">')).toBeLessThan(html.indexOf('<section id="process-maps">'));
    for (const m of maps) expect(html).toContain(`<figure class="process-map" id="${m.name}"><svg`);
  });

  test('is the same report that `etomsim report` rebuilds from results.json', async () => {
    const reread = await buildReport(JSON.parse(JSON.stringify(results)) as Results);
    expect([...reread.keys()]).toEqual([...files.keys()]);
    for (const [name, content] of files) expect(reread.get(name), name).toBe(content);
  });

  test('every spec compiles with vega-lite without a warning', () => {
    for (const name of charts) {
      const spec = JSON.parse(files.get(`charts/${name}.vl.json`) as string) as TopLevelSpec;
      expect(compileWarnings(spec), name).toEqual([]);
    }
  });

  test("every SVG is a drawing with the chart's title and no invalid number", () => {
    for (const name of charts) {
      const svg = files.get(`charts/${name}.svg`) as string;
      const spec = JSON.parse(files.get(`charts/${name}.vl.json`) as string);
      expect(svg.startsWith('<svg'), name).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>'), name).toBe(true);
      expect(svg, name).toContain(spec.title.text);
      expect(svg, name).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});

describe('which charts a report holds', () => {
  const names = async (results: Results) =>
    [...(await buildReport(results)).keys()]
      .filter((f) => f.endsWith('.vl.json'))
      .map((f) => f.slice('charts/'.length, -'.vl.json'.length));

  test("all of them for complete results, in the page's order", async () => {
    expect(await names(smallResults())).toEqual(ALL_CHARTS);
  });

  test('the eTOM, breakdown, sensitivity and typical-week charts are skipped silently when their keys are absent', async () => {
    expect(await names(withoutOptionalSections(smallResults()))).toEqual(
      ALL_CHARTS.filter((c) => !['etom-time', 'breakdown', 'sensitivity', 'queue-heatmap'].includes(c)),
    );
  });

  test('no gains chart for a scenario without variants', async () => {
    const results = smallResults();
    delete results.variants.redesign;
    results.comparisons = [];
    expect(await names(results)).toEqual(ALL_CHARTS.filter((c) => c !== 'kpi-gains' && c !== 'diagnostic-changes'));
  });
});
