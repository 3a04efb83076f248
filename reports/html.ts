// report.html: one self-contained page that works offline. The vega libraries are inlined,
// every chart's spec carries its data, and a Content-Security-Policy forbids the page any
// request, so nothing leaves the reader's machine.
import type { Results } from '../engine/results/types.js';
import { browserLibraries } from './browser-libs.js';
import type { Chart } from './chart.js';
import type { MapFigure } from './index.js';
import { variantColor } from './colors.js';
import type { VariantGains } from './gains.js';
import { cautions, runSummary } from './notes.js';
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

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; line-height: 1.45; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 24px 0 8px; }
.run { color: #4b5563; font-size: 14px; }
.caution { background: #fef3c7; border-left: 4px solid #d97706; padding: 8px 12px; margin: 8px 0; }
.gains { display: flex; flex-wrap: wrap; gap: 16px; }
.variant { flex: 1 1 320px; border: 1px solid #e5e7eb; border-left-width: 6px; border-radius: 4px; padding: 10px 14px; }
.variant h3 { margin: 0 0 2px; }
.variant p { margin: 0 0 6px; color: #4b5563; font-size: 14px; }
.variant ul { margin: 0; padding-left: 18px; font-size: 14px; }
.not-significant { color: #6b7280; }
figure { margin: 16px 0 28px; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 8px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
th { background: #f9fafb; font-weight: 600; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.note, footer { color: #4b5563; font-size: 13px; }
footer { margin-top: 40px; border-top: 1px solid #e5e7eb; padding-top: 8px; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function gainsSection(results: Results, gains: VariantGains[]): string {
  if (gains.length === 0) return '<p>No variant to compare with the baseline.</p>';
  const cards = gains.map((g) => {
    const items = g.gains.map((x) => `<li${x.significant ? '' : ' class="not-significant"'}>${escapeHtml(`${x.label}: ${x.text}`)}</li>`);
    return [
      `<div class="variant" style="border-left-color: ${variantColor(results, g.variant)}">`,
      `<h3>${escapeHtml(g.variant)}</h3>`,
      g.description ? `<p>${escapeHtml(g.description)}</p>` : '',
      `<ul>${items.join('')}</ul>`,
      '</div>',
    ].join('');
  });
  return `<div class="gains">${cards.join('\n')}</div>`;
}

export function htmlTable(t: Table): string {
  const head = `<tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${t.numeric[i] ? ' class="number"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `<h3>${escapeHtml(t.title)}</h3>\n<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
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

/** The maps inline (our own SVG, its text escaped): wide flows scroll sideways rather than shrink past reading. */
function mapsSection(maps: MapFigure[]): string {
  if (maps.length === 0) return '';
  const figures = maps.map((m) => `<figure class="process-map" id="${escapeHtml(m.name)}">${m.svg}</figure>`);
  return `<h2>Process maps</h2>\n${figures.join('\n')}`;
}

export function renderHtml({ results, gains, charts, tables, maps = [] }: HtmlInput): string {
  const figures = charts.map((c) => `<figure><div id="chart-${c.name}" class="chart" role="img" aria-label="${escapeHtml(c.title)}"></div></figure>`);
  const scripts = [...browserLibraries(), embedScript(charts)].map((code) => `<script>${code}</script>`);
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
${cautions(results).map((c) => `<p class="caution">${escapeHtml(c)}</p>`).join('\n')}
</header>
<main>
<h2>Main gains against the baseline</h2>
${gainsSection(results, gains)}
${mapsSection(maps)}
<h2>Charts</h2>
${figures.join('\n')}
<h2>KPIs</h2>
<p class="note">${escapeHtml(TABLE_NOTE)}</p>
${tables.map(htmlTable).join('\n')}
</main>
<footer>Made by ${escapeHtml(`${results.engine.name} ${results.engine.version}`)}. Beside this page: charts/*.svg for slides, charts/*.vl.json (Vega-Lite), summary.md, kpis.csv and replications.csv for Power BI, Tableau or a spreadsheet.</footer>
${scripts.join('\n')}
</body>
</html>
`;
}
