// report.html: one self-contained page that works offline. The vega libraries are inlined,
// every chart's spec carries its data, and a Content-Security-Policy forbids the page any
// request, so nothing leaves the reader's machine.
import { xmlCharacters } from '../engine/interchange/xml-text.js';
import type { Results } from '../engine/results/types.js';
import { browserLibraries } from './browser-libs.js';
import type { Chart } from './chart.js';
import type { MapFigure } from './index.js';
import type { VariantGains } from './gains.js';
import { cautions, readingNotes, runSummary } from './notes.js';
import { DIAGNOSTICS_NOTE, isDiagnosticChart } from './diagnostics.js';
import { EXECUTIVE_NOTE } from './executive.js';
import { assumptionsSection, diagnosticChangesSection, executiveSection } from './sections.js';
import { TABLE_NOTE, type Table } from './tables.js';

export interface HtmlInput {
  results: Results;
  gains: VariantGains[];
  charts: Chart[];
  tables: Table[];
  /** process maps, drawn as SVG */
  maps?: MapFigure[];
}

/** vega compiles expressions with Function (unsafe-eval); styles and scripts are inline. */
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:";

/**
 * The page's styles. Under 900 px (a tablet held upright, a window beside another) the margins,
 * the executive tables' cell padding and their outcome and verdict columns' least widths shrink:
 * at 800 px their five columns took 772-827 px in boxes of 701, and the verdict, the column a
 * board reads, was behind a scroll bar (s63E).
 */
const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 24px 0 8px; }
.run { color: #4b5563; font-size: 14px; }
.caution { background: #fef3c7; border-left: 4px solid #d97706; padding: 8px 12px; margin: 8px 0; }
.reading-note { background: #eff6ff; border-left: 4px solid #2563eb; padding: 8px 12px; margin: 8px 0; }
.gains { display: flex; flex-wrap: wrap; gap: 16px; }
.variant { flex: 1 1 320px; border: 1px solid #e5e7eb; border-left-width: 6px; border-radius: 4px; padding: 10px 14px; }
.variant h3 { margin: 0 0 2px; }
.variant p { margin: 0 0 6px; color: #4b5563; font-size: 14px; }
.variant ul { margin: 0; padding-left: 18px; font-size: 14px; }
.not-significant { color: #6b7280; }
figure { margin: 16px 0 28px; overflow-x: auto; }
.table-scroll { overflow-x: auto; max-width: 100%; margin-bottom: 8px; }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 8px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
th { background: #f9fafb; font-weight: 600; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.note, footer { color: #4b5563; font-size: 13px; }
footer { margin-top: 40px; border-top: 1px solid #e5e7eb; padding-top: 8px; }
nav.toc { background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 4px; padding: 8px 16px; margin: 16px 0; font-size: 14px; }
nav.toc ol { margin: 4px 0; padding-left: 20px; columns: 2; }
nav.toc a, h2 a.anchor { color: #1d4ed8; text-decoration: none; }
h2 a.anchor { visibility: hidden; margin-left: 6px; font-weight: normal; }
h2:hover a.anchor { visibility: visible; }
section { scroll-margin-top: 12px; }
.warnings, .notes { margin: 12px 0; }
#executive .variant { display: block; margin: 0 0 16px; }
table.outcomes { font-size: 14px; }
table.outcomes th[scope="row"] { background: none; font-weight: normal; white-space: normal; min-width: 14em; }
table.outcomes td.verdict { white-space: normal; min-width: 13em; }
table.outcomes tr.significant td.change { font-weight: 700; }
table.outcomes tr.worse td.change, table.outcomes tr.worse td.verdict { font-weight: 700; color: #b91c1c; }
table.outcomes tr.significant td.verdict { font-weight: 700; color: #15803d; }
table.outcomes tr.not-significant td { color: #6b7280; }
td.arrow { color: #9ca3af; padding: 4px 0; }
p.cost { font-size: 14px; margin: 8px 0 0; }
p.description { margin: 0 0 8px; }
tr.folded td { color: #6b7280; font-style: italic; white-space: normal; }
@media (max-width: 900px) {
  body { padding: 16px 16px 32px; }
  #executive .variant { padding: 8px 10px; }
  table.outcomes th, table.outcomes td { padding: 4px 6px; }
  table.outcomes th[scope="row"] { min-width: 9em; }
  table.outcomes td.verdict { min-width: 8em; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc ol { columns: 1; }
  h2 { break-before: page; }
  section#executive h2 { break-before: avoid; }
  h2 a.anchor { display: none; }
  figure, table, article.variant, .caution, .reading-note { break-inside: avoid; }
  figure, .table-scroll { overflow: visible; }
  figure.process-map svg { max-width: 100%; height: auto; }
  a { color: inherit; }
  footer { break-before: avoid; }
}
@page { size: A4 landscape; margin: 12mm; }
`;

/** Text for HTML and the hand-drawn SVG maps: markup escaped, and no character XML 1.0 cannot carry. */
export function escapeHtml(text: string): string {
  return xmlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A table in a box of the page's width that scrolls sideways when the table is wider: its cells
 * keep to one line, so a table of many columns or a long name ran past the page's right edge
 * (the bundled scenario's KPI tables to 1,370 px in a window 1,180 px wide), and the whole page
 * scrolled with it.
 */
export function scrolling(table: string): string {
  return `<div class="table-scroll">${table}</div>`;
}

export function htmlTable(t: Table): string {
  const head = `<tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map(
    (r) => `<tr>${r.map((c, i) => `<td${t.numeric[i] ? ' class="number"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
  );
  return `<h3>${escapeHtml(t.title)}</h3>\n${scrolling(`<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`)}`;
}

/** JSON is valid JavaScript; escaping "<" keeps "</script>" in a name from ending the element. */
export function embedScript(charts: Chart[]): string {
  const specs = JSON.stringify(Object.fromEntries(charts.map((c) => [c.name, c.spec]))).replace(/</g, '\\u003c');
  return `const charts = ${specs};
for (const [name, spec] of Object.entries(charts)) {
  const target = document.getElementById('chart-' + name);
  vegaEmbed(target, spec, { actions: false, renderer: 'svg' }).catch((error) => {
    console.error(error);
    target.textContent = 'This chart could not be drawn: ' + error.message;
  });
}`;
}

interface PageSection {
  id: string;
  title: string;
  body: string;
}

function section(s: PageSection): string {
  return `<section id="${s.id}">\n<h2>${escapeHtml(s.title)}<a class="anchor" href="#${s.id}" aria-label="link to this section">#</a></h2>\n${s.body}\n</section>`;
}

/** The run's notes (notes.ts readingNotes) under the warnings, apart from them and marked as notes; nothing without any. */
function notesBlock(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<div class="notes" id="notes">${notes.map((n) => `<p class="reading-note"><strong>Note:</strong> ${escapeHtml(n)}</p>`).join('\n')}</div>\n`;
}

export function renderHtml({ results, gains, charts, tables, maps = [] }: HtmlInput): string {
  const figure = (c: Chart) =>
    `<figure id="figure-${c.name}"><div id="chart-${c.name}" class="chart" role="img" aria-label="${escapeHtml(c.title)}"></div></figure>`;
  const outcomeCharts = charts.filter((c) => !isDiagnosticChart(c.name));
  const diagnosticCharts = charts.filter((c) => isDiagnosticChart(c.name));
  const scripts = [...browserLibraries(), embedScript(charts)].map((code) => `<script>${code}</script>`);
  const sections: PageSection[] = [
    {
      id: 'executive',
      title: gains.length > 0 ? 'Executive summary: outcomes against the baseline' : 'Executive summary',
      body: `<p class="note">${escapeHtml(EXECUTIVE_NOTE)}</p>\n${executiveSection(results)}`,
    },
  ];
  if (maps.length > 0)
    sections.push({
      id: 'process-maps',
      title: 'Process maps',
      body: maps.map((m) => `<figure class="process-map" id="${escapeHtml(m.name)}">${m.svg}</figure>`).join('\n'),
    });
  if (outcomeCharts.length > 0) sections.push({ id: 'outcomes', title: 'Outcomes in detail', body: outcomeCharts.map(figure).join('\n') });
  const diagnosticTables = diagnosticChangesSection(results);
  if (diagnosticCharts.length > 0 || diagnosticTables !== '') {
    sections.push({
      id: 'diagnostics',
      title: 'Diagnostics: teams, queues and where the time goes',
      body: `<p class="note">${escapeHtml(DIAGNOSTICS_NOTE)}</p>\n${diagnosticCharts.map(figure).join('\n')}\n${diagnosticTables}`,
    });
  }
  sections.push({ id: 'assumptions', title: 'Assumptions', body: assumptionsSection(results) });
  sections.push({
    id: 'tables',
    title: 'All KPIs',
    body: `<p class="note">${escapeHtml(TABLE_NOTE)}</p>\n${tables.map(htmlTable).join('\n')}`,
  });
  const toc = `<nav class="toc" aria-label="contents"><strong>Contents</strong><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(results.scenario)}: simulation report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(results.scenario)}</h1>
${results.description ? `<p>${escapeHtml(results.description)}</p>` : ''}
<p class="run">${escapeHtml(runSummary(results))}</p>
<div class="warnings" id="warnings">${cautions(results)
    .map((c) => `<p class="caution">${escapeHtml(c)}</p>`)
    .join('\n')}</div>
${notesBlock(readingNotes(results))}${toc}
</header>
<main>
${sections.map(section).join('\n')}
</main>
<footer>Made by ${escapeHtml(`${results.engine.name} ${results.engine.version}`)}. Beside this page, depending on --formats: charts/*.svg and charts/*.png for slides, charts/*.vl.json (Vega-Lite), summary.md, report.pptx, report.xlsx, and kpis.csv, replications.csv and comparisons.csv for Power BI, Tableau or a spreadsheet.</footer>
${scripts.join('\n')}
</body>
</html>
`;
}
