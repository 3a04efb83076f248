// summary.md: the report for a wiki or a pull request, told like report.html: the executive page
// (outcomes per variant, cost versus benefit), the assumptions, the process maps and charts as
// linked SVG images, the diagnostics, and the KPI tables. The text comes from the same data
// functions as the page; every piece of it is escaped here (markdownText).
import type { Results } from '../engine/results/types.js';
import type { Chart } from './chart.js';
import type { MapFigure } from './index.js';
import { assumptions, NO_CHANGES, NO_INPUTS } from './assumptions.js';
import { diagnosticChanges, DIAGNOSTICS_NOTE, foldedText, isDiagnosticChart } from './diagnostics.js';
import { BASELINE_ONLY, baselineSummary, EXECUTIVE_NOTE, executiveSummary, verdict } from './executive.js';
import { changeAmount, comparisonLabel, costsOf, metricValues, significance, words } from './format.js';
import { cautions, readingNotes, runSummary } from './notes.js';
import { TABLE_NOTE, type Table } from './tables.js';
import { append } from '../engine/lists.js';
import { oneLineText } from '../engine/io/terminal-text.js';

export interface MarkdownInput {
  results: Results;
  charts: Chart[];
  tables: Table[];
  maps?: MapFigure[];
}

/**
 * Text from the scenario or the results (names, ids, descriptions) as inline Markdown that
 * shows it literally: characters that would make emphasis, links, code, HTML, an entity or
 * a table cell's end are backslash-escaped, line breaks become spaces (a break could start a
 * new block), and control characters and bidirectional overrides are shown as their escapes, as
 * on the console (engine/io/terminal-text.ts' oneLineText: a BEL or ESC reached a terminal that
 * `cat`s the file, U+202E reversed what followed it).
 */
export function markdownText(text: string): string {
  return oneLineText(text).replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`);
}

/**
 * The same, for text that begins a paragraph: a start that would open a list or underline a heading
 * is escaped too, and leading spaces and tabs are dropped (four of them, or a tab, made the
 * paragraph a code block; one to three before a '-', a list).
 */
function markdownParagraph(text: string): string {
  return markdownText(text)
    .replace(/^[ \t]+/, '')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

/** A table, every cell escaped; `strong[row][column]` cells in bold. */
export function markdownTable(t: Table, strong: boolean[][] = []): string {
  const line = (cells: string[], bold: boolean[] = []) =>
    `| ${cells.map((c, i) => (bold[i] ? `**${markdownText(c)}**` : markdownText(c))).join(' | ')} |`;
  const rule = `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(t.head), rule, ...t.rows.map((r, i) => line(r, strong[i]))].join('\n');
}

const COMPARISON_NUMERIC = [false, true, true, true, false];

const list = (items: string[]) => [...items.map((t) => `- ${markdownText(t)}`), ''];

/** Per variant: its outcomes baseline -> variant with change, interval and verdict (those that hold after Holm in bold), then cost versus benefit. */
function executivePart(results: Results): string[] {
  const summaries = executiveSummary(results);
  if (summaries.length === 0) {
    const alone = baselineSummary(results);
    if (alone === null) return [];
    return [
      markdownParagraph(BASELINE_ONLY),
      '',
      markdownTable({
        title: 'Outcomes',
        head: ['outcome', 'baseline [95% interval]', 'note'],
        rows: alone.outcomes.map((o) => [`${words(o.flow)}: ${o.label}`, o.value, o.warned.length > 0 ? 'see warnings' : '']),
        numeric: [false, true, false],
      }),
      '',
      `**Cost:** ${markdownText(alone.costLine)}.`,
      '',
    ];
  }
  return [
    markdownParagraph(EXECUTIVE_NOTE),
    '',
    ...summaries.flatMap((v) => [
      `### ${markdownText(v.variant)}`,
      '',
      ...(v.description ? [markdownParagraph(v.description), ''] : []),
      markdownTable(
        {
          title: 'Outcomes',
          head: ['outcome', 'baseline', 'variant', 'change [95% interval]', 'verdict'],
          rows: v.outcomes.map((o) => [`${words(o.flow)}: ${o.label}`, o.baseline, o.value, o.change, verdict(o)]),
          numeric: COMPARISON_NUMERIC,
        },
        v.outcomes.map((o) => [false, false, false, o.kept && o.material, o.kept && o.material]),
      ),
      '',
      `**Cost versus benefit:** ${markdownText(v.costLine)}.`,
      '',
    ]),
  ];
}

function assumptionsPart(results: Results): string[] {
  const a = assumptions(results);
  const out = append(['### Run settings', ''], list(a.run));
  if (a.flows.length > 0) append(out, ['### Flows (baseline)', '', ...list(a.flows)]);
  if (a.teams.length > 0) append(out, ['### Teams (baseline)', '', ...list(a.teams)]);
  if (a.arrivals.length > 0) append(out, ['### Arrivals (baseline)', '', ...list(a.arrivals)]);
  if (a.variants.length > 0) {
    out.push('### What each variant changes', '');
    for (const v of a.variants) {
      out.push(`#### ${markdownText(v.variant)}`, '');
      if (v.description) out.push(markdownParagraph(v.description), '');
      append(out, list(v.changes.length > 0 ? v.changes : [NO_CHANGES]));
    }
  }
  if (a.teams.length === 0) out.push(markdownParagraph(NO_INPUTS), '');
  return out;
}

/** Per variant, the diagnostics that moved as a table, the rest folded into one line. */
function diagnosticsPart(results: Results): string[] {
  const costs = costsOf(results); // once: it reads every warning
  return diagnosticChanges(results).flatMap(({ variant, moved, still }) => [
    `### ${markdownText(variant)}`,
    '',
    ...(moved.length > 0
      ? [
          markdownTable({
            title: 'Diagnostics',
            head: ['diagnostic', 'baseline', 'variant', 'change [95% interval]', 'significant'],
            rows: moved.map((c) => [
              comparisonLabel(c.metric, costs, c.variant),
              ...metricValues(c.metric, [c.baseline, c.value], costs),
              changeAmount(c),
              significance(c, costs), // one formatter with the gains tables: agrees with the interval on its row
            ]),
            numeric: COMPARISON_NUMERIC,
          }),
          '',
        ]
      : []),
    ...(still.length > 0 ? [`*${markdownText(foldedText(still))}*`, ''] : []),
  ]);
}

const figure = (title: string, name: string) => [`![${markdownText(title)}](charts/${name}.svg)`, ''];

/**
 * In the order of report.html's argument: the executive page, then the assumptions behind it,
 * the process maps and the outcome charts, the diagnostics, and every KPI last.
 */
export function renderMarkdown({ results, charts, tables, maps = [] }: MarkdownInput): string {
  const parts: { title: string; body: string[] }[] = [
    { title: 'Executive summary', body: executivePart(results) },
    { title: 'Assumptions', body: assumptionsPart(results) },
  ];
  if (maps.length > 0) parts.push({ title: 'Process maps', body: maps.flatMap((m) => figure(m.title, m.name)) });
  const outcomeCharts = charts.filter((c) => !isDiagnosticChart(c.name));
  if (outcomeCharts.length > 0) parts.push({ title: 'Outcomes in detail', body: outcomeCharts.flatMap((c) => figure(c.title, c.name)) });
  const diagnosticCharts = charts.filter((c) => isDiagnosticChart(c.name));
  const diagnostics = diagnosticsPart(results);
  if (diagnosticCharts.length > 0 || diagnostics.length > 0)
    parts.push({
      title: 'Diagnostics',
      body: [markdownParagraph(DIAGNOSTICS_NOTE), '', ...diagnosticCharts.flatMap((c) => figure(c.title, c.name)), ...diagnostics],
    });
  parts.push({
    title: 'All KPIs',
    body: [TABLE_NOTE, '', ...tables.flatMap((t) => [`### ${markdownText(t.title)}`, '', markdownTable(t), ''])],
  });
  const out = [`# ${markdownText(results.scenario)}`, ''];
  if (results.description) out.push(markdownParagraph(results.description), '');
  out.push(`${markdownText(runSummary(results))}.`, '');
  for (const caution of cautions(results)) out.push(`> **Warning:** ${markdownText(caution)}`, '');
  for (const note of readingNotes(results)) out.push(`> **Note:** ${markdownText(note)}`, '');
  // the headings are plain words, so every renderer's anchor for them is the lower-case, hyphenated title
  out.push(`Contents: ${parts.map((p) => `[${p.title}](#${p.title.toLowerCase().replace(/ /g, '-')})`).join(' · ')}`, '');
  for (const p of parts) append(out, [`## ${p.title}`, '', ...p.body]);
  return out.join('\n');
}
