// A report's charts weighed before anything is built (reports/report-size.ts, s36g F2): the
// values counted on a hand-made file, the limit's edge, the tables-only formats never refused,
// and `etomsim report` on a synthetic results.json past the limit: exit 2 at the variants key,
// the way under it named, nothing written; its tables alone are still written. `run` weighs its
// report from the scenario before it simulates (s37b F2): the weight exact against a run's file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CapturedOutput, captureOutput } from '../support/captured-output.js';
import { reportCommand } from '../../bin/commands/report.js';
import { writeRunOutput } from '../../bin/commands/run.js';
import type { Results } from '../../engine/results/types.js';
import { chartValues, MAX_CHART_VALUES, reportTooLarge, runReportTooLarge } from '../../reports/report-size.js';
import { queueHeatmapChart } from '../../reports/charts/queue-heatmap.js';
import { reportWeight } from '../../bin/results-size.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { etomsim } from '../support/cli.js';
import { smallResults } from './fixture.js';

/** smallResults with each variant's charts replaced: per variant `perReplication` values in each of 2 replications' throughput, and 101 percentiles. */
function withCharts(perReplication: number): Results {
  const r = smallResults();
  for (const name of Object.keys(r.variants)) {
    r.variants[name].charts = {
      ...r.variants[name].charts!,
      throughput_per_day: { order: [0, 1].map(() => Array.from({ length: perReplication }, (_, i) => i % 5)) },
      cycle_time_percentiles: { order: Array.from({ length: 101 }, (_, i) => i) },
      queue_length: {},
      bottleneck_share: {},
      queue_length_hour_of_week: {},
    };
  }
  return r;
}

describe('chartValues and reportTooLarge', () => {
  it('counts every series value of every variant and the comparisons', () => {
    // 2 variants x (2 x 4 + 101) + 7 comparisons
    expect(chartValues(withCharts(4))).toBe(2 * (2 * 4 + 101) + 7);
  });

  // The heatmap draws at most 6 variants a team (queue-heatmap.ts' HEATMAP_VARIANTS), the first with
  // hours for it: 9 variants, the second with no hour (every one null), weigh 6 x 168 of their
  // hours, those of variants 1 and 3-7; before session 41 all 9 x 168 were weighed.
  it("weighs the heatmap's hours of the variants it draws alone: the first 6 with hours for each team", () => {
    const r = withCharts(4);
    const second = Object.keys(r.variants)[1];
    for (let k = 3; k <= 9; k++) r.variants[`v${k}`] = structuredClone(r.variants[second]);
    const hours = (value: number | null) => ({ desk: [Array.from({ length: 168 }, () => value)] });
    for (const name of Object.keys(r.variants)) r.variants[name].charts.queue_length_hour_of_week = hours(name === second ? null : 1);
    const drawn = queueHeatmapChart(r)!;
    expect(JSON.stringify(drawn).match(/"variant":"([^"]+)"/g)?.length).toBe(6 * 168);
    expect(chartValues(r)).toBe(9 * (2 * 4 + 101) + r.comparisons.length + 6 * 168);
    // a team with hours in no variant: none weighed
    for (const name of Object.keys(r.variants)) r.variants[name].charts.queue_length_hour_of_week = hours(null);
    expect(chartValues(r)).toBe(9 * (2 * 4 + 101) + r.comparisons.length);
  });

  it('refuses a report with charts past the limit, never one of tables alone', () => {
    // at the limit exactly: 2 x (2n + 101) + 7 = MAX, n = (MAX - 7 - 202) / 4, a whole number when MAX - 209 is a multiple of 4
    const edge = (MAX_CHART_VALUES - 209) / 4;
    expect(Number.isInteger(edge)).toBe(false); // MAX is 1,000,000: take the largest n below and the one above
    const below = withCharts(Math.floor(edge));
    const above = withCharts(Math.ceil(edge));
    expect(chartValues(below)).toBeLessThanOrEqual(MAX_CHART_VALUES);
    expect(chartValues(above)).toBeGreaterThan(MAX_CHART_VALUES);
    expect(reportTooLarge(below, ['html'])).toBeNull();
    for (const formats of [['html'], ['svg'], ['md'], ['png'], ['pptx']] as const) expect(reportTooLarge(above, formats)).not.toBeNull();
    expect(reportTooLarge(above, ['csv', 'xlsx'])).toBeNull();
  });
});

describe('etomsim report on a results.json whose charts would not fit', () => {
  let dir: string;
  let said: CapturedOutput;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'etomsim-report-size-'));
    said = captureOutput();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exit 2 at the variants key, saying the limit and the way under it; nothing written', async () => {
    // synthetic: the chart values of hundreds of variants in two (2 x (2 x 260,000 + 101) + 7 = 1,040,209)
    const text = JSON.stringify(withCharts(260_000), null, 2);
    const file = join(dir, 'results.json');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    expect(await reportCommand(file, out, false)).toBe(2);
    // at the variants map: its opening brace
    const before = text.slice(0, text.indexOf('"variants": {') + '"variants": '.length).split('\n');
    expect(said.err).toBe(
      `${file}:${before.length}:${before[before.length - 1].length + 1}: a report of 2 variants (the baseline included) would draw 1,040,209 chart values, ` +
        'more than the 1,000,000 a report draws (every chart shows every variant: gigabytes of memory and minutes past it); ' +
        'write its tables alone with --formats csv or --formats csv,xlsx, or run at most about 1 variant of this size (etomsim run --variant NAME, repeatable) and report that (at variants)\n',
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['results.json']);
    // its tables alone: written
    expect(await reportCommand(file, out, true, ['csv'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'comparisons.csv', 'kpis.csv', 'replications.csv']);
  });

  it('a run whose report would not fit writes its results.json alone, and says why', async () => {
    const out = join(dir, 'run');
    // -q too (session 51; before, silenced): a report asked for and not written is said
    for (const quiet of [true, false]) {
      said.clear();
      await writeRunOutput(withCharts(260_000), { out, report: true, quiet });
      expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'results.json']);
      expect(said.err).toContain(
        'warning: no report written: a report of 2 variants (the baseline included) would draw 1,040,209 chart values',
      );
      expect(said.err).toContain(`results.json is written (etomsim report ${join(out, 'results.json')} --formats csv)`);
    }
  });
});

// s37b F2: a run's report is weighed from the scenario before it simulates, not after (3,000 variants simulated, then skipped)
describe('run weighs its report before it simulates', () => {
  /** One desk, a day's horizon (one bin a series), and two variants of it. */
  const DESK = `name: Desk
run: { horizon: 1d, replications: 3, seed: 1 }
resources:
  desk: { capacity: 2 }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 30m }
variants:
  three: { patch: { resources: { desk: { capacity: 3 } } } }
  four: { patch: { resources: { desk: { capacity: 4 } } } }
`;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'etomsim-run-weight-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("the scenario's weight is the results' chart values but the comparisons, exactly", () => {
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, DESK);
    const r = etomsim('run', file, '--out', join(dir, 'out'), '--no-report', '-w', '1', '-q');
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const set = loadScenarioText(DESK, file).set!;
    const weight = reportWeight(set, { chosen: null, replications: 3, from: 'file', csv: false });
    expect(weight.variants).toBe(3);
    expect(weight.chartValues.fixed + 3 * weight.chartValues.perReplication).toBe(chartValues(results) - results.comparisons.length);
    // one flow and one team over one day's bin: 3 x (101 + 3 x (1 + 2 x 1 + 168))
    expect(weight.chartValues.fixed + 3 * weight.chartValues.perReplication).toBe(3 * (101 + 3 * 171));
  });

  it("past the heatmap's variants, the scenario's weight counts the hours of those it draws alone, as the results' chart values do", () => {
    const file = join(dir, 'desk8.yaml');
    const more = [5, 6, 7, 8, 9, 10, 11].map((c) => `  c${c}: { patch: { resources: { desk: { capacity: ${c} } } } }\n`).join('');
    const text = `${DESK}${more}`;
    writeFileSync(file, text);
    const r = etomsim('run', file, '--out', join(dir, 'out'), '--no-report', '-w', '1', '-q');
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const weight = reportWeight(loadScenarioText(text, file).set!, { chosen: null, replications: 3, from: 'file', csv: false });
    expect(weight.variants).toBe(10);
    expect(weight.chartValues.fixed + 3 * weight.chartValues.perReplication).toBe(chartValues(results) - results.comparisons.length);
    // 10 variants of one flow and one team over one day's bin, the hours of the week of 6 of them
    expect(weight.chartValues.fixed + 3 * weight.chartValues.perReplication).toBe(10 * (101 + 3 * 3) + 6 * 3 * 168);
  });

  it('a report past the limit is said before any replication runs, and the run writes results.json alone', () => {
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, DESK);
    // 3 x (101 + n x 171) > 1,000,000 from n = 1,949 replications
    expect(runReportTooLarge(3, { fixed: 303, perReplication: 513 }, 1948, ['html'])).toBeNull();
    expect(runReportTooLarge(3, { fixed: 303, perReplication: 513 }, 1949, ['html'])).toContain(
      'would draw at least 1,000,140 chart values',
    );
    expect(runReportTooLarge(3, { fixed: 303, perReplication: 513 }, 1949, ['csv'])).toBeNull();
    // a run that stops at its first replication (--max-wip 1: two cases at once) has said it already
    // -q too (session 51; before, silenced): the report asked for will not be written
    for (const quiet of [[], ['-q']]) {
      const stopped = etomsim('run', file, '--out', join(dir, 'stopped'), '-r', '2000', '-w', '1', '--max-wip', '1', ...quiet);
      expect(stopped.status).not.toBe(0);
      expect(stopped.stderr).toContain(
        'warning: no report will be written: a report of 3 variants (the baseline included) would draw at least 1,026,303 chart values, more than the 1,000,000 a report draws',
      );
    }
    expect(existsSync(join(dir, 'stopped'))).toBe(false);
    // one that runs writes results.json alone, saying it once
    const out = join(dir, 'out');
    const ran = etomsim('run', file, '--out', out, '-r', '2000', '-w', '1');
    expect(ran.status).toBe(0);
    expect(ran.stderr.match(/no report/g)).toHaveLength(1);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'results.json']);
  });
});
