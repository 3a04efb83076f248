// The sizing report: what `etomsim size --out` writes beside sizing.json, and what
// `etomsim report sizing.json` rebuilds from it: the cost-against-KPI chart (Vega-Lite and
// SVG) and sizing.html, a self-contained page with the current and recommended staffing,
// their weekly costs, the KPIs of both with intervals, and the diagnosis when the targets
// cannot be met. Invariant: every text from the scenario or the command line is escaped.
import type { OutputFiles } from '../engine/io/atomic.js';
import type { MetricValue, SizingResult } from '../engine/results/sizing.js';
import { periodsText } from './assumptions.js';
import { sizingChart } from './charts/sizing.js';
import { metricLabel, metricValue, num } from './format.js';
import { escapeHtml, htmlTable } from './html.js';
import type { Table } from './tables.js';

export async function sizingFiles(sizing: SizingResult): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  const chart = sizingChart(sizing);
  let svg = '';
  if (chart) {
    files.set('sizing.vl.json', JSON.stringify(chart.spec, null, 2) + '\n');
    const { renderSvg } = await import('./svg.js'); // vega loads only to draw: isSizingResult and the tables need none
    svg = await renderSvg(chart.spec);
    files.set('sizing.svg', svg);
  }
  files.set('sizing.html', sizingHtml(sizing, svg));
  return files;
}

/** Is this parsed JSON a sizing.json (rather than a results.json)? */
export function isSizingResult(data: unknown): data is SizingResult {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<SizingResult>;
  return Array.isArray(d.candidates) && Array.isArray(d.targets) && 'chosen' in d && typeof d.current === 'object';
}

export function sizingTables(sizing: SizingResult): Table[] {
  const { chosen, current } = sizing;
  const staffing: Table = {
    title: chosen ? 'Current and recommended staffing' : 'Current staffing (no staffing within the maximum meets every target)',
    head: ['team', 'current', ...(chosen ? ['recommended'] : []), 'lower bound', 'maximum'],
    rows: sizing.resources.map((r) => [
      r,
      String(current.capacities[r]),
      ...(chosen ? [String(chosen.capacities[r])] : []),
      String(sizing.lower_bounds[r]),
      String(sizing.max_capacity[r]),
    ]),
    numeric: [false, true, ...(chosen ? [true] : []), true, true],
  };
  const cost: Table = {
    title: 'Weekly cost',
    head: ['staffing', 'cost per week', 'cost per hour'],
    rows: [
      ['current', money(current.cost_per_week), money(current.cost_per_hour)],
      ...(chosen
        ? [
            ['recommended', money(chosen.cost_per_week), money(chosen.cost_per_hour)],
            ['difference', signed(sizing.cost_difference_per_week!), signed(sizing.cost_difference_per_week! / 168)],
          ]
        : []),
    ],
    numeric: [false, true, true],
  };
  const paths = Object.keys((chosen ?? current).metrics).filter(
    (p) => !/\.(breakdown\.[a-z_]+|wait)$/.test(p) || sizing.targets.some((t) => t.includes(p)),
  );
  const kpis: Table = {
    title: 'KPIs (mean [95% interval])',
    head: ['metric', 'current', ...(chosen ? ['recommended'] : [])],
    rows: paths.map((p) => [metricLabel(p), cell(p, current.metrics[p]), ...(chosen ? [cell(p, chosen.metrics[p])] : [])]),
    numeric: [false, true, true],
  };
  return [staffing, ...(sizing.shifts.length > 0 ? [shiftTable(sizing)] : []), cost, kpis];
}

/** With --per-shift: per team and shift, its Erlang C staffing, current and recommended capacities, and their weekly costs. */
export function shiftTable(sizing: SizingResult): Table {
  const recommended = sizing.chosen !== null;
  return {
    title: 'Staffing per shift, and its cost per week',
    head: [
      'team',
      'shift',
      'hours a week',
      'Erlang C',
      'maximum',
      'current',
      ...(recommended ? ['recommended'] : []),
      'cost now',
      ...(recommended ? ['cost recommended', 'difference'] : []),
    ],
    rows: sizing.shifts.map((s) => [
      s.team,
      periodsText(s.periods),
      num(s.hours_per_week),
      String(s.erlang_c),
      String(s.max_capacity),
      String(s.current),
      ...(recommended ? [String(s.recommended)] : []),
      money(s.cost_per_week.current),
      ...(recommended ? [money(s.cost_per_week.recommended!), signed(s.cost_per_week.difference!)] : []),
    ]),
    numeric: [false, false, true, true, true, true, ...(recommended ? [true] : []), true, ...(recommended ? [true, true] : [])],
  };
}

function sizingHtml(sizing: SizingResult, svg: string): string {
  const diagnosis = sizing.diagnosis.map((d) => {
    const best =
      d.best_mean === null
        ? 'no value (no case observed)'
        : `${metricValue(d.path, d.best_mean)} (interval end ${metricValue(d.path, d.best_bound)})`;
    const limits = d.limits.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
    return `<h3>${escapeHtml(`Target '${d.target}' cannot be met`)}</h3><p>${escapeHtml(`Best reached: ${best}.`)}</p><ul>${limits}</ul>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`Sizing: ${sizing.scenario}`)}</title>
<style>body { font-family: system-ui, sans-serif; margin: 24px; color: #111827; } table { border-collapse: collapse; margin: 8px 0 20px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; } td.number { text-align: right; font-variant-numeric: tabular-nums; }</style>
</head><body>
<h1>${escapeHtml(`Sizing ${sizing.resources.join(', ')}: ${sizing.scenario}`)}</h1>
<p>${escapeHtml(`Targets, each met when the unfavourable end of its 95% interval meets it: ${sizing.targets.join('; ')}. ${sizing.replications} replications per candidate, seed ${sizing.seed}, ${sizing.candidates.length} candidates tried.`)}</p>
${diagnosis.join('\n')}
${sizingTables(sizing).map(htmlTable).join('\n')}
${svg ? `<figure>${svg}</figure>` : ''}
</body></html>
`;
}

function cell(path: string, m: MetricValue | undefined): string {
  if (!m || m.mean === null) return '–';
  return `${metricValue(path, m.mean)}${m.ci95 ? ` [${metricValue(path, m.ci95[0])}, ${metricValue(path, m.ci95[1])}]` : ''}`;
}

function money(x: number): string {
  return num(x);
}

function signed(x: number): string {
  if (x === 0) return '0';
  return `${x > 0 ? '+' : '-'}${money(Math.abs(x))}`;
}
