// The rehearsal: small charts a chart-drawing thread draws, and throws away, while it waits for
// the report's first spec (reports/svg-worker.ts). A thread's first drawings run in cold code (no
// type feedback, no baseline code, a young generation at its smallest), which takes about twice a
// warm drawing's time; the thread is otherwise idle until the main thread has read the results
// and built the first spec, so the cold start is paid there instead of on the report's critical
// path. The charts are built like the report's (chart.ts' header, vconcat panels with titles,
// layered and faceted views) and use what they use: bars with offsets, stacks and opacity
// legends, rules, text, lines and areas with filters and a symbol legend, a heatmap's rects with
// a gradient legend, tooltips, sorts and axis formats.
// Invariant: the specs are built from constants alone (the same every time); nothing drawn here
// reaches a report: the thread posts no SVG of them, and what vega keeps between drawings (its
// gradients' counter) is renumbered in each SVG (svg.ts numberedInOrder).
import type { TopLevelSpec } from 'vega-lite';
import { header, PANEL_WIDTH, panelTitle } from './chart.js';

const VARIANTS = ['baseline', 'first', 'second', 'third'];
const COLOURS = { domain: VARIANTS, range: ['#6b7280', '#4e79a7', '#f28e2b', '#59a14f'] };
const GROUPS = ['capture', 'check', 'design', 'configure', 'install', 'test'];

/** A smooth, varied value from two indices (no randomness: the same specs every time). */
const wave = (i: number, j: number) => 10 + 8 * Math.sin(i * 0.37 + j * 1.3) + 3 * Math.cos(i * 0.11 * (j + 1));

/** Bars per group and variant with an interval rule and a zero line, as the gains and utilisation charts. */
function barsWithRules(): TopLevelSpec {
  const rows = GROUPS.flatMap((group, i) =>
    VARIANTS.map((variant, j) => {
      const change = wave(i, j) - 10;
      return { group, variant, change, low: change - 1.5, high: change + 1.5, difference: (i + j) % 3 ? 'significant' : 'not significant' };
    }),
  );
  const y = { field: 'group', type: 'nominal', sort: GROUPS, title: null } as const;
  const yOffset = { field: 'variant', type: 'nominal', sort: VARIANTS } as const;
  return {
    ...header('Rehearsal: bars', ['a chart thread drawing while it waits, thrown away']),
    width: PANEL_WIDTH,
    height: { step: 16, for: 'offset' },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', height: { band: 0.85 } },
        encoding: {
          y,
          yOffset,
          x: { field: 'change', type: 'quantitative', title: 'change (%)', axis: { format: '+~f' } },
          color: { field: 'variant', type: 'nominal', scale: COLOURS, legend: { title: 'variant' } },
          opacity: {
            field: 'difference',
            type: 'ordinal',
            scale: { domain: ['significant', 'not significant'], range: [1, 0.35] },
            legend: { title: 'interval' },
          },
          tooltip: [
            { field: 'variant', type: 'nominal' },
            { field: 'change', type: 'quantitative', format: '+.1f' },
          ],
        },
      },
      {
        data: { values: rows },
        mark: { type: 'rule', color: '#111827', strokeWidth: 1.5 },
        encoding: { y, yOffset, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#374151' },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

/** Lines and a band over time, a shaded period with its label, a threshold rule: the time series and cycle-time charts. */
function linesOverTime(): TopLevelSpec {
  const points = 60;
  const rows = VARIANTS.flatMap((variant, j) =>
    Array.from({ length: points }, (_, i) => {
      const mean = wave(i, j);
      return { variant, time: i * 3.5 + 1.75, mean, low: mean - 2, high: mean + 2.5 };
    }),
  );
  const x = { field: 'time', type: 'quantitative' as const, title: 'simulated time (days)', scale: { domain: [0, 210], nice: false } };
  const color = {
    field: 'variant',
    type: 'nominal',
    scale: COLOURS,
    legend: { title: 'variant', symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 },
  } as const;
  return {
    ...header('Rehearsal: lines', ['a chart thread drawing while it waits, thrown away']),
    vconcat: [
      {
        title: panelTitle('a flow'),
        width: PANEL_WIDTH,
        height: 150,
        layer: [
          {
            data: { values: [{ from: 0, to: 40, label: 'warm-up' }] },
            layer: [
              { mark: { type: 'rect', color: '#f3f4f6' }, encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' } } },
              {
                mark: { type: 'text', color: '#6b7280', align: 'left', baseline: 'top', dx: 4, dy: 4 },
                encoding: { x: { ...x, field: 'from' }, y: { value: 0 }, text: { field: 'label' } },
              },
            ],
          },
          {
            data: { values: rows },
            layer: [
              {
                transform: [{ filter: "datum.variant === 'baseline'" }],
                mark: { type: 'area', opacity: 0.18 },
                encoding: { x, y: { field: 'low', type: 'quantitative', title: 'cases' }, y2: { field: 'high' }, color },
              },
              {
                transform: [{ filter: "datum.variant !== 'baseline'" }],
                mark: { type: 'line', strokeWidth: 2 },
                encoding: {
                  x,
                  y: { field: 'mean', type: 'quantitative', title: 'cases', axis: { format: '.0f' } },
                  color,
                  tooltip: [
                    { field: 'variant', type: 'nominal' },
                    { field: 'mean', type: 'quantitative', format: '.2f' },
                  ],
                },
              },
            ],
          },
          {
            data: { values: [{ time: 120, label: 'SLA 120 days' }] },
            layer: [
              { mark: { type: 'rule', color: '#b91c1c', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: { ...x } } },
              {
                mark: { type: 'text', color: '#b91c1c', align: 'right', dx: -4, dy: 8, baseline: 'top' },
                encoding: { x: { ...x }, y: { value: 0 }, text: { field: 'label' } },
              },
            ],
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

/** Stacked bars of two parts per group and variant with a text label each: the time-split and eTOM charts. */
function stackedBars(): TopLevelSpec {
  const rows = GROUPS.flatMap((group, i) =>
    VARIANTS.flatMap((variant, j) => [
      { group, variant, part: 'service', time: wave(i, j) / 10 },
      { group, variant, part: 'wait', time: wave(j, i) / 5 },
    ]),
  );
  const totals = GROUPS.flatMap((group, i) =>
    VARIANTS.map((variant, j) => ({ group, variant, time: wave(i, j) / 10 + wave(j, i) / 5, label: `${(wave(i, j) * 2.4).toFixed(2)} h` })),
  );
  const y = { field: 'group', type: 'nominal', sort: GROUPS, title: null } as const;
  const yOffset = { field: 'variant', type: 'nominal', sort: VARIANTS } as const;
  return {
    ...header('Rehearsal: stacked bars', ['a chart thread drawing while it waits, thrown away']),
    vconcat: [
      {
        width: PANEL_WIDTH,
        height: { step: 16, for: 'offset' },
        layer: [
          {
            data: { values: rows },
            mark: { type: 'bar', height: { band: 0.85 } },
            encoding: {
              y,
              yOffset,
              x: { field: 'time', type: 'quantitative', stack: 'zero', title: 'days' },
              color: { field: 'variant', type: 'nominal', scale: COLOURS, legend: { title: 'variant' } },
              opacity: {
                field: 'part',
                type: 'ordinal',
                scale: { domain: ['service', 'wait'], range: [1, 0.4] },
                legend: { title: 'time' },
              },
              order: { field: 'part', sort: 'ascending' },
              tooltip: [
                { field: 'group', type: 'nominal' },
                { field: 'time', type: 'quantitative', format: '.2f' },
              ],
            },
          },
          {
            data: { values: totals },
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, color: '#374151' },
            encoding: { y, yOffset, x: { field: 'time', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'shared', opacity: 'shared' } },
  } as TopLevelSpec;
}

/** Two teams' weeks by hour, a column per variant, each team on its colour scale: the queue heatmap. */
function heatmap(): TopLevelSpec {
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const panel = (team: string, t: number) => ({
    title: panelTitle(team),
    data: {
      values: VARIANTS.slice(0, 2).flatMap((variant, j) =>
        days.flatMap((day, d) => hours.map((hour) => ({ variant, day, hour, mean: wave(hour + d, j + t) }))),
      ),
    },
    facet: {
      column: { field: 'variant', type: 'nominal', sort: VARIANTS, title: null, header: { labelFontSize: 12, labelAnchor: 'start' } },
    },
    spec: {
      width: 216,
      height: 91,
      mark: { type: 'rect' },
      encoding: {
        x: {
          field: 'hour',
          type: 'ordinal',
          sort: hours,
          scale: { domain: hours },
          title: 'hour of the day',
          axis: { values: [0, 6, 12, 18], labelAngle: 0 },
        },
        y: { field: 'day', type: 'ordinal', sort: days, scale: { domain: days }, title: null },
        color: { field: 'mean', type: 'quantitative', scale: { scheme: 'oranges', zero: true }, title: 'cases waiting' },
        tooltip: [
          { field: 'day', type: 'ordinal' },
          { field: 'mean', type: 'quantitative', format: '.2f' },
        ],
      },
    },
    resolve: { scale: { color: 'shared' } },
  });
  return {
    ...header('Rehearsal: heatmap', ['a chart thread drawing while it waits, thrown away']),
    vconcat: [panel('a team', 0), panel('another team', 1)],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}

/**
 * The rehearsal's charts, in the order a thread draws them: each small, so that a real chart that
 * arrives meanwhile waits for one of them at most, the kinds the report's first charts use first.
 */
export function rehearsalSpecs(): TopLevelSpec[] {
  return [barsWithRules(), linesOverTime(), stackedBars(), heatmap()];
}
