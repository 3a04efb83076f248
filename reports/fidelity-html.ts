// fidelity.html: the log against the simulation, one self-contained page that works offline
// (the vega libraries inlined, a Content-Security-Policy forbidding any request). Every text
// from the log or the scenario is escaped; chart data travels as JSON with "<" escaped.
import type { TopLevelSpec } from 'vega-lite';
import { type Fidelity, HANDOVERS_UNAVAILABLE } from '../engine/fidelity/fidelity.js';
import { browserLibraries } from './browser-libs.js';
import { header, PANEL_WIDTH, type Chart } from './chart.js';
import { fixed, fixedInterval, oneLogReading, pct } from './format.js';
import { fixedNonZero, wholeNumber } from '../engine/number-format.js';
import { embedScript, escapeHtml, htmlTable } from './html.js';
import { counted } from '../engine/plural.js';

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:";
const COLORS = { domain: ['log', 'simulation'], range: ['#111827', '#2563eb'] };

function lines(
  name: string,
  title: string,
  subtitle: string,
  x: string,
  y: string,
  rows: { x: number; source: string; value: number }[],
  xType: 'quantitative' | 'ordinal' = 'quantitative',
): Chart {
  const spec = {
    ...header(title, [subtitle]),
    width: PANEL_WIDTH,
    height: 220,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'x', type: xType, title: x },
      y: { field: 'value', type: 'quantitative', title: y },
      color: { field: 'source', type: 'nominal', title: null, scale: COLORS },
    },
  } as unknown as TopLevelSpec;
  return { name, title, spec };
}

export function fidelityCharts(f: Fidelity): Chart[] {
  const pair = (log: number[], sim: number[], xs: (k: number) => number = (k) => k) => [
    ...log.map((value, k) => ({ x: xs(k), source: 'log', value })),
    ...sim.map((value, k) => ({ x: xs(k), source: 'simulation', value })),
  ];
  const cycle = [
    ...f.cycle_time.percentiles.log.map((value, q) => ({ x: value, source: 'log', value: q / 100 })),
    ...f.cycle_time.percentiles.simulation.map((value, q) => ({ x: value, source: 'simulation', value: q / 100 })),
  ].filter((r) => Number.isFinite(r.x));
  const steps = f.steps.flatMap((s) => [
    { step: s.activity, source: 'log', measure: 'processing', hours: s.log.processing },
    { step: s.activity, source: 'simulation', measure: 'processing', hours: s.simulation.processing.mean ?? 0 },
    { step: s.activity, source: 'log', measure: 'waiting', hours: s.log.waiting },
    { step: s.activity, source: 'simulation', measure: 'waiting', hours: s.simulation.waiting.mean ?? 0 },
  ]);
  const stepChart: Chart = {
    name: 'steps',
    title: 'Processing and waiting time per step',
    spec: {
      ...header('Processing and waiting time per step', ['mean hours per instance; simulation: mean over replications']),
      data: { values: steps },
      facet: { column: { field: 'measure', type: 'nominal', title: null } },
      spec: {
        width: 260,
        mark: 'bar',
        encoding: {
          y: { field: 'step', type: 'nominal', title: null },
          yOffset: { field: 'source' },
          x: { field: 'hours', type: 'quantitative', title: 'hours' },
          color: { field: 'source', type: 'nominal', title: null, scale: COLORS },
        },
      },
    } as unknown as TopLevelSpec,
  };
  return [
    lines(
      'cycle-time',
      'Cycle time distribution',
      `EMD ${fixedInterval(f.cycle_time.emd_hours)} h, KS D ${fixedInterval(f.cycle_time.ks, 3)}`,
      'cycle time (hours)',
      'share of cases',
      cycle,
    ),
    stepChart,
    lines(
      'arrivals',
      'Arrivals by hour of the week',
      `cases per hour of the week (Monday 00:00 first), per week; EMD ${fixedInterval(f.arrivals_by_hour_of_week.emd_hours, 2)} hours`,
      'hour of the week',
      'arrivals',
      pair(f.arrivals_by_hour_of_week.log, f.arrivals_by_hour_of_week.simulation),
    ),
    lines(
      'throughput',
      'Throughput per week',
      `completed cases per week of the log's period; mean absolute relative error ${fixedInterval(f.throughput_per_week.mean_absolute_relative_error, 1, 100)}%`,
      'week',
      'completed cases',
      pair(f.throughput_per_week.log, f.throughput_per_week.simulation),
    ),
    lines(
      'wip',
      'Work in progress',
      `open cases, average per day; log ${fixed(f.wip.log_mean)}, simulation ${fixedInterval(f.wip.simulation_mean)}`,
      'day',
      'open cases',
      pair(f.wip.log_per_day, f.wip.simulation_per_day),
    ),
  ];
}

export function fidelityTables(f: Fidelity) {
  return [
    {
      title: 'Cycle time (hours) and SLA attainment',
      // the mean's interval narrows with every replication; one log, one realisation, lies in the wider one-log interval
      head: ['measure', 'log', 'simulation [95% interval of its mean]', 'one log [95% interval]'],
      numeric: [false, true, true, true],
      rows: [
        [
          "cases arriving in the log's window",
          wholeNumber(f.cases.log),
          fixedInterval(f.cases.simulation, 1),
          oneLogReading(f.cases.log, f.cases.simulation, 1),
        ],
        // files before session 35 have neither
        ...(f.cases_arrived === undefined
          ? []
          : [
              [
                'cases arrived, shown by any event',
                wholeNumber(f.cases_arrived.log),
                fixedInterval(f.cases_arrived.simulation, 1),
                oneLogReading(f.cases_arrived.log, f.cases_arrived.simulation, 1),
              ],
              [
                'of them cancelled',
                wholeNumber(f.cases_cancelled.log),
                fixedInterval(f.cases_cancelled.simulation, 1),
                oneLogReading(f.cases_cancelled.log, f.cases_cancelled.simulation, 1),
              ],
            ]),
        [
          'mean',
          fixed(f.cycle_time.log.mean),
          fixedInterval(f.cycle_time.simulation.mean),
          oneLogReading(f.cycle_time.log.mean, f.cycle_time.simulation.mean),
        ],
        [
          'p50',
          fixed(f.cycle_time.log.p50),
          fixedInterval(f.cycle_time.simulation.p50),
          oneLogReading(f.cycle_time.log.p50, f.cycle_time.simulation.p50),
        ],
        [
          'p90',
          fixed(f.cycle_time.log.p90),
          fixedInterval(f.cycle_time.simulation.p90),
          oneLogReading(f.cycle_time.log.p90, f.cycle_time.simulation.p90),
        ],
        ["earth mover's distance (hours)", '', fixedInterval(f.cycle_time.emd_hours), ''],
        ['Kolmogorov-Smirnov D', '', fixedInterval(f.cycle_time.ks, 3), ''],
        [
          `SLA attainment within ${fixedNonZero(f.sla.hours, 2)} h (${f.sla.source})`,
          pct(f.sla.log),
          `${fixedInterval(f.sla.simulation, 1, 100)}%`,
          oneLogReading(f.sla.log, f.sla.simulation, 1, 100),
        ],
        [
          'work in progress (mean open cases)',
          fixed(f.wip.log_mean),
          fixedInterval(f.wip.simulation_mean),
          oneLogReading(f.wip.log_mean, f.wip.simulation_mean),
        ],
        ['arrivals by hour of week: EMD (hours)', '', fixedInterval(f.arrivals_by_hour_of_week.emd_hours), ''],
        [
          'throughput per week: mean absolute relative error',
          '',
          `${fixedInterval(f.throughput_per_week.mean_absolute_relative_error, 1, 100)}%`,
          '',
        ],
        ['paths: total variation distance', '', fixedInterval(f.paths.total_variation, 3), ''],
      ],
    },
    {
      title: 'Per step (hours per instance)',
      head: [
        'step',
        'instances (log)',
        'instances (simulation)',
        'processing (log)',
        'processing (simulation)',
        'waiting (log)',
        'waiting (simulation)',
      ],
      numeric: [false, true, true, true, true, true, true],
      rows: f.steps.map((s) => [
        s.activity,
        wholeNumber(s.log.n),
        fixedInterval(s.simulation.n, 0),
        fixed(s.log.processing),
        fixedInterval(s.simulation.processing),
        fixed(s.log.waiting),
        fixedInterval(s.simulation.waiting),
      ]),
    },
    ...handoverTables(f),
    {
      title: 'Most frequent paths (share of cases)',
      head: ['path', 'log', 'simulation'],
      numeric: [false, true, true],
      rows: f.paths.top.map((p) => [p.path, pct(p.log), `${fixedInterval(p.simulation, 1, 100)}%`]),
    },
  ];
}

/** The handovers per case (fidelity.ts' Fidelity.handovers): in all and by pair of teams; absent from files before session 63. */
function handoverTables(f: Fidelity) {
  if (f.handovers === undefined) return [];
  const h = f.handovers.per_case;
  const head = ['handovers per case', 'log', 'simulation [95% interval of its mean]', 'one log [95% interval]'];
  const numeric = [false, true, true, true];
  if (h === null)
    return [{ title: 'Handovers between teams', head, numeric, rows: [['all', `not available (${HANDOVERS_UNAVAILABLE})`, '', '']] }];
  return [
    {
      title: `Handovers between teams (changes of team along a case's steps; teams by ${f.handovers.basis})`,
      head,
      numeric,
      rows: [
        ['all', fixed(h.log), fixedInterval(h.simulation), oneLogReading(h.log, h.simulation)],
        ...f.handovers.pairs.map((p) => [
          `${p.from} to ${p.to}`,
          fixed(p.log),
          fixedInterval(p.simulation),
          oneLogReading(p.log, p.simulation),
        ]),
      ],
    },
  ];
}

export function renderFidelityHtml(f: Fidelity, charts: Chart[]): string {
  const figures = charts.map(
    (c) => `<figure><div id="chart-${c.name}" class="chart" role="img" aria-label="${escapeHtml(c.title)}"></div></figure>`,
  );
  const scripts = [...browserLibraries(), embedScript(charts)].map((code) => `<script>${code}</script>`);
  // the warnings as fidelity.json and the console give them (both directions of the match)
  const unmatched = f.warnings.map((w) => `<p class="caution">${escapeHtml(w.message)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(f.scenario)}: fidelity to ${escapeHtml(f.log.file)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; line-height: 1.45; }
h1 { font-size: 24px; } h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #e5e7eb; }
.run { color: #4b5563; font-size: 14px; } .caution { background: #fef3c7; border-left: 4px solid #d97706; padding: 8px 12px; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } th { background: #f9fafb; }
.table-scroll { overflow-x: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(f.scenario)}: how faithful to the log</h1>
<p class="run">${escapeHtml(`${f.log.file}: ${counted(f.log.cases, 'case')} arriving from ${f.log.from} to ${f.log.to}; ${counted(f.replications, 'replication')} (seed ${f.seed}) over the same period; intervals are 95% over the replications.`)}</p>
${unmatched}
<h2>Measures</h2>
${fidelityTables(f).map(htmlTable).join('\n')}
<h2>Log against simulation</h2>
${figures.join('\n')}
${scripts.join('\n')}
</body>
</html>
`;
}
