// The report: every file it writes beside results.json, built from the results alone, in
// memory, so that the caller writes them all atomically or none.
import type { OutputFiles } from '../engine/io/atomic.js';
import type { Results } from '../engine/results/types.js';
import { assertThreadCodeIntact } from '../engine/thread-options.js';
import { safeForVega, type Chart, type ChartBuilder } from './chart.js';
import { bottleneckSharesChart, bottleneckTimelineChart } from './charts/bottlenecks.js';
import { breakdownChart } from './charts/breakdown.js';
import { cycleTimeChart } from './charts/cycle-time.js';
import { etomTimeChart } from './charts/etom-time.js';
import { diagnosticChangesChart, kpiGainsChart } from './charts/kpi-gains.js';
import { queueHeatmapChart } from './charts/queue-heatmap.js';
import { queueLengthChart } from './charts/queue-length.js';
import { sensitivityChart } from './charts/sensitivity.js';
import { slaChart } from './charts/sla.js';
import { throughputChart } from './charts/throughput.js';
import { timeSplitChart } from './charts/time-split.js';
import { utilizationChart } from './charts/utilization.js';
import { welchChart } from './charts/welch.js';
import { processMaps, renderProcessMap, type ProcessMapData } from './charts/process-map.js';
import { comparisonRows, comparisonsCsv, kpisCsv, replicationsCsv } from './csv.js';
import { headlineGains } from './gains.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { type ChartDrawing, startChartDrawing } from './svg-thread.js';
import { shortLabel, words } from './format.js';
import { kpiTables } from './tables.js';
import { DEFAULT_FORMATS, drawsCharts, type ReportFormat } from './formats.js';
import type { DeckPicture } from './pptx.js';
import { KEY_CHARTS } from './key-charts.js';
import { asShown } from './shown-intervals.js';
import { showsCharts } from './report-size.js';

/** In the order of the page: the gains first, then what explains them. */
const CHARTS: ChartBuilder[] = [
  kpiGainsChart,
  cycleTimeChart,
  slaChart,
  breakdownChart,
  timeSplitChart,
  etomTimeChart,
  diagnosticChangesChart,
  utilizationChart,
  bottleneckSharesChart,
  bottleneckTimelineChart,
  sensitivityChart,
  throughputChart,
  queueLengthChart,
  queueHeatmapChart,
  welchChart,
];

/** The report's charts, in the page's order; `built` is given each as soon as it is (so that it can be drawn meanwhile). */
export function reportCharts(results: Results, built?: (chart: Chart) => void): Chart[] {
  const charts: Chart[] = [];
  for (const build of CHARTS) {
    const made = build(results);
    if (made === null) continue;
    const chart = { ...made, spec: safeForVega(made.spec) };
    charts.push(chart);
    built?.(chart);
  }
  return charts;
}

export interface MapFigure {
  name: string;
  title: string;
  svg: string;
  width: number;
  height: number;
}

/**
 * The process maps, drawn (each flow's baseline, then each variant that changes it).
 */
export async function renderedMaps(results: Results): Promise<MapFigure[]> {
  const maps = processMaps(results);
  const out: MapFigure[] = [];
  // the drawing's title has each name shortened as a chart's label is; the page's and the deck's, whole
  const mapTitle = (map: ProcessMapData, name: (text: string) => string) =>
    map.variant === 'baseline'
      ? `Process map: ${name(words(map.flow))}`
      : `Process map: ${name(words(map.flow))}, variant ${name(map.variant)}`;
  for (const map of maps) {
    const title = mapTitle(map, (text) => text);
    const drawn = await renderProcessMap(map, title, mapTitle(map, shortLabel));
    out.push({ name: map.name, title, svg: drawn.svg, width: drawn.width, height: drawn.height });
  }
  return out;
}

/** The width and height a drawing declares (vega's SVGs and the maps both do). */
function svgSize(svg: string): { width: number; height: number } {
  const head = svg.slice(0, svg.indexOf('>'));
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(head)?.[1] ?? 0);
  return { width: attr('width'), height: attr('height') };
}

/**
 * Every report file of the formats asked for, by path relative to the output folder, its intervals those the run
 * was asked for (under --interval johnson, Johnson's: reports/shown-intervals.ts): html
 * report.html; svg charts/*.svg, charts/*.vl.json and the process maps; png charts/*.png (2x);
 * csv kpis.csv, replications.csv, comparisons.csv; md summary.md; pptx report.pptx; xlsx report.xlsx.
 * `drawing`: the chart-drawing threads, when the caller started them before it had the results
 * (they load the renderer meanwhile, and are the caller's to stop); else they are started here,
 * if the formats draw charts, and stopped here if the report fails.
 */
export async function buildReport(
  results: Results,
  formats: readonly ReportFormat[] = DEFAULT_FORMATS,
  drawing?: ChartDrawing | null,
): Promise<OutputFiles> {
  results = asShown(results); // the intervals the run was asked for (reports/shown-intervals.ts)
  if (drawing !== undefined) return reportFiles(results, formats, drawing);
  if (drawsCharts(formats)) await assertThreadCodeIntact(); // before the chart threads import the bundle's modules
  const own = drawsCharts(formats) ? startChartDrawing() : null;
  try {
    return await reportFiles(results, formats, own);
  } catch (err) {
    own?.stop(); // a long-lived process would otherwise keep the renderer loaded in threads nobody ends
    throw err;
  }
}

async function reportFiles(results: Results, formats: readonly ReportFormat[], drawing: ChartDrawing | null): Promise<OutputFiles> {
  const wants = (f: ReportFormat) => formats.includes(f);
  // the charts are drawn on their own threads, each from when its spec is built, while this one draws the maps and the pages;
  // tables alone (csv, xlsx) need neither charts nor maps
  const figures = showsCharts(formats);
  // SVG and PNG files are every chart's, a deck's pictures its key charts' alone: a deck without
  // either draws only those (fiber's results: 9 charts drawn of 14, 2.1 s of 4.3 s of drawing, session 56)
  const drawsEvery = wants('svg') || wants('png');
  const drawn: Chart[] = [];
  const draw = (chart: Chart) => {
    if (drawing === null || !(drawsEvery || KEY_CHARTS.includes(chart.name))) return;
    drawn.push(chart);
    drawing.draw(chart.spec);
  };
  const charts = figures ? reportCharts(results, draw) : [];
  const maps = figures ? await renderedMaps(results) : [];
  const loaded = drawing?.loaded() ?? Promise.resolve();
  const page = { results, gains: headlineGains(results), charts, tables: kpiTables(results), maps };
  const files: OutputFiles = new Map();
  if (wants('html')) files.set('report.html', renderHtml(page));
  if (wants('md')) files.set('summary.md', renderMarkdown(page));
  if (wants('csv')) {
    const comparisons = comparisonRows(results); // in kpis.csv's rows and comparisons.csv's
    files.set('kpis.csv', kpisCsv(results, comparisons));
    files.set('replications.csv', replicationsCsv(results));
    files.set('comparisons.csv', comparisonsCsv(results, comparisons));
  }
  // the specs' text written while the chart threads draw, not after the last chart (session 43)
  const specTexts = wants('svg') ? charts.map((chart) => JSON.stringify(chart.spec, null, 2) + '\n') : [];
  const drawings = new Map<string, string>();
  for (const map of maps) drawings.set(map.name, map.svg);
  if (drawing) {
    // the pages and tables flattened while the chart threads draw, not by the writes after the last chart (session 44)
    for (const text of files.values()) if (typeof text === 'string') flatten(text);
    const svgs = await drawing.finish();
    drawn.forEach((chart, i) => drawings.set(chart.name, svgs[i]));
  }
  await loaded; // settled: every chart is drawn, so each thread had loaded the renderer
  if (wants('svg')) {
    for (const map of maps) files.set(`charts/${map.name}.svg`, map.svg);
    for (const [i, chart] of charts.entries()) {
      files.set(`charts/${chart.name}.vl.json`, specTexts[i]);
      files.set(`charts/${chart.name}.svg`, drawings.get(chart.name)!);
    }
  }
  if (wants('png') || wants('pptx')) {
    const { renderPicture } = await import('./png.js');
    const pictures = new Map<string, DeckPicture>();
    // a key chart too tall to read on one slide goes over several, a slice of it each (deck-bands.ts)
    const chartSlides = new Map<string, DeckPicture[]>();
    const titles = new Map([...maps.map((m) => [m.name, m.title] as const), ...charts.map((c) => [c.name, c.title] as const)]);
    for (const [name, svg] of drawings) {
      // a deck needs only its key charts and the maps; the PNG format needs them all
      if (!wants('png') && !name.startsWith('process-map-') && !KEY_CHARTS.includes(name)) continue;
      const { png, slices } = await renderPicture(svg, 2, wants('pptx') && KEY_CHARTS.includes(name), wants('png'));
      const picture = { name, title: titles.get(name) ?? name, ...svgSize(svg) };
      if (KEY_CHARTS.includes(name))
        chartSlides.set(name, slices.length > 0 ? slices.map((part) => ({ ...picture, ...part })) : [{ ...picture, png: png! }]);
      if (png === null) continue; // a tall key chart's whole PNG, which only the PNG format writes
      pictures.set(name, { ...picture, png });
      if (wants('png')) files.set(`charts/${name}.png`, png);
    }
    if (wants('pptx')) {
      const { renderPptx, slidePlan } = await import('./pptx.js');
      const mapPictures = maps.map((m) => pictures.get(m.name)!).filter((p) => p !== undefined);
      files.set('report.pptx', await renderPptx(results, slidePlan(results, charts, chartSlides, mapPictures)));
    }
  }
  if (wants('xlsx')) {
    const { renderXlsx } = await import('./xlsx.js');
    files.set('report.xlsx', await renderXlsx(results));
  }
  return files;
}

/**
 * Has V8 copy a text built by concatenation (a tree of pieces) into one flat string, in place, as a
 * write would: `Buffer.byteLength` reads the text through V8's UTF-8 length, which flattens it first.
 */
function flatten(text: string): void {
  Buffer.byteLength(text, 'utf8');
}
