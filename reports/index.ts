// The report: every file it writes beside results.json, built from the results alone, in
// memory, so that the caller writes them all atomically or none.
import type { OutputFiles } from '../engine/io/atomic.js';
import type { Results } from '../engine/results/types.js';
import { safeForVega, type Chart, type ChartBuilder } from './chart.js';
import { bottleneckSharesChart, bottleneckTimelineChart } from './charts/bottlenecks.js';
import { breakdownChart } from './charts/breakdown.js';
import { cycleTimeChart } from './charts/cycle-time.js';
import { etomTimeChart } from './charts/etom-time.js';
import { kpiGainsChart } from './charts/kpi-gains.js';
import { queueLengthChart } from './charts/queue-length.js';
import { sensitivityChart } from './charts/sensitivity.js';
import { slaChart } from './charts/sla.js';
import { throughputChart } from './charts/throughput.js';
import { timeSplitChart } from './charts/time-split.js';
import { utilizationChart } from './charts/utilization.js';
import { welchChart } from './charts/welch.js';
import { processMaps, renderProcessMap } from './charts/process-map.js';
import { comparisonsCsv, kpisCsv, replicationsCsv } from './csv.js';
import { headlineGains } from './gains.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSvg } from './svg.js';
import { words } from './format.js';
import { kpiTables } from './tables.js';

/** In the order of the page: the gains first, then what explains them. */
const CHARTS: ChartBuilder[] = [
  kpiGainsChart,
  cycleTimeChart,
  slaChart,
  breakdownChart,
  timeSplitChart,
  etomTimeChart,
  utilizationChart,
  bottleneckSharesChart,
  bottleneckTimelineChart,
  sensitivityChart,
  throughputChart,
  queueLengthChart,
  welchChart,
];

export function reportCharts(results: Results): Chart[] {
  return CHARTS.map((build) => build(results))
    .filter((c): c is Chart => c !== null)
    .map((c) => ({ ...c, spec: safeForVega(c.spec) }));
}

export interface MapFigure {
  name: string;
  title: string;
  svg: string;
  width: number;
  height: number;
}

/** The process maps, drawn (each flow's baseline, then each variant that changes it). */
export async function renderedMaps(results: Results): Promise<MapFigure[]> {
  const out: MapFigure[] = [];
  for (const map of processMaps(results)) {
    const title = map.variant === 'baseline' ? `Process map: ${words(map.flow)}` : `Process map: ${words(map.flow)}, variant ${map.variant}`;
    const drawn = await renderProcessMap(map, title);
    out.push({ name: map.name, title, svg: drawn.svg, width: drawn.width, height: drawn.height });
  }
  return out;
}

/** Every report file, by path relative to the output folder (report.html, summary.md, kpis.csv, replications.csv, comparisons.csv, charts/*.vl.json, charts/*.svg, charts/process-map-*.svg). */
export async function buildReport(results: Results): Promise<OutputFiles> {
  const charts = reportCharts(results);
  const maps = await renderedMaps(results);
  const page = { results, gains: headlineGains(results), charts, tables: kpiTables(results), maps };
  const files: OutputFiles = new Map();
  files.set('report.html', renderHtml(page));
  files.set('summary.md', renderMarkdown(page));
  files.set('kpis.csv', kpisCsv(results));
  files.set('replications.csv', replicationsCsv(results));
  files.set('comparisons.csv', comparisonsCsv(results));
  for (const map of maps) files.set(`charts/${map.name}.svg`, map.svg);
  for (const chart of charts) {
    files.set(`charts/${chart.name}.vl.json`, JSON.stringify(chart.spec, null, 2) + '\n');
    files.set(`charts/${chart.name}.svg`, await renderSvg(chart.spec));
  }
  return files;
}
